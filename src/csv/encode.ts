/**
 * The CSV encoder: GoGrid's envelope line, the `#` header of dotted paths, one row per object.
 *
 * The header needs every object's attributes and list lengths before the first row, so the
 * encoder sees all objects twice: `observe` for each (the drivers keep them, spilling to a
 * temporary file past a bound), then the events.
 */
import { addToShape, assignTypes, newShape, type Shape, shapeOrder, shapeColumns } from './columns.js';
import { CodecError, pointer, quote } from '../errors.js';
import { type AttributeKind, attributeInfo, listedType } from '../grammar/grammars.js';
import { scalarText } from '../grammar/typing.js';
import { checkHead, checkObject } from '../tree/check.js';
import type { CodecEvent } from '../tree/events.js';
import { checkCsvCharacters } from './characters.js';
import { type EnvelopeHead, type GoObject, isObject, type Value } from '../tree/types.js';
import { envelopeFields, envelopeLine, headerLine } from './preamble.js';
import { quoteCell, spreadsheetSafeCell } from './quote.js';

/** Options of the CSV encoder. */
export interface CsvEncodeOptions {
  /** The type of the list's objects when the envelope's method does not name one. */
  type: string | undefined;
  /**
   * Make cells safe to open in a spreadsheet: a string cell starting with `=`, `+`, `-`, `@`,
   * TAB or CR gets a leading `'` (and quotes), so no spreadsheet runs it as a formula. That
   * covers data cells, the header's column names and the envelope line's fields (status, method,
   * summary keys and text values). Numbers are never changed. The `'` stays when the file is decoded again: this is not a lossless
   * option. Default `false`.
   */
  spreadsheetSafe: boolean;
  /**
   * Write plain CSV: the header first, without the `#` prefix, and no envelope line (status,
   * method and summary are not written). Default `false`.
   */
  plain?: boolean;
}

/** One position of the compiled row layout. */
interface Layout {
  readonly names: readonly string[];
  readonly kinds: readonly (AttributeKind | undefined)[];
  readonly children: readonly (Layout | undefined)[];
  readonly lengths: readonly number[];
  readonly width: number;
}

/**
 * Turns objects into GoGrid CSV. Call {@link CsvEncoder.observe} for every object first, then
 * {@link CsvEncoder.push} with the events (final head first).
 */
export class CsvEncoder {
  /** CSV must see every object before it writes the header. */
  readonly requires = 'two-pass' as const;
  private readonly options: CsvEncodeOptions;
  private readonly shape: Shape = newShape();
  private layout: Layout | undefined;
  private observed = 0;
  private count = 0;

  /** @param options - see {@link CsvEncodeOptions}. */
  constructor(options: CsvEncodeOptions) {
    this.options = options;
  }

  /**
   * Adds an object to the header's columns (first pass).
   * @param object - a list object, or the fragment.
   * @throws CodecError `CSV_MIXED_TYPES`, `CSV_UNREPRESENTABLE`, `TREE_UNSUPPORTED_VALUE`.
   */
  observe(object: GoObject): void {
    const path = ['list', this.observed++];
    checkObject(object, path);
    addToShape(this.shape, object, path);
  }

  /**
   * The text for one event (second pass).
   * @param event - the next event, final head first.
   * @returns the text to append.
   * @throws CodecError `CSV_*`, `TREE_*`.
   */
  push(event: CodecEvent): string {
    switch (event.type) {
      case 'fragment':
        return this.head({}) + this.row(event.object);
      case 'envelope':
        return this.head(event.head);
      case 'object':
        return this.row(event.object);
      case 'end':
        return '';
    }
  }

  private head(head: EnvelopeHead): string {
    checkHead(head);
    if (this.options.plain === true) return this.plainHead(head);
    const { status, method, summary } = envelopeFields(head);
    const fields = [status.toUpperCase(), method];
    // Spreadsheet-safe: every text field; a number (a negative total, say) stays a number.
    const safe = [this.options.spreadsheetSafe, this.options.spreadsheetSafe];
    for (const field of summary) {
      fields.push(field.name.toUpperCase(), field.text);
      safe.push(this.options.spreadsheetSafe, this.options.spreadsheetSafe && typeof field.value !== 'number');
    }
    assignTypes(this.shape, listedType(head, this.options.type));
    this.layout = compile(this.shape);
    const columns = shapeColumns(this.shape).map((path) => path.join('.'));
    columns.forEach((c) => checkCsvCharacters(c, ''));
    return `${envelopeLine(fields, safe)}\n${headerLine(columns, this.options.spreadsheetSafe)}\n`;
  }

  /** Plain CSV: the header line alone; the envelope is not written, its method still types the columns. */
  private plainHead(head: EnvelopeHead): string {
    assignTypes(this.shape, listedType(head, this.options.type));
    this.layout = compile(this.shape);
    const columns = shapeColumns(this.shape).map((path) => path.join('.'));
    columns.forEach((c) => checkCsvCharacters(c, ''));
    return `${columns.map(this.options.spreadsheetSafe ? spreadsheetSafeCell : quoteCell).join(',')}\n`;
  }

  private row(object: GoObject): string {
    const layout = this.layout as Layout;
    const cells: string[] = [];
    const path: (string | number)[] = ['list', this.count++];
    this.cells(layout, object, cells, path);
    if (layout.width === 1 && cells[0] === '') return '""\n';
    return `${cells.join(',')}\n`;
  }

  private cells(layout: Layout, object: GoObject, out: string[], path: (string | number)[]): void {
    const { names, kinds, children, lengths } = layout;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const value = Object.prototype.hasOwnProperty.call(object, name) ? (object[name] as Value) : null;
      const child = children[i];
      if (child === undefined) {
        out.push(this.cell(value, kinds[i], path, name));
        continue;
      }
      const length = lengths[i] as number;
      if (length < 0) {
        if (isObject(value)) {
          path.push(name);
          this.cells(child, value, out, path);
          path.pop();
        } else {
          blank(out, child.width);
        }
        continue;
      }
      const list = Array.isArray(value) ? value : [];
      path.push(name);
      for (let j = 0; j < length; j++) {
        const item = list[j];
        if (item === undefined) {
          blank(out, child.width);
        } else {
          path.push(j);
          this.cells(child, item, out, path);
          path.pop();
        }
      }
      path.pop();
    }
  }

  private cell(value: Value, kind: AttributeKind | undefined, path: (string | number)[], name: string): string {
    switch (typeof value) {
      case 'string': {
        if (NEEDS_CHECK.test(value)) checkCsvCharacters(value, pointer([...path, name]));
        return this.options.spreadsheetSafe ? spreadsheetSafeCell(value) : quoteCell(value);
      }
      case 'number':
        if (!Number.isFinite(value)) throw unsupported([...path, name], value);
        return scalarText(value, kind);
      case 'boolean':
        return value ? 'true' : 'false';
      default:
        // null, or an object or list that fills no cell (addToShape refused any other).
        if (value === null || typeof value === 'object') return '';
        throw unsupported([...path, name], value);
    }
  }
}

const NEEDS_CHECK = /[\uD800-\uDFFF]/;

function blank(out: string[], width: number): void {
  for (let i = 0; i < width; i++) out.push('');
}

function compile(shape: Shape): Layout {
  const names = shapeOrder(shape);
  const kinds: (AttributeKind | undefined)[] = [];
  const children: (Layout | undefined)[] = [];
  const lengths: number[] = [];
  let width = 0;
  for (const name of names) {
    const entry = shape.attributes.get(name);
    if (entry === undefined || entry.kind === 'scalar') {
      kinds.push(attributeInfo(shape.type, name)?.kind);
      children.push(undefined);
      lengths.push(0);
      width += 1;
    } else {
      const child = compile(entry.shape);
      kinds.push(undefined);
      children.push(child);
      lengths.push(entry.kind === 'list' ? entry.length : -1);
      width += entry.kind === 'list' ? child.width * entry.length : child.width;
    }
  }
  return { names, kinds, children, lengths, width };
}

function unsupported(path: (string | number)[], value: unknown): CodecError {
  return new CodecError({ code: 'TREE_UNSUPPORTED_VALUE', format: 'tree', detail: `${quote(value)} is not a tree value here`, path: pointer(path) });
}
