/**
 * treesEqual / treeDifference: attribute order counts, scalars compare with Object.is (so -0 is
 * not 0), and the difference is reported as a JSON Pointer.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { treesEqual } from '../../src/index.js';
import { setAttribute } from '../../src/tree/checks.js';
import { treeDifference } from '../../src/tree/equal.js';

/** The pointer part of a difference (the text before the first space). */
function at(a: unknown, b: unknown): string | undefined {
  return treeDifference(a, b)?.split(' ')[0];
}

const EQUAL: [string, unknown, unknown][] = [
  ['same scalars', 'x', 'x'],
  ['null', null, null],
  ['NaN is NaN (Object.is)', Number.NaN, Number.NaN],
  ['0 and 0', 0, 0],
  ['-0 and -0', -0, -0],
  ['empty objects', {}, {}],
  ['empty lists', [], []],
  ['same order', { a: 1, b: { c: [{ d: 'x' }] } }, { a: 1, b: { c: [{ d: 'x' }] } }],
  ['an envelope', { status: 'success', list: [{ object: 'ip', id: 1 }], method: '/m' }, { status: 'success', list: [{ object: 'ip', id: 1 }], method: '/m' }],
  ['__proto__ as data', JSON.parse('{"__proto__": {"a": 1}, "b": 2}'), JSON.parse('{"__proto__": {"a": 1}, "b": 2}')],
];

const DIFFERENT: [string, unknown, unknown, string][] = [
  ['attribute order', { a: 1, b: 2 }, { b: 2, a: 1 }, '/'],
  ['attribute order, nested', { x: { a: 1, b: 2 } }, { x: { b: 2, a: 1 } }, '/x'],
  ['attribute order in a list item', { l: [{}, { a: 1, b: 2 }] }, { l: [{}, { b: 2, a: 1 }] }, '/l/1'],
  ['envelope member order', { list: [], status: 'success' }, { status: 'success', list: [] }, '/'],
  ['-0 vs 0', -0, 0, '/'],
  ['0 vs -0, nested', { price: 0 }, { price: -0 }, '/price'],
  ['a number vs its text', { id: 7 }, { id: '7' }, '/id'],
  ['null vs ""', { a: null }, { a: '' }, '/a'],
  ['null vs absent', { a: null }, {}, '/'],
  ['undefined vs absent', { a: undefined }, {}, '/'],
  ['null vs an object', null, {}, '/'],
  ['an object vs a list', { a: {} }, { a: [] }, '/a'],
  ['list lengths', { l: [{}] }, { l: [{}, {}] }, '/l'],
  ['list items', { l: [{ id: 1 }, { id: 2 }] }, { l: [{ id: 1 }, { id: 3 }] }, '/l/1/id'],
  ['true vs "true"', { b: true }, { b: 'true' }, '/b'],
  ['the pointer escapes ~ and /', { 'a/b': { '~': 1 } }, { 'a/b': { '~': 2 } }, '/a~1b/~0'],
  ['__proto__ values', JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 2}'), '/__proto__'],
];

for (const [description, a, b] of EQUAL) {
  test(`equal: ${description}`, () => {
    assert.equal(treeDifference(a, b), undefined);
    assert.equal(treesEqual(a, b), true);
    assert.equal(treesEqual(b, a), true);
  });
}

for (const [description, a, b, pointer] of DIFFERENT) {
  test(`different: ${description}`, () => {
    assert.equal(treesEqual(a, b), false);
    assert.equal(treesEqual(b, a), false, 'symmetric');
    assert.equal(at(a, b), pointer);
  });
}

test('different: the first difference in document order is reported', () => {
  assert.equal(at({ a: { x: 1 }, b: { y: 1 } }, { a: { x: 2 }, b: { y: 2 } }), '/a/x');
  assert.equal(at({ l: [{ a: 1 }, { a: 1 }] }, { l: [{ a: 2 }, { a: 2 }] }), '/l/0/a');
});

test('keys set through setAttribute compare by their order', () => {
  const a = {};
  setAttribute(a, 'constructor', 1);
  setAttribute(a, '__proto__', 2);
  const b = {};
  setAttribute(b, '__proto__', 2);
  setAttribute(b, 'constructor', 1);
  assert.equal(treesEqual(a, b), false);
  const c = {};
  setAttribute(c, 'constructor', 1);
  setAttribute(c, '__proto__', 2);
  assert.equal(treesEqual(a, c), true);
});
