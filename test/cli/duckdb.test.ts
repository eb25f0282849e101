/**
 * The first step past one machine: corpus files converted by the command to NDJSON and to plain
 * CSV, then queried with SQL by DuckDB (`@duckdb/node-api`, a dev dependency): counts, a nested
 * field, header names.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { decode, type Envelope } from '../../src/index.js';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const CORPUS = join(repoRoot, 'corpus');
const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-duckdb-test-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** Every valid JSON sample of the corpus, and the objects its list holds. */
const SAMPLES = readdirSync(CORPUS)
  .filter((d) => d !== 'invalid' && statSync(join(CORPUS, d)).isDirectory())
  .flatMap((d) => readdirSync(join(CORPUS, d)).filter((n) => n.endsWith('.json')).map((n) => join(CORPUS, d, n)));
assert.ok(SAMPLES.length >= 5, `corpus samples: ${SAMPLES.join(' ')}`);
const OBJECTS = SAMPLES.map((f) => (decode(readFileSync(f, 'utf8')) as Envelope).list).flat();

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('NDJSON from --out-dir (objects only) is one table to DuckDB: counts by type and a nested field', async () => {
  const dir = join(work, 'nd');
  const r = cli(['--to', 'ndjson', '--no-envelope', '--out-dir', dir, '--jobs', '2', ...SAMPLES]);
  assert.equal(r.status, 0, r.stderr);
  const glob = `'${join(dir, '*.ndjson')}'`;
  assert.deepEqual(await query(`select count(*) as n from read_json_auto(${glob}, union_by_name = true)`), [{ n: String(OBJECTS.length) }]);
  const byType = new Map<string, number>();
  for (const o of OBJECTS) byType.set(String(o['object']), (byType.get(String(o['object'])) ?? 0) + 1);
  const rows = await query(`select object, count(*) as n from read_json_auto(${glob}, union_by_name = true) group by object order by object`);
  assert.deepEqual(rows, [...byType].sort(([a], [b]) => (a < b ? -1 : 1)).map(([object, n]) => ({ object, n: String(n) })));
  const servers = OBJECTS.filter((o) => o['object'] === 'server' && o['ip'] !== undefined);
  const ips = await query(`select ip.ip as ip, ip.state.name as state from read_json_auto(${glob}, union_by_name = true) where object = 'server' order by ip.ip`);
  assert.deepEqual(
    ips,
    servers
      .map((s) => {
        const ip = s['ip'] as { ip: string; state?: { name?: string } };
        return { ip: ip.ip, state: ip.state?.name ?? null };
      })
      .sort((a, b) => (a.ip < b.ip ? -1 : 1)),
  );
});

test('one NDJSON stream of several files (-o), and plain CSV, read by DuckDB with the header names', async () => {
  const all = join(work, 'all.ndjson');
  const r = cli(['--to', 'ndjson', '--no-envelope', '-o', all, ...SAMPLES]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(await query(`select count(*) as n from read_json_auto('${all}', union_by_name = true)`), [{ n: String(OBJECTS.length) }]);

  const csv = join(work, 'lookup.csv');
  assert.equal(cli(['--to', 'csv', '--plain', '-o', csv, join(CORPUS, 'common.lookup.list', '003-list-pattern.xml')]).status, 0);
  const options = (decode(readFileSync(join(CORPUS, 'common.lookup.list', '003-list-pattern.xml'), 'utf8')) as Envelope).list;
  const rows = await query(`select id, name from read_csv_auto('${csv}') order by id`);
  assert.deepEqual(rows, options.map((o) => ({ id: String(o['id']), name: o['name'] })));
  const server = join(work, 'server.csv');
  assert.equal(cli(['--to', 'csv', '--plain', '-o', server, join(CORPUS, 'grid.server.get', '001-server-get.xml')]).status, 0);
  assert.deepEqual(await query(`select "ip.ip" as ip, "ip.state.name" as state from read_csv_auto('${server}')`), [{ ip: '208.113.75.243', state: 'Assigned' }]);
});
