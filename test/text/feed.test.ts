/**
 * TextFeed, through createDecoder('json'): a BOM is dropped, UTF-8 is decoded across chunk
 * boundaries, invalid UTF-8 is INPUT_INVALID_UTF8 at a position that does not depend on the
 * split, and the feed refuses input after end().
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, createDecoder, type Document } from '../../src/index.js';
import { decodeChunks, feedings, type Outcome, perByte, perCharacter, splitAt, splitBytes } from '../helpers/chunks.js';

const TEXT = '{"a":"é中😀"}';
const TREE: Document = { a: 'é中😀' };
const BYTES = new TextEncoder().encode(TEXT);
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const ok = (doc: Document): Outcome => ({ ok: true, doc });

function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Every way to cut `length` items at up to two places. */
function cutsUpToTwo(length: number): number[][] {
  const out: number[][] = [[]];
  for (let i = 1; i < length; i++) {
    out.push([i]);
    for (let j = i + 1; j < length; j++) out.push([i, j]);
  }
  return out;
}

test('the tiny document decodes whole', () => {
  assert.deepEqual(decodeChunks('json', [TEXT]), ok(TREE));
  assert.deepEqual(decodeChunks('json', [BYTES]), ok(TREE));
});

test('a BOM is dropped from a string and from bytes', () => {
  const rows: { label: string; chunks: (string | Uint8Array)[] }[] = [
    { label: 'string', chunks: [`\uFEFF${TEXT}`] },
    { label: 'string, BOM alone', chunks: ['\uFEFF', TEXT] },
    { label: 'string, per character', chunks: perCharacter(`\uFEFF${TEXT}`) },
    { label: 'string after an empty chunk', chunks: ['', `\uFEFF${TEXT}`] },
    { label: 'bytes', chunks: [concat(BOM, TEXT)] },
    { label: 'bytes, BOM alone', chunks: [BOM, BYTES] },
    { label: 'bytes, per byte', chunks: perByte(`\uFEFF${TEXT}`) },
    { label: 'bytes, BOM cut after its first byte', chunks: [BOM.subarray(0, 1), concat(BOM.subarray(1), TEXT)] },
    { label: 'bytes, BOM cut after its second byte', chunks: [BOM.subarray(0, 2), concat(BOM.subarray(2), TEXT)] },
    { label: 'bytes after an empty chunk', chunks: [new Uint8Array(0), concat(BOM, TEXT)] },
    { label: 'bytes BOM, then a string', chunks: [BOM, TEXT] },
  ];
  for (const row of rows) assert.deepEqual(decodeChunks('json', row.chunks), ok(TREE), row.label);
});

test('a BOM is dropped once, only at the start; positions count from after it', () => {
  // A second U+FEFF is not whitespace in JSON: an error at the first character after the BOM.
  for (const chunks of [['\uFEFF\uFEFF{}'], [concat(BOM, BOM, '{}')], perByte('\uFEFF\uFEFF{}')]) {
    const out = decodeChunks('json', chunks);
    assert.equal(out.ok, false);
    assert.ok(!out.ok && out.code === 'JSON_UNEXPECTED_CHARACTER', JSON.stringify(out));
    assert.ok(!out.ok && out.line === 1 && out.column === 1 && out.offset === 0, JSON.stringify(out));
  }
  // Not at the start: not a BOM.
  const late = decodeChunks('json', [' \uFEFF{}']);
  assert.ok(!late.ok && late.code === 'JSON_UNEXPECTED_CHARACTER' && late.column === 2 && late.offset === 1, JSON.stringify(late));
  // Positions after a BOM are those of the text without it.
  const withBom = decodeChunks('json', ['\uFEFF{"a":}']);
  const without = decodeChunks('json', ['{"a":}']);
  assert.equal(without.ok, false);
  assert.deepEqual(withBom, without);
});

test('a character split between byte chunks decodes whole: every split of the bytes at one or two places', () => {
  const splits = cutsUpToTwo(BYTES.length);
  assert.ok(splits.length > 100);
  for (const points of splits) assert.deepEqual(decodeChunks('json', splitBytes(BYTES, points)), ok(TREE), `bytes split at ${points.join(',')}`);
  assert.deepEqual(decodeChunks('json', perByte(TEXT)), ok(TREE), 'per byte');
});

test('a character split between byte chunks decodes whole: every subset of cut points inside the multi-byte characters', () => {
  // Cut points inside é (7), 中 (9, 10) and 😀 (12..14), and at their edges (6, 8, 11): 2^9 ways.
  const inside = [7, 9, 10, 12, 13, 14, 8, 11, 6];
  for (let mask = 0; mask < 1 << inside.length; mask++) {
    const points = inside.filter((_, i) => (mask & (1 << i)) !== 0);
    assert.deepEqual(decodeChunks('json', splitBytes(BYTES, points)), ok(TREE), `bytes split at ${points.join(',')}`);
  }
});

test('a surrogate pair split between string chunks decodes whole', () => {
  for (const points of cutsUpToTwo(TEXT.length)) assert.deepEqual(decodeChunks('json', splitAt(TEXT, points)), ok(TREE), `text split at ${points.join(',')}`);
  assert.deepEqual(decodeChunks('json', perCharacter(TEXT)), ok(TREE));
});

test('every feeding of the helpers gives the same tree', () => {
  for (const { label, chunks } of feedings(TEXT, 20)) assert.deepEqual(decodeChunks('json', chunks), ok(TREE), label);
});

test('bytes and strings can be mixed', () => {
  assert.deepEqual(decodeChunks('json', ['{"a":', new TextEncoder().encode('"é中'), '😀"}']), ok(TREE));
});

/** Invalid UTF-8 inputs and where the first bad byte is in the text (line, column, offset in UTF-16 units). */
const INVALID: { description: string; bytes: Uint8Array; line: number; column: number; offset: number }[] = [
  { description: 'a lone 0xFF', bytes: concat('{"a":"x', new Uint8Array([0xff]), 'y"}'), line: 1, column: 8, offset: 7 },
  { description: 'a lone 0xFF after multi-byte characters', bytes: concat('{"a":"é中😀', new Uint8Array([0xff]), '"}'), line: 1, column: 11, offset: 10 },
  { description: 'a lone 0xFF on line 2', bytes: concat('{\n "a": "é', new Uint8Array([0xff]), '"}'), line: 2, column: 9, offset: 10 },
  { description: 'a stray continuation byte', bytes: concat('{"a":"', new Uint8Array([0x80]), '"}'), line: 1, column: 7, offset: 6 },
  { description: 'an overlong 0xC0 0x80', bytes: concat('{"a":"x', new Uint8Array([0xc0, 0x80]), '"}'), line: 1, column: 8, offset: 7 },
  { description: 'an overlong 3-byte 0xE0 0x80 0x80', bytes: concat('{"a":"', new Uint8Array([0xe0, 0x80, 0x80]), '"}'), line: 1, column: 7, offset: 6 },
  { description: 'an encoded surrogate 0xED 0xA0 0x80', bytes: concat('{"a":"', new Uint8Array([0xed, 0xa0, 0x80]), '"}'), line: 1, column: 7, offset: 6 },
  { description: 'beyond U+10FFFF (0xF4 0x90 0x80 0x80)', bytes: concat('{"a":"', new Uint8Array([0xf4, 0x90, 0x80, 0x80]), '"}'), line: 1, column: 7, offset: 6 },
  { description: 'a truncated 4-byte sequence followed by text', bytes: concat('{"a":"x', new Uint8Array([0xf0, 0x9f, 0x98]), '"}'), line: 1, column: 8, offset: 7 },
  { description: 'a truncated 4-byte sequence at the end (inside the string)', bytes: concat('{"a":"x', new Uint8Array([0xf0, 0x9f, 0x98])), line: 1, column: 8, offset: 7 },
  { description: 'a truncated 4-byte sequence at the end (after the document)', bytes: concat('{"a":"x"}', new Uint8Array([0xf0, 0x9f, 0x98])), line: 1, column: 10, offset: 9 },
  { description: 'a truncated 2-byte sequence at the end', bytes: concat('{"a":"x"}\n', new Uint8Array([0xc3])), line: 2, column: 1, offset: 10 },
];

for (const row of INVALID) {
  test(`invalid UTF-8, ${row.description}: INPUT_INVALID_UTF8 at the same position whatever the split`, () => {
    const expected: Outcome = { ok: false, code: 'INPUT_INVALID_UTF8', line: row.line, column: row.column, offset: row.offset };
    assert.deepEqual(decodeChunks('json', [row.bytes]), expected, 'whole');
    for (let i = 1; i < row.bytes.length; i++) {
      for (let j = i; j < row.bytes.length; j++) {
        assert.deepEqual(decodeChunks('json', splitBytes(row.bytes, [i, j])), expected, `split at ${i},${j}`);
      }
    }
    const perByteChunks: Uint8Array[] = [];
    for (let i = 0; i < row.bytes.length; i++) perByteChunks.push(row.bytes.subarray(i, i + 1));
    assert.deepEqual(decodeChunks('json', perByteChunks), expected, 'per byte');
    // With a BOM in front, positions do not move.
    assert.deepEqual(decodeChunks('json', [BOM, row.bytes]), expected, 'after a BOM');
  });
}

test('a string chunk after bytes that end inside a character is INPUT_INVALID_UTF8', () => {
  const out = decodeChunks('json', [concat('{"a":"x', new Uint8Array([0xe4, 0xb8])), 'y"}']);
  assert.deepEqual(out, { ok: false, code: 'INPUT_INVALID_UTF8', line: 1, column: 8, offset: 7 });
});

test('an error earlier in the text wins over invalid UTF-8 later in the same chunk', () => {
  const bytes = concat('{"a":trux', new Uint8Array([0xff]));
  const whole = decodeChunks('json', [bytes]);
  assert.ok(!whole.ok && whole.code !== 'INPUT_INVALID_UTF8', JSON.stringify(whole));
  for (let i = 1; i < bytes.length; i++) assert.deepEqual(decodeChunks('json', splitBytes(bytes, [i])), whole, `split at ${i}`);
});

test('the errors are CodecErrors of the decoder format', () => {
  const feed = createDecoder('json', () => {});
  assert.throws(
    () => {
      feed.write(concat('{"a":"', new Uint8Array([0xff])));
      feed.end();
    },
    (e: unknown) => e instanceof CodecError && e.code === 'INPUT_INVALID_UTF8' && e.format === 'json',
  );
});

test('write() and end() after end() throw', () => {
  const feed = createDecoder('json', () => {});
  feed.write(TEXT);
  feed.end();
  assert.throws(() => feed.write('{}'));
  assert.throws(() => feed.write(new Uint8Array([0x7b])));
  assert.throws(() => feed.end());
});

test('write() after an error throws', () => {
  const feed = createDecoder('json', () => {});
  assert.throws(() => feed.write('{"a":]'), (e: unknown) => e instanceof CodecError);
  assert.throws(() => feed.write('}'));
  assert.throws(() => feed.end());
});

test('events reach the sink as the decoder completes them', () => {
  const seen: string[] = [];
  const feed = createDecoder('json', (e) => seen.push(e.type));
  feed.write('{"status":"success","list":[{"id":1},');
  assert.ok(seen.includes('object'), `the first object is out before the end: ${seen.join(',')}`);
  feed.write(new TextEncoder().encode('{"id":2}]}'));
  feed.end();
  assert.deepEqual(seen.filter((t) => t === 'object').length, 2);
  assert.equal(seen.at(-1), 'end');
});

test('a chunk of many kilobytes is decoded in pieces: characters around every cut, and invalid bytes there, come out the same', () => {
  // The feed decodes big byte chunks in pieces of 16 KiB, cut before a character's first byte;
  // shift multi-byte characters, and a bad byte, across that cut (and the next ones).
  const PIECE = 16 * 1024;
  const chars = 'é中😀'.repeat(4);
  for (let shift = 0; shift < 16; shift++) {
    const pad = 'x'.repeat(PIECE - '{"pad":"'.length - shift);
    const text = `{"pad":"${pad}","a":"${chars}","more":"${'é中'.repeat(PIECE / 2)}"}`;
    const bytes = new TextEncoder().encode(text);
    assert.deepEqual(decodeChunks('json', [bytes]), decodeChunks('json', [text]), `valid, shift ${shift}`);
    const before = `{"pad":"${pad}","a":"${chars.slice(0, shift % 5)}`;
    const bad = concat(before, new Uint8Array([0xe4, 0xb8]), `${chars}"}`);
    const offset = before.length;
    assert.deepEqual(decodeChunks('json', [bad]), { ok: false, code: 'INPUT_INVALID_UTF8', line: 1, column: offset + 1, offset }, `invalid, shift ${shift}`);
  }
});
