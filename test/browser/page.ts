/**
 * The page of the browser test (test/browser/browser.test.ts bundles it with esbuild for
 * `--platform=browser` and runs it in Chromium): it imports the package by name, as a user's
 * bundle does, so the `browser` condition of `exports` picks the web entry. Every function
 * reports what the codec gave, in a shape the test compares with Node's (`outcome`).
 *
 * Run in Node by the test runner, this module only defines functions.
 */
import { CodecError, type CodecEvent, convert, decodeObjects, decodeStream, encodeStream, type Source } from 'gogrid-codec';

/** What one decoding gave: the JSON of its events/objects/text, or the error's code and position. */
export type Outcome = { ok: true; value: string } | { ok: false; error: ErrorFields };

/** The fields of a {@link CodecError} that must not depend on the platform or the chunking. */
export interface ErrorFields {
  code: string;
  line?: number | undefined;
  column?: number | undefined;
  offset?: number | undefined;
  path?: string | undefined;
}

/** Everything the page reports for one corpus file. */
export interface FileReport {
  /** `body.pipeThrough(decodeStream())` on the body as fetched. */
  stream: Outcome;
  /** The same on the body cut into pieces of 1 to 17 bytes. */
  split: Outcome;
  /** `decodeObjects(body)`. */
  objects: Outcome;
  /** `decodeObjects(body)` on a body whose async iteration is taken away (as Safari's is). */
  readerOnly: Outcome;
  /** `convert(body, { to: 'csv' })`. */
  csv: Outcome;
  /** `body.pipeThrough(decodeStream()).pipeThrough(encodeStream({ format: 'csv' }))`. */
  csvStream: Outcome;
}

/**
 * Runs an async computation and reports its value or its {@link CodecError}.
 * @param work - the computation.
 * @returns the outcome; an error that is not a CodecError is rethrown.
 */
export async function outcome(work: () => Promise<string>): Promise<Outcome> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    return { ok: false, error: { code: e.code, line: e.line, column: e.column, offset: e.offset, path: e.path } };
  }
}

/**
 * Reads a stream of events to the end.
 * @param events - a web stream of events.
 * @returns the events' JSON.
 */
export async function eventsJson(events: ReadableStream<CodecEvent>): Promise<string> {
  const out: CodecEvent[] = [];
  const reader = events.getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    out.push(next.value);
  }
  return JSON.stringify(out);
}

/**
 * Reads every object of a source.
 * @param source - bytes.
 * @returns the objects' JSON.
 */
export async function objectsJson(source: Source): Promise<string> {
  const out: unknown[] = [];
  for await (const o of decodeObjects(source)) out.push(o);
  return JSON.stringify(out);
}

/**
 * Converts a source to CSV.
 * @param source - bytes.
 * @returns the CSV text.
 */
export async function csvText(source: Source): Promise<string> {
  let text = '';
  for await (const chunk of convert(source, { to: 'csv' })) text += chunk;
  return text;
}

/** A transform that cuts byte chunks into pieces of 1 to 17 bytes (the same cuts for the same seed). */
function splitter(seed: number): TransformStream<Uint8Array, Uint8Array> {
  let state = seed | 1;
  return new TransformStream({
    transform(chunk, controller) {
      for (let at = 0; at < chunk.length; ) {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        const size = 1 + (state % 17);
        controller.enqueue(chunk.subarray(at, at + size));
        at += size;
      }
    },
  });
}

/** Reads a stream of text to the end. */
async function textOf(stream: ReadableStream<string>): Promise<string> {
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) return text;
    text += next.value;
  }
}

/** The stream, without async iteration (Safari's `ReadableStream` has none). */
function withoutIteration<T>(stream: ReadableStream<T>): ReadableStream<T> {
  Object.defineProperty(stream, Symbol.asyncIterator, { value: undefined });
  return stream;
}

async function body(url: string): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(url);
  if (!response.ok || response.body === null) throw new Error(`GET ${url}: ${response.status}`);
  return response.body;
}

/**
 * Decodes corpus files fetched from the test's loopback server every way the test checks.
 * @param names - paths under `/corpus/`.
 * @returns one report per file, in order.
 */
export async function runCorpus(names: readonly string[]): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const [i, name] of names.entries()) {
    const url = `/corpus/${name}`;
    reports.push({
      stream: await outcome(async () => eventsJson((await body(url)).pipeThrough(decodeStream()))),
      split: await outcome(async () => eventsJson((await body(url)).pipeThrough(splitter(i + 1)).pipeThrough(decodeStream()))),
      objects: await outcome(async () => objectsJson(await body(url))),
      readerOnly: await outcome(async () => objectsJson(withoutIteration(await body(url)))),
      csv: await outcome(async () => csvText(await body(url))),
      csvStream: await outcome(async () => textOf((await body(url)).pipeThrough(decodeStream()).pipeThrough(encodeStream({ format: 'csv' })))),
    });
  }
  return reports;
}

/**
 * Converts a JSON response whose envelope comes after its list (so every object waits in the
 * web entry's memory spool) to CSV.
 * @param url - the response's address.
 * @returns the outcome: the CSV's line count, or the error.
 */
export async function runLate(url: string): Promise<Outcome> {
  return outcome(async () => String((await csvText(await body(url))).split('\n').length));
}
