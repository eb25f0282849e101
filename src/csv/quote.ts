/**
 * CSV cell quoting, shared by the data rows and the two `#` lines.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Quotes a CSV cell when it holds a comma, a quote, CR or LF (a bare CR included, which some
 * writers forget and which then splits the record on reading).
 * @param text - the cell text.
 * @returns the cell as written: unchanged, or in quotes with inner quotes doubled.
 * @example
 * ```ts
 * quoteCell('a,b'); // '"a,b"'
 * quoteCell('say "hi"'); // '"say ""hi"""'
 * ```
 */
export function quoteCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
