/**
 * The CSV projection: the tree that the CSV decoder gives back after the CSV encoder wrote
 * `doc`. It uses the encoder's own column model (`columns.ts`: shape, order, types) and envelope
 * fields (`preamble.ts`), so each CSV rule is written once.
 */
import { pointer } from '../errors.js';
import { type AttributeKind, attributeInfo, listedType } from '../grammar/grammars.js';
import { scalarText, typeText } from '../grammar/typing.js';
import { setAttribute } from '../tree/checks.js';
import { type Document, type Envelope, type GoObject, isEnvelope, isObject, type Scalar, type Value } from '../tree/types.js';
import { checkCsvCharacters } from './characters.js';
import { addToShape, assignTypes, newShape, type Shape, shapeColumns, shapeOrder } from './columns.js';
import { envelopeFields, typedSummary } from './preamble.js';

/**
 * The tree that decoding gives back after encoding `doc` as CSV (see `normalize`): as XML, and
 * additionally type names are lost (the grammar restores them from the method), `null`, `""`
 * and absent become absent, objects and list items with no values disappear, attributes follow
 * the header order, and status and summary keys are lower-cased. The caller has checked the
 * tree's shape (`checkHead`, `checkObject`).
 *
 * @param doc - a checked tree.
 * @param options - `type`: the type of the list's objects when the envelope's method does not say;
 *   `plain` and `method`: the plain-CSV variant (see `normalize`).
 * @returns a new tree.
 * @throws CodecError `CSV_MIXED_TYPES`, `CSV_UNREPRESENTABLE`, `CSV_INVALID_CHARACTER`.
 * @example
 * ```ts
 * csvModel({ status: 'SUCCESS', method: '/grid/ip/list', list: [{ id: 7, note: '' }] }, {});
 * // { status: 'success', method: '/grid/ip/list', list: [{ object: 'ip', id: 7 }] }
 * ```
 */
export function csvModel(doc: Document, options: { type?: string; plain?: boolean; method?: string }): Document {
  const type = options.type;
  // Checks run in the encoder's order (every object's columns first, then the envelope line),
  // so that a tree with several problems is refused with the same code by both.
  const envelope: Envelope = isEnvelope(doc) ? doc : { list: [doc] };
  const base = (i: number): (string | number)[] => (isEnvelope(doc) ? ['list', i] : []);
  const shape = newShape();
  envelope.list.forEach((o, i) => addToShape(shape, o, base(i)));
  if (options.plain === true) return plainModel(envelope, shape, options);
  const fields = envelopeFields(envelope);
  const out = {} as Envelope;
  const status = fields.status.toLowerCase();
  if (status !== '') out.status = status;
  const method = fields.method;
  if (method !== '') out.method = method;
  // What the decoder reads back from the line: the same typing (`readEnvelopeLine` uses it too).
  const summary = typedSummary(fields.summary);
  if (summary !== undefined) out.summary = summary;
  assignTypes(shape, listedType({ status, method: method === '' ? undefined : method }, type));
  checkColumns(shape);
  out.list = envelope.list.map((o, i) => csvObject(o, shape, shape, base(i), true) ?? {});
  return out;
}

/** Plain CSV: no envelope; written typed by the tree's own type, read typed by the reader's method (or `type`). */
function plainModel(envelope: Envelope, shape: Shape, options: { type?: string; method?: string }): Envelope {
  const out = {} as Envelope;
  if (options.method !== undefined) out.method = options.method;
  assignTypes(shape, listedType(envelope, options.type));
  checkColumns(shape);
  const read = newShape();
  envelope.list.forEach((o, i) => addToShape(read, o, ['list', i]));
  assignTypes(read, listedType({ method: options.method }, options.type));
  out.list = envelope.list.map((o, i) => csvObject(o, shape, read, ['list', i], true) ?? {});
  return out;
}

/**
 * The header line: a column name (a dotted path of attribute names) the encoder cannot write is
 * refused here with the encoder's code, after the envelope line, as the encoder does.
 */
function checkColumns(shape: Shape): void {
  for (const column of shapeColumns(shape)) checkCsvCharacters(column.join('.'), '');
}

/**
 * An object as a CSV row gives it back; `undefined` when none of its cells has a value.
 * `shape` types the values as written, `read` (the same columns) as read back.
 */
function csvObject(object: GoObject, shape: Shape, read: Shape, path: (string | number)[], root: boolean): GoObject | undefined {
  const out: GoObject = {};
  if (read.type !== undefined) out['object'] = read.type;
  let filled = false;
  for (const name of shapeOrder(shape)) {
    if (!Object.prototype.hasOwnProperty.call(object, name)) continue;
    const value = object[name] as Value;
    const entry = shape.attributes.get(name);
    const readEntry = read.attributes.get(name);
    const readShape = readEntry !== undefined && readEntry.kind !== 'scalar' ? readEntry.shape : undefined;
    let projected: Value | undefined;
    if (entry?.kind === 'list' && Array.isArray(value)) {
      const items: GoObject[] = [];
      value.forEach((item, i) => {
        const p = csvObject(item, entry.shape, readShape ?? entry.shape, [...path, name, i], false);
        if (p !== undefined) items.push(p);
      });
      if (items.length > 0) projected = items;
    } else if (entry?.kind === 'object' && isObject(value)) {
      projected = csvObject(value, entry.shape, readShape ?? entry.shape, [...path, name], false);
    } else if (!Array.isArray(value) && !isObject(value)) {
      const v = csvScalar(value, attributeInfo(shape.type, name)?.kind, attributeInfo(read.type, name)?.kind, [...path, name]);
      if (v !== null) projected = v;
    }
    if (projected !== undefined) {
      setAttribute(out, name, projected);
      filled = true;
    }
  }
  return filled || root ? out : undefined;
}

function csvScalar(value: Scalar, kind: AttributeKind | undefined, readKind: AttributeKind | undefined, path: (string | number)[]): Scalar {
  const text = scalarText(value, kind);
  checkCsvCharacters(text, pointer(path));
  return typeText(text, readKind);
}
