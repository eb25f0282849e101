/**
 * The command line's conversions, tested by spawning the built CLI: on a file and on stdin, in
 * all six directions, in a pipeline that closes early, with bad input and bad usage, with -o,
 * with --validate. Output targets, signals, the progress bar, usage and --csv-safe have their
 * own files beside this one.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, normalize, type Format } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { CLI, cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const CORPUS = join(repoRoot, 'corpus');
const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-cli-test-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

const SAMPLES: Record<Format, string> = {
  json: join(CORPUS, 'grid.loadbalancer.edit', '003-edit-pattern.json'),
  xml: join(CORPUS, 'grid.server.get', '001-server-get.xml'),
  csv: join(CORPUS, 'grid.image.get', '002-image-get.csv'),
};

test('reads a file argument and stdin alike', () => {
  const fromFile = cli(['--to', 'json', SAMPLES.xml]);
  const fromStdin = cli(['--to', 'json'], readFileSync(SAMPLES.xml));
  const fromDash = cli(['--to', 'json', '-'], readFileSync(SAMPLES.xml));
  assert.equal(fromFile.status, 0, fromFile.stderr);
  assert.equal(fromFile.stderr, '');
  assert.equal(fromStdin.stdout, fromFile.stdout);
  assert.equal(fromDash.stdout, fromFile.stdout);
});

for (const from of ['json', 'xml', 'csv'] as Format[]) {
  for (const to of ['json', 'xml', 'csv'] as Format[]) {
    if (from === to) continue;
    test(`converts ${from} to ${to} as normalize says`, () => {
      const r = cli(['--from', from, '--to', to, SAMPLES[from]]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      const source = decode(readFileSync(SAMPLES[from], 'utf8'), { format: from });
      assert.equal(treeDifference(decode(r.stdout, { format: to }), normalize(source, to)), undefined);
    });
  }
}

test('writes NDJSON: the envelope line, then one object per line; --no-envelope leaves the envelope out', () => {
  const r = cli(['--to', 'ndjson', join(CORPUS, 'common.lookup.list', '003-list-pattern.csv')]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 4);
  assert.equal(lines[0]?.['method'], '/common/lookup/list');
  assert.equal(lines[1]?.['name'], '512MB');
  const bare = cli(['--to', 'ndjson', '--no-envelope', join(CORPUS, 'common.lookup.list', '003-list-pattern.csv')]);
  assert.equal(bare.stdout.trimEnd().split('\n').length, 3);
});

test('stops quietly with status 0 when the reader goes away (| head -1)', () => {
  const big = join(work, 'big.json');
  const list = Array.from({ length: 40000 }, (_, i) => ({ object: 'ip', id: i, ip: `10.0.${i >> 8}.${i & 255}`, public: true }));
  writeFileSync(big, JSON.stringify({ list, summary: { total: list.length, start: 0, returned: list.length }, status: 'success', method: '/grid/ip/list' }));
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" --to ndjson "${big}" | head -1`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.split('\n').length, 2);
});

test('bad input: exit 1 and FILE:LINE:COL: CODE on stderr, nothing else', () => {
  const file = join(CORPUS, 'invalid', 'json-leading-zeros.json');
  const r = cli(['--to', 'xml', file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^.*json-leading-zeros\.json:1:31: JSON_INVALID_NUMBER .+\n$/);
  const s = cli(['--to', 'xml'], '{"list": [1]}');
  assert.equal(s.status, 1);
  assert.match(s.stderr, /^<stdin>:1:11: TREE_UNSUPPORTED_VALUE .+ \(at \/list\/0\)\n$/);
  const u = cli(['--to', 'json'], 'hello');
  assert.equal(u.status, 1);
  assert.match(u.stderr, /INPUT_FORMAT_UNKNOWN/);
  const missing = cli(['--to', 'json', join(work, 'no-such-file.xml')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no-such-file\.xml: .*ENOENT/);
});

test('bad usage: exit 2', () => {
  for (const args of [[], ['--to', 'yaml'], ['--from', 'html', '--to', 'json'], ['--bogus', '--to', 'json'], ['--to', 'json', 'a', 'b'], ['--to', 'json', '--indent', 'x'], ['--to', 'json', '--compact', '--indent', '2']]) {
    const r = cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^gogrid-codec: /);
  }
});

test('-o writes the file on success and leaves nothing behind on failure', () => {
  const out = join(work, 'out.xml');
  const ok = cli(['--to', 'xml', '-o', out, SAMPLES.json]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  assert.ok(existsSync(out));
  const broken = join(work, 'broken.xml');
  const bad = cli(['--to', 'xml', '-o', broken, join(CORPUS, 'invalid', 'json-missing-final-brace.json')]);
  assert.equal(bad.status, 1);
  assert.equal(existsSync(broken), false);
  assert.deepEqual(readdirSync(work).filter((f) => f.includes('broken')), []);
  // A failure does not damage an existing file either.
  const before = readFileSync(out, 'utf8');
  cli(['--to', 'xml', '-o', out, join(CORPUS, 'invalid', 'json-missing-final-brace.json')]);
  assert.equal(readFileSync(out, 'utf8'), before);
});

test('--validate lists every violation with its path and exits 1; validate FILE checks only', () => {
  const doc = '{"list":[{"object":"ip","id":"x","public":"yes"},{"object":"ip","id":2}],"method":"/grid/ip/list","status":"success"}';
  const out = join(work, 'validated.xml');
  const r = cli(['--to', 'xml', '--validate', '-o', out], doc);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /<stdin>: GRAMMAR_VIOLATION .* \(at \/list\/0\/id\)/);
  assert.match(r.stderr, /\(at \/list\/0\/public\)/);
  assert.equal(existsSync(out), false);
  const v = cli(['validate', SAMPLES.csv]);
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout, '');
  const bad = cli(['validate'], doc);
  assert.equal(bad.status, 1);
});

test('--version prints the package version; --help shows usage with examples', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.equal(cli(['--version']).stdout, `${pkg.version}\n`);
  const help = cli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: gogrid-codec/);
  assert.match(help.stdout, /Examples:/);
});

test('options reach the encoder: --indent, --compact, --xml-declaration, --csv-safe, --type', () => {
  assert.match(cli(['--to', 'json', '--indent', '2', SAMPLES.xml]).stdout, /^\{\n {2}"method"/);
  assert.match(cli(['--to', 'xml', '--compact', SAMPLES.json]).stdout, /^<gogrid><response/);
  assert.match(cli(['--to', 'xml', '--xml-declaration', SAMPLES.json]).stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<gogrid>/);
  const safe = cli(['--to', 'csv', '--csv-safe'], '{"list":[{"object":"option","id":1,"name":"=cmd|calc"}],"method":"/common/lookup/list"}');
  assert.match(safe.stdout, /"'=cmd\|calc"/);
  const typed = cli(['--from', 'csv', '--to', 'json', '--type', 'ip'], '# SUCCESS, /custom/call\n# id,public\n5,true\n');
  assert.deepEqual(JSON.parse(typed.stdout), { status: 'success', method: '/custom/call', list: [{ object: 'ip', id: 5, public: true }] });
});

test('--progress draws on stderr and leaves stdout clean', () => {
  const r = cli(['--to', 'json', '--progress', SAMPLES.xml]);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /%/);
  assert.doesNotThrow(() => JSON.parse(r.stdout));
});

test('package.json bin is the built command; the old path dist/src/cli.js still runs it', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(join(repoRoot, pkg.bin['gogrid-codec'] ?? ''), CLI);
  assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
  const viaShim = spawnSync(process.execPath, [join(repoRoot, 'dist', 'src', 'cli.js'), '--to', 'json', SAMPLES.xml], { encoding: 'utf8' });
  assert.equal(viaShim.status, 0, viaShim.stderr);
  assert.equal(viaShim.stdout, cli(['--to', 'json', SAMPLES.xml]).stdout);
});
