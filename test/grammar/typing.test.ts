/**
 * Typing of text by the grammar, as a from/to table with the rows that refuse (the text stays a
 * string): a text becomes a number or boolean only when writing that value back gives the same
 * text.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AttributeKind, Scalar } from '../../src/index.js';
import { projectScalar, scalarText, typeText } from '../../src/grammar/typing.js';
import { fcParams } from '../helpers/chunks.js';

type Kind = AttributeKind | undefined;

const show = (v: unknown): string => (Object.is(v, -0) ? '-0' : typeof v === 'number' && Number.isInteger(v) && Math.abs(v) > Number.MAX_SAFE_INTEGER ? BigInt(v).toString() : JSON.stringify(v));


const TYPE_TEXT: { text: string; kind: Kind; expected: Scalar }[] = [
  // integer
  { text: '7', kind: 'integer', expected: 7 },
  { text: '0', kind: 'integer', expected: 0 },
  { text: '-5', kind: 'integer', expected: -5 },
  { text: '364', kind: 'integer', expected: 364 },
  { text: '9007199254740991', kind: 'integer', expected: 9007199254740991 },
  { text: '-9007199254740991', kind: 'integer', expected: -9007199254740991 },
  { text: '007', kind: 'integer', expected: '007' },
  { text: '00000', kind: 'integer', expected: '00000' },
  { text: '-0', kind: 'integer', expected: '-0' },
  { text: '+5', kind: 'integer', expected: '+5' },
  { text: '1e3', kind: 'integer', expected: '1e3' },
  { text: '1.0', kind: 'integer', expected: '1.0' },
  { text: '1.5', kind: 'integer', expected: '1.5' },
  { text: '0x10', kind: 'integer', expected: '0x10' },
  { text: ' 5', kind: 'integer', expected: ' 5' },
  { text: '5 ', kind: 'integer', expected: '5 ' },
  { text: '5\n', kind: 'integer', expected: '5\n' },
  { text: '9007199254740992', kind: 'integer', expected: '9007199254740992' },
  { text: '9007199254740993', kind: 'integer', expected: '9007199254740993' },
  { text: 'Infinity', kind: 'integer', expected: 'Infinity' },
  { text: 'NaN', kind: 'integer', expected: 'NaN' },
  { text: 'abc', kind: 'integer', expected: 'abc' },
  { text: '', kind: 'integer', expected: null },
  // date: like integer
  { text: '1248385571829', kind: 'date', expected: 1248385571829 },
  { text: 'Sat Jul 12 00:00:00 PDT 2008', kind: 'date', expected: 'Sat Jul 12 00:00:00 PDT 2008' },
  { text: '007', kind: 'date', expected: '007' },
  { text: '1e3', kind: 'date', expected: '1e3' },
  { text: '-0', kind: 'date', expected: '-0' },
  { text: '9007199254740993', kind: 'date', expected: '9007199254740993' },
  { text: '', kind: 'date', expected: null },
  // double: Java's Double.toString form only
  { text: '0.0', kind: 'double', expected: 0 },
  { text: '-0.0', kind: 'double', expected: -0 },
  { text: '1.0', kind: 'double', expected: 1 },
  { text: '100.0', kind: 'double', expected: 100 },
  { text: '9.879999876022339', kind: 'double', expected: 9.879999876022339 },
  { text: '0.001', kind: 'double', expected: 0.001 },
  { text: '1.0E-4', kind: 'double', expected: 1e-4 },
  { text: '1.0E7', kind: 'double', expected: 1e7 },
  { text: '1.2345678E7', kind: 'double', expected: 12345678 },
  { text: '-2.5', kind: 'double', expected: -2.5 },
  { text: '0', kind: 'double', expected: '0' },
  { text: '100', kind: 'double', expected: '100' },
  { text: '0.00', kind: 'double', expected: '0.00' },
  { text: '1e7', kind: 'double', expected: '1e7' },
  { text: '1.0e7', kind: 'double', expected: '1.0e7' },
  { text: '10000000.0', kind: 'double', expected: '10000000.0' },
  { text: '0.0001', kind: 'double', expected: '0.0001' },
  { text: '1.50', kind: 'double', expected: '1.50' },
  { text: '.5', kind: 'double', expected: '.5' },
  { text: ' 0.0', kind: 'double', expected: ' 0.0' },
  { text: 'NaN', kind: 'double', expected: 'NaN' },
  { text: 'Infinity', kind: 'double', expected: 'Infinity' },
  { text: '-Infinity', kind: 'double', expected: '-Infinity' },
  { text: '', kind: 'double', expected: null },
  // boolean
  { text: 'true', kind: 'boolean', expected: true },
  { text: 'false', kind: 'boolean', expected: false },
  { text: 'True', kind: 'boolean', expected: 'True' },
  { text: 'FALSE', kind: 'boolean', expected: 'FALSE' },
  { text: '1', kind: 'boolean', expected: '1' },
  { text: 'yes', kind: 'boolean', expected: 'yes' },
  { text: ' true', kind: 'boolean', expected: ' true' },
  { text: '', kind: 'boolean', expected: null },
  // string, map, unknown: text stays text
  { text: 'true', kind: 'string', expected: 'true' },
  { text: '7', kind: 'string', expected: '7' },
  { text: '', kind: 'string', expected: null },
  { text: '{type=virtual_server}', kind: 'map', expected: '{type=virtual_server}' },
  { text: '7', kind: 'map', expected: '7' },
  { text: '7', kind: undefined, expected: '7' },
  { text: 'true', kind: undefined, expected: 'true' },
  { text: '', kind: undefined, expected: null },
  { text: '7', kind: 'object', expected: '7' },
  { text: '7', kind: 'list', expected: '7' },
];

const SCALAR_TEXT: { value: Scalar; kind: Kind; expected: string; todo?: string }[] = [
  { value: null, kind: 'integer', expected: '' },
  { value: null, kind: undefined, expected: '' },
  { value: true, kind: 'boolean', expected: 'true' },
  { value: false, kind: 'string', expected: 'false' },
  { value: 'abc', kind: 'integer', expected: 'abc' },
  { value: '', kind: 'string', expected: '' },
  { value: 0, kind: 'double', expected: '0.0' },
  { value: -0, kind: 'double', expected: '-0.0' },
  { value: 0, kind: 'integer', expected: '0' },
  { value: 0, kind: undefined, expected: '0' },
  { value: 7, kind: 'integer', expected: '7' },
  { value: 7, kind: 'double', expected: '7.0' },
  { value: 1e7, kind: 'double', expected: '1.0E7' },
  { value: 1e7, kind: 'integer', expected: '10000000' },
  { value: 0.5, kind: 'string', expected: '0.5' },
  { value: 1e21, kind: 'integer', expected: '1e+21' },
  { value: 2 ** 60, kind: 'integer', expected: '1152921504606846976' },
  { value: -(2 ** 60), kind: undefined, expected: '-1152921504606846976' },
  { value: 1248385571829, kind: 'date', expected: '1248385571829' },
];

const PROJECT: { value: Scalar; kind: Kind; expected: Scalar; todo?: string }[] = [
  { value: 7, kind: 'integer', expected: 7 },
  { value: '7', kind: 'integer', expected: 7 },
  { value: '007', kind: 'integer', expected: '007' },
  { value: -0, kind: 'integer', expected: 0 },
  { value: 2 ** 60, kind: 'integer', expected: '1152921504606846976' },
  { value: 2 ** 53, kind: 'integer', expected: '9007199254740992' },
  { value: 1.5, kind: 'integer', expected: '1.5' },
  { value: 0, kind: 'double', expected: 0 },
  { value: -0, kind: 'double', expected: -0 },
  { value: 9.879999876022339, kind: 'double', expected: 9.879999876022339 },
  { value: '0', kind: 'double', expected: '0' },
  { value: '0.0', kind: 'double', expected: 0 },
  { value: 0.5, kind: 'string', expected: '0.5' },
  { value: 5, kind: undefined, expected: '5' },
  { value: true, kind: 'boolean', expected: true },
  { value: 'true', kind: 'boolean', expected: true },
  { value: true, kind: 'string', expected: 'true' },
  { value: true, kind: 'integer', expected: 'true' },
  { value: '', kind: 'string', expected: null },
  { value: '', kind: undefined, expected: null },
  { value: null, kind: 'integer', expected: null },
  { value: 1248385571829, kind: 'date', expected: 1248385571829 },
];

for (const row of TYPE_TEXT) {
  test(`typeText(${show(row.text)}, ${row.kind}) → ${show(row.expected)}`, () => {
    const got = typeText(row.text, row.kind);
    assert.ok(Object.is(got, row.expected), `got ${show(got)}`);
  });
}

for (const row of SCALAR_TEXT) {
  test(`scalarText(${show(row.value)}, ${row.kind}) → ${show(row.expected)}`, row.todo === undefined ? {} : { todo: row.todo }, () => {
    assert.equal(scalarText(row.value, row.kind), row.expected);
  });
}

for (const row of PROJECT) {
  test(`projectScalar(${show(row.value)}, ${row.kind}) → ${show(row.expected)}`, row.todo === undefined ? {} : { todo: row.todo }, () => {
    const got = projectScalar(row.value, row.kind);
    assert.ok(Object.is(got, row.expected), `got ${show(got)}`);
  });
}

const KINDS: Kind[] = ['integer', 'double', 'boolean', 'string', 'date', 'map', 'object', 'list', undefined];
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('0', '007', '-0', '0.0', '1.0E7', 'true', 'True', '', ' 5', '1e3', '9007199254740993'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

test('typeText never loses text: writing the typed value back gives the text (property)', (t) => {
  const params = fcParams(2000);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.double().map(String), fc.integer().map(String)), fc.constantFrom(...KINDS), (text, kind) => {
      const typed = typeText(text, kind);
      assert.equal(scalarText(typed, kind), text);
    }),
    params,
  );
});

test('projectScalar is a projection: applying it twice changes nothing (property)', (t) => {
  const params = fcParams(2000);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(scalar, fc.constantFrom(...KINDS), (value, kind) => {
      const once = projectScalar(value, kind);
      assert.ok(Object.is(projectScalar(once, kind), once), `${show(value)} ${kind}: ${show(once)}`);
    }),
    params,
  );
});

test('projectScalar keeps every finite double where the grammar says double, and safe integers where it says integer (property)', (t) => {
  const params = fcParams(2000);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      assert.ok(Object.is(projectScalar(x, 'double'), x), show(x));
    }),
    params,
  );
  fc.assert(
    fc.property(fc.maxSafeInteger(), (n) => {
      const expected = Object.is(n, -0) ? 0 : n;
      assert.ok(Object.is(projectScalar(n, 'integer'), expected));
      assert.ok(Object.is(projectScalar(n, 'date'), expected));
    }),
    params,
  );
});
