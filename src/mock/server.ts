/**
 * The offline GoGrid: a loopback HTTP server that answers GoGrid API calls from an in-memory
 * store, in JSON, XML or CSV through the project's own encoders, checks signatures the way
 * GoGrid does, and can misbehave on purpose (latency, tiny chunks, a connection dropped
 * mid-body, a rate of 500s) so that clients can be tested against it.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeChunks } from '../encode.js';
import { methodType } from '../grammar/grammars.js';
import type { Envelope, GoObject, Summary } from '../tree/types.js';
import { MockFailure } from './failure.js';
import { type MockParams, MOCK_METHODS } from './methods.js';
import { MockStore, type MockStoreOptions } from './store.js';
import { mulberry32 } from './random.js';

/** The envelope member orders real GoGrid responses show. */
export type MockKeyOrder =
  /** `list, summary, status, method`: GoGrid's JSON as the documentation prints it (the default). */
  | 'list-first'
  /** `summary, status, method, list`: the envelope before the list, as some real responses have it. */
  | 'summary-first'
  /** `list, method, status, summary`, every object's attributes sorted too: as some documented JSON samples are. */
  | 'sorted';

/** Misbehaviour on purpose, for client tests. Change it at any time through {@link MockServer.faults}. */
export interface MockFaults {
  /** Wait this many milliseconds before answering. Default 0. */
  latencyMs?: number;
  /** Write the body in pieces of this many characters, yielding to the event loop between them. Default: one write. */
  chunkSize?: number;
  /** Destroy the connection after this many characters of the body (the response is chunked, so a client sees the loss). */
  dropAfter?: number;
  /** Fraction (0 to 1) of calls answered with HTTP 500 `UnexpectedError`, drawn from a seeded generator. Default 0. */
  errorRate?: number;
  /** The next this many calls are answered with HTTP 500, whatever the rate. Counts down. */
  failNext?: number;
}

/** Options of {@link startMockServer}. */
export interface MockServerOptions extends MockStoreOptions {
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** The API key calls must carry. Default `mock-api-key`. */
  apiKey?: string;
  /** The shared secret signatures are checked with. Default `mock-shared-secret`. */
  secret?: string;
  /** How far, in seconds, a signature's time may be from the server's clock. Default 600 (GoGrid allows ten minutes). */
  clockWindowSeconds?: number;
  /** The server's clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Envelope member order of JSON answers. Default `list-first`. */
  keyOrder?: MockKeyOrder;
  /** Faults to inject from the start. */
  faults?: MockFaults;
  /** Seed of the generator behind `faults.errorRate`. Default 1. */
  seed?: number;
}

/** One call the mock answered, for tests to count (`api_key` and `sig` are not kept). */
export interface MockRequestRecord {
  /** The method path, e.g. `/grid/server/list`. */
  method: string;
  /** The parameters other than `api_key` and `sig`. */
  params: Record<string, string[]>;
  /** The HTTP status answered. */
  status: number;
}

/** A running mock; see {@link startMockServer}. */
export interface MockServer {
  /** The API endpoint to give a client, e.g. `http://127.0.0.1:40123/api`. */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** The data; tests may read and change it. */
  readonly store: MockStore;
  /** The faults in force; assign to change them. */
  faults: MockFaults;
  /** Every call answered so far, oldest first. */
  readonly requests: MockRequestRecord[];
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const CONTENT_TYPES = { json: 'application/json; charset=utf-8', xml: 'application/xml; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

/**
 * Starts the offline GoGrid.
 *
 * @param options - see {@link MockServerOptions}.
 * @returns the running server; close it when done.
 * @throws Error when the address cannot be listened on; CodecError when the data folder holds a file that does not decode.
 * @example
 * ```ts
 * import { startMockServer } from 'gogrid-codec/mock';
 * import { createClient } from 'gogrid-codec';
 * const mock = await startMockServer({ apiKey: 'k', secret: 's' });
 * const client = createClient({ apiKey: 'k', secret: 's', endpoint: mock.url });
 * console.log((await client.call('grid/server/list')).summary);
 * await mock.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const storeOptions: MockStoreOptions = {};
  if (options.data !== undefined) storeOptions.data = options.data;
  if (options.minimumPerKind !== undefined) storeOptions.minimumPerKind = options.minimumPerKind;
  const store = MockStore.seeded(storeOptions);
  const config: Config = {
    apiKey: options.apiKey ?? 'mock-api-key',
    secret: options.secret ?? 'mock-shared-secret',
    window: options.clockWindowSeconds ?? 600,
    now: options.now ?? Date.now,
    keyOrder: options.keyOrder ?? 'list-first',
    random: mulberry32(options.seed ?? 1),
  };
  const requests: MockRequestRecord[] = [];
  const state = { faults: { ...options.faults } as MockFaults };
  const server = createServer((req, res) => {
    answer(req, res, store, config, state.faults, requests).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/api`,
    port: address.port,
    store,
    get faults() {
      return state.faults;
    },
    set faults(f: MockFaults) {
      state.faults = { ...f };
    },
    requests,
    close: () => closeServer(server),
  };
}

interface Config {
  apiKey: string;
  secret: string;
  window: number;
  now: () => number;
  keyOrder: MockKeyOrder;
  random: () => number;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((e) => (e === undefined ? resolve() : reject(e)));
    server.closeAllConnections();
  });
}

async function answer(req: IncomingMessage, res: ServerResponse, store: MockStore, config: Config, faults: MockFaults, requests: MockRequestRecord[]): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mock');
  const params = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) params.set(k, [...(params.get(k) ?? []), v]);
  const requested = params.get('format')?.[0] ?? 'json';
  const format = requested === 'xml' || requested === 'csv' ? requested : 'json';
  const method = methodOf(url.pathname);
  let status = 200;
  let doc: Envelope;
  try {
    if ((faults.latencyMs ?? 0) > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (req.method !== 'GET' && req.method !== 'POST') throw new MockFailure(405, 'IllegalArgumentException', `Method ${req.method ?? ''} is not allowed`);
    if ((faults.failNext ?? 0) > 0) {
      faults.failNext = (faults.failNext ?? 1) - 1;
      throw new MockFailure(500, 'UnexpectedError', 'Injected failure (failNext)');
    }
    if ((faults.errorRate ?? 0) > 0 && config.random() < (faults.errorRate ?? 0)) throw new MockFailure(500, 'UnexpectedError', 'Injected failure (errorRate)');
    const handler = method === undefined ? undefined : MOCK_METHODS.get(method);
    if (handler === undefined) throw new MockFailure(404, 'Not Found', `No such API method: ${url.pathname}`);
    authenticate(params, config);
    const v = params.get('v')?.[0];
    if (v === undefined) throw new MockFailure(400, 'IllegalArgumentException', 'Missing required parameter: v');
    if (!/^1\.\d$/.test(v)) throw new MockFailure(400, 'IllegalArgumentException', `Unsupported API version: ${v}`);
    if (requested !== format) throw new MockFailure(400, 'IllegalArgumentException', `format must be json, xml or csv (got ${requested})`);
    let list = handler.handle(store, params);
    if (handler.listType !== undefined) list = list.map((o) => ({ ...o, object: handler.listType as string }));
    const summary = page(list, params, handler.pages);
    list = list.slice(summary['start'] as number, (summary['start'] as number) + (summary['returned'] as number));
    doc = envelope(list, summary, 'success', method as string, config.keyOrder);
  } catch (e) {
    if (!(e instanceof MockFailure)) throw e;
    status = e.httpStatus;
    doc = envelope([{ object: 'error', message: e.message, errorcode: e.errorcode }], { total: 1, start: 0, returned: 1 }, 'failure', method ?? url.pathname, config.keyOrder);
  }
  const shown: Record<string, string[]> = {};
  for (const [k, v] of params) if (k !== 'api_key' && k !== 'sig') shown[k] = v;
  const failure = doc.status === 'failure';
  const listed = doc.method === undefined ? undefined : methodType(doc.method);
  const type = failure ? 'error' : (doc.list[0] === undefined ? listed : (doc.list[0]['object'] as string | undefined)) ?? listed;
  // The body is encoded as it is written (chunks of about 64 KiB), so a long list is never one
  // string; the first chunk is taken before the status is sent, so data the format cannot carry
  // (a store changed by hand) still gets a proper 500, as GoGrid answers its own bugs.
  let chunks = encodeChunks(doc, type === undefined || format !== 'csv' ? { format } : { format, type });
  let first: IteratorResult<string, void>;
  try {
    first = chunks.next();
  } catch (e) {
    status = 500;
    const failed = envelope([{ object: 'error', message: (e as Error).message, errorcode: 'UnexpectedError' }], { total: 1, start: 0, returned: 1 }, 'failure', doc.method ?? url.pathname, config.keyOrder);
    chunks = encodeChunks(failed, format === 'csv' ? { format, type: 'error' } : { format });
    first = chunks.next();
  }
  requests.push({ method: method ?? url.pathname, params: shown, status });
  res.writeHead(status, { 'content-type': CONTENT_TYPES[format] });
  await writeBody(res, first.done === true ? [] : [first.value], chunks, faults);
}

/** `/api/grid/server/list` or `/api/grid.server.list` → `/grid/server/list`. */
function methodOf(pathname: string): string | undefined {
  if (!pathname.startsWith('/api/')) return undefined;
  const rest = pathname.slice(4);
  return rest.includes('.') && rest.lastIndexOf('/') === 0 ? `/${rest.slice(1).replace(/\./g, '/')}` : rest;
}

function authenticate(params: MockParams, config: Config): void {
  const key = params.get('api_key')?.[0];
  const sig = params.get('sig')?.[0];
  if (key === undefined || sig === undefined) throw new MockFailure(403, 'Authentication Failed', 'The call must carry api_key and sig');
  if (key !== config.apiKey) throw new MockFailure(403, 'Authentication Failed', 'Unknown api_key');
  const now = Math.floor(config.now() / 1000);
  for (let t = now - config.window; t <= now + config.window; t++) {
    if (createHash('md5').update(`${key}${config.secret}${t}`).digest('hex') === sig) return;
  }
  throw new MockFailure(403, 'Authentication Failed', 'The signature does not match (wrong secret, or a clock more than the allowed window off)');
}

/** The summary of a list, paged when `num_items` is given (`page` from 0). */
function page(list: GoObject[], params: MockParams, pages: boolean): Summary {
  const total = list.length;
  const numItems = params.get('num_items')?.[0];
  if (!pages || numItems === undefined) return { total, start: 0, returned: total };
  if (!/^[1-9]\d*$/.test(numItems)) throw new MockFailure(400, 'IllegalArgumentException', `num_items must be a positive integer (got ${numItems})`);
  const pageText = params.get('page')?.[0] ?? '0';
  if (!/^\d+$/.test(pageText)) throw new MockFailure(400, 'IllegalArgumentException', `page must be a non-negative integer (got ${pageText})`);
  const n = Number(numItems);
  // `start` is the index asked for, even past the end (the page is then empty).
  const start = Number(pageText) * n;
  return { total, start, numpages: Math.ceil(total / n), returned: Math.max(0, Math.min(n, total - start)) };
}

function envelope(list: GoObject[], summary: Summary, status: string, method: string, order: MockKeyOrder): Envelope {
  switch (order) {
    case 'summary-first':
      return { summary, status, method, list };
    case 'sorted':
      return { list: list.map(sortedObject), method, status, summary: Object.fromEntries(Object.entries(summary).sort(([a], [b]) => (a < b ? -1 : 1))) };
    case 'list-first':
      return { list, summary, status, method };
  }
}

function sortedObject(object: GoObject): GoObject {
  const out: GoObject = {};
  for (const key of Object.keys(object).sort()) {
    const v = object[key] as GoObject[keyof GoObject];
    out[key] = Array.isArray(v) ? v.map(sortedObject) : typeof v === 'object' && v !== null ? sortedObject(v) : v;
  }
  return out;
}

async function writeBody(res: ServerResponse, head: string[], rest: Iterator<string, void>, faults: MockFaults): Promise<void> {
  const size = faults.chunkSize !== undefined && faults.chunkSize > 0 ? faults.chunkSize : Infinity;
  const drop = faults.dropAfter;
  let written = 0;
  const pieces = (function* () {
    yield* head;
    for (let next = rest.next(); next.done !== true; next = rest.next()) yield next.value;
  })();
  try {
    for (const chunk of pieces) {
      for (let at = 0; at < chunk.length; at += size) {
        let piece = chunk.slice(at, at + size);
        if (drop !== undefined && written + piece.length > drop) piece = piece.slice(0, drop - written);
        written += piece.length;
        if (piece !== '' && !res.write(piece)) await drained(res);
        if (res.destroyed) return;
        if (drop !== undefined && written >= drop) return await cut(res);
        // Yield so each piece leaves as its own write (and its own HTTP chunk).
        if (size !== Infinity) await new Promise((r) => setImmediate(r));
      }
    }
  } catch {
    // An encoder error after the status went out: all a server can do is cut the connection.
    return await cut(res);
  }
  if (drop !== undefined) return await cut(res);
  res.end();
}

/** Waits until the response can take more, or is closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Lets what was written reach the client, then closes the connection without the final chunk. */
async function cut(res: ServerResponse): Promise<void> {
  await new Promise((r) => setTimeout(r, 10));
  res.socket?.destroy();
}

