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

/** What a spreadsheet runs as a formula when a cell starts with it (OWASP's list: `=`, `+`, `-`, `@`, TAB, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes a cell a spreadsheet will show rather than run: text starting with `=`, `+`, `-`, `@`,
 * TAB or CR gets a leading `'` and quotes; any other text is quoted as {@link quoteCell} does.
 * Used by the encoder's `spreadsheetSafe` option for data cells, header names and envelope-line
 * fields alike.
 * @param text - the cell text (never a number: numbers are written as they are).
 * @returns the cell as written.
 * @example
 * ```ts
 * spreadsheetSafeCell('=HYPERLINK("http://evil")'); // '"\'=HYPERLINK(""http://evil"")"'
 * spreadsheetSafeCell('web01'); // 'web01'
 * ```
 */
export function spreadsheetSafeCell(text: string): string {
  return FORMULA_START.test(text) ? `"'${text.replace(/"/g, '""')}"` : quoteCell(text);
}
