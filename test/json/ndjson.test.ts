/**
 * The NDJSON encoder (src/json/ndjson.ts): the envelope line, then one object per line, numbers
 * exact; and the JSON-line writer it shares with the file spool (src/json/line.ts).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { type Document, encode, type GoObject } from '../../src/index.js';
import { jsonLine } from '../../src/json/line.js';
import { expectThrowsCodecError } from '../helpers/codec-error.js';

/** Two objects with nested values and a null, the envelope around them. */
const DOC: Document = { list: [{ object: 'ip', id: 1, note: null }, { state: { object: 'option', id: 2 }, tags: [{ a: 'x' }] }], status: 'success', method: '/grid/ip/list' };

test('NDJSON: the envelope line first (members without the list), then one object per line', () => {
  const doc: Document = { status: 'success', list: [{ id: -0, big: 2 ** 60, object: 'ip' }, { a: { b: [{ c: 1 }] } }], summary: { total: 2 }, method: '/m' };
  assert.equal(
    encode(doc, { format: 'ndjson' }),
    '{"status":"success","summary":{"total":2},"method":"/m"}\n{"id":-0,"big":1152921504606846976,"object":"ip"}\n{"a":{"b":[{"c":1}]}}\n',
  );
  const lines = encode(DOC, { format: 'ndjson' }).split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 3);
  for (const [i, line] of lines.slice(1).entries()) assert.deepEqual(JSON.parse(line), (DOC as { list: GoObject[] }).list[i]);
});

test('NDJSON with noEnvelope: objects only', () => {
  assert.equal(encode({ status: 's', list: [{ id: 1 }, { id: 2 }], method: '/m' }, { format: 'ndjson', noEnvelope: true }), '{"id":1}\n{"id":2}\n');
  assert.equal(encode({ status: 's', list: [] }, { format: 'ndjson', noEnvelope: true }), '');
  assert.equal(encode({ status: 's', list: [] }, { format: 'ndjson' }), '{"status":"s"}\n');
});

test('NDJSON of a fragment is its one line', () => {
  assert.equal(encode({ object: 'ip', id: -0 }, { format: 'ndjson' }), '{"object":"ip","id":-0}\n');
  assert.equal(encode({ object: 'ip', id: 1 }, { format: 'ndjson', noEnvelope: true }), '{"object":"ip","id":1}\n');
});

test('jsonLine: one line of compact JSON, numbers exact, checked with the path given', () => {
  assert.equal(jsonLine({ id: -0, n: 2 ** 60, s: 'a\nb' }, []), '{"id":-0,"n":1152921504606846976,"s":"a\\nb"}\n');
  assert.equal(jsonLine({ a: [{ b: 1.5 }] }, ['list', 3]), '{"a":[{"b":1.5}]}\n');
  expectThrowsCodecError(() => jsonLine({ a: Number.NaN }, ['list', 3]), { code: 'TREE_UNSUPPORTED_VALUE', path: '/list/3/a' });
});
