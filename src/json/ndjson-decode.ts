/**
 * The NDJSON decoder core: what {@link NdjsonEncoder} writes read back, one line at a time.
 *
 * Two forms. The envelope form (the default) is the encoder's own: the envelope's members other
 * than the list on the first line, then one list object per line. The `noEnvelope` form is
 * objects only (what `jq -c 'select(…)'` leaves of it); the envelope is then `{}`, or
 * `{ method }` when the caller names the method.
 *
 * Every line is parsed with the native `JSON.parse`; only when it refuses does the validating
 * tokenizer run, for the exact position. Positions are in the whole input: the line is the
 * line number, which is the record number (the envelope line is record 1) when the input has no
 * blank lines. Blank lines (only spaces, tabs or a CR) hold no record and are skipped.
 *
 * @module
 */
import { CodecError, codecError } from '../errors.js';
import type { DecoderCore, TextPosition } from '../text/feed.js';
import { LineIndex } from '../text/line-index.js';
import { LimitChecker, type TreeLimits } from '../tree/checks.js';
import { checkHead } from '../tree/check.js';
import { type CodecEvent, END } from '../tree/events.js';
import type { EnvelopeHead, GoObject } from '../tree/types.js';
import { findInexactInteger, findJsonProblem } from './tokenizer.js';

/** Options of the NDJSON decoder. */
export interface NdjsonDecodeOptions {
  /** The input is objects only, without the envelope line. */
  noEnvelope: boolean;
  /** `noEnvelope` only: the method the envelope gets (it types the objects for CSV and the grammars). */
  method: string | undefined;
}

const BLANK = /^[ \t\r]*$/;

/**
 * Decodes NDJSON into events.
 *
 * @example
 * ```ts
 * const events: CodecEvent[] = [];
 * const core = new NdjsonDecoder(DEFAULT_LIMITS, { noEnvelope: false, method: undefined }, (e) => events.push(e));
 * new TextFeed(core).write('{"status":"success","method":"/grid/ip/list"}\n{"object":"ip","id":1}\n');
 * ```
 */
export class NdjsonDecoder implements DecoderCore {
  readonly format = 'ndjson' as const;
  private readonly checks: LimitChecker;
  private readonly maxLine: number;
  private readonly options: NdjsonDecodeOptions;
  private readonly sink: (event: CodecEvent) => void;
  /** The text of the line that has not ended yet. */
  private pending = '';
  /** The lines before the one `pending` belongs to. */
  private readonly lines = new LineIndex();
  private headSeen = false;
  private count = 0;

  /**
   * @param limits - the tree's limits; `maxObjectText` bounds one line.
   * @param options - see {@link NdjsonDecodeOptions}.
   * @param sink - receives the events.
   */
  constructor(limits: Readonly<TreeLimits>, options: NdjsonDecodeOptions, sink: (event: CodecEvent) => void) {
    this.checks = new LimitChecker(limits, 'ndjson');
    this.maxLine = limits.maxObjectText;
    this.options = options;
    this.sink = sink;
  }

  /** @param text - the next piece of the input. */
  write(text: string): void {
    let from = 0;
    for (let nl = text.indexOf('\n', from); nl >= 0; nl = text.indexOf('\n', from)) {
      const piece = text.slice(from, nl);
      const line = this.pending === '' ? piece : this.pending + piece;
      this.pending = '';
      this.record(line);
      this.lines.newline(this.lines.lineStart + line.length);
      from = nl + 1;
    }
    if (from < text.length) {
      this.pending += from === 0 ? text : text.slice(from);
      // Refused while it arrives: a line is never held beyond the limit.
      this.checkLength(this.pending.length);
    }
  }

  /** The input is complete. */
  end(): void {
    // A last line without a line break; it stays pending, so the position is the input's end.
    if (this.pending !== '') this.record(this.pending);
    if (!this.headSeen) {
      if (!this.options.noEnvelope) {
        throw codecError('ndjson', 'JSON_UNEXPECTED_END', 'the input is empty: NDJSON starts with the envelope line (for objects only, decode with noEnvelope)', this.position());
      }
      this.head({});
    }
    this.sink(END);
  }

  /** @returns the position after all text written. */
  position(): TextPosition {
    return this.at(this.pending.length);
  }

  /** @param error - the error to throw when the unfinished line has no earlier one. */
  abort(error: CodecError): never {
    const problem = findJsonProblem(this.pending, 0, this.pending.length, false);
    if (problem !== undefined) throw codecError('ndjson', problem.code, problem.detail, this.at(problem.index));
    throw error;
  }

  private record(text: string): void {
    this.checkLength(text.length);
    if (BLANK.test(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const problem = findJsonProblem(text, 0, text.length, true) ?? { code: 'JSON_UNEXPECTED_CHARACTER' as const, index: 0, detail: 'the line is not valid JSON' };
      throw codecError('ndjson', problem.code, problem.detail, this.at(problem.index));
    }
    const start = this.at(firstNonBlank(text));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw codecError('ndjson', 'NDJSON_NOT_AN_OBJECT', `every NDJSON line holds one object; this one holds ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}`, start);
    }
    const isHead = !this.headSeen && !this.options.noEnvelope;
    const path = isHead ? '' : `/list/${this.count}`;
    if (this.checks.adopt(value, isHead ? 0 : 1, () => ({ ...start, path }))) {
      const at = findInexactInteger(text, 0, text.length);
      if (at >= 0) throw codecError('ndjson', 'JSON_INTEGER_UNSAFE', 'an integer beyond ±(2^53 − 1) that a double cannot hold exactly; it would be rounded (send it as a string)', this.at(at));
    }
    if (isHead) {
      const head = value as EnvelopeHead;
      if (Object.prototype.hasOwnProperty.call(head, 'list')) {
        throw codecError('ndjson', 'TREE_INVALID_ENVELOPE', 'the envelope line has a `list`: NDJSON has the objects on the lines after it (for one JSON document, decode as json)', start, '/list');
      }
      try {
        checkHead(head);
      } catch (e) {
        if (e instanceof CodecError) throw new CodecError({ ...e.toInit(), format: 'ndjson', ...start });
        throw e;
      }
      this.head(head);
      return;
    }
    if (!this.headSeen) this.head({});
    this.count++;
    this.sink({ type: 'object', object: value as GoObject });
  }

  private head(head: EnvelopeHead): void {
    this.headSeen = true;
    if (this.options.noEnvelope && this.options.method !== undefined) head = { method: this.options.method };
    this.sink({ type: 'envelope', head, final: true });
  }

  private checkLength(length: number): void {
    if (length > this.maxLine) {
      throw codecError('ndjson', 'TREE_VALUE_TOO_LONG', `one line takes more than maxObjectText (${this.maxLine}) characters of input`, this.at(0));
    }
  }

  /** The position of an index of the current line. */
  private at(index: number): TextPosition {
    return this.lines.position(this.lines.lineStart + index);
  }
}

function firstNonBlank(text: string): number {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i;
}
