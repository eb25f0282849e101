/**
 * The web's way to reach saxes: a static import a bundler can follow (there is no `require`).
 * Chosen by the `default` condition of `#platform/*` in package.json (`imports`).
 */
import { SaxesParser } from 'saxes';

/**
 * The saxes parser class.
 * @returns `SaxesParser`.
 * @example
 * ```ts
 * const Saxes = saxesParser();
 * ```
 */
export function saxesParser(): typeof SaxesParser {
  return SaxesParser;
}
