/**
 * Showing URLs and messages without secrets: `sig` and `api_key` replaced by `REDACTED`, and
 * the key, the secret and the signature taken out of any text passed on.
 */

/**
 * A URL fit to show: `sig` and `api_key` replaced by `REDACTED`.
 *
 * @param url - a request URL.
 * @returns the URL as text, without secrets.
 * @example
 * ```ts
 * redactUrl('https://x/api/grid/ip/list?api_key=k&sig=abc'); // 'https://x/api/grid/ip/list?api_key=REDACTED&sig=REDACTED'
 * ```
 */
export function redactUrl(url: URL | string): string {
  const copy = new URL(String(url));
  for (const name of ['api_key', 'sig']) if (copy.searchParams.has(name)) copy.searchParams.set(name, 'REDACTED');
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/**
 * A text fit to show: every occurrence of the given secrets replaced by `REDACTED`, and any
 * `api_key=`/`sig=` query value too. Used on every message the client passes on.
 *
 * @param text - a message.
 * @param secrets - the key, the secret and signatures to hide (values shorter than 4 characters are ignored).
 * @returns the text without them.
 * @example
 * ```ts
 * redactText('no such key my-api-key-123 (?api_key=my-api-key-123&sig=9f…)', ['my-api-key-123']);
 * // 'no such key REDACTED (?api_key=REDACTED&sig=REDACTED)'
 * ```
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  // A value of fewer than 4 characters is not searched for: it would garble every word that
  // contains it, and cannot be a real key or secret (GoGrid's are 16 or more).
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('REDACTED');
  return out.replace(/\b(api_key|sig)=[^&\s"']*/g, '$1=REDACTED');
}
