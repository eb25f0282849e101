/**
 * Decoding entry points: a whole text to a tree, and any async-iterable source (a Node stream,
 * a web `ReadableStream`, a `fetch` body, an array of chunks) to events, objects or a tree.
 * All of them drive the same decoder cores through a {@link TextFeed}.
 */
import { CsvDecoder } from './csv/decode.js';
import { CodecError, codecError } from './errors.js';
import { failureFrom, isFailure, isFailureStatus } from './failure.js';
import { JsonDecoder } from './json/decode.js';
import { NdjsonDecoder } from './json/ndjson-decode.js';
import { type DecodeOptions, type InputFormat, normalizeDecodeOptions, type ResolvedDecodeOptions } from './options.js';
import { TextFeed } from './text/feed.js';
import { LineIndex } from './text/line-index.js';
import { iterableOf } from './text/source.js';
import { type CodecEvent, DocumentCollector } from './tree/events.js';
import type { Format } from './format.js';
import { type Document, type EnvelopeHead, type GoObject, isEnvelope, isType } from './tree/types.js';
import { XmlDecoder } from './xml/decode.js';

/**
 * What the streaming functions read: any async iterable of text or bytes (a Node `Readable`, a
 * web `ReadableStream` where it is async-iterable, an async generator, an array of chunks), or a
 * web `ReadableStream` seen through TypeScript's `lib: ["dom"]`, which does not declare it
 * async-iterable (see {@link ReadableStreamLike}).
 */
export type Source = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | ReadableStreamLike;

/**
 * The part of a web `ReadableStream` the decoders use when the stream is not async-iterable: a
 * reader. Declared structurally, so that a `fetch` body type-checks whether the caller compiles
 * with Node's types or with `lib: ["dom"]`.
 *
 * @example
 * ```ts
 * for await (const server of decodeObjects<Server>((await fetch(url)).body!)) console.log(server.name);
 * ```
 */
export interface ReadableStreamLike {
  /** A reader that locks the stream. */
  getReader(): {
    read(): PromiseLike<{ done?: boolean | undefined; value?: string | Uint8Array | undefined }>;
    releaseLock(): void;
    cancel(reason?: unknown): PromiseLike<void>;
  };
}

/**
 * Creates a push decoder: `write(chunk)` as often as needed, then `end()`. Events go to `sink`
 * as soon as they are complete. No I/O: the building block of every other function here.
 *
 * @param format - the input format.
 * @param sink - receives each event.
 * @param options - see {@link DecodeOptions} (`format` is ignored).
 * @returns the decoder.
 * @example
 * ```ts
 * const d = createDecoder('xml', (e) => { if (e.type === 'object') console.log(e.object); });
 * d.write('<gogrid><response method="/grid/ip/list" status="success"><list>');
 * d.write('<object name="ip"><attribute name="id">1</attribute></object></list></response></gogrid>');
 * d.end();
 * ```
 */
export function createDecoder(format: InputFormat, sink: (event: CodecEvent) => void, options?: DecodeOptions): TextFeed {
  const o = normalizeDecodeOptions({ ...options, format });
  return feedFor(format, o, sink);
}

function feedFor(format: InputFormat, o: ResolvedDecodeOptions, sink: (event: CodecEvent) => void): TextFeed {
  switch (format) {
    case 'json':
      return new TextFeed(new JsonDecoder(o.limits, sink));
    case 'xml':
      return new TextFeed(new XmlDecoder(o.limits, sink));
    case 'csv':
      return new TextFeed(new CsvDecoder(o.limits, o.type, sink, { strict: o.strict, onWarning: o.onWarning, ...(o.plain ? { plain: { method: o.method } } : {}) }));
    case 'ndjson':
      return new TextFeed(new NdjsonDecoder(o.limits, { noEnvelope: o.noEnvelope, method: o.method }, sink));
  }
}

/**
 * Decodes a whole document.
 *
 * @param input - the document's text or UTF-8 bytes.
 * @param options - see {@link DecodeOptions}; the format is sniffed when omitted.
 * @typeParam T - the interface of the list's objects (`Server`, `MethodTypes['/grid/ip/list']`),
 *   when the caller knows it; not checked (use `validate` for that).
 * @returns the tree: an envelope (`doc.list[0].ip.state.name`) or a fragment.
 * @throws CodecError with the code and position of the first problem.
 * @throws ApiFailure with `failures: 'throw'`, when the document is a failure response.
 * @example
 * ```ts
 * const doc = decode<Ip>('{"list":[{"object":"ip","id":1}],"status":"success"}');
 * if (isEnvelope(doc)) console.log(doc.list[0]?.id); // 1
 * ```
 */
export function decode<T extends GoObject = GoObject>(input: string | Uint8Array, options?: DecodeOptions): Document<T> {
  const o = normalizeDecodeOptions(options);
  const format = o.format ?? sniff(input, true);
  const collector = new DocumentCollector();
  const feed = feedFor(format as InputFormat, o, (e) => collector.push(e));
  feed.write(input);
  feed.end();
  const doc = collector.document();
  if (o.failures === 'throw' && isEnvelope(doc) && isFailure(doc)) throw failureFrom(doc.list.find((x) => isType(x, 'error')) ?? doc.list[0], doc.method);
  return doc as Document<T>;
}

/**
 * Decodes a stream into events, as each one completes (one list object at a time).
 *
 * @param source - chunks of text or bytes: a Node `Readable`, a web `ReadableStream`, an array…
 * @param options - see {@link DecodeOptions}; the format is sniffed from the first bytes when omitted.
 * @typeParam T - the interface of the list's objects, when the caller knows it (not checked).
 * @returns an async generator of events.
 * @throws CodecError through the generator.
 * @throws ApiFailure through the generator with `failures: 'throw'`, at the end of a failure
 *   response; its objects are not yielded.
 * @example
 * ```ts
 * for await (const e of decodeEvents<Server>(fs.createReadStream('servers.xml'))) {
 *   if (e.type === 'object') console.log(e.object.name);
 * }
 * ```
 */
export async function* decodeEvents<T extends GoObject = GoObject>(source: Source, options?: DecodeOptions): AsyncGenerator<CodecEvent<T>, void, undefined> {
  const o = normalizeDecodeOptions(options);
  const events = rawEvents(source, o);
  yield* (o.failures === 'throw' ? throwingFailures(events) : events) as AsyncGenerator<CodecEvent<T>, void, undefined>;
}

async function* rawEvents(source: Source, o: ResolvedDecodeOptions): AsyncGenerator<CodecEvent, void, undefined> {
  let queue: CodecEvent[] = [];
  const sink = (e: CodecEvent): void => {
    queue.push(e);
  };
  let feed: TextFeed | undefined;
  let held: (string | Uint8Array)[] = [];
  for await (const chunk of chunksOf(source)) {
    o.signal?.throwIfAborted();
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw new CodecError({ code: 'OPTION_INVALID', format: 'input', detail: 'a source yields strings or Uint8Arrays (for a Node stream, do not set an object mode)' });
    }
    if (feed === undefined) {
      held.push(chunk);
      const format = o.format ?? sniffChunks(held, false);
      if (format === undefined) continue;
      feed = feedFor(format, o, sink);
      for (const c of held) feed.write(c);
      held = [];
    } else {
      feed.write(chunk);
    }
    if (queue.length > 0) {
      const ready = queue;
      queue = [];
      for (const event of ready) yield event;
    }
  }
  if (feed === undefined) {
    feed = feedFor(o.format ?? (sniffChunks(held, true) as Format), o, sink);
    for (const c of held) feed.write(c);
  }
  feed.end();
  for (const event of queue) yield event;
}

/** The chunks of a source: its own iterator, or a reader for a web stream that has none. */
function chunksOf(source: Source): AsyncIterable<unknown> | Iterable<unknown> {
  if (typeof source !== 'object' || source === null) return source as Iterable<unknown>;
  // By value, not by `in`: a stream may declare its async iterator and leave it undefined.
  const s = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown; getReader?: unknown };
  if (s[Symbol.asyncIterator] == null && s[Symbol.iterator] == null && typeof s.getReader !== 'function') {
    throw new CodecError({ code: 'OPTION_INVALID', format: 'input', detail: 'a source is an iterable, an async iterable or a web ReadableStream' });
  }
  return iterableOf(source as unknown as ReadableStream<unknown>);
}

/**
 * The events of a decoder with `failures: 'throw'`: a failure response is held until its end
 * (so a `CodecError` later in the bytes still wins) and then thrown as an `ApiFailure`.
 *
 * JSON may put `status` after the list: while it is unknown, a first list object of type
 * `error` is held rather than yielded, and released when the final envelope shows no failure or
 * when a second object arrives (a failure lists one object). At most one object is ever held, so
 * memory stays bounded whatever the list holds.
 */
async function* throwingFailures(events: AsyncIterable<CodecEvent>): AsyncGenerator<CodecEvent, void, undefined> {
  let head: EnvelopeHead | undefined;
  let known = false;
  let failed = false;
  let held: CodecEvent | undefined;
  // What the failure is made from: the first `error` object, else the first object (older JSON
  // leaves `object` out).
  let error: GoObject | undefined;
  let first: GoObject | undefined;
  const see = (object: GoObject): void => {
    first ??= object;
    if (error === undefined && isType(object, 'error')) error = object;
  };
  for await (const e of events) {
    if (e.type === 'envelope') {
      head = e.head;
      known = e.final || head.status !== undefined;
      failed = known && isFailureStatus(head.status);
      if (failed) {
        if (held?.type === 'object') see(held.object);
        held = undefined;
        continue;
      }
      if (known && held !== undefined) {
        yield held;
        held = undefined;
      }
      yield e;
    } else if (e.type === 'object') {
      const isFirst = first === undefined;
      first ??= e.object;
      if (failed) {
        see(e.object);
      } else if (!known && isFirst && isType(e.object, 'error')) {
        held = e;
      } else {
        if (held !== undefined) yield held;
        held = undefined;
        yield e;
      }
    } else if (e.type === 'end' && failed) {
      throw failureFrom(error ?? first, head?.method);
    } else {
      yield e;
    }
  }
}

/**
 * Decodes a stream and yields the list's objects one by one (a fragment yields its one object).
 * The envelope is not yielded; use {@link decodeEvents} to see it.
 *
 * @param source - see {@link decodeEvents}.
 * @param options - see {@link DecodeOptions}.
 * @typeParam T - the interface of the objects (`Server`), when the caller knows it (not checked).
 * @returns an async generator of objects.
 * @throws CodecError through the generator.
 * @throws ApiFailure through the generator with `failures: 'throw'`, for a failure response.
 * @example
 * ```ts
 * const res = await fetch(url);
 * for await (const server of decodeObjects<Server>(res.body!, { failures: 'throw' })) console.log(server.name, server.ram?.name);
 * ```
 */
export async function* decodeObjects<T extends GoObject = GoObject>(source: Source, options?: DecodeOptions): AsyncGenerator<T, void, undefined> {
  for await (const e of decodeEvents<T>(source, options)) {
    if (e.type === 'object' || e.type === 'fragment') yield e.object;
  }
}

/**
 * Decodes a whole stream into a tree (the tree is in memory; for bounded memory use
 * {@link decodeEvents} or {@link decodeObjects}).
 *
 * @param source - see {@link decodeEvents}.
 * @param options - see {@link DecodeOptions}.
 * @typeParam T - the interface of the list's objects, when the caller knows it (not checked).
 * @returns the tree.
 * @throws CodecError (a rejection) with the code and position of the first problem.
 * @throws ApiFailure with `failures: 'throw'`, for a failure response.
 * @example
 * ```ts
 * const doc = await decodeAll<Ip>(fs.createReadStream('ips.csv'));
 * ```
 */
export async function decodeAll<T extends GoObject = GoObject>(source: Source, options?: DecodeOptions): Promise<Document<T>> {
  const collector = new DocumentCollector();
  for await (const e of decodeEvents(source, options)) collector.push(e);
  return collector.document() as Document<T>;
}

/**
 * Tells the format of a document from its first character (after a BOM and whitespace):
 * `<` XML, `{` or `[` JSON, `#` CSV.
 *
 * @param input - the beginning of the document.
 * @param complete - whether `input` is all there is (otherwise an input of only whitespace may
 *   still be followed by more).
 * @returns the format; `undefined` when `complete` is false and no character decided yet.
 * @throws CodecError `INPUT_FORMAT_UNKNOWN` when the first character is none of these.
 */
export function sniff(input: string | Uint8Array, complete: boolean): Format | undefined {
  return sniffChunks([input], complete);
}

function sniffChunks(chunks: readonly (string | Uint8Array)[], complete: boolean): Format | undefined {
  const lines = new LineIndex();
  let offset = 0;
  // Where we are in a leading BOM: as text U+FEFF, as bytes EF BB BF (possibly split between chunks).
  let bomBytes = 0;
  let first = true;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const c = typeof chunk === 'string' ? chunk.charCodeAt(i) : (chunk[i] as number);
      if (typeof chunk !== 'string' && bomBytes < 3 && (first || bomBytes > 0) && c === [0xef, 0xbb, 0xbf][bomBytes]) {
        bomBytes++;
        first = false;
        continue;
      }
      if (first && c === 0xfeff) {
        first = false;
        continue;
      }
      first = false;
      bomBytes = 3;
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        offset++;
        continue;
      }
      if (c === 0x0a) {
        lines.newline(offset++);
        continue;
      }
      if (c === 0x3c) return 'xml';
      if (c === 0x7b || c === 0x5b) return 'json';
      if (c === 0x23) return 'csv';
      throw codecError(
        'input',
        'INPUT_FORMAT_UNKNOWN',
        'cannot tell the format: a GoGrid document starts with `<` (XML), `{` or `[` (JSON), or `#` (CSV); give the format explicitly',
        lines.position(offset),
      );
    }
  }
  if (!complete) return undefined;
  throw codecError('input', 'INPUT_FORMAT_UNKNOWN', 'the input is empty', lines.position(offset));
}
