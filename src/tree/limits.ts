/**
 * The one source of limit errors: every decoder (and the limit checker) makes the error for a crossed
 * {@link TreeLimits} limit here, so that each limit has one code and one message everywhere.
 */
import { CodecError, type CodecErrorCode, type CodecFormat } from '../errors.js';
import type { Position, TreeLimits } from './checks.js';

/** The name of one limit of {@link TreeLimits}. */
export type LimitName = keyof TreeLimits;

/** The code each limit raises: one per limit. */
export const LIMIT_CODES: Readonly<Record<LimitName, CodecErrorCode>> = Object.freeze({
  maxDepth: 'TREE_DEPTH_EXCEEDED',
  maxValueLength: 'TREE_VALUE_TOO_LONG',
  maxAttributes: 'TREE_TOO_MANY_ATTRIBUTES',
  maxListItems: 'TREE_TOO_MANY_ITEMS',
  maxObjectText: 'TREE_OBJECT_TOO_LARGE',
});

const WHAT: Readonly<Record<LimitName, string>> = Object.freeze({
  maxDepth: 'objects nest deeper than maxDepth',
  maxValueLength: 'a value or name is longer than maxValueLength',
  maxAttributes: 'an object has more attributes than maxAttributes',
  maxListItems: 'a nested list has more objects than maxListItems',
  maxObjectText: 'one object takes more characters of input than maxObjectText',
});

/**
 * Makes the error for a crossed limit.
 *
 * Where it is positioned is the caller's part, and the same for every format (see the README's
 * limits table): `maxValueLength` at the first character past the limit (for a name or value the
 * decoder cannot see whole before it is read, such as a JSON string with escapes, at the start of
 * the value), `maxAttributes` at the start of the attribute past the limit, `maxListItems` at the
 * start of the item past it, `maxDepth` at the start of the object too deep, `maxObjectText` at the
 * start of the object (or of the markup) that grew too long.
 *
 * @param limit - which limit was crossed.
 * @param limits - the limits in force (the value is quoted in the message).
 * @param format - the format named in the error.
 * @param at - where: line, column, offset and path, any of them.
 * @param what - a more precise description than the default (without the limit's value).
 * @returns the error, to throw.
 * @example
 * ```ts
 * throw limitError('maxListItems', DEFAULT_LIMITS, 'json', { line: 1, column: 30, offset: 29, path: '/list/0/l' });
 * // TREE_TOO_MANY_ITEMS a nested list has more objects than maxListItems (100000)
 * ```
 */
export function limitError(limit: LimitName, limits: Readonly<TreeLimits>, format: CodecFormat, at: Position, what?: string): CodecError {
  return new CodecError({ code: LIMIT_CODES[limit], format, detail: `${what ?? WHAT[limit]} (${limits[limit]})`, ...at });
}
