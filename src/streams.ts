/**
 * Stream adapters, thin by design: each wraps the async-generator API so that it can sit in a
 * Node `pipeline` (a `Duplex`) or in a web `pipeThrough` (a readable/writable pair).
 */
import { Duplex } from 'node:stream';
import { decodeEvents, type Source } from './decode.js';
import { encodeEvents } from './encode.js';
import type { DecodeOptions, EncodeOptions } from './options.js';
import type { CodecEvent } from './tree/events.js';

/**
 * A Node duplex: bytes or text in, {@link CodecEvent}s out (object mode).
 * @param options - see {@link DecodeOptions}.
 * @returns the duplex.
 * @example
 * ```ts
 * await pipeline(fs.createReadStream('servers.xml'), decodeTransform(), encodeTransform({ format: 'json' }), process.stdout);
 * ```
 */
export function decodeTransform(options?: DecodeOptions): Duplex {
  return Duplex.from(async function* (source: Source) {
    yield* decodeEvents(source, options);
  });
}

/**
 * A Node duplex: {@link CodecEvent}s in (object mode), text out.
 * @param options - see {@link EncodeOptions}.
 * @returns the duplex.
 */
export function encodeTransform(options: EncodeOptions): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<CodecEvent>) {
    yield* encodeEvents(source, options);
  });
}

/**
 * A web transform pair: bytes or text in, {@link CodecEvent}s out.
 * @param options - see {@link DecodeOptions}.
 * @returns `{ writable, readable }` for `pipeThrough`.
 * @example
 * ```ts
 * const events = (await fetch(url)).body!.pipeThrough(decodeStream());
 * ```
 */
export function decodeStream(options?: DecodeOptions): { writable: WritableStream<Uint8Array | string>; readable: ReadableStream<CodecEvent> } {
  const pass = new TransformStream<Uint8Array | string, Uint8Array | string>();
  return { writable: pass.writable, readable: readableFrom(decodeEvents(pass.readable as unknown as Source, options)) };
}

/**
 * A web transform pair: {@link CodecEvent}s in, text out.
 * @param options - see {@link EncodeOptions}.
 * @returns `{ writable, readable }` for `pipeThrough`.
 */
export function encodeStream(options: EncodeOptions): { writable: WritableStream<CodecEvent>; readable: ReadableStream<string> } {
  const pass = new TransformStream<CodecEvent, CodecEvent>();
  return { writable: pass.writable, readable: readableFrom(encodeEvents(pass.readable as unknown as AsyncIterable<CodecEvent>, options)) };
}

/** A web `ReadableStream` that pulls from an async generator (and stops it when cancelled). */
function readableFrom<T>(generator: AsyncGenerator<T, void, undefined>): ReadableStream<T> {
  return new ReadableStream<T>({
    async pull(controller) {
      const next = await generator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await generator.return(undefined);
      void reason;
    },
  });
}
