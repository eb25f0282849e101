/**
 * Plain CSV (the `plain` option): the header on line 1 without `#`, no envelope line; positions
 * of header and row errors, whole and fed every way; the encoder's output.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { encode } from '../../src/index.js';
import { decodeChunks, feedings } from '../helpers/chunks.js';

const ROWS: { description: string; text: string; method?: string; expected: unknown }[] = [
  { description: 'typed by the method, which is the envelope', text: 'id,name\n1,a\n', method: '/common/lookup/list', expected: { ok: true, doc: { method: '/common/lookup/list', list: [{ object: 'option', id: 1, name: 'a' }] } } },
  { description: 'no method: text, and an empty envelope', text: 'id,name\r\n1,a\r\n', expected: { ok: true, doc: { list: [{ id: '1', name: 'a' }] } } },
  { description: 'a header name with a leading space is kept', text: ' id\n1\n', expected: { ok: true, doc: { list: [{ ' id': '1' }] } } },
  { description: 'a header that starts with # is a column name', text: '#\n1\n', expected: { ok: true, doc: { list: [{ '#': '1' }] } } },
  { description: 'a quoted header field not closed', text: 'id,"name\n', expected: { ok: false, code: 'CSV_MALFORMED', line: 1, column: 4, offset: 3 } },
  { description: 'a quote inside an unquoted header field', text: 'id,na"me\n1,2\n', expected: { ok: false, code: 'CSV_MALFORMED', line: 1, column: 6, offset: 5 } },
  { description: 'a duplicate column', text: 'id,id\n', expected: { ok: false, code: 'CSV_COLUMN_DUPLICATE', line: 1, column: 4, offset: 3 } },
  { description: 'a row with too many fields', text: 'id\n1\n2,3\n', expected: { ok: false, code: 'CSV_FIELD_COUNT', line: 3, column: 3, offset: 7 } },
  { description: 'empty input', text: '', expected: { ok: false, code: 'CSV_HEADER_MISSING', line: 1, column: 1, offset: 0 } },
];

for (const row of ROWS) {
  test(`plain csv: ${row.description}, fed whole, per character, per byte and split at random`, () => {
    const options = row.method === undefined ? { plain: true } : { plain: true, method: row.method };
    for (const { label, chunks } of feedings(row.text)) assert.deepEqual(decodeChunks('csv', chunks, options), row.expected, label);
  });
}

test('plain csv encoder: the header first without `#`, no envelope line; the method still types what is written', () => {
  const doc = { status: 'success', method: '/common/lookup/list', summary: { total: 1 }, list: [{ object: 'option', id: 1, name: 'x, y' }] };
  assert.equal(encode(doc, { format: 'csv', plain: true }), 'id,name\n1,"x, y"\n');
  // Envelope members CSV's envelope line cannot carry are simply not written in plain CSV.
  assert.equal(encode({ extra: 1, list: [{ id: 1 }] }, { format: 'csv', plain: true }), 'id\n1\n');
});
