/**
 * What the fuzzer checks of one mutant, and how it classifies the outcome. The contract: bad
 * input gives a `CodecError` (never another exception); bytes, the same text as a string, and
 * the bytes cut into random chunks give one outcome (the same tree, or the same error code and
 * position); and every decoded tree encodes to each format and decodes back to what `normalize`
 * says that format keeps — or `normalize` and the encoder refuse it with the same code.
 */
import { CodecError, createDecoder, decode, type Document, DocumentCollector, encode, type Format, normalize, sniff } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import type { Mutant } from './mutate.js';
import { splitAt, splitBytes } from '../helpers/chunks.js';

/** A mutant's class: `decoded`, `refused CODE`, or a failure (`crash`, `chunking`, `string`, `roundtrip`, `normalize`). */
export interface Verdict {
  /** The format decoded (the seed's, or sniffed), or `none` when none was recognised. */
  format: Format | 'none';
  outcome: string;
  /** Set when the contract is broken: what happened. */
  failure?: string;
}

type Outcome = { ok: true; doc: Document } | { ok: false; key: string };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const FORMATS: readonly Format[] = ['json', 'xml', 'csv'];

function errorKey(e: CodecError): string {
  return `${e.code} ${e.line ?? '-'}:${e.column ?? '-'}@${e.offset ?? '-'} ${e.path ?? ''}`;
}

function run(f: () => Document): Outcome {
  try {
    return { ok: true, doc: f() };
  } catch (e) {
    if (e instanceof CodecError) return { ok: false, key: errorKey(e) };
    throw e;
  }
}

function chunked(format: Format, chunks: readonly (string | Uint8Array)[]): Document {
  const collector = new DocumentCollector();
  const feed = createDecoder(format, (e) => collector.push(e));
  for (const c of chunks) feed.write(c);
  feed.end();
  return collector.document();
}

function same(a: Outcome, b: Outcome): string | undefined {
  if (a.ok && b.ok) return treeDifference(a.doc, b.doc);
  if (!a.ok && !b.ok) return a.key === b.key ? undefined : `${a.key} vs ${b.key}`;
  return `${a.ok ? 'a tree' : a.key} vs ${b.ok ? 'a tree' : b.key}`;
}

/** Cut points for one feeding: `count` random ones, or every `step` bytes. */
function cuts(n: number, r: () => number, mode: number): number[] {
  if (mode === 0) return Array.from({ length: n }, (_, i) => i + 1); // one byte at a time
  if (mode === 1) return Array.from({ length: Math.floor(n / 7) }, (_, i) => 7 * (i + 1));
  return Array.from({ length: 1 + Math.floor(r() * 6) }, () => Math.floor(r() * n));
}

/**
 * Checks one mutant.
 * @param m - the mutant.
 * @param r - randomness for the chunk splits and the sniffing choice.
 * @returns the verdict.
 */
export function check(m: Mutant, r: () => number): Verdict {
  try {
    return judge(m, r);
  } catch (e) {
    return { format: m.format, outcome: 'crash', failure: `a non-CodecError exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

function judge(m: Mutant, r: () => number): Verdict {
  // Half the mutants are decoded as their seed's format, half sniffed.
  const sniffed = r() < 0.5;
  let format: Format | undefined = m.format;
  if (sniffed) {
    try {
      format = sniff(m.bytes, true);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      format = undefined;
    }
  }
  const options = sniffed ? {} : { format: m.format };
  const whole = run(() => decode(m.bytes, options));
  if (format === undefined) {
    return { format: 'none', outcome: whole.ok ? 'decoded' : `refused ${whole.key.split(' ')[0]}` };
  }
  const verdict = (outcome: string, failure?: string): Verdict => (failure === undefined ? { format, outcome } : { format, outcome, failure });
  const outcome = whole.ok ? 'decoded' : `refused ${whole.key.split(' ')[0]}`;
  // The same text as a string.
  let text: string | undefined;
  try {
    text = strict.decode(m.bytes);
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    const asString = run(() => decode(text, options));
    const d = same(whole, asString);
    if (d !== undefined) return verdict('string', `bytes and string differ: ${d}`);
  }
  // Chunked: one byte at a time (short inputs), every 7 bytes, and at random.
  const n = m.bytes.length;
  const mode = n <= 4096 && r() < 0.15 ? 0 : n <= 16384 && r() < 0.3 ? 1 : 2;
  const pieces = splitBytes(m.bytes, cuts(m.bytes.length, r, mode));
  const inChunks = run(() => chunked(format, pieces));
  const d = same(whole, inChunks);
  if (d !== undefined) return verdict('chunking', `${['1-byte', '7-byte', 'random'][mode]} chunks (${pieces.map((p) => p.length).join(',')}): ${d}`);
  if (text !== undefined && mode === 2) {
    const strings = splitAt(text, cuts(text.length, r, 2));
    const d2 = same(whole, run(() => chunked(format, strings)));
    if (d2 !== undefined) return verdict('chunking', `string chunks (${strings.map((p) => p.length).join(',')}): ${d2}`);
  }
  if (!whole.ok) return verdict(outcome);
  // Round trips: encode to each format, decode, compare with normalize.
  for (const to of FORMATS) {
    let expected: Document | undefined;
    let refusal: string | undefined;
    try {
      expected = normalize(whole.doc, to);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      refusal = e.code;
    }
    let encoded: string;
    try {
      encoded = encode(whole.doc, { format: to });
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      if (refusal !== e.code) return verdict('normalize', `${to}: the encoder refuses with ${e.code}, normalize ${refusal === undefined ? 'accepts' : `refuses with ${refusal}`}`);
      continue;
    }
    if (refusal !== undefined) return verdict('normalize', `${to}: normalize refuses with ${refusal}, the encoder accepts`);
    const back = run(() => decode(encoded, { format: to }));
    if (!back.ok) return verdict('roundtrip', `${to}: the encoded text does not decode: ${back.key}`);
    const diff = treeDifference(back.doc, expected);
    if (diff !== undefined) return verdict('roundtrip', `${to}: decoded back differs from normalize at ${diff}`);
  }
  return verdict(outcome);
}
