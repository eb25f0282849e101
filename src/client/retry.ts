/**
 * Which calls may be repeated, and how long to wait before doing so.
 */

/**
 * Whether a call is safe to repeat: it only reads (`…/list`, `…/get`, the lookups, which are
 * lists). `add`, `edit`, `delete`, `power` and every other verb change state, and a repeat
 * after a lost answer could do the change twice, so they are never retried.
 *
 * @param path - the method path, e.g. `/grid/server/list`.
 * @returns `true` when a retry cannot change anything on the server.
 * @example
 * ```ts
 * isRetryable('/grid/server/list'); // true
 * isRetryable('/grid/server/power'); // false
 * ```
 */
export function isRetryable(path: string): boolean {
  const verb = path.slice(path.lastIndexOf('/') + 1);
  return verb === 'list' || verb === 'get';
}

/**
 * The wait before retry number `attempt + 1`: `base × 2^attempt`, plus up to a quarter of that
 * at random so that clients failing together do not retry together.
 *
 * @param baseMs - the wait before the first retry.
 * @param attempt - how many attempts failed before this one, minus one (0 for the first retry).
 * @returns milliseconds to wait.
 * @example
 * ```ts
 * retryDelay(250, 2); // between 1000 and 1250
 * ```
 */
export function retryDelay(baseMs: number, attempt: number): number {
  const wait = baseMs * 2 ** attempt;
  return Math.round(wait + Math.random() * wait * 0.25);
}
