/**
 * The names of the formats that gogrid-codec both reads and writes (NDJSON is output only and is
 * named by the encoder's options, not here).
 */

/**
 * The formats gogrid-codec reads and writes.
 *
 * @example
 * ```ts
 * const format: Format = 'xml';
 * decode(text, { format });
 * ```
 */
export type Format = 'json' | 'xml' | 'csv';
