/**
 * checkValue / checkHead / checkObject: hand-built values that are not trees are refused with a
 * code and a path (never a stack overflow), and numbers needing exact output are flagged.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, type EnvelopeHead, type GoObject } from '../../src/index.js';
import { checkHead, checkObject, checkValue, NEEDS_EXACT_NUMBERS } from '../../src/tree/check.js';
import { expectThrowsCodecError } from '../helpers/codec-error.js';

function expectCode(fn: () => unknown, code: string, path: string, label: string): void {
  expectThrowsCodecError(fn, { code, path, format: 'tree' }, label);
}

class Point {
  x = 1;
}

function cyclic(): GoObject {
  const o: Record<string, unknown> = { id: 1 };
  o['self'] = o;
  return o as GoObject;
}

function cyclicThroughList(): GoObject {
  const o: Record<string, unknown> = { id: 1 };
  o['children'] = [o];
  return o as GoObject;
}

const REFUSED: { description: string; value: unknown; code: string; path: string; todo?: string }[] = [
  { description: 'NaN', value: { a: Number.NaN }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/a' },
  { description: 'Infinity', value: { a: Infinity }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/a' },
  { description: '-Infinity', value: { a: { b: -Infinity } }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/a/b' },
  { description: 'undefined', value: { a: undefined }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/a' },
  { description: 'a function', value: { f: () => 1 }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/f' },
  { description: 'a symbol', value: { s: Symbol('s') }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/s' },
  { description: 'a bigint', value: { n: 10n }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/n' },
  { description: 'a Date', value: { createdTime: new Date(0) }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/createdTime' },
  { description: 'a class instance', value: { p: new Point() }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/p' },
  { description: 'a Map', value: { m: new Map([['a', 1]]) }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/m' },
  { description: 'a boxed string', value: { s: new String('x') }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/s' },
  { description: 'a class instance in a list', value: { l: [{}, new Point()] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/l/1' },
  { description: 'a list of numbers', value: { l: [1, 2] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/l/0' },
  { description: 'a list of strings after objects', value: { l: [{ id: 1 }, 'x'] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/l/1' },
  { description: 'a list holding null', value: { l: [null] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/l/0' },
  { description: 'a list of lists', value: { l: [[{}]] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/l/0' },
  { description: 'a bad value under a hostile name', value: JSON.parse('{"__proto__": {"constructor": [1]}}'), code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/__proto__/constructor/0' },
  { description: 'a name with / and ~ is escaped in the path', value: { 'a/b': { '~c': Number.NaN } }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/a~1b/~0c' },
  { description: 'a cycle', value: cyclic(), code: 'TREE_DEPTH_EXCEEDED', path: `/list/0${'/self'.repeat(64)}` },
  { description: 'a cycle through a list', value: cyclicThroughList(), code: 'TREE_DEPTH_EXCEEDED', path: `/list/0${'/children/0'.repeat(63)}/children` },
];

for (const row of REFUSED) {
  test(`checkValue refuses ${row.description}`, row.todo === undefined ? {} : { todo: row.todo }, () => {
    expectCode(() => checkValue(row.value, ['list', 0], 1), row.code, row.path, row.description);
    expectCode(() => checkObject(row.value as GoObject, ['list', 0]), row.code, row.path, `${row.description} (checkObject)`);
  });
}

test('checkValue: a list that holds itself is refused, not walked forever', () => {
  const l: unknown[] = [];
  l.push(l);
  expectCode(() => checkValue({ l }, [], 1), 'TREE_UNSUPPORTED_VALUE', '/l/0', 'self-list');
});

test('checkValue: a cycle is refused wherever it starts', () => {
  const a: Record<string, unknown> = { name: 'a' };
  const b: Record<string, unknown> = { name: 'b', a };
  a['b'] = b;
  assert.throws(
    () => checkValue({ root: [a] }, [], 1),
    (e: unknown) => e instanceof CodecError && e.code === 'TREE_DEPTH_EXCEEDED' && typeof e.path === 'string' && e.path.startsWith('/root/0/b/a/b/a'),
  );
});

test('checkValue: objects nested deeper than the default maxDepth are refused', () => {
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 64; i++) deep = { d: deep };
  // 65 objects in a chain: depths 1..65.
  expectCode(() => checkValue(deep, [], 1), 'TREE_DEPTH_EXCEEDED', '/d'.repeat(64), 'depth 65');
  assert.equal(checkValue((deep as { d: unknown }).d, [], 1), 0, 'depth 64 is accepted');
});

test('checkValue: accepted values', () => {
  const rows: unknown[] = [
    'text',
    '',
    0,
    1.5,
    -7,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    Number.MIN_VALUE,
    true,
    false,
    null,
    {},
    [],
    [{}],
    { a: [{ b: { c: null } }], d: 'x' },
    Object.create(null) as unknown,
    JSON.parse('{"__proto__": {"id": 1}, "constructor": "x"}'),
  ];
  for (const v of rows) assert.equal(checkValue(v, [], 1), 0, String(JSON.stringify(v)));
});

test('checkValue: -0 and integers beyond ±(2^53 − 1) are flagged NEEDS_EXACT_NUMBERS', () => {
  const rows: [unknown, number][] = [
    [-0, NEEDS_EXACT_NUMBERS],
    [0, 0],
    [2 ** 60, NEEDS_EXACT_NUMBERS],
    [-(2 ** 60), NEEDS_EXACT_NUMBERS],
    [2 ** 53, NEEDS_EXACT_NUMBERS],
    [2 ** 53 - 1, 0],
    [1e300, NEEDS_EXACT_NUMBERS],
    [-1e-300, 0],
    [{ a: { b: -0 } }, NEEDS_EXACT_NUMBERS],
    [{ l: [{ x: 1 }, { y: 2 ** 60 }] }, NEEDS_EXACT_NUMBERS],
    [{ a: '-0', b: '1152921504606846976' }, 0],
  ];
  for (const [v, flags] of rows) assert.equal(checkValue(v, [], 1), flags, String(v));
  assert.equal(checkObject({ id: 2 ** 60 }, ['list', 0]), NEEDS_EXACT_NUMBERS);
});

test('checkValue: the path array is left as it was given', () => {
  const path: (string | number)[] = ['list', 3];
  checkValue({ a: { b: [{ c: 1 }] } }, path, 1);
  assert.deepEqual(path, ['list', 3]);
});

test('checkObject: a list item that is not an object is refused', () => {
  for (const v of [1, 'x', null, [{}]]) {
    expectCode(() => checkObject(v as unknown as GoObject, ['list', 2]), 'TREE_UNSUPPORTED_VALUE', '/list/2', JSON.stringify(v));
  }
});

const HEADS: { description: string; head: unknown; code: string; path: string; todo?: string }[] = [
  { description: 'status a number', head: { status: 5 }, code: 'TREE_INVALID_ENVELOPE', path: '/status' },
  { description: 'status null', head: { status: null }, code: 'TREE_INVALID_ENVELOPE', path: '/status' },
  { description: 'status an object', head: { status: { a: 1 } }, code: 'TREE_INVALID_ENVELOPE', path: '/status' },
  { description: 'method a boolean', head: { method: true }, code: 'TREE_INVALID_ENVELOPE', path: '/method' },
  { description: 'summary a string', head: { summary: 'x' }, code: 'TREE_INVALID_ENVELOPE', path: '/summary' },
  { description: 'summary a list', head: { summary: [{}] }, code: 'TREE_INVALID_ENVELOPE', path: '/summary' },
  { description: 'summary null', head: { summary: null }, code: 'TREE_INVALID_ENVELOPE', path: '/summary' },
  { description: 'summary with an object value', head: { summary: { total: { n: 1 } } }, code: 'TREE_INVALID_ENVELOPE', path: '/summary/total' },
  { description: 'summary with a list value', head: { summary: { total: [] } }, code: 'TREE_INVALID_ENVELOPE', path: '/summary/total' },
  { description: 'summary with NaN', head: { summary: { total: Number.NaN } }, code: 'TREE_UNSUPPORTED_VALUE', path: '/summary/total' },
  { description: 'summary with undefined', head: { summary: { total: undefined } }, code: 'TREE_UNSUPPORTED_VALUE', path: '/summary/total' },
  {
    description: 'summary field named with / and an object value: the path is escaped',
    head: { summary: { 'a/b': { n: 1 } } },
    code: 'TREE_INVALID_ENVELOPE',
    path: '/summary/a~1b',
  },
  { description: 'summary field named with ~ and NaN: the path is escaped', head: { summary: { 'a~b': Number.NaN } }, code: 'TREE_UNSUPPORTED_VALUE', path: '/summary/a~0b' },
  { description: 'an extra with Infinity', head: { extra: Infinity }, code: 'TREE_UNSUPPORTED_VALUE', path: '/extra' },
  { description: 'an extra holding a Date', head: { extra: { when: new Date(0) } }, code: 'TREE_UNSUPPORTED_VALUE', path: '/extra/when' },
  { description: 'an extra holding a list of scalars', head: { extra: [1] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/extra/0' },
  { description: 'an extra holding a cycle', head: { extra: cyclic() }, code: 'TREE_DEPTH_EXCEEDED', path: `/extra${'/self'.repeat(64)}` },
];

for (const row of HEADS) {
  test(`checkHead refuses ${row.description}`, row.todo === undefined ? {} : { todo: row.todo }, () => {
    expectCode(() => checkHead(row.head as EnvelopeHead), row.code, row.path, row.description);
  });
}

test('checkHead: valid heads', () => {
  const heads: unknown[] = [
    {},
    { status: 'success', method: '/grid/ip/list', summary: { total: 1, start: 0, returned: 1 } },
    { summary: {} },
    { summary: { total: null, other: 'x', flag: true, n: -0 } },
    { status: 'failure', extra: 'x', nested: { a: [{ b: 1 }] }, nothing: null },
    { list: 'ignored: list is not part of the head' },
    JSON.parse('{"__proto__": "x", "constructor": {"a": 1}}'),
  ];
  for (const h of heads) assert.doesNotThrow(() => checkHead(h as EnvelopeHead), JSON.stringify(h));
});
