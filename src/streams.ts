/**
 * Web stream adapters, thin by design: each wraps the async-generator API so that it can sit in
 * a web `pipeThrough` (a readable/writable pair). They run wherever `ReadableStream` does; the
 * Node `Duplex` adapters are in `src/streams-node.ts`.
 */
import { decodeEvents } from './decode.js';
import { encodeEvents } from './encode.js';
import type { DecodeOptions, EncodeOptions } from './options.js';
import { iterableOf } from './text/source.js';
import type { CodecEvent } from './tree/events.js';

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
  return { writable: pass.writable, readable: readableFrom(decodeEvents(pass.readable, options)) };
}

/**
 * A web transform pair: {@link CodecEvent}s in, text out.
 * @param options - see {@link EncodeOptions}.
 * @returns `{ writable, readable }` for `pipeThrough`.
 */
export function encodeStream(options: EncodeOptions): { writable: WritableStream<CodecEvent>; readable: ReadableStream<string> } {
  const pass = new TransformStream<CodecEvent, CodecEvent>();
  return { writable: pass.writable, readable: readableFrom(encodeEvents(iterableOf(pass.readable), options)) };
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
