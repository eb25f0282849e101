/**
 * A CSV cut short (fewer rows than its envelope's RETURNED): never silent. `convert` warns on
 * stderr and still converts; `validate` reports it as a finding and exits 1. (The library's
 * `strict` option makes it an error: test/csv/bounded.test.ts.)
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cli } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const FULL = `# SUCCESS, /grid/ip/list, TOTAL, 3, NUMPAGES, 1, START, 0, RETURNED, 3\n# id,ip\n1,10.0.0.1\n2,10.0.0.2\n3,10.0.0.3`;
const CUT = FULL.slice(0, FULL.indexOf('\n3,'));

test('convert: a CSV with fewer rows than RETURNED is converted with a CSV_TRUNCATED warning on stderr', () => {
  const r = cli(['--from', 'csv', '--to', 'json'], CUT);
  assert.equal(r.status, 0);
  assert.equal((JSON.parse(r.stdout) as { list: unknown[] }).list.length, 2);
  assert.match(r.stderr, /^<stdin>:4:\d+: CSV_TRUNCATED .*RETURNED, 3 but 2 rows.*\(warning: converted anyway\)\n$/);
});

test('validate: the same CSV is a finding (exit 1); the whole one is valid', () => {
  const r = cli(['validate', '--from', 'csv'], CUT);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /CSV_TRUNCATED/);
  const whole = cli(['validate', '--from', 'csv'], FULL);
  assert.equal(whole.status, 0, whole.stderr);
  assert.doesNotMatch(whole.stderr, /CSV_TRUNCATED/);
});

test('convert: a corpus CSV cut inside its header line is not silent', () => {
  const text = readFileSync(repoPath('corpus', 'grid.server.get', '001-server-get.csv'), 'utf8');
  const cut = text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1) - 5);
  const r = cli(['--from', 'csv', '--to', 'json'], cut);
  assert.ok(r.status !== 0 || /CSV_TRUNCATED/.test(r.stderr), `exit ${r.status}, stderr ${r.stderr}`);
});
