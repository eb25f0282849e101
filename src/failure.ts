/**
 * GoGrid's failure responses: an ordinary envelope with `status: failure` whose list holds one
 * object of type `error` (`errorcode`, `message`), whatever the method called.
 *
 * This module is the one place that knows what a failure looks like; the decoders, the client
 * and the CLI ask it.
 */
import type { Document, GoObject } from './tree/types.js';

/** The fields an {@link ApiFailure} is made from. */
export interface ApiFailureInit {
  /** GoGrid's error code, e.g. `IllegalArgumentException`, `Authentication Failed`; `undefined` when the response gave none. */
  errorcode?: string | undefined;
  /** GoGrid's message, as the response gave it (empty when it gave none). */
  message?: string | undefined;
  /** The API method the failure answers, e.g. `/grid/server/get`, when known. */
  method?: string | undefined;
  /** The HTTP status of the response, when the failure came over HTTP. */
  httpStatus?: number | undefined;
  /** The underlying error or decoded `error` object, when there is one. */
  cause?: unknown;
}

const BRAND = Symbol.for('gogrid-codec.ApiFailure');

/**
 * A failure the GoGrid API reported (a `status: failure` envelope, or an HTTP error status):
 * not a problem with the bytes, which decoded fine, but with the call.
 *
 * The message is `errorcode: message` (with the method and HTTP status when known) and never
 * contains a signature or a key. `instanceof ApiFailure` also recognises failures made by
 * another copy of this package (through a `Symbol.for` brand).
 *
 * @example
 * ```ts
 * try { decode(text, { failures: 'throw' }); }
 * catch (e) { if (e instanceof ApiFailure) console.log(e.errorcode, e.apiMessage); }
 * ```
 */
export class ApiFailure extends Error {
  /** A stable code for the class, so `error.code` tells an API failure from a `CodecError`. */
  readonly code = 'API_FAILURE' as const;
  /** GoGrid's error code (`IllegalArgumentException`, `Unauthorized`, …), when the response gave one. */
  declare readonly errorcode?: string;
  /** GoGrid's own message text (the `message` of the `error` object), `''` when it gave none. */
  readonly apiMessage: string;
  /** The method called, when known. */
  declare readonly method?: string;
  /** The HTTP status, when the failure came over HTTP. */
  declare readonly httpStatus?: number;

  /**
   * @param init - the fields; see {@link ApiFailureInit}.
   */
  constructor(init: ApiFailureInit) {
    super(renderFailure(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiFailure';
    this.apiMessage = init.message ?? '';
    if (init.errorcode !== undefined) this.errorcode = init.errorcode;
    if (init.method !== undefined) this.method = init.method;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

function renderFailure(init: ApiFailureInit): string {
  const code = init.errorcode ?? 'failure';
  const text = init.message === undefined || init.message === '' ? '' : `: ${init.message}`;
  const where: string[] = [];
  if (init.method !== undefined) where.push(init.method);
  if (init.httpStatus !== undefined) where.push(`HTTP ${init.httpStatus}`);
  return `${code}${text}${where.length === 0 ? '' : ` (${where.join(', ')})`}`;
}

/**
 * Whether an envelope status means failure. GoGrid writes `failure` in JSON and XML and
 * `FAILURE` on a CSV envelope line; the comparison ignores case.
 * @param status - the envelope's `status`.
 * @returns `true` for a failure status.
 */
export function isFailureStatus(status: unknown): boolean {
  return typeof status === 'string' && status.toLowerCase() === 'failure';
}

/**
 * Whether a decoded document is a failure response: an envelope whose `status` is `failure`.
 * @param doc - a decoded document.
 * @returns `true` for a failure envelope.
 * @example
 * ```ts
 * isFailure(decode('{"status":"failure","list":[{"object":"error","errorcode":"Not Found"}]}')); // true
 * ```
 */
export function isFailure(doc: Document): boolean {
  return Array.isArray(doc['list']) && isFailureStatus(doc['status']);
}

/**
 * The {@link ApiFailure} a failure envelope stands for: its first `error` object's `errorcode`
 * and `message`, and the envelope's `method`.
 * @param errorObject - the `error` object of the list (or `undefined` when the list was empty).
 * @param method - the envelope's method, when known.
 * @param httpStatus - the HTTP status, when known.
 * @returns the failure to throw.
 */
export function failureFrom(errorObject: GoObject | undefined, method?: string, httpStatus?: number): ApiFailure {
  const code = errorObject?.['errorcode'];
  const message = errorObject?.['message'];
  return new ApiFailure({
    errorcode: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
    method,
    httpStatus,
    cause: errorObject,
  });
}
