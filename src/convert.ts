/**
 * Conversion: a stream in one format to a stream in another, in bounded memory. It is
 * `encodeEvents(decodeEvents(source))`: events flow from the decoder to the encoder, and only
 * objects that must wait for a late envelope (or for the CSV header) are held, in a spool that
 * spills to a temporary file.
 */
import { decodeEvents, type Source } from './decode.js';
import { encodeEvents } from './encode.js';
import type { DecodeOptions, EncodeOptions, InputFormat, OutputFormat } from './options.js';
import type { ObjectSpool } from './spool.js';
import type { CodecEvent } from './tree/events.js';
import type { GoObject } from './tree/types.js';

/**
 * Options of {@link convert}: the encoder's options, plus where from and where to.
 * @typeParam T - the interface of the list's objects, as `tap` sees them.
 */
export interface ConvertOptions<T extends GoObject = GoObject> extends Omit<EncodeOptions, 'format'> {
  /** The input format; sniffed when omitted (never as `ndjson`). */
  from?: InputFormat;
  /** The input's variant: NDJSON without envelope, plain CSV, and the method they lack (see {@link DecodeOptions}). */
  input?: Pick<DecodeOptions, 'noEnvelope' | 'plain' | 'method' | 'strict' | 'onWarning'>;
  /** The output format. */
  to: OutputFormat;
  /** Limits on the decoded tree. */
  limits?: DecodeOptions['limits'];
  /** Sees every event on its way from the decoder to the encoder (the CLI validates and counts with it). */
  tap?: (event: CodecEvent<T>) => void;
  /** Where waiting objects go (default: on Node a file spool, elsewhere a `MemorySpool` of `MEMORY_SPOOL_LIMIT` objects). */
  spool?: ObjectSpool;
}

/**
 * Converts a document from one format to another as a stream.
 *
 * @param source - chunks of text or bytes (a Node stream, a web stream, an array).
 * @param options - `to` (required), `from`, and the encoder's and decoder's options.
 * @typeParam T - the interface of the list's objects, as `options.tap` sees them (not checked).
 * @returns an async generator of text chunks in the target format.
 * @throws CodecError through the generator, from the decoder or the encoder.
 * @example
 * ```ts
 * for await (const text of convert(fs.createReadStream('servers.xml'), { to: 'json' })) process.stdout.write(text);
 * ```
 */
export async function* convert<T extends GoObject = GoObject>(source: Source, options: ConvertOptions<T>): AsyncGenerator<string, void, undefined> {
  const { from, to, limits, tap, spool, input, ...encode } = options;
  const decodeOptions: DecodeOptions = { ...input };
  if (from !== undefined) decodeOptions.format = from;
  if (limits !== undefined) decodeOptions.limits = limits;
  if (encode.type !== undefined) decodeOptions.type = encode.type;
  if (encode.signal !== undefined) decodeOptions.signal = encode.signal;
  let events: AsyncIterable<CodecEvent<T>> = decodeEvents<T>(source, decodeOptions);
  if (tap !== undefined) events = tapped(events, tap);
  yield* encodeEvents(events, { ...encode, format: to }, spool);
}

async function* tapped<E>(events: AsyncIterable<E>, tap: (event: E) => void): AsyncGenerator<E, void, undefined> {
  for await (const e of events) {
    tap(e);
    yield e;
  }
}
