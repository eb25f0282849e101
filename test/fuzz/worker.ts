/**
 * The fuzzer's worker thread: checks mutants `from` … `to - 1` of a run, storing the number of
 * the mutant it is on in shared memory (so the watchdog can see a hang) and posting counts and
 * failures to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSeeds, mutant, random } from './mutate.js';
import { check } from './oracle.js';

/** What the main thread gives a worker. */
export interface WorkerInput {
  seed: number;
  from: number;
  to: number;
  corpus: string;
  progress: SharedArrayBuffer;
}

/** What a worker posts. */
export type WorkerMessage =
  | { type: 'counts'; counts: Record<string, number> }
  | { type: 'failure'; index: number; format: string; outcome: string; failure: string; seedName: string; mutations: string[]; bytes: Uint8Array }
  | { type: 'done'; counts: Record<string, number> };

const input = workerData as WorkerInput;
const port = parentPort;
if (port !== null) {
  const seeds = loadSeeds(input.corpus);
  const progress = new Int32Array(input.progress);
  let counts: Record<string, number> = {};
  for (let i = input.from; i < input.to; i++) {
    Atomics.store(progress, 0, i + 1);
    const m = mutant(seeds, input.seed, i);
    const v = check(m, random(i ^ 0x5bd1e995));
    const key = `${v.format}\t${v.outcome}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (v.failure !== undefined) {
      port.postMessage({ type: 'failure', index: i, format: v.format, outcome: v.outcome, failure: v.failure, seedName: m.seed, mutations: m.mutations, bytes: m.bytes } satisfies WorkerMessage);
    }
    if ((i - input.from) % 2000 === 1999) {
      port.postMessage({ type: 'counts', counts } satisfies WorkerMessage);
      counts = {};
    }
  }
  port.postMessage({ type: 'done', counts } satisfies WorkerMessage);
}
