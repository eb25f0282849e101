/**
 * convert (src/convert.ts): decodeEvents → encodeEvents, with sniffing, `tap`, options passed to
 * both sides, and errors from either side coming through the generator.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { type CodecEvent, convert, decode, type Document, encode, MemorySpool } from '../src/index.js';
import { expectRejectsCodecError } from './helpers/codec-error.js';

const DOC: Document = {
  list: [
    { object: 'ip', id: 1, ip: '10.0.0.1', public: true },
    { object: 'ip', id: 2, ip: '10.0.0.2', public: false },
  ],
  summary: { total: 2, start: 0, returned: 2 },
  status: 'success',
  method: '/grid/ip/list',
};

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

test('convert gives what decode then encode give, for every pair of formats, sniffed or named', async () => {
  for (const from of ['json', 'xml', 'csv'] as const) {
    const input = encode(DOC, { format: from });
    for (const to of ['json', 'xml', 'csv', 'ndjson'] as const) {
      const expected = encode(decode(input, { format: from }), { format: to });
      assert.equal(await text(convert([input], { from, to, spool: new MemorySpool() })), expected, `${from} → ${to}`);
      assert.equal(await text(convert([input], { to, spool: new MemorySpool() })), expected, `${from} (sniffed) → ${to}`);
    }
  }
});

test('convert: tap sees every event on its way, in order', async () => {
  const seen: string[] = [];
  await text(convert([encode(DOC, { format: 'json' })], { to: 'xml', tap: (e: CodecEvent) => seen.push(e.type), spool: new MemorySpool() }));
  // JSON puts the members after the list: a non-final envelope, the objects, the final envelope.
  assert.deepEqual(seen, ['envelope', 'object', 'object', 'envelope', 'end']);
});

test('convert: the type option reaches the CSV decoder (an unknown method) and the encoder', async () => {
  const input = '# SUCCESS, /no/such/method\n# id,public\n1,true\n';
  const out = JSON.parse(await text(convert([input], { from: 'csv', to: 'json', type: 'ip' }))) as { list: unknown[] };
  assert.deepEqual(out.list, [{ object: 'ip', id: 1, public: true }]);
});

test('convert: errors of the decoder, the sniffer and the tree checks come through the generator', async () => {
  await expectRejectsCodecError(text(convert(['{"list":[{"id":1}'], { from: 'json', to: 'xml' })), { code: 'JSON_UNEXPECTED_END', line: 1, column: 18, offset: 17 });
  await expectRejectsCodecError(text(convert(['hello'], { to: 'json' })), { code: 'INPUT_FORMAT_UNKNOWN', line: 1, column: 1, offset: 0 });
  await expectRejectsCodecError(text(convert(['{"list":[{"a":{"b":[1]}}]}'], { to: 'csv' })), { code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/a/b/0' });
});
