/**
 * Decoding entry points: a whole text to a tree, and any async-iterable source (a Node stream,
 * a web `ReadableStream`, a `fetch` body, an array of chunks) to events, objects or a tree.
 * All of them drive the same decoder cores through a {@link TextFeed}.
 */
import { CsvDecoder } from './csv/decode.js';
import { CodecError } from './errors.js';
import { JsonDecoder } from './json/decode.js';
import { type DecodeOptions, normalizeDecodeOptions, type ResolvedDecodeOptions } from './options.js';
import { type TextPosition, TextFeed } from './text/feed.js';
import { type CodecEvent, DocumentCollector } from './tree/events.js';
import type { Format } from './tree/normalize.js';
import type { Document, GoObject } from './tree/types.js';
import { XmlDecoder } from './xml/decode.js';

/** What the streaming functions read: any async iterable of text or bytes (Node streams and web `ReadableStream`s are). */
export type Source = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

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
export function createDecoder(format: Format, sink: (event: CodecEvent) => void, options?: DecodeOptions): TextFeed {
  const o = normalizeDecodeOptions(options);
  return feedFor(format, o, sink);
}

function feedFor(format: Format, o: ResolvedDecodeOptions, sink: (event: CodecEvent) => void): TextFeed {
  switch (format) {
    case 'json':
      return new TextFeed(new JsonDecoder(o.limits, sink));
    case 'xml':
      return new TextFeed(new XmlDecoder(o.limits, sink));
    case 'csv':
      return new TextFeed(new CsvDecoder(o.limits, o.type, sink, { strict: o.strict, onWarning: o.onWarning }));
  }
}

/**
 * Decodes a whole document.
 *
 * @param input - the document's text or UTF-8 bytes.
 * @param options - see {@link DecodeOptions}; the format is sniffed when omitted.
 * @returns the tree: an envelope (`doc.list[0].ip.state.name`) or a fragment.
 * @throws CodecError with the code and position of the first problem.
 * @example
 * ```ts
 * const doc = decode('{"list":[{"object":"ip","id":1}],"status":"success"}');
 * if (isEnvelope(doc)) console.log(doc.list[0]?.id); // 1
 * ```
 */
export function decode(input: string | Uint8Array, options?: DecodeOptions): Document {
  const o = normalizeDecodeOptions(options);
  const format = o.format ?? sniff(input, true);
  const collector = new DocumentCollector();
  const feed = feedFor(format as Format, o, (e) => collector.push(e));
  feed.write(input);
  feed.end();
  return collector.document();
}

/**
 * Decodes a stream into events, as each one completes (one list object at a time).
 *
 * @param source - chunks of text or bytes: a Node `Readable`, a web `ReadableStream`, an array…
 * @param options - see {@link DecodeOptions}; the format is sniffed from the first bytes when omitted.
 * @returns an async generator of events.
 * @throws CodecError through the generator.
 * @example
 * ```ts
 * for await (const e of decodeEvents(fs.createReadStream('servers.xml'))) {
 *   if (e.type === 'object') console.log(e.object.name);
 * }
 * ```
 */
export async function* decodeEvents(source: Source, options?: DecodeOptions): AsyncGenerator<CodecEvent, void, undefined> {
  const o = normalizeDecodeOptions(options);
  let queue: CodecEvent[] = [];
  const sink = (e: CodecEvent): void => {
    queue.push(e);
  };
  let feed: TextFeed | undefined;
  let held: (string | Uint8Array)[] = [];
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
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

/**
 * Decodes a stream and yields the list's objects one by one (a fragment yields its one object).
 * The envelope is not yielded; use {@link decodeEvents} to see it.
 *
 * @param source - see {@link decodeEvents}.
 * @param options - see {@link DecodeOptions}.
 * @returns an async generator of objects.
 * @example
 * ```ts
 * const res = await fetch(url);
 * for await (const server of decodeObjects(res.body!)) console.log(server.name);
 * ```
 */
export async function* decodeObjects(source: Source, options?: DecodeOptions): AsyncGenerator<GoObject, void, undefined> {
  for await (const e of decodeEvents(source, options)) {
    if (e.type === 'object' || e.type === 'fragment') yield e.object;
  }
}

/**
 * Decodes a whole stream into a tree (the tree is in memory; for bounded memory use
 * {@link decodeEvents} or {@link decodeObjects}).
 *
 * @param source - see {@link decodeEvents}.
 * @param options - see {@link DecodeOptions}.
 * @returns the tree.
 * @example
 * ```ts
 * const doc = await decodeAll(fs.createReadStream('ips.csv'));
 * ```
 */
export async function decodeAll(source: Source, options?: DecodeOptions): Promise<Document> {
  const collector = new DocumentCollector();
  for await (const e of decodeEvents(source, options)) collector.push(e);
  return collector.document();
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
  let position: TextPosition = { line: 1, column: 1, offset: 0 };
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
        position = { ...position, column: position.column + 1, offset: position.offset + 1 };
        continue;
      }
      if (c === 0x0a) {
        position = { line: position.line + 1, column: 1, offset: position.offset + 1 };
        continue;
      }
      if (c === 0x3c) return 'xml';
      if (c === 0x7b || c === 0x5b) return 'json';
      if (c === 0x23) return 'csv';
      throw new CodecError({
        code: 'INPUT_FORMAT_UNKNOWN',
        format: 'input',
        detail: 'cannot tell the format: a GoGrid document starts with `<` (XML), `{` or `[` (JSON), or `#` (CSV); give the format explicitly',
        ...position,
      });
    }
  }
  if (!complete) return undefined;
  throw new CodecError({ code: 'INPUT_FORMAT_UNKNOWN', format: 'input', detail: 'the input is empty', ...position });
}
