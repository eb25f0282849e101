/**
 * fast-check arbitraries for trees: random ones (hostile names, hostile text, every kind of
 * number) and grammar-shaped ones (objects of the method's type, typed mostly as the grammar
 * says, so that typing by re-encoding is exercised both ways).
 */
import fc from 'fast-check';
import { grammars, type Document, type Envelope, type GoObject, type Scalar, type Value } from '../../src/index.js';
import { setAttribute } from '../../src/tree/checks.js';

const NAMES = ['id', 'name', 'description', 'ip', 'state', 'type', 'public', 'port', 'price', 'note', 'friendlyName', 'x', 'y', 'a b', 'Ünï', '中文'];
const HOSTILE = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'];
const RARE = ['', 'a.b', '1', '007', 'object', 'list', ' lead', 'x,y', 'q"uote'];
const TYPES = ['ip', 'option', 'server', 'serverimage', 'ipportpair', 'loadbalancer', 'job', 'foo', 'é type'];
const TRICKY_TEXT = ['0123', '007', '0.0', '0', '1', '-1', 'true', 'false', 'True', ' 5 ', '1e3', '-0', '', ' ', '  ', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rlf\r\n', '\t tab', '<&>]]>', '&amp;', 'é中😀', '#x', '# SUCCESS', '=SUM(A1)', '-5', '@x', 'null', '9007199254740993', '{type=virtual_server}'];

/** An attribute name: mostly ordinary, sometimes hostile or one that some format cannot carry. */
export const attributeName: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.constantFrom(...RARE) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) },
);

/** Any code unit, lone surrogates and C0 controls included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** A string value: tricky constants, printable text, full Unicode, or raw code units. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 6 }) },
);

/** A number: integers, doubles, and the awkward ones (-0, 2^53, 2^60, 1e21). */
export const number: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 0.5, 0.1, 1e7, 1e-4, 2 ** 53, -(2 ** 53), 2 ** 60, 1e21, 9.879999876022339, Number.MAX_SAFE_INTEGER) },
);

/** Any scalar. */
export const scalar: fc.Arbitrary<Scalar> = fc.oneof({ weight: 5, arbitrary: text }, { weight: 3, arbitrary: number }, { weight: 1, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant(null) });

function build(type: string | null, entries: readonly [string, Value][], typeAt: number): GoObject {
  const object: GoObject = {};
  const at = type === null ? -1 : typeAt % (entries.length + 1);
  entries.forEach(([k, v], i) => {
    if (i === at) object['object'] = type as string;
    if (k === 'object' && type !== null) return;
    setAttribute(object, k, v);
  });
  if (at === entries.length) object['object'] = type as string;
  return object;
}

/** A random object tree (up to 3 levels), with or without type names. */
export const randomObject: fc.Arbitrary<GoObject> = fc.letrec<{ object: GoObject; value: Value }>((tie) => ({
  object: fc
    .tuple(
      fc.option(fc.constantFrom(...TYPES), { nil: null, freq: 3 }),
      fc.uniqueArray(fc.tuple(attributeName, tie('value')), { selector: ([k]) => k, maxLength: 5 }),
      fc.nat(),
    )
    .map(([type, entries, at]) => build(type, entries, at)),
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'tree' },
    { weight: 6, arbitrary: scalar },
    { weight: 2, arbitrary: tie('object') },
    { weight: 1, arbitrary: fc.array(tie('object'), { maxLength: 3 }) },
  ),
})).object;

/** A value for an attribute the grammar knows: mostly of its kind, sometimes not (a string where a number is expected). */
function grammarValue(kind: string, type: string | undefined, depth: number): fc.Arbitrary<Value> {
  const off = fc.oneof(text, fc.constant(null));
  switch (kind) {
    case 'integer':
    case 'date':
      return fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -5, max: 2_000_000_000 }) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 53, 1.5) }, { weight: 2, arbitrary: off });
    case 'double':
      return fc.oneof({ weight: 6, arbitrary: number }, { weight: 2, arbitrary: off });
    case 'boolean':
      return fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 2, arbitrary: off });
    case 'string':
      return fc.oneof({ weight: 8, arbitrary: text }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: fc.constant(null) });
    case 'map':
      return depth > 2 ? text : fc.oneof(text, randomObject);
    case 'object':
      return depth > 2 ? fc.constant(null) : fc.oneof({ weight: 5, arbitrary: typedObject(type as string, depth + 1) }, { weight: 1, arbitrary: fc.constant(null) });
    case 'list':
      return depth > 2 ? fc.constant([]) : fc.array(typedObject(type as string, depth + 1), { maxLength: 4 });
    default:
      return scalar;
  }
}

/**
 * An object shaped by the grammar: a subset of the type's attributes in grammar order (plus
 * maybe an unknown one), with its type name most of the time.
 */
export function typedObject(type: string, depth = 1): fc.Arbitrary<GoObject> {
  const info = grammars().types.get(type);
  if (info === undefined) return randomObject;
  const attributes = info.order.map((name) => {
    const a = info.attributes.get(name);
    return fc.option(grammarValue(a?.kind ?? 'string', a?.type, depth).map((v) => [name, v] as [string, Value]), { nil: undefined, freq: 2 });
  });
  return fc
    .tuple(fc.tuple(...attributes), fc.option(fc.tuple(fc.constantFrom('extra', 'zz', '__proto__'), text), { nil: undefined, freq: 4 }), fc.boolean())
    .map(([entries, extra, named]) => {
      const present = entries.filter((e): e is [string, Value] => e !== undefined);
      if (extra !== undefined) present.push(extra);
      return build(named ? type : null, present, 0);
    });
}

const METHODS = ['/grid/server/list', '/grid/loadbalancer/list', '/grid/image/list', '/grid/ip/list', '/common/lookup/list', '/grid/job/list', '/grid/unknown/list'];

/** A summary: the usual fields in some order, sometimes an unknown one or a non-integer. */
const summary = fc
  .tuple(
    fc.subarray(['total', 'start', 'numpages', 'returned']),
    fc.array(fc.oneof({ weight: 5, arbitrary: fc.nat(1000) }, { weight: 1, arbitrary: fc.oneof(text, fc.constant(null)) }), { minLength: 4, maxLength: 4 }),
    fc.option(fc.tuple(fc.constantFrom('extraField', 'pageSize'), scalar), { nil: undefined, freq: 4 }),
  )
  .map(([keys, values, extra]) => {
    const s: Record<string, Scalar> = {};
    keys.forEach((k, i) => (s[k] = values[i] ?? 0));
    if (extra !== undefined) s[extra[0]] = extra[1];
    return s;
  });

/** An envelope with members in a random order around the list. */
function envelope(listArb: (method: string) => fc.Arbitrary<GoObject[]>): fc.Arbitrary<Envelope> {
  return fc.constantFrom(...METHODS).chain((method) =>
    fc
      .record(
        {
          status: fc.constantFrom('success', 'failure', 'Success'),
          method: fc.constant(method),
          summary,
          extra: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: scalar }, { weight: 1, arbitrary: randomObject }),
          list: listArb(method),
        },
        { requiredKeys: ['list'] },
      )
      .chain((members) =>
        fc.shuffledSubarray(Object.keys(members), { minLength: Object.keys(members).length }).map((order) => {
          const doc = {} as Envelope;
          for (const key of order) {
            const value = (members as Record<string, unknown>)[key];
            if (value !== undefined) setAttribute(doc, key, value);
          }
          return doc;
        }),
      ),
  );
}

/** Any document: a random envelope (objects of mixed types) or a random fragment. */
export const anyDocument: fc.Arbitrary<Document> = fc.oneof(
  { weight: 4, arbitrary: envelope(() => fc.array(fc.oneof(randomObject, typedObject('server'), typedObject('loadbalancer')), { maxLength: 4 })) },
  { weight: 1, arbitrary: randomObject },
);

/** A document every format can usually carry: objects of the method's type. */
export const gridDocument: fc.Arbitrary<Document> = envelope((method) => {
  const type = grammars().methods.get(method) ?? 'option';
  return fc.array(typedObject(type), { maxLength: 5 });
});
