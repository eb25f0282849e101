/**
 * `npm run fuzz`: mutation fuzzing of the decoders and encoders, seeded by `corpus/`.
 *
 * ```
 * npm run fuzz -- --mutants 1000000 [--seed 11] [--seconds 3600]
 * npm run fuzz -- --long                    # the long-things generator at the default limits
 * npm run fuzz -- --factor [--objects 300]   # 1-character chunks against one whole string, per format
 * npm run fuzz -- --replay fuzz-failures/seed11-mutant42.json
 * ```
 * Failures are saved in `fuzz-failures/` (gitignored), each with its seed, number and replay command.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDecoder, decode, encode, type Envelope, type Format } from '../../src/index.js';
import { repoPath } from '../helpers/paths.js';
import { fuzz, table } from './fuzz.js';
import { chunksOf, growth, LONG_THINGS, stream } from './long.js';
import { loadSeeds, mutant, random } from './mutate.js';
import { check } from './oracle.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<number> {
  const corpus = repoPath('corpus');
  const replay = option('replay');
  if (replay !== undefined) {
    const meta = JSON.parse(readFileSync(replay, 'utf8')) as { seed: number; index: number };
    const m = mutant(loadSeeds(corpus), meta.seed, meta.index);
    const v = check(m, random(meta.index ^ 0x5bd1e995));
    console.log(JSON.stringify({ seed: meta.seed, index: meta.index, from: m.seed, mutations: m.mutations, ...v }, null, 2));
    return v.failure === undefined ? 0 : 1;
  }
  if (process.argv.includes('--long')) return long();
  if (process.argv.includes('--factor')) return factor(Number(option('objects') ?? 300));
  const seed = Number(option('seed') ?? 11);
  const mutants = Number(option('mutants') ?? 100_000);
  const seconds = option('seconds');
  let last = 0;
  const report = await fuzz({
    seed,
    mutants,
    corpus,
    failures: repoPath('fuzz-failures'),
    ...(seconds === undefined ? {} : { seconds: Number(seconds) }),
    progress: (done) => {
      if (done - last >= 50_000) {
        last = done;
        console.error(`… ${done} mutants`);
      }
    },
  });
  console.log(`seed ${seed}: ${report.done} of ${mutants} mutants in ${(report.ms / 1000).toFixed(1)} s, ${report.failures.length} failures`);
  for (const line of table(report)) console.log(line);
  for (const f of report.failures.slice(0, 20)) console.log(`FAIL mutant ${f.index} (${f.format}, ${f.outcome}): ${f.failure.split('\n')[0]}\n  ${f.file}`);
  return report.failures.length === 0 ? 0 : 1;
}

/**
 * Every long thing at the default limits, 4× past its limit, in 1-, 7- and 65,536-character
 * chunks, each in a process of its own (so that the peak RSS is that thing's); and the growth
 * of time in one-character chunks.
 */
function long(): number {
  const only = option('only');
  if (only === undefined) {
    let bad = 0;
    for (let k = 0; k < LONG_THINGS.length; k++) {
      // One process per chunk size: the RSS a process reaches does not come down again.
      const lines = [1, 7, 65536].map((size) => spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--long', '--only', String(k), '--size', String(size)], { encoding: 'utf8' }).stdout.trim());
      const outs = lines.map((line) => JSON.parse(line) as { size: number; code: string | undefined; at: string | undefined; ms: number; peakRss: number; ratio?: number });
      const thing = LONG_THINGS[k] as (typeof LONG_THINGS)[number];
      const ratio = outs[2]?.ratio ?? Infinity;
      const ok = outs.every((o) => o.code === thing.code && o.at === outs[0]?.at && o.peakRss < 200 * 1024 * 1024) && ratio < 9;
      if (!ok) bad++;
      const at = (outs[0]?.at ?? '').replace(/(\/a){8,}/, (m) => `/a…(${m.length / 2})`);
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${thing.format} ${thing.kind.padEnd(20)} ${thing.code} ${at} ${outs.map((o) => `${o.size}:${o.ms.toFixed(0)}ms/${Math.round(o.peakRss / 1048576)}MB`).join(' ')}  growth×4 → ×${ratio.toFixed(1)}`);
    }
    return bad === 0 ? 0 : 1;
  }
  const thing = LONG_THINGS[Number(only)];
  if (thing === undefined) return 1;
  const size = Number(option('size') ?? 65536);
  const over = { maxDepth: 256, maxValueLength: 4 << 20, maxAttributes: 4 * 4096, maxListItems: 4 * 100_000, maxObjectText: 4 * 64 * 1024 * 1024 };
  const result: Record<string, unknown> = { size, ...stream(thing.format, chunksOf(thing, over[thing.limit], size), {}) };
  if (size === 65536) {
    const n = thing.limit === 'maxDepth' ? 500 : thing.limit === 'maxAttributes' || thing.limit === 'maxListItems' ? 1000 : 8000;
    const limits = { [thing.limit]: thing.limit === 'maxDepth' ? 5000 : 1e9, ...(thing.limit === 'maxObjectText' ? { maxValueLength: 1e9 } : {}) };
    result['ratio'] = growth(thing, n, { limits }, 4);
  }
  console.log(JSON.stringify(result));
  return 0;
}

/**
 * The chunking factor per format: a document of `objects` servers (the corpus's
 * /grid/server/get sample, repeated) decoded as one string, in 64 KiB chunks and one character at
 * a time (best of 5 each).
 */
function factor(objects: number): number {
  const sample = decode(readFileSync(repoPath('corpus/grid.server.get/001-server-get.json'), 'utf8')) as Envelope;
  const doc: Envelope = { ...sample, list: Array.from({ length: objects }, () => sample.list[0] as Envelope['list'][number]) };
  const best = (f: () => void): number => {
    let ms = Infinity;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      f();
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  const feed = (format: Format, chunks: readonly string[]): void => {
    const d = createDecoder(format, () => undefined);
    for (const c of chunks) d.write(c);
    d.end();
  };
  for (const format of ['json', 'xml', 'csv'] as const) {
    const text = encode(doc, { format });
    const chars = Array.from(text);
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += 65536) pieces.push(text.slice(i, i + 65536));
    const whole = best(() => decode(text, { format }));
    const k64 = best(() => feed(format, pieces));
    const one = best(() => feed(format, chars));
    console.log(`${format}: ${text.length} characters; whole ${whole.toFixed(1)} ms, 64 KiB chunks ${k64.toFixed(1)} ms, 1-character chunks ${one.toFixed(1)} ms: factor ×${(one / whole).toFixed(1)} (×${(one / k64).toFixed(1)} over 64 KiB chunks)`);
  }
  return 0;
}

process.exitCode = await main();
