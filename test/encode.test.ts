/**
 * The encoding drivers: encode, encodeChunks and encodeEvents (with its reordering through a
 * spool that spills to a temporary file), and convert (decode + encode as a stream).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CodecEvent,
  CodecError,
  convert,
  decode,
  decodeEvents,
  type Document,
  documentEvents,
  encode,
  encodeChunks,
  encodeEvents,
  type EncodeOptions,
  FileSpool,
  type GoObject,
  MemorySpool,
  type OutputFormat,
} from '../src/index.js';
import { treeDifference } from '../src/tree/equal.js';
import { expectRejectsCodecError } from './helpers/codec-error.js';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T, void, undefined> {
  for (const x of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield x;
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gogrid-codec-test-'));
}

async function expectCodecError(promise: Promise<unknown>, code: string, path?: string): Promise<void> {
  await expectRejectsCodecError(promise, path === undefined ? { code } : { code, path });
}

const FORMATS: OutputFormat[] = ['json', 'xml', 'csv', 'ndjson'];

/** A JSON document of `n` ip objects whose envelope members all come after the list. */
function lateJson(n: number): string {
  const objects = Array.from({ length: n }, (_, i) => `{"object":"ip","id":${i},"ip":"10.0.0.${i}","public":${i % 2 === 0},"note":"n${i}"}`).join(',');
  return `{"list":[${objects}],"summary":{"total":${n},"start":0,"returned":${n}},"status":"success","method":"/grid/ip/list"}`;
}

// ---------------------------------------------------------------------------------------------
// encode / encodeChunks

test('encode: the format is required and options are checked', () => {
  for (const options of [{}, { format: 'yaml' }, { format: 'xml', order: 'alpha' }, { format: 'csv', spillAfter: 0 }, { format: 'json', colour: true }]) {
    assert.throws(() => encode({ list: [] }, options as EncodeOptions), (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID', JSON.stringify(options));
  }
});

test('encodeChunks: for every format the concatenation equals encode', () => {
  const docs: Document[] = [
    { status: 'success', method: '/grid/ip/list', list: Array.from({ length: 2000 }, (_, i) => ({ object: 'ip', id: i, ip: `10.0.${i >> 8}.${i & 255}` })), summary: { total: 2000 } },
    { object: 'ip', id: 1 },
    { list: [] },
  ];
  for (const doc of docs) {
    for (const format of FORMATS) {
      const chunks = [...encodeChunks(doc, { format })];
      assert.equal(chunks.join(''), encode(doc, { format }), format);
      assert.ok(chunks.every((c) => c.length > 0));
    }
  }
});

// ---------------------------------------------------------------------------------------------
// encodeEvents

test('encodeEvents over documentEvents equals encode, for every format', async () => {
  const doc: Document = { list: [{ object: 'ip', id: 1, public: true }, { object: 'ip', id: 2 }], summary: { total: 2 }, status: 'success', method: '/grid/ip/list' };
  for (const format of FORMATS) {
    assert.equal(await text(encodeEvents(documentEvents(doc), { format })), encode(doc, { format }), format);
    assert.equal(await text(encodeEvents(slowly([...documentEvents(doc)]), { format }, new MemorySpool())), encode(doc, { format }), format);
  }
});

test('encodeEvents: a JSON source with members after the list gives correct XML; the FileSpool spills and leaves nothing behind', async () => {
  const json = lateJson(50);
  const dir = tempDir();
  try {
    const spool = new FileSpool(2, dir);
    let spilled = false;
    const add = spool.add.bind(spool);
    spool.add = async (object: GoObject): Promise<void> => {
      await add(object);
      if (readdirSync(dir).length > 0) spilled = true;
    };
    const xml = await text(encodeEvents(decodeEvents(slowly([json.slice(0, 100), json.slice(100)])), { format: 'xml' }, spool));
    assert.ok(spilled, 'the spool wrote a temporary file');
    assert.equal(xml, encode(decode(json), { format: 'xml' }));
    assert.ok(xml.startsWith('<gogrid>\n  <response method="/grid/ip/list" status="success">\n    <summary total="50" start="0" returned="50"/>'));
    const back = decode(xml) as { list: GoObject[] };
    assert.deepEqual(back.list.map((o) => o['id']), Array.from({ length: 50 }, (_, i) => i));
    assert.deepEqual(readdirSync(dir), [], 'the temporary folder is removed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('encodeEvents: CSV and NDJSON of a late-envelope JSON source, through a spilling spool', async () => {
  const json = lateJson(30);
  for (const format of ['csv', 'ndjson'] as const) {
    const dir = tempDir();
    try {
      const out = await text(encodeEvents(decodeEvents([json]), { format }, new FileSpool(2, dir)));
      assert.equal(out, encode(decode(json), { format }), format);
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // JSON to JSON needs no spool: member order is kept around the list.
  assert.equal(await text(encodeEvents(decodeEvents([json]), { format: 'json' })), JSON.stringify(JSON.parse(json)));
});

test('encodeEvents: the default spool honours spillAfter and removes its folder (under TMPDIR)', async () => {
  const dir = tempDir();
  const saved = process.env['TMPDIR'];
  process.env['TMPDIR'] = dir;
  try {
    let seen = 0;
    async function* watched(): AsyncGenerator<CodecEvent, void, undefined> {
      for await (const e of decodeEvents([lateJson(20)])) {
        if (readdirSync(dir).length > 0) seen++;
        yield e;
      }
    }
    const out = await text(encodeEvents(watched(), { format: 'xml', spillAfter: 2 }));
    assert.equal(out, encode(decode(lateJson(20)), { format: 'xml' }));
    assert.ok(seen > 0, 'a temporary folder existed while objects waited');
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('encodeEvents: the spool is disposed when the source fails midway', async () => {
  const dir = tempDir();
  try {
    const broken = lateJson(20).replace('"id":15', '"id":015');
    const spool = new FileSpool(2, dir);
    let spilled = false;
    const add = spool.add.bind(spool);
    spool.add = async (object: GoObject): Promise<void> => {
      await add(object);
      if (readdirSync(dir).length > 0) spilled = true;
    };
    await expectCodecError(text(encodeEvents(decodeEvents(slowly([broken.slice(0, 300), broken.slice(300)])), { format: 'csv' }, spool)), 'JSON_INVALID_NUMBER');
    assert.ok(spilled);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('encodeEvents: events out of order are TREE_INVALID_ENVELOPE', async () => {
  const env = (final: boolean): CodecEvent => ({ type: 'envelope', head: { status: 's' }, final });
  const object: CodecEvent = { type: 'object', object: { id: 1 } };
  const end: CodecEvent = { type: 'end' };
  const bad: CodecEvent[][] = [
    [object, end],
    [env(true), object],
    [env(true), end, end],
    [env(false), object, end],
    [env(true), env(true), end],
  ];
  for (const events of bad) {
    for (const format of FORMATS) {
      if (format === 'json' && events.length === 3 && events[0]?.type === 'envelope' && events[1]?.type !== 'end') continue; // see the next test
      await expectCodecError(text(encodeEvents(events, { format }, new MemorySpool())), 'TREE_INVALID_ENVELOPE');
    }
  }
});

test('encodeEvents: the event order is checked in one place: every output format refuses the same events with the same error', async () => {
  const env = (final: boolean): CodecEvent => ({ type: 'envelope', head: { status: 's' }, final });
  const object: CodecEvent = { type: 'object', object: { id: 1 } };
  const end: CodecEvent = { type: 'end' };
  const bad: CodecEvent[][] = [[object, end], [env(true), object], [env(true), end, end], [env(false), object, end], [env(true), env(true), end], [end], []];
  for (const events of bad) {
    const errors = new Map<string, string>();
    for (const format of FORMATS) {
      try {
        await text(encodeEvents(events, { format }, new MemorySpool()));
        assert.fail(`${format}: ${JSON.stringify(events)} was encoded`);
      } catch (e) {
        assert.ok(e instanceof CodecError, String(e));
        errors.set(format, JSON.stringify({ code: e.code, format: e.format, detail: e.detail }));
      }
    }
    assert.equal(new Set(errors.values()).size, 1, `${JSON.stringify(events)}: ${JSON.stringify([...errors])}`);
    assert.match([...errors.values()][0] as string, /"code":"TREE_INVALID_ENVELOPE","format":"tree"/);
  }
});

test('encodeEvents to JSON: a non-final envelope never completed, or two final envelopes, are TREE_INVALID_ENVELOPE', async () => {
  const object: CodecEvent = { type: 'object', object: { id: 1 } };
  await expectCodecError(text(encodeEvents([{ type: 'envelope', head: { status: 's' }, final: false }, object, { type: 'end' }], { format: 'json' })), 'TREE_INVALID_ENVELOPE');
  await expectCodecError(text(encodeEvents([{ type: 'envelope', head: { status: 's' }, final: true }, { type: 'envelope', head: { status: 's' }, final: true }, { type: 'end' }], { format: 'json' })), 'TREE_INVALID_ENVELOPE');
});

test('encodeEvents: refusals of the encoder come through with their paths', async () => {
  await expectCodecError(text(encodeEvents(documentEvents({ list: [{ a: Number.NaN }] }), { format: 'json' })), 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  await expectCodecError(text(encodeEvents(documentEvents({ list: [{ a: 'x\u0001' }] }), { format: 'xml' })), 'XML_INVALID_CHARACTER', '/list/0/a');
  await expectCodecError(text(encodeEvents(documentEvents({ list: [{ object: 'a', x: 1 }, { object: 'b', x: 1 }] }), { format: 'csv' })), 'CSV_MIXED_TYPES', '/list/1');
});

test('encodeEvents: an AbortSignal stops the encoding', async () => {
  const controller = new AbortController();
  const reason = new Error('stop');
  async function* events(): AsyncGenerator<CodecEvent, void, undefined> {
    yield { type: 'envelope', head: {}, final: true };
    for (let i = 0; i < 10; i++) {
      if (i === 3) controller.abort(reason);
      yield { type: 'object', object: { id: i } };
    }
    yield { type: 'end' };
  }
  await assert.rejects(text(encodeEvents(events(), { format: 'json', signal: controller.signal })), (e: unknown) => e === reason);
});

// ---------------------------------------------------------------------------------------------
// convert

test('convert equals decode + encode, for every pair of formats', async () => {
  const sources: [string, string][] = [
    ['json', lateJson(5)],
    ['xml', encode(decode(lateJson(5)), { format: 'xml' })],
    ['csv', encode(decode(lateJson(5)), { format: 'csv' })],
  ];
  for (const [from, source] of sources) {
    for (const to of FORMATS) {
      const expected = encode(decode(source), { format: to });
      assert.equal(await text(convert([source], { to })), expected, `${from} → ${to}`);
      assert.equal(await text(convert(slowly([new TextEncoder().encode(source)]), { to, from: from as 'json' | 'xml' | 'csv', spool: new MemorySpool() })), expected, `${from} → ${to} (bytes)`);
    }
  }
});

test('convert passes encoder options, type and limits through, and taps every event', async () => {
  const json = lateJson(3);
  assert.equal(await text(convert([json], { to: 'xml', indent: 0, declaration: true })), encode(decode(json), { format: 'xml', indent: 0, declaration: true }));
  const seen: string[] = [];
  await text(convert([json], { to: 'csv', tap: (e) => seen.push(e.type) }));
  assert.deepEqual(seen, ['envelope', 'object', 'object', 'object', 'envelope', 'end']);
  const csv = '# SUCCESS, /grid/unknown/list\n# id,public\n1,true\n';
  assert.equal(await text(convert([csv], { to: 'json', type: 'ip' })), '{"status":"success","method":"/grid/unknown/list","list":[{"object":"ip","id":1,"public":true}]}');
  await expectCodecError(text(convert(['{"list":[{"a":{"b":1}}]}'], { to: 'json', limits: { maxDepth: 1 } })), 'TREE_DEPTH_EXCEEDED');
});

test('convert: a decoding error surfaces with its code and position', async () => {
  await assert.rejects(text(convert(['{"list":[{"id":00000}]}'], { to: 'xml' })), (e: unknown) => e instanceof CodecError && e.code === 'JSON_INVALID_NUMBER' && e.line === 1 && e.column === 17 && e.offset === 16);
  const back = treeDifference(decode(await text(convert([lateJson(2)], { to: 'json', indent: 2 }))), decode(lateJson(2)));
  assert.equal(back, undefined);
});

// encode() to one string takes shortcuts encodeChunks does not (one JSON.stringify of a clean
// compact JSON document; one join of every piece): the text and the errors must not change.
test('encode() writes exactly what encodeChunks writes, for any document and format', async () => {
  const fc = (await import('fast-check')).default;
  const { anyDocument } = await import('./helpers/arbitraries.js');
  const outcome = (f: () => string): string => {
    try {
      return `ok ${f()}`;
    } catch (e) {
      return e instanceof CodecError ? `error ${e.code} ${e.path ?? ''}` : `thrown ${String(e)}`;
    }
  };
  const formats: EncodeOptions[] = [{ format: 'json' }, { format: 'json', indent: 2 }, { format: 'xml' }, { format: 'csv' }, { format: 'ndjson' }];
  fc.assert(
    fc.property(anyDocument, (doc) => {
      for (const options of formats) {
        assert.equal(outcome(() => encode(doc, options)), outcome(() => [...encodeChunks(doc, options)].join('')), JSON.stringify(options));
      }
    }),
    { numRuns: 300 },
  );
});

test('encode() to JSON: documents the one-call path must leave to the events', () => {
  const same = (doc: Document): void => assert.equal(encode(doc, { format: 'json' }), [...encodeChunks(doc, { format: 'json' })].join(''));
  // -0 and integers beyond 2^53 are written exactly, which JSON.stringify would not do.
  same({ status: 'success', list: [{ object: 'ip', id: -0 }] });
  same({ list: [{ object: 'ip', id: 2 ** 60 }], status: 'success' });
  assert.equal(encode({ list: [{ id: 2 ** 60 }] }, { format: 'json' }), '{"list":[{"id":1152921504606846976}]}');
  // Members after the list stay after it; a member set to undefined is left out.
  same({ list: [{ id: 1 }], status: 'success', method: undefined as unknown as string, summary: { total: 1 } });
  // A toJSON of the envelope's own would be called by JSON.stringify, never by the events.
  const odd = { list: [{ id: 1 }], toJSON: (): string => 'nope' } as unknown as Document;
  assert.throws(() => encode(odd, { format: 'json' }), (e: unknown) => e instanceof CodecError && e.code === 'TREE_UNSUPPORTED_VALUE' && e.path === '/toJSON');
  // An inherited enumerable member is seen by the events, not by JSON.stringify.
  const inherited = Object.assign(Object.create({ extra: 'x' }) as Document, { list: [{ id: 1 }] });
  assert.equal(encode(inherited, { format: 'json' }), [...encodeChunks(inherited, { format: 'json' })].join(''));
  // Not a tree: the same error, with the same path, as the events give.
  assert.throws(() => encode({ list: [{ id: 1 }, { id: Number.NaN }] }, { format: 'json' }), (e: unknown) => e instanceof CodecError && e.code === 'TREE_UNSUPPORTED_VALUE' && e.path === '/list/1/id');
  assert.throws(() => encode({ list: [{ id: 1 }], status: 7 as unknown as string }, { format: 'json' }), (e: unknown) => e instanceof CodecError && e.code === 'TREE_INVALID_ENVELOPE' && e.path === '/status');
});
