/**
 * Where `-o` writes (issue 10, items 1–3 and the output half of 7): standard output for `-`, a
 * FIFO or device written in place, a symlink followed, a planted symlink never followed, mode
 * and owner kept, an unwritable target refused, and failures naming the target. Devices and
 * FIFOs are made in a temporary directory; no test points `-o` at a real `/dev` path.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, cli, shellQuote } from '../helpers/cli.js';
import { repoPath, repoRoot } from '../helpers/paths.js';

const XML = repoPath('corpus', 'grid.server.get', '001-server-get.xml');
const BAD = repoPath('corpus', 'invalid', 'json-missing-final-brace.json');
const EXPECTED = cli(['--to', 'json', XML]).stdout;
const ROOT = process.getuid?.() === 0;
const NOT_ROOT = ROOT ? false : 'mknod and chown need root';

const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-cli-output-'));
// Open to the ordinary user some tests run the command as.
chmodSync(work, 0o755);
test.after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
function dir(): string {
  const d = join(work, `t${n++}`);
  mkdirSync(d);
  return d;
}

test('-o - is standard output: no file named "-" is made', () => {
  const d = dir();
  const r = cli(['--to', 'json', '-o', '-', XML], undefined, { cwd: d });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, EXPECTED);
  assert.deepEqual(readdirSync(d), []);
});

test('a FIFO target with a reader receives the data and stays a FIFO', async () => {
  const d = dir();
  const fifo = join(d, 'out.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let received = '';
  reader.stdout.setEncoding('utf8').on('data', (t: string) => (received += t));
  const readerDone = new Promise<number | null>((resolve) => reader.on('close', resolve));
  const writer = spawn(process.execPath, [CLI, '--to', 'json', '-o', fifo, XML], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  writer.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const status = await new Promise<number | null>((resolve) => writer.on('close', resolve));
  assert.equal(status, 0, stderr);
  assert.equal(await readerDone, 0);
  assert.equal(received, EXPECTED);
  assert.ok(lstatSync(fifo).isFIFO(), 'still a FIFO');
  assert.deepEqual(readdirSync(d), ['out.fifo']);
});

test('a character device target (mknod c 1 3, like /dev/null) stays a device', { skip: NOT_ROOT }, () => {
  const d = dir();
  const device = join(d, 'null');
  assert.equal(spawnSync('mknod', [device, 'c', '1', '3']).status, 0);
  const r = cli(['--to', 'json', '-o', device, XML]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.ok(lstatSync(device).isCharacterDevice(), 'still a character device');
  assert.deepEqual(readdirSync(d), ['null']);
});

test('a device that refuses the data (mknod c 1 7, like /dev/full): IO_WRITE_FAILED naming it, exit 1, still a device', { skip: NOT_ROOT }, () => {
  const d = dir();
  const device = join(d, 'full');
  assert.equal(spawnSync('mknod', [device, 'c', '1', '7']).status, 0);
  const r = cli(['--to', 'json', '-o', device, XML]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${device}: IO_WRITE_FAILED cannot write the output (ENOSPC: no space left on device)\n`);
  assert.ok(lstatSync(device).isCharacterDevice());
});

test('standard output that refuses the data: IO_WRITE_FAILED naming <stdout>, exit 1', { skip: NOT_ROOT }, () => {
  const d = dir();
  const device = join(d, 'full');
  assert.equal(spawnSync('mknod', [device, 'c', '1', '7']).status, 0);
  const r = spawnSync('sh', ['-c', `${shellQuote(process.execPath)} ${shellQuote(CLI)} --to json ${shellQuote(XML)} > ${shellQuote(device)}`], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^<stdout>: IO_WRITE_FAILED cannot write standard output \(ENOSPC: no space left on device\)\n$/);
});

test('a symlink target stays a symlink; the file it points to holds the output', () => {
  const d = dir();
  mkdirSync(join(d, 'real'));
  const file = join(d, 'real', 'out.json');
  writeFileSync(file, 'old');
  const link = join(d, 'link.json');
  symlinkSync(join('real', 'out.json'), link);
  const r = cli(['--to', 'json', '-o', link, XML]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), join('real', 'out.json'));
  assert.equal(readFileSync(file, 'utf8'), EXPECTED);
  assert.deepEqual(readdirSync(join(d, 'real')), ['out.json'], 'no temporary file left beside the real file');
  // A dangling link is followed too, as cp and sort -o do: the file it names is created.
  const dangling = join(d, 'dangling.json');
  symlinkSync(join('real', 'new.json'), dangling);
  assert.equal(cli(['--to', 'json', '-o', dangling, XML]).status, 0);
  assert.ok(lstatSync(dangling).isSymbolicLink());
  assert.equal(readFileSync(join(d, 'real', 'new.json'), 'utf8'), EXPECTED);
});

test('a symlink planted at the name the old scheme used (.NAME.PID.tmp) leaves its victim untouched', async () => {
  const d = dir();
  const victim = join(d, 'victim');
  writeFileSync(victim, 'precious');
  const target = join(d, 'out.json');
  // The input comes on stdin, so the links are planted before the command can open anything:
  // the child has not even started Node when spawn returns its pid.
  const child = spawn(process.execPath, [CLI, '--to', 'json', '-o', target], { stdio: ['pipe', 'ignore', 'pipe'] });
  // The child may be gone before all of its input is written (that is the point): not an error here.
  child.stdin.on('error', () => undefined);
  const pid = child.pid as number;
  for (const p of [pid, pid + 1, pid - 1]) symlinkSync(victim, join(d, `.out.json.${p}.tmp`));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const status = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(readFileSync(BAD));
  assert.equal(await status, 1, stderr);
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.equal(existsSync(target), false);
  assert.deepEqual(readdirSync(d).sort(), ['.out.json.' + String(pid - 1) + '.tmp', '.out.json.' + String(pid + 1) + '.tmp', '.out.json.' + String(pid) + '.tmp', 'victim'].sort());
  // And on success, only the target is added.
  const ok = cli(['--to', 'json', '-o', target, XML]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.equal(readdirSync(d).filter((f) => !f.startsWith('.out.json.')).sort().join(' '), 'out.json victim');
});

test('the temporary file has an unpredictable name (not the pid) and is created mode 0600 over an existing target', async () => {
  const d = dir();
  const target = join(d, 'secret.json');
  writeFileSync(target, 'old', { mode: 0o640 });
  chmodSync(target, 0o640);
  const child = spawn(process.execPath, [CLI, '--to', 'json', '-o', target], { stdio: ['pipe', 'ignore', 'ignore'] });
  // The child may be gone before all of its input is written (that is the point): not an error here.
  child.stdin.on('error', () => undefined);
  child.stdin.write('{"list":[');
  const deadline = Date.now() + 20_000;
  let temporary: string | undefined;
  while (temporary === undefined && Date.now() < deadline) {
    temporary = readdirSync(d).find((f) => f.endsWith('.tmp'));
    if (temporary === undefined) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(temporary !== undefined, 'a temporary file appears');
  assert.match(temporary, /^\.secret\.json\.[A-Za-z0-9_-]{12}\.tmp$/);
  assert.ok(!temporary.includes(String(child.pid)));
  assert.equal(statSync(join(d, temporary)).mode & 0o777, 0o600);
  const status = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(']}');
  assert.equal(await status, 0);
  assert.equal(statSync(target).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(d), ['secret.json']);
});

test('an existing target keeps its mode (600 stays 600); a new one gets 0666 less the umask', () => {
  const d = dir();
  const target = join(d, 'support.password.list.json');
  writeFileSync(target, 'old');
  chmodSync(target, 0o600);
  const r = cli(['--to', 'json', '-o', target, XML]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(target, 'utf8'), EXPECTED);
  assert.equal(statSync(target).mode & 0o7777, 0o600);
  const fresh = join(d, 'fresh.json');
  const s = spawnSync('sh', ['-c', `umask 027 && ${shellQuote(process.execPath)} ${shellQuote(CLI)} --to json -o ${shellQuote(fresh)} ${shellQuote(XML)}`], { encoding: 'utf8' });
  assert.equal(s.status, 0, s.stderr);
  assert.equal(statSync(fresh).mode & 0o7777, 0o640);
});

test('as root, an existing target keeps its owner and group', { skip: NOT_ROOT }, () => {
  const d = dir();
  const target = join(d, 'owned.json');
  writeFileSync(target, 'old');
  chownSync(target, 65534, 65534);
  const r = cli(['--to', 'json', '-o', target, XML]);
  assert.equal(r.status, 0, r.stderr);
  const st = statSync(target);
  assert.deepEqual([st.uid, st.gid], [65534, 65534]);
  assert.equal(readFileSync(target, 'utf8'), EXPECTED);
});

test('a target the user may not write is refused as cp would (IO_WRITE_FAILED, exit 1, untouched)', () => {
  const d = dir();
  const target = join(d, 'readonly.json');
  writeFileSync(target, 'old');
  chmodSync(target, 0o444);
  if (ROOT) {
    // Root may write any file, and cp as root replaces a read-only one: so does -o (see README).
    const r = cli(['--to', 'json', '-o', target, XML]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(target, 'utf8'), EXPECTED);
    assert.equal(statSync(target).mode & 0o7777, 0o444);
    // The refusal itself, as an ordinary user: the directory is open to all, the file is root's, mode 644.
    chmodSync(d, 0o777);
    writeFileSync(target, 'old');
    chmodSync(target, 0o644);
    const u = cli(['--to', 'json', '-o', target, XML], undefined, { uid: 65534, gid: 65534 });
    assert.equal(u.status, 1, u.stderr);
    assert.equal(u.stderr, `${target}: IO_WRITE_FAILED is not writable (mode 0644); refused, as cp would (EACCES: permission denied)\n`);
    assert.equal(readFileSync(target, 'utf8'), 'old');
    assert.deepEqual(readdirSync(d), ['readonly.json']);
  } else {
    const r = cli(['--to', 'json', '-o', target, XML]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /IO_WRITE_FAILED is not writable \(mode 0444\)/);
    assert.equal(readFileSync(target, 'utf8'), 'old');
  }
});

test('I/O failures on the output name the target, never a temporary name: missing directory, a directory as target', () => {
  const d = dir();
  const missing = join(d, 'no-such-dir', 'x.xml');
  const r = cli(['--to', 'xml', '-o', missing, repoPath('corpus', 'grid.loadbalancer.edit', '003-edit-pattern.json')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${missing}: IO_WRITE_FAILED cannot use the directory of the output (ENOENT: no such file or directory)\n`);
  const asDir = cli(['--to', 'xml', '-o', d, XML]);
  assert.equal(asDir.status, 1);
  assert.equal(asDir.stderr, `${d}: IO_WRITE_FAILED is a directory\n`);
  assert.doesNotMatch(r.stderr + asDir.stderr, /\.tmp|INPUT/);
});

test('an unwritable output directory names the target (as an ordinary user)', { skip: NOT_ROOT }, () => {
  const d = dir();
  chmodSync(d, 0o755);
  const target = join(d, 'x.xml');
  const r = cli(['--to', 'xml', '-o', target, XML], undefined, { uid: 65534, gid: 65534 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: IO_WRITE_FAILED cannot create a temporary file in .+ \\(EACCES: permission denied\\)\\n$`));
});

test('a socket target is not replaced: Linux cannot open one for writing, so IO_WRITE_FAILED (ENXIO), and it stays a socket', async () => {
  const d = dir();
  const path = join(d, 'out.sock');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    const child = spawn(process.execPath, [CLI, '--to', 'json', '-o', path, XML], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(status, 1);
    assert.equal(stderr, `${path}: IO_WRITE_FAILED cannot open the output (ENXIO: no such device or address)\n`);
    assert.ok(lstatSync(path).isSocket());
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a collision on the temporary name is retried under a new name; the file in the way is untouched', () => {
  const d = dir();
  const target = join(d, 'out.json');
  // Zero bytes give the name .out.json.AAAAAAAAAAAA.tmp: plant a symlink to a victim there.
  const planted = join(d, '.out.json.AAAAAAAAAAAA.tmp');
  const victim = join(d, 'victim');
  writeFileSync(victim, 'precious');
  symlinkSync(victim, planted);
  const preload = ['--import', pathToFileURL(join(repoRoot, 'dist', 'test', 'helpers', 'fixed-random.js')).href];
  const run = (fixed: number): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, [...preload, CLI, '--to', 'json', '-o', target, XML], { encoding: 'utf8', env: { ...process.env, GOGRID_TEST_FIXED_RANDOM: String(fixed) } });
  const retried = run(3);
  assert.equal(retried.status, 0, String(retried.stderr));
  assert.equal(readFileSync(target, 'utf8'), EXPECTED);
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.equal(readlinkSync(planted), victim);
  // Every attempt collides: refused after a bounded number of tries, naming the target.
  rmSync(target);
  const stuck = run(1000);
  assert.equal(stuck.status, 1);
  assert.match(String(stuck.stderr), new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: IO_WRITE_FAILED cannot create a temporary file in .+ \\(EEXIST: file already exists\\)\\n$`));
  assert.equal(existsSync(target), false);
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
});
