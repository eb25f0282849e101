/**
 * The fuzzer's mutants: a seeded random source, and mutations of corpus documents — truncation,
 * byte flips, insertions and deletions, structural insertions (markup and delimiter characters,
 * `]]>`, a DOCTYPE, NUL, invalid UTF-8, a BOM in the middle, CR/CRLF mixing) and splices across
 * formats. A mutant is a function of (seed, index) only, so any one can be made again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../../src/index.js';
import { mulberry32 } from '../../src/mock/random.js';

/** A corpus document used as a seed of mutation. */
export interface Seed {
  name: string;
  format: Format;
  bytes: Uint8Array;
}

/** One mutant: its bytes, the format of the seed it came from, and what was done. */
export interface Mutant {
  index: number;
  seed: string;
  format: Format;
  mutations: string[];
  bytes: Uint8Array;
}

/** The fuzzer's seeded random source: the mock's mulberry32, so a mutant replays from its seed. */
export const random = mulberry32;

/**
 * Reads the seeds: every `.json`, `.xml` and `.csv` file of the corpus.
 * @param dir - the corpus folder.
 * @returns the seeds, in a stable order.
 */
export function loadSeeds(dir: string): Seed[] {
  const seeds: Seed[] = [];
  for (const sub of readdirSync(dir).sort()) {
    const path = join(dir, sub);
    if (!statSync(path).isDirectory()) continue;
    for (const file of readdirSync(path).sort()) {
      const ext = file.slice(file.lastIndexOf('.') + 1);
      if (ext !== 'json' && ext !== 'xml' && ext !== 'csv') continue;
      if (file === 'manifest.json') continue;
      seeds.push({ name: `${sub}/${file}`, format: ext, bytes: new Uint8Array(readFileSync(join(path, file))) });
    }
  }
  return seeds;
}

const encoder = new TextEncoder();
/** Structural insertions: what breaks or bends each format's syntax. */
const STRUCTURAL: readonly (string | Uint8Array)[] = [
  '<', '>', '&', '"', "'", ',', '\n', '\r', '\r\n', ']]>', '<!DOCTYPE x>', '<!DOCTYPE x [<!ENTITY a "b">]>', '\0', '\ufeff', '{', '}', '[', ']', ':', '\\', '#', '</', '/>', '<![CDATA[', '-->', '&amp;', '&#0;', '\ud800',
  new Uint8Array([0xff]), new Uint8Array([0xc3]), new Uint8Array([0xe2, 0x82]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
];

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

/** The mutation operators: each takes bytes and the random source and returns new bytes and a label. */
const OPERATORS: readonly ((b: Uint8Array, r: () => number, seeds: readonly Seed[]) => [Uint8Array, string])[] = [
  (b, r) => {
    const k = Math.floor(r() * b.length);
    return [b.subarray(0, k), `truncate@${k}`];
  },
  (b, r) => {
    const k = Math.floor(r() * b.length);
    const out = b.slice();
    const bit = 1 << Math.floor(r() * 8);
    if (out.length > 0) out[k] = (out[k] as number) ^ bit;
    return [out, `flip@${k}^${bit}`];
  },
  (b, r) => {
    const k = Math.floor(r() * (b.length + 1));
    const byte = Math.floor(r() * 256);
    return [concat(b.subarray(0, k), new Uint8Array([byte]), b.subarray(k)), `insert@${k}:${byte}`];
  },
  (b, r) => {
    const k = Math.floor(r() * b.length);
    const n = 1 + Math.floor(r() * 4);
    return [concat(b.subarray(0, k), b.subarray(k + n)), `delete@${k}+${n}`];
  },
  (b, r) => {
    const k = Math.floor(r() * (b.length + 1));
    const pick = STRUCTURAL[Math.floor(r() * STRUCTURAL.length)] as string | Uint8Array;
    const bytes = typeof pick === 'string' ? encoder.encode(pick) : pick;
    return [concat(b.subarray(0, k), bytes, b.subarray(k)), `structural@${k}:${JSON.stringify(typeof pick === 'string' ? pick : [...pick])}`];
  },
  (b, r) => {
    // Line ends: every LF to CRLF, or to CR, or some of them.
    const mode = Math.floor(r() * 3);
    let lfs = 0;
    for (let k = b.indexOf(0x0a); k >= 0; k = b.indexOf(0x0a, k + 1)) lfs++;
    const out = new Uint8Array(b.length + (mode === 1 ? 0 : lfs));
    let j = 0;
    for (let k = 0; k < b.length; k++) {
      const c = b[k] as number;
      if (c === 0x0a && (mode === 0 || (mode === 2 && r() < 0.5))) out[j++] = 0x0d;
      out[j++] = c === 0x0a && mode === 1 ? 0x0d : c;
    }
    return [out.subarray(0, j), `line-ends:${['crlf', 'cr', 'mixed'][mode]}`];
  },
  (b, r, seeds) => {
    // A splice: the start of this document, the end of another (any format).
    const other = seeds[Math.floor(r() * seeds.length)] as Seed;
    const k = Math.floor(r() * b.length);
    const j = Math.floor(r() * other.bytes.length);
    return [concat(b.subarray(0, k), other.bytes.subarray(j)), `splice@${k}:${other.name}@${j}`];
  },
  (b, r) => {
    // A duplicated stretch: repeats elements, rows, attributes.
    const k = Math.floor(r() * b.length);
    const n = 1 + Math.floor(r() * 64);
    return [concat(b.subarray(0, k + n), b.subarray(k)), `repeat@${k}+${n}`];
  },
];

/**
 * Makes mutant number `index` of a run.
 * @param seeds - the corpus.
 * @param seed - the run's seed.
 * @param index - the mutant's number.
 * @returns the mutant.
 */
export function mutant(seeds: readonly Seed[], seed: number, index: number): Mutant {
  const r = random((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const from = seeds[Math.floor(r() * seeds.length)] as Seed;
  let bytes = from.bytes;
  const mutations: string[] = [];
  const count = 1 + Math.floor(r() * r() * 4);
  for (let m = 0; m < count; m++) {
    const op = OPERATORS[Math.floor(r() * OPERATORS.length)] as (typeof OPERATORS)[number];
    const [next, label] = op(bytes, r, seeds);
    bytes = next;
    mutations.push(label);
  }
  return { index, seed: from.name, format: from.format, mutations, bytes };
}
