/**
 * Plain CSV through the spawned command: `--to csv --plain` read by a real CSV reader (Python's
 * `csv` module), and `--from csv --plain [--method M | --type T]` reading plain CSV back, also
 * CSV that Python wrote.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, normalize, type Envelope } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const CORPUS = join(repoRoot, 'corpus');
const SERVER = join(CORPUS, 'grid.server.get', '001-server-get.xml');
const LOOKUP = join(CORPUS, 'common.lookup.list', '003-list-pattern.json');

/** Runs Python; the script reads stdin and prints JSON. */
function python(script: string, input: string): unknown {
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as unknown;
}

const READ = `
import csv, io, json, sys
rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))
print(json.dumps({"header": rows[0], "rows": rows[1:]}))
`;

test('--to csv --plain: Python\'s csv module reads the header names and the values', () => {
  const r = cli(['--to', 'csv', '--plain', SERVER]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.startsWith('#'));
  const { header, rows } = python(READ, r.stdout) as { header: string[]; rows: string[][] };
  assert.equal(header[0], 'id');
  for (const name of ['name', 'ip.ip', 'ip.state.name', 'ram.name', 'isSandbox']) assert.ok(header.includes(name), name);
  assert.equal(rows.length, 1);
  const row = Object.fromEntries(header.map((h, i) => [h, rows[0]?.[i]]));
  assert.equal(row['id'], '364');
  assert.equal(row['name'], 'Image Sandbox Test');
  assert.equal(row['ip.ip'], '208.113.75.243');
  assert.equal(row['ip.public'], 'true');
  // The same header and rows as GoGrid CSV, without its two `#` lines' prefix and envelope.
  const gogrid = cli(['--to', 'csv', SERVER]).stdout.split('\n');
  assert.equal(r.stdout, `${(gogrid[1] as string).slice(2)}\n${gogrid.slice(2).join('\n')}`);
});

test('--from csv --plain --method M gives back the tree as normalize says (the envelope is lost but the method)', () => {
  const plain = cli(['--to', 'csv', '--plain', LOOKUP]).stdout;
  const source = decode(readFileSync(LOOKUP, 'utf8'));
  const withMethod = cli(['--from', 'csv', '--plain', '--method', '/common/lookup/list', '--to', 'json'], plain);
  assert.equal(withMethod.status, 0, withMethod.stderr);
  assert.equal(treeDifference(JSON.parse(withMethod.stdout), normalize(source, 'csv', { plain: true, method: '/common/lookup/list' })), undefined);
  const back = JSON.parse(withMethod.stdout) as Envelope;
  assert.deepEqual(back.list[0], { object: 'option', id: 1, name: '512MB', description: 'Server with 512MB RAM' });
  // With --type the objects are typed but the envelope stays empty; with neither, values stay text.
  const typed = JSON.parse(cli(['--from', 'csv', '--plain', '--type', 'option', '--to', 'json'], plain).stdout) as Envelope;
  assert.deepEqual(typed, { list: back.list });
  const untyped = JSON.parse(cli(['--from', 'csv', '--plain', '--to', 'json'], plain).stdout) as Envelope;
  assert.equal(untyped.list[0]?.['id'], '1');
});

test('--from csv --plain reads what Python\'s csv module writes (quotes, commas, line breaks in cells, CRLF)', () => {
  const written = python(
    `
import csv, io, json, sys
out = io.StringIO()
w = csv.writer(out)
w.writerow(["id", "name", "description"])
w.writerow([7, "a, b", 'say "hi"\\nbye'])
w.writerow([8, "", "x"])
print(json.dumps(out.getvalue()))
`,
    '',
  ) as string;
  assert.match(written, /\r\n/);
  const r = cli(['--from', 'csv', '--plain', '--type', 'option', '--to', 'json'], written);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    list: [
      { object: 'option', id: 7, name: 'a, b', description: 'say "hi"\nbye' },
      { object: 'option', id: 8, description: 'x' },
    ],
  });
});

test('plain CSV errors are positioned; --plain needs a CSV side', () => {
  const r = cli(['--from', 'csv', '--plain', '--to', 'json'], 'id,name\n1,a,b\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^<stdin>:2:5: CSV_FIELD_COUNT /);
  const empty = cli(['--from', 'csv', '--plain', '--to', 'json'], '');
  assert.match(empty.stderr, /^<stdin>:1:1: CSV_HEADER_MISSING /);
  const usage = cli(['--plain', '--to', 'json', LOOKUP]);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^gogrid-codec: --plain is for --to csv/);
});
