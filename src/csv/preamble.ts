/**
 * GoGrid's two `#` lines: the envelope line and the header line.
 *
 * ```
 * # SUCCESS, /grid/server/list, TOTAL, 1, NUMPAGES, 0, START, 0, RETURNED, 1
 * # id,name,description,ip.id,ip.ip,…
 * ```
 *
 * The envelope line separates its fields with `, ` (one optional space after each comma is not
 * part of the field); the header line with bare commas. Fields may be quoted as in the data rows.
 * These two lines are read here, not by papaparse, because papaparse cannot be told that a
 * leading `#` is not part of the first field. This module owns their syntax both ways: what the
 * encoder writes ({@link envelopeFields}, {@link envelopeLine}, {@link headerLine}) and what the
 * decoder reads ({@link LineScanner} while a line arrives, {@link splitLine} and
 * {@link readEnvelopeLine} once it is whole); the decoder adds only the limits and positions.
 */
import { CodecError, type CodecErrorCode, pointer, quote } from '../errors.js';
import { type AttributeKind, grammars } from '../grammar/grammars.js';
import { scalarText, typeText } from '../grammar/typing.js';
import { setAttribute } from '../tree/checks.js';
import { checkCsvCharacters } from './characters.js';
import type { EnvelopeHead, Scalar, Summary } from '../tree/types.js';
import { quoteCell, spreadsheetSafeCell } from './quote.js';

/** One summary pair of the envelope line. */
export interface SummaryField {
  /** The key as the tree has it. */
  name: string;
  /** The key in lower case (what decoding gives back). */
  key: string;
  value: Scalar;
  /** What the envelope grammar says the field is. */
  kind: AttributeKind | undefined;
  /** The text CSV writes. */
  text: string;
}

/**
 * The envelope as CSV's first line carries it: status, method and the summary pairs (known keys
 * in GoGrid's order `TOTAL, NUMPAGES, START, RETURNED`, then the others), with the checks both
 * the encoder and `normalize` apply.
 *
 * @param head - the envelope's members other than the list.
 * @returns the status, method and summary fields.
 * @throws CodecError `CSV_UNREPRESENTABLE` for an envelope member the line has no place for, or
 *   summary keys that are empty or equal but for case; `CSV_INVALID_CHARACTER`.
 */
export function envelopeFields(head: EnvelopeHead): { status: string; method: string; summary: SummaryField[] } {
  for (const key in head) {
    if (key !== 'status' && key !== 'method' && key !== 'summary' && key !== 'list' && head[key] !== undefined) {
      throw new CodecError({ code: 'CSV_UNREPRESENTABLE', format: 'csv', detail: `the envelope member ${quote(key)} has no place in CSV's envelope line`, path: pointer([key]) });
    }
  }
  const summary: SummaryField[] = [];
  const seen = new Set<string>();
  const kinds = grammars().summary;
  if (head.summary !== undefined) {
    for (const name of summaryFields(head.summary)) {
      const key = name.toLowerCase();
      if (summaryKeyProblem(key, seen) !== undefined) {
        throw new CodecError({ code: 'CSV_UNREPRESENTABLE', format: 'csv', detail: `the summary field ${quote(name)} is empty or collides with another once upper-cased`, path: pointer(['summary', name]) });
      }
      seen.add(key);
      const value = head.summary[name] ?? null;
      const kind = kinds.get(key)?.kind;
      const text = scalarText(value, kind);
      checkCsvCharacters(name, pointer(['summary', name]));
      checkCsvCharacters(text, pointer(['summary', name]));
      summary.push({ name, key, value, kind, text });
    }
  }
  const status = head.status ?? '';
  const method = head.method ?? '';
  checkCsvCharacters(status, '/status');
  checkCsvCharacters(method, '/method');
  return { status, method, summary };
}

/**
 * The summary's fields in the order GoGrid's CSV envelope line prints them: the known ones in
 * the grammar's order (`TOTAL, NUMPAGES, START, RETURNED`, whatever their case), then the others
 * as the tree has them.
 * @param summary - the envelope's summary.
 * @returns the field names.
 */
export function summaryFields(summary: Summary): string[] {
  const order = grammars().csvSummaryOrder;
  const names = Object.keys(summary);
  const rank = (name: string): number => order.indexOf(name.toLowerCase());
  const known = names.filter((k) => rank(k) >= 0).sort((a, b) => rank(a) - rank(b));
  return [...known, ...names.filter((k) => rank(k) < 0)];
}

/**
 * The rule for summary keys, in both directions: they are compared in lower case (CSV's envelope
 * line is upper case, the tree's keys lower case), and none may be empty or appear twice.
 * @param key - the key in lower case.
 * @param seen - the keys before it, in lower case.
 * @returns what is wrong, or `undefined`.
 */
function summaryKeyProblem(key: string, seen: ReadonlySet<string>): 'empty' | 'twice' | undefined {
  return key === '' ? 'empty' : seen.has(key) ? 'twice' : undefined;
}

/**
 * The summary that a list of typed pairs gives: each value's text typed by the grammar, the
 * empty ones (`null`) left out.
 * @param pairs - keys in lower case, with the text and kind of each value.
 * @returns the summary, or `undefined` when no pair has a value.
 * @example
 * ```ts
 * typedSummary([{ key: 'total', text: '2', kind: 'integer' }, { key: 'start', text: '', kind: 'integer' }]); // { total: 2 }
 * ```
 */
export function typedSummary(pairs: readonly { key: string; text: string; kind: AttributeKind | undefined }[]): Summary | undefined {
  let summary: Summary | undefined;
  for (const pair of pairs) {
    const value = typeText(pair.text, pair.kind);
    if (value !== null) setAttribute((summary ??= {}), pair.key, value);
  }
  return summary;
}

/**
 * Writes the envelope line (without its line break).
 * @param fields - status (upper case), method, then key/value pairs.
 * @param safe - for each field, whether to write it spreadsheet-safe ({@link spreadsheetSafeCell});
 *   absent entries are written as they are.
 * @returns `# SUCCESS, /method, TOTAL, 1, …`.
 */
export function envelopeLine(fields: readonly string[], safe: readonly boolean[] = []): string {
  return `# ${fields.map((f, i) => (safe[i] === true ? spreadsheetSafeCell(f) : quoteCell(f))).join(', ')}`;
}

/**
 * Writes the header line (without its line break).
 * @param columns - the dotted column names.
 * @param safe - write every name spreadsheet-safe ({@link spreadsheetSafeCell}).
 * @returns `# id,name,ip.id,…`.
 */
export function headerLine(columns: readonly string[], safe = false): string {
  return `# ${columns.map(safe ? spreadsheetSafeCell : quoteCell).join(',')}`;
}

/**
 * Finds where a `#` line ends: the first LF outside quotes.
 * @param text - the buffered text.
 * @param start - where the line starts.
 * @returns the index of its LF, or -1 when the text does not hold the whole line yet.
 */
export function lineEnd(text: string, start: number): number {
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a && !quoted) return i;
  }
  return -1;
}

/** A problem in a `#` line: what, and at which index of the line. */
export interface PreambleProblem {
  detail: string;
  index: number;
}

/**
 * Splits a `#` line into fields.
 *
 * @param line - the line from its `#` to before its line break (a CR before the LF removed).
 * @param spaced - `true` for the envelope line: one space after each comma (and after `#`) is
 *   layout. For the header only the space after `#` is.
 * @returns the fields with the index where each starts, or the problem.
 */
export function splitLine(line: string, spaced: boolean): { fields: string[]; starts: number[] } | PreambleProblem {
  const fields: string[] = [];
  const starts: number[] = [];
  let i = 1;
  if (line.charCodeAt(i) === 0x20) i++;
  if (i >= line.length) return { fields, starts };
  for (;;) {
    starts.push(i);
    if (line.charCodeAt(i) === 0x22) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return { detail: 'a quoted field is not closed', index: i };
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 0x22) {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      fields.push(value);
      if (j >= line.length) return { fields, starts };
      if (line.charCodeAt(j) !== 0x2c) return { detail: 'a quoted field must be followed by a comma', index: j };
      i = j + 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      const value = line.slice(i, end);
      if (value.includes('"')) return { detail: 'a quote inside an unquoted field', index: i + value.indexOf('"') };
      fields.push(value);
      if (comma < 0) return { fields, starts };
      i = comma + 1;
    }
    if (spaced && line.charCodeAt(i) === 0x20) i++;
  }
}

/** A problem of a `#` line as the decoder reports it: its code, what, and at which index of the line. */
export interface LineProblem extends PreambleProblem {
  code: CodecErrorCode;
}

/**
 * The problem of a text that should start a `#` line and does not.
 * @param text - the line, or the first piece of it.
 * @param which - the envelope line (line 1) or the header (line 2).
 * @returns `CSV_ENVELOPE_INVALID` or `CSV_HEADER_MISSING` at index 0, or `undefined` when the text starts with `#`.
 * @example
 * ```ts
 * hashLineProblem('# id,name', 'header');  // undefined
 * hashLineProblem('id,name', 'header');    // { code: 'CSV_HEADER_MISSING', detail: 'line 2 must be …', index: 0 }
 * ```
 */
export function hashLineProblem(text: string, which: 'envelope' | 'header'): LineProblem | undefined {
  if (text.charCodeAt(0) === 0x23) return undefined;
  return which === 'envelope'
    ? { code: 'CSV_ENVELOPE_INVALID', detail: 'line 1 must be the `#` envelope line (`# SUCCESS, /grid/server/list, TOTAL, 1, …`)', index: 0 }
    : { code: 'CSV_HEADER_MISSING', detail: 'line 2 must be the `#` header of column names', index: 0 };
}

/** One summary pair of an envelope line as read. */
export interface SummaryPair {
  /** The key in lower case. */
  key: string;
  /** The value's text. */
  text: string;
  /** What the envelope grammar says the value is. */
  kind: AttributeKind | undefined;
  /** The line index where the key starts. */
  start: number;
}

/** An envelope line as read by {@link readEnvelopeLine}. */
export interface EnvelopeLine {
  /** Status (in lower case), method and summary, from what the line holds before any problem. */
  head: EnvelopeHead;
  /** The summary pairs before any problem, in line order (each is sound). */
  pairs: SummaryPair[];
  /** What is wrong with the line after `pairs`, or `undefined`. */
  problem: LineProblem | undefined;
}

/**
 * Reads the envelope line: `#`, status, method, then key/value pairs. A key without a value is
 * refused unless its text is empty (a trailing `, `); keys are case-insensitive and must not be
 * empty or appear twice; values are typed by the envelope grammar, empty ones left out.
 *
 * Problems are returned, not thrown, with the pairs read before them: the decoder checks its
 * limits on those pairs first, so that the first problem in the line is the one reported.
 *
 * @param line - the line from its `#` to before its line break (a CR before the LF removed).
 * @returns the envelope and its pairs, and the first problem (`CSV_ENVELOPE_INVALID`, or
 *   `CSV_MALFORMED` for bad quoting).
 * @example
 * ```ts
 * readEnvelopeLine('# SUCCESS, /grid/ip/list, TOTAL, 2, RETURNED, 2').head;
 * // { status: 'success', method: '/grid/ip/list', summary: { total: 2, returned: 2 } }
 * readEnvelopeLine('# SUCCESS, /m, TOTAL, 1, total, 2').problem;
 * // { code: 'CSV_ENVELOPE_INVALID', detail: 'the summary key "total" appears twice', index: 25 }
 * ```
 */
export function readEnvelopeLine(line: string): EnvelopeLine {
  const head: EnvelopeHead = {};
  const pairs: SummaryPair[] = [];
  const missing = hashLineProblem(line, 'envelope');
  if (missing !== undefined) return { head, pairs, problem: missing };
  const split = splitLine(line, true);
  if ('detail' in split) return { head, pairs, problem: { code: 'CSV_MALFORMED', detail: split.detail, index: split.index } };
  const { fields, starts } = split;
  const status = fields[0] ?? '';
  const method = fields[1] ?? '';
  if (status !== '') head.status = status.toLowerCase();
  if (method !== '') head.method = method;
  let count = fields.length - 2;
  if (count > 0 && count % 2 === 1) {
    const last = fields.length - 1;
    if (fields[last] !== '') return { head, pairs, problem: { code: 'CSV_ENVELOPE_INVALID', detail: `the summary key ${quote(fields[last])} has no value`, index: starts[last] ?? 0 } };
    count--;
  }
  const seen = new Set<string>();
  const kinds = grammars().summary;
  let problem: LineProblem | undefined;
  for (let k = 2; k < 2 + count; k += 2) {
    const key = (fields[k] as string).toLowerCase();
    const start = starts[k] ?? 0;
    const wrong = summaryKeyProblem(key, seen);
    if (wrong !== undefined) {
      problem = { code: 'CSV_ENVELOPE_INVALID', detail: wrong === 'empty' ? 'a summary key is empty' : `the summary key ${quote(fields[k])} appears twice`, index: start };
      break;
    }
    seen.add(key);
    pairs.push({ key, text: fields[k + 1] as string, kind: kinds.get(key)?.kind, start });
  }
  const summary = typedSummary(pairs);
  if (summary !== undefined) head.summary = summary;
  return { head, pairs, problem };
}

/** What {@link LineScanner.scan} found in a piece of a `#` line. */
export type LineEvent =
  /** The line ends at `end` (the index of its LF in the piece). */
  | { kind: 'end'; end: number }
  /** A field's value grew past `maxValueLength` (`index`: the line index of the first character past it; `fieldStart`: where the field starts). */
  | { kind: 'long'; index: number; fieldStart: number }
  /** A field starts at line index `fieldStart` and is field number `field` (0-based) of the line, past the count the caller set. */
  | { kind: 'fields'; fieldStart: number; field: number; next: number }
  | undefined;

/**
 * Reads one `#` line as it arrives, piece by piece, without ever going back: it finds the LF that
 * ends it (outside quotes), counts its fields, and measures each field's value (a doubled quote
 * inside quotes is one character), so that the decoder can enforce the limits while the line is
 * still arriving. The same fields as {@link splitLine} (which reads the line once it is whole).
 *
 * @example
 * ```ts
 * const s = new LineScanner(true, 1024, 10);
 * s.scan('# SUCCESS, /grid'); // undefined: more to come
 * s.scan('/ip/list\n');        // { kind: 'end', end: 8 }
 * ```
 */
export class LineScanner {
  /** Line index of the next character. */
  private index = 0;
  private quoted = false;
  /** A quote was read inside quotes: a doubled quote, or the field's end. */
  private quote = false;
  /** The field being read: its number, where it starts, its value's length so far, and whether it has started (past the optional space). */
  private field = 0;
  private fieldStart = 1;
  private length = 0;
  private started = false;

  /**
   * @param spaced - the envelope line: one space after each comma is layout.
   * @param maxValueLength - the longest field value.
   * @param maxFields - report once the field with this number (0-based) starts; `Infinity` for never.
   * @param row - a data row rather than a `#` line: no `#` and no space after it.
   */
  constructor(
    readonly spaced: boolean,
    readonly maxValueLength: number,
    public maxFields: number,
    row = false,
  ) {
    if (row) {
      this.index = 2;
      this.fieldStart = 2;
      this.offset = 2;
    }
  }

  /** What `index` counts from: 2 in a data row (so that line indexes are `index - offset`). */
  private readonly offset: number = 0;

  /**
   * Reads the next piece of the line.
   * @param piece - the text.
   * @returns the line's end, or a limit crossed, or `undefined` when the whole piece belongs to the line.
   */
  scan(piece: string): LineEvent {
    const event = this.read(piece);
    if (event === undefined || this.offset === 0) return event;
    // A data row: indexes from its first character.
    if (event.kind === 'long') return { kind: 'long', index: event.index - 2, fieldStart: event.fieldStart - 2 };
    if (event.kind === 'fields') return { ...event, fieldStart: event.fieldStart - 2 };
    return event;
  }

  /** @returns the field number (0-based) being read. */
  fieldNumber(): number {
    return this.field;
  }

  private read(piece: string): LineEvent {
    const max = this.maxValueLength;
    for (let p = 0; p < piece.length; p++, this.index++) {
      const c = piece.charCodeAt(p);
      const i = this.index;
      if (i === 0) continue; // the `#`
      if (i === 1 && c === 0x20 && !this.started) {
        this.fieldStart = 2;
        continue;
      }
      if (this.quoted) {
        if (this.quote) {
          this.quote = false;
          if (c === 0x22) {
            if (++this.length > max) return { kind: 'long', index: i, fieldStart: this.fieldStart };
            continue;
          }
          this.quoted = false;
          // Fall through: the character after a closing quote (a comma, or anything: splitLine judges).
        } else {
          if (c === 0x22) this.quote = true;
          else if (++this.length > max) return { kind: 'long', index: i, fieldStart: this.fieldStart };
          continue;
        }
      }
      if (c === 0x0a) return { kind: 'end', end: p };
      if (c === 0x2c) {
        this.field++;
        this.fieldStart = i + 1;
        this.length = 0;
        this.started = false;
        continue;
      }
      if (!this.started) {
        if (this.spaced && c === 0x20 && i === this.fieldStart && this.field > 0) {
          this.fieldStart = i + 1;
          continue;
        }
        this.started = true;
        const opens = c === 0x22 && i === this.fieldStart;
        if (opens) this.quoted = true;
        else if (c !== 0x0d) this.length++;
        if (this.field >= this.maxFields) {
          this.index++;
          return { kind: 'fields', fieldStart: this.fieldStart, field: this.field, next: p + 1 };
        }
        continue;
      }
      // A CR just before the LF is not part of the field; one that is not is counted (splitLine decides).
      if (c !== 0x0d && ++this.length > max) return { kind: 'long', index: i, fieldStart: this.fieldStart };
    }
    return undefined;
  }

  /** @returns the line index the scanner stands at (after the text read so far). */
  position(): number {
    return this.index - this.offset;
  }
}
