/**
 * The JSON and NDJSON encoders: compact and indented output, envelope member order around the
 * list, exact numbers, refusals with paths, and chunked output equal to the whole.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, decode, type Document, encode, encodeChunks, type EncodeOptions, type GoObject } from '../../src/index.js';
import { setAttribute } from '../../src/tree/checks.js';
import { treeDifference } from '../../src/tree/equal.js';
import { expectThrowsCodecError } from '../helpers/codec-error.js';

function obj(...entries: [string, unknown][]): GoObject {
  const o: GoObject = {};
  for (const [k, v] of entries) setAttribute(o, k, v);
  return o;
}

function expectRefusal(doc: unknown, options: EncodeOptions, code: string, path: string): void {
  expectThrowsCodecError(() => encode(doc as Document, options), { code, path });
}

const DOC: Document = {
  status: 'success',
  list: [
    { object: 'ip', id: 1, public: true, note: null },
    { object: 'ip', id: 2, state: { object: 'option', id: 2, name: 'Assigned' }, tags: [{ a: 'x' }] },
  ],
  summary: { total: 2, start: 0, returned: 2 },
  method: '/grid/ip/list',
};

test('compact by default: exactly what JSON.stringify writes for an ordinary tree', () => {
  assert.equal(encode(DOC, { format: 'json' }), JSON.stringify(DOC));
  assert.equal(encode({ object: 'ip', id: 1 }, { format: 'json' }), '{"object":"ip","id":1}');
  assert.equal(encode({ list: [] }, { format: 'json' }), '{"list":[]}');
  assert.equal(encode({}, { format: 'json' }), '{}');
});

test('indent: pretty output that parses to the same value, ending with a line break', () => {
  for (const indent of [1, 2, 4]) {
    const text = encode(DOC, { format: 'json', indent });
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(DOC)));
    assert.equal(text, `${JSON.stringify(DOC, null, indent)}\n`);
  }
  assert.equal(encode({ list: [] }, { format: 'json', indent: 2 }), '{\n  "list": []\n}\n');
  assert.equal(encode({ list: [], a: 1 }, { format: 'json', indent: 2 }), '{\n  "list": [],\n  "a": 1\n}\n');
  assert.equal(encode({ object: 'ip', id: -0 }, { format: 'json', indent: 2 }), '{\n  "object": "ip",\n  "id": -0\n}\n');
});

test('envelope member order is preserved before, after and around the list', () => {
  const orders: Document[] = [
    { status: 's', method: '/m', summary: { total: 0 }, list: [] },
    { list: [{ id: 1 }], summary: { total: 1 }, status: 's', method: '/m' },
    { method: '/m', list: [{ id: 1 }], status: 's', extra: { a: [{ b: 1 }] } },
  ];
  for (const doc of orders) {
    for (const indent of [0, 2]) {
      const text = encode(doc, { format: 'json', indent });
      assert.deepEqual(Object.keys(JSON.parse(text) as object), Object.keys(doc));
      assert.equal(treeDifference(decode(text), doc), undefined);
    }
  }
});

test('-0 and integers beyond 2^53 are written exactly', () => {
  assert.equal(encode({ list: [{ id: -0, big: 2 ** 60, neg: -(2 ** 60) }] }, { format: 'json' }), '{"list":[{"id":-0,"big":1152921504606846976,"neg":-1152921504606846976}]}');
  assert.equal(encode({ summary: { total: 2 ** 60 }, list: [] }, { format: 'json' }), '{"summary":{"total":1152921504606846976},"list":[]}');
  assert.equal(encode({ x: { a: -0 }, list: [] }, { format: 'json' }), '{"x":{"a":-0},"list":[]}');
  assert.equal(encode({ object: 'ip', id: -0 }, { format: 'json' }), '{"object":"ip","id":-0}');
  const text = encode({ list: [{ id: -0, big: 2 ** 60 }] }, { format: 'json', indent: 2 });
  assert.match(text, /"id": -0,/);
  assert.match(text, /"big": 1152921504606846976\n/);
  const back = decode(text) as { list: GoObject[] };
  assert.ok(Object.is(back.list[0]?.['id'], -0));
  assert.equal(back.list[0]?.['big'], 2 ** 60);
  // Large doubles that are not in the integer range keep JavaScript's notation.
  assert.equal(encode({ a: 1e21, b: 0.1 }, { format: 'json' }), '{"a":1e+21,"b":0.1}');
});

test('hostile names are written as ordinary keys', () => {
  const doc = { list: [obj(['__proto__', { a: 1 }], ['constructor', 'c'])] };
  const text = encode(doc, { format: 'json' });
  assert.equal(text, '{"list":[{"__proto__":{"a":1},"constructor":"c"}]}');
  assert.equal(treeDifference(decode(text), doc), undefined);
});

test('values outside the tree model are refused with TREE_UNSUPPORTED_VALUE and their path', () => {
  for (const format of ['json', 'ndjson'] as const) {
    expectRefusal({ list: [{ id: Number.NaN }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0/id');
    expectRefusal({ list: [{ id: Infinity }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0/id');
    expectRefusal({ list: [{ id: 1 }, { a: { b: undefined } }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/1/a/b');
    expectRefusal({ list: [{ f: () => 1 }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0/f');
    expectRefusal({ list: [{ n: [1, 2] }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0/n/0');
    expectRefusal({ list: [{ n: [{}, 'x'] }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0/n/1');
    expectRefusal({ list: [{ d: new Date(0) }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0/d');
    expectRefusal({ list: [{ b: 1n }] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0/b');
    expectRefusal({ list: [5] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/list/0');
    expectRefusal({ object: 'ip', a: undefined }, { format }, 'TREE_UNSUPPORTED_VALUE', '/a');
    expectRefusal({ extra: Number.NaN, list: [] }, { format }, 'TREE_UNSUPPORTED_VALUE', '/extra');
    expectRefusal({ status: 5, list: [] }, { format }, 'TREE_INVALID_ENVELOPE', '/status');
  }
});

test('encodeChunks: the concatenation equals encode, in chunks of about 64 KiB', () => {
  const big: Document = { status: 'success', list: Array.from({ length: 3000 }, (_, i) => ({ id: i, name: 'x'.repeat(50), big: i === 7 ? 2 ** 60 : i })), method: '/m' };
  for (const options of [{ format: 'json' }, { format: 'json', indent: 2 }, { format: 'ndjson' }, { format: 'ndjson', noEnvelope: true }] as EncodeOptions[]) {
    const chunks = [...encodeChunks(big, options)];
    assert.ok(chunks.length > 1, 'more than one chunk');
    assert.equal(chunks.join(''), encode(big, options));
    for (const c of chunks.slice(0, -1)) assert.ok(c.length >= 1 << 16 && c.length < (1 << 16) + 10_000, `chunk of ${c.length}`);
  }
  assert.deepEqual([...encodeChunks({ list: [] }, { format: 'json' })], ['{"list":[]}']);
});

test('bad options are refused with OPTION_INVALID', () => {
  for (const options of [{ format: 'yaml' }, { format: 'json', indent: -1 }, { format: 'json', indent: 17 }, { format: 'json', pretty: true }, { format: 'ndjson', noEnvelope: 'yes' }]) {
    assert.throws(() => encode({ list: [] }, options as unknown as EncodeOptions), (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID');
  }
});

// The JSON encoder checks list objects with a quick walk first and leaves anything doubtful to
// checkObject: whatever the values, encode() must accept exactly what checkObject accepts and
// refuse with checkObject's code and path.
test('the quick check accepts exactly what checkObject accepts, for any values', async () => {
  const fc = (await import('fast-check')).default;
  const { checkObject } = await import('../../src/tree/check.js');
  const junk = fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, maxDepth: 4 });
  const item = fc.oneof(junk, fc.dictionary(fc.string({ maxLength: 4 }), junk, { maxKeys: 4 }), fc.constant({ a: -0 }), fc.constant({ a: [{ b: Number.NaN }] }));
  fc.assert(
    fc.property(fc.array(item, { maxLength: 4 }), (items) => {
      let expected = 'ok';
      for (let i = 0; i < items.length && expected === 'ok'; i++) {
        try {
          checkObject(items[i] as GoObject, ['list', i]);
        } catch (e) {
          expected = e instanceof CodecError ? `${e.code} ${e.path ?? ''}` : String(e);
        }
      }
      for (const text of [() => encode({ list: items } as Document, { format: 'json' }), () => [...encodeChunks({ list: items } as Document, { format: 'json' })].join('')]) {
        let actual = 'ok';
        try {
          text();
        } catch (e) {
          actual = e instanceof CodecError ? `${e.code} ${e.path ?? ''}` : String(e);
        }
        assert.equal(actual, expected);
      }
    }),
    { numRuns: 500 },
  );
});
