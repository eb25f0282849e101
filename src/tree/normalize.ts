/**
 * `normalize(doc, format)`: the projection of a tree onto what one format can carry. It is the
 * reference every round-trip property compares against — `decode(encode(t))` must equal
 * `normalize(t, format)` — and it implements the README's information-model table row by row.
 */
import { addToShape, assignTypes, newShape, type Shape, shapeColumns, shapeOrder } from '../csv/columns.js';
import { envelopeFields } from '../csv/preamble.js';
import { CodecError, pointer } from '../errors.js';
import { type AttributeKind, attributeInfo, grammars, methodType } from '../grammar/grammars.js';
import { projectScalar, scalarText, typeText } from '../grammar/typing.js';
import { attributeName, checkExtraMember, checkXmlCharacters } from '../xml/escape.js';
import { setAttribute } from './builder.js';
import { checkHead, checkObject } from './check.js';
import { type Document, type Envelope, type GoObject, isEnvelope, isObject, type Scalar, type Summary, typeName, type Value } from './types.js';

/** The formats gogrid-codec reads and writes. */
export type Format = 'json' | 'xml' | 'csv';

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** CSV only: the type of the list's objects when the envelope's method does not say (as the CSV decoder's `type` option). */
  type?: string;
}

/**
 * The tree that decoding gives back after encoding `doc` in `format`.
 *
 * - `json` keeps everything: the tree is copied as it is.
 * - `xml` keeps structure, names, type names and strings, but every scalar becomes text: a
 *   value is a number or boolean again only when the grammar says so and the text reads back to
 *   it; `""` and `null` both become `null`; a string `object` (type name) moves first; envelope
 *   members come in the order `method`, `status`, extras, `summary`, `list`.
 * - `csv` additionally loses type names (the grammar restores them from the method), `null`,
 *   `""` and absent become absent, objects and list items with no values disappear, attributes
 *   follow the header order, and status and summary keys are lower-cased.
 *
 * @param doc - a tree.
 * @param format - the format to project onto.
 * @param options - see {@link NormalizeOptions}.
 * @returns a new tree (the argument is not modified).
 * @throws CodecError when the format cannot carry the tree at all, with the same code the
 *   encoder would give (`XML_INVALID_CHARACTER`, `XML_UNREPRESENTABLE`, `CSV_MIXED_TYPES`,
 *   `CSV_UNREPRESENTABLE`, `CSV_INVALID_CHARACTER`, `TREE_*`).
 * @example
 * ```ts
 * normalize({ list: [{ object: 'ip', id: 7, public: 'yes' }], method: '/grid/ip/list' }, 'xml');
 * // { method: '/grid/ip/list', list: [{ object: 'ip', id: 7, public: 'yes' }] }
 * ```
 */
export function normalize(doc: Document, format: Format, options: NormalizeOptions = {}): Document {
  if (isEnvelope(doc)) checkHead(doc);
  const objects = isEnvelope(doc) ? doc.list : [doc];
  objects.forEach((o, i) => checkObject(o, isEnvelope(doc) ? ['list', i] : []));
  switch (format) {
    case 'json':
      return structuredClone(doc);
    case 'xml':
      return normalizeXml(doc);
    case 'csv':
      return normalizeCsv(doc, options);
  }
}

// ---------------------------------------------------------------------------------------------
// XML

function normalizeXml(doc: Document): Document {
  if (!isEnvelope(doc)) return xmlObject(doc, undefined, []);
  const out = {} as Envelope;
  if (doc.method !== undefined) setAttribute(out, 'method', xmlString(doc.method, ['method']));
  if (doc.status !== undefined) setAttribute(out, 'status', xmlString(doc.status, ['status']));
  for (const key in doc) {
    if (key === 'method' || key === 'status' || key === 'summary' || key === 'list') continue;
    const value = doc[key];
    if (value === undefined) continue;
    checkExtraMember(key, value);
    setAttribute(out, key, xmlScalar(value, undefined, [key]));
  }
  if (doc.summary !== undefined) {
    const summary: Summary = {};
    const kinds = grammars().summary;
    for (const field in doc.summary) {
      attributeName(field, ['summary', field]);
      setAttribute(summary, field, xmlScalar(doc.summary[field] ?? null, kinds.get(field)?.kind, ['summary', field]));
    }
    out.summary = summary;
  }
  const listed = methodType(doc.method);
  out.list = doc.list.map((o, i) => xmlObject(o, listed, ['list', i]));
  return out;
}

function xmlObject(object: GoObject, expected: string | undefined, path: (string | number)[]): GoObject {
  const own = typeName(object);
  let typing = own ?? expected;
  const out: GoObject = {};
  let late: string | undefined;
  if (own !== undefined) out['object'] = xmlString(own, [...path, 'object']);
  for (const name in object) {
    if (name === 'object' && own !== undefined) continue;
    checkXmlCharacters(name, pointer([...path, name]));
    const value = object[name] as Value;
    const info = attributeInfo(typing, name);
    let projected: Value;
    if (Array.isArray(value)) projected = value.map((item, i) => xmlObject(item, info?.type, [...path, name, i]));
    else if (isObject(value)) projected = xmlObject(value, info?.type, [...path, name]);
    else projected = xmlScalar(value, name === 'object' ? 'string' : info?.kind, [...path, name]);
    // A non-string `object` attribute that reads back as a string is a type name: it comes
    // first, and types the attributes after it.
    if (name === 'object' && typeof projected === 'string') {
      late = projected;
      typing = projected;
    } else {
      setAttribute(out, name, projected);
    }
  }
  return late === undefined ? out : { object: late, ...out };
}

function xmlScalar(value: Scalar, kind: AttributeKind | undefined, path: (string | number)[]): Scalar {
  checkXmlCharacters(scalarText(value, kind), pointer(path));
  return projectScalar(value, kind);
}

function xmlString(value: string, path: (string | number)[]): string {
  checkXmlCharacters(value, pointer(path));
  return value;
}

// ---------------------------------------------------------------------------------------------
// CSV

function normalizeCsv(doc: Document, options: NormalizeOptions): Document {
  // Checks run in the encoder's order (every object's columns first, then the envelope line),
  // so that a tree with several problems is refused with the same code by both.
  const envelope: Envelope = isEnvelope(doc) ? doc : { list: [doc] };
  const base = (i: number): (string | number)[] => (isEnvelope(doc) ? ['list', i] : []);
  const shape = newShape();
  envelope.list.forEach((o, i) => addToShape(shape, o, base(i)));
  const fields = envelopeFields(envelope);
  const out = {} as Envelope;
  const status = fields.status.toLowerCase();
  if (status !== '') out.status = status;
  const method = fields.method;
  if (method !== '') out.method = method;
  if (envelope.summary !== undefined) {
    const summary: Summary = {};
    for (const field of fields.summary) {
      const v = typeText(field.text, field.kind);
      if (v !== null) setAttribute(summary, field.key, v);
    }
    if (Object.keys(summary).length > 0) out.summary = summary;
  }
  assignTypes(shape, options.type ?? methodType(method === '' ? undefined : method));
  // The header line: a column name (a dotted path of attribute names) the encoder cannot write is
  // refused here with the encoder's code, after the envelope line, as the encoder does.
  for (const column of shapeColumns(shape)) checkCsvCharacters(column.join('.'), '');
  out.list = envelope.list.map((o, i) => csvObject(o, shape, base(i), true) ?? {});
  return out;
}

/** An object as a CSV row gives it back; `undefined` when none of its cells has a value. */
function csvObject(object: GoObject, shape: Shape, path: (string | number)[], root: boolean): GoObject | undefined {
  const out: GoObject = {};
  if (shape.type !== undefined) out['object'] = shape.type;
  let filled = false;
  for (const name of shapeOrder(shape)) {
    if (!Object.prototype.hasOwnProperty.call(object, name)) continue;
    const value = object[name] as Value;
    const entry = shape.attributes.get(name);
    let projected: Value | undefined;
    if (entry?.kind === 'list' && Array.isArray(value)) {
      const items: GoObject[] = [];
      value.forEach((item, i) => {
        const p = csvObject(item, entry.shape, [...path, name, i], false);
        if (p !== undefined) items.push(p);
      });
      if (items.length > 0) projected = items;
    } else if (entry?.kind === 'object' && isObject(value)) {
      projected = csvObject(value, entry.shape, [...path, name], false);
    } else if (!Array.isArray(value) && !isObject(value)) {
      const v = csvScalar(value, attributeInfo(shape.type, name)?.kind, [...path, name]);
      if (v !== null) projected = v;
    }
    if (projected !== undefined) {
      setAttribute(out, name, projected);
      filled = true;
    }
  }
  return filled || root ? out : undefined;
}

function csvScalar(value: Scalar, kind: AttributeKind | undefined, path: (string | number)[]): Scalar {
  return typeText(csvString(scalarText(value, kind), path), kind);
}

function csvString(value: string, path: (string | number)[]): string {
  checkCsvCharacters(value, pointer(path));
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks that a string can be written as UTF-8 CSV text: an unpaired surrogate cannot.
 * @param text - the value.
 * @param path - JSON Pointer of the value.
 * @throws CodecError `CSV_INVALID_CHARACTER`
 */
export function checkCsvCharacters(text: string, path: string): void {
  if (LONE_SURROGATE.test(text)) {
    throw new CodecError({ code: 'CSV_INVALID_CHARACTER', format: 'csv', detail: 'an unpaired UTF-16 surrogate cannot be written as UTF-8', path });
  }
}
