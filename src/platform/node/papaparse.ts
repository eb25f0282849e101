/**
 * Node's way to reach papaparse: loaded on first use only, so that decoding JSON or XML does
 * not pay for it. Chosen by the `node` condition of `#platform/*` in package.json (`imports`).
 */
import { createRequire } from 'node:module';
import type Papa from 'papaparse';

/**
 * papaparse's streaming parser class.
 * @returns `Papa.Parser`, loaded on the first call.
 * @example
 * ```ts
 * const parser = new (papaParser())({ delimiter: ',' });
 * ```
 */
export function papaParser(): typeof Papa.Parser {
  return (createRequire(import.meta.url)('papaparse') as typeof Papa).Parser;
}
