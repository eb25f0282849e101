/**
 * `gogrid-codec --to FORMAT --out-dir DIR [--jobs N] FILE…`: many inputs, one output each, on
 * worker threads.
 *
 * Which files: see {@link listInputs} (a FILE that is a file, whatever its name; the response
 * files below a directory, in name order, hidden names skipped). Where to: `DIR/<name>.<ext>`, where `<name>`
 * is the file's name without its extension (when it is one of those) and `<ext>` the target
 * format's; files found in a directory keep their path below it (`DIR/sub/a.json`). Two inputs
 * that would make the same output are refused before anything is converted (exit 2).
 *
 * Each output is written like `-o` writes a file (a temporary file renamed over the target on
 * success). One failure does not stop the others: each is reported `FILE:LINE:COL: CODE …` in the
 * order of the inputs, then a summary line; the exit status is 1 when any failed.
 */
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OutputFormat } from '../options.js';
import { type CommandArgs, UsageError } from './args.js';
import { convertFile, type FileOutcome, type FileTask } from './convert-file.js';
import { decodeOptionsFor } from './input-format.js';
import { listInputs } from './inputs.js';
import { ioError } from './io-error.js';
import { Progress, wantProgress } from './progress.js';
import { BAD_INPUT, errorLine } from './report.js';
import { onSignalCleanup } from './signals.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** The extensions replaced in output names (the names a directory walk takes). */
const INPUT_NAME = /\.(json|xml|csv|ndjson|jsonl)$/i;

const EXTENSIONS: Readonly<Record<OutputFormat, string>> = { json: '.json', xml: '.xml', csv: '.csv', ndjson: '.ndjson' };

/** One input of the batch and where it goes. */
interface Planned {
  readonly input: string;
  readonly output: string;
  readonly size: number;
}

/**
 * Lists the inputs of a batch and their outputs (see the module comment for the rule): one
 * entry per input, in order; an argument that cannot be read is an entry whose conversion will
 * fail with `IO_READ_FAILED`. Two inputs that would make the same output are a UsageError.
 */
function planBatch(files: readonly string[], outDir: string, to: OutputFormat): Planned[] {
  const ext = EXTENSIONS[to];
  const target = (name: string): string => (INPUT_NAME.test(name) ? name.replace(INPUT_NAME, ext) : `${name}${ext}`);
  const out: Planned[] = listInputs(files).map((found) => ({ input: found.path, output: join(outDir, target(found.below ?? basename(found.path))), size: found.size }));
  const seen = new Map<string, string>();
  for (const p of out) {
    const key = resolve(p.output);
    const other = seen.get(key);
    if (other !== undefined) throw new UsageError(`${other} and ${p.input} would both be written to ${p.output}`);
    seen.set(key, p.input);
  }
  return out;
}

/**
 * Runs a batch.
 * @param args - the parsed command line (`outDir` and `to` set).
 * @returns the exit status: 0 when every input was converted, else 1.
 * @throws UsageError when two inputs would make the same output.
 * @example
 * ```ts
 * process.exitCode = await runBatch(parseCommand('convert', ['--to', 'json', '--out-dir', 'out', 'dumps/']));
 * ```
 */
export async function runBatch(args: CommandArgs): Promise<number> {
  const to = args.to as OutputFormat;
  const outDir = args.outDir as string;
  const planned = planBatch(args.files, outDir, to);
  // One spill folder for the whole batch, owned by the main thread: a signal removes it with every
  // worker thread's spill files in it (a worker's own clean-up list is not the main thread's).
  const spillDir = mkdtempSync(join(tmpdir(), 'gogrid-codec-batch-'));
  try {
    return await runTasks(args, to, outDir, planned, spillDir);
  } finally {
    rmSync(spillDir, { recursive: true, force: true });
  }
}

async function runTasks(args: CommandArgs, to: OutputFormat, outDir: string, planned: Planned[], spillDir: string): Promise<number> {
  const tasks: FileTask[] = planned.map((p) => ({ input: p.input, output: p.output, decode: decodeOptionsFor(args.input, p.input), to, encode: args.encode, validate: args.validate, spillDir }));
  const totalBytes = planned.reduce((sum, p) => sum + p.size, 0);
  const progress = wantProgress(args.progress, false) ? new Progress(undefined, process.stderr) : undefined;
  let bytes = 0;
  let done = 0;
  const outcomes: (FileOutcome | undefined)[] = [];
  let reported = 0;
  let failed = 0;
  const finish = (index: number, outcome: FileOutcome): void => {
    outcomes[index] = outcome;
    done++;
    if (!outcome.ok) failed++;
    // Diagnostics in the order of the inputs, whatever order the workers finish in.
    while (reported < tasks.length && outcomes[reported] !== undefined) {
      const report = (outcomes[reported] as FileOutcome).report;
      if (report !== '') {
        progress?.clear();
        process.stderr.write(report);
      }
      reported++;
    }
    progress?.files(done, tasks.length, bytes, totalBytes);
  };
  const read = (n: number): void => {
    bytes += n;
    progress?.files(done, tasks.length, bytes, totalBytes);
  };
  // Output directories first, once each, so that conversions only create files.
  const prepared = tasks.map((t) => prepare(t));
  // A task whose output is its own input, or whose directory cannot be made, fails up front.
  const runnable: number[] = [];
  prepared.forEach((problem, i) => {
    if (problem === undefined) runnable.push(i);
  });
  const jobs = Math.max(1, Math.min(args.jobs, runnable.length));
  const inFlight = new Set<number>();
  const forget = onSignalCleanup(() => {
    // The workers' temporary files are in the output directories: remove those of unfinished tasks.
    for (const i of inFlight) removeTemporaries((tasks[i] as FileTask).output);
    rmSync(spillDir, { recursive: true, force: true });
  });
  try {
    let next = 0;
    const runOne = async (thread: Worker | undefined): Promise<void> => {
      let worker = thread;
      for (;;) {
        // Failures found up front are reported in their place in the order.
        while (next < tasks.length && prepared[next] !== undefined) {
          const i = next++;
          finish(i, { ok: false, bytes: 0, report: prepared[i] as string });
        }
        if (next >= tasks.length) return;
        const i = next++;
        inFlight.add(i);
        const { outcome, crashed } = worker === undefined ? { outcome: await inProcess(tasks[i] as FileTask, read), crashed: false } : await inWorker(worker, i, tasks[i] as FileTask, read);
        // A worker that died takes no more tasks; its share runs here.
        if (crashed) worker = undefined;
        inFlight.delete(i);
        finish(i, outcome);
      }
    };
    // The main thread converts too: N jobs are the main thread and N − 1 worker threads, so
    // --jobs 1 starts no thread and --jobs 2 pays for one thread's start-up, not two.
    const workers = Array.from({ length: jobs - 1 }, () => new Worker(new URL('./worker.js', import.meta.url)));
    try {
      await Promise.all([runOne(undefined), ...workers.map((w) => runOne(w))]);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  } finally {
    forget();
    progress?.clear();
  }
  const converted = tasks.length - failed;
  process.stderr.write(`gogrid-codec: ${converted} converted, ${failed} failed (${tasks.length} file${tasks.length === 1 ? '' : 's'}, ${bytes.toLocaleString('en-US')} bytes read) into ${outDir}\n`);
  return failed > 0 ? BAD_INPUT : 0;
}

/** Makes the task's output directory; a diagnostic when that fails or the output is the input itself. */
function prepare(task: FileTask): string | undefined {
  try {
    mkdirSync(dirname(task.output), { recursive: true });
  } catch (e) {
    return errorLine(ioError('IO_WRITE_FAILED', task.output, 'cannot create the output directory', e), task.input);
  }
  try {
    if (realpathSync(task.output) === realpathSync(task.input)) {
      return errorLine(ioError('IO_WRITE_FAILED', task.output, `is the input ${task.input} itself; refused, as cp would`), task.input);
    }
  } catch {
    // One of them does not exist: they are not the same file.
  }
  return undefined;
}

async function inProcess(task: FileTask, read: (n: number) => void): Promise<FileOutcome> {
  try {
    return await convertFile(task, read);
  } catch (e) {
    return { ok: false, bytes: 0, report: `${task.input}: internal error: ${(e as Error).stack ?? String(e)}\n` };
  }
}

function inWorker(worker: Worker, id: number, task: FileTask, read: (n: number) => void): Promise<{ outcome: FileOutcome; crashed: boolean }> {
  return new Promise((resolveOutcome) => {
    const onMessage = (reply: WorkerReply): void => {
      if (reply.id !== id) return;
      if (reply.kind === 'bytes') {
        read(reply.bytes);
        return;
      }
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolveOutcome({ outcome: { ok: reply.ok, bytes: reply.bytes, report: reply.report }, crashed: false });
    };
    const onError = (e: Error): void => {
      worker.off('message', onMessage);
      resolveOutcome({ outcome: { ok: false, bytes: 0, report: `${task.input}: internal error: ${e.stack ?? String(e)}\n` }, crashed: true });
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ id, task } satisfies WorkerRequest);
  });
}

/** Removes the temporary files `-o`'s safe write makes beside `output` (`.NAME.RANDOM.tmp`). */
function removeTemporaries(output: string): void {
  const prefix = `.${basename(output)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(output));
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(output), name), { force: true });
}
