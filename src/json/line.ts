/**
 * The one JSON-line writer: an object as one line of JSON, numbers exact. NDJSON output writes
 * its lines with it, and the Node spool its temporary file, so both read back the same way.
 */
import { checkObject, NEEDS_EXACT_NUMBERS } from '../tree/check.js';
import type { GoObject } from '../tree/types.js';
import { exactJson } from './encode.js';

/**
 * One object as one line of compact JSON, newline included. It is checked first (a value that is
 * not a tree value is refused with its path); numbers are written exactly (`-0`, integers beyond
 * ±(2^53 − 1) with all their digits), which `JSON.stringify` alone would not do.
 *
 * @param object - a tree object.
 * @param path - where the object is, for error paths (`['list', 3]`; `[]` for a root).
 * @returns the line, ending in `\n`.
 * @throws CodecError `TREE_*` for a value that is not a tree value.
 * @example
 * ```ts
 * jsonLine({ id: -0, n: 2 ** 60 }, []); // '{"id":-0,"n":1152921504606846976}\n'
 * ```
 */
export function jsonLine(object: GoObject, path: (string | number)[]): string {
  const flags = checkObject(object, path);
  return `${(flags & NEEDS_EXACT_NUMBERS) !== 0 ? exactJson(object, 0, 0) : JSON.stringify(object)}\n`;
}
