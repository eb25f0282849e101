/**
 * The JSON decoder core: a push state machine over text that emits an `object` event for each
 * element of the envelope's list as soon as it closes, so memory holds one element at a time.
 *
 * Only the envelope's own structure is tokenized here. Each list element (and each envelope
 * member's value) is located by a fast scan that only tracks strings and nesting, then handed
 * to the native `JSON.parse`; the validating tokenizer runs only when `JSON.parse` refuses a
 * slice, to say exactly where and why. Positions are counted over the whole input, never the
 * chunk, so an error's position does not depend on how the input was split.
 */
import { CodecError, type CodecErrorCode, pointer } from '../errors.js';
import { type TreeLimits, TreeBuilder, setAttribute } from '../tree/builder.js';
import type { LimitName } from '../tree/limits.js';
import { checkHead } from '../tree/check.js';
import { type CodecEvent, END } from '../tree/events.js';
import type { EnvelopeHead, GoObject, Value } from '../tree/types.js';
import type { DecoderCore, TextPosition } from '../text/feed.js';
import { describe, pathAt } from './scan.js';
import { Speculator } from './speculate.js';
import { TextWindow } from './window.js';
import { findInexactInteger, findJsonProblem } from './tokenizer.js';

// States of the envelope's structure (| marks the position).
const S_ROOT = 0; //              `|{"list":…}`  `|[{…}]`
const S_WRAPPED = 1; //           `[|{"list":…}]`
const S_KEY_OR_END = 2; //        `{|"list"`  `{|}`
const S_KEY = 3; //               `{"status":"success",|"list"`
const S_COLON = 4; //             `{"list"|:`
const S_VALUE = 5; //             `{"list":|[`  `{"summary":|{`
const S_MEMBER = 6; //            `{"summary":{"tot|al":1}` (scanning a member's value)
const S_LIST_FIRST = 7; //        `"list":[|{`  `"list":[|]`
const S_LIST_ITEM = 8; //         `"list":[{…},|{`
const S_ELEMENT = 9; //           `"list":[{"id":1|…}` (scanning an element)
const S_LIST_NEXT = 10; //        `"list":[{…}|,`  `"list":[{…}|]`
const S_MEMBER_NEXT = 11; //      `{"status":"success"|,`  `…|}`
const S_WRAPPED_END = 12; //      `[{…}|]`
const S_DONE = 13; //             `{…}|` (only whitespace may follow)
const S_KEY_STRING = 14; //       `{"sta|tus"` (scanning an envelope key)

/**
 * Decodes GoGrid JSON: a full envelope (members in any order, before, after or around the list),
 * a bare object (a fragment), or an envelope wrapped in a one-element array.
 */
export class JsonDecoder implements DecoderCore {
  readonly format = 'json' as const;
  private readonly builder: TreeBuilder;
  private readonly sink: (event: CodecEvent) => void;
  /** The text not yet consumed (see {@link TextWindow}). */
  private readonly w = new TextWindow();
  private pos = 0;
  private state = S_ROOT;
  private wrapped = false;
  // The value being scanned: where it starts, where the scan resumes, nesting, string state.
  private valueStart = -1;
  /** The first character of the value being scanned (read once: `buf` may be a concatenation that reading would flatten). */
  private valueFirst = 0;
  /** Whether the string being scanned holds a backslash so far (then its value may be shorter than its text). */
  private escaped = false;
  /** Whether the list being scanned already holds maxListItems items: the next item is one too many. */
  private fullList = false;
  private scanPos = 0;
  private depth = 0;
  private inString = false;
  private stringStart = 0;
  /** Objects open in the value being scanned, and what each open container is (1 object, 2 list) with its attribute count. */
  private objects = 0;
  private readonly kinds: Uint8Array;
  private readonly counts: Int32Array;
  private suspect = false;
  private expectObject = false;
  private digits = 0;
  /** The fast path for runs of list elements. */
  private readonly speculator: Speculator;
  /** Whether the run of `digits` is a number (not `true`, `false` or `null`). */
  private numeric = false;
  // The envelope.
  private key = '';
  /** Where the current member's key is (kept as a position: the buffer may be trimmed before it is needed). */
  private keyAt: TextPosition = { line: 1, column: 1, offset: 0 };
  /** Members seen before the first `list` key (which may not have been an array). */
  private beforeList: Set<string> | undefined;
  private readonly head: EnvelopeHead = {};
  /** Where each member's value started, for errors found once the document turns out to be an envelope. */
  private readonly memberAt = new Map<string, TextPosition>();
  private members = 0;
  private envelope = false;
  private count = 0;

  /**
   * @param limits - the tree's limits.
   * @param sink - receives the events.
   */
  constructor(limits: Readonly<TreeLimits>, sink: (event: CodecEvent) => void) {
    this.builder = new TreeBuilder(limits, 'json');
    this.speculator = new Speculator(this.builder);
    this.sink = sink;
    this.kinds = new Uint8Array(limits.maxDepth * 2 + 4);
    this.counts = new Int32Array(limits.maxDepth * 2 + 4);
  }

  /** @param text - the next piece of the document. */
  write(text: string): void {
    const keep = this.valueStart >= 0 ? this.valueStart : this.pos;
    if (keep > 0) {
      this.pos -= keep;
      if (this.valueStart >= 0) {
        this.valueStart -= keep;
        this.scanPos -= keep;
        this.stringStart -= keep;
      }
    }
    // The common case: a list element began in the last chunk and goes on in this one.
    this.w.take(text, keep, this.state === S_ELEMENT);
    this.speculator.allow();
    this.run(false);
  }

  /** The input is complete. */
  end(): void {
    this.run(true);
    if (this.state !== S_DONE) this.failAtEnd();
  }

  /** @returns the position after all text written. */
  position(): TextPosition {
    return this.at(this.w.end());
  }

  /** @param error - the error to throw when the text so far has none of its own. */
  abort(error: CodecError): never {
    this.w.join();
    if (this.valueStart >= 0) {
      const problem = findJsonProblem(this.w.buf, this.valueStart, this.w.buf.length, false);
      if (problem !== undefined) this.fail(problem.code, problem.detail, problem.index);
    }
    throw error;
  }

  private run(complete: boolean): void {
    for (;;) {
      if (this.state === S_ELEMENT || this.state === S_MEMBER || this.state === S_KEY_STRING) {
        const end = this.scan(complete);
        if (end < 0) return;
        if (this.state === S_ELEMENT) this.element(end);
        else if (this.state === S_MEMBER) this.member(end);
        else this.keyRead(end);
        continue;
      }
      // Not detached here: only an element's scan runs detached, and `element` ends that.
      const buf = this.w.buf;
      const n = buf.length;
      let i = this.pos;
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
        i++;
      }
      this.pos = i;
      if (i >= n) return;
      const c = buf.charCodeAt(i);
      switch (this.state) {
        case S_ROOT:
          if (c === 0x7b) this.state = S_KEY_OR_END;
          else if (c === 0x5b) {
            this.state = S_WRAPPED;
            this.wrapped = true;
          } else this.unexpected(i, 'a GoGrid document is a JSON object (or an array holding one)');
          this.pos++;
          break;
        case S_WRAPPED:
          if (c !== 0x7b) this.unexpected(i, 'the array holds the envelope object');
          this.state = S_KEY_OR_END;
          this.pos++;
          break;
        case S_KEY_OR_END:
        case S_KEY: {
          if (c === 0x7d && this.state === S_KEY_OR_END) {
            this.pos++;
            this.close();
            break;
          }
          if (c !== 0x22) this.unexpected(i, this.state === S_KEY ? 'a key (a trailing comma is not JSON)' : 'a key or `}`');
          // The key is scanned like a value: as it arrives, with the string limits checked on the way.
          this.startScan(i);
          this.state = S_KEY_STRING;
          break;
        }
        case S_COLON:
          if (c !== 0x3a) this.unexpected(i, '`:`');
          this.pos++;
          this.state = S_VALUE;
          break;
        case S_VALUE:
          if (this.key === 'list' && c === 0x5b) {
            this.startList(i);
            this.pos++;
            this.state = S_LIST_FIRST;
          } else {
            this.startScan(i);
            this.state = S_MEMBER;
          }
          break;
        case S_LIST_FIRST:
        case S_LIST_ITEM:
          if (c === 0x5d && this.state === S_LIST_FIRST) {
            this.pos++;
            this.state = S_MEMBER_NEXT;
            break;
          }
          if (c !== 0x7b) {
            if (c === 0x5b || c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
              this.fail('TREE_UNSUPPORTED_VALUE', 'the envelope list holds only objects', i, pointer(['list', this.count]));
            }
            this.unexpected(i, this.state === S_LIST_ITEM ? 'an object (a trailing comma is not JSON)' : 'an object or `]`');
          }
          if (this.speculate(i)) break;
          this.startScan(i);
          this.state = S_ELEMENT;
          break;
        case S_LIST_NEXT:
          if (c === 0x2c) this.state = S_LIST_ITEM;
          else if (c === 0x5d) this.state = S_MEMBER_NEXT;
          else this.unexpected(i, '`,` or `]`');
          this.pos++;
          break;
        case S_MEMBER_NEXT:
          if (c === 0x2c) this.state = S_KEY;
          else if (c === 0x7d) {
            this.pos++;
            this.close();
            break;
          } else this.unexpected(i, '`,` or `}`');
          this.pos++;
          break;
        case S_WRAPPED_END:
          if (c !== 0x5d) this.unexpected(i, '`]` (the array holds one envelope)');
          this.pos++;
          this.state = S_DONE;
          break;
        default:
          this.fail('JSON_TRAILING_DATA', `unexpected ${describe(buf, i)} after the end of the document`, i);
      }
    }
  }

  /** An envelope key ends at `end`. */
  private keyRead(end: number): void {
    const start = this.valueStart;
    const raw = this.w.buf.slice(start, end);
    this.key = raw.includes('\\') ? (this.parseSlice(start, end, raw) as string) : raw.slice(1, -1);
    this.keyAt = this.at(start);
    if (this.key.length > this.builder.limits.maxValueLength) this.builder.limit('maxValueLength', () => this.keyAt, 'a name is longer than maxValueLength');
    this.valueStart = -1;
    this.pos = end;
    this.state = S_COLON;
  }

  private startScan(i: number): void {
    this.valueFirst = this.w.buf.charCodeAt(i);
    this.escaped = false;
    this.fullList = false;
    this.valueStart = i;
    this.scanPos = i;
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
  private scan(complete: boolean): number {
    const start = this.valueStart;
    // Never scan past the point where the value would exceed maxObjectText: reaching it is the
    // error, at the value's start, wherever the chunks were cut.
    const limit = start + this.builder.limits.maxObjectText;
    const n = Math.min(this.w.chunkStart + this.w.chunk.length, limit + 1);
    if (n > limit) complete = false;
    let i = this.scanPos;
    const first = this.valueFirst;
    if (first !== 0x7b && first !== 0x5b && first !== 0x22) {
      // A number or a literal ends at a delimiter (a member's value: never detached). Read from
      // the newest chunk: reading `buf`, a concatenation, would copy it whole at every write.
      const text = this.w.chunk;
      const off = this.w.chunkStart;
      for (; i < n; i++) {
        const c = i >= off ? text.charCodeAt(i - off) : this.w.buf.charCodeAt(i);
        if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return i;
      }
      this.builder.objectText(n - this.valueStart, () => this.at(this.valueStart));
      this.scanPos = n;
      return complete ? n : -1;
    }
    // The hot loop of the JSON decoder: it only skips strings and tracks nesting, and notices
    // cheaply anything that might break a limit or the tree model (a long string, a long
    // number, many attributes, a list holding something other than objects). Such a value is
    // "suspect" and gets the builder's exact check after JSON.parse; every other one does not.
    const { maxValueLength, maxAttributes, maxDepth, maxListItems } = this.builder.limits;
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
      const close = this.closingQuote(text, j, off);
      if (!this.escaped) {
        const b = text.indexOf('\\', j);
        if (b >= 0 && (close < 0 || b < close)) this.escaped = true;
      }
      if (close < 0) return this.pause(n, depth, objects, suspect, expectObject, digits, complete);
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
        if (close > 0 && text.charCodeAt(close - 1) === 0x5c) close = this.closingQuote(text, j + 1, off);
        if (close < 0 || close >= m) {
          this.inString = true;
          const b = text.indexOf('\\', j + 1);
          this.escaped = b >= 0 && b < m;
          return this.pause(n, depth, objects, suspect, expectObject, digits, complete);
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
        if (this.fullList && c !== 0x5d) this.limitAt('maxListItems', off + j);
        this.fullList = false;
      }
      expectObject = false;
      switch (c) {
        case 0x7b: // {
          if (++depth > maxNesting || ++objects > maxDepth) this.builder.limit('maxDepth', () => this.at(off + j));
          kinds[depth] = 1;
          counts[depth] = 0;
          break;
        case 0x5b: // [
          if (++depth > maxNesting) this.builder.limit('maxDepth', () => this.at(off + j));
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
          if (++(counts[depth] as number) > maxAttributes) this.limitAt('maxAttributes', this.stringStart);
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
          if (++digits > 15 || (this.numeric && (c === 0x65 || c === 0x45))) suspect = true;
          j++;
          continue;
      }
      digits = 0;
      j++;
    }
    return this.pause(n, depth, objects, suspect, expectObject, digits, complete);
  }

  /**
   * The index in `text` of the quote that closes a string whose content goes on at `from`, or
   * -1. Backslashes before a quote are counted back into `buf` when they start the chunk.
   */
  private closingQuote(text: string, from: number, off: number): number {
    let q = text.indexOf('"', from);
    while (q >= 0) {
      let k = q - 1;
      while (k >= 0 && text.charCodeAt(k) === 0x5c) k--;
      let backslashes = q - 1 - k;
      if (k < 0) for (let b = off - 1; b >= 0 && this.w.buf.charCodeAt(b) === 0x5c; b--) backslashes++;
      if ((backslashes & 1) === 0) return q;
      q = text.indexOf('"', q + 1);
    }
    return -1;
  }

  /** The value goes on past the text written so far: remember where the scan stands. */
  private pause(n: number, depth: number, objects: number, suspect: boolean, expectObject: boolean, digits: number, complete: boolean): number {
    if (this.inString) this.checkString(n);
    if (n - this.valueStart > this.builder.limits.maxObjectText) this.limitAt('maxObjectText', this.valueStart);
    this.builder.objectText(n - this.valueStart, () => this.at(this.valueStart));
    this.scanPos = n;
    this.depth = depth;
    this.objects = objects;
    this.suspect = suspect;
    this.expectObject = expectObject;
    this.digits = digits;
    if (complete) this.failAtEnd();
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
    const max = this.builder.limits.maxValueLength;
    const length = end - this.stringStart - 1;
    if (!this.escaped && length > max) this.limitAt('maxValueLength', this.stringStart + 1 + max);
    if (length > max * 6) this.limitAt('maxValueLength', this.stringStart);
  }

  /**
   * A limit crossed at `index` while a value is scanned. An earlier syntax error in the value
   * wins (so does the first of two problems whatever the chunking); otherwise the limit's
   * error, at `index`, with the path of the place in the value.
   */
  private limitAt(limit: LimitName, index: number): never {
    this.w.join();
    const start = this.valueStart;
    const problem = findJsonProblem(this.w.buf, start, index, false);
    if (problem !== undefined) this.fail(problem.code, problem.detail, problem.index);
    const base = this.state === S_ELEMENT ? ['list', this.count] : this.state === S_MEMBER ? [this.key] : [];
    const inner = limit === 'maxObjectText' ? [] : pathAt(this.w.buf, start, index);
    const path = pointer([...base, ...inner]);
    this.builder.limit(limit, () => ({ ...this.at(index), ...(path === '' ? {} : { path }) }));
  }

  /** The fast path at an element's `{` (see {@link Speculator}). @returns whether a run of elements was consumed. */
  private speculate(i: number): boolean {
    const run = this.speculator.run(this.w.buf, i);
    if (run === undefined) return false;
    for (const object of run.items) {
      this.count++;
      this.sink({ type: 'object', object });
    }
    this.pos = run.end;
    this.state = S_LIST_NEXT;
    return true;
  }

  private element(end: number): void {
    const start = this.valueStart;
    const index = this.count;
    // The checks of a suspect element, and learning, read the whole text: rare, so join.
    if (this.suspect || !this.speculator.learnt()) this.w.join();
    const slice = this.w.detached ? this.w.buf.slice(start) + this.w.chunk.slice(0, end - this.w.chunkStart) : this.w.buf.slice(start, end);
    const object = this.parseSlice(start, end, slice) as GoObject;
    if (this.suspect && this.builder.adopt(object, 1, () => ({ ...this.at(start), path: pointer(['list', index]) }))) this.exact(start, end);
    if (!this.speculator.learnt()) this.speculator.learn(this.w.buf, start, end);
    this.count++;
    this.valueStart = -1;
    // Drop the text before the chunk: the chunk, read as it came, becomes the buffer.
    if (this.w.detached) end -= this.w.dropBeforeChunk();
    this.pos = end;
    this.state = S_LIST_NEXT;
    this.sink({ type: 'object', object });
  }

  private member(end: number): void {
    const start = this.valueStart;
    const value = this.parseSlice(start, end, this.w.buf.slice(start, end)) as Value;
    const key = this.key;
    if (this.builder.adopt(value, 2, () => ({ ...this.at(start), path: pointer([key]) }))) this.exact(start, end);
    this.valueStart = -1;
    this.pos = end;
    this.state = S_MEMBER_NEXT;
    if (this.envelope) this.checkMember(key, value, this.at(start));
    else this.memberAt.set(key, this.at(start));
    if (key === 'list' && this.beforeList === undefined) this.beforeList = new Set(Object.keys(this.head));
    if (!Object.prototype.hasOwnProperty.call(this.head, key)) {
      this.builder.attributes(++this.members, () => this.keyAt);
    }
    setAttribute(this.head, key, value);
  }

  private startList(i: number): void {
    if (this.envelope) this.failAt('TREE_INVALID_ENVELOPE', 'the envelope has a second `list`', this.keyAt, '/list');
    // A `list` member seen earlier was not an array; the array replaces it (the last key wins,
    // in the first key's place, as with JSON.parse: members between the two come after the list).
    if (Object.prototype.hasOwnProperty.call(this.head, 'list')) delete this.head['list'];
    for (const key in this.head) this.checkMember(key, this.head[key] ?? null, this.memberAt.get(key) ?? this.at(i));
    this.memberAt.clear();
    this.envelope = true;
    const before: EnvelopeHead = {};
    for (const key in this.head) if (this.beforeList === undefined || this.beforeList.has(key)) setAttribute(before, key, this.head[key]);
    this.sink({ type: 'envelope', head: before, final: false });
  }

  private checkMember(key: string, value: Value, at: TextPosition): void {
    if (key === 'list') this.failAt('TREE_INVALID_ENVELOPE', 'the envelope has a second `list`', this.keyAt, '/list');
    const member: EnvelopeHead = {};
    setAttribute(member, key, value);
    try {
      checkHead(member);
    } catch (e) {
      if (e instanceof CodecError) throw new CodecError({ ...e.toInit(), format: 'json', ...at });
      throw e;
    }
  }

  private close(): void {
    this.state = this.wrapped ? S_WRAPPED_END : S_DONE;
    if (this.envelope) {
      this.sink({ type: 'envelope', head: this.head, final: true });
    } else {
      this.sink({ type: 'fragment', object: this.head as GoObject });
    }
    this.sink(END);
  }

  /** Parses a slice with `JSON.parse`; when it refuses, finds the exact problem. */
  private parseSlice(start: number, end: number, slice: string): unknown {
    try {
      return JSON.parse(slice);
    } catch {
      this.w.join();
      const problem = findJsonProblem(this.w.buf, start, end, true) ?? { code: 'JSON_UNEXPECTED_CHARACTER' as const, index: start, detail: 'the value is not valid JSON' };
      this.fail(problem.code, problem.detail, problem.index);
    }
  }

  /** An integer beyond 2^53 that `JSON.parse` rounded is refused: never silently changed. */
  private exact(start: number, end: number): void {
    this.w.join();
    const at = findInexactInteger(this.w.buf, start, end);
    if (at >= 0) {
      this.fail('JSON_INTEGER_UNSAFE', 'an integer beyond ±(2^53 − 1) that a double cannot hold exactly; it would be rounded (send it as a string)', at);
    }
  }

  private failAtEnd(): never {
    this.w.join();
    if (this.valueStart >= 0) {
      const problem = findJsonProblem(this.w.buf, this.valueStart, this.w.buf.length, true);
      if (problem !== undefined) this.fail(problem.code, problem.detail, problem.index);
    }
    if (this.state === S_KEY_OR_END || this.state === S_KEY) {
      const problem = findJsonProblem(this.w.buf, this.pos, this.w.buf.length, true);
      if (problem !== undefined && problem.code !== 'JSON_UNEXPECTED_END') this.fail(problem.code, problem.detail, problem.index);
    }
    this.fail('JSON_UNEXPECTED_END', this.state === S_ROOT ? 'the input is empty' : 'the input ends before the document does', this.w.buf.length);
  }

  private unexpected(i: number, expected: string): never {
    this.fail('JSON_UNEXPECTED_CHARACTER', `unexpected ${describe(this.w.buf, i)}; expected ${expected}`, i);
  }

  private fail(code: CodecErrorCode, detail: string, index: number, path?: string): never {
    this.failAt(code, detail, this.at(index), path);
  }

  private failAt(code: CodecErrorCode, detail: string, at: TextPosition, path?: string): never {
    throw new CodecError({ code, format: 'json', detail, ...at, ...(path === undefined ? {} : { path }) });
  }

  /** The position of an index of the window's text. */
  private at(index: number): TextPosition {
    return this.w.at(index);
  }
}
