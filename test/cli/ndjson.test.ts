/**
 * NDJSON in, through the spawned command: what `--to ndjson` writes, filtered line by line as
 * `jq -c 'select(…)'` would (the filter is done here), read back by `--from ndjson`, in the
 * envelope form and the `--no-envelope` form; names that tell the format; several inputs to one
 * NDJSON stream; errors positioned on their line.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode, type Envelope, type GoObject } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const CORPUS = join(repoRoot, 'corpus');
const LOOKUP = join(CORPUS, 'common.lookup.list', '003-list-pattern.json');
const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-ndjson-test-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** `jq -c 'select(pred)'` over NDJSON text: parses each line, keeps those the predicate accepts, writes them compact. */
function select(ndjson: string, keep: (value: Record<string, unknown>) => boolean): string {
  return ndjson
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter(keep)
    .map((v) => `${JSON.stringify(v)}\n`)
    .join('');
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
const source = decode(readText(LOOKUP)) as Envelope;

test('envelope form: --to ndjson | select(has("status") or .id != 2) | --from ndjson --to csv keeps the envelope and the chosen objects', () => {
  const out = cli(['--to', 'ndjson', LOOKUP]);
  assert.equal(out.status, 0, out.stderr);
  const filtered = select(out.stdout, (v) => 'status' in v || v['id'] !== 2);
  const r = cli(['--from', 'ndjson', '--to', 'csv'], filtered);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const expected: Envelope = { ...source, list: source.list.filter((o) => o['id'] !== 2) };
  assert.equal(r.stdout, encode(expected, { format: 'csv' }));
  assert.match(r.stdout, /^# SUCCESS, \/common\/lookup\/list, TOTAL, 3,/);
});

test('--no-envelope form: --to ndjson --no-envelope | select(.id >= 2) | --from ndjson --no-envelope --method M --to json', () => {
  const out = cli(['--to', 'ndjson', '--no-envelope', LOOKUP]);
  assert.equal(out.status, 0, out.stderr);
  const filtered = select(out.stdout, (v) => (v['id'] as number) >= 2);
  assert.equal(filtered.split('\n').length - 1, 2);
  const r = cli(['--from', 'ndjson', '--no-envelope', '--method', '/common/lookup/list', '--to', 'json'], filtered);
  assert.equal(r.status, 0, r.stderr);
  const back = JSON.parse(r.stdout) as Envelope;
  assert.equal(treeDifference(back, { method: '/common/lookup/list', list: source.list.filter((o) => (o['id'] as number) >= 2) }), undefined);
  // Without --method the envelope is empty, and CSV has no method to type the objects by.
  const bare = cli(['--from', 'ndjson', '--no-envelope', '--to', 'json'], filtered);
  assert.equal(treeDifference(JSON.parse(bare.stdout), { list: source.list.filter((o) => (o['id'] as number) >= 2) }), undefined);
});

test('the round trip json → ndjson → json of every corpus sample gives the same tree (list last)', () => {
  for (const name of ['grid.server.get/001-server-get.json', 'grid.server.get/003-get-pattern.json', 'grid.loadbalancer.edit/003-edit-pattern.json', 'common.lookup.list/003-list-pattern.json']) {
    const file = join(CORPUS, name);
    const nd = cli(['--to', 'ndjson', file]);
    const back = cli(['--from', 'ndjson', '--to', 'json'], nd.stdout);
    assert.equal(back.status, 0, back.stderr);
    const { list, ...head } = decode(readText(file)) as Envelope;
    assert.equal(treeDifference(JSON.parse(back.stdout), { ...head, list }), undefined, name);
  }
});

test('*.ndjson and *.jsonl files are read as NDJSON without --from; --no-envelope applies to them', () => {
  const nd = cli(['--to', 'ndjson', LOOKUP]).stdout;
  writeFileSync(join(work, 'a.ndjson'), nd);
  writeFileSync(join(work, 'b.JSONL'), select(nd, (v) => !('status' in v)));
  const a = cli(['--to', 'json', join(work, 'a.ndjson')]);
  assert.equal(a.status, 0, a.stderr);
  assert.equal((JSON.parse(a.stdout) as Envelope).list.length, 3);
  const b = cli(['--to', 'json', '--no-envelope', join(work, 'b.JSONL')]);
  assert.equal(b.status, 0, b.stderr);
  assert.equal((JSON.parse(b.stdout) as Envelope).list.length, 3);
  // Content alone says JSON: the same text on stdin without --from is JSON with trailing data.
  const c = cli(['--to', 'json'], nd);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /^<stdin>:2:1: JSON_TRAILING_DATA /);
});

test('errors name the file, the line (the record) and the column', () => {
  const text = '{"status":"success"}\n{"object":"ip","id":1}\n{"object":"ip","id":}\n';
  writeFileSync(join(work, 'bad.ndjson'), text);
  const r = cli(['--to', 'csv', join(work, 'bad.ndjson')]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /bad\.ndjson:3:21: JSON_UNEXPECTED_CHARACTER /);
  const list = cli(['--from', 'ndjson', '--to', 'json'], '{}\n[1,2]\n');
  assert.match(list.stderr, /^<stdin>:2:1: NDJSON_NOT_AN_OBJECT /);
});

test('several inputs make one NDJSON stream: each file\'s envelope line, then its objects; --no-envelope: objects only', () => {
  const xml = join(CORPUS, 'grid.server.get', '001-server-get.xml');
  const r = cli(['--to', 'ndjson', LOOKUP, xml]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, cli(['--to', 'ndjson', LOOKUP]).stdout + cli(['--to', 'ndjson', xml]).stdout);
  const bare = cli(['--to', 'ndjson', '--no-envelope', LOOKUP, xml]);
  const objects = bare.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as GoObject);
  assert.deepEqual(objects.map((o) => o['object']), ['option', 'option', 'option', 'server']);
});

test('several inputs to ndjson: a failing file is reported, the others still converted, exit 1', () => {
  const broken = join(CORPUS, 'invalid', 'json-trailing-comma.json');
  const r = cli(['--to', 'ndjson', '--no-envelope', LOOKUP, broken, LOOKUP]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /json-trailing-comma\.json:1:33: JSON_UNEXPECTED_CHARACTER /);
  assert.match(r.stderr, /2 converted, 1 failed/);
  assert.equal(r.stdout.split('\n').filter((l) => l !== '').length, 6);
});

test('usage: several inputs without --out-dir only for --to ndjson; --method only without an envelope', () => {
  const many = cli(['--to', 'json', LOOKUP, LOOKUP]);
  assert.equal(many.status, 2);
  assert.match(many.stderr, /^gogrid-codec: several inputs make one output only as --to ndjson; for other formats give --out-dir DIR/);
  const method = cli(['--from', 'ndjson', '--method', '/grid/ip/list', '--to', 'json'], '{}\n');
  assert.equal(method.status, 2);
  assert.match(method.stderr, /^gogrid-codec: --method names the method of an input without envelope/);
  const noEnvelopeJson = cli(['--from', 'json', '--no-envelope', '--method', '/grid/ip/list', '--to', 'json'], '{}');
  assert.equal(noEnvelopeJson.status, 2);
});

test('validate reads NDJSON too (--no-envelope and --method for objects only)', () => {
  const bare = cli(['--to', 'ndjson', '--no-envelope', LOOKUP]).stdout;
  const r = cli(['validate', '--from', 'ndjson', '--no-envelope', '--method', '/common/lookup/list'], bare);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /<stdin>: valid \(3 objects\)/);
});

test('--to ndjson DIRECTORY walks it as --out-dir does: the response files below it, in name order', () => {
  const dir = join(CORPUS, 'grid.server.get');
  const r = cli(['--to', 'ndjson', '--no-envelope', dir]);
  assert.equal(r.status, 0, r.stderr);
  const names = readdirSync(dir).filter((n) => /\.(json|xml|csv)$/.test(n)).sort();
  assert.equal(r.stdout, names.map((n) => cli(['--to', 'ndjson', '--no-envelope', join(dir, n)]).stdout).join(''));
  assert.ok(names.length >= 4);
});
