/**
 * Sources: a web `ReadableStream` that is not async-iterable (Safari's) is read through its
 * reader, decodes as the same bytes do, and is cancelled when the reading stops early; iterables
 * are passed through untouched.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, decode, decodeAll, decodeEvents, type Source } from '../../src/index.js';
import { iterableOf } from '../../src/text/source.js';

/** A ReadableStream over chunks, with async iteration taken away (as on Safari). */
function readerOnly(chunks: readonly (string | Uint8Array)[], onCancel?: () => void): ReadableStream<string | Uint8Array> {
  let i = 0;
  const stream = new ReadableStream<string | Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
    cancel() {
      onCancel?.();
    },
  });
  Object.defineProperty(stream, Symbol.asyncIterator, { value: undefined });
  return stream;
}

const XML = '<?xml version="1.0" encoding="UTF-8"?><gogrid><response method="/grid/ip/list" status="success"><list><object name="ip"><attribute name="id">1</attribute></object></list></response></gogrid>';

test('iterableOf passes iterables through and wraps a reader-only stream', () => {
  const array: Source = ['a'];
  assert.equal(iterableOf(array), array);
  const stream = readerOnly(['a']);
  assert.notEqual(iterableOf(stream), stream);
  const iterable = new ReadableStream<string>();
  assert.equal(iterableOf(iterable), iterable);
});

test('a reader-only ReadableStream of bytes decodes as the text does', async () => {
  const bytes = new TextEncoder().encode(XML);
  const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 100), bytes.subarray(100)];
  assert.deepEqual(await decodeAll(readerOnly(chunks)), decode(XML));
});

test('a reader-only ReadableStream is cancelled when decoding fails midway, and the error is the decoder\'s', async () => {
  let cancelled = false;
  const broken = '{"list":[{"id":00}], "status":"success"}';
  const events = decodeEvents(readerOnly([broken.slice(0, 12), broken.slice(12), '{"never":"read"}'], () => (cancelled = true)));
  await assert.rejects(
    (async () => {
      for await (const e of events) void e;
    })(),
    (e: unknown) => e instanceof CodecError && e.code === 'JSON_INVALID_NUMBER',
  );
  assert.equal(cancelled, true);
});
