/**
 * Building a signed GoGrid request URL (showing one without secrets is `redact.ts`).
 */
import { signature } from './signature.js';

/**
 * GoGrid's public endpoint (the API itself no longer answers; point `endpoint` at a mock).
 * @example
 * ```ts
 * createClient({ apiKey, secret }); // calls DEFAULT_ENDPOINT
 * ```
 */
export const DEFAULT_ENDPOINT = 'https://api.gogrid.com/api';

/**
 * The API version (`v`) the client asks for unless told otherwise (GoGrid has 1.0 to 1.9).
 * @example
 * ```ts
 * createClient({ apiKey, secret, version: '1.5' }); // instead of DEFAULT_VERSION
 * ```
 */
export const DEFAULT_VERSION = '1.9';

/** Parameter values of a call: a repeated parameter (`id=1&id=2`) is an array. */
export type CallParams = Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[] | undefined>>;

/** What {@link requestUrl} needs. */
export interface RequestUrlInit {
  /** Base URL, e.g. `https://api.gogrid.com/api` (a trailing `/` is ignored). */
  endpoint: string;
  /** The method: `grid/server/list`, `/grid/server/list` or `grid.server.list`. */
  method: string;
  /** The API key. */
  apiKey: string;
  /** The shared secret; only its signature goes into the URL. */
  secret: string;
  /** The API version (`v`). */
  version: string;
  /** The response format asked for. */
  format: 'json' | 'xml' | 'csv';
  /** Further parameters; `undefined` values are left out, arrays repeat the name. */
  params?: CallParams;
  /** Time of the request in seconds since 1970; default now. */
  unixSeconds?: number;
}

/**
 * The parameters the client sets itself; a caller's `params` may not override them.
 * @example
 * ```ts
 * RESERVED_PARAMS.includes('sig'); // true
 * ```
 */
export const RESERVED_PARAMS: readonly string[] = ['api_key', 'sig', 'v', 'format'];

/**
 * The canonical path of a method: `grid.server.get`, `grid/server/get` and `/grid/server/get`
 * all become `/grid/server/get`.
 *
 * @param method - a method name in any of GoGrid's spellings.
 * @returns the path with one leading `/`.
 * @example
 * ```ts
 * methodPath('grid.server.get'); // '/grid/server/get'
 * ```
 */
export function methodPath(method: string): string {
  const path = method.includes('/') ? method : method.replace(/\./g, '/');
  return `/${path.replace(/^\/+/, '')}`;
}

/**
 * A signed request URL: `{endpoint}{method path}?api_key=…&v=…&format=…&{params}&sig=…`.
 *
 * @param init - see {@link RequestUrlInit}.
 * @returns the URL to `GET`.
 * @throws TypeError when `params` sets one of {@link RESERVED_PARAMS}.
 * @example
 * ```ts
 * requestUrl({ endpoint: DEFAULT_ENDPOINT, method: 'grid/server/get', apiKey: 'k', secret: 's',
 *   version: '1.9', format: 'json', params: { id: [1, 2] }, unixSeconds: 1200000000 }).href;
 * // https://api.gogrid.com/api/grid/server/get?api_key=k&v=1.9&format=json&id=1&id=2&sig=…
 * ```
 */
export function requestUrl(init: RequestUrlInit): URL {
  const url = new URL(`${init.endpoint.replace(/\/+$/, '')}${methodPath(init.method)}`);
  const query = url.searchParams;
  query.set('api_key', init.apiKey);
  query.set('v', init.version);
  query.set('format', init.format);
  for (const [name, value] of Object.entries(init.params ?? {})) {
    if (value === undefined) continue;
    if (RESERVED_PARAMS.includes(name)) throw new TypeError(`the parameter ${name} is set by the client, not by params`);
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, String(one));
  }
  query.set('sig', signature(init.apiKey, init.secret, init.unixSeconds ?? Date.now() / 1000));
  return url;
}
