/**
 * One measurement in a fresh process (so every contender starts with an empty heap and its
 * own peak RSS):
 *
 * ```sh
 * node --expose-gc dist/bench/child.js <contender name> <file> <format>
 * ```
 *
 * runs the contender's untimed `prepare`, collects garbage, times the run with
 * `process.hrtime.bigint()` and prints one JSON line on stdout:
 * `{ "ms": …, "objects": …, "chars": …, "bytes": …, "maxRssMB": … }`. Peak RSS covers the whole
 * process, `prepare` included (for encoders that is the tree they encode). Errors go to stderr
 * with a non-zero exit code.
 */
import type { Format } from './generate.js';
import type { Outcome } from './contender.js';
import { CONTENDERS } from './contenders/index.js';

/** What the child prints. */
export interface Measurement extends Outcome {
  /** Wall time of the timed run, in milliseconds. */
  ms: number;
  /** Peak resident set size of the whole process, in MB (2^20 bytes). */
  maxRssMB: number;
}

async function main(): Promise<void> {
  const [name, file, format] = process.argv.slice(2);
  const contender = CONTENDERS.find((c) => c.name === name);
  if (contender === undefined || file === undefined || format === undefined) {
    throw new Error(`usage: child.js <contender> <file> <format>; contenders: ${CONTENDERS.map((c) => c.name).join(', ')}`);
  }
  const run = await contender.prepare(file, format as Format);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const started = process.hrtime.bigint();
  const outcome = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // maxRSS is in KiB.
  const { rssMB, ...counts } = outcome;
  const result: Measurement = { ...counts, ms, maxRssMB: rssMB ?? process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
