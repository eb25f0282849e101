/**
 * The converter as a whole process, beside the command-line tools people would use instead, and
 * its memory converting large documents in all six directions.
 *
 * ```sh
 * node dist/bench/cli.js [--kind loadbalancer] [--mb 10] [--repeat 3] [--memory 1000] [--no-write]
 * ```
 *
 * - **Speed** (on the `--mb` dataset): gogrid-codec XML→JSON beside `xq` (Debian's `yq` package,
 *   installed as `xq-python` or `xq`), and CSV→JSON beside Miller (`mlr --icsv --ojson cat`, given
 *   the same rows as a plain CSV: Miller cannot read GoGrid's two `#` lines). Each run is one
 *   process under `/usr/bin/time`, output to /dev/null; the median wall time over `--repeat`
 *   runs, and the largest peak RSS.
 * - **Memory** (with `--memory MB`): the CLI converting documents of about MB megabytes in each of
 *   the six directions; peak RSS must stay under 150 MB (JSON sources put the envelope after the
 *   list, so JSON→XML and JSON→CSV spill to a temporary file; CSV output always does).
 *
 * Results are printed and written to `bench/RESULTS-cli.md`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { plainCsv } from './files.js';
import { BENCH_DIR, DATA_DIR, ensureDataset, type Format } from './generate.js';
import type { Kind } from './objects.js';
import { writeTop } from './results-file.js';

const CLI = join(BENCH_DIR, '..', 'dist', 'src', 'cli.js');
const RSS_LIMIT_MB = 150;

interface Run {
  seconds: number;
  rssMB: number;
}

/** Runs a command under /usr/bin/time with stdout to /dev/null; returns wall seconds and peak RSS. */
function timed(command: string, args: string[]): Run {
  const devnull = openSync('/dev/null', 'w');
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
    const lines = r.stderr.trim().split('\n');
    const last = lines[lines.length - 1] ?? '';
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${lines.slice(-5).join(' | ')}`);
    const [seconds, kib] = last.split(' ').map(Number);
    return { seconds: seconds ?? NaN, rssMB: (kib ?? NaN) / 1024 };
  } finally {
    closeSync(devnull);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function measure(command: string, args: string[], repeat: number): Run {
  const runs = Array.from({ length: repeat }, () => timed(command, args));
  return { seconds: median(runs.map((r) => r.seconds)), rssMB: Math.max(...runs.map((r) => r.rssMB)) };
}

function which(...names: string[]): string | undefined {
  for (const name of names) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  }
  return undefined;
}

interface Row {
  cells: string[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string', default: 'loadbalancer' },
      mb: { type: 'string', default: '10' },
      repeat: { type: 'string', default: '3' },
      memory: { type: 'string' },
      'no-write': { type: 'boolean' },
    },
  });
  const kind = values.kind as Kind;
  const mb = Number(values.mb);
  const repeat = Number(values.repeat);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const started = Date.now();
  const load = loadavg()[0] ?? 0;
  const out: string[] = [];
  const dataset = await ensureDataset(kind, mb, { log });
  const node = process.execPath;

  // ---- Speed beside xq and Miller
  const speed: Row[] = [];
  const xq = which('xq', 'xq-python');
  const mlr = which('mlr');
  const xml = dataset.files.xml;
  const csv = dataset.files.csv;
  const ours = (from: Format, file: string): Run => measure(node, [CLI, '--from', from, '--to', 'json', file], repeat);
  const row = (tool: string, direction: string, file: string, run: Run, base?: Run): Row => ({
    cells: [tool, direction, (statSync(file).size / 1e6 / run.seconds).toFixed(1), run.seconds.toFixed(2), base === undefined ? '' : `${(base.seconds / run.seconds).toFixed(1)}×`, run.rssMB.toFixed(0)],
  });
  log(`XML→JSON on ${xml}`);
  const oursXml = ours('xml', xml);
  if (xq !== undefined) {
    const theirs = measure(xq, ['-c', '.', xml], repeat);
    speed.push(row(`xq (${xq})`, 'XML→JSON', xml, theirs), row('gogrid-codec', 'XML→JSON', xml, oursXml, theirs));
  } else {
    speed.push(row('gogrid-codec', 'XML→JSON', xml, oursXml), { cells: ['xq', 'XML→JSON', 'not installed', '', '', ''] });
  }
  log(`CSV→JSON on ${csv}`);
  const oursCsv = ours('csv', csv);
  if (mlr !== undefined) {
    const plain = await plainCsv(csv);
    const theirs = measure(mlr, ['--icsv', '--ojson', 'cat', plain], repeat);
    speed.push(row(`Miller (${mlr})`, 'CSV→JSON', plain, theirs), row('gogrid-codec', 'CSV→JSON', csv, oursCsv, theirs));
  } else {
    speed.push(row('gogrid-codec', 'CSV→JSON', csv, oursCsv), { cells: ['Miller', 'CSV→JSON', 'not installed', '', '', ''] });
  }
  out.push(
    `## Speed: ${dataset.objects.toLocaleString('en-US')} ${kind} objects (XML ${(dataset.bytes.xml / 1e6).toFixed(1)} MB, CSV ${(dataset.bytes.csv / 1e6).toFixed(1)} MB), median of ${repeat}`,
    '',
    '| tool | direction | input MB/s | median s | gogrid-codec vs it | peak RSS MB |',
    '|---|---|--:|--:|--:|--:|',
    ...speed.map((r) => `| ${r.cells.join(' | ')} |`),
    '',
    'Whole processes, start-up included, output to /dev/null. Miller reads a plain copy of the same rows (no `#` lines); gogrid-codec reads the GoGrid file and types every value by the grammars.',
    '',
  );

  // ---- Memory in six directions
  if (values.memory !== undefined) {
    const size = Number(values.memory);
    const dir = join(DATA_DIR, 'big');
    // Sources of about `size` MB in each format (the dataset's size is its JSON file's).
    const sources: Record<Format, string> = {
      json: (await ensureDataset(kind, size, { dir, formats: ['json'], log })).files.json,
      xml: (await ensureDataset(kind, Math.round((size * dataset.bytes.json) / dataset.bytes.xml), { dir, formats: ['xml'], log })).files.xml,
      csv: (await ensureDataset(kind, Math.round((size * dataset.bytes.json) / dataset.bytes.csv), { dir, formats: ['csv'], log })).files.csv,
    };
    const rows: string[] = [];
    let worst = 0;
    for (const from of ['json', 'xml', 'csv'] as Format[]) {
      for (const to of ['json', 'xml', 'csv'] as Format[]) {
        if (from === to) continue;
        log(`${from}→${to} on ${sources[from]}`);
        const env = { ...process.env, TMPDIR: dir };
        const devnull = openSync('/dev/null', 'w');
        const r = spawnSync('/usr/bin/time', ['-f', '%e %M', node, CLI, '--from', from, '--to', to, sources[from]], { stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8', env });
        closeSync(devnull);
        const [seconds, kib] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
        const rss = (kib ?? NaN) / 1024;
        worst = Math.max(worst, rss);
        const inMB = statSync(sources[from]).size / 1e6;
        rows.push(`| ${from} → ${to} | ${inMB.toFixed(0)} | ${(seconds ?? NaN).toFixed(1)} | ${(inMB / (seconds ?? NaN)).toFixed(1)} | ${rss.toFixed(0)} | ${r.status === 0 && rss < RSS_LIMIT_MB ? 'yes' : `**no** (exit ${r.status})`} |`);
      }
    }
    out.push(
      `## Memory: converting about ${size} MB in each of the six directions`,
      '',
      `| direction | input MB | seconds | MB/s | peak RSS MB | under ${RSS_LIMIT_MB} MB |`,
      '|---|--:|--:|--:|--:|---|',
      ...rows,
      '',
      `Largest peak RSS: ${worst.toFixed(0)} MB. JSON sources (generated as GoGrid writes them, the summary after the list) make XML and CSV output wait for the envelope: objects spill to a temporary file. CSV output always spills, because its header needs every object.`,
      '',
    );
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# gogrid-codec command-line benchmark',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${type()}; load average ${load.toFixed(2)} at the start`,
    `- Node: ${process.version}`,
    `- Command: \`node dist/bench/cli.js ${process.argv.slice(2).join(' ')}\``,
    `- Total: ${((Date.now() - started) / 1000).toFixed(0)} s`,
    '',
  ];
  const text = [...header, ...out].join('\n');
  process.stdout.write(`${text}\n`);
  if (values['no-write'] !== true) writeTop(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
