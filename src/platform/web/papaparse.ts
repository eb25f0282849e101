/**
 * The web's way to reach papaparse: a static import a bundler can follow (papaparse is a UMD
 * module, so its default export is the whole `Papa` object). Chosen by the `default` condition
 * of `#platform/*` in package.json (`imports`).
 */
import Papa from 'papaparse';

/**
 * papaparse's streaming parser class.
 * @returns `Papa.Parser`.
 * @example
 * ```ts
 * const parser = new (papaParser())({ delimiter: ',' });
 * ```
 */
export function papaParser(): typeof Papa.Parser {
  return Papa.Parser;
}
