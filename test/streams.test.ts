/**
 * The stream adapters: Node duplexes in a `stream/promises` pipeline, web transform pairs with
 * `pipeThrough`, errors carried through both, and cancellation.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CodecEvent, CodecError, decode, decodeStream, decodeTransform, encode, encodeStream, encodeTransform, type OutputFormat } from '../src/index.js';
import { treeDifference } from '../src/tree/equal.js';

const encoder = new TextEncoder();

const JSON_DOC = `{"list":[${Array.from({ length: 20 }, (_, i) => `{"object":"ip","id":${i},"ip":"10.0.0.${i}"}`).join(',')}],"summary":{"total":20},"status":"success","method":"/grid/ip/list"}`;

/** A Node writable that collects text. */
function sink(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      out += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => out };
}

/** A web stream of the text's bytes, in pieces of `size`. */
function webBytes(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = encoder.encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
    },
  });
}

async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of stream as unknown as AsyncIterable<T>) out.push(x);
  return out;
}

test('decodeTransform and encodeTransform in a stream/promises pipeline, to every format', async () => {
  for (const format of ['json', 'xml', 'csv', 'ndjson'] as OutputFormat[]) {
    const out = sink();
    const bytes = Buffer.from(JSON_DOC);
    await pipeline(Readable.from([bytes.subarray(0, 77), bytes.subarray(77)]), decodeTransform(), encodeTransform({ format }), out.stream);
    assert.equal(out.text(), encode(decode(JSON_DOC), { format }), format);
  }
});

test('decodeTransform: events out in object mode', async () => {
  const events: CodecEvent[] = [];
  await pipeline(
    Readable.from(['<object name="ip">', '<attribute name="id">1</attribute></object>']),
    decodeTransform({ format: 'xml' }),
    new Writable({
      objectMode: true,
      write(event: CodecEvent, _encoding, callback) {
        events.push(event);
        callback();
      },
    }),
  );
  assert.deepEqual(events, [{ type: 'fragment', object: { object: 'ip', id: 1 } }, { type: 'end' }]);
});

test('a decoding error rejects the pipeline with its code and position', async () => {
  await assert.rejects(
    pipeline(Readable.from(['{"list":[{"id":1},', '{"id":00}]}']), decodeTransform(), encodeTransform({ format: 'csv' }), sink().stream),
    (e: unknown) => e instanceof CodecError && e.code === 'JSON_INVALID_NUMBER' && e.line === 1 && e.column === 26 && e.offset === 25,
  );
  await assert.rejects(
    pipeline(Readable.from(['{"list":[{"a":"x\\u0001"}]}']), decodeTransform(), encodeTransform({ format: 'xml' }), sink().stream),
    (e: unknown) => e instanceof CodecError && e.code === 'XML_INVALID_CHARACTER' && e.path === '/list/0/a',
  );
});

test('decodeStream and encodeStream with pipeThrough', async () => {
  for (const format of ['xml', 'csv', 'json'] as OutputFormat[]) {
    const parts = await collect(webBytes(JSON_DOC, 50).pipeThrough(decodeStream()).pipeThrough(encodeStream({ format })));
    assert.equal(parts.join(''), encode(decode(JSON_DOC), { format }), format);
  }
  const events = await collect(webBytes(JSON_DOC, 13).pipeThrough(decodeStream({ format: 'json' })));
  assert.deepEqual(events.map((e) => e.type), ['envelope', ...Array<string>(20).fill('object'), 'envelope', 'end']);
  // Strings are accepted as well as bytes.
  const text = new ReadableStream<string>({
    start(controller) {
      controller.enqueue('# SUCCESS, /grid/ip/list\n# id\n');
      controller.enqueue('1\n');
      controller.close();
    },
  });
  const tree = await collect(text.pipeThrough(decodeStream()).pipeThrough(encodeStream({ format: 'json' })));
  assert.equal(treeDifference(decode(tree.join('')), { status: 'success', method: '/grid/ip/list', list: [{ object: 'ip', id: 1 }] }), undefined);
});

test('a decoding error errors the web stream with its code and position', async () => {
  const broken = webBytes('<gogrid><response><list><object name="ip"><foo/></object></list></response></gogrid>', 10);
  await assert.rejects(collect(broken.pipeThrough(decodeStream())), (e: unknown) => e instanceof CodecError && e.code === 'XML_UNEXPECTED_ELEMENT' && e.line === 1 && e.column === 43 && e.offset === 42);
});

test('cancelling the readable side stops the decoder', async () => {
  const readable = webBytes(JSON_DOC, 20).pipeThrough(decodeStream());
  const reader = readable.getReader();
  const first = await reader.read();
  assert.equal(first.done, false);
  assert.equal((first.value as CodecEvent).type, 'envelope');
  await reader.cancel();
  const after = await reader.read();
  assert.equal(after.done, true);
});
