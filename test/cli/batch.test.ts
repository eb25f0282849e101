/**
 * Batches through the spawned command: `--out-dir DIR FILE…` with directories walked by the
 * documented rule, a failing file among good ones, `--jobs 2` giving byte-identical outputs and
 * diagnostics to `--jobs 1`, names that would collide, an output that is its own input, the
 * progress bar counting files and bytes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CLI, cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const CORPUS = join(repoRoot, 'corpus');
const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-batch-test-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

const inputs = join(work, 'in');
mkdirSync(join(inputs, 'sub'), { recursive: true });
copyFileSync(join(CORPUS, 'grid.server.get', '001-server-get.xml'), join(inputs, 'server.xml'));
copyFileSync(join(CORPUS, 'common.lookup.list', '003-list-pattern.csv'), join(inputs, 'lookup.csv'));
copyFileSync(join(CORPUS, 'grid.image.get', '002-image-get.json'), join(inputs, 'sub', 'image.json'));
copyFileSync(join(CORPUS, 'invalid', 'json-trailing-comma.json'), join(inputs, 'sub', 'broken.json'));
writeFileSync(join(inputs, 'notes.txt'), 'not a response: skipped in a directory walk\n');
writeFileSync(join(inputs, '.hidden.json'), '{');
writeFileSync(join(inputs, 'sub', 'objects.jsonl'), '{"object":"option","id":1,"name":"a"}\n');

/** Every file below a directory, by relative path, with its bytes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

test('--out-dir: a directory is walked (responses only, no hidden names), one output each, a failing file does not stop the others', () => {
  const out = join(work, 'out1');
  // --no-envelope and --method apply to the NDJSON file only; the others have their envelopes.
  const r = cli(['--to', 'json', '--out-dir', out, '--jobs', '1', '--no-envelope', '--method', '/common/lookup/list', inputs]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, '');
  assert.deepEqual(Object.keys(tree(out)), ['lookup.json', 'server.json', join('sub', 'image.json'), join('sub', 'objects.json')]);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 2, r.stderr);
  assert.match(lines[0] as string, /in\/sub\/broken\.json:1:33: JSON_UNEXPECTED_CHARACTER /);
  assert.match(lines[1] as string, /^gogrid-codec: 4 converted, 1 failed \(5 files, [\d,]+ bytes read\) into /);
  // The outputs are what converting each file alone gives.
  assert.equal(readFileSync(join(out, 'server.json'), 'utf8'), cli(['--to', 'json', join(inputs, 'server.xml')]).stdout);
  assert.equal(readFileSync(join(out, 'sub', 'objects.json'), 'utf8'), cli(['--to', 'json', '--no-envelope', '--method', '/common/lookup/list', join(inputs, 'sub', 'objects.jsonl')]).stdout);
  assert.match(readFileSync(join(out, 'sub', 'objects.json'), 'utf8'), /"method":"\/common\/lookup\/list"/);
});

test('--jobs 2 writes byte-identical outputs and the same diagnostics as --jobs 1', () => {
  const one = join(work, 'jobs1');
  const two = join(work, 'jobs2');
  const xml = readdirSync(CORPUS).filter((d) => d !== 'invalid' && statSync(join(CORPUS, d)).isDirectory()).flatMap((d) => readdirSync(join(CORPUS, d)).filter((n) => n.endsWith('.xml')).map((n) => join(CORPUS, d, n)));
  const files = [inputs, ...xml];
  const a = cli(['--to', 'csv', '--out-dir', one, '--jobs', '1', ...files]);
  const b = cli(['--to', 'csv', '--out-dir', two, '--jobs', '2', ...files]);
  assert.equal(a.status, 1);
  assert.equal(b.status, 1);
  assert.equal(b.stderr.replace(two, one), a.stderr);
  const ta = tree(one);
  assert.ok(Object.keys(ta).length >= 10, Object.keys(ta).join(' '));
  assert.deepEqual(tree(two), ta);
});

test('files named directly are converted whatever their extension; a missing one is IO_READ_FAILED; exit 0 when all converted', () => {
  const odd = join(work, 'response.data');
  copyFileSync(join(CORPUS, 'grid.server.get', '001-server-get.json'), odd);
  const out = join(work, 'out3');
  const ok = cli(['--to', 'xml', '--out-dir', out, '--jobs', '2', odd, join(inputs, 'lookup.csv')]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /^gogrid-codec: 2 converted, 0 failed \(2 files/);
  assert.deepEqual(Object.keys(tree(out)), ['lookup.xml', 'response.data.xml']);
  const missing = cli(['--to', 'xml', '--out-dir', join(work, 'out4'), join(work, 'nope.json'), odd]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.json: IO_READ_FAILED /);
  assert.match(missing.stderr, /1 converted, 1 failed/);
});

test('two inputs that would make one output are refused before anything is written (exit 2); an output that is its input fails', () => {
  const out = join(work, 'out5');
  const r = cli(['--to', 'json', '--out-dir', out, join(CORPUS, 'grid.server.get', '001-server-get.xml'), join(CORPUS, 'grid.server.get', '001-server-get.csv')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /would both be written to /);
  assert.throws(() => statSync(out));
  const self = cli(['--to', 'csv', '--out-dir', inputs, join(inputs, 'lookup.csv')]);
  assert.equal(self.status, 1);
  assert.match(self.stderr, /lookup\.csv: IO_WRITE_FAILED .*is the input .* itself/);
  assert.equal(readFileSync(join(inputs, 'lookup.csv'), 'utf8'), readFileSync(join(CORPUS, 'common.lookup.list', '003-list-pattern.csv'), 'utf8'));
});

test('usage: --out-dir with -o or stdin, --jobs without --out-dir or not a count (exit 2)', () => {
  for (const args of [
    ['--to', 'json', '--out-dir', work, '-o', join(work, 'x'), inputs],
    ['--to', 'json', '--out-dir', work],
    ['--to', 'json', '--out-dir', work, '-'],
    ['--to', 'json', '--jobs', '2', inputs],
    ['--to', 'json', '--out-dir', work, '--jobs', '0', inputs],
    ['--to', 'json', '--out-dir', work, '--jobs', 'many', inputs],
  ]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^gogrid-codec: /);
  }
});

test('--progress draws files and bytes on stderr, then clears it before the summary', () => {
  const r = cli(['--to', 'json', '--out-dir', join(work, 'out6'), '--jobs', '1', '--progress', join(inputs, 'server.xml'), join(inputs, 'lookup.csv')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /2 \/ 2 files [\d.]+ \/ [\d.]+ MB/);
  assert.match(r.stderr, /\r\x1b\[K(\r[^\n]*\x1b\[K)*gogrid-codec: 2 converted|\x1b\[Kgogrid-codec: 2 converted/);
  assert.equal(readdirSync(join(work, 'out6')).filter((n) => n.endsWith('.tmp')).length, 0);
});

test('--validate in a batch: a file with grammar violations is listed and not written; the others are', () => {
  const dir = join(work, 'validate-in');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bad.json'), '{"list":[{"object":"ip","id":"x"}],"method":"/grid/ip/list"}');
  copyFileSync(join(CORPUS, 'grid.server.get', '001-server-get.xml'), join(dir, 'good.xml'));
  const out = join(work, 'validate-out');
  const r = cli(['--to', 'csv', '--validate', '--out-dir', out, '--jobs', '2', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.json: GRAMMAR_VIOLATION .*\(at \/list\/0\/id\)/);
  assert.match(r.stderr, /1 converted, 1 failed/);
  assert.deepEqual(readdirSync(out), ['good.csv']);
});

/** Peak RSS of a whole run (worker threads included), reported by the child itself at exit. */
function peakRss(args: string[]): number {
  const report = join(work, `rss-${args.length}-${Date.now()}`);
  const preload = `data:text/javascript,${encodeURIComponent(`import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));`)}`;
  const r = cli(['--no-progress', ...args], undefined, { env: { NODE_OPTIONS: `--import=${preload}` } });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return Number(readFileSync(report, 'utf8')) / 1024;
}

test('memory: peak RSS of a batch does not grow with the number of files (4× the files, --jobs 2)', () => {
  const few = join(work, 'few');
  const many = join(work, 'many');
  mkdirSync(few);
  mkdirSync(many);
  const sample = readFileSync(join(CORPUS, 'grid.server.get', '003-get-pattern.json'));
  for (let i = 0; i < 600; i++) {
    if (i < 150) writeFileSync(join(few, `r${i}.json`), sample);
    writeFileSync(join(many, `r${i}.json`), sample);
  }
  const small = peakRss(['--to', 'xml', '--out-dir', join(work, 'few-out'), '--jobs', '2', few]);
  const large = peakRss(['--to', 'xml', '--out-dir', join(work, 'many-out'), '--jobs', '2', many]);
  assert.equal(readdirSync(join(work, 'many-out')).length, 600);
  // Generous: allocator and GC slack, not growth with the input (which would be about 4×).
  assert.ok(large < small * 1.6 + 20, `150 files: ${small.toFixed(0)} MB, 600 files: ${large.toFixed(0)} MB`);
  assert.ok(large < 300, `600 files: ${large.toFixed(0)} MB`);
});

for (const jobs of ['1', '2']) {
  test(`SIGTERM during a batch (--jobs ${jobs}) removes the temporary outputs of unfinished files and ends by that signal`, async () => {
    const dir = join(work, `signal-in-${jobs}`);
    const out = join(work, `signal-out-${jobs}`);
    mkdirSync(dir);
    // FIFOs nobody writes: each conversion waits with its temporary output open, one in the
    // main thread and, with --jobs 2, one in a worker thread.
    for (const name of ['a.json', 'b.json']) assert.equal(spawnSync('mkfifo', [join(dir, name)]).status, 0);
    // Named as arguments: a directory walk takes regular files only.
    const child = spawn(process.execPath, [CLI, '--to', 'xml', '--out-dir', out, '--jobs', jobs, '--no-progress', join(dir, 'a.json'), join(dir, 'b.json')], { stdio: 'ignore' });
    const temporaries = (): number => readdirSyncSafe(out).filter((n) => n.endsWith('.tmp')).length;
    const deadline = Date.now() + 20_000;
    try {
      while (temporaries() < Number(jobs) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(temporaries(), Number(jobs), 'the temporary outputs appeared');
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
    child.kill('SIGTERM');
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    assert.equal(signal, 'SIGTERM', `exit code ${code}`);
    assert.deepEqual(readdirSyncSafe(out), []);
  });
}

test('SIGTERM during a batch (--jobs 2) removes the spill files of the main thread and of the worker thread', async () => {
  const dir = join(work, 'spill-in');
  const out = join(work, 'spill-out');
  const spillRoot = join(work, 'spill-tmp');
  mkdirSync(dir);
  mkdirSync(spillRoot);
  const names = ['a.json', 'b.json'];
  for (const name of names) assert.equal(spawnSync('mkfifo', [join(dir, name)]).status, 0);
  const child = spawn(process.execPath, [CLI, '--to', 'csv', '--out-dir', out, '--jobs', '2', '--no-progress', ...names.map((n) => join(dir, n))], { stdio: 'ignore', env: { ...process.env, TMPDIR: spillRoot } });
  // CSV output holds every object until the end (its header needs them all): past 1,000 objects
  // each conversion spills to a file. The FIFOs stay open, so both conversions wait mid-way.
  const objects = Array.from({ length: 1500 }, (_, i) => `{"object":"ip","id":${i},"ip":"10.0.0.${i % 250}"}`).join(',');
  const writers = names.map((n) => {
    const w = createWriteStream(join(dir, n));
    w.write(`{"list":[${objects},`);
    return w;
  });
  const spills = (): string[] => readdirSyncSafe(spillRoot).flatMap((b) => readdirSyncSafe(join(spillRoot, b)));
  const deadline = Date.now() + 20_000;
  try {
    while (spills().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(spills().length, 2, 'both conversions spilled (main thread and worker)');
  } catch (e) {
    child.kill('SIGKILL');
    for (const w of writers) w.destroy();
    throw e;
  }
  child.kill('SIGTERM');
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  for (const w of writers) w.destroy();
  assert.equal(signal, 'SIGTERM', `exit code ${code}`);
  assert.deepEqual(readdirSyncSafe(spillRoot), [], 'no spill folder left');
  assert.deepEqual(readdirSyncSafe(out).filter((n) => n.endsWith('.tmp')), []);
});

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
