/**
 * Offsets to lines and columns, once: every place that reports a position (the sniffer, the
 * JSON, NDJSON and CSV decoders, the text after XML's root) counts line breaks the same way.
 *
 * Positions are 1-based line and column and a 0-based offset, counted in the caller's units
 * (UTF-16 code units for text). A line ends at LF; CR is an ordinary character (so CRLF text
 * counts each line once and a CR's column is counted like any other).
 */
import type { TextPosition } from './feed.js';

/**
 * The line breaks seen so far in a text read front to back (possibly in chunks, possibly through
 * a sliding window), and the position of any offset at or after the last one.
 *
 * The state is two numbers (the current line and where it starts). A caller that needs the
 * positions of a stretch after it has counted past it (a CSV row, checked once its end is known)
 * keeps a second index and copies the state into it with {@link LineIndex.set}: no allocation.
 *
 * @example
 * ```ts
 * const lines = new LineIndex();
 * lines.advance('ab\ncd', 0);  // the whole text, starting at offset 0
 * lines.position(4);           // { line: 2, column: 2, offset: 4 }
 * lines.at('ef\ng', 5, 3);     // a later window at offset 5, not committed: { line: 3, column: 1, offset: 8 }
 * const saved = new LineIndex();
 * saved.set(lines.line, lines.lineStart); // a copy of the state, to locate offsets from later
 * ```
 */
export class LineIndex {
  private lineNumber = 1;
  private start = 0;

  /** The 1-based number of the current line (the one after the last line break counted). */
  get line(): number {
    return this.lineNumber;
  }

  /** The offset where the current line starts. */
  get lineStart(): number {
    return this.start;
  }

  /**
   * Sets the state: to resume counting from a saved one (another index's `line` and `lineStart`,
   * or a position: its line, and its offset less its column plus 1).
   * @param line - the 1-based line.
   * @param lineStart - the offset where that line starts.
   */
  set(line: number, lineStart: number): void {
    this.lineNumber = line;
    this.start = lineStart;
  }

  /**
   * Counts one line break.
   * @param offset - the offset of the LF.
   */
  newline(offset: number): void {
    this.lineNumber++;
    this.start = offset + 1;
  }

  /**
   * Counts the line breaks of `text[from, upTo)`.
   * @param text - a window of the input.
   * @param base - the offset of `text[0]` in the input.
   * @param upTo - where to stop in `text` (default: its end).
   * @param from - where to start in `text` (default 0): the part before was counted already.
   */
  advance(text: string, base: number, upTo: number = text.length, from = 0): void {
    for (let nl = text.indexOf('\n', from); nl >= 0 && nl < upTo; nl = text.indexOf('\n', nl + 1)) this.newline(base + nl);
  }

  /**
   * The position of an offset on the current line (at or after the last line break counted).
   * @param offset - the offset.
   * @returns line, column and offset.
   */
  position(offset: number): TextPosition {
    return { line: this.lineNumber, column: offset - this.start + 1, offset };
  }

  /**
   * The position of `text[index]`, counting the line breaks of `text[from, index)` without
   * keeping them (for an error found ahead of what was counted).
   * @param text - a window of the input.
   * @param base - the offset of `text[0]` in the input.
   * @param index - the index in `text`.
   * @param from - where counting starts in `text`; by default where the current line starts
   *   (the start of `text` when that is before it). A caller that knows the first line break
   *   of `text` passes it, so that many positions in a long line cost no search each.
   * @returns line, column and offset.
   */
  at(text: string, base: number, index: number, from: number = this.start - base): TextPosition {
    let line = this.lineNumber;
    let start = this.start;
    for (let nl = text.indexOf('\n', from); nl >= 0 && nl < index; nl = text.indexOf('\n', nl + 1)) {
      line++;
      start = base + nl + 1;
    }
    const offset = base + index;
    return { line, column: offset - start + 1, offset };
  }
}
