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
import { CodecError, type CodecErrorCode, codecError, pointer } from '../errors.js';
import { type TreeLimits, LimitChecker, setAttribute } from '../tree/checks.js';
import type { LimitName } from '../tree/limits.js';
import { checkHead } from '../tree/check.js';
import { type CodecEvent, END } from '../tree/events.js';
import type { EnvelopeHead, GoObject, Value } from '../tree/types.js';
import type { DecoderCore, TextPosition } from '../text/feed.js';
import { describe, pathAt, ValueScan } from './scan.js';
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
  private readonly checks: LimitChecker;
  private readonly sink: (event: CodecEvent) => void;
  /** The text not yet consumed (see {@link TextWindow}). */
  private readonly w = new TextWindow();
  private pos = 0;
  private state = S_ROOT;
  private wrapped = false;
  /** The value being scanned (see {@link ValueScan}). */
  private readonly v: ValueScan;
  /** The fast path for runs of list elements. */
  private readonly speculator: Speculator;
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
    this.checks = new LimitChecker(limits, 'json');
    this.speculator = new Speculator(this.checks);
    this.sink = sink;
    this.v = new ValueScan(this.w, this.checks, (limit, index) => this.limitAt(limit, index));
  }

  /** @param text - the next piece of the document. */
  write(text: string): void {
    const keep = this.v.start >= 0 ? this.v.start : this.pos;
    if (keep > 0) {
      this.pos -= keep;
      if (this.v.start >= 0) this.v.shift(keep);
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
    if (this.v.start >= 0) {
      const problem = findJsonProblem(this.w.buf, this.v.start, this.w.buf.length, false);
      if (problem !== undefined) this.fail(problem.code, problem.detail, problem.index);
    }
    throw error;
  }

  private run(complete: boolean): void {
    for (;;) {
      if (this.state === S_ELEMENT || this.state === S_MEMBER || this.state === S_KEY_STRING) {
        const end = this.v.scan(complete);
        if (end < 0) {
          if (complete) this.failAtEnd();
          return;
        }
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
          this.v.begin(i);
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
            this.v.begin(i);
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
          this.v.begin(i);
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
    const start = this.v.start;
    const raw = this.w.buf.slice(start, end);
    this.key = raw.includes('\\') ? (this.parseSlice(start, end, raw) as string) : raw.slice(1, -1);
    this.keyAt = this.at(start);
    if (this.key.length > this.checks.limits.maxValueLength) this.checks.limit('maxValueLength', () => this.keyAt, 'a name is longer than maxValueLength');
    this.v.start = -1;
    this.pos = end;
    this.state = S_COLON;
  }

  /**
   * A limit crossed at `index` while a value is scanned. An earlier syntax error in the value
   * wins (so does the first of two problems whatever the chunking); otherwise the limit's
   * error, at `index`, with the path of the place in the value.
   */
  private limitAt(limit: LimitName, index: number): never {
    this.w.join();
    const start = this.v.start;
    const problem = findJsonProblem(this.w.buf, start, index, false);
    if (problem !== undefined) this.fail(problem.code, problem.detail, problem.index);
    const base = this.state === S_ELEMENT ? ['list', this.count] : this.state === S_MEMBER ? [this.key] : [];
    const inner = limit === 'maxObjectText' ? [] : pathAt(this.w.buf, start, index);
    const path = pointer([...base, ...inner]);
    this.checks.limit(limit, () => ({ ...this.at(index), ...(path === '' ? {} : { path }) }));
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
    const start = this.v.start;
    const index = this.count;
    // The checks of a suspect element, and learning, read the whole text: rare, so join.
    if (this.v.suspect || !this.speculator.learnt()) this.w.join();
    const slice = this.w.detached ? this.w.buf.slice(start) + this.w.chunk.slice(0, end - this.w.chunkStart) : this.w.buf.slice(start, end);
    const object = this.parseSlice(start, end, slice) as GoObject;
    if (this.v.suspect && this.checks.adopt(object, 1, () => ({ ...this.at(start), path: pointer(['list', index]) }))) this.exact(start, end);
    if (!this.speculator.learnt()) this.speculator.learn(this.w.buf, start, end);
    this.count++;
    this.v.start = -1;
    // Drop the text before the chunk: the chunk, read as it came, becomes the buffer.
    if (this.w.detached) end -= this.w.dropBeforeChunk();
    this.pos = end;
    this.state = S_LIST_NEXT;
    this.sink({ type: 'object', object });
  }

  private member(end: number): void {
    const start = this.v.start;
    const value = this.parseSlice(start, end, this.w.buf.slice(start, end)) as Value;
    const key = this.key;
    if (this.checks.adopt(value, 2, () => ({ ...this.at(start), path: pointer([key]) }))) this.exact(start, end);
    this.v.start = -1;
    this.pos = end;
    this.state = S_MEMBER_NEXT;
    if (this.envelope) this.checkMember(key, value, this.at(start));
    else this.memberAt.set(key, this.at(start));
    if (key === 'list' && this.beforeList === undefined) this.beforeList = new Set(Object.keys(this.head));
    if (!Object.prototype.hasOwnProperty.call(this.head, key)) {
      this.checks.attributes(++this.members, () => this.keyAt);
    }
    setAttribute(this.head, key, value);
  }

  private startList(i: number): void {
    if (this.envelope) throw codecError('json', 'TREE_INVALID_ENVELOPE', 'the envelope has a second `list`', this.keyAt, '/list');
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
    if (key === 'list') throw codecError('json', 'TREE_INVALID_ENVELOPE', 'the envelope has a second `list`', this.keyAt, '/list');
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
    if (this.v.start >= 0) {
      const problem = findJsonProblem(this.w.buf, this.v.start, this.w.buf.length, true);
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

  /** The error at an index of the window's text. */
  private fail(code: CodecErrorCode, detail: string, index: number, path?: string): never {
    throw codecError('json', code, detail, this.at(index), path);
  }

  /** The position of an index of the window's text. */
  private at(index: number): TextPosition {
    return this.w.at(index);
  }
}
