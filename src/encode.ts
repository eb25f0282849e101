/**
 * Encoding entry points: a whole tree to a string, a tree to chunks, and a stream of events to
 * a stream of text. All of them drive the same encoder cores; the drivers are the only place
 * that reorders events (holding objects in a spool while a late envelope is awaited), and the
 * only place that checks their order (one `EventOrder` per call; the encoders trust it).
 */
import { CsvEncoder } from './csv/encode.js';
import { JsonEncoder } from './json/encode.js';
import { NdjsonEncoder } from './json/ndjson.js';
import { type EncodeOptions, normalizeEncodeOptions, type ResolvedEncodeOptions } from './options.js';
import { defaultSpool } from '#platform/spool.js';
import type { ObjectSpool } from './spool.js';
import { type CodecEvent, documentEvents, END, type EnvelopeEvent, EventOrder } from './tree/events.js';
import { type Document, type GoObject, isEnvelope } from './tree/types.js';
import { XmlEncoder } from './xml/encode.js';

/** What every encoder core offers the drivers. */
interface EncoderCore {
  /** `events`: any protocol order; `head-first`: the final envelope before objects; `two-pass`: `observe` every object first. */
  readonly requires: 'events' | 'head-first' | 'two-pass';
  push(event: CodecEvent): string;
  observe?(object: GoObject): void;
}

const CHUNK = 1 << 16;

function createEncoder(o: ResolvedEncodeOptions): EncoderCore {
  switch (o.format) {
    case 'json':
      return new JsonEncoder({ indent: o.indent });
    case 'ndjson':
      return new NdjsonEncoder({ noEnvelope: o.noEnvelope });
    case 'xml':
      return new XmlEncoder({ indent: o.indent, declaration: o.declaration, order: o.order });
    case 'csv':
      return new CsvEncoder({ type: o.type, spreadsheetSafe: o.spreadsheetSafe, plain: o.plain });
  }
}

/**
 * Encodes a whole document.
 *
 * @param doc - an envelope or a fragment.
 * @param options - `format` (required) and the format's options; see {@link EncodeOptions}.
 * @returns the text.
 * @throws CodecError when the format cannot carry the tree (`XML_*`, `CSV_*`, `TREE_*`) or an option is invalid.
 * @example
 * ```ts
 * encode({ status: 'success', method: '/grid/ip/list', list: [{ object: 'ip', id: 1 }] }, { format: 'xml' });
 * ```
 */
export function encode(doc: Document, options: EncodeOptions): string {
  // The text of encodeChunks's chunks, joined once. Pieces are joined into 64 KiB chunks as they
  // come, so only the chunks live until the end: keeping every small piece of a large document
  // (millions of them) makes the collector walk them all, and `+=` would build a rope of them.
  const o = normalizeEncodeOptions(options);
  if (o.format === 'json') {
    // A clean compact document is exactly what JSON.stringify writes (see JsonEncoder.whole).
    const text = new JsonEncoder({ indent: o.indent }).whole(doc);
    if (text !== undefined) return text;
  }
  const chunks: string[] = [];
  for (const chunk of encodeChunks(doc, options)) chunks.push(chunk);
  return chunks.length === 1 ? (chunks[0] as string) : chunks.join('');
}

/**
 * Encodes a whole document as chunks of text (about 64 KiB each), without building the whole
 * output string.
 *
 * @param doc - an envelope or a fragment.
 * @param options - see {@link EncodeOptions}.
 * @returns a generator of text chunks.
 * @example
 * ```ts
 * for (const chunk of encodeChunks(doc, { format: 'csv' })) process.stdout.write(chunk);
 * ```
 */
export function* encodeChunks(doc: Document, options: EncodeOptions): Generator<string, void, undefined> {
  // The pieces of a chunk are joined once, so each chunk is a flat string: `+=` would hand the
  // consumer a rope of every small piece, to be flattened when it is written.
  let parts: string[] = [];
  let length = 0;
  for (const text of pieces(doc, options)) {
    parts.push(text);
    length += text.length;
    if (length >= CHUNK) {
      yield parts.length === 1 ? (parts[0] as string) : parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}

/** The text of each event of a whole document, as the encoder writes it (some pieces empty). */
function* pieces(doc: Document, options: EncodeOptions): Generator<string, void, undefined> {
  const o = normalizeEncodeOptions(options);
  const encoder = createEncoder(o);
  if (encoder.requires === 'two-pass') {
    const objects = isEnvelope(doc) ? doc.list : [doc];
    for (const object of objects) encoder.observe?.(object);
  }
  const order = new EventOrder();
  for (const event of documentEvents(doc, encoder.requires !== 'events')) {
    order.check(event);
    yield encoder.push(event);
  }
  order.finish();
}

/**
 * Encodes a stream of events (from any decoder, or {@link documentEvents}) as a stream of text.
 * Memory stays bounded: objects that must wait for a late envelope (XML, CSV or NDJSON output
 * of a JSON input that puts its members after the list), and every object for the CSV header,
 * are held in a spool that spills to a temporary file past `spillAfter` objects (on Node; where
 * there is no file system, in memory up to `MEMORY_SPOOL_LIMIT` objects).
 *
 * @param events - the events, in protocol order.
 * @param options - see {@link EncodeOptions}.
 * @param spool - where waiting objects go (default: on Node a `FileSpool`, elsewhere a
 *   `MemorySpool` of `MEMORY_SPOOL_LIMIT` objects).
 * @returns an async generator of text chunks.
 * @throws CodecError from the events' source, the encoder, or the spool (`SPILL_FAILED`,
 *   `SPILL_LIMIT_EXCEEDED`).
 * @example
 * ```ts
 * for await (const text of encodeEvents(decodeEvents(process.stdin), { format: 'csv' })) process.stdout.write(text);
 * ```
 */
export async function* encodeEvents(
  events: AsyncIterable<CodecEvent> | Iterable<CodecEvent>,
  options: EncodeOptions,
  spool?: ObjectSpool,
): AsyncGenerator<string, void, undefined> {
  const o = normalizeEncodeOptions(options);
  const encoder = createEncoder(o);
  const store = spool ?? defaultSpool(o.spillAfter);
  // Small pieces of text are gathered into chunks of about CHUNK characters. (Inline `if … yield`
  // rather than `yield*` of a helper generator: delegating costs an await per event.)
  let buffer = '';
  const full = (text: string): boolean => {
    buffer += text;
    return buffer.length >= CHUNK;
  };
  const take = (): string => {
    const text = buffer;
    buffer = '';
    return text;
  };
  try {
    const order = new EventOrder();
    let head: EnvelopeEvent | undefined;
    for await (const event of events) {
      o.signal?.throwIfAborted();
      order.check(event);
      if (encoder.requires === 'events') {
        if (full(encoder.push(event))) yield take();
        continue;
      }
      switch (event.type) {
        case 'fragment':
          encoder.observe?.(event.object);
          if (full(encoder.push(event))) yield take();
          break;
        case 'envelope':
          head = event;
          if (event.final && encoder.requires === 'head-first') {
            if (full(encoder.push(event))) yield take();
            for await (const object of store.drain()) if (full(encoder.push({ type: 'object', object }))) yield take();
          }
          break;
        case 'object':
          if (encoder.requires === 'head-first' && head?.final === true) {
            if (full(encoder.push(event))) yield take();
          } else {
            encoder.observe?.(event.object);
            await store.add(event.object);
          }
          break;
        case 'end':
          if (encoder.requires === 'two-pass' && head !== undefined) {
            if (full(encoder.push(head))) yield take();
            for await (const object of store.drain()) if (full(encoder.push({ type: 'object', object }))) yield take();
          }
          if (full(encoder.push(END))) yield take();
          break;
      }
    }
    order.finish();
    if (buffer !== '') yield buffer;
  } finally {
    await store.dispose();
  }
}

