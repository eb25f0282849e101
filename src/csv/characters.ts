/**
 * What text CSV can carry: the one character rule of the CSV encoder, its envelope line and the
 * CSV projection (`csv/model.ts`).
 */
import { CodecError } from '../errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks that a string can be written as UTF-8 CSV text: an unpaired surrogate cannot.
 * @param text - the value.
 * @param path - JSON Pointer of the value.
 * @throws CodecError `CSV_INVALID_CHARACTER`
 * @example
 * ```ts
 * checkCsvCharacters('ok', '/list/0/name'); // returns
 * checkCsvCharacters('\uD800', '/list/0/name'); // throws CSV_INVALID_CHARACTER at /list/0/name
 * ```
 */
export function checkCsvCharacters(text: string, path: string): void {
  if (LONE_SURROGATE.test(text)) {
    throw new CodecError({ code: 'CSV_INVALID_CHARACTER', format: 'csv', detail: 'an unpaired UTF-16 surrogate cannot be written as UTF-8', path });
  }
}
