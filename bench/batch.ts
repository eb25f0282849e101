/**
 * Batch conversion: many small responses, converted by one process per file, by one process
 * with `--out-dir … --jobs 1`, and with `--jobs 2`, side by side in one run.
 *
 * ```sh
 * node dist/bench/batch.js [--files 1000] [--sample 200] [--to json] [--repeat 1]
 * ```
 *
 * - **Data**: `--files` small GoGrid responses (1 to 5 objects of a rotating kind, about 1 to
 *   6 KB each), a third each JSON, XML and CSV, generated deterministically into
 *   `bench/data/batch-<files>/` (reused when present).
 * - **One process per file**: `gogrid-codec --to FORMAT -o OUT FILE`, one after the other, on
 *   the first `--sample` files (all of them with `--sample` equal to `--files`); the time is
 *   scaled to all files and labelled so. Start-up dominates it, so the scaling is close.
 * - **Batch**: `gogrid-codec --to FORMAT --out-dir OUT --jobs N DIR` under `/usr/bin/time`
 *   (wall time, peak RSS), median of `--repeat` runs.
 *
 * Results are checked (every output present; `--jobs 2` outputs byte-identical to `--jobs 1`;
 * the objects counted back equal the objects generated), printed, and written to the "Batch"
 * section of `bench/RESULTS-cli.md` (other sections are kept).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decode, encode, type Envelope, isEnvelope } from '../src/index.js';
import { BENCH_DIR, DATA_DIR } from './generate.js';
import { KINDS, METHODS, ObjectFactory } from './objects.js';
import { BATCH_SECTION as SECTION, writeSection } from './results-file.js';
import { Random } from './random.js';

const CLI = join(BENCH_DIR, '..', 'dist', 'src', 'cli', 'main.js');
const FORMATS = ['json', 'xml', 'csv'] as const;

/** Writes the files (once) and returns their directory and the objects they hold. */
function generate(files: number): { dir: string; objects: number } {
  const dir = join(DATA_DIR, `batch-${files}`);
  const meta = join(dir, '.meta.json');
  if (existsSync(meta)) return { dir, objects: (JSON.parse(readFileSync(meta, 'utf8')) as { objects: number }).objects };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = new Random(16);
  const factory = new ObjectFactory(r);
  let objects = 0;
  for (let i = 0; i < files; i++) {
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const count = r.int(1, 5);
    const list = Array.from({ length: count }, () => factory.make(kind));
    const doc: Envelope = { list, summary: { total: count, start: 0, numpages: 0, returned: count }, status: 'success', method: METHODS[kind] };
    const format = FORMATS[i % FORMATS.length] as (typeof FORMATS)[number];
    writeFileSync(join(dir, `r${String(i).padStart(5, '0')}.${format}`), encode(doc, { format }));
    objects += count;
  }
  writeFileSync(meta, JSON.stringify({ files, objects }));
  return { dir, objects };
}

interface Run {
  seconds: number;
  rssMB: number;
}

function timed(args: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  if (r.status !== 0) throw new Error(`gogrid-codec ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const [seconds, kib] = last.split(' ').map(Number);
  return { seconds: seconds ?? NaN, rssMB: (kib ?? NaN) / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Objects in every output of a directory (decoded back). */
function countObjects(dir: string): { files: number; objects: number } {
  let objects = 0;
  const names = readdirSync(dir);
  for (const name of names) {
    const doc = decode(readFileSync(join(dir, name)));
    objects += isEnvelope(doc) ? doc.list.length : 1;
  }
  return { files: names.length, objects };
}

function sameFiles(a: string, b: string): boolean {
  const names = readdirSync(a).sort();
  if (names.join('\n') !== readdirSync(b).sort().join('\n')) return false;
  return names.every((n) => readFileSync(join(a, n)).equals(readFileSync(join(b, n))));
}


function main(): void {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '1000' },
      sample: { type: 'string', default: '200' },
      to: { type: 'string', default: 'json' },
      repeat: { type: 'string', default: '1' },
      'no-write': { type: 'boolean' },
    },
  });
  const files = Number(values.files);
  const sample = Math.min(files, Number(values.sample));
  const repeat = Number(values.repeat);
  const to = values.to;
  const started = Date.now();
  const load = loadavg()[0] ?? 0;
  const { dir, objects } = generate(files);
  const inputBytes = readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .reduce((sum, n) => sum + readFileSync(join(dir, n)).length, 0);
  const tmp = join(BENCH_DIR, 'tmp', 'batch');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'single'), { recursive: true });

  // One process per file, on a sample.
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .slice(0, sample);
  const t0 = process.hrtime.bigint();
  let singleRss = 0;
  for (const name of names) {
    const run = timed(['--to', to, '-o', join(tmp, 'single', name.replace(/\.\w+$/, `.${to}`)), join(dir, name)]);
    singleRss = Math.max(singleRss, run.rssMB);
  }
  const sampleSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const perProcess = (sampleSeconds / sample) * files;

  const batch = (jobs: number): Run => {
    const runs: Run[] = [];
    for (let k = 0; k < repeat; k++) {
      rmSync(join(tmp, `jobs${jobs}`), { recursive: true, force: true });
      runs.push(timed(['--to', to, '--out-dir', join(tmp, `jobs${jobs}`), '--jobs', String(jobs), '--no-progress', dir]));
    }
    return { seconds: median(runs.map((r) => r.seconds)), rssMB: Math.max(...runs.map((r) => r.rssMB)) };
  };
  const jobs1 = batch(1);
  const jobs2 = batch(2);

  const counted = countObjects(join(tmp, 'jobs1'));
  if (counted.files !== files || counted.objects !== objects) throw new Error(`--jobs 1 wrote ${counted.files} files, ${counted.objects} objects; expected ${files}, ${objects}`);
  if (!sameFiles(join(tmp, 'jobs1'), join(tmp, 'jobs2'))) throw new Error('--jobs 2 outputs differ from --jobs 1');
  for (const name of readdirSync(join(tmp, 'single'))) {
    if (!readFileSync(join(tmp, 'single', name)).equals(readFileSync(join(tmp, 'jobs1', name)))) throw new Error(`${name}: one process per file and --jobs 1 differ`);
  }

  const fmt = (s: number): string => s.toFixed(2);
  const scaled = sample === files ? '' : ` (measured on ${sample} files: ${fmt(sampleSeconds)} s, scaled ×${(files / sample).toFixed(1)})`;
  const text = `${SECTION}

- Date: ${new Date().toISOString()}
- Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${type()}; load average ${load.toFixed(2)} at the start${load > 1 ? ' (**measured under load**: the machine was shared; ratios are indicative)' : ''}
- Node: ${process.version}
- Command: \`node dist/bench/batch.js --files ${files} --sample ${sample} --to ${to} --repeat ${repeat}\`
- Data: ${files.toLocaleString('en-US')} responses (${objects.toLocaleString('en-US')} objects, ${(inputBytes / 1e6).toFixed(2)} MB; JSON, XML and CSV in turn) → ${to}; checked: every output written, objects counted back, \`--jobs 2\` and one process per file byte-identical to \`--jobs 1\`
- Total: ${((Date.now() - started) / 1000).toFixed(0)} s

| how | wall s | files/s | vs one process per file | vs --jobs 1 | peak RSS MB |
|---|--:|--:|--:|--:|--:|
| one process per file | ${fmt(perProcess)}${scaled} | ${(files / perProcess).toFixed(0)} | 1.0× | | ${singleRss.toFixed(0)} (one conversion) |
| \`--out-dir --jobs 1\` | ${fmt(jobs1.seconds)} | ${(files / jobs1.seconds).toFixed(0)} | ${(perProcess / jobs1.seconds).toFixed(1)}× | 1.00× | ${jobs1.rssMB.toFixed(0)} |
| \`--out-dir --jobs 2\` | ${fmt(jobs2.seconds)} | ${(files / jobs2.seconds).toFixed(0)} | ${(perProcess / jobs2.seconds).toFixed(1)}× | ${(jobs1.seconds / jobs2.seconds).toFixed(2)}× | ${jobs2.rssMB.toFixed(0)} |

Goals: \`--jobs 1\` ≥ 50× faster than one process per file; \`--jobs 2\` ≥ 1.6× faster than \`--jobs 1\` on two free cores; peak RSS ≤ jobs × one conversion's (here ${(jobs2.rssMB / singleRss).toFixed(2)}× one conversion's with 2 jobs). Each process, worker thread included, pays Node's start-up once; \`--jobs N\` converts in the main thread and N − 1 worker threads.
`;
  process.stdout.write(text);
  if (values['no-write'] !== true) writeSection(SECTION, text);
  rmSync(tmp, { recursive: true, force: true });
}

main();
