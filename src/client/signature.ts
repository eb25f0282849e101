/**
 * GoGrid's request signature: the lowercase hex MD5 of `api_key + shared_secret + unix time in
 * seconds`, made fresh for every request, so the secret itself is never sent.
 */
import { md5Hex } from './md5.js';

/**
 * The `sig` parameter of a GoGrid call.
 *
 * @param apiKey - the API key (sent as `api_key`).
 * @param secret - the shared secret (never sent).
 * @param unixSeconds - the time of the request in whole seconds since 1970 (a fraction is
 *   truncated, as GoGrid's sample client does with `int(time.time())`).
 * @returns 32 lowercase hex digits.
 * @example
 * ```ts
 * signature('key', 'secret', 1200000000); // md5('keysecret1200000000')
 * ```
 */
export function signature(apiKey: string, secret: string, unixSeconds: number): string {
  return md5Hex(`${apiKey}${secret}${Math.trunc(unixSeconds)}`);
}
