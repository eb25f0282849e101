/**
 * The JSON decoder's fast path for runs of list elements. GoGrid's list objects start alike (say
 * `{"object":"server"`): the last such start in the buffer, preceded by a comma, is very likely
 * where an element begins, so everything before it is handed to `JSON.parse` as one array. That
 * is sound whatever the guess — a prefix of the list parses only if it ends between two elements
 * — and it is used only when everything in it passes the limit checks; otherwise (and for
 * runs longer than maxObjectText) the elements go through the exact scan one by one, which alone
 * decides errors and their positions. So the outcome never depends on the guess.
 */
import type { Position, LimitChecker } from '../tree/checks.js';
import type { GoObject } from '../tree/types.js';

/** The most text the fast path hands to JSON.parse at once. */
const SPECULATION_BATCH = 1 << 20;

/** The start of a list element: `{`, its first key, and its first value when that is a short string. */
const SIGNATURE = /^\{\s*"[^"\\]{1,40}"\s*:\s*(?:"[^"\\]{0,40}")?/;

/** A locator for checks whose errors are not reported (the exact path reports them). */
const unlocated = (): Position => ({});

/**
 * Guesses where runs of list elements end, and parses them at once when the guess holds.
 *
 * @example
 * ```ts
 * const s = new Speculator(checks);
 * s.learn(buf, 9, 40);                 // from the first element, read exactly
 * const run = s.run(buf, 41);          // later, at an element's `{`
 * if (run !== undefined) emit(run.items), resume at run.end;
 * ```
 */
export class Speculator {
  /** How list elements start, learnt from the first one. */
  private signature: string | undefined;
  /** How often guessing failed (after 3, no more guessing). */
  private failures = 0;
  /** Whether a guess may be tried (set by each write, cleared when a guess finds nothing or fails). */
  private guessable = true;

  /** @param checks - the checks every element must pass. */
  constructor(private readonly checks: LimitChecker) {}

  /** @returns whether the signature is known (the first element has been read). */
  learnt(): boolean {
    return this.signature !== undefined;
  }

  /** More text has arrived: a guess may be tried again. */
  allow(): void {
    this.guessable = true;
  }

  /**
   * Learns how list elements start, from the first one: its first key, and its first value if
   * that is a short string.
   * @param buf - the text.
   * @param start - where the element starts.
   * @param end - where it ends.
   */
  learn(buf: string, start: number, end: number): void {
    const match = SIGNATURE.exec(buf.slice(start, Math.min(end, start + 200)));
    if (match !== null) this.signature = match[0];
  }

  /**
   * Tries the fast path at an element's `{`.
   * @param buf - the text (not detached: whole from the element on).
   * @param i - the index of the element's `{`.
   * @returns the elements parsed and the index of the comma after the last, or `undefined`.
   */
  run(buf: string, i: number): { items: GoObject[]; end: number } | undefined {
    const signature = this.signature;
    if (signature === undefined || !this.guessable || this.failures >= 3) return undefined;
    const batch = Math.min(SPECULATION_BATCH, this.checks.limits.maxObjectText);
    // The last start of an element within one batch, preceded by a comma (a nested object that
    // starts alike follows a colon or a bracket instead).
    let candidate = buf.lastIndexOf(signature, i + batch);
    let comma = -1;
    for (let tries = 0; tries < 8 && candidate > i + 4096; tries++) {
      let k = candidate - 1;
      while (k > i && isSpace(buf.charCodeAt(k))) k--;
      if (buf.charCodeAt(k) === 0x2c) {
        comma = k;
        break;
      }
      candidate = buf.lastIndexOf(signature, candidate - 1);
    }
    // No guess, or a wrong one: no more guessing until more text arrives.
    this.guessable = false;
    if (comma < 0) return undefined;
    let items: unknown;
    try {
      items = JSON.parse(`[${buf.slice(i, comma)}]`);
    } catch {
      this.failures++;
      return undefined;
    }
    const list = items as unknown[];
    for (const item of list) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
      try {
        if (this.checks.adopt(item, 1, unlocated)) return undefined;
      } catch {
        return undefined;
      }
    }
    this.guessable = true;
    return { items: list as GoObject[], end: comma };
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
