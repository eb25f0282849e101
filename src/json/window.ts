/**
 * The JSON decoder's text window: the text not yet consumed, with the newest chunk kept as it
 * came, and the line count of everything before it (positions are over the whole input).
 */
import type { TextPosition } from '../text/feed.js';
import { LineIndex } from '../text/line-index.js';

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
  /** The line breaks before `base`. */
  private readonly lines = new LineIndex();

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
      this.lines.advance(this.buf, this.base, keep);
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
    this.lines.advance(this.buf, this.base);
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
    return this.lines.at(this.buf, this.base, index);
  }
}
