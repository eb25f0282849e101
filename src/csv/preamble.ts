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
 * leading `#` is not part of the first field.
 */
import { CodecError, pointer, quote } from '../errors.js';
import { type AttributeKind, grammars } from '../grammar/grammars.js';
import { scalarText } from '../grammar/typing.js';
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
      if (key === '' || seen.has(key)) {
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
