/**
 * The JSON decoder's value scan ({@link ValueScan}), and small scans it and the decoder need
 * outside the hot loop: where a string ends, how to describe a character in an error, and which
 * path of the tree an index of a value's text lies in (for a limit crossed while the value is
 * still arriving).
 */
import type { LimitChecker } from '../tree/checks.js';
import type { LimitName } from '../tree/limits.js';
import type { TextWindow } from './window.js';

/**
 * The index of the quote that closes a string whose content starts at `from`, or -1.
 * @param buf - the text.
 * @param from - the index after the opening quote.
 * @returns the index of the closing quote, or -1 when the text does not hold it.
 * @example
 * ```ts
 * stringEnd('"a\\"b"', 1); // 5
 * ```
 */
export function stringEnd(buf: string, from: number): number {
  let j = from - 1;
  for (;;) {
    j = buf.indexOf('"', j + 1);
    if (j < 0) return -1;
    let k = j - 1;
    while (k >= from && buf.charCodeAt(k) === 0x5c) k--;
    if (((j - 1 - k) & 1) === 0) return j;
  }
}

/**
 * Describes the character at an index for an error message.
 * @param text - the text.
 * @param i - the index.
 * @returns `` `x` ``, `U+0000` for a control character, or "the end of the input".
 * @example
 * ```ts
 * describe('{\n', 1); // 'U+000A'
 * ```
 */
export function describe(text: string, i: number): string {
  const c = text.codePointAt(i);
  if (c === undefined) return 'the end of the input';
  return c < 0x20 || c === 0x7f ? `U+${c.toString(16).padStart(4, '0').toUpperCase()}` : `\`${String.fromCodePoint(c)}\``;
}

/**
 * The path tokens, inside a (valid so far) JSON value, of the place an index lies in: inside a
 * string or number, the path of that value; at a key, the path of its object; at the start of
 * a list item, the path of the list. Used only when an error needs it.
 *
 * @param text - the text.
 * @param start - where the value starts.
 * @param index - the index of interest (at most the end of the text).
 * @returns the tokens from the value's own path down (attribute names and 0-based list indexes).
 * @example
 * ```ts
 * pathAt('{"a":[{"b":"xyz"}]}', 0, 13); // ['a', 0, 'b']
 * ```
 */
export function pathAt(text: string, start: number, index: number): (string | number)[] {
  // One entry per open container: its token in the path (pushed when the container's value
  // starts), its kind, and for an object the last key, for a list the next item's index.
  const tokens: (string | number)[] = [];
  const kinds: number[] = [];
  const keys: string[] = [];
  const next: number[] = [];
  let afterColon = false;
  let i = start;
  const open = (): void => {
    const top = kinds.length - 1;
    if (top < 0) return;
    if (kinds[top] === 1) tokens.push(keys[top] as string);
    else tokens.push((next[top] as number) - 1);
  };
  while (i < index) {
    const c = text.charCodeAt(i);
    const top = kinds.length - 1;
    if (c === 0x22) {
      const close = stringEnd(text, i + 1);
      const isKey = top >= 0 && kinds[top] === 1 && !afterColon;
      if (!isKey && top >= 0 && kinds[top] === 2) next[top] = (next[top] as number) + 1;
      if (close < 0 || close >= index) {
        if (!isKey) open();
        return tokens;
      }
      if (isKey) {
        try {
          keys[top] = JSON.parse(text.slice(i, close + 1)) as string;
        } catch {
          keys[top] = text.slice(i + 1, close);
        }
      }
      afterColon = false;
      i = close + 1;
      continue;
    }
    if (c === 0x3a) afterColon = true;
    else if (c === 0x7b || c === 0x5b) {
      if (top >= 0 && kinds[top] === 2) next[top] = (next[top] as number) + 1;
      open();
      kinds.push(c === 0x7b ? 1 : 2);
      keys.push('');
      next.push(0);
      afterColon = false;
    } else if (c === 0x7d || c === 0x5d) {
      kinds.pop();
      keys.pop();
      next.pop();
      if (kinds.length > 0) tokens.pop();
      afterColon = false;
    } else if (c === 0x2c) afterColon = false;
    else if (c > 0x20 && top >= 0 && (afterColon || kinds[top] === 2)) {
      // A number or literal: the place is that value until it ends.
      if (kinds[top] === 2) next[top] = (next[top] as number) + 1;
      let e = i;
      while (e < index && !isDelimiter(text.charCodeAt(e))) e++;
      if (e >= index) {
        open();
        return tokens;
      }
      afterColon = false;
      i = e;
      continue;
    }
    i++;
  }
  return tokens;
}

function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The value scan of the JSON decoder: finds where a value (a list element, an envelope member's
 * value, an envelope key) ends, resuming across chunks, without parsing it. It only skips strings
 * and tracks nesting, and notices cheaply what might break a limit or the tree model; a limit it
 * can place exactly (a string's length, an attribute or item past the count, the nesting) is
 * reported through `onLimit` at the index where it was crossed.
 *
 * @example
 * ```ts
 * const v = new ValueScan(window, checks, (limit, index) => fail(limit, index));
 * v.begin(9);           // the value's first character is at index 9 of the window
 * const end = v.scan(false); // the index after the value, or -1 when more text is needed
 * ```
 */
export class ValueScan {
  /** Where the value starts (an index of the window), or -1 when no value is being scanned. */
  start = -1;
  /** Whether the value needs the exact check (LimitChecker.adopt) after `JSON.parse` (a long string or number, many attributes, a list of non-objects). */
  suspect = false;
  /** The first character of the value (read once: `buf` may be a concatenation that reading would flatten). */
  private first = 0;
  /** Whether the string being scanned holds a backslash so far (then its value may be shorter than its text). */
  private escaped = false;
  /** Whether the list being scanned already holds maxListItems items: the next item is one too many. */
  private fullList = false;
  /** Where the scan resumes; nesting; string state. */
  private pos = 0;
  private depth = 0;
  private inString = false;
  private stringStart = 0;
  /** Objects open in the value, and what each open container is (1 object, 2 list) with its attribute count. */
  private objects = 0;
  private readonly kinds: Uint8Array;
  private readonly counts: Int32Array;
  private expectObject = false;
  private digits = 0;
  /** Whether the run of `digits` is a number (not `true`, `false` or `null`). */
  private numeric = false;

  /**
   * @param w - the decoder's text window.
   * @param checks - the limits.
   * @param onLimit - reports a limit crossed at an index (throws).
   */
  constructor(
    private readonly w: TextWindow,
    private readonly checks: LimitChecker,
    private readonly onLimit: (limit: LimitName, index: number) => never,
  ) {
    this.kinds = new Uint8Array(checks.limits.maxDepth * 2 + 4);
    this.counts = new Int32Array(checks.limits.maxDepth * 2 + 4);
  }

  /** @param keep - the window dropped this many characters: every index moves down. */
  shift(keep: number): void {
    this.start -= keep;
    this.pos -= keep;
    this.stringStart -= keep;
  }

  /** A value starts at index `i` of the window. */
  begin(i: number): void {
    this.first = this.w.buf.charCodeAt(i);
    this.escaped = false;
    this.fullList = false;
    this.start = i;
    this.pos = i;
    this.depth = 0;
    this.objects = 0;
    this.inString = false;
    this.suspect = false;
    this.expectObject = false;
    this.digits = 0;
  }

  /**
   * Finds the end of the value that starts at `valueStart`, resuming where the last call
   * stopped.
   * @returns the index after the value, or -1 when more text is needed.
   */
  scan(complete: boolean): number {
    const start = this.start;
    // Never scan past the point where the value would exceed maxObjectText: reaching it is the
    // error, at the value's start, wherever the chunks were cut.
    const limit = start + this.checks.limits.maxObjectText;
    const n = Math.min(this.w.chunkStart + this.w.chunk.length, limit + 1);
    if (n > limit) complete = false;
    let i = this.pos;
    const first = this.first;
    if (first !== 0x7b && first !== 0x5b && first !== 0x22) {
      // A number or a literal ends at a delimiter (a member's value: never detached). Read from
      // the newest chunk: reading `buf`, a concatenation, would copy it whole at every write.
      const text = this.w.chunk;
      const off = this.w.chunkStart;
      // Its text is bounded like a string's: at the first character past maxValueLength.
      const max = this.checks.limits.maxValueLength;
      for (; i < n; i++) {
        const c = i >= off ? text.charCodeAt(i - off) : this.w.buf.charCodeAt(i);
        if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
      }
      if (i - this.start > max) this.onLimit('maxValueLength', this.start + max);
      if (i < n) return i;
      this.checks.objectText(n - this.start, () => this.w.at(this.start));
      this.pos = n;
      return complete ? n : -1;
    }
    // The hot loop of the JSON decoder: it only skips strings and tracks nesting, and notices
    // cheaply anything that might break a limit or the tree model (a long string, a long
    // number, many attributes, a list holding something other than objects). Such a value is
    // "suspect" and gets the exact check after JSON.parse; every other one does not.
    const { maxValueLength, maxAttributes, maxDepth, maxListItems } = this.checks.limits;
    const kinds = this.kinds;
    const counts = this.counts;
    const maxNesting = kinds.length - 1;
    let depth = this.depth;
    let objects = this.objects;
    let suspect = this.suspect;
    let expectObject = this.expectObject;
    let digits = this.digits;
    // The loop reads the newest chunk as it came (`chunk` holds buf[off…]): a string that was
    // never concatenated is read about twice as fast as `buf`, which may be a concatenation.
    const text = this.w.chunk;
    const off = this.w.chunkStart;
    const m = n - off;
    let j = i - off;
    if (this.inString) {
      const close = this.closingQuote(text, j);
      if (!this.escaped) {
        const b = text.indexOf('\\', j);
        if (b >= 0 && (close < 0 || b < close)) this.escaped = true;
      }
      if (close < 0) return this.pause(n, depth, objects, suspect, expectObject, digits);
      this.inString = false;
      if (off + close - this.stringStart > maxValueLength) {
        suspect = true;
        this.checkString(off + close);
      }
      if (depth === 0) return this.found(off + close + 1, suspect);
      j = close + 1;
    }
    while (j < m) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        this.stringStart = off + j;
        let close = text.indexOf('"', j + 1);
        if (close > 0 && text.charCodeAt(close - 1) === 0x5c) close = this.closingQuote(text, j + 1);
        if (close < 0 || close >= m) {
          this.inString = true;
          const b = text.indexOf('\\', j + 1);
          this.escaped = b >= 0 && b < m;
          return this.pause(n, depth, objects, suspect, expectObject, digits);
        }
        if (close - j > maxValueLength) {
          suspect = true;
          const b = text.indexOf('\\', j + 1);
          this.escaped = b >= 0 && b < close;
          this.checkString(off + close);
        }
        if (expectObject) suspect = true;
        expectObject = false;
        digits = 0;
        if (depth === 0) return this.found(off + close + 1, suspect);
        j = close + 1;
        continue;
      }
      if (c <= 0x20) {
        j++;
        continue;
      }
      if (expectObject) {
        if (c !== 0x7b && c !== 0x5d) suspect = true;
        // The item past maxListItems: the error is at its start.
        if (this.fullList && c !== 0x5d) this.onLimit('maxListItems', off + j);
        this.fullList = false;
      }
      expectObject = false;
      switch (c) {
        case 0x7b: // {
          if (++depth > maxNesting || ++objects > maxDepth) this.checks.limit('maxDepth', () => this.w.at(off + j));
          kinds[depth] = 1;
          counts[depth] = 0;
          break;
        case 0x5b: // [
          if (++depth > maxNesting) this.checks.limit('maxDepth', () => this.w.at(off + j));
          kinds[depth] = 2;
          counts[depth] = 0;
          expectObject = true;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (kinds[depth] === 1) objects--;
          if (--depth === 0) return this.found(off + j + 1, suspect);
          break;
        case 0x3a: // :
          // The attribute past maxAttributes: the error is at its key (the string just read).
          if (++(counts[depth] as number) > maxAttributes) this.onLimit('maxAttributes', this.stringStart);
          break;
        case 0x2c: // ,
          if (kinds[depth] === 2) {
            expectObject = true;
            if (++(counts[depth] as number) >= maxListItems) this.fullList = true;
          }
          break;
        default:
          // Digits, signs, points and exponents: a long run may be an integer beyond 2^53, and
          // an exponent may put a number beyond the range of a double (1e999).
          if (digits === 0) this.numeric = c <= 0x39;
          if (++digits > 15 || (this.numeric && (c === 0x65 || c === 0x45))) {
            suspect = true;
            // A number's (or literal's) text is bounded like a string's.
            if (digits > maxValueLength) this.onLimit('maxValueLength', off + j);
          }
          j++;
          continue;
      }
      digits = 0;
      j++;
    }
    return this.pause(n, depth, objects, suspect, expectObject, digits);
  }

  /**
   * The index in `text` of the quote that closes a string whose content goes on at `from`, or
   * -1. Backslashes before a quote at the chunk's start are counted on into the text before it.
   */
  private closingQuote(text: string, from: number): number {
    let q = text.indexOf('"', from);
    while (q >= 0) {
      let k = q - 1;
      while (k >= 0 && text.charCodeAt(k) === 0x5c) k--;
      let backslashes = q - 1 - k;
      // At the chunk's start the backslashes go on in the text before it (counted by the window:
      // reading `buf`, a concatenation, would copy it whole at every quote).
      if (k < 0) backslashes += this.w.backslashesBefore;
      if ((backslashes & 1) === 0) return q;
      q = text.indexOf('"', q + 1);
    }
    return -1;
  }

  /** The value goes on past the text written so far: remember where the scan stands. */
  private pause(n: number, depth: number, objects: number, suspect: boolean, expectObject: boolean, digits: number): number {
    if (this.inString) this.checkString(n);
    if (n - this.start > this.checks.limits.maxObjectText) this.onLimit('maxObjectText', this.start);
    this.checks.objectText(n - this.start, () => this.w.at(this.start));
    this.pos = n;
    this.depth = depth;
    this.objects = objects;
    this.suspect = suspect;
    this.expectObject = expectObject;
    this.digits = digits;
    return -1;
  }

  /** The value ends at `end`. */
  private found(end: number, suspect: boolean): number {
    this.depth = 0;
    this.objects = 0;
    this.suspect = suspect;
    this.expectObject = false;
    this.digits = 0;
    return end;
  }

  /**
   * Checks the string being scanned, whose text so far ends at `end` (before its closing quote,
   * if it has one yet). Without a backslash its value is its text: the error is at the first
   * character past maxValueLength. With one, the value may be up to 6 times shorter than the text
   * (`\\uXXXX`): beyond that it is surely too long, and the error is at the string's start.
   */
  private checkString(end: number): void {
    const max = this.checks.limits.maxValueLength;
    const length = end - this.stringStart - 1;
    if (!this.escaped && length > max) this.onLimit('maxValueLength', this.stringStart + 1 + max);
    if (length > max * 6) this.onLimit('maxValueLength', this.stringStart);
  }

}
