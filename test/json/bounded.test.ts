/**
 * Regression tests of issue 11 for the JSON decoder: limits enforced while a list object is
 * buffered, at the place where they are crossed, and time linear in the chunking.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeChunks } from '../helpers/chunks.js';
import { endless } from '../fuzz/bounded.js';
import { growth, LONG_THINGS } from '../fuzz/long.js';

const MiB = 1024 * 1024;

test('finding 2: a list object holding an endless nested list stops at the item past maxListItems, not after the object', () => {
  const out = endless('json', '{"list":[{"object":"server","l":[{}', ',{"a":1}', 65536, 1024 * MiB);
  assert.equal(out.code, 'TREE_TOO_MANY_ITEMS');
  assert.equal(out.path, '/list/0/l');
  // 100,000 items of 8 characters: stopped within a chunk of the item past the limit.
  assert.equal(out.offset, 35 + 8 * 99_999 + 1);
  assert.ok(out.written < 100_000 * 8 + 2 * 65536, `stopped after ${out.written} characters`);
  assert.ok(out.peakRss < 200 * MiB, `peak RSS ${Math.round(out.peakRss / MiB)} MB`);
});

test('finding 2: with maxListItems out of the way, maxObjectText stops it within a chunk of the limit', () => {
  const out = endless('json', '{"list":[{"object":"server","l":[{}', ',{"a":1}', 65536, 1024 * MiB, { limits: { maxListItems: 1e9, maxObjectText: 8 * MiB } });
  assert.deepEqual([out.code, out.line, out.column, out.offset, out.path], ['TREE_OBJECT_TOO_LARGE', 1, 10, 9, '/list/0']);
  assert.ok(out.written < 8 * MiB + 2 * 65536, `stopped after ${out.written} characters`);
  assert.ok(out.peakRss < 200 * MiB, `peak RSS ${Math.round(out.peakRss / MiB)} MB`);
});

test('finding 3: an object with 1,000,000 keys stops at the key past maxAttributes, and says so there', () => {
  let i = 0;
  const body = Array.from({ length: 4096 }, () => `,"k${i++}":1`).join('');
  const out = endless('json', '{"list":[{"object":"ip"', body, body.length, 14 * MiB);
  assert.equal(out.code, 'TREE_TOO_MANY_ATTRIBUTES');
  assert.ok(out.written < 2 * body.length + 30, `stopped after ${out.written} characters`);
  // The 4,097th key ("k4095", after "object"): the error is at its opening quote.
  const head = '{"list":[{"object":"ip"';
  const keys = Array.from({ length: 4096 }, (_, k) => `,"k${k}":1`).join('');
  assert.equal(out.offset, head.length + keys.lastIndexOf(',"k4095"') + 1);
  assert.equal(out.path, '/list/0');
  assert.deepEqual(decodeChunks('json', ['{"list":[{"a":1,"b":2,"c":3}]}'], { limits: { maxAttributes: 2 } }), { ok: false, code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 23, offset: 22, path: '/list/0' });
});

test('finding 1: a string value past maxValueLength is refused at its first character past the limit, while it arrives', () => {
  const out = endless('json', '{"list":[{"object":"ip","ip":"', 'a', 65536, 64 * MiB);
  assert.deepEqual([out.code, out.offset, out.path], ['TREE_VALUE_TOO_LONG', 30 + MiB, '/list/0/ip']);
  assert.ok(out.written < MiB + 2 * 65536);
});

test('finding 4: numbers, strings and keys in one-character chunks cost linear time', () => {
  for (const thing of LONG_THINGS.filter((t) => t.format === 'json' && ['value', 'number', 'envelope name'].includes(t.kind))) {
    const ratio = growth(thing, 20000, { limits: { maxValueLength: 1e9, maxObjectText: 1e9 } }, 4);
    assert.ok(ratio < 9, `${thing.kind}: 4× the input took ${ratio.toFixed(1)}× the time`);
  }
});

test('finding 4: many short strings in one-character chunks cost linear time (a quote alone in its chunk does not re-read the buffer)', () => {
  for (const thing of LONG_THINGS.filter((t) => t.format === 'json' && ['list', 'attributes'].includes(t.kind))) {
    const ratio = growth(thing, 10000, { limits: { maxListItems: 1e9, maxAttributes: 1e9 } }, 4);
    assert.ok(ratio < 9, `${thing.kind}: 4× the input took ${ratio.toFixed(1)}× the time`);
  }
});
