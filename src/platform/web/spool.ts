/**
 * The default spool where there is no file system (browsers, edge workers): memory only, up to
 * {@link MEMORY_SPOOL_LIMIT} objects, then `SPILL_LIMIT_EXCEEDED`. Chosen by the `default`
 * condition of `#platform/*` in package.json (`imports`).
 */
import { MEMORY_SPOOL_LIMIT, MemorySpool, type ObjectSpool } from '../../spool.js';

/**
 * The spool `encodeEvents` and `convert` use when none is given.
 * @param spillAfter - ignored: there is nowhere to spill to.
 * @returns a {@link MemorySpool} bounded by {@link MEMORY_SPOOL_LIMIT}.
 * @example
 * ```ts
 * const spool = defaultSpool(1000);
 * ```
 */
export function defaultSpool(spillAfter: number): ObjectSpool {
  void spillAfter;
  return new MemorySpool(MEMORY_SPOOL_LIMIT);
}
