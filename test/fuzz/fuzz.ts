/**
 * The fuzzer's driver: runs mutants in a worker thread under a hang watchdog, classifies and
 * counts the outcomes per format, and saves each failure as a replayable file with its seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './worker.js';

/** How to run. */
export interface FuzzOptions {
  /** The run's seed: the same seed gives the same mutants. */
  seed: number;
  /** How many mutants. */
  mutants: number;
  /** The first mutant's number (default 0). */
  first?: number;
  /** The corpus folder. */
  corpus: string;
  /** Where failures are saved (a gitignored folder). */
  failures: string;
  /** A mutant taking longer than this is a hang (default 2000 ms). */
  hangMs?: number;
  /** Stop after this many seconds, reporting what ran. */
  seconds?: number;
  /** Called now and then with the number of mutants done. */
  progress?: (done: number) => void;
}

/** One failure found. */
export interface FuzzFailure {
  index: number;
  format: string;
  outcome: string;
  failure: string;
  file: string;
}

/** What a run found. */
export interface FuzzReport {
  seed: number;
  done: number;
  /** Mutants per `format\toutcome`. */
  counts: Record<string, number>;
  failures: FuzzFailure[];
  ms: number;
}

/**
 * Runs the fuzzer.
 * @param options - see {@link FuzzOptions}.
 * @returns the counts and failures.
 * @example
 * ```ts
 * const report = await fuzz({ seed: 11, mutants: 1000, corpus: 'corpus', failures: 'fuzz-failures' });
 * ```
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const start = performance.now();
  const hangMs = options.hangMs ?? 2000;
  const end = (options.first ?? 0) + options.mutants;
  const deadline = options.seconds === undefined ? Infinity : start + options.seconds * 1000;
  const counts: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  const add = (more: Record<string, number>): void => {
    for (const [k, v] of Object.entries(more)) counts[k] = (counts[k] ?? 0) + v;
  };
  const reported = new Set<number>();
  const save = (index: number, meta: Record<string, unknown>, bytes: Uint8Array | undefined): string => {
    mkdirSync(options.failures, { recursive: true });
    const base = join(options.failures, `seed${options.seed}-mutant${index}`);
    if (bytes !== undefined) writeFileSync(`${base}.bin`, bytes);
    writeFileSync(`${base}.json`, `${JSON.stringify({ seed: options.seed, index, ...meta, replay: `npm run fuzz -- --replay ${base}.json` }, null, 2)}\n`);
    return `${base}.json`;
  };
  // Ranges still to run; a hang ends its worker, and the rest of its range is run by the next.
  const ranges: [number, number][] = [[options.first ?? 0, end]];
  while (ranges.length > 0 && performance.now() < deadline) {
    const [from, to] = ranges.shift() as [number, number];
    const batchEnd = Math.min(to, from + 50_000);
    if (batchEnd < to) ranges.unshift([batchEnd, to]);
    const progress = new SharedArrayBuffer(4);
    const cell = new Int32Array(progress);
    const input: WorkerInput = { seed: options.seed, from, to: batchEnd, corpus: options.corpus, progress };
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: input });
    /** Mutants of this range whose counts have arrived (the worker posts them every 2,000). */
    let counted = from;
    const outcome = await new Promise<{ kind: 'done' } | { kind: 'hang'; index: number } | { kind: 'stopped' } | { kind: 'error'; error: unknown }>((resolve) => {
      let seen = 0;
      let since = performance.now();
      const timer = setInterval(() => {
        const now = Atomics.load(cell, 0);
        if (now !== seen) {
          seen = now;
          since = performance.now();
          options.progress?.(now - 1);
        } else if (now > 0 && performance.now() - since > hangMs) {
          clearInterval(timer);
          resolve({ kind: 'hang', index: now - 1 });
          return;
        }
        if (performance.now() > deadline) {
          clearInterval(timer);
          resolve({ kind: 'stopped' });
        }
      }, 100);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'failure') {
          const { index, format, outcome: o, failure, seedName, mutations, bytes } = message;
          if (reported.has(index)) return;
          reported.add(index);
          failures.push({ index, format, outcome: o, failure, file: save(index, { format, outcome: o, failure, seedName, mutations }, bytes) });
          return;
        }
        add(message.counts);
        if (message.type === 'counts') counted += 2000;
        else {
          clearInterval(timer);
          resolve({ kind: 'done' });
        }
      });
      worker.on('error', (error) => {
        clearInterval(timer);
        resolve({ kind: 'error', error });
      });
    });
    await worker.terminate();
    if (outcome.kind === 'error') throw outcome.error;
    if (outcome.kind !== 'hang') continue;
    const h = outcome.index;
    counts['?\thang'] = (counts['?\thang'] ?? 0) + 1;
    failures.push({ index: h, format: '?', outcome: 'hang', failure: `no answer within ${hangMs} ms`, file: save(h, { outcome: 'hang', failure: `no answer within ${hangMs} ms` }, undefined) });
    if (h + 1 < batchEnd) ranges.unshift([h + 1, batchEnd]);
    // Failures already reported for the mutants run again are not reported twice.
    if (counted < h) ranges.unshift([counted, h]);
  }
  return { seed: options.seed, done: Object.values(counts).reduce((a, b) => a + b, 0), counts, failures, ms: performance.now() - start };
}

/**
 * Renders the counts as a table: one line per format, one column per outcome.
 * @param report - a run's report.
 * @returns the table's lines.
 */
export function table(report: FuzzReport): string[] {
  const formats = [...new Set(Object.keys(report.counts).map((k) => k.split('\t')[0] as string))].sort();
  const lines: string[] = [];
  for (const format of formats) {
    const rows = Object.entries(report.counts)
      .filter(([k]) => k.startsWith(`${format}\t`))
      .sort((a, b) => b[1] - a[1]);
    const total = rows.reduce((a, [, v]) => a + v, 0);
    lines.push(`${format.padEnd(5)} ${String(total).padStart(8)}: ${rows.map(([k, v]) => `${k.split('\t')[1]} ${v}`).join(', ')}`);
  }
  return lines;
}
