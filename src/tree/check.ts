/**
 * Checks that a hand-built value is a tree (encoders and `normalize` take trees from callers,
 * not only from decoders): scalars are strings, finite numbers, booleans or `null`; lists hold
 * objects; an envelope's `status` and `method` are strings and its `summary` holds scalars.
 * Anything else would be written wrongly or not at all (`JSON.stringify` turns `NaN` into
 * `null`), so it is refused with a path.
 */
import { CodecError, pointer, quote } from '../errors.js';
import { DEFAULT_LIMITS } from './checks.js';
import { type EnvelopeHead, isObject, type GoObject } from './types.js';

/** The result of {@link checkValue}: set when a number needs exact formatting (`-0`, or an integer beyond ±(2^53 − 1)). */
export const NEEDS_EXACT_NUMBERS = 1;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Checks one value of a tree.
 *
 * @param value - an attribute value or list object.
 * @param path - tokens of its place, for errors (not copied unless an error is thrown).
 * @param depth - the depth of `value` if it is an object; deeper than the default `maxDepth` is
 *   refused, which also stops a cyclic structure.
 * @returns {@link NEEDS_EXACT_NUMBERS} or 0.
 * @throws CodecError `TREE_UNSUPPORTED_VALUE` or `TREE_DEPTH_EXCEEDED`, with the path.
 */
export function checkValue(value: unknown, path: (string | number)[], depth: number): number {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return 0;
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(path, `${value} is not a finite number`);
      return value === 0 ? (1 / value < 0 ? NEEDS_EXACT_NUMBERS : 0) : value > MAX_SAFE || value < -MAX_SAFE ? NEEDS_EXACT_NUMBERS : 0;
    case 'object': {
      if (value === null) return 0;
      if (depth > DEFAULT_LIMITS.maxDepth) {
        throw new CodecError({ code: 'TREE_DEPTH_EXCEEDED', format: 'tree', detail: `objects nest deeper than ${DEFAULT_LIMITS.maxDepth} (or the structure is cyclic)`, path: pointer(path) });
      }
      let flags = 0;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          path.push(i);
          if (!isObject(item)) throw unsupported(path, `a list holds only objects, not ${quote(item)}`);
          flags |= checkValue(item, path, depth);
          path.pop();
        }
        return flags;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw unsupported(path, `a ${(value as object).constructor?.name ?? 'non-plain object'} is not a tree object`);
      }
      for (const key in value) {
        path.push(key);
        flags |= checkValue((value as Record<string, unknown>)[key], path, depth + 1);
        path.pop();
      }
      return flags;
    }
    default:
      throw unsupported(path, `a ${typeof value} is not a tree value`);
  }
}

/**
 * Checks the members of an envelope other than `list`.
 * @param head - the envelope (or its head).
 * @throws CodecError `TREE_INVALID_ENVELOPE` or `TREE_UNSUPPORTED_VALUE`.
 */
export function checkHead(head: EnvelopeHead): void {
  for (const key in head) {
    if (key === 'list') continue;
    const value = head[key];
    if ((key === 'status' || key === 'method') && typeof value !== 'string') {
      throw invalidEnvelope([key], `\`${key}\` must be a string, not ${quote(value)}`);
    }
    if (key === 'summary') {
      if (!isObject(value)) throw invalidEnvelope([key], `\`summary\` must be an object, not ${quote(value)}`);
      for (const field in value) {
        const v = value[field];
        if (typeof v === 'object' && v !== null) throw invalidEnvelope(['summary', field], `summary fields are scalars, not ${quote(v)}`);
        checkValue(v, ['summary', field], 1);
      }
      continue;
    }
    checkValue(value, [key], 1);
  }
}

/**
 * Checks a list object and reports whether its numbers need exact formatting.
 * @param object - one object.
 * @param path - its place (e.g. `['list', 3]`).
 * @returns {@link NEEDS_EXACT_NUMBERS} or 0.
 */
export function checkObject(object: GoObject, path: (string | number)[]): number {
  if (!isObject(object)) throw unsupported(path, `a list holds only objects, not ${quote(object)}`);
  return checkValue(object, path, 1);
}

function unsupported(path: (string | number)[], detail: string): CodecError {
  return new CodecError({ code: 'TREE_UNSUPPORTED_VALUE', format: 'tree', detail, path: pointer(path) });
}

function invalidEnvelope(path: (string | number)[], detail: string): CodecError {
  return new CodecError({ code: 'TREE_INVALID_ENVELOPE', format: 'tree', detail, path: pointer(path) });
}
