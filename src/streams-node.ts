/**
 * Node stream adapters, thin by design: each wraps the async-generator API so that it can sit
 * in a Node `pipeline` (a `Duplex`). Node only (`node:stream`); the web pair is in `src/streams.ts`.
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
