/**
 * The progress bar (issue 10, item 5): never on the terminal the data goes to, drawn and
 * cleared on stderr when the data goes elsewhere, and a writing phase while spooled objects are
 * written out. Pseudo-terminal tests run the command under util-linux `script -qec`.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli, shellQuote } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const XML = repoPath('corpus', 'grid.server.get', '001-server-get.xml');
const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-cli-progress-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' });
// Fail clearly rather than skip: the pseudo-terminal tests pin a user-visible promise.
const NO_SCRIPT = SCRIPT.status === 0 ? undefined : 'util-linux `script` is required for the pseudo-terminal tests (apt-get install -y bsdutils)';

/** Runs the command under a pseudo-terminal: stdin, stdout and stderr are all that terminal. */
function underTerminal(args: readonly string[]): { status: number | null; terminal: string } {
  if (NO_SCRIPT !== undefined) throw new Error(NO_SCRIPT);
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', input: '', timeout: 60_000 });
  return { status: r.status, terminal: r.stdout };
}

test('stdout and stderr the same terminal: the data starts with its first byte and no bar is drawn', () => {
  const expected = cli(['--to', 'json', '--indent', '2', XML]).stdout;
  for (const extra of [[], ['--progress']]) {
    const r = underTerminal(['--to', 'json', '--indent', '2', ...extra, XML]);
    assert.equal(r.status, 0);
    assert.ok(r.terminal.startsWith('{'), JSON.stringify(r.terminal.slice(0, 40)));
    assert.doesNotMatch(r.terminal, /%|\x1b\[K|\r(?!\n)/);
    // The terminal turns LF into CR LF; nothing else differs.
    assert.equal(r.terminal.replace(/\r\n/g, '\n'), expected);
  }
});

test('-o FILE under a terminal: the bar is drawn on stderr and cleared; the file holds the data', () => {
  const out = join(work, 'out.json');
  const r = underTerminal(['--to', 'json', '-o', out, XML]);
  assert.equal(r.status, 0);
  assert.match(r.terminal, /^\r\[#+ *\] +\d+%/);
  assert.ok(r.terminal.endsWith('\r\x1b[K'), 'cleared at the end');
  assert.equal(readFileSync(out, 'utf8'), cli(['--to', 'json', XML]).stdout);
  const quiet = underTerminal(['--to', 'json', '--no-progress', '-o', out, XML]);
  assert.equal(quiet.terminal, '');
});

test('stderr not a terminal: no bar unless --progress; piped stdout is not "the same terminal"', () => {
  assert.equal(cli(['--to', 'json', XML]).stderr, '');
  const r = cli(['--to', 'json', '--progress', XML]);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /%/);
  assert.doesNotThrow(() => JSON.parse(r.stdout));
});

test('objects written from the spool show a writing phase: "writing N / M objects"', () => {
  // CSV output needs every object before the header: all of them wait, then are written.
  const list = Array.from({ length: 2500 }, (_, i) => ({ object: 'ip', id: i, ip: `10.0.${i >> 8}.${i & 255}`, public: true }));
  const input = JSON.stringify({ status: 'success', method: '/grid/ip/list', list });
  const out = join(work, 'ips.csv');
  const r = cli(['--to', 'csv', '--progress', '-o', out], input);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /writing 2,500 \/ 2,500 objects/);
  assert.ok(r.stderr.endsWith('\r\x1b[K'));
  assert.equal(readFileSync(out, 'utf8').split('\n').length, 2 + 2500 + 1);
});
