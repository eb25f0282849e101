/**
 * The decoding entry points: format sniffing, decode() of text and bytes, and the streaming
 * forms (decodeEvents, decodeObjects, decodeAll) over async generators, arrays, web streams and
 * Node streams, with cancellation and refusal of sources that do not yield text or bytes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { type CodecEvent, CodecError, createDecoder, decode, decodeAll, decodeEvents, decodeObjects, type Document, type GoObject, sniff, type Source } from '../src/index.js';
import { treeDifference } from '../src/tree/equal.js';
import { feedings } from './helpers/chunks.js';
import { type ExpectedCodecError, expectRejectsCodecError } from './helpers/codec-error.js';

const encoder = new TextEncoder();

/** An async generator of the given chunks, each after a turn of the event loop. */
async function* slowly<T>(chunks: readonly T[]): AsyncGenerator<T, void, undefined> {
  for (const c of chunks) {
    await new Promise((resolve) => setImmediate(resolve));
    yield c;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

async function expectCodecError(promise: Promise<unknown>, expected: ExpectedCodecError): Promise<void> {
  await expectRejectsCodecError(promise, expected);
}

function expectSniffError(input: string | Uint8Array, complete: boolean, position: { line: number; column: number; offset: number }): void {
  assert.throws(
    () => sniff(input, complete),
    (e: unknown) => {
      assert.ok(e instanceof CodecError);
      assert.deepEqual({ code: e.code, line: e.line, column: e.column, offset: e.offset }, { code: 'INPUT_FORMAT_UNKNOWN', ...position });
      return true;
    },
  );
}

const JSON_DOC = '{"list":[{"object":"ip","id":1},{"object":"ip","id":2}],"summary":{"total":2},"status":"success","method":"/grid/ip/list"}';
const XML_DOC = '<gogrid><response method="/grid/ip/list" status="success"><summary total="2"/><list><object name="ip"><attribute name="id">1</attribute></object><object name="ip"><attribute name="id">2</attribute></object></list></response></gogrid>';
const CSV_DOC = '# SUCCESS, /grid/ip/list, TOTAL, 2\n# id\n1\n2\n';

// ---------------------------------------------------------------------------------------------
// sniff

test('sniff: the first character after a BOM and whitespace decides', () => {
  const rows: [string | Uint8Array, string][] = [
    ['<gogrid/>', 'xml'],
    ['{"list":[]}', 'json'],
    ['[{"list":[]}]', 'json'],
    ['# SUCCESS', 'csv'],
    ['\uFEFF<', 'xml'],
    [' \t\r\n <', 'xml'],
    ['\n\n{', 'json'],
    [new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]), 'xml'],
    [new Uint8Array([0x20, 0x0a, 0x7b]), 'json'],
    [new Uint8Array([0x23]), 'csv'],
  ];
  for (const [input, format] of rows) {
    assert.equal(sniff(input, true), format, JSON.stringify(typeof input === 'string' ? input : [...input]));
    assert.equal(sniff(input, false), format);
  }
});

test('sniff: an unknown first character is INPUT_FORMAT_UNKNOWN at its position', () => {
  expectSniffError('x', true, { line: 1, column: 1, offset: 0 });
  expectSniffError('  \n  x', true, { line: 2, column: 3, offset: 5 });
  expectSniffError('\r\n\r\nx', true, { line: 3, column: 1, offset: 4 });
  expectSniffError('\uFEFF x', true, { line: 1, column: 2, offset: 1 });
  expectSniffError('"x"', false, { line: 1, column: 1, offset: 0 });
  expectSniffError(new Uint8Array([0xc3, 0xa9]), true, { line: 1, column: 1, offset: 0 });
  // A second BOM is a character like any other.
  expectSniffError('\uFEFF\uFEFF<', true, { line: 1, column: 1, offset: 0 });
});

test('sniff: empty input — undecided while more may come, INPUT_FORMAT_UNKNOWN at its end when complete', () => {
  assert.equal(sniff('', false), undefined);
  assert.equal(sniff('   ', false), undefined);
  assert.equal(sniff(new Uint8Array([0xef, 0xbb, 0xbf]), false), undefined);
  expectSniffError('', true, { line: 1, column: 1, offset: 0 });
  expectSniffError('   ', true, { line: 1, column: 4, offset: 3 });
  expectSniffError(new Uint8Array([0xef, 0xbb, 0xbf]), true, { line: 1, column: 1, offset: 0 });
});

// ---------------------------------------------------------------------------------------------
// decode

test('decode: each format sniffed, from text and from bytes, gives the same tree', () => {
  const expected: Document = { summary: { total: 2 }, status: 'success', method: '/grid/ip/list', list: [{ object: 'ip', id: 1 }, { object: 'ip', id: 2 }] };
  const json = decode(JSON_DOC);
  assert.equal(treeDifference(json, { list: expected['list'], summary: { total: 2 }, status: 'success', method: '/grid/ip/list' }), undefined);
  assert.equal(treeDifference(decode(encoder.encode(JSON_DOC)), json), undefined);
  assert.equal(treeDifference(decode(XML_DOC), { method: '/grid/ip/list', status: 'success', summary: { total: 2 }, list: expected['list'] } as Document), undefined);
  assert.equal(treeDifference(decode(encoder.encode(`\uFEFF${XML_DOC}`)), decode(XML_DOC)), undefined);
  assert.equal(treeDifference(decode(CSV_DOC), { status: 'success', method: '/grid/ip/list', summary: { total: 2 }, list: expected['list'] } as Document), undefined);
});

test('decode: an explicit format wins over sniffing', () => {
  assert.throws(() => decode(JSON_DOC, { format: 'xml' }), (e: unknown) => e instanceof CodecError && e.format === 'xml');
  assert.throws(() => decode('x', { format: 'json' }), (e: unknown) => e instanceof CodecError && e.code === 'JSON_UNEXPECTED_CHARACTER');
  assert.throws(() => decode('x'), (e: unknown) => e instanceof CodecError && e.code === 'INPUT_FORMAT_UNKNOWN');
  assert.throws(() => decode(''), (e: unknown) => e instanceof CodecError && e.code === 'INPUT_FORMAT_UNKNOWN' && e.line === 1 && e.column === 1 && e.offset === 0);
});

test('decode: invalid UTF-8 is INPUT_INVALID_UTF8 at the first bad byte', () => {
  const bytes = new Uint8Array([...encoder.encode('{"list":[{"a":"é'), 0xff, ...encoder.encode('"}]}')]);
  assert.throws(
    () => decode(bytes),
    (e: unknown) => e instanceof CodecError && e.code === 'INPUT_INVALID_UTF8' && e.line === 1 && e.column === 17 && e.offset === 16,
  );
});

test('decode: bad options are OPTION_INVALID', () => {
  for (const options of [{ format: 'yaml' }, { limits: { maxDepth: 0 } }, { limits: { depth: 3 } }, { strict: 'yes' }, { bogus: true }, { type: '' }]) {
    assert.throws(() => decode(JSON_DOC, options as never), (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID', JSON.stringify(options));
  }
});

test('createDecoder: a push decoder; events arrive as soon as each object is complete', () => {
  const events: CodecEvent[] = [];
  const d = createDecoder('xml', (e) => events.push(e));
  d.write('<gogrid><response method="/grid/ip/list" status="success"><list>');
  assert.deepEqual(events.map((e) => e.type), ['envelope']);
  d.write('<object name="ip"><attribute name="id">1</attribute></object>');
  assert.deepEqual(events.map((e) => e.type), ['envelope', 'object']);
  d.write(encoder.encode('</list></response></gogrid>'));
  d.end();
  assert.deepEqual(events.map((e) => e.type), ['envelope', 'object', 'end']);
  assert.throws(() => d.write('x'), (e: unknown) => !(e instanceof CodecError));
  assert.throws(() => d.end(), (e: unknown) => !(e instanceof CodecError));
});

// ---------------------------------------------------------------------------------------------
// decodeEvents, decodeObjects, decodeAll

test('decodeEvents: an async generator of Uint8Array chunks (JSON members after the list: a second, final envelope)', async () => {
  const bytes = encoder.encode(JSON_DOC);
  const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
  const events = await collect(decodeEvents(slowly(chunks)));
  assert.deepEqual(
    events.map((e) => [e.type, e.type === 'envelope' ? e.final : undefined]),
    [
      ['envelope', false],
      ['object', undefined],
      ['object', undefined],
      ['envelope', true],
      ['end', undefined],
    ],
  );
  assert.deepEqual((events[3] as { head: unknown }).head, { summary: { total: 2 }, status: 'success', method: '/grid/ip/list' });
  assert.deepEqual((events[1] as { object: GoObject }).object, { object: 'ip', id: 1 });
});

test('decodeEvents: every format, every feeding, the same events', async () => {
  for (const text of [JSON_DOC, XML_DOC, CSV_DOC]) {
    const reference = await collect(decodeEvents([text]));
    for (const { label, chunks } of feedings(text, 2)) assert.deepEqual(await collect(decodeEvents(slowly(chunks))), reference, label);
  }
  const xml = await collect(decodeEvents([XML_DOC]));
  assert.deepEqual(xml.map((e) => e.type), ['envelope', 'object', 'object', 'end']);
  assert.equal((xml[0] as { final: boolean }).final, true);
});

test('decodeEvents: a web ReadableStream of bytes', async () => {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('<object name="ip">'));
      controller.enqueue(encoder.encode('<attribute name="id">1</attribute></object>'));
      controller.close();
    },
  });
  assert.deepEqual(await collect(decodeEvents(stream as unknown as Source)), [{ type: 'fragment', object: { object: 'ip', id: 1 } }, { type: 'end' }]);
});

test('decodeEvents: sniffing waits for the first visible character across chunks', async () => {
  assert.equal(treeDifference(await decodeAll(slowly(['  ', '\n', ' <object name="ip"/>'])), { object: 'ip' }), undefined);
  assert.equal(treeDifference(await decodeAll(slowly([encoder.encode('#'), encoder.encode(' SUCCESS, /m\n# id\n1\n')])), { status: 'success', method: '/m', list: [{ id: '1' }] }), undefined);
  await expectCodecError(decodeAll(slowly(['  ', '\n', ' x'])), { code: 'INPUT_FORMAT_UNKNOWN', line: 2, column: 2, offset: 4 });
  await expectCodecError(decodeAll(slowly([])), { code: 'INPUT_FORMAT_UNKNOWN', line: 1, column: 1, offset: 0 });
  await expectCodecError(decodeAll(slowly(['  '])), { code: 'INPUT_FORMAT_UNKNOWN', line: 1, column: 3, offset: 2 });
});

test('decodeEvents: a UTF-8 BOM split across chunks is still a BOM when sniffing', async () => {
  const bytes = encoder.encode(`\uFEFF${JSON_DOC}`);
  for (const cut of [1, 2]) {
    const doc = await decodeAll(slowly([bytes.subarray(0, cut), bytes.subarray(cut)]));
    assert.equal(treeDifference(doc, decode(JSON_DOC)), undefined, `cut at ${cut}`);
  }
});

test('decodeEvents: a UTF-8 BOM in its own chunk, or with the format given, is fine', async () => {
  const bytes = encoder.encode(`\uFEFF${JSON_DOC}`);
  assert.equal(treeDifference(await decodeAll(slowly([bytes.subarray(0, 3), bytes.subarray(3)])), decode(JSON_DOC)), undefined);
  const perByte = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
  assert.equal(treeDifference(await decodeAll(slowly(perByte), { format: 'json' }), decode(JSON_DOC)), undefined);
});

test('decodeEvents: errors carry the same code and position through a stream', async () => {
  const text = '{"list":[{"id":1},\n{"id":00}]}';
  for (const { label, chunks } of feedings(text, 2)) {
    await expectCodecError(decodeAll(slowly(chunks)), { code: 'JSON_INVALID_NUMBER', line: 2, column: 8, offset: 26 });
    void label;
  }
});

test('decodeEvents: objects are yielded before the source ends (one object at a time)', async () => {
  let sent = 0;
  async function* source(): AsyncGenerator<string, void, undefined> {
    yield '{"list":[';
    for (let i = 0; i < 5; i++) {
      sent++;
      yield `${i === 0 ? '' : ','}{"id":${i}}`;
    }
    yield ']}';
  }
  const seen: number[] = [];
  for await (const o of decodeObjects(source())) {
    seen.push(o['id'] as number);
    // The object came out while the source was still producing.
    assert.ok(sent <= (o['id'] as number) + 2, `object ${String(o['id'])} after ${sent} sent`);
  }
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
});

test('decodeObjects: the list\'s objects, or a fragment\'s one object', async () => {
  assert.deepEqual(await collect(decodeObjects([JSON_DOC])), [{ object: 'ip', id: 1 }, { object: 'ip', id: 2 }]);
  assert.deepEqual(await collect(decodeObjects(slowly([CSV_DOC]))), [{ object: 'ip', id: 1 }, { object: 'ip', id: 2 }]);
  assert.deepEqual(await collect(decodeObjects(['<object name="ip"/>'])), [{ object: 'ip' }]);
  assert.deepEqual(await collect(decodeObjects(['{"list":[]}'])), []);
});

test('decodeAll: the whole tree, equal to decode()', async () => {
  for (const [text, format] of [
    [JSON_DOC, 'json'],
    [XML_DOC, 'xml'],
    [CSV_DOC, 'csv'],
  ] as const) {
    assert.equal(treeDifference(await decodeAll(slowly([encoder.encode(text)])), decode(text)), undefined);
    assert.equal(treeDifference(await decodeAll([text], { format }), decode(text)), undefined);
  }
});

test('an AbortSignal aborts decoding between chunks, with the signal\'s reason', async () => {
  const controller = new AbortController();
  let seen = 0;
  const source = slowly(Array.from({ length: 20 }, (_, i) => `${i === 0 ? '{"list":[' : ','}{"id":${i}}`));
  const reason = new Error('stop');
  await assert.rejects(
    (async () => {
      for await (const o of decodeObjects(source, { signal: controller.signal })) {
        seen++;
        if (o['id'] === 2) controller.abort(reason);
      }
    })(),
    (e: unknown) => e === reason,
  );
  assert.ok(seen >= 3 && seen < 20, `stopped after ${seen}`);
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(decodeAll([JSON_DOC], { signal: aborted.signal }), (e: unknown) => e instanceof Error && e.name === 'AbortError');
});

test('a Node Readable in object mode yielding non-bytes is refused (OPTION_INVALID)', async () => {
  await expectCodecError(collect(decodeEvents(Readable.from([{ a: 1 }], { objectMode: true }) as unknown as Source)), { code: 'OPTION_INVALID' });
  await expectCodecError(collect(decodeEvents(Readable.from([5]) as unknown as Source)), { code: 'OPTION_INVALID' });
  await expectCodecError(collect(decodeEvents([JSON_DOC, 5 as unknown as string])), { code: 'OPTION_INVALID' });
});

test('a Node Readable of bytes works', async () => {
  const stream = Readable.from([Buffer.from(XML_DOC.slice(0, 50)), Buffer.from(XML_DOC.slice(50))]);
  assert.equal(treeDifference(await decodeAll(stream), decode(XML_DOC)), undefined);
});

/** A web stream as a browser without async-iterable streams (and lib.dom's types) shows it: only `getReader()`. */
function readerOnly(chunks: readonly (string | Uint8Array)[]): { source: Source; cancelled: () => unknown[] } {
  const reasons: unknown[] = [];
  const stream = new ReadableStream<string | Uint8Array>({
    pull(controller) {
      const next = chunks[pulled++];
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
    cancel(reason) {
      reasons.push(reason);
    },
  });
  let pulled = 0;
  return { source: { getReader: () => stream.getReader() }, cancelled: () => reasons };
}

test('a reader-only web stream is a Source: same events, errors and positions; cancelled when the consumer stops or the decoder fails', async () => {
  const text = '{"list":[{"object":"ip","id":1},{"object":"ip","id":2}],"status":"success"}';
  const chunks = [...text].map((c) => encoder.encode(c));
  const all = await decodeAll(readerOnly(chunks).source);
  assert.deepEqual(all, decode(text));
  const early = readerOnly(chunks);
  for await (const o of decodeObjects(early.source)) {
    assert.equal(o['id'], 1);
    break;
  }
  assert.equal(early.cancelled().length, 1, 'a break cancels the stream');
  const broken = readerOnly(['{"list":[{"id":00}', ']', '}', ' ', ' ', ' ']);
  await assert.rejects(decodeAll(broken.source), (e: unknown) => e instanceof CodecError && e.code === 'JSON_INVALID_NUMBER' && e.line === 1 && e.column === 17);
  assert.equal(broken.cancelled().length, 1, 'a decoding error cancels the stream');
  await assert.rejects(decodeAll({} as Source), (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID');
});
