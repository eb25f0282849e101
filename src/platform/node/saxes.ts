/**
 * Node's way to reach saxes: loaded on first use only, so that decoding JSON or CSV does not
 * pay for it. Chosen by the `node` condition of `#platform/*` in package.json (`imports`).
 */
import { createRequire } from 'node:module';
import type { SaxesParser } from 'saxes';

/**
 * The saxes parser class.
 * @returns `SaxesParser`, loaded on the first call.
 * @example
 * ```ts
 * const Saxes = saxesParser();
 * ```
 */
export function saxesParser(): typeof SaxesParser {
  return (createRequire(import.meta.url)('saxes') as { SaxesParser: typeof SaxesParser }).SaxesParser;
}
