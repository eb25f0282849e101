/**
 * Test helpers: decode a text fed in different ways, and describe an outcome (a tree or an
 * error's code and position) so that two ways of feeding can be compared.
 */
import fc from 'fast-check';
import { CodecError, createDecoder, DocumentCollector, type Document, type Format } from '../../src/index.js';

/** What a decode ended with: the tree, or the error's stable fields. */
export type Outcome = { ok: true; doc: Document } | { ok: false; code: string; line?: number; column?: number; offset?: number; path?: string };

/**
 * Decodes `chunks` written one after the other.
 * @param format - the format.
 * @param chunks - the pieces (strings or bytes).
 * @param options - decoder options.
 * @returns the outcome; a non-CodecError exception is rethrown (it is a bug).
 */
export function decodeChunks(format: Format, chunks: readonly (string | Uint8Array)[], options: Parameters<typeof createDecoder>[2] = {}): Outcome {
  const collector = new DocumentCollector();
  try {
    const feed = createDecoder(format, (e) => collector.push(e), options);
    for (const c of chunks) feed.write(c);
    feed.end();
    return { ok: true, doc: collector.document() };
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    const out: Outcome = { ok: false, code: e.code };
    if (e.line !== undefined) out.line = e.line;
    if (e.column !== undefined) out.column = e.column;
    if (e.offset !== undefined) out.offset = e.offset;
    if (e.path !== undefined) out.path = e.path;
    return out;
  }
}

/** The pieces of a text or byte array split before each of the given indexes (out-of-range and repeated indexes ignored). */
function splitBefore<T extends { length: number }>(whole: T, points: readonly number[], piece: (from: number, to?: number) => T): T[] {
  const cuts = [...new Set(points.filter((p) => p > 0 && p < whole.length))].sort((a, b) => a - b);
  const out: T[] = [];
  let last = 0;
  for (const p of cuts) {
    out.push(piece(last, p));
    last = p;
  }
  out.push(piece(last));
  return out;
}

/** The text split before each of the given indexes. */
export function splitAt(text: string, points: readonly number[]): string[] {
  return splitBefore(text, points, (from, to) => text.slice(from, to));
}

/** The bytes split before each of the given indexes (characters may be cut in two). */
export function splitBytes(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  return splitBefore(bytes, points, (from, to) => bytes.subarray(from, to));
}

/**
 * A text with one of `chars` inserted at a random place (`''` leaves it whole).
 * @param texts - the texts.
 * @param chars - the characters to insert.
 * @returns the arbitrary.
 */
export function withInsertion(texts: fc.Arbitrary<string>, chars: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(texts, fc.nat(), fc.constantFrom(...chars)).map(([text, at, char]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + char + text.slice(i);
  });
}

/** One string per UTF-16 code unit (surrogate pairs cut in two, on purpose). */
export function perCharacter(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) out.push(text[i] as string);
  return out;
}

/** One chunk per byte of the UTF-8 encoding. */
export function perByte(text: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(bytes.subarray(i, i + 1));
  return out;
}

/** Random split points for a text of the given length (for fast-check). */
export function splitPoints(length: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 12 });
}

/**
 * Every way the suite feeds a text: whole, per character, per byte, and `random` seeded splits
 * of the text and of its bytes. Returns a label and the chunks for each.
 */
export function feedings(text: string, random = 5, seed = 42): { label: string; chunks: (string | Uint8Array)[] }[] {
  const out: { label: string; chunks: (string | Uint8Array)[] }[] = [
    { label: 'whole', chunks: [text] },
    { label: 'per character', chunks: perCharacter(text) },
    { label: 'per byte', chunks: perByte(text) },
  ];
  const bytes = new TextEncoder().encode(text);
  let state = seed >>> 0;
  const next = (max: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return 1 + (state % Math.max(1, max - 1));
  };
  for (let r = 0; r < random; r++) {
    const n = 1 + (r % 7);
    const points = Array.from({ length: n }, () => next(text.length));
    const bytePoints = Array.from({ length: n }, () => next(bytes.length));
    out.push({ label: `text split at ${points.join(',')}`, chunks: splitAt(text, points) });
    out.push({ label: `bytes split at ${bytePoints.join(',')}`, chunks: splitBytes(bytes, bytePoints) });
  }
  return out;
}

/** fast-check parameters for this suite: the seed is printed so a failure can be replayed (`FC_SEED=… npm test`). */
export function fcParams(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env['FC_SEED'] === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(process.env['FC_SEED']);
  return { numRuns, seed, verbose: 0 };
}
