/**
 * The one option normaliser: every public function passes its options through here, so unknown
 * keys and bad values are refused the same way everywhere (`OPTION_INVALID`, quoting the value).
 */
import { CodecError, quote } from './errors.js';
import { DEFAULT_LIMITS, type TreeLimits } from './tree/checks.js';
import type { Format } from './format.js';
import { DEFAULT_ENDPOINT, DEFAULT_VERSION } from './client/url.js';

/** Formats that can be written: the three GoGrid formats and `ndjson` (one object per line). */
export type OutputFormat = Format | 'ndjson';

/** Formats that can be read: the same as {@link OutputFormat}; `ndjson` is never sniffed (it looks like JSON). */
export type InputFormat = Format | 'ndjson';

/** Options of every decoding function. */
export interface DecodeOptions {
  /** The input format. When omitted it is sniffed from the first character (after a BOM and whitespace): `<` XML, `{` or `[` JSON, `#` CSV; `ndjson` must be given. */
  format?: InputFormat;
  /** Limits on the decoded tree (any subset; the rest keep their defaults, see `DEFAULT_LIMITS`). */
  limits?: Partial<TreeLimits>;
  /** CSV: the type of the list's objects when the envelope's method is not in the grammars' method table. */
  type?: string;
  /** NDJSON: the input is objects only, without the envelope line. Default `false`. Needs `format: 'ndjson'`. */
  noEnvelope?: boolean;
  /** CSV: the input is plain CSV, its first line the header (no `#` lines, no envelope). Default `false`. Needs `format: 'csv'`. */
  plain?: boolean;
  /** Plain CSV or NDJSON without envelope: the envelope's method (the grammars' method table then gives the objects' type). */
  method?: string;
  /** Async functions: stop and reject with the signal's reason when it aborts. */
  signal?: AbortSignal;
  /**
   * What a failure response (`status: failure`, listing an `error` object) becomes. `data`
   * (default): an ordinary document, tell it with `isFailure`. `throw`: `decode`, `decodeAll`,
   * `decodeObjects` and `decodeEvents` throw an `ApiFailure` (with GoGrid's `errorcode`, message
   * and method) once the whole document has decoded — a `CodecError` in the bytes comes first.
   */
  failures?: 'data' | 'throw';
  /**
   * CSV: refuse a document with fewer rows than its envelope's `RETURNED` count (`CSV_TRUNCATED`)
   * instead of only warning. Default `false`: published GoGrid responses exist whose counts
   * disagree with their lists.
   */
  strict?: boolean;
  /**
   * Receives what is suspicious but not refused, as a {@link CodecError} that is not thrown
   * (today: `CSV_TRUNCATED` when `strict` is off). Called at most once per problem, before the
   * decoding function returns. Default: warnings are dropped.
   */
  onWarning?: (warning: CodecError) => void;
}

/** Options of every encoding function. */
export interface EncodeOptions {
  /** The output format. Required. */
  format: OutputFormat;
  /** Spaces per level: JSON defaults to 0 (compact), XML to 2 (GoGrid's layout); 0 writes XML on one line. */
  indent?: number;
  /** XML: start with an XML declaration. Default `false`. */
  declaration?: boolean;
  /** XML: attribute order, `tree` (default) or `grammar`. */
  order?: 'tree' | 'grammar';
  /** CSV: the type of the list's objects when the envelope's method does not name one. */
  type?: string;
  /** CSV: prefix string cells that a spreadsheet would run as a formula with `'`. Default `false`. Not lossless. */
  spreadsheetSafe?: boolean;
  /** CSV: write plain CSV, the header first, without GoGrid's `#` envelope line and `#` prefix (the envelope is lost). Default `false`. */
  plain?: boolean;
  /** NDJSON: leave out the envelope line. Default `false`. */
  noEnvelope?: boolean;
  /** Async functions: stop and reject with the signal's reason when it aborts. */
  signal?: AbortSignal;
  /** Async functions with late envelopes (JSON source, XML/CSV/NDJSON target): how many objects to hold in memory before spilling to a temporary file. Default 1000. */
  spillAfter?: number;
}

/** {@link DecodeOptions} with every default applied. */
export interface ResolvedDecodeOptions {
  format: InputFormat | undefined;
  limits: Readonly<TreeLimits>;
  type: string | undefined;
  noEnvelope: boolean;
  plain: boolean;
  method: string | undefined;
  signal: AbortSignal | undefined;
  failures: 'data' | 'throw';
  strict: boolean;
  onWarning: ((warning: CodecError) => void) | undefined;
}

/** {@link EncodeOptions} with every default applied. */
export interface ResolvedEncodeOptions {
  format: OutputFormat;
  indent: number;
  declaration: boolean;
  order: 'tree' | 'grammar';
  type: string | undefined;
  spreadsheetSafe: boolean;
  plain: boolean;
  noEnvelope: boolean;
  signal: AbortSignal | undefined;
  spillAfter: number;
}

const FORMATS: readonly string[] = ['json', 'xml', 'csv'];
const OUTPUT_FORMATS: readonly string[] = [...FORMATS, 'ndjson'];
const INPUT_FORMATS = OUTPUT_FORMATS;
const DECODE_KEYS = new Set(['format', 'limits', 'type', 'noEnvelope', 'plain', 'method', 'signal', 'failures', 'strict', 'onWarning']);
const ENCODE_KEYS = new Set(['format', 'indent', 'declaration', 'order', 'type', 'spreadsheetSafe', 'plain', 'noEnvelope', 'signal', 'spillAfter']);
const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS);

/**
 * Resolves decoding options.
 * @param options - what the caller gave (may be `undefined`).
 * @returns the options with defaults.
 * @throws CodecError `OPTION_INVALID` naming the option and quoting the bad value.
 * @example
 * ```ts
 * normalizeDecodeOptions({ format: 'yaml' }); // throws: OPTION_INVALID format must be one of json, xml, csv, ndjson (got "yaml")
 * normalizeDecodeOptions({ format: 'csv', plain: true, method: '/grid/ip/list' }).plain; // true
 * ```
 */
export function normalizeDecodeOptions(options: DecodeOptions | undefined): ResolvedDecodeOptions {
  const o = record(options, 'decode options');
  unknownKeys(o, DECODE_KEYS);
  const limits: TreeLimits = { ...DEFAULT_LIMITS };
  if (o['limits'] !== undefined) {
    const given = record(o['limits'], 'limits');
    unknownKeys(given, new Set(LIMIT_KEYS), 'limits.');
    for (const key of LIMIT_KEYS) {
      const value = given[key];
      if (value !== undefined) limits[key as keyof TreeLimits] = positiveInteger(value, `limits.${key}`);
    }
  }
  const format = oneOf(o['format'], INPUT_FORMATS, 'format') as InputFormat | undefined;
  const noEnvelope = optionalBoolean(o['noEnvelope'], 'noEnvelope') ?? false;
  const plain = optionalBoolean(o['plain'], 'plain') ?? false;
  const method = optionalString(o['method'], 'method');
  // Each variant names its format: neither can be sniffed, and neither means anything elsewhere.
  if (noEnvelope && format !== 'ndjson') throw invalid('noEnvelope', o['noEnvelope'], "is for format: 'ndjson'");
  if (plain && format !== 'csv') throw invalid('plain', o['plain'], "is for format: 'csv'");
  if (method !== undefined && !noEnvelope && !plain) throw invalid('method', method, 'is for input without an envelope (plain CSV, or NDJSON with noEnvelope)');
  return {
    format,
    limits: Object.freeze(limits),
    type: optionalString(o['type'], 'type'),
    noEnvelope,
    plain,
    method,
    signal: signal(o['signal']),
    failures: (oneOf(o['failures'], ['data', 'throw'], 'failures') as 'data' | 'throw' | undefined) ?? 'data',
    strict: optionalBoolean(o['strict'], 'strict') ?? false,
    onWarning: optionalFunction(o['onWarning'], 'onWarning') as ((warning: CodecError) => void) | undefined,
  };
}

/**
 * Resolves encoding options.
 * @param options - what the caller gave.
 * @returns the options with defaults.
 * @throws CodecError `OPTION_INVALID` naming the option and quoting the bad value.
 */
export function normalizeEncodeOptions(options: EncodeOptions): ResolvedEncodeOptions {
  const o = record(options, 'encode options');
  unknownKeys(o, ENCODE_KEYS);
  const format = oneOf(o['format'], OUTPUT_FORMATS, 'format') as OutputFormat | undefined;
  if (format === undefined) throw invalid('format', undefined, `must be one of ${OUTPUT_FORMATS.join(', ')}`);
  const indent = o['indent'] === undefined ? (format === 'xml' ? 2 : 0) : integerInRange(o['indent'], 'indent', 0, 16);
  return {
    format,
    indent,
    declaration: optionalBoolean(o['declaration'], 'declaration') ?? false,
    order: (oneOf(o['order'], ['tree', 'grammar'], 'order') as 'tree' | 'grammar' | undefined) ?? 'tree',
    type: optionalString(o['type'], 'type'),
    spreadsheetSafe: optionalBoolean(o['spreadsheetSafe'], 'spreadsheetSafe') ?? false,
    plain: optionalBoolean(o['plain'], 'plain') ?? false,
    noEnvelope: optionalBoolean(o['noEnvelope'], 'noEnvelope') ?? false,
    signal: signal(o['signal']),
    spillAfter: o['spillAfter'] === undefined ? 1000 : positiveInteger(o['spillAfter'], 'spillAfter'),
  };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(what, value, 'must be an object');
  return value as Record<string, unknown>;
}

function unknownKeys(o: Record<string, unknown>, known: ReadonlySet<string>, prefix = ''): void {
  for (const key of Object.keys(o)) {
    if (!known.has(key)) throw invalid(`${prefix}${key}`, o[key], `is not an option (known: ${[...known].join(', ')})`);
  }
}

function oneOf(value: unknown, allowed: readonly string[], name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) throw invalid(name, value, `must be one of ${allowed.join(', ')}`);
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(name, value, 'must be a non-empty string');
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(name, value, 'must be true or false');
  return value;
}

function optionalFunction(value: unknown, name: string): ((...args: never[]) => unknown) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw invalid(name, value, 'must be a function');
  return value as (...args: never[]) => unknown;
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalid(name, value, 'must be a positive integer');
  return value;
}

function integerInRange(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(name, value, `must be an integer from ${min} to ${max}`);
  return value;
}

function signal(value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) throw invalid('signal', value, 'must be an AbortSignal');
  return value;
}

function invalid(name: string, value: unknown, rule: string): CodecError {
  return new CodecError({ code: 'OPTION_INVALID', format: 'options', detail: `${name} ${rule} (got ${quote(value)})` });
}

/** Options of `createClient` (see `src/client/client.ts`). */
export interface ClientOptions {
  /** The API key, sent as `api_key`. Required. */
  apiKey: string;
  /** The shared secret; only the signature made with it is sent. Required. */
  secret: string;
  /** Base URL of the API. Default `https://api.gogrid.com/api`. */
  endpoint?: string;
  /** API version sent as `v`. Default `1.9`. */
  version?: string;
  /** Response format asked for. Default `xml` (it puts the envelope first, so objects stream without waiting). */
  format?: Format;
  /** The `fetch` to use. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Longest wait, in milliseconds, for the response to start and then for each next piece of its body. Default 30000. */
  timeoutMs?: number;
  /** How many times a call that is safe to repeat (`…/list`, `…/get`) is retried after a 500, a 503 or a connection error. Default 2. */
  retries?: number;
  /** Wait before the first retry, in milliseconds; doubled for each further one. Default 250. */
  retryDelayMs?: number;
  /** The clock the signature is made with, in milliseconds since 1970. Default `Date.now`. */
  now?: () => number;
}

/** {@link ClientOptions} with every default applied. */
export interface ResolvedClientOptions {
  apiKey: string;
  secret: string;
  endpoint: string;
  version: string;
  format: Format;
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  now: () => number;
}

const CLIENT_KEYS = new Set(['apiKey', 'secret', 'endpoint', 'version', 'format', 'fetch', 'timeoutMs', 'retries', 'retryDelayMs', 'now']);

/**
 * Resolves client options. The secret is never quoted back in a message.
 * @param options - what the caller gave.
 * @returns the options with defaults.
 * @throws CodecError `OPTION_INVALID` naming the option and quoting the bad value.
 * @example
 * ```ts
 * normalizeClientOptions({ apiKey: 'k', secret: 's', retries: -1 }); // throws: OPTION_INVALID retries must be an integer from 0 to 10 (got -1)
 * ```
 */
export function normalizeClientOptions(options: ClientOptions): ResolvedClientOptions {
  const o = record(options, 'client options');
  unknownKeys(o, CLIENT_KEYS);
  const apiKey = optionalString(o['apiKey'], 'apiKey');
  if (apiKey === undefined) throw invalid('apiKey', undefined, 'is required');
  if (typeof o['secret'] !== 'string' || o['secret'] === '') throw new CodecError({ code: 'OPTION_INVALID', format: 'options', detail: 'secret must be a non-empty string' });
  const endpoint = optionalString(o['endpoint'], 'endpoint') ?? DEFAULT_ENDPOINT;
  if (!/^https?:\/\/[^/?#]+/.test(endpoint)) throw invalid('endpoint', endpoint, 'must be an http or https URL');
  const fetchFunction = o['fetch'] ?? globalThis.fetch;
  if (typeof fetchFunction !== 'function') throw invalid('fetch', o['fetch'], 'must be a function (no global fetch in this runtime)');
  const now = o['now'] ?? Date.now;
  if (typeof now !== 'function') throw invalid('now', o['now'], 'must be a function');
  return {
    apiKey,
    secret: o['secret'],
    endpoint,
    version: optionalString(o['version'], 'version') ?? DEFAULT_VERSION,
    format: (oneOf(o['format'], FORMATS, 'format') as Format | undefined) ?? 'xml',
    fetch: fetchFunction as typeof fetch,
    timeoutMs: o['timeoutMs'] === undefined ? 30000 : positiveInteger(o['timeoutMs'], 'timeoutMs'),
    retries: o['retries'] === undefined ? 2 : integerInRange(o['retries'], 'retries', 0, 10),
    retryDelayMs: o['retryDelayMs'] === undefined ? 250 : integerInRange(o['retryDelayMs'], 'retryDelayMs', 0, 60000),
    now: now as () => number,
  };
}
