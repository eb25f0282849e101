/**
 * Node's default spool: memory up to `spillAfter` objects, then a temporary file. Chosen by the
 * `node` condition of `#platform/*` in package.json (`imports`).
 */
import { FileSpool } from '../../spool-file.js';
import type { ObjectSpool } from '../../spool.js';

/**
 * The spool `encodeEvents` and `convert` use when none is given.
 * @param spillAfter - objects held in memory before spilling to a temporary file.
 * @returns a {@link FileSpool}.
 * @example
 * ```ts
 * const spool = defaultSpool(1000);
 * ```
 */
export function defaultSpool(spillAfter: number): ObjectSpool {
  return new FileSpool(spillAfter);
}
