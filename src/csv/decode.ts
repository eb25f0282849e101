/**
 * The CSV decoder core: GoGrid's envelope line and `#` header (read here), then one object per
 * row (tokenized by papaparse, one row at a time).
 *
 * Dotted header paths build nested objects (`ip.state.name`); `name.N.rest` with N ≥ 1 builds
 * lists (`realiplist.2.ip.id`). A nested object or list item whose cells are all empty is
 * absent; an empty cell is an absent attribute. The grammar types the values (a number or
 * boolean only when it reads back to the same text) and restores type names from the method.
 */
import type Papa from 'papaparse';
import { papaParser } from '#platform/papaparse.js';
import { type CodecError, codecError, pointer, quote } from '../errors.js';
import { attributeInfo, listedType } from '../grammar/grammars.js';
import { type TreeLimits, LimitChecker } from '../tree/checks.js';
import { type CodecEvent, END } from '../tree/events.js';
import type { EnvelopeHead } from '../tree/types.js';
import type { DecoderCore, TextPosition } from '../text/feed.js';
import { LineIndex } from '../text/line-index.js';
import { columnIndex, listPosition } from './columns.js';
import { hashLineProblem, lineEnd, type LineProblem, LineScanner, readEnvelopeLine, splitLine } from './preamble.js';
import { buildRow, compileRow, type PlanAttribute, type PlanNode, type RowFunction } from './row-builder.js';

const INDEX = /^[1-9][0-9]*$/;
const VALUE_TOO_LONG = 'a value is longer than maxValueLength';
const DIGITS = /^[0-9]+$/;

/** Decodes GoGrid CSV into events. */
export class CsvDecoder implements DecoderCore {
  readonly format = 'csv' as const;
  private readonly checks: LimitChecker;
  private readonly type: string | undefined;
  private readonly maxValueLength: number;
  private readonly sink: (event: CodecEvent) => void;
  // The two `#` lines.
  private phase: 'envelope' | 'header' | 'rows' = 'envelope';
  /** Plain CSV: no `#` lines; the first line is the header (see the constructor). */
  private readonly plain: boolean;
  /** The `#` line being processed (while it is, for positions), and the pieces of the one arriving. */
  private pre = '';
  private prePieces: string[] = [];
  private preLength = 0;
  private scanner: LineScanner | undefined;
  private preBase = 0;
  private preBreaksOf = '';
  private preFirstBreak = -1;
  private head: EnvelopeHead = {};
  // The rows.
  private parser: Papa.Parser | undefined;
  private root: PlanNode | undefined;
  /** The row → object function of the header (compiled once, see `row-builder.ts`). */
  private buildObject: RowFunction | undefined;
  /** Where the row being read starts (its line and offset; its column is 1). */
  private rowLine = 1;
  private rowOffset = 0;
  private columns = 0;
  private emptyColumns: number[] = [];
  /** Text after the last row read: `partial`, then the pieces held since (see `rows`). */
  private partial = '';
  private held: string[] = [];
  private heldLength = 0;
  /** Quotes in `partial` and `held` (odd: a line end may be inside a quoted cell), and the length at the last parse. */
  private heldQuotes = 0;
  private lastTry = 0;
  /** Reads the held row's cells as they arrive once it is longer than maxValueLength. */
  private cells: LineScanner | undefined;
  private rowEnded = false;
  /** Each column's path in a list object, for errors. */
  private columnPaths: string[] = [];
  /** Absolute offset of `partial[0]`, and of `input[0]` during a parse call. */
  private base = 0;
  private input = '';
  private inputBase = 0;
  private rowStart = 0;
  private crlf = false;
  /** The line breaks before `preBase` (the `#` lines), then before `base` (the rows). */
  private readonly lines = new LineIndex();
  /** The line state where the row being checked starts (see `row`). */
  private readonly rowLines = new LineIndex();
  private count = 0;

  private readonly strict: boolean;
  private readonly onWarning: ((warning: CodecError) => void) | undefined;

  /**
   * @param limits - the tree's limits.
   * @param type - the type of the list's objects when the method does not say.
   * @param sink - receives the events.
   * @param checks - `strict`: fewer rows than `RETURNED` is an error, not a warning; `onWarning`
   *   receives warnings; `plain`: read plain CSV (no envelope line, the header first and without
   *   `#`; the envelope is `{}`, or `{ method }` when a method is given, which types the objects).
   */
  constructor(
    limits: Readonly<TreeLimits>,
    type: string | undefined,
    sink: (event: CodecEvent) => void,
    checks: { strict?: boolean; onWarning?: ((warning: CodecError) => void) | undefined; plain?: { method: string | undefined } } = {},
  ) {
    this.strict = checks.strict ?? false;
    this.onWarning = checks.onWarning;
    this.plain = checks.plain !== undefined;
    if (checks.plain !== undefined) {
      this.phase = 'header';
      if (checks.plain.method !== undefined) this.head = { method: checks.plain.method };
    }
    this.checks = new LimitChecker(limits, 'csv');
    this.maxValueLength = limits.maxValueLength;
    this.type = type;
    this.sink = sink;
  }

  /** @param text - the next piece of the document. */
  write(text: string): void {
    if (this.phase !== 'rows') {
      this.preText(text);
      return;
    }
    this.rows(text, true);
  }

  /** The input is complete. */
  end(): void {
    if (this.phase !== 'rows') {
      const line = this.prePieces.join('');
      this.prePieces = [];
      if (this.phase === 'envelope' && line === '') throw codecError('csv', 'CSV_ENVELOPE_INVALID', 'the input is empty', this.preAt(0));
      if (this.phase === 'header' && line === '') throw codecError('csv', 'CSV_HEADER_MISSING', this.plain ? 'the input is empty: plain CSV starts with its header line' : 'the input ends before the `#` header line', this.preAt(0));
      this.line1or2(line);
      if (this.phase === 'header') throw codecError('csv', 'CSV_HEADER_MISSING', 'the input ends before the `#` header line', this.preAt(0));
    }
    this.rows('', false);
    this.checkReturned();
    this.sink(END);
  }

  /**
   * The truncation rule. GoGrid's CSV has no final line end and no end marker, so a cut inside
   * the last cell cannot be seen. What can be seen is fewer rows than the envelope's `RETURNED`
   * (a cut in the header or before a row): an error under `strict`, a warning otherwise (some
   * published responses have counts that disagree with their lists).
   */
  private checkReturned(): void {
    const returned = this.head.summary?.['returned'];
    if (typeof returned !== 'number' || this.count >= returned) return;
    const error = codecError(
      'csv',
      'CSV_TRUNCATED',
      `the envelope says RETURNED, ${returned} but ${this.count} row${this.count === 1 ? '' : 's'} followed: the input may have been cut short`,
      this.at(this.base + this.partial.length),
    );
    if (this.strict) throw error;
    this.onWarning?.(error);
  }

  /** @returns the position after all text written. */
  position(): TextPosition {
    if (this.phase !== 'rows') {
      this.pre = this.prePieces.join('');
      this.prePieces = this.pre === '' ? [] : [this.pre];
      return this.preAt(this.pre.length);
    }
    this.partial = this.take();
    return this.at(this.base + this.partial.length);
  }

  /**
   * The input breaks off here (invalid UTF-8): the rows held unread are read first, so that an
   * earlier error in them wins, as it does when the text before the break comes in one piece.
   * @param error - the error to throw when the text so far has none of its own.
   */
  abort(error: CodecError): never {
    if (this.phase === 'rows') {
      this.rowEnded = true;
      this.rows('', true);
    }
    throw error;
  }

  // -------------------------------------------------------------------------------------------
  // The envelope line and the header

  /**
   * Text of the `#` lines. Each line is read as it arrives by a {@link LineScanner}, never from
   * its start again: its end, its fields' lengths and (envelope line) its number of summary pairs
   * are checked on the way, so a decoder holds at most about one limit's worth of a line.
   */
  private preText(text: string): void {
    let rest = text;
    while (rest !== '' && this.phase !== 'rows') {
      const header = this.phase === 'header';
      const limits = this.checks.limits;
      // A plain header has no `#`: it is scanned as a data row is.
      const scanner = (this.scanner ??= new LineScanner(!header, limits.maxValueLength, header ? limits.maxAttributes + 1 : 2 + 2 * limits.maxAttributes, header && this.plain));
      if (!this.plain && scanner.position() === 0) {
        const missing = hashLineProblem(rest, header ? 'header' : 'envelope');
        if (missing !== undefined) this.preFail(missing);
      }
      const found = scanner.scan(rest);
      if (found === undefined) {
        this.prePieces.push(rest);
        this.preLength += rest.length;
        this.checks.objectText(this.preLength, () => this.preAt(0));
        return;
      }
      if (found.kind === 'end') {
        this.prePieces.push(rest.slice(0, found.end + 1));
        rest = rest.slice(found.end + 1);
        const line = this.prePieces.join('');
        this.prePieces = [];
        this.preLength = 0;
        this.scanner = undefined;
        this.line1or2(line);
        continue;
      }
      const sofar = this.prePieces.join('') + rest;
      if (found.kind === 'fields' && header) {
        // Many columns: the ones so far are placed (and their limits checked) now and then, at
        // doubling counts, so the work stays linear in the line.
        this.header(sofar.slice(0, found.fieldStart), true);
        scanner.maxFields *= 2;
        this.preLength = sofar.length - rest.length + found.next;
        this.prePieces = [sofar.slice(0, this.preLength)];
        rest = rest.slice(found.next);
        continue;
      }
      // A limit crossed inside the line: an earlier problem of the fields before wins.
      const prefix = sofar.slice(0, found.fieldStart);
      this.pre = sofar;
      if (header) this.header(prefix, true);
      else this.envelope(prefix);
      if (found.kind === 'long') this.checks.limit('maxValueLength', () => this.preAt(found.index), header ? 'a column name is longer than maxValueLength' : undefined);
      this.checks.limit('maxAttributes', () => ({ ...this.preAt(found.fieldStart), path: '/summary' }), 'the envelope line has more summary pairs than maxAttributes');
    }
    if (rest !== '') this.rows(rest, true);
  }

  /** Line 1 or 2, whole (with its line end, unless the input ends without one). */
  private line1or2(text: string): void {
    this.pre = text;
    const end = text.endsWith('\n') ? text.length - 1 : text.length;
    const raw = text.slice(0, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const crlf = line.length !== raw.length;
    if (this.phase === 'envelope') {
      this.envelope(line);
      this.phase = 'header';
    } else {
      const missing = this.plain ? undefined : hashLineProblem(line, 'header');
      if (missing !== undefined) this.preFail(missing);
      this.header(line, false);
      this.phase = 'rows';
    }
    this.lines.advance(text, this.preBase);
    this.preBase += text.length;
    this.pre = '';
    if (this.phase === 'rows') this.start(crlf);
  }

  /** The envelope line (or the fields of it before a limit it crosses), read by {@link readEnvelopeLine}: here only its limits are checked, pair by pair, before its first problem. */
  private envelope(line: string): void {
    const read = readEnvelopeLine(line);
    const pairs = read.pairs;
    for (let p = 0; p < pairs.length; p++) {
      const pair = pairs[p] as (typeof pairs)[number];
      const at = this.preAt(pair.start);
      this.checks.attributes(p + 1, () => ({ ...at, path: '/summary' }));
      this.checks.length(Math.max(pair.key.length, pair.text.length), () => at);
    }
    if (read.problem !== undefined) this.preFail(read.problem);
    this.head = read.head;
  }

  /** @param dry - only check the columns (of a line not whole yet): build and emit nothing. */
  private header(line: string, dry: boolean): void {
    // A plain header is read as the `#` header it would be (`# ` prefixed), positions shifted back.
    const { fields, starts } = this.plain ? this.splitPlain(line) : this.split(line, false);
    const emptyColumns = this.emptyColumns;
    if (dry) this.emptyColumns = [];
    const type = listedType(this.head, this.type);
    const root = newNode(type, 1);
    const seen = new Map<string, number>();
    const paths: string[] = fields.map(() => '');
    fields.forEach((name, column) => {
      const at = this.preAt(starts[column] ?? 0);
      if (name === '') {
        this.emptyColumns.push(column);
        return;
      }
      this.checks.length(name.length, () => at);
      if (seen.has(name)) throw codecError('csv', 'CSV_COLUMN_DUPLICATE', `the column ${quote(name)} appears twice (columns ${(seen.get(name) ?? 0) + 1} and ${column + 1})`, at);
      seen.set(name, column);
      this.place(root, name, column, at, paths);
    });
    if (dry) {
      this.emptyColumns = emptyColumns;
      return;
    }
    this.checkGaps(root, fields, starts);
    this.root = root;
    const tooLong = (path: string): never => this.checks.limit('maxValueLength', () => ({ ...this.rowPosition(), path: this.valuePath(path) }), VALUE_TOO_LONG);
    const max = this.maxValueLength;
    this.buildObject = compileRow(root, max, tooLong) ?? ((cells) => buildRow(root, cells, max, tooLong));
    this.columns = fields.length;
    this.columnPaths = paths;
    this.sink({ type: 'envelope', head: this.head, final: true });
  }

  /** Adds one column to the plan, and its JSON Pointer inside a row's object to `paths`. */
  private place(root: PlanNode, column: string, index: number, at: TextPosition, paths: string[]): void {
    const segments = column.split('.');
    let node = root;
    for (let k = 0; k < segments.length; k++) {
      const name = segments[k] as string;
      const bad: (why: string) => never = (why) => {
        throw codecError('csv', 'CSV_COLUMN_INVALID', `the column ${quote(column)} ${why}`, at);
      };
      if (name === '') bad('has an empty segment');
      if (DIGITS.test(name)) bad(k === 0 ? 'starts with an index' : INDEX.test(name) ? 'has two indexes in a row' : `has the index ${quote(name)}; list indexes start at 1, without leading zeros`);
      const next = segments[k + 1];
      const last = k === segments.length - 1;
      const existing = attributeNamed(node, name);
      const conflict: () => never = () => {
        throw codecError('csv', 'CSV_COLUMN_CONFLICT', `the column ${quote(column)} makes ${quote(segments.slice(0, k + 1).join('.'))} both a value and an object or list`, at);
      };
      if (last) {
        if (existing !== undefined) conflict();
        const kind = name === 'object' ? 'string' : attributeInfo(node.type, name)?.kind;
        const path = pointer(segments.map((segment) => (INDEX.test(segment) ? listPosition(Number(segment)) : segment)));
        add(node, { kind: 'scalar', name, hostile: name === '__proto__', column: index, valueKind: kind, path }, this.checks, at);
        paths[index] = path;
        return;
      }
      if (next !== undefined && DIGITS.test(next)) {
        if (!INDEX.test(next)) bad(`has the index ${quote(next)}; list indexes start at 1, without leading zeros`);
        if (k + 1 === segments.length - 1) bad('ends with an index; list items are objects');
        const position = listPosition(Number(next));
        this.checks.listItems(position + 1, () => ({ ...at, path: pointer(segments.slice(0, k + 1)) }));
        let entry = existing;
        if (entry === undefined) {
          entry = { kind: 'list', name, hostile: name === '__proto__', items: [], firstColumn: [] };
          add(node, entry, this.checks, at);
        } else if (entry.kind !== 'list') {
          conflict();
        }
        let item = entry.items[position];
        if (item === undefined) {
          this.checks.depth(node.depth + 1, () => at);
          item = newNode(attributeInfo(node.type, name)?.type, node.depth + 1);
          entry.items[position] = item;
          entry.firstColumn[position] = index;
        }
        node = item;
        k++;
        continue;
      }
      let entry = existing;
      if (entry === undefined) {
        this.checks.depth(node.depth + 1, () => at);
        entry = { kind: 'object', name, hostile: name === '__proto__', node: newNode(attributeInfo(node.type, name)?.type, node.depth + 1) };
        add(node, entry, this.checks, at);
      } else if (entry.kind !== 'object') {
        conflict();
      }
      node = entry.node;
    }
  }

  /** List indexes must run from 1 without gaps. */
  private checkGaps(node: PlanNode, fields: string[], starts: number[]): void {
    for (const entry of node.attributes) {
      if (entry.kind === 'object') this.checkGaps(entry.node, fields, starts);
      if (entry.kind !== 'list') continue;
      for (let i = 0; i < entry.items.length; i++) {
        const item = entry.items[i];
        if (item === undefined) {
          const after = entry.firstColumn.findIndex((c, k) => k > i && c !== undefined);
          const column = entry.firstColumn[after] ?? 0;
          throw codecError('csv', 'CSV_INDEX_GAP', `the column ${quote(fields[column])} has index ${columnIndex(after)} but no column has index ${columnIndex(i)}`, this.preAt(starts[column] ?? 0));
        }
        this.checkGaps(item, fields, starts);
      }
    }
  }

  private split(line: string, spaced: boolean): { fields: string[]; starts: number[] } {
    const result = splitLine(line, spaced);
    if ('detail' in result) throw codecError('csv', 'CSV_MALFORMED', result.detail, this.preAt(result.index));
    return result;
  }

  private splitPlain(line: string): { fields: string[]; starts: number[] } {
    const result = splitLine(`# ${line}`, false);
    if ('detail' in result) throw codecError('csv', 'CSV_MALFORMED', result.detail, this.preAt(result.index - 2));
    return { fields: result.fields, starts: result.starts.map((s) => s - 2) };
  }

  /** The position of an index of the text of the current `#` line. */
  private preAt(index: number): TextPosition {
    // The first line break of the text is looked up once per text: a `#` line has one only at its
    // end (or in a quoted field), and a header of many columns asks for many positions.
    if (this.preBreaksOf !== this.pre) {
      this.preBreaksOf = this.pre;
      this.preFirstBreak = this.pre.indexOf('\n');
    }
    const first = this.preFirstBreak;
    return this.lines.at(this.pre, this.preBase, index, first < 0 ? this.pre.length : first);
  }

  /** A problem of the current `#` line, at its index. */
  private preFail(problem: LineProblem): never {
    throw codecError('csv', problem.code, problem.detail, this.preAt(problem.index));
  }

  // -------------------------------------------------------------------------------------------
  // The rows

  private start(crlf: boolean): void {
    this.crlf = crlf;
    this.base = this.preBase;
    this.rowStart = this.preBase;
  }

  /**
   * papaparse needs to be told the line end. It is the data's own: the first line break outside
   * quotes in the rows decides (the header's when there is none), so a file whose `#` lines end
   * differently from its rows still reads cleanly.
   */
  private createParser(text: string, more: boolean): Papa.Parser | undefined {
    const end = lineEnd(text, 0);
    if (end < 0 && more) return undefined;
    if (end >= 0) this.crlf = end > 0 && text.charCodeAt(end - 1) === 0x0d;
    // papaparse is loaded on first use only: decoding JSON or XML does not need it.
    const Parser = papaParser();
    this.parser = new Parser({ delimiter: ',', newline: this.crlf ? '\r\n' : '\n', quoteChar: '"', step: (r: Papa.ParseStepResult<string[]>) => this.row(r) });
    return this.parser;
  }

  /**
   * Rows text. papaparse reads from the start of the unfinished row each time it is called, so it
   * is called only when a row may have ended: when the new text holds a line end that is not
   * inside quotes (by the count of quotes since the row started), when the text held is no longer
   * than the new piece, or when the held text has doubled since the last try. Otherwise the piece
   * is held as it came (never joined or re-read): time stays linear whatever the chunking. A held
   * row longer than maxValueLength has its cells measured as they arrive.
   */
  private rows(text: string, more: boolean): void {
    if (this.phase !== 'rows') return;
    if (more && !this.rowMayEnd(text)) {
      this.hold(text);
      return;
    }
    const pending = this.take() + text;
    const parser = this.parser ?? this.createParser(pending, more);
    if (parser === undefined) {
      this.partial = pending;
      this.afterParse();
      return;
    }
    this.input = pending;
    this.inputBase = this.base;
    const result = parser.parse(this.input, this.inputBase, more) as Papa.ParseResult<string[]>;
    const consumed = result.meta.cursor - this.inputBase;
    this.partial = this.input.slice(consumed);
    this.base = result.meta.cursor;
    this.input = '';
    if (more) this.afterParse();
  }

  /** Whether papaparse should read now, with `text` added to what is held. */
  private rowMayEnd(text: string): boolean {
    if (this.rowEnded) return true;
    const held = this.partial.length + this.heldLength;
    if (held <= text.length || held + text.length >= 2 * this.lastTry) return true;
    let quotes = this.heldQuotes;
    let q = text.indexOf('"');
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
      while (q >= 0 && q < nl) {
        quotes++;
        q = text.indexOf('"', q + 1);
      }
      if ((quotes & 1) === 0) return true;
    }
    return false;
  }

  /** Holds a piece of an unfinished row. */
  private hold(text: string): void {
    this.held.push(text);
    this.heldLength += text.length;
    this.heldQuotes += countQuotes(text);
    const length = this.partial.length + this.heldLength;
    this.checks.objectText(length, () => ({ ...this.at(this.rowStart), column: 1 }));
    if (length > this.maxValueLength) this.measure(text);
  }

  /** `partial` and the held pieces as one string; nothing is held after. */
  private take(): string {
    const text = this.held.length === 0 ? this.partial : this.partial + this.held.join('');
    this.partial = '';
    this.held = [];
    this.heldLength = 0;
    this.heldQuotes = 0;
    this.cells = undefined;
    this.rowEnded = false;
    return text;
  }

  /** After papaparse read: what is left is the start of an unfinished row. */
  private afterParse(): void {
    this.lastTry = this.partial.length;
    this.heldQuotes = countQuotes(this.partial);
    this.checks.objectText(this.partial.length, () => ({ ...this.at(this.rowStart), column: 1 }));
    if (this.partial.length > this.maxValueLength) this.measure('');
  }

  /** Measures the cells of the held row, the new piece `text` included (a scanner starts from the row's start). */
  private measure(text: string): void {
    let found;
    let cells = this.cells;
    if (cells === undefined) {
      const whole = this.take();
      this.partial = whole;
      this.heldQuotes = countQuotes(whole);
      cells = this.cells = new LineScanner(false, this.maxValueLength, Infinity, true);
      found = cells.scan(whole);
    } else {
      found = cells.scan(text);
    }
    if (found === undefined) return;
    if (found.kind === 'end') {
      this.rowEnded = true;
      return;
    }
    if (found.kind === 'long') {
      const column = cells.fieldNumber();
      this.partial = this.take();
      this.longCell(this.rowStart + found.index, column, (offset) => this.at(offset));
    }
  }

  /** A cell of column `column` crosses maxValueLength at the absolute offset `offset`. */
  private longCell(offset: number, column: number, locate: (offset: number) => TextPosition): never {
    const path = this.valuePath(this.columnPaths[column] ?? '');
    this.checks.limit('maxValueLength', () => ({ ...locate(offset), path }), VALUE_TOO_LONG);
  }

  /** The JSON Pointer of a value of the row being read, from its path inside the row's object. */
  private valuePath(inRow: string): string {
    return `/list/${this.count}${inRow}`;
  }

  private row(result: Papa.ParseStepResult<string[]>): void {
    const end = result.meta.cursor;
    const start = this.rowStart;
    const fields = (result.data as unknown as string[][])[0] ?? [''];
    if (!this.crlf) {
      // Rows read with LF line ends: a CR left at the end of the row is a CRLF line end (files
      // mix them), unless the last field was quoted and holds it.
      const last = fields[fields.length - 1] as string;
      if (last.endsWith('\r') && this.input.charCodeAt(result.meta.cursor - this.inputBase - 2) === 0x0d) fields[fields.length - 1] = last.slice(0, -1);
    }
    // The row's positions are counted from its first line; the count moves on over the row
    // (quoted fields may hold line breaks).
    const rowLines = this.rowLines;
    rowLines.set(this.lines.line, this.lines.lineStart);
    this.lines.advance(this.input, this.inputBase, end - this.inputBase, start - this.inputBase);
    this.rowStart = end;
    this.rowLine = rowLines.line;
    this.rowOffset = start;
    // The same checks as on a partial row held between writes, so the outcome does not depend on the chunking.
    this.checks.objectText(end - start, this.rowPosition);
    if (end - start > this.maxValueLength) {
      const cells = new LineScanner(false, this.maxValueLength, Infinity, true);
      const found = cells.scan(this.input.slice(start - this.inputBase, end - this.inputBase));
      if (found?.kind === 'long') this.longCell(start + found.index, cells.fieldNumber(), (offset) => this.positionIn(offset));
    }
    const error = result.errors[0];
    if (error !== undefined) {
      // papaparse points after the opening quote of the field at fault; point at the quote.
      const offset = this.inputBase + Math.max(0, (error.index ?? start - this.inputBase + 1) - 1);
      throw codecError('csv', 'CSV_MALFORMED', `${error.message.replace(/\.$/, '')} (papaparse: ${error.code})`, this.positionIn(offset));
    }
    if (fields.length === 1 && fields[0] === '' && this.raw(start, end) === '') {
      // A blank line: an object only when the header has no columns at all.
      if (this.columns > 0) return;
    }
    const root = this.root as PlanNode;
    if (fields.length !== this.columns && !(fields.length === this.columns + 1 && fields[this.columns] === '')) {
      const raw = this.raw(start, end);
      const starts = fieldStarts(raw);
      const column = fields.length > this.columns ? (starts[this.columns] ?? 0) : raw.length;
      throw codecError('csv', 'CSV_FIELD_COUNT', `the row has ${fields.length} fields; the header has ${this.columns} columns`, this.positionIn(start + column));
    }
    for (const c of this.emptyColumns) {
      if (fields[c] !== '') {
        throw codecError('csv', 'CSV_EMPTY_COLUMN_FILLED', `the header column ${c + 1} has no name, so its cells must be empty (got ${quote(fields[c])})`, this.positionIn(start + (fieldStarts(this.raw(start, end))[c] ?? 0)));
      }
    }
    const object = (this.buildObject as RowFunction)(fields) ?? (root.type === undefined ? {} : { object: root.type });
    this.count++;
    this.sink({ type: 'object', object });
  }

  /** The position of the start of the row being read (a bound function, so passing it allocates nothing). */
  private readonly rowPosition = (): TextPosition => ({ line: this.rowLine, column: 1, offset: this.rowOffset });

  private raw(start: number, end: number): string {
    let text = this.input.slice(start - this.inputBase, end - this.inputBase);
    if (text.endsWith('\n')) text = text.slice(0, this.crlf && text.endsWith('\r\n') ? -2 : -1);
    return text;
  }

  /** The position of an absolute offset in the row `row` is checking (in `input`). */
  private positionIn(offset: number): TextPosition {
    return this.rowLines.at(this.input, this.inputBase, offset - this.inputBase);
  }

  /** The position of an absolute offset in the text after the last row read (`partial`). */
  private at(offset: number): TextPosition {
    return this.lines.at(this.partial, this.base, offset - this.base);
  }
}

function countQuotes(text: string): number {
  let n = 0;
  for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q + 1)) n++;
  return n;
}

function newNode(type: string | undefined, depth: number): PlanNode {
  return { type, attributes: [], byName: undefined, depth };
}

function add(node: PlanNode, entry: PlanAttribute, checks: LimitChecker, at: TextPosition): void {
  checks.attributes(node.attributes.length + 1, () => at);
  node.attributes.push(entry);
  if (node.byName !== undefined) node.byName.set(entry.name, entry);
  else if (node.attributes.length > 8) node.byName = new Map(node.attributes.map((a) => [a.name, a]));
}

function attributeNamed(node: PlanNode, name: string): PlanAttribute | undefined {
  if (node.byName !== undefined) return node.byName.get(name);
  for (const a of node.attributes) if (a.name === name) return a;
  return undefined;
}

/** Where each field of a raw row starts (for error positions only). */
function fieldStarts(raw: string): number[] {
  const starts = [0];
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x2c && !quoted) starts.push(i + 1);
  }
  return starts;
}
