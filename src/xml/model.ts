/**
 * The XML projection: the tree that the XML decoder gives back after the XML encoder wrote
 * `doc`. It lives beside the codec so that a rule of the format is written once — the envelope's
 * member order (`method`, `status`, extras, `summary`, `list`) comes from {@link xmlExtraMembers},
 * which the encoder uses too.
 */
import { pointer } from '../errors.js';
import { type AttributeKind, attributeInfo, grammars, listedType } from '../grammar/grammars.js';
import { projectScalar, scalarText } from '../grammar/typing.js';
import { setAttribute } from '../tree/checks.js';
import { type Document, type Envelope, type EnvelopeHead, type GoObject, isEnvelope, isObject, type Scalar, type Summary, typeName, type Value } from '../tree/types.js';
import { attributeName, checkExtraMember, checkXmlCharacters } from './escape.js';

/**
 * The envelope members that XML writes as extra attributes of `<response>`, in the order it
 * writes them (every member but `method`, `status`, `summary` and `list`, absent ones skipped).
 *
 * @param head - an envelope head (or an envelope).
 * @returns the `[name, value]` pairs, one at a time.
 * @throws CodecError `XML_UNREPRESENTABLE` (from `checkExtraMember`) for a member XML cannot carry.
 * @example
 * ```ts
 * [...xmlExtraMembers({ status: 'success', requestId: 'r1', list: [] })]; // [['requestId', 'r1']]
 * ```
 */
export function* xmlExtraMembers(head: EnvelopeHead): Generator<[string, Scalar], void, undefined> {
  // Lazy, so that each member is checked just before it is written: with several problems the
  // first member's is the one reported, by the encoder and the projection alike.
  for (const key in head) {
    if (key === 'method' || key === 'status' || key === 'summary' || key === 'list') continue;
    const value = head[key];
    if (value === undefined) continue;
    checkExtraMember(key, value);
    yield [key, value as Scalar];
  }
}

/**
 * The tree that decoding gives back after encoding `doc` as XML (see `normalize`): structure,
 * names, type names and strings stay; every scalar becomes text and is a number or boolean again
 * only when the grammar says so; `""` and `null` both become `null`; a string `object` (type
 * name) moves first; envelope members come in the order `method`, `status`, extras, `summary`,
 * `list`. The caller has checked the tree's shape (`checkHead`, `checkObject`).
 *
 * @param doc - a checked tree.
 * @returns a new tree.
 * @throws CodecError `XML_INVALID_CHARACTER`, `XML_UNREPRESENTABLE`.
 * @example
 * ```ts
 * xmlModel({ list: [{ object: 'ip', id: 7 }], method: '/grid/ip/list' });
 * // { method: '/grid/ip/list', list: [{ object: 'ip', id: 7 }] }
 * ```
 */
export function xmlModel(doc: Document): Document {
  if (!isEnvelope(doc)) return xmlObject(doc, undefined, []);
  const out = {} as Envelope;
  if (doc.method !== undefined) setAttribute(out, 'method', xmlString(doc.method, ['method']));
  if (doc.status !== undefined) setAttribute(out, 'status', xmlString(doc.status, ['status']));
  for (const [key, value] of xmlExtraMembers(doc)) setAttribute(out, key, xmlScalar(value, undefined, [key]));
  if (doc.summary !== undefined) {
    const summary: Summary = {};
    const kinds = grammars().summary;
    for (const field in doc.summary) {
      attributeName(field, ['summary', field]);
      setAttribute(summary, field, xmlScalar(doc.summary[field] ?? null, kinds.get(field)?.kind, ['summary', field]));
    }
    out.summary = summary;
  }
  const listed = listedType(doc);
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
