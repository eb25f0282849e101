/**
 * The NDJSON decoder: both forms, every error with its code and position (line = record), the
 * limit on one line applied while it arrives, and the same outcome however the input is fed.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodecError, decode, encode, type Document, type Envelope, type Format } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { createDecoder, DocumentCollector } from '../../src/index.js';
import type { DecodeOptions } from '../../src/options.js';
import { anyDocument, gridDocument } from '../helpers/arbitraries.js';
import { decodeChunks, feedings, fcParams, splitAt, splitPoints, withInsertion } from '../helpers/chunks.js';

const NDJSON = 'ndjson' as Format;
const HEAD = '{"status":"success","method":"/grid/ip/list","summary":{"total":2}}';
const A = '{"object":"ip","id":1,"public":true}';
const B = '{"object":"ip","id":2,"public":false}';

interface Row {
  description: string;
  text: string;
  options?: DecodeOptions;
  expected?: Document;
  code?: string;
  at?: [number, number, number];
  path?: string;
}

const ROWS: Row[] = [
  { description: 'the envelope line, then objects', text: `${HEAD}\n${A}\n${B}\n`, expected: { status: 'success', method: '/grid/ip/list', summary: { total: 2 }, list: [JSON.parse(A), JSON.parse(B)] } },
  { description: 'no line break after the last line', text: `${HEAD}\n${A}`, expected: { status: 'success', method: '/grid/ip/list', summary: { total: 2 }, list: [JSON.parse(A)] } },
  { description: 'CRLF line ends', text: `${HEAD}\r\n${A}\r\n`, expected: { status: 'success', method: '/grid/ip/list', summary: { total: 2 }, list: [JSON.parse(A)] } },
  { description: 'the envelope line alone: an empty list', text: `${HEAD}\n`, expected: { status: 'success', method: '/grid/ip/list', summary: { total: 2 }, list: [] } },
  { description: 'blank lines hold no record', text: `${HEAD}\n\n  \n${A}\n\n`, expected: { status: 'success', method: '/grid/ip/list', summary: { total: 2 }, list: [JSON.parse(A)] } },
  { description: 'noEnvelope: objects only', text: `${A}\n${B}\n`, options: { noEnvelope: true }, expected: { list: [JSON.parse(A), JSON.parse(B)] } },
  { description: 'noEnvelope with a method', text: `${A}\n`, options: { noEnvelope: true, method: '/grid/ip/list' }, expected: { method: '/grid/ip/list', list: [JSON.parse(A)] } },
  { description: 'noEnvelope, empty input: an empty list', text: '', options: { noEnvelope: true }, expected: { list: [] } },
  { description: '__proto__ is data', text: `{}\n{"__proto__":{"x":1}}\n`, expected: JSON.parse('{"list":[{"__proto__":{"x":1}}]}') as Document },
  { description: 'an exact integer beyond 2^53 is kept', text: `{}\n{"id":9007199254740992}\n`, expected: { list: [{ id: 9007199254740992 }] } },

  { description: 'empty input: the envelope line is missing', text: '', code: 'JSON_UNEXPECTED_END', at: [1, 1, 0] },
  { description: 'a syntax error, positioned on its line', text: `${HEAD}\n${A}\n{"id":1,}\n`, code: 'JSON_UNEXPECTED_CHARACTER', at: [3, 9, HEAD.length + A.length + 2 + 8] },
  { description: 'a line cut short', text: `${HEAD}\n{"id":1\n`, code: 'JSON_UNEXPECTED_END', at: [2, 8, HEAD.length + 1 + 7] },
  { description: 'two values on a line', text: `${HEAD}\n{} {}\n`, code: 'JSON_TRAILING_DATA', at: [2, 4, HEAD.length + 1 + 3] },
  { description: 'a list on a line', text: `${HEAD}\n[1]\n`, code: 'NDJSON_NOT_AN_OBJECT', at: [2, 1, HEAD.length + 1] },
  { description: 'a number on a line', text: `${HEAD}\n 7\n`, code: 'NDJSON_NOT_AN_OBJECT', at: [2, 2, HEAD.length + 2] },
  { description: 'null as the envelope line', text: 'null\n', code: 'NDJSON_NOT_AN_OBJECT', at: [1, 1, 0] },
  { description: 'an envelope line with a list (a JSON document)', text: '{"list":[]}\n', code: 'TREE_INVALID_ENVELOPE', at: [1, 1, 0], path: '/list' },
  { description: 'a status that is not a string', text: '{"status":1}\n', code: 'TREE_INVALID_ENVELOPE', at: [1, 1, 0], path: '/status' },
  { description: 'an inexact integer', text: `${HEAD}\n{"id":9007199254740993}\n`, code: 'JSON_INTEGER_UNSAFE', at: [2, 7, HEAD.length + 1 + 6] },
  { description: 'a nested list of scalars', text: `{}\n{"a":[1]}\n`, code: 'TREE_UNSUPPORTED_VALUE', at: [2, 1, 3], path: '/list/0/a/0' },
  { description: 'a line too long (maxObjectText)', text: `{}\n${A}\n`, options: { limits: { maxObjectText: 20 } }, code: 'TREE_VALUE_TOO_LONG', at: [2, 1, 3] },
  { description: 'too deep (maxDepth)', text: `{}\n{"a":{"b":{}}}\n`, options: { limits: { maxDepth: 2 } }, code: 'TREE_DEPTH_EXCEEDED', at: [2, 1, 3], path: '/list/0/a/b' },
];

for (const row of ROWS) {
  test(`ndjson: ${row.description}, fed whole, per character, per byte and split at random`, () => {
    let first: ReturnType<typeof decodeChunks> | undefined;
    for (const { label, chunks } of feedings(row.text)) {
      const outcome = decodeChunks(NDJSON, chunks, row.options);
      if (first === undefined) {
        first = outcome;
        if (row.expected !== undefined) {
          assert.ok(outcome.ok, `${label}: ${JSON.stringify(outcome)}`);
          assert.equal(treeDifference(outcome.doc, row.expected), undefined);
        } else {
          assert.equal(outcome.ok, false);
          assert.deepEqual(outcome, { ok: false, code: row.code, line: row.at?.[0], column: row.at?.[1], offset: row.at?.[2], ...(row.path === undefined ? {} : { path: row.path }) });
        }
      } else {
        assert.deepEqual(outcome, first, label);
      }
    }
  });
}

test('ndjson: invalid UTF-8 is INPUT_INVALID_UTF8 at the bad byte, an earlier error in the same line wins', () => {
  const good = new TextEncoder().encode('{}\n{"a":"');
  const bad = new Uint8Array([...good, 0xff, 0x22, 0x7d, 0x0a]);
  assert.deepEqual(decodeChunks(NDJSON, [bad]), { ok: false, code: 'INPUT_INVALID_UTF8', line: 2, column: 7, offset: 9 });
  const earlier = new Uint8Array([...new TextEncoder().encode('{}\n{"a":x'), 0xff]);
  assert.deepEqual(decodeChunks(NDJSON, [earlier]), { ok: false, code: 'JSON_UNEXPECTED_CHARACTER', line: 2, column: 6, offset: 8 });
  for (const { label, chunks } of feedings(new TextDecoder().decode(earlier.subarray(0, -1)))) {
    // The same text, split anywhere, then the bad byte.
    const collector = new DocumentCollector();
    const feed = createDecoder('ndjson', (e) => collector.push(e), { format: 'ndjson' });
    let code = '';
    try {
      for (const c of chunks) feed.write(c);
      feed.write(new Uint8Array([0xff]));
      feed.end();
    } catch (e) {
      code = (e as CodecError).code;
    }
    assert.equal(code, 'JSON_UNEXPECTED_CHARACTER', label);
  }
});

test('ndjson: a line longer than maxObjectText is refused while it arrives, before its end is written', () => {
  const feed = createDecoder('ndjson', () => undefined, { format: 'ndjson', limits: { maxObjectText: 1000 } });
  feed.write('{}\n{"a":"');
  let error: unknown;
  let written = 0;
  try {
    for (; written < 100; written++) feed.write('x'.repeat(100));
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof CodecError);
  assert.equal(error.code, 'TREE_VALUE_TOO_LONG');
  assert.equal(error.line, 2);
  assert.ok(written <= 10, `refused after ${written} pieces`);
});

test('ndjson: the format is never sniffed; decode needs format ndjson', () => {
  assert.throws(() => decode(`${HEAD}\n${A}\n`), (e: unknown) => e instanceof CodecError && e.code === 'JSON_TRAILING_DATA');
  assert.equal((decode(`${HEAD}\n${A}\n`, { format: 'ndjson' }) as Envelope).list.length, 1);
});

/** The envelope with `list` last: where the NDJSON decoder puts it (the line has no list). */
function listLast(doc: Document): Document {
  if (!('list' in doc) || !Array.isArray(doc.list)) return doc;
  const { list, ...head } = doc as Envelope;
  return { ...head, list } as Envelope;
}

function encoded(doc: Document, options: { noEnvelope?: boolean } = {}): string | undefined {
  try {
    return encode(doc, { format: 'ndjson', ...options });
  } catch (e) {
    if (e instanceof CodecError) return undefined;
    throw e;
  }
}

test('ndjson property: ndjson → tree → ndjson gives the same text, both forms', (t) => {
  const params = fcParams(300);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(fc.oneof(anyDocument, gridDocument), fc.boolean(), (doc, bare) => {
      // A fragment is written without an envelope line: it is read back in that form.
      const noEnvelope = bare || !('list' in doc && Array.isArray(doc.list));
      const text = encoded(doc, { noEnvelope });
      if (text === undefined) return;
      const back = decode(text, { format: 'ndjson', noEnvelope });
      assert.equal(encode(back, { format: 'ndjson', noEnvelope }), text);
    }),
    params,
  );
});

test('ndjson property: an envelope → ndjson → tree is the envelope (list last); without the envelope line, its list', (t) => {
  const params = fcParams(300);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(gridDocument, (doc) => {
      const text = encoded(doc);
      if (text === undefined) return;
      assert.equal(treeDifference(decode(text, { format: 'ndjson' }), listLast(doc)), undefined);
      const bare = encoded(doc, { noEnvelope: true }) as string;
      assert.equal(treeDifference(decode(bare, { format: 'ndjson', noEnvelope: true }), { list: (doc as Envelope).list }), undefined);
    }),
    params,
  );
});

test('ndjson property: the outcome does not depend on how the text is split (valid and broken inputs)', (t) => {
  const params = fcParams(200);
  t.diagnostic(`seed ${params.seed}`);
  const input = withInsertion(
    fc.oneof(anyDocument, gridDocument).map((doc) => encoded(doc) ?? ''),
    ['', '{', '}', '"', '\n', ',', '9007199254740993', '[', 'x'],
  );
  fc.assert(
    fc.property(
      input.chain((text) => fc.tuple(fc.constant(text), splitPoints(text.length))),
      ([text, points]) => {
        assert.deepEqual(decodeChunks(NDJSON, splitAt(text, points), { format: 'ndjson' }), decodeChunks(NDJSON, [text], { format: 'ndjson' }));
      },
    ),
    params,
  );
});

test('ndjson: decodeEvents streams, an object as soon as its line has ended', async () => {
  const { decodeEvents } = await import('../../src/index.js');
  let written = 0;
  async function* source(): AsyncGenerator<string> {
    for (const line of [HEAD, A, B]) {
      written++;
      yield `${line}\n`;
    }
  }
  const seen: number[] = [];
  for await (const e of decodeEvents(source(), { format: 'ndjson' })) if (e.type === 'object') seen.push(written);
  assert.deepEqual(seen, [2, 3]);
});
