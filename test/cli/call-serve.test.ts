/**
 * `gogrid-codec serve` and `gogrid-codec call`, spawned together: the URL printed by serve,
 * calls signed with credentials from the environment or ~/.ggrc, output piped into the
 * converter's `--to csv`, every page, failures on stderr with exit 1, and usage errors.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { startMockServer } from '../../src/mock/index.js';
import { decode, isEnvelope } from '../../src/index.js';
import { callCommand } from '../../src/cli/call.js';
import { serveCommand } from '../../src/cli/serve.js';
import { repoRoot } from '../helpers/paths.js';

const CLI = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const KEY = 'cli-test-key-0001';
const SECRET = 'cli-test-secret-0002';
const home = mkdtempSync(join(tmpdir(), 'gogrid-codec-call-'));
const emptyHome = mkdtempSync(join(tmpdir(), 'gogrid-codec-call-empty-'));
writeFileSync(join(home, '.ggrc'), `${KEY}:${SECRET}\n`);
const BASE_ENV: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '' };

test.after(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(emptyHome, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv, pipeTo?: string[]): Promise<Run> {
  const first: ChildProcess = spawn(process.execPath, [CLI, ...args], { env: { ...BASE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let last = first;
  if (pipeTo !== undefined) {
    last = spawn(process.execPath, [CLI, ...pipeTo], { env: BASE_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    first.stdout?.pipe(last.stdin as NodeJS.WritableStream);
  }
  let stdout = '';
  let stderr = '';
  last.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  first.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  if (last !== first) last.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const [firstCode] = (await once(first, 'exit')) as [number | null];
  const [code] = last === first ? [firstCode] : ((await once(last, 'exit')) as [number | null]);
  return { status: firstCode !== 0 ? firstCode : code, stdout, stderr };
}

test('serve and call spawned together', async (t) => {
  // One serve process for these subtests, stopped (and its exit status checked) before the test ends.
  const serve = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--min-objects', '9'], { env: { ...BASE_ENV, GOGRID_API_KEY: KEY, GOGRID_SHARED_SECRET: SECRET, HOME: emptyHome }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(async () => {
    if (serve.exitCode === null && serve.signalCode === null) {
      serve.kill('SIGKILL');
      await once(serve, 'exit');
    }
  });
  const lines = createInterface({ input: serve.stdout });
  const [url] = (await once(lines, 'line')) as [string];

  await t.test('serve prints its 127.0.0.1 URL; call (credentials from the environment) piped into --to csv', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
    const env = { GOGRID_API_KEY: KEY, GOGRID_SHARED_SECRET: SECRET, HOME: emptyHome };
    const piped = await run(['call', 'grid/server/list', '--endpoint', url, '--to', 'xml'], env, ['--to', 'csv']);
    assert.equal(piped.status, 0, piped.stderr);
    assert.match(piped.stdout, /^# SUCCESS, \/grid\/server\/list, TOTAL, 9, START, 0, RETURNED, 9\n# id,name,/);
    assert.equal(piped.stdout.trimEnd().split('\n').length, 2 + 9);
    const direct = await run(['call', 'grid/server/list', '--endpoint', url, '--to', 'csv'], env);
    assert.equal(direct.status, 0, direct.stderr);
    assert.equal(direct.stdout, piped.stdout);
  });

  await t.test('call reads key:secret from ~/.ggrc (HOME), and passes repeated parameters', async () => {
    const r = await run(['call', 'grid.server.get', 'id=40', 'id=67', '--endpoint', url, '--to', 'json'], { HOME: home });
    assert.equal(r.status, 0, r.stderr);
    const doc = decode(r.stdout);
    assert.ok(isEnvelope(doc));
    assert.deepEqual(doc.list.map((o) => o['id']), [40, 67]);
  });

  await t.test('call --all-pages yields every object once, in order, with --to ndjson', async () => {
    const env = { HOME: home, GOGRID_ENDPOINT: url };
    const all = await run(['call', 'grid/ip/list', '--all-pages', '--num-items', '2', '--to', 'ndjson'], env);
    const whole = await run(['call', 'grid/ip/list', '--to', 'ndjson'], env);
    assert.equal(all.status, 0, all.stderr);
    const objects = (text: string): string[] => text.trimEnd().split('\n').slice(1);
    assert.deepEqual(objects(all.stdout), objects(whole.stdout));
    assert.equal(objects(all.stdout).length, 9);
    assert.match(all.stdout.split('\n')[0] ?? '', /"total":9/);
  });

  await t.test('a failure response exits 1 with errorcode: message on stderr and nothing on stdout', async () => {
    const r = await run(['call', 'grid/server/get', 'id=123456', '--endpoint', url], { HOME: home });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'IllegalArgumentException: No server with id 123456\n');
    const wrong = await run(['call', 'grid/server/list', '--endpoint', url], { GOGRID_API_KEY: KEY, GOGRID_SHARED_SECRET: 'not-the-secret', HOME: emptyHome });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /^Authentication Failed: The signature does not match.*\n$/);
    assert.ok(!wrong.stderr.includes('not-the-secret'));
  });

  await t.test('no credentials, a secret on the command line, or a bad option are usage errors (exit 2)', async () => {
    const none = await run(['call', 'grid/server/list', '--endpoint', url], { HOME: emptyHome });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no credentials/);
    const onLine = await run(['call', 'grid/server/list', `--secret=${SECRET}`, '--endpoint', url], { HOME: home });
    assert.equal(onLine.status, 2);
    assert.match(onLine.stderr, /--secret is not taken/);
  });

  await t.test('serve stops on SIGTERM with exit 0', async () => {
    serve.kill('SIGTERM');
    const [code] = (await once(serve, 'exit')) as [number | null];
    assert.equal(code, 0);
  });
});

test('bad usage of call and serve, in-process: exit 2 with a message on stderr', async () => {
  const cases: [typeof callCommand, string[]][] = [
    [callCommand, ['grid/server/list', '--to', 'yaml']],
    [callCommand, ['grid/server/list', 'sig=abc']],
    [callCommand, ['grid/server/list', 'novalue']],
    [callCommand, ['grid/ip/list', '--all-pages', '--num-items', '0']],
    [callCommand, ['grid/ip/list', '--num-items', '5']],
    [callCommand, ['grid/ip/list', '--unknown']],
    [callCommand, []],
    [serveCommand, ['--port', 'many']],
    [serveCommand, ['--error-rate', '2']],
    [serveCommand, ['--key-order', 'random']],
  ];
  for (const [command, argv] of cases) {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (d: Buffer) => (text += d.toString()));
    const code = await command(argv, { stdout: new PassThrough(), stderr, env: { HOME: home } });
    assert.equal(code, 2, argv.join(' '));
    assert.match(text, /^gogrid-codec (call|serve): /, argv.join(' '));
  }
});

test('serveCommand and callCommand in-process: serve stops cleanly when its signal aborts', async () => {
  const stop = new AbortController();
  const out = new PassThrough();
  const lines = createInterface({ input: out });
  const env = { GOGRID_API_KEY: KEY, GOGRID_SHARED_SECRET: SECRET };
  const serving = serveCommand(['--port', '0', '--min-objects', '3'], { stdout: out, stderr: new PassThrough(), env, signal: stop.signal });
  const [endpoint] = (await once(lines, 'line')) as [string];
  const callOut = new PassThrough();
  let text = '';
  callOut.on('data', (d: Buffer) => (text += d.toString()));
  assert.equal(await callCommand(['grid/job/list', '--endpoint', endpoint, '--to', 'csv'], { stdout: callOut, stderr: new PassThrough(), env }), 0);
  assert.match(text, /^# SUCCESS, \/grid\/job\/list, TOTAL, 3,/);
  stop.abort();
  assert.equal(await serving, 0);
  lines.close();
});

test('call stops quietly, exit 0, when its reader goes away (EPIPE)', async (t) => {
  const mock = await startMockServer({ apiKey: KEY, secret: SECRET, minimumPerKind: 2000 });
  t.after(() => mock.close());
  let writes = 0;
  const closed = new Writable({
    write(_chunk, _encoding, callback) {
      writes++;
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d: Buffer) => (text += d.toString()));
  const code = await callCommand(['grid/ip/list', '--endpoint', mock.url, '--to', 'ndjson'], { stdout: closed, stderr, env: { GOGRID_API_KEY: KEY, GOGRID_SHARED_SECRET: SECRET } });
  assert.equal(code, 0);
  assert.equal(text, '');
  assert.equal(writes, 1);
});

