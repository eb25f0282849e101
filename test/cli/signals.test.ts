/**
 * Signals (issue 10, item 4): INT, TERM and HUP each remove the temporary output and the spill
 * folder, and the process ends by that signal (a shell shows 128 + its number).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { CLI, shellQuote } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-cli-signals-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

async function until(what: string, condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ITEM = JSON.stringify({ object: 'ip', id: 1, ip: '10.0.0.1', public: true, state: { object: 'option', id: 2, name: 'Assigned' } });

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} removes the temporary output and the spill folder, and ends the process by ${signal}`, async () => {
    const spill = join(work, `spill-${signal}`);
    const out = join(work, `out-${signal}`);
    mkdirSync(spill);
    mkdirSync(out);
    const child = spawn(process.execPath, [CLI, '--from', 'json', '--to', 'xml', '-o', join(out, 'servers.xml')], { env: { ...process.env, TMPDIR: spill }, stdio: ['pipe', 'ignore', 'pipe'] });
    // The child may be gone before all of its input is written (that is the point): not an error here.
    child.stdin.on('error', () => undefined);
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, s) => resolve([code, s])));
    // The list comes first and the method never: XML output must wait, so objects spill. The
    // input stays open, so the conversion is certainly still running when the signal comes.
    child.stdin.write('{"list":[');
    for (let i = 0; i < 3000; i++) child.stdin.write(`${i === 0 ? '' : ','}${ITEM}`);
    await until('a spill folder', () => readdirSync(spill).length > 0);
    assert.equal(readdirSync(out).length, 1, 'the temporary output exists');
    child.kill(signal);
    assert.deepEqual(await exited, [null, signal]);
    assert.deepEqual(readdirSync(spill), []);
    assert.deepEqual(readdirSync(out), []);
  });
}

test('the shell sees 128 + the signal number (HUP: 129)', async () => {
  // `0<&0` keeps the shell's stdin for the background job (otherwise it reads /dev/null).
  const script = `${shellQuote(process.execPath)} ${shellQuote(CLI)} --to xml 0<&0 & pid=$!; sleep 1; kill -HUP $pid; wait $pid; echo "status $?"`;
  const child = spawn('bash', ['-c', script], { stdio: ['pipe', 'pipe', 'ignore'] });
  // The child may be gone before all of its input is written (that is the point): not an error here.
  child.stdin.on('error', () => undefined);
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stdin.write('{"list":[');
  await once(child, 'close');
  assert.equal(stdout, 'status 129\n');
});

test('SIGHUP in the middle of a large JSON to CSV conversion leaves no temporary output and no spill folder', async () => {
  const spill = join(work, 'spill-big');
  const out = join(work, 'out-big');
  mkdirSync(spill);
  mkdirSync(out);
  // About 40 MB: CSV needs every object before its header, so all of them spill.
  const input = join(work, 'big.json');
  const file = createWriteStream(input);
  file.write('{"status":"success","method":"/grid/ip/list","list":[');
  const count = 250_000;
  for (let i = 0; i < count; i++) {
    const line = `${i === 0 ? '' : ','}{"object":"ip","id":${i},"ip":"10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}","public":true,"subnet":"10.0.0.0/8","state":{"object":"option","id":2,"name":"Assigned","description":"IP is reserved or in use"}}`;
    if (!file.write(line)) await once(file, 'drain');
  }
  file.end(`],"summary":{"total":${count},"start":0,"returned":${count}}}`);
  await once(file, 'close');
  assert.ok(statSync(input).size > 30e6);
  const child = spawn(process.execPath, [CLI, '--to', 'csv', '-o', join(out, 'ips.csv'), input], { env: { ...process.env, TMPDIR: spill }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, s) => resolve([code, s])));
  const spilled = (): number => {
    for (const d of readdirSync(spill)) {
      try {
        return statSync(join(spill, d, 'objects.ndjson')).size;
      } catch {
        return 0;
      }
    }
    return 0;
  };
  // Mid-way: once the spill file holds a few MB (the whole input would make about 40).
  await until('the spill file to grow', () => spilled() > 4e6, 60_000);
  child.kill('SIGHUP');
  assert.deepEqual(await exited, [null, 'SIGHUP'], stderr);
  assert.deepEqual(readdirSync(spill), []);
  assert.deepEqual(readdirSync(out), []);
  assert.equal(existsSync(join(out, 'ips.csv')), false);
});
