/**
 * Node's way to reach ajv: loaded on first use only (it is the largest dependency, about 10 MB
 * of memory once loaded), so that decoding and encoding do not pay for it. Chosen by the `node`
 * condition of `#platform/*` in package.json (`imports`).
 */
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * ajv's JSON Schema 2020-12 validator class.
 * @returns `Ajv2020`, loaded on the first call.
 * @example
 * ```ts
 * const ajv = new (ajv2020())({ strict: true });
 * ```
 */
export function ajv2020(): typeof Ajv2020 {
  return (createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
}
