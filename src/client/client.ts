/**
 * The GoGrid client: signs each call, sends it with `fetch`, and decodes the body with the
 * project's own streaming decoders as it arrives. Failure envelopes and HTTP error statuses
 * become {@link ApiFailure}; a body that does not decode becomes a {@link CodecError} naming the
 * HTTP status; a connection lost mid-body is an error, never a short list.
 *
 * No `node:` import: it runs wherever `fetch`, web streams and `AbortSignal` exist.
 */
import { decodeEvents } from '../decode.js';
import { CodecError } from '../errors.js';
import { ApiFailure, failureFrom, isFailureStatus } from '../failure.js';
import { type ClientOptions, normalizeClientOptions, type ResolvedClientOptions } from '../options.js';
import { type CodecEvent, DocumentCollector } from '../tree/events.js';
import type { Format } from '../format.js';
import { type Envelope, type EnvelopeHead, type GoObject, isEnvelope, typeName } from '../tree/types.js';
import { redactText, redactUrl } from './redact.js';
import { type CallParams, methodPath, requestUrl } from './url.js';
import { isRetryable, retryDelay } from './retry.js';

/** Options of one call. */
export interface CallOptions {
  /** Stops the call; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The format to ask for, instead of the client's. */
  format?: Format;
}

/** Options of {@link GoGridClient.allPages}. */
export interface PageOptions extends CallOptions {
  /** Objects per page (`num_items`). Required. */
  numItems: number;
}

/**
 * A GoGrid API client; make one with {@link createClient}.
 *
 * The type parameter `T` of each method is the type of the listed objects; it defaults to
 * {@link GoObject}, and the generated per-type interfaces slot in there (`call<Server>(…)`).
 * It is a promise about the data, not a check: validate with the grammars when in doubt.
 */
export interface GoGridClient {
  /**
   * Calls a method and decodes the whole response.
   * @param method - `grid/server/list`, `/grid/server/get` or `grid.server.get`.
   * @param params - query parameters; arrays repeat the name (`{ id: [1, 2] }`).
   * @param options - a signal, a format.
   * @returns the envelope.
   * @throws ApiFailure for a failure envelope or an HTTP error; CodecError for a body that does not decode, a lost connection or a timeout.
   */
  call<T extends GoObject = GoObject>(method: string, params?: CallParams, options?: CallOptions): Promise<Envelope<T>>;
  /**
   * Calls a method and yields the listed objects as the body arrives (memory stays bounded).
   * @param method - the method.
   * @param params - query parameters.
   * @param options - a signal, a format.
   * @returns an async generator of objects; it throws as {@link GoGridClient.call} does.
   */
  objects<T extends GoObject = GoObject>(method: string, params?: CallParams, options?: CallOptions): AsyncGenerator<T, void, undefined>;
  /**
   * Calls a method and yields the decoder's events (envelope, objects, end), failures already
   * turned into errors: what a converter needs. XML and CSV put the status first, so a failure
   * is thrown before any event; GoGrid's JSON puts it after the list, so a non-final envelope
   * event may come first (`error` objects are never yielded). `gogrid-codec call` asks for XML.
   * @param method - the method.
   * @param params - query parameters.
   * @param options - a signal, a format.
   * @returns an async generator of events.
   */
  events(method: string, params?: CallParams, options?: CallOptions): AsyncGenerator<CodecEvent, void, undefined>;
  /**
   * Every object of every page of a list call (`num_items`, `page` from 0), asking for the next
   * page only when the consumer reaches it.
   * @param method - a list method.
   * @param params - query parameters (not `num_items` or `page`).
   * @param options - `numItems` per page, a signal, a format.
   * @returns an async generator of objects.
   */
  allPages<T extends GoObject = GoObject>(method: string, params: CallParams | undefined, options: PageOptions): AsyncGenerator<T, void, undefined>;
}

// GoGrid's error code for each documented HTTP status, used when the body says nothing better.
const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'IllegalArgumentException',
  401: 'Unauthorized',
  403: 'Authentication Failed',
  404: 'Not Found',
  500: 'UnexpectedError',
};

// How much of an HTTP error's body is read to find its failure envelope.
const ERROR_BODY_LIMIT = 1 << 20;

/**
 * Creates a client.
 *
 * @param options - `apiKey` and `secret` (required), `endpoint`, `version`, `format`, `fetch`,
 *   `timeoutMs`, `retries`, `retryDelayMs`, `now`; see {@link ClientOptions}.
 * @returns the client.
 * @throws CodecError `OPTION_INVALID` for a bad option (the secret is never quoted).
 * @example
 * ```ts
 * const client = createClient({ apiKey: process.env.GOGRID_API_KEY!, secret: process.env.GOGRID_SHARED_SECRET!, endpoint: mock.url });
 * const servers = await client.call('grid/server/list');
 * for await (const ip of client.objects('grid/ip/list')) console.log(ip.ip);
 * for await (const s of client.allPages('grid/server/list', {}, { numItems: 50 })) console.log(s.name);
 * ```
 */
export function createClient(options: ClientOptions): GoGridClient {
  const o = normalizeClientOptions(options);
  return {
    call: (method, params, callOptions) => callWhole(o, method, params, callOptions),
    objects: (method, params, callOptions) => objectsOf(events(o, method, params, callOptions)),
    events: (method, params, callOptions) => events(o, method, params, callOptions),
    allPages: (method, params, pageOptions) => allPages(o, method, params, pageOptions),
  };
}

async function callWhole<T extends GoObject>(o: ResolvedClientOptions, method: string, params: CallParams | undefined, options: CallOptions | undefined): Promise<Envelope<T>> {
  const path = methodPath(method);
  // Nothing has reached the caller until the whole body is in, so a safe call may also be
  // repeated when the connection drops mid-body.
  for (let attempt = 0; ; attempt++) {
    try {
      const collector = new DocumentCollector();
      for await (const e of events(o, method, params, options)) collector.push(e);
      const doc = collector.document();
      if (!isEnvelope(doc)) throw new CodecError({ code: 'CLIENT_RESPONSE_INVALID', format: 'http', detail: `the response to ${path} is a bare object, not an envelope` });
      return doc as Envelope<T>;
    } catch (e) {
      const lost = e instanceof CodecError && e.code === 'CLIENT_CONNECTION_LOST';
      if (!lost || !isRetryable(path) || attempt >= o.retries) throw e;
      await sleep(retryDelay(o.retryDelayMs, attempt), options?.signal);
    }
  }
}

async function* objectsOf<T extends GoObject>(source: AsyncGenerator<CodecEvent, void, undefined>): AsyncGenerator<T, void, undefined> {
  for await (const e of source) if (e.type === 'object' || e.type === 'fragment') yield e.object as T;
}

/**
 * Watches one call: the caller's signal, and a timeout armed only while the call waits on the
 * network (for the response, then for each next chunk), so a slow consumer never trips it.
 */
class CallWatch {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort = (): void => this.controller.abort(this.outer?.reason);

  constructor(
    private readonly timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    if (outer?.aborted === true) this.controller.abort(outer.reason);
    outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Arms the timeout before a wait on the network. */
  restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error('timeout'));
    }, this.timeoutMs);
  }

  /** Disarms it when the wait is over. */
  pause(): void {
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }

  /** The error to surface for an abort of ours: the caller's reason, or our timeout. */
  abortError(path: string): unknown {
    if (this.outer?.aborted === true) return this.outer.reason;
    return new CodecError({ code: 'CLIENT_TIMEOUT', format: 'http', detail: `no answer from ${path} for ${this.timeoutMs} ms` });
  }
}

async function* events(o: ResolvedClientOptions, method: string, params: CallParams | undefined, options: CallOptions | undefined): AsyncGenerator<CodecEvent, void, undefined> {
  const path = methodPath(method);
  const format = options?.format ?? o.format;
  const watch = new CallWatch(o.timeoutMs, options?.signal);
  const secrets = [o.apiKey, o.secret];
  try {
    const { response, shownUrl, sig } = await send(o, path, params, format, watch);
    secrets.push(sig);
    if (!response.ok) throw await httpFailure(response, path, watch, secrets);
    yield* bodyEvents(response, path, watch, secrets, shownUrl);
  } catch (e) {
    if (watch.controller.signal.aborted && !(e instanceof ApiFailure)) {
      if (watch.timedOut || options?.signal?.aborted === true) throw watch.abortError(path);
    }
    throw scrub(e, secrets);
  } finally {
    watch.dispose();
  }
}

async function send(
  o: ResolvedClientOptions,
  path: string,
  params: CallParams | undefined,
  format: Format,
  watch: CallWatch,
): Promise<{ response: Response; shownUrl: string; sig: string }> {
  for (let attempt = 0; ; attempt++) {
    const url = requestUrl({ endpoint: o.endpoint, method: path, apiKey: o.apiKey, secret: o.secret, version: o.version, format, params: params ?? {}, unixSeconds: o.now() / 1000 });
    const sig = url.searchParams.get('sig') ?? '';
    const shownUrl = redactUrl(url);
    const retry = isRetryable(path) && attempt < o.retries;
    let response: Response;
    try {
      watch.restart();
      response = await o.fetch(url, { method: 'GET', signal: watch.controller.signal, headers: { accept: ACCEPT[format] } });
      watch.pause();
    } catch (e) {
      if (watch.controller.signal.aborted) throw e;
      if (!retry) {
        throw new CodecError({ code: 'CLIENT_CONNECTION_FAILED', format: 'http', detail: `could not reach ${shownUrl}: ${reason(e)}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ''}` });
      }
      await sleep(retryDelay(o.retryDelayMs, attempt), watch.controller.signal);
      continue;
    }
    if (retry && (response.status === 500 || response.status === 503)) {
      await response.body?.cancel().catch(() => undefined);
      await sleep(retryDelay(o.retryDelayMs, attempt), watch.controller.signal);
      continue;
    }
    return { response, shownUrl, sig };
  }
}

const ACCEPT: Readonly<Record<Format, string>> = { json: 'application/json', xml: 'application/xml', csv: 'text/csv' };

/** The body as chunks; a read that fails (the connection dropped) becomes `CLIENT_CONNECTION_LOST`. */
async function* bodyChunks(response: Response, path: string, watch: CallWatch): AsyncGenerator<Uint8Array, void, undefined> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      let part: ReadableStreamReadResult<Uint8Array>;
      try {
        watch.restart();
        part = await reader.read();
        watch.pause();
      } catch (e) {
        if (watch.controller.signal.aborted) throw e;
        throw new CodecError({ code: 'CLIENT_CONNECTION_LOST', format: 'http', detail: `the connection closed after ${bytes} bytes of the body of HTTP ${response.status} from ${path}: ${reason(e)}` });
      }
      if (part.done) return;
      bytes += part.value.length;
      yield part.value;
    }
  } finally {
    reader.releaseLock();
    await response.body.cancel().catch(() => undefined);
  }
}

/** The events of a 2xx body, with failure envelopes turned into {@link ApiFailure}. */
async function* bodyEvents(response: Response, path: string, watch: CallWatch, secrets: string[], shownUrl: string): AsyncGenerator<CodecEvent, void, undefined> {
  let head: EnvelopeHead | undefined;
  let failed = false;
  let firstError: GoObject | undefined;
  try {
    for await (const e of decodeEvents(bodyChunks(response, path, watch))) {
      if (e.type === 'envelope') {
        head = e.head;
        if (isFailureStatus(e.head.status)) failed = true;
      }
      if (e.type === 'object' && (failed || typeName(e.object) === 'error')) {
        // A failure: the rest of the body is read (it is one error object) and then thrown.
        failed = true;
        firstError ??= e.object;
        continue;
      }
      if (failed && e.type !== 'end') continue;
      if (e.type === 'end' && failed) break;
      yield e;
    }
  } catch (e) {
    if (e instanceof CodecError && e.format !== 'http' && e.format !== 'options') {
      throw new CodecError({ ...e.toInit(), detail: `${e.detail} (in the body of HTTP ${response.status} from ${shownUrl})` });
    }
    throw e;
  }
  if (failed) throw failureFrom(scrubObject(firstError, secrets), head?.method ?? path, response.status);
}

/** The {@link ApiFailure} of an HTTP error status, from its failure envelope when it has one. */
async function httpFailure(response: Response, path: string, watch: CallWatch, secrets: string[]): Promise<ApiFailure> {
  let text = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of bodyChunks(response, path, watch)) {
      text += decoder.decode(chunk, { stream: true });
      if (text.length > ERROR_BODY_LIMIT) break;
    }
    text += decoder.decode();
  } catch (e) {
    if (watch.controller.signal.aborted) throw e;
  }
  let errorObject: GoObject | undefined;
  let method = path;
  try {
    const collector = new DocumentCollector();
    for await (const e of decodeEvents([text])) collector.push(e);
    const doc = collector.document();
    if (isEnvelope(doc)) {
      errorObject = doc.list[0];
      if (typeof doc.method === 'string') method = doc.method;
    }
  } catch {
    // Not an envelope (an HTML error page, an empty body): the status says it all.
  }
  if (errorObject !== undefined && (typeof errorObject['errorcode'] === 'string' || typeof errorObject['message'] === 'string')) {
    return failureFrom(scrubObject(errorObject, secrets), method, response.status);
  }
  const snippet = text.trim().slice(0, 200);
  return new ApiFailure({
    errorcode: STATUS_CODES[response.status] ?? `HTTP ${response.status}`,
    message: redactText(snippet === '' ? response.statusText : snippet, secrets),
    method: path,
    httpStatus: response.status,
  });
}

async function* allPages<T extends GoObject>(o: ResolvedClientOptions, method: string, params: CallParams | undefined, options: PageOptions): AsyncGenerator<T, void, undefined> {
  const numItems = options.numItems;
  if (!Number.isSafeInteger(numItems) || numItems < 1) {
    throw new CodecError({ code: 'OPTION_INVALID', format: 'options', detail: `numItems must be a positive integer (got ${String(numItems)})` });
  }
  const callOptions: CallOptions = {};
  if (options.signal !== undefined) callOptions.signal = options.signal;
  if (options.format !== undefined) callOptions.format = options.format;
  let seen = 0;
  for (let page = 0; ; page++) {
    let head: EnvelopeHead | undefined;
    let returned = 0;
    for await (const e of events(o, method, { ...params, num_items: numItems, page }, callOptions)) {
      if (e.type === 'envelope') head = e.head;
      else if (e.type === 'object') {
        returned++;
        seen++;
        yield e.object as T;
      }
    }
    // A short page is the last. A full one is followed while summary.total says more exist
    // (GoGrid's counts are data, not a promise, so an empty page also ends the walk).
    if (returned < numItems) return;
    const summary = head?.summary;
    const total = summary?.['total'];
    if (typeof total !== 'number') {
      throw new CodecError({ code: 'CLIENT_RESPONSE_INVALID', format: 'http', detail: `page ${page} of ${methodPath(method)} has no summary.total, so the pages cannot be followed` });
    }
    const start = summary?.['start'];
    if (typeof start === 'number' && start !== page * numItems) {
      // A server that ignores `page` would answer the first page forever.
      throw new CodecError({ code: 'CLIENT_RESPONSE_INVALID', format: 'http', detail: `page ${page} of ${methodPath(method)} starts at ${start}, not ${page * numItems}: the server does not page` });
    }
    if (seen >= total) return;
  }
}

function reason(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `${e.message}${cause}`;
  }
  return String(e);
}

/** The error with every secret taken out of its message. */
function scrub(e: unknown, secrets: readonly string[]): unknown {
  if (e instanceof CodecError) {
    const detail = redactText(e.detail, secrets);
    if (detail === e.detail) return e;
    return new CodecError({ ...e.toInit(), detail });
  }
  if (e instanceof ApiFailure) return e;
  if (e instanceof Error && !(e.name === 'AbortError')) {
    const message = redactText(e.message, secrets);
    if (message !== e.message) return new Error(message);
  }
  return e;
}

function scrubObject(object: GoObject | undefined, secrets: readonly string[]): GoObject | undefined {
  if (object === undefined) return undefined;
  const out: GoObject = {};
  for (const [k, v] of Object.entries(object)) out[k] = typeof v === 'string' ? redactText(v, secrets) : v;
  return out;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

