/**
 * The tree's limits, their defaults, and the checks the JSON, NDJSON and CSV decoders share.
 *
 * {@link LimitChecker} creates no nodes (each decoder makes its own plain objects and sets
 * attributes with {@link setAttribute}, so an attribute called `__proto__` is data and no
 * prototype is ever touched); it checks the depth, value-length, attribute-count, list-length and
 * object-text limits with the decoder's position in the error, and checks values produced by
 * `JSON.parse` against the tree model (`adopt`). Every limit error, the XML decoder's too, is made
 * by `limitError` (`tree/limits.ts`).
 */
import { CodecError, type CodecErrorCode, type CodecFormat, pointer } from '../errors.js';
import { type LimitName, limitError, LIMIT_CODES } from './limits.js';

/** Limits on what one decoded tree may hold; each has a default in {@link DEFAULT_LIMITS}. */
export interface TreeLimits {
  /** Deepest nesting of objects below the document root (an envelope's list items are at depth 1). Default 64. */
  maxDepth: number;
  /** Longest string value or attribute name, in UTF-16 code units. Default 1 MiB (1,048,576). */
  maxValueLength: number;
  /** Most attributes in one object. Default 4096. */
  maxAttributes: number;
  /** Most objects in one nested list (an envelope's own list is streamed and unlimited). Default 100,000. Raises `TREE_TOO_MANY_ITEMS`. */
  maxListItems: number;
  /**
   * Longest input text one list object (or the document outside the list) may take, in UTF-16
   * code units: what a streaming decoder holds at most. Default 64 MiB.
   */
  maxObjectText: number;
}

/** The default {@link TreeLimits}. */
export const DEFAULT_LIMITS: Readonly<TreeLimits> = Object.freeze({
  maxDepth: 64,
  maxValueLength: 1024 * 1024,
  maxAttributes: 4096,
  maxListItems: 100_000,
  maxObjectText: 64 * 1024 * 1024,
});

/** Where a decoder is, for an error: any of line, column, offset and a path into the tree. */
export interface Position {
  line?: number;
  column?: number;
  offset?: number;
  path?: string;
}

/** Computes the current position only when an error needs it. */
export type Locate = () => Position;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Checks the tree's limits for one decoder (it creates no nodes: see {@link setAttribute}).
 *
 * @example
 * ```ts
 * const b = new LimitChecker({ ...DEFAULT_LIMITS, maxDepth: 2 }, 'json');
 * b.depth(2, () => ({ line: 1, column: 9 })); // fine
 * b.depth(3, () => ({ line: 1, column: 17 })); // throws TREE_DEPTH_EXCEEDED at 1:17
 * ```
 */
export class LimitChecker {
  /**
   * @param limits - the limits to enforce.
   * @param format - the format named in errors.
   */
  constructor(
    readonly limits: Readonly<TreeLimits>,
    readonly format: CodecFormat,
  ) {}

  /**
   * Checks the depth of an object about to be created.
   * @param depth - its depth (list items of an envelope are at 1).
   * @param locate - where the object starts.
   * @throws CodecError `TREE_DEPTH_EXCEEDED`
   */
  depth(depth: number, locate: Locate): void {
    if (depth > this.limits.maxDepth) this.limit('maxDepth', locate);
  }

  /**
   * Checks the length of a string value or attribute name.
   * @param length - its length in UTF-16 code units.
   * @param locate - where the decoder is.
   * @throws CodecError `TREE_VALUE_TOO_LONG`
   */
  length(length: number, locate: Locate): void {
    if (length > this.limits.maxValueLength) this.limit('maxValueLength', locate);
  }

  /**
   * Checks the number of attributes of one object.
   * @param count - the count including the one being added.
   * @param locate - where the attribute being added starts.
   * @throws CodecError `TREE_TOO_MANY_ATTRIBUTES`
   */
  attributes(count: number, locate: Locate): void {
    if (count > this.limits.maxAttributes) this.limit('maxAttributes', locate);
  }

  /**
   * Checks the length of a nested list.
   * @param count - the count including the item being added.
   * @param locate - where the item being added starts.
   * @throws CodecError `TREE_TOO_MANY_ITEMS`
   */
  listItems(count: number, locate: Locate): void {
    if (count > this.limits.maxListItems) this.limit('maxListItems', locate);
  }

  /**
   * Checks how much input text the decoder holds for one object.
   * @param length - the length held, in UTF-16 code units.
   * @param locate - where the object started.
   * @throws CodecError `TREE_OBJECT_TOO_LARGE`
   */
  objectText(length: number, locate: Locate): void {
    if (length > this.limits.maxObjectText) this.limit('maxObjectText', locate);
  }

  /**
   * Throws the error of a crossed limit (see {@link limitError}).
   * @param limit - the limit.
   * @param locate - where.
   * @param what - a more precise description.
   */
  limit(limit: LimitName, locate: Locate, what?: string): never {
    throw limitError(limit, this.limits, this.format, locate(), what);
  }

  /**
   * Checks a value produced by `JSON.parse` against the tree model and the limits, without
   * copying it (`JSON.parse` already stores `__proto__` as an own property).
   *
   * @param value - the parsed value of one attribute or list item.
   * @param depth - the depth of `value` if it is an object.
   * @param locate - where the value starts; its `path` is extended with the offending place.
   * @returns `true` when the value holds an integer beyond ±(2^53 − 1), whose source text the
   *   caller must check for rounding.
   * @throws CodecError `TREE_*` for values outside the model or the limits.
   */
  adopt(value: unknown, depth: number, locate: Locate): boolean {
    try {
      return this.walk(value, depth);
    } catch (e) {
      if (e instanceof AdoptFailure) {
        const base = locate();
        const path = (base.path ?? '') + pointer(e.path);
        if (e.problem in LIMIT_CODES) this.limit(e.problem as LimitName, () => ({ ...base, path }), e.detail);
        this.fail(e.problem as CodecErrorCode, e.detail ?? '', () => ({ ...base, path }));
      }
      throw e;
    }
  }

  private walk(value: unknown, depth: number): boolean {
    switch (typeof value) {
      case 'string':
        if (value.length > this.limits.maxValueLength) {
          throw new AdoptFailure('maxValueLength', 'a value is longer than maxValueLength');
        }
        return false;
      case 'number':
        if (!Number.isFinite(value)) throw new AdoptFailure('TREE_UNSUPPORTED_VALUE', 'a number beyond the range of a double');
        return (value > MAX_SAFE || value < -MAX_SAFE) && Number.isInteger(value);
      case 'boolean':
        return false;
      case 'object':
        if (value === null) return false;
        return Array.isArray(value) ? this.walkList(value, depth) : this.walkObject(value as Record<string, unknown>, depth);
      default:
        throw new AdoptFailure('TREE_UNSUPPORTED_VALUE', `a ${typeof value} is not a tree value`);
    }
  }

  private walkObject(object: Record<string, unknown>, depth: number): boolean {
    if (depth > this.limits.maxDepth) {
      throw new AdoptFailure('maxDepth');
    }
    let unsafe = false;
    let count = 0;
    for (const name in object) {
      if (++count > this.limits.maxAttributes) {
        throw new AdoptFailure('maxAttributes');
      }
      if (name.length > this.limits.maxValueLength) {
        throw new AdoptFailure('maxValueLength', 'an attribute name is longer than maxValueLength');
      }
      try {
        if (this.walk(object[name], depth + 1)) unsafe = true;
      } catch (e) {
        if (e instanceof AdoptFailure) e.path.unshift(name);
        throw e;
      }
    }
    return unsafe;
  }

  private walkList(list: unknown[], depth: number): boolean {
    if (list.length > this.limits.maxListItems) {
      throw new AdoptFailure('maxListItems');
    }
    let unsafe = false;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      try {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          throw new AdoptFailure('TREE_UNSUPPORTED_VALUE', 'a list holds only objects');
        }
        if (this.walkObject(item as Record<string, unknown>, depth)) unsafe = true;
      } catch (e) {
        if (e instanceof AdoptFailure) e.path.unshift(i);
        throw e;
      }
    }
    return unsafe;
  }

  /**
   * Throws a {@link CodecError} of this checker's format at the located position.
   * @param code - the error code.
   * @param detail - the message.
   * @param locate - where the decoder is.
   */
  fail(code: CodecErrorCode, detail: string, locate: Locate): never {
    throw new CodecError({ code, format: this.format, detail, ...locate() });
  }
}

/** A problem found by `adopt`: a crossed limit, or a value outside the tree model (a code). */
class AdoptFailure {
  readonly path: (string | number)[] = [];
  constructor(
    readonly problem: LimitName | CodecErrorCode,
    readonly detail?: string,
  ) {}
}

/**
 * Sets an attribute as an own enumerable property without ever invoking a setter on the
 * prototype chain (an attribute named `__proto__` is data).
 *
 * @param object - the node.
 * @param name - the attribute name.
 * @param value - the value.
 */
export function setAttribute(object: object, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    (object as Record<string, unknown>)[name] = value;
  }
}
