/**
 * The mock's store: seeded from the corpus (every kind present, samples in three formats
 * counted once, lookups gathered), topped up to the minimum, and seeded from a folder.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOCK_KINDS, MockStore } from '../../src/mock/index.js';

test('seeded from the corpus: the documented objects, once each, and every kind topped up', () => {
  const store = MockStore.seeded({ minimumPerKind: 20 });
  for (const kind of MOCK_KINDS) assert.equal(store.list(kind).length, 20, kind);
  assert.deepEqual(store.find('server', 'id', '40').map((s) => s['name']), ['API Server']);
  assert.equal(store.find('loadbalancer', 'id', '70').length, 1);
  assert.equal(store.find('image', 'id', '250').length, 1);
  assert.equal(store.find('server', 'name', 'server1').length, 2, 'the add sample (no id) once, the delete sample (id 67) once');
  assert.ok(store.lookups.get('server.ram')?.some((o) => o['name'] === '512MB'), 'the lookup sample joins server.ram');
  const ids = store.list('server').map((s) => s['id']);
  assert.equal(new Set(ids).size, ids.length);
});

test('results are copies: changing one does not change the store', () => {
  const store = MockStore.seeded();
  const first = store.list('server')[0];
  if (first !== undefined) first['name'] = 'changed';
  assert.notEqual(store.list('server')[0]?.['name'], 'changed');
});

test('seeded from a --data folder of responses in any format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gogrid-mock-data-'));
  try {
    writeFileSync(join(dir, 'ips.csv'), '# SUCCESS, /grid/ip/list, TOTAL, 2, START, 0, RETURNED, 2\n# id,ip,subnet,public\n5,10.1.1.5,10.1.1.0/255.255.255.0,true\n6,10.1.1.6,10.1.1.0/255.255.255.0,false\n');
    writeFileSync(join(dir, 'ignored.txt'), 'not a response');
    const store = MockStore.seeded({ data: dir, minimumPerKind: 0 });
    assert.deepEqual(store.list('ip').map((o) => o['ip']), ['10.1.1.5', '10.1.1.6']);
    assert.equal(store.list('server').length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
