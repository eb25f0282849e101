/**
 * The client against the offline GoGrid over 127.0.0.1, in all three formats: list, get by id
 * and by name, add/edit/delete round trips, every page, failures as ApiFailure (HTTP 403 for a
 * wrong secret or a skewed clock, IllegalArgumentException for an unknown id), a dropped
 * connection, retries only for reads, abort and timeout, and no secret in any error text.
 */
import test, { type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ApiFailure, CodecError, createClient, type ClientOptions, type Format, type GoObject } from '../../src/index.js';
import { type MockServer, type MockServerOptions, startMockServer } from '../../src/mock/index.js';

const KEY = 'client-test-api-key';
const SECRET = 'client-test-shared-secret';
const FORMATS: Format[] = ['json', 'xml', 'csv'];

/** A fresh mock for one test, closed when the test ends. */
async function mockFor(t: TestContext, options: MockServerOptions = {}): Promise<MockServer> {
  const mock = await startMockServer({ apiKey: KEY, secret: SECRET, minimumPerKind: 15, ...options });
  t.after(() => mock.close());
  return mock;
}

function client(mock: MockServer, format: Format, options: Partial<ClientOptions> = {}) {
  return createClient({ apiKey: KEY, secret: SECRET, endpoint: mock.url, format, retryDelayMs: 1, ...options });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every string a thrown error shows: message, fields, causes. */
function errorText(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x !== undefined && x !== null && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    parts.push(String(x), (x as Error).message ?? '', JSON.stringify(x) ?? '', (x as Error).stack ?? '');
  }
  return parts.join('\n');
}

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('the call should have failed');
}

function assertNoSecret(e: unknown, sigs: string[] = []): void {
  const text = errorText(e);
  for (const s of [SECRET, KEY, ...sigs]) assert.ok(!text.includes(s), `error text shows ${s}: ${text}`);
}

for (const format of FORMATS) {
  test(`${format}: list, get by id and by name (repeated values) decode what the store holds`, async (t) => {
    const mock = await mockFor(t);
    const c = client(mock, format);
    const all = await c.call('grid/server/list');
    const stored = mock.store.list('server');
    assert.equal(all.status, 'success');
    assert.equal(all.method, '/grid/server/list');
    assert.deepEqual(all.summary, { total: stored.length, start: 0, returned: stored.length });
    assert.deepEqual(all.list.map((s) => s['id']), stored.map((s) => s['id']));
    const byId = await c.call('grid/server/get', { id: [40, 67] });
    assert.deepEqual(byId.list.map((s) => s['name']), ['API Server', 'server1']);
    // Names are not unique (the documentation's samples hold two "API Server"s): all come back.
    const byName = await c.call('grid.server.get', { name: 'API Server' });
    assert.deepEqual(byName.list.map((s) => s['id']), mock.store.find('server', 'name', 'API Server').map((s) => s['id']));
    assert.ok(byName.list.some((s) => s['id'] === 40));
    const byType = await c.call('/grid/server/get', { server: 'server-7' });
    assert.deepEqual(byType.list.map((s) => s['name']), ['server-7']);
    const streamed = await collect(c.objects('grid/server/list'));
    assert.deepEqual(streamed, all.list);
  });

  test(`${format}: add, edit, get and delete round trip`, async (t) => {
    const mock = await mockFor(t);
    const c = client(mock, format);
    const ip = mock.store.list('ip').at(-1)?.['ip'] as string;
    const name = `rt-${format}`;
    const added = await c.call('grid/server/add', { name, image: 'centos44_32_apache22php5', ram: '2GB', ip, description: 'made by a test' });
    assert.equal(added.list.length, 1);
    assert.equal(added.list[0]?.['name'], name);
    assert.equal(added.list[0]?.['id'], undefined, 'GoGrid: an added server has no id until provisioned');
    const got = await c.call('grid/server/get', { name });
    const id = got.list[0]?.['id'];
    assert.equal(typeof id, 'number');
    assert.equal((got.list[0]?.['ram'] as GoObject)['name'], '2GB');
    const edited = await c.call('grid/server/edit', { id: id as number, description: 'edited' });
    assert.equal(edited.list[0]?.['description'], 'edited');
    assert.equal((await c.call('grid/server/get', { id: id as number })).list[0]?.['description'], 'edited');
    const powered = await c.call('grid/server/power', { name, power: 'stop' });
    assert.equal((powered.list[0]?.['state'] as GoObject)['name'], 'Off');
    const deleted = await c.call('grid/server/delete', { id: id as number });
    assert.deepEqual(deleted.list.map((s) => s['id']), [id]);
    const gone = await rejects(c.call('grid/server/get', { id: id as number }));
    assert.ok(gone instanceof ApiFailure);
    assert.equal(gone.errorcode, 'IllegalArgumentException');
  });

  test(`${format}: allPages with numItems 1, 2 and 7 yields exactly the unpaginated list`, async (t) => {
    const mock = await mockFor(t);
    const c = client(mock, format);
    const whole = (await c.call('grid/ip/list')).list;
    assert.ok(whole.length >= 15);
    for (const numItems of [1, 2, 7]) {
      const before = mock.requests.length;
      assert.deepEqual(await collect(c.allPages('grid/ip/list', {}, { numItems })), whole, `numItems ${numItems}`);
      assert.equal(mock.requests.length - before, Math.ceil(whole.length / numItems));
    }
  });

  test(`${format}: an unknown id is an ApiFailure IllegalArgumentException with HTTP 400`, async (t) => {
    const mock = await mockFor(t);
    const e = await rejects(client(mock, format).call('grid/server/get', { id: 987654 }));
    assert.ok(e instanceof ApiFailure);
    assert.equal(e.errorcode, 'IllegalArgumentException');
    assert.equal(e.httpStatus, 400);
    assert.equal(e.method, '/grid/server/get');
    assert.match(e.apiMessage, /987654/);
  });

  test(`${format}: a wrong secret and a clock 20 minutes off are ApiFailure with HTTP 403`, async (t) => {
    const mock = await mockFor(t);
    const wrong = await rejects(client(mock, format, { secret: 'not-the-secret' }).call('grid/server/list'));
    assert.ok(wrong instanceof ApiFailure);
    assert.deepEqual([wrong.httpStatus, wrong.errorcode], [403, 'Authentication Failed']);
    assertNoSecret(wrong);
    for (const skew of [-20, 20]) {
      const late = await rejects(client(mock, format, { now: () => Date.now() + skew * 60_000 }).call('grid/server/list'));
      assert.ok(late instanceof ApiFailure);
      assert.equal(late.httpStatus, 403);
    }
    // Five minutes is within GoGrid's window.
    assert.equal((await client(mock, format, { now: () => Date.now() - 5 * 60_000 }).call('grid/ip/list')).status, 'success');
  });

  test(`${format}: a connection dropped mid-body is an error, never a short list`, async (t) => {
    const mock = await mockFor(t);
    mock.faults = { dropAfter: 400 };
    const c = client(mock, format, { retries: 0 });
    const e = await rejects(c.call('grid/server/list'));
    assert.ok(e instanceof CodecError);
    assert.equal(e.code, 'CLIENT_CONNECTION_LOST');
    assertNoSecret(e);
    const seen: GoObject[] = [];
    const streamed = await rejects(
      (async () => {
        for await (const o of c.objects('grid/server/list')) seen.push(o);
      })(),
    );
    assert.ok(streamed instanceof CodecError && streamed.code === 'CLIENT_CONNECTION_LOST');
    assert.ok(seen.length < mock.store.list('server').length);
  });

  test(`${format}: tiny chunked writes and latency change nothing`, async (t) => {
    const mock = await mockFor(t);
    const whole = await client(mock, format).call('grid/loadbalancer/get', { id: 70 });
    mock.faults = { chunkSize: 5, latencyMs: 20 };
    assert.deepEqual(await client(mock, format).call('grid/loadbalancer/get', { id: 70 }), whole);
  });
}

test('retries happen for list (500 then success) and are bounded; never for add', async (t) => {
  const mock = await mockFor(t);
  const c = client(mock, 'json', { retries: 2 });
  let before = mock.requests.length;
  mock.faults = { failNext: 2 };
  assert.equal((await c.call('grid/server/list')).status, 'success');
  assert.equal(mock.requests.length - before, 3);

  before = mock.requests.length;
  mock.faults = { errorRate: 1 };
  const e = await rejects(c.call('grid/ip/list'));
  assert.ok(e instanceof ApiFailure);
  assert.deepEqual([e.httpStatus, e.errorcode], [500, 'UnexpectedError']);
  assert.equal(mock.requests.length - before, 3, 'one try and two retries');

  before = mock.requests.length;
  mock.faults = { failNext: 1 };
  const ip = mock.store.list('ip').at(-2)?.['ip'] as string;
  const add = await rejects(c.call('grid/server/add', { name: 'never-twice', image: 'centos44_32_apache22php5', ram: '1GB', ip }));
  assert.ok(add instanceof ApiFailure && add.httpStatus === 500);
  assert.equal(mock.requests.length - before, 1, 'add is not retried');
  mock.faults = {};
  assert.equal(mock.store.find('server', 'name', 'never-twice').length, 0);

  // A connection lost mid-body: list is retried, add is not.
  before = mock.requests.length;
  mock.faults = { dropAfter: 50 };
  assert.ok((await rejects(c.call('grid/server/list'))) instanceof CodecError);
  assert.equal(mock.requests.length - before, 3);
  before = mock.requests.length;
  assert.ok((await rejects(c.call('grid/server/power', { id: 40, power: 'restart' }))) instanceof CodecError);
  assert.equal(mock.requests.length - before, 1);
});

test('a refused connection is CLIENT_CONNECTION_FAILED after bounded retries, without secrets', async () => {
  const closed = await startMockServer({ apiKey: KEY, secret: SECRET });
  const endpoint = closed.url;
  await closed.close();
  const e = await rejects(createClient({ apiKey: KEY, secret: SECRET, endpoint, retries: 1, retryDelayMs: 1 }).call('grid/server/list'));
  assert.ok(e instanceof CodecError);
  assert.equal(e.code, 'CLIENT_CONNECTION_FAILED');
  assert.match(e.message, /api_key=REDACTED/);
  assertNoSecret(e);
});

test('no secret in any error text, whatever failed', async (t) => {
  const mock = await mockFor(t);
  const sigs: string[] = [];
  const recording: typeof fetch = (input, init) => {
    sigs.push(new URL(String(input)).searchParams.get('sig') ?? '');
    return fetch(input, init);
  };
  const c = client(mock, 'xml', { fetch: recording, retries: 0 });
  const errors: unknown[] = [];
  errors.push(await rejects(c.call('grid/server/get', { id: 1 })));
  errors.push(await rejects(c.call('grid/nothing/list')));
  errors.push(await rejects(client(mock, 'xml', { secret: 'wrong-secret-xyz' }).call('grid/server/list')));
  mock.faults = { dropAfter: 10 };
  errors.push(await rejects(c.call('grid/server/list')));
  mock.faults = { errorRate: 1 };
  errors.push(await rejects(c.call('grid/server/list')));
  mock.faults = {};
  const echo: typeof fetch = async (input) => new Response(`<html>${String(input)}</html>`, { status: 502 });
  errors.push(await rejects(client(mock, 'json', { fetch: echo }).call('grid/server/list')));
  const garbage: typeof fetch = async (input) => new Response(`{"list": [ ${String(input)}`, { status: 200 });
  errors.push(await rejects(client(mock, 'json', { fetch: garbage }).call('grid/server/list')));
  assert.equal(errors.length, 7);
  for (const e of errors) assertNoSecret(e, sigs);
});

test('an unknown method is ApiFailure Not Found with HTTP 404', async (t) => {
  const mock = await mockFor(t);
  const e = await rejects(client(mock, 'csv').call('grid/teleporter/list'));
  assert.ok(e instanceof ApiFailure);
  assert.deepEqual([e.httpStatus, e.errorcode], [404, 'Not Found']);
});

/** A fetch that answers with a fixed body, split into the given pieces. */
function fixed(body: string, pieces: number[], status = 200): typeof fetch {
  return async () => {
    const bytes = new TextEncoder().encode(body);
    const cuts = [0, ...pieces.filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b), bytes.length];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 1; i < cuts.length; i++) controller.enqueue(bytes.subarray(cuts[i - 1], cuts[i]));
        controller.close();
      },
    });
    return new Response(stream, { status });
  };
}

const FAILURE_BODIES: Record<string, string> = {
  'json, status after the list': '{"list":[{"object":"error","message":"No server with id 5","errorcode":"IllegalArgumentException"}],"summary":{"total":1,"start":0,"returned":1},"status":"failure","method":"/grid/server/get"}',
  'json, status first': '{"status":"failure","method":"/grid/server/get","list":[{"object":"error","message":"No server with id 5","errorcode":"IllegalArgumentException"}]}',
  xml: '<gogrid><response method="/grid/server/get" status="failure"><summary total="1" start="0" returned="1"/><list><object name="error"><attribute name="message">No server with id 5</attribute><attribute name="errorcode">IllegalArgumentException</attribute></object></list></response></gogrid>',
  csv: '# FAILURE, /grid/server/get, TOTAL, 1, START, 0, RETURNED, 1\n# message,errorcode\nNo server with id 5,IllegalArgumentException\n',
};

test('a failure envelope in a 200 body is an ApiFailure in every format, fed whole, per character and split at random', async () => {
  for (const [name, body] of Object.entries(FAILURE_BODIES)) {
    const splits = [[], Array.from({ length: body.length }, (_, i) => i), Array.from({ length: 8 }, () => Math.floor(Math.random() * body.length))];
    for (const pieces of splits) {
      const e = await rejects(createClient({ apiKey: KEY, secret: SECRET, fetch: fixed(body, pieces) }).call('grid/server/get', { id: 5 }));
      assert.ok(e instanceof ApiFailure, name);
      assert.deepEqual([e.errorcode, e.apiMessage, e.method, e.httpStatus], ['IllegalArgumentException', 'No server with id 5', '/grid/server/get', 200], name);
      const streamed = await rejects(collect(createClient({ apiKey: KEY, secret: SECRET, fetch: fixed(body, pieces) }).objects('grid/server/get', { id: 5 })));
      assert.ok(streamed instanceof ApiFailure, name);
    }
  }
});

test('a body that does not decode is a CodecError naming the HTTP status, with the same code and position however it is split', async () => {
  const body = '{"list":[{"object":"ip","id":1},{"object":"ip","id":2,}],"status":"success"}';
  const outcomes = new Set<string>();
  for (const pieces of [[], Array.from({ length: body.length }, (_, i) => i), [5, 17, 40]]) {
    const e = await rejects(createClient({ apiKey: KEY, secret: SECRET, fetch: fixed(body, pieces) }).call('grid/ip/list'));
    assert.ok(e instanceof CodecError);
    assert.match(e.message, /HTTP 200/);
    outcomes.add(JSON.stringify([e.code, e.line, e.column, e.offset]));
  }
  const at = body.indexOf(',}') + 1;
  assert.deepEqual([...outcomes], [JSON.stringify(['JSON_UNEXPECTED_CHARACTER', 1, at + 1, at])]);
});

test('an HTTP error without an envelope is an ApiFailure with GoGrid\'s code for the status', async () => {
  const e = await rejects(createClient({ apiKey: KEY, secret: SECRET, fetch: fixed('<html>nope</html>', [], 401) }).call('grid/server/list'));
  assert.ok(e instanceof ApiFailure);
  assert.deepEqual([e.httpStatus, e.errorcode], [401, 'Unauthorized']);
});

test('success bodies decode the same whole, per character and split at random', async () => {
  const body = '{"list":[{"object":"ip","id":1,"ip":"10.0.0.1"},{"object":"ip","id":2,"ip":"10.0.0.2"}],"summary":{"total":2,"start":0,"returned":2},"status":"success","method":"/grid/ip/list"}';
  const results = new Set<string>();
  for (const pieces of [[], Array.from({ length: body.length }, (_, i) => i), Array.from({ length: 10 }, () => Math.floor(Math.random() * body.length))]) {
    results.add(JSON.stringify(await createClient({ apiKey: KEY, secret: SECRET, fetch: fixed(body, pieces) }).call('grid/ip/list')));
  }
  assert.equal(results.size, 1);
});

test('allPages asks for the next page only when the consumer reaches it', async (t) => {
  const mock = await mockFor(t);
  const c = client(mock, 'xml');
  const before = mock.requests.length;
  const pages = c.allPages('grid/server/list', {}, { numItems: 4 });
  const first = await pages.next();
  assert.equal(first.done, false);
  assert.equal(mock.requests.length - before, 1);
  for (let i = 0; i < 3; i++) await pages.next();
  assert.equal(mock.requests.length - before, 1, 'the first page had four objects');
  await pages.next();
  assert.equal(mock.requests.length - before, 2);
  await pages.return(undefined);
  const paged = mock.requests.slice(before).map((r) => [r.params['num_items'], r.params['page']]);
  assert.deepEqual(paged, [[['4'], ['0']], [['4'], ['1']]]);
});

test('the JSON envelope key orders real responses show all decode to the same list', async () => {
  const orders = ['list-first', 'summary-first', 'sorted'] as const;
  const lists: string[] = [];
  for (const keyOrder of orders) {
    const other = await startMockServer({ apiKey: KEY, secret: SECRET, keyOrder });
    try {
      const c = createClient({ apiKey: KEY, secret: SECRET, endpoint: other.url, format: 'json' });
      const env = await c.call('grid/server/list');
      lists.push(JSON.stringify(env.list.map((o) => [o['id'], o['name']])));
      assert.deepEqual(await collect(c.allPages('grid/server/list', {}, { numItems: 5 })), env.list);
    } finally {
      await other.close();
    }
  }
  assert.equal(new Set(lists).size, 1);
});

test('an AbortSignal stops a call with its reason; a timeout is CLIENT_TIMEOUT', async (t) => {
  const mock = await mockFor(t);
  mock.faults = { latencyMs: 300 };
  const controller = new AbortController();
  const reason = new Error('stopped by the test');
  setTimeout(() => controller.abort(reason), 20);
  assert.equal(await rejects(client(mock, 'json').call('grid/server/list', {}, { signal: controller.signal })), reason);
  const timeout = await rejects(client(mock, 'json', { timeoutMs: 50, retries: 0 }).call('grid/server/list'));
  assert.ok(timeout instanceof CodecError);
  assert.equal(timeout.code, 'CLIENT_TIMEOUT');
  mock.faults = {};
});

test('client options are checked, the secret never quoted', () => {
  assert.throws(() => createClient({ apiKey: KEY, secret: SECRET, retries: -1 }), (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID');
  assert.throws(() => createClient({ apiKey: KEY, secret: SECRET, format: 'yaml' as Format }), (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID');
  assert.throws(() => createClient({ apiKey: KEY, secret: 42 as unknown as string }), (e: unknown) => e instanceof CodecError && !e.message.includes('42'));
  assert.throws(() => createClient({ apiKey: KEY, secret: SECRET, extra: 1 } as ClientOptions), (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID');
});

test('a body that stalls mid-way is CLIENT_TIMEOUT, not a hang', async () => {
  const stalled: typeof fetch = async (_input, init) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('<gogrid><response method="/grid/ip/list" status="success"><list><object name="ip">'));
        init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
      },
    });
    return new Response(body);
  };
  const seen: GoObject[] = [];
  const e = await rejects(
    (async () => {
      for await (const o of createClient({ apiKey: KEY, secret: SECRET, fetch: stalled, timeoutMs: 60 }).objects('grid/ip/list')) seen.push(o);
    })(),
  );
  assert.ok(e instanceof CodecError);
  assert.equal(e.code, 'CLIENT_TIMEOUT');
  assert.equal(seen.length, 0);
});

test('allPages: a short page ends the walk; a server that ignores page is refused, not followed forever', async () => {
  const page = (objects: number, summary: string): string =>
    `{"list":[${Array.from({ length: objects }, (_, i) => `{"object":"ip","id":${i}}`).join(',')}],"summary":${summary},"status":"success","method":"/grid/ip/list"}`;
  // total overstates (GoGrid's counts are data): the short second page is still the last.
  const overstated: typeof fetch = async (input) => {
    const p = Number(new URL(String(input)).searchParams.get('page'));
    return new Response(page(p === 0 ? 2 : 1, `{"total":9,"start":${p * 2},"returned":${p === 0 ? 2 : 1}}`));
  };
  assert.equal((await collect(createClient({ apiKey: KEY, secret: SECRET, fetch: overstated }).allPages('grid/ip/list', {}, { numItems: 2 }))).length, 3);
  let calls = 0;
  const ignoresPage: typeof fetch = async () => {
    calls++;
    return new Response(page(2, '{"total":10,"start":0,"returned":2}'));
  };
  const e = await rejects(collect(createClient({ apiKey: KEY, secret: SECRET, fetch: ignoresPage }).allPages('grid/ip/list', {}, { numItems: 2 })));
  assert.ok(e instanceof CodecError);
  assert.equal(e.code, 'CLIENT_RESPONSE_INVALID');
  assert.equal(calls, 2);
});

test('an HTTP error body split inside a multi-byte character still gives the whole message', async () => {
  const body = '{"list":[{"object":"error","message":"No server named Ünïcødé ☃ 😀","errorcode":"IllegalArgumentException"}],"status":"failure","method":"/grid/server/get"}';
  const bytes = new TextEncoder().encode(body).length;
  const e = await rejects(createClient({ apiKey: KEY, secret: SECRET, fetch: fixed(body, Array.from({ length: bytes }, (_, i) => i), 400) }).call('grid/server/get', { name: 'Ünïcødé ☃ 😀' }));
  assert.ok(e instanceof ApiFailure);
  assert.deepEqual([e.httpStatus, e.errorcode, e.apiMessage], [400, 'IllegalArgumentException', 'No server named Ünïcødé ☃ 😀']);
});

test('a slow consumer is not a timeout: the clock runs only while the client waits on the network', async () => {
  // The body is all there at once (no network wait), in several chunks; the consumer dawdles.
  const body = `{"list":[${Array.from({ length: 6 }, (_, i) => `{"object":"ip","id":${i}}`).join(',')}],"status":"success","method":"/grid/ip/list"}`;
  // Like a real fetch, an abort of the request's signal errors the body.
  const inMemory: typeof fetch = async (input, init) => {
    const response = await fixed(body, [20, 40, 60, 80])(input);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (init?.signal?.aborted === true) return controller.error(init.signal.reason);
        const part = await reader.read();
        if (part.done) controller.close();
        else controller.enqueue(part.value);
      },
    });
    return new Response(stream);
  };
  const c = createClient({ apiKey: KEY, secret: SECRET, fetch: inMemory, timeoutMs: 20 });
  let n = 0;
  for await (const ip of c.objects('grid/ip/list')) {
    assert.equal(ip['id'], n++);
    await new Promise((r) => setTimeout(r, 60));
  }
  assert.equal(n, 6);
});

test('503 is retried like 500; 502, 400 and 403 are not', async () => {
  const ok = '{"list":[],"summary":{"total":0,"start":0,"returned":0},"status":"success","method":"/grid/ip/list"}';
  const answers = (statuses: number[]): { fetch: typeof fetch; calls: () => number } => {
    let i = 0;
    return {
      fetch: async () => {
        const status = statuses[Math.min(i++, statuses.length - 1)] as number;
        return new Response(status === 200 ? ok : 'unavailable', { status });
      },
      calls: () => i,
    };
  };
  const unavailable = answers([503, 503, 200]);
  assert.equal((await createClient({ apiKey: KEY, secret: SECRET, fetch: unavailable.fetch, retryDelayMs: 1 }).call('grid/ip/list')).status, 'success');
  assert.equal(unavailable.calls(), 3);
  for (const status of [502, 400, 403]) {
    const once = answers([status, 200]);
    const e = await rejects(createClient({ apiKey: KEY, secret: SECRET, fetch: once.fetch, retryDelayMs: 1 }).call('grid/ip/list'));
    assert.ok(e instanceof ApiFailure && e.httpStatus === status);
    assert.equal(once.calls(), 1, `HTTP ${status} is not retried`);
  }
});
