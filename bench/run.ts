/**
 * The benchmark runner. For each dataset and format it runs every contender in a child process
 * of its own (`child.js`), one at a time, N times round-robin, checks each result, and prints
 * one table per file: median MB/s, the ratio to the group's reference and to the read floor
 * measured in the same run, and peak RSS. See `bench/README.md`.
 *
 * ```sh
 * npm run bench                       # loadbalancer 1, 10, 100 MB + server, image, job 10 MB; 3 repeats, warm passes too
 * npm run bench -- --quick            # loadbalancer 1 and 10 MB, 3 repeats, peers at 1 MB only
 * npm run bench -- --sizes 10 --kinds loadbalancer,server --only gogrid --repeat 3 --no-write
 * ```
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Measurement } from './child.js';
import type { Contender, Task } from './contender.js';
import { CONTENDERS } from './contenders/index.js';
import { BENCH_DIR, type Dataset, datasetName, ensureDataset, FORMATS, type Format } from './generate.js';
import { KINDS, type Kind } from './objects.js';
import { chart, type ColdRow, type DatasetReport, fixed, median, readmeBlock, REFERENCES, replaceBlock, steadyTable, SUMMARY_LEGEND, summaryTable } from './report.js';
import type { SteadyResult } from './steady.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const CHILD = join(HERE, 'child.js');
const STEADY = join(HERE, 'steady.js');

/** A mistake on the command line: reported without a stack trace. */
class UsageError extends Error {}

/** The resolved command line. */
interface Plan {
  datasets: { kind: Kind; mb: number }[];
  repeat: number;
  only: string | undefined;
  quick: boolean;
  write: boolean;
  timeoutSeconds: number;
  /** Timed passes of the steady-state measurements (0: none). */
  steadyPasses: number;
  /** The default full run: the only one that writes `RESULTS.md` and may update the README. */
  full: boolean;
  /** The README whose generated block is rewritten, if any. */
  readme: string | undefined;
}

/** One contender on one file of one dataset. */
interface Slot {
  contender: Contender;
  format: Format;
  /** The file given to the child: the file in `format`, or the JSON file for encoders. */
  input: string;
  /** Why it is not measured (missing package, too big), if it is not. */
  skipped?: string;
  /** Why it stopped being measured (crash, out of memory, timeout). */
  failed?: string;
  /** Set when a run's result did not check out. */
  wrong?: string;
  runs: Measurement[];
}

const READ_FLOOR = 'read file';

const OPTIONS = {
  quick: { type: 'boolean', default: false },
  only: { type: 'string' },
  sizes: { type: 'string' },
  kinds: { type: 'string' },
  repeat: { type: 'string' },
  'no-write': { type: 'boolean', default: false },
  timeout: { type: 'string', default: '300' },
  'steady-passes': { type: 'string' },
  'no-steady': { type: 'boolean', default: false },
  'update-readme': { type: 'boolean', default: false },
  readme: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

const USAGE = `usage: node dist/bench/run.js [--quick] [--sizes 1,10,100] [--kinds loadbalancer,server,image,job]
                          [--only <substring,…>] [--repeat N] [--timeout S] [--no-write]
                          [--steady-passes N] [--no-steady] [--update-readme [--readme FILE]]
(see bench/README.md)`;

function parsePlan(argv: string[]): Plan | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) return undefined;

  const sizes = values.sizes?.split(',').map((s) => positive(s, '--sizes'));
  const kinds = values.kinds?.split(',').map((k) => {
    if (!KINDS.includes(k as Kind)) throw new UsageError(`--kinds takes ${KINDS.join(', ')} (got ${JSON.stringify(k)})`);
    return k as Kind;
  });
  let datasets: { kind: Kind; mb: number }[];
  if (sizes === undefined && kinds === undefined) {
    datasets = values.quick
      ? [1, 10].map((mb) => ({ kind: 'loadbalancer' as const, mb }))
      : [...[1, 10, 100].map((mb) => ({ kind: 'loadbalancer' as const, mb })), ...(['server', 'image', 'job'] as const).map((kind) => ({ kind, mb: 10 }))];
  } else {
    datasets = [];
    for (const kind of kinds ?? ['loadbalancer']) for (const mb of sizes ?? [10]) datasets.push({ kind, mb });
  }
  const full = !values.quick && sizes === undefined && kinds === undefined && values.only === undefined;
  let readme: string | undefined;
  if (values['update-readme']) {
    readme = values.readme ?? join(ROOT, 'README.md');
    // The README shows the full run only: a quick or partial run must not replace its numbers.
    if (!full && values.readme === undefined) throw new UsageError('--update-readme takes the full run only (no --quick, --sizes, --kinds or --only), or an explicit --readme FILE');
    if (values['no-write']) throw new UsageError('--update-readme needs the results written (no --no-write)');
  }
  let steadyPasses = values['steady-passes'] === undefined ? 3 : positive(values['steady-passes'], '--steady-passes');
  if (values['no-steady'] || (values.only !== undefined && !selects(values.only, 'steady'))) steadyPasses = 0;
  return {
    datasets,
    repeat: values.repeat === undefined ? 3 : positive(values.repeat, '--repeat'),
    only: values.only,
    quick: values.quick,
    write: !values['no-write'],
    timeoutSeconds: positive(values.timeout, '--timeout'),
    steadyPasses,
    full,
    readme,
  };
}

function positive(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option} takes positive numbers (got ${JSON.stringify(text)})`);
  return n;
}

/** The reference a slot's ratio uses. */
function referenceOf(task: Task, format: Format): string {
  return task === 'read' ? READ_FLOOR : REFERENCES[task][format];
}

/** Whether `--only` (comma-separated substrings) selects the contender called `name`. */
function selects(only: string, name: string): boolean {
  return only.split(',').some((part) => part !== '' && name.includes(part));
}

/**
 * The slots of one dataset: every contender on every format it handles, filtered by `--only`
 * (references and the read floor stay, so ratios can be computed). `--quick` measures peers
 * and extras on the 1 MB files only, unless `--only` names them, to stay under two minutes.
 */
function slotsFor(ds: Dataset, plan: Plan): Slot[] {
  const slots: Slot[] = [];
  for (const format of FORMATS) {
    const wanted = CONTENDERS.filter(
      (c) => c.formats.includes(format) && (plan.only === undefined ? !(plan.quick && ds.mb > 1 && (c.group === 'peer' || c.extra === true)) : selects(plan.only, c.name)),
    );
    const needed = new Set(wanted.map((c) => referenceOf(c.task, format)));
    if (wanted.length > 0) needed.add(READ_FLOOR);
    for (const contender of CONTENDERS) {
      if (!contender.formats.includes(format)) continue;
      if (!wanted.includes(contender) && !needed.has(contender.name)) continue;
      const slot: Slot = { contender, format, input: contender.task === 'encode' ? ds.files.json : ds.files[format], runs: [] };
      const missing = contender.packages.filter((p) => !existsSync(join(ROOT, 'node_modules', p, 'package.json')));
      const absent = (contender.commands ?? []).filter((command) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
      if (missing.length > 0 || absent.length > 0) slot.skipped = `skipped (${[...missing, ...absent].join(', ')} not installed)`;
      else if (contender.maxMB !== undefined && ds.mb > contender.maxMB) slot.skipped = `skipped (whole-document, over ${contender.maxMB} MB)`;
      slots.push(slot);
    }
  }
  return slots;
}

/** Runs one measurement in a fresh process. */
function measure(slot: Slot, timeoutSeconds: number): Promise<Measurement> {
  return runChild<Measurement>([CHILD, slot.contender.name, slot.input, slot.format], timeoutSeconds, 'child output');
}

/** Runs the steady-state measurements of one file and task in a fresh process (`steady.js`). */
function measureSteady(task: 'decode' | 'encode', file: string, format: Format, plan: Plan): Promise<SteadyResult> {
  return runChild<SteadyResult>([STEADY, task, file, format, String(plan.steadyPasses)], plan.timeoutSeconds, 'steady-state output');
}

/** Runs a bench script in a fresh process and reads the one JSON value it prints. */
function runChild<T>(script: readonly string[], timeoutSeconds: number, what: string): Promise<T> {
  const args = ['--expose-gc', '--max-old-space-size=4096', ...script];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(failureReason(err, code, signal, timeoutSeconds)));
      try {
        resolvePromise(JSON.parse(out) as T);
      } catch {
        reject(new Error(`unreadable ${what} ${JSON.stringify(out.slice(0, 200))}`));
      }
    });
  });
}

/** A short reason for a failed child, for the table. */
function failureReason(stderr: string, code: number | null, signal: NodeJS.Signals | null, timeoutSeconds: number): string {
  if (/heap out of memory|Allocation failed|Invalid string length|Cannot create a string longer/i.test(stderr)) return 'out of memory';
  if (signal === 'SIGKILL') return `killed: over the ${timeoutSeconds} s time limit, or by the OS`;
  const line = stderr.split('\n').find((l) => /^\w*(Error|Exception)\b|^CodecError/.test(l.trim())) ?? stderr.split('\n').find((l) => l.trim() !== '');
  return (line?.trim() ?? `exit code ${code ?? signal ?? '?'}`).slice(0, 160);
}

/** Checks a run against the dataset; returns what is wrong, if anything. */
function check(slot: Slot, m: Measurement, ds: Dataset): string | undefined {
  if (slot.contender.task === 'read') return m.bytes === ds.bytes[slot.format] ? undefined : `read ${m.bytes ?? '?'} bytes of ${ds.bytes[slot.format]}`;
  if (m.objects !== ds.objects) return `counted ${m.objects ?? '?'} objects, expected ${ds.objects}`;
  if (slot.contender.task === 'encode' && !(m.chars !== undefined && m.chars > 0)) return 'produced no text';
  return undefined;
}

/** Bytes per second of a slot: input bytes, or for encoders the size of our file in that format. */
function mbPerSecond(slot: Slot, ds: Dataset): number | undefined {
  if (slot.runs.length === 0 || slot.failed !== undefined || slot.wrong !== undefined) return undefined;
  return ds.bytes[slot.format] / 1e6 / (median(slot.runs.map((r) => r.ms)) / 1000);
}

/** The markdown table of one file. */
function table(slots: Slot[], ds: Dataset, format: Format): string {
  const mine = slots.filter((s) => s.format === format);
  const speed = (name: string, task: Task): number | undefined => {
    const ref = mine.find((s) => s.contender.name === name && (name === READ_FLOOR || s.contender.task === task));
    return ref === undefined ? undefined : mbPerSecond(ref, ds);
  };
  const lines = ['| contender | group | task | median ms | MB/s | × reference | × read file | peak RSS MB |', '|---|---|---|--:|--:|--:|--:|--:|'];
  const order: Task[] = ['read', 'decode', 'encode'];
  for (const slot of [...mine].sort((a, b) => order.indexOf(a.contender.task) - order.indexOf(b.contender.task))) {
    const { name, group, task } = slot.contender;
    const label = group === 'ours' ? `**${name}**` : name;
    const note = slot.skipped ?? (slot.wrong !== undefined ? `**WRONG RESULT** (${slot.wrong})` : slot.failed !== undefined ? `failed (${slot.failed})` : undefined);
    const speedOf = mbPerSecond(slot, ds);
    if (note !== undefined || speedOf === undefined) {
      lines.push(`| ${label} | ${group} | ${task} | ${note ?? 'not run'} | | | | |`);
      continue;
    }
    const reference = speed(referenceOf(task, format), task);
    const floor = speed(READ_FLOOR, 'read');
    const ratio = (base: number | undefined): string => (base === undefined ? '—' : `${fixed(speedOf / base, 2)}×`);
    const ms = median(slot.runs.map((r) => r.ms));
    const rss = Math.max(...slot.runs.map((r) => r.maxRssMB));
    lines.push(`| ${label} | ${group} | ${task} | ${fixed(ms, 1)} | ${fixed(speedOf, 1)} | ${task === 'read' ? '' : ratio(reference)} | ${ratio(floor)} | ${fixed(rss, 0)} |`);
  }
  return lines.join('\n');
}

function datasetTables(slots: Slot[], steady: readonly SteadyResult[], ds: Dataset, plan: Plan): string {
  const name = datasetName(ds.kind, ds.mb);
  const sizes = FORMATS.map((f) => `${f.toUpperCase()} ${fixed(ds.bytes[f] / 1e6, 1)} MB`).join(', ');
  const parts = [`## ${name}: ${ds.objects.toLocaleString('en-US')} ${ds.kind} objects (${sizes}); median of ${plan.repeat}`];
  if (plan.quick && plan.only === undefined) parts.push('`--quick`: peers on the 1 MB files only; at 10 MB references and ours (peers at every size are in the full run, or name them with `--only`).');
  for (const format of FORMATS) {
    if (!slots.some((s) => s.format === format)) continue;
    const refs = `decoders vs ${REFERENCES.decode[format]}, encoders vs ${REFERENCES.encode[format]}`;
    parts.push(`### ${name}.${format}\n\nCold (a fresh process per run; ${refs}):\n\n${table(slots, ds, format)}`);
    for (const result of steady) if (result.format === format) parts.push(steadyTable(ds, result));
  }
  return parts.join('\n\n');
}

function machine(): string {
  const cpu = cpus();
  let os = `${type()} ${release()} ${arch()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty !== undefined) os = `${pretty} (${os})`;
  } catch {
    // Not Linux: the kernel name is enough.
  }
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${fixed(totalmem() / 2 ** 30, 1)} GiB RAM, ${os}`;
}

const HOW_TO_READ = `How to read this: each row is one contender on one file, run ${'`N`'} times, each time in a
fresh Node process (\`--max-old-space-size=4096\`). **median ms** is the median wall time of the
timed part only (set-up such as building the tree to encode is not timed). **MB/s** is the file's
size in MB (10^6 bytes) divided by that time: for decoders the input file, for encoders *our*
output file of the same data in that format (so every encoder of a format is divided by the same
size, whatever it writes). **× reference** compares MB/s with the group's reference measured in
the same run (JSON decoders vs \`JSON.parse\`, JSON encoders vs \`JSON.stringify\`, XML decoders vs
\`saxes tokenize\`, CSV decoders vs \`papaparse tokenize\`, XML encoders vs fast-xml-parser
\`XMLBuilder\`, CSV encoders vs papaparse \`unparse\`): above 1× is faster. **× read file** compares
with \`fs.readFile\` of the same file, the floor nobody beats. **peak RSS MB** is the largest peak
resident set size of the whole child process over the runs, set-up included (encoders hold the
whole tree; streaming decoders should stay flat as files grow). Every run checks its result
(objects counted, bytes read); a wrong count, or any failure of ours or of a reference, fails the
benchmark (exit code 1). 1 MB timings are dominated by start-up and JIT warm-up.

Below each cold table, the **steady-state** tables: one process per file and task, the text (or
the tree) in memory, warm-up passes, then \`S\` timed passes of each contender round-robin, the
median reported. The decoders' references there are their own tokenizers given exactly what ours
gives them (recorded during an untimed pass of ours): that is the floor a decoder built on them
cannot beat. **ours ÷** is MB/s of ours over MB/s of the row named in *compared with*.`;

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const plan = parsePlan(process.argv.slice(2));
  if (plan === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const only = plan.only;
  if (only !== undefined && !CONTENDERS.some((c) => selects(only, c.name))) {
    throw new UsageError(`--only ${JSON.stringify(only)} matches no contender; they are: ${CONTENDERS.map((c) => c.name).join(', ')}`);
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const sections: string[] = [];
  const reports: DatasetReport[] = [];
  const problems: string[] = [];
  let generationSeconds = 0;
  for (const { kind, mb } of plan.datasets) {
    const t = Date.now();
    const ds = await ensureDataset(kind, mb, { log });
    generationSeconds += (Date.now() - t) / 1000;
    const slots = slotsFor(ds, plan);
    const live = (): Slot[] => slots.filter((s) => s.skipped === undefined && s.failed === undefined && s.wrong === undefined);
    for (let rep = 1; rep <= plan.repeat; rep++) {
      for (const slot of live()) {
        const label = `${datasetName(kind, mb)}.${slot.format} ${rep}/${plan.repeat} ${slot.contender.name}`;
        const t0 = Date.now();
        try {
          const m = await measure(slot, plan.timeoutSeconds);
          const problem = check(slot, m, ds);
          if (problem !== undefined) {
            slot.wrong = problem;
            problems.push(`${label}: ${problem}`);
            log(`${label}: WRONG RESULT: ${problem}`);
            continue;
          }
          slot.runs.push(m);
          log(`${label}: ${fixed(m.ms, 1)} ms, ${fixed(m.maxRssMB, 0)} MB RSS (child ${fixed((Date.now() - t0) / 1000, 1)} s)`);
        } catch (error) {
          slot.failed = error instanceof Error ? error.message : String(error);
          log(`${label}: failed: ${slot.failed}`);
          // A peer may run out of memory on a big file; ours must not fail at all.
          if (slot.contender.group !== 'peer') problems.push(`${label}: failed: ${slot.failed}`);
        }
      }
    }
    const steady: SteadyResult[] = [];
    if (plan.steadyPasses > 0) {
      for (const format of FORMATS) {
        for (const task of ['decode', 'encode'] as const) {
          const label = `${datasetName(kind, mb)}.${format} steady ${task}`;
          const t0 = Date.now();
          try {
            const result = await measureSteady(task, task === 'decode' ? ds.files[format] : ds.files.json, format, plan);
            steady.push(result);
            log(`${label}: ${result.rows.map((r) => `${r.name} ${fixed(median(r.ms), 1)} ms`).join('; ')} (child ${fixed((Date.now() - t0) / 1000, 1)} s)`);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            log(`${label}: failed: ${reason}`);
            problems.push(`${label}: failed: ${reason}`);
          }
        }
      }
    }
    const cold: ColdRow[] = slots.map((slot) => {
      const note = slot.skipped ?? (slot.wrong !== undefined ? `wrong result (${slot.wrong})` : slot.failed !== undefined ? `failed (${slot.failed})` : undefined);
      return {
        format: slot.format,
        name: slot.contender.name,
        group: slot.contender.group,
        task: slot.contender.task,
        mbps: mbPerSecond(slot, ds),
        ...(slot.runs.length > 0 ? { rssMB: Math.max(...slot.runs.map((r) => r.maxRssMB)) } : {}),
        ...(note === undefined ? {} : { note }),
      };
    });
    reports.push({ ds, cold, steady });
    const section = datasetTables(slots, steady, ds, plan);
    process.stdout.write(`\n${section}\n`);
    sections.push(section);
  }
  const seconds = (Date.now() - started) / 1000;
  const command = `node dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim();
  const summary = `Total: ${fixed(seconds, 0)} s (of which data generation ${fixed(generationSeconds, 0)} s).`;
  process.stdout.write(`\n${summary}\n`);
  if (plan.write) {
    // Only the default full run writes the committed files; any other run has its own.
    const [resultsName, chartName] = plan.full ? ['RESULTS.md', 'results.svg'] : ['RESULTS-quick.md', 'results-quick.svg'];
    const date = new Date().toISOString();
    const header = [
      '# gogrid-codec benchmark results',
      '',
      `- Date: ${date}`,
      `- Machine: ${machine()}; load average ${fixed(loadBefore, 2)} at the start, ${fixed(loadavg()[0] ?? 0, 2)} at the end (anything above 0 is other work competing with the runs)`,
      `- Node: ${process.version}`,
      `- Command: \`${command}\` (after \`npm run build\`)`,
      `- ${summary}`,
      ...(plan.full ? [] : ['- **Not the full run** (`--quick`, `--sizes`, `--kinds` or `--only`): written to `RESULTS-quick.md`, never to `RESULTS.md`.']),
      `- Chart: [${chartName}](${chartName})`,
      '',
      '## Summary',
      '',
      summaryTable(reports),
      '',
      SUMMARY_LEGEND,
      '',
      '## How to read the tables',
      '',
      HOW_TO_READ.replace('`N`', String(plan.repeat)).replace('`S`', String(plan.steadyPasses)),
    ].join('\n');
    writeFileSync(join(BENCH_DIR, resultsName), `${header}\n\n${sections.join('\n\n')}\n`);
    log(`wrote ${join(BENCH_DIR, resultsName)}`);
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const provenance = `${date.slice(0, 10)}, ${cpu}, ${cpus().length} cores, Node ${process.version.slice(1)}, \`${command}\``;
    writeFileSync(join(BENCH_DIR, chartName), chart(reports, `gogrid-codec benchmark: ${provenance.replace(/`/g, '')}`));
    log(`wrote ${join(BENCH_DIR, chartName)}`);
    if (plan.readme !== undefined && problems.length > 0) {
      log(`not updating ${plan.readme}: measurements of ours or of a reference failed (below)`);
    } else if (plan.readme !== undefined) {
      writeFileSync(plan.readme, replaceBlock(readFileSync(plan.readme, 'utf8'), readmeBlock(reports, provenance, { results: resultsName, chart: chartName })));
      log(`updated the benchmark block of ${plan.readme}`);
    }
  }
  if (problems.length > 0) {
    process.stderr.write(`\nFAILED: ${problems.length} measurement(s) of ours or of a reference failed or did not check out:\n${problems.map((w) => `  ${w}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
