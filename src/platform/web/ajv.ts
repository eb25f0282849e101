/**
 * The web's way to reach ajv: a static import a bundler can follow. Only `validate` imports
 * this module, so a bundle that never validates leaves ajv out (the package is
 * `sideEffects: false`). Chosen by the `default` condition of `#platform/*` in package.json
 * (`imports`).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * ajv's JSON Schema 2020-12 validator class.
 * @returns `Ajv2020`.
 * @example
 * ```ts
 * const ajv = new (ajv2020())({ strict: true });
 * ```
 */
export function ajv2020(): typeof Ajv2020 {
  return Ajv2020;
}
