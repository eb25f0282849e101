/**
 * The offline GoGrid over raw HTTP (no client of ours in between, so its answers are checked
 * against GoGrid's documented behaviour, not against our decoder's leniency): signatures and
 * their time window, 404/400/403 with failure envelopes in the requested format, paging and a
 * consistent summary, add without id, lookups, billing, key orders, fault injection, and the
 * `gogrid-codec/mock` export.
 */
import test, { type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decode, isEnvelope, validate, type Envelope, type Format } from '../../src/index.js';
import { type MockServer, type MockServerOptions, startMockServer } from '../../src/mock/index.js';

const KEY = 'mock-test-key';
const SECRET = 'mock-test-secret';

/** A fresh mock for one test, closed when the test ends. */
async function mockFor(t: TestContext, options: MockServerOptions = {}): Promise<MockServer> {
  const mock = await startMockServer({ apiKey: KEY, secret: SECRET, minimumPerKind: 23, ...options });
  t.after(() => mock.close());
  return mock;
}

function sig(seconds = Math.floor(Date.now() / 1000), secret = SECRET): string {
  return createHash('md5').update(`${KEY}${secret}${seconds}`).digest('hex');
}

async function get(mock: MockServer, path: string, params: [string, string][] = [], auth: { sig?: string; key?: string } = {}): Promise<{ status: number; body: string; type: string | null }> {
  const url = new URL(`${mock.url}${path}`);
  url.searchParams.set('api_key', auth.key ?? KEY);
  url.searchParams.set('sig', auth.sig ?? sig());
  url.searchParams.set('v', '1.9');
  for (const [k, v] of params) url.searchParams.append(k, v);
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

function envelope(text: string): Envelope {
  const doc = decode(text);
  assert.ok(isEnvelope(doc));
  return doc;
}

test('the URL is 127.0.0.1 on a port picked for us, under /api', async (t) => {
  const mock = await mockFor(t);
  assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
  assert.ok(mock.port > 0);
});

test('answers in the requested format, with the content type, through the project\'s encoders', async (t) => {
  const mock = await mockFor(t);
  const texts: Record<string, string> = {};
  for (const format of ['json', 'xml', 'csv'] as Format[]) {
    const r = await get(mock, '/grid/server/list', [['format', format]]);
    assert.equal(r.status, 200);
    assert.match(r.type ?? '', format === 'csv' ? /text\/csv/ : new RegExp(`application/${format}`));
    texts[format] = r.body;
    const doc = envelope(r.body);
    assert.equal(doc.list.length, mock.store.list('server').length);
    assert.deepEqual(validate(doc), [], `${format} answers pass the grammars`);
  }
  assert.ok(texts['json']?.startsWith('{"list":['), 'GoGrid\'s JSON puts the list first');
  assert.ok(texts['xml']?.startsWith('<gogrid>'));
  assert.ok(texts['csv']?.startsWith('# SUCCESS, /grid/server/list, TOTAL, '));
});

test('signatures: a wrong secret, a wrong key, no sig, and a time outside the window are 403 Authentication Failed', async (t) => {
  const mock = await mockFor(t);
  const now = Math.floor(Date.now() / 1000);
  const cases = [
    { sig: sig(now, 'wrong') },
    { key: 'other-key' },
    { sig: '' },
    { sig: sig(now - 20 * 60) },
    { sig: sig(now + 11 * 60) },
  ];
  for (const auth of cases) {
    const r = await get(mock, '/grid/ip/list', [['format', 'xml']], auth);
    assert.equal(r.status, 403, JSON.stringify(auth));
    const doc = envelope(r.body);
    assert.equal(doc.status, 'failure');
    assert.equal(doc.list[0]?.['errorcode'], 'Authentication Failed');
  }
  assert.equal((await get(mock, '/grid/ip/list', [], { sig: sig(now - 9 * 60) })).status, 200, 'nine minutes off is within the window');
});

test('an unknown method is 404 Not Found; bad or missing parameters are 400 IllegalArgumentException', async (t) => {
  const mock = await mockFor(t);
  const notFound = await get(mock, '/grid/teleporter/list', [['format', 'csv']]);
  assert.equal(notFound.status, 404);
  assert.match(notFound.body, /^# FAILURE, \/grid\/teleporter\/list/);
  assert.equal(envelope(notFound.body).list[0]?.['errorcode'], 'Not Found');
  const bad: [string, [string, string][]][] = [
    ['/grid/server/get', []],
    ['/grid/server/get', [['id', '424242']]],
    ['/grid/server/get', [['name', 'no such server']]],
    ['/grid/server/add', [['name', 'x']]],
    ['/grid/server/edit', [['name', 'API Server'], ['description', 'ambiguous: two servers have this name']]],
    ['/grid/server/edit', [['id', '40'], ['colour', 'blue']]],
    ['/grid/server/power', [['id', '40'], ['power', 'explode']]],
    ['/grid/ip/list', [['num_items', '0']]],
    ['/grid/ip/list', [['num_items', '5'], ['page', '-1']]],
    ['/common/lookup/list', []],
    ['/common/lookup/list', [['lookup', 'no.such']]],
    ['/grid/ip/list', [['format', 'yaml']]],
  ];
  for (const [path, params] of bad) {
    const r = await get(mock, path, params);
    assert.equal(r.status, 400, `${path} ${JSON.stringify(params)}: ${r.body}`);
    const doc = envelope(r.body);
    assert.deepEqual([doc.status, doc.method, doc.list[0]?.['errorcode']], ['failure', path, 'IllegalArgumentException']);
  }
});

test('paging: num_items and a 0-based page give a consistent summary', async (t) => {
  const mock = await mockFor(t);
  const total = mock.store.list('ip').length;
  assert.equal(total, 23);
  const seen: unknown[] = [];
  for (let page = 0; page < 5; page++) {
    const doc = envelope((await get(mock, '/grid/ip/list', [['num_items', '5'], ['page', String(page)]])).body);
    const returned = Math.max(0, Math.min(5, total - page * 5));
    assert.deepEqual(doc.summary, { total, start: page * 5, numpages: 5, returned }, `page ${page}`);
    assert.equal(doc.list.length, returned);
    seen.push(...doc.list.map((o) => o['id']));
  }
  assert.deepEqual(seen, mock.store.list('ip').map((o) => o['id']));
  const beyond = envelope((await get(mock, '/grid/ip/list', [['num_items', '5'], ['page', '9']])).body);
  assert.deepEqual([beyond.summary?.['start'], beyond.summary?.['returned'], beyond.list.length], [45, 0, 0]);
  const unpaged = envelope((await get(mock, '/grid/ip/list')).body);
  assert.deepEqual(unpaged.summary, { total, start: 0, returned: total });
});

test('get by id, name and the type parameter, repeated, in GoGrid\'s precedence', async (t) => {
  const mock = await mockFor(t);
  const byIds = envelope((await get(mock, '/grid/server/get', [['id', '40'], ['id', '67']])).body);
  assert.deepEqual(byIds.list.map((o) => o['id']), [40, 67]);
  // id wins over name
  const both = envelope((await get(mock, '/grid/server/get', [['id', '67'], ['name', 'server-9']])).body);
  assert.deepEqual(both.list.map((o) => o['id']), [67]);
  const typed = envelope((await get(mock, '/grid/loadbalancer/get', [['loadbalancer', '70']])).body);
  assert.equal(typed.list[0]?.['name'], 'my load balancer');
  const dotted = envelope((await get(mock, '/grid.image.get', [['id', '250']])).body);
  assert.equal(dotted.method, '/grid/image/get');
});

test('add answers the object without an id, as the documentation warns; get then finds it with one', async (t) => {
  const mock = await mockFor(t);
  const ip = mock.store.list('ip').at(-1)?.['ip'] as string;
  const added = envelope((await get(mock, '/grid/server/add', [['name', 'mock-add'], ['image', 'centos44_32_apache22php5'], ['server.ram', '1GB'], ['ip', ip]])).body);
  assert.equal(added.method, '/grid/server/add');
  assert.equal(added.list[0]?.['id'], undefined);
  assert.deepEqual(added.summary, { total: 1, start: 0, returned: 1 });
  const got = envelope((await get(mock, '/grid/server/get', [['name', 'mock-add']])).body);
  assert.equal(typeof got.list[0]?.['id'], 'number');
  const password = envelope((await get(mock, '/support/password/add', [['username', 'admin'], ['password', 'pw']])).body);
  assert.equal(typeof password.list[0]?.['id'], 'number', 'passwords get their id at once');
});

test('lookups, jobs, images, passwords and billing answer', async (t) => {
  const mock = await mockFor(t);
  const ram = envelope((await get(mock, '/common/lookup/list', [['lookup', 'server.ram']])).body);
  // The samples hold RAM options 1 (512MB), 2 (1GB), 3 (2GB) and a sandbox's 7 (2GB).
  assert.deepEqual(ram.list.map((o) => o['id']).sort(), [1, 2, 3, 7]);
  const images = envelope((await get(mock, '/grid/image/list', [['format', 'csv']])).body);
  assert.ok(images.list.length >= 23);
  assert.equal(envelope((await get(mock, '/grid/image/list')).body).list[0]?.['object'], 'serverimage');
  assert.equal(envelope((await get(mock, '/grid/job/list', [['num_items', '3']])).body).list.length, 3);
  assert.equal(envelope((await get(mock, '/support/password/list')).body).list[0]?.['object'], 'password');
  assert.equal(envelope((await get(mock, '/myaccount/billing/get', [['format', 'xml']])).body).list[0]?.['object'], 'billingsummary');
});

test('key orders: the three real JSON envelope orders', async () => {
  const orders = [
    ['list-first', '{"list":[{"object":"loadbalancer"', '"summary":{"total":1,"start":0,"returned":1},"status":"success","method":"/grid/loadbalancer/get"}'],
    ['summary-first', '{"summary":{"total":1,"start":0,"returned":1},"status":"success","method":"/grid/loadbalancer/get","list":[{', '}]}'],
    ['sorted', '{"list":[{"description"', '"method":"/grid/loadbalancer/get","status":"success","summary":{"returned":1,"start":0,"total":1}}'],
  ] as const;
  for (const [keyOrder, start, end] of orders) {
    const other = await startMockServer({ apiKey: KEY, secret: SECRET, keyOrder });
    try {
      const url = `${other.url}/grid/loadbalancer/get?api_key=${KEY}&v=1.9&format=json&id=70&sig=${sig()}`;
      const text = await (await fetch(url)).text();
      assert.ok(text.startsWith(start), `${keyOrder}: ${text.slice(0, 80)}`);
      assert.ok(text.endsWith(end), `${keyOrder}: ${text.slice(-120)}`);
    } finally {
      await other.close();
    }
  }
});

test('faults: a rate of 500s (seeded), failNext, tiny chunks, a dropped connection', async (t) => {
  const mock = await mockFor(t);
  mock.faults = { errorRate: 0.5 };
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) statuses.push((await get(mock, '/grid/ip/list')).status);
  const errors = statuses.filter((s) => s === 500).length;
  assert.ok(errors > 5 && errors < 35, `${errors} of 40`);
  mock.faults = { failNext: 2 };
  assert.deepEqual([(await get(mock, '/grid/ip/list')).status, (await get(mock, '/grid/ip/list')).status, (await get(mock, '/grid/ip/list')).status], [500, 500, 200]);
  mock.faults = { chunkSize: 1 };
  const small = await get(mock, '/grid/loadbalancer/get', [['id', '70'], ['format', 'xml']]);
  mock.faults = {};
  assert.equal(small.body, (await get(mock, '/grid/loadbalancer/get', [['id', '70'], ['format', 'xml']])).body);
  mock.faults = { dropAfter: 100 };
  await assert.rejects(get(mock, '/grid/server/list'));
});

test('the request log keeps no api_key or sig', async (t) => {
  const mock = await mockFor(t);
  await get(mock, '/grid/ip/list');
  const last = mock.requests.at(-1);
  assert.equal(last?.method, '/grid/ip/list');
  assert.equal(last?.params['api_key'], undefined);
  assert.equal(last?.params['sig'], undefined);
});

test('gogrid-codec/mock resolves through the package exports', async () => {
  const NAME = 'gogrid-codec/mock';
  const pkg = (await import(NAME)) as Record<string, unknown>;
  assert.equal(typeof pkg['startMockServer'], 'function');
  assert.equal(pkg['startMockServer'], startMockServer);
});
