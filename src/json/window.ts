/**
 * The JSON decoder's text window: the text not yet consumed, with the newest chunk kept as it
 * came, and the line count of everything before it (positions are over the whole input).
 */
import type { TextPosition } from '../text/feed.js';

/**
 * The text window of one decoder.
 *
 * `buf` holds the text not yet consumed, from absolute offset `base`; the last text written is
 * `chunk`, which is `buf` from `chunkStart` on — unless the window is *detached*: then `chunk`
 * has not been appended to `buf` yet (`buf` is exactly the text before `chunkStart`). A list
 * element cut by a chunk boundary is finished without joining the two: joining makes one string
 * of the whole chunk that V8 must copy (flatten) before reading it, about a tenth of the
 * decoder's time. Anything that needs the whole text calls `join()`.
 *
 * @example
 * ```ts
 * const w = new TextWindow();
 * w.take('{"list":[', 0, false);
 * w.take('{"id":1}', 9, true); // detached: `buf` is '', `chunk` the new text
 * w.at(9);                      // { line: 1, column: 10, offset: 9 }
 * ```
 */
export class TextWindow {
  buf = '';
  base = 0;
  chunk = '';
  chunkStart = 0;
  detached = false;
  /** How many backslashes end the text before `chunk` (for a string that goes on across chunks). */
  backslashesBefore = 0;
  /** Lines before `base`, and the absolute offset where the line holding `base` starts. */
  private lines = 1;
  private lineStart = 0;

  /**
   * Takes the next chunk, dropping the consumed text before index `keep`.
   * @param text - the chunk.
   * @param keep - the index of `buf` from which text is still needed (every index the caller holds moves down by it).
   * @param detach - keep the chunk apart from the rest (an element goes on in it).
   */
  take(text: string, keep: number, detach: boolean): void {
    const last = this.chunk;
    let t = 0;
    while (t < last.length && last.charCodeAt(last.length - 1 - t) === 0x5c) t++;
    this.backslashesBefore = t === last.length ? this.backslashesBefore + t : t;
    this.join();
    let rest = this.buf;
    if (keep > 0) {
      this.countLines(keep);
      rest = rest.slice(keep);
      this.base += keep;
    }
    this.detached = detach && rest !== '';
    if (this.detached) this.buf = rest;
    else this.buf = rest === '' ? text : rest + text;
    this.chunk = text;
    this.chunkStart = this.detached ? rest.length : this.buf.length - text.length;
  }

  /** Appends a detached chunk to `buf`, for everything that reads the text as a whole. */
  join(): void {
    if (this.detached) {
      this.buf += this.chunk;
      this.detached = false;
    }
  }

  /** Drops the text before the (detached) chunk: the chunk, read as it came, becomes the buffer. @returns how far indexes move down. */
  dropBeforeChunk(): number {
    const shift = this.chunkStart;
    this.countLines(this.buf.length);
    this.base += shift;
    this.buf = this.chunk;
    this.chunkStart = 0;
    this.detached = false;
    return shift;
  }

  /** @returns the end of the text written, as an index of `buf` (joined). */
  end(): number {
    this.join();
    return this.buf.length;
  }

  /**
   * The position of an index of `buf`.
   * @param index - the index.
   * @returns its line, column and absolute offset.
   */
  at(index: number): TextPosition {
    this.join();
    let line = this.lines;
    let lineStart = this.lineStart;
    let nl = this.buf.indexOf('\n');
    while (nl >= 0 && nl < index) {
      line++;
      lineStart = this.base + nl + 1;
      nl = this.buf.indexOf('\n', nl + 1);
    }
    const offset = this.base + index;
    return { line, column: offset - lineStart + 1, offset };
  }

  private countLines(upTo: number): void {
    let nl = this.buf.indexOf('\n');
    while (nl >= 0 && nl < upTo) {
      this.lines++;
      this.lineStart = this.base + nl + 1;
      nl = this.buf.indexOf('\n', nl + 1);
    }
  }
}
