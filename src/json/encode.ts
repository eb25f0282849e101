/**
 * The JSON encoder: events in, text out. Each list object is written by `JSON.stringify`
 * (after a check that it is a tree); an object holding `-0` or an integer beyond ±(2^53 − 1),
 * which `JSON.stringify` would not write exactly, goes through an exact writer instead.
 */
import { checkHead, checkObject, checkValue, NEEDS_EXACT_NUMBERS } from '../tree/check.js';
import { DEFAULT_LIMITS } from '../tree/checks.js';
import type { CodecEvent } from '../tree/events.js';
import { type Document, type EnvelopeHead, isEnvelope, type Value } from '../tree/types.js';

/** Options of the JSON encoder. */
export interface JsonEncodeOptions {
  /** Spaces per level for pretty output; `0` (the default) writes compact JSON. */
  indent: number;
}

/**
 * Turns events into JSON text, in any order the protocol allows: envelope members announced
 * before the list are written before `"list"`, members only the final head has come after it.
 *
 * @example
 * ```ts
 * const enc = new JsonEncoder({ indent: 0 });
 * let text = '';
 * for (const e of documentEvents(doc)) text += enc.push(e);
 * ```
 */
export class JsonEncoder {
  /** JSON needs no reordering: members may follow the list. */
  readonly requires = 'events' as const;
  private readonly indent: number;
  private written = new Set<string>();
  private state: 'start' | 'list' | 'done' = 'start';
  private count = 0;

  /** @param options - see {@link JsonEncodeOptions}. */
  constructor(options: JsonEncodeOptions) {
    this.indent = options.indent;
  }

  /**
   * The whole text of a document in one `JSON.stringify` call, when that is exactly what the
   * events would produce: compact output, a plain envelope whose members and list objects pass
   * every check with no number needing exact formatting (members are then written in the
   * envelope's key order around the list, as `JSON.stringify` does). Otherwise `undefined`, and
   * the caller goes through the events, which report any problem with its exact path.
   * @param doc - a whole document.
   * @returns the text, or `undefined`.
   * @example
   * ```ts
   * new JsonEncoder({ indent: 0 }).whole({ status: 'success', list: [{ id: 1 }] }); // '{"status":"success","list":[{"id":1}]}'
   * ```
   */
  whole(doc: Document): string | undefined {
    if (this.indent !== 0 || this.state !== 'start' || !isEnvelope(doc)) return undefined;
    const proto: unknown = Object.getPrototypeOf(doc);
    if (proto !== Object.prototype && proto !== null) return undefined;
    // JSON.stringify writes own keys and calls toJSON; the events see every enumerable key and no toJSON.
    if (typeof (doc as { toJSON?: unknown }).toJSON === 'function' || typeof (doc.list as { toJSON?: unknown }).toJSON === 'function') return undefined;
    let keys = 0;
    for (const key in doc) {
      keys++;
      const value = doc[key];
      if (key !== 'list' && value !== undefined && quickCheck(value, 1) !== 0) return undefined;
    }
    if (keys !== Object.keys(doc).length || quickCheck(doc.list, 1) !== 0) return undefined;
    try {
      checkHead(doc);
    } catch {
      return undefined;
    }
    this.state = 'done';
    this.count = doc.list.length;
    return JSON.stringify(doc);
  }

  /**
   * The text for one event.
   * @param event - the next event.
   * @returns the text to append (possibly empty).
   * @throws CodecError `TREE_*` for a value that is not a tree value.
   */
  push(event: CodecEvent): string {
    switch (event.type) {
      case 'fragment': {
        this.state = 'done';
        const flags = checkObject(event.object, []);
        return this.value(event.object, 0, flags) + (this.indent > 0 ? '\n' : '');
      }
      case 'envelope': {
        checkHead(event.head);
        if (this.state === 'start') {
          this.state = 'list';
          const members = this.members(event.head, true);
          return `{${members}${this.newline(1)}"list":${this.space()}[`;
        }
        return this.close(event.head);
      }
      case 'object': {
        // A list item that is not an object is left to checkObject, which refuses it.
        let flags = typeof event.object === 'object' && event.object !== null && !Array.isArray(event.object) ? quickObject(event.object, 1) : LOOK_CLOSER;
        if (flags === LOOK_CLOSER) flags = checkObject(event.object, ['list', this.count]);
        const sep = this.count++ === 0 ? '' : ',';
        return `${sep}${this.newline(2)}${this.value(event.object, 2, flags)}`;
      }
      case 'end': {
        if (this.state === 'list') return this.close({});
        return '';
      }
    }
  }

  /** Closes the list and writes the members that only the final head has. */
  private close(head: EnvelopeHead): string {
    const close = `${this.count === 0 ? '' : this.newline(1)}]`;
    const members = this.members(head, false);
    this.state = 'done';
    return `${close}${members}${this.newline(0)}}${this.indent > 0 ? '\n' : ''}`;
  }

  private members(head: EnvelopeHead, before: boolean): string {
    let out = '';
    for (const key in head) {
      if (key === 'list' || this.written.has(key)) continue;
      const value = head[key];
      if (value === undefined) continue;
      this.written.add(key);
      const text = `${this.newline(1)}${JSON.stringify(key)}:${this.space()}${this.value(value, 1, checkValue(value, [key], 1))}`;
      out += before ? `${text},` : `,${text}`;
    }
    return out;
  }

  private value(value: Value, level: number, flags: number): string {
    if ((flags & NEEDS_EXACT_NUMBERS) !== 0) return exactJson(value, this.indent, level);
    if (this.indent === 0) return JSON.stringify(value);
    const text = JSON.stringify(value, null, this.indent);
    return level === 0 ? text : text.replace(/\n/g, `\n${' '.repeat(level * this.indent)}`);
  }

  private newline(level: number): string {
    return this.indent === 0 ? '' : `\n${' '.repeat(level * this.indent)}`;
  }

  private space(): string {
    return this.indent === 0 ? '' : ' ';
  }
}

/** {@link quickCheck}'s answer when a value may not be a tree: the exact check decides. */
const LOOK_CLOSER = 2;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_DEPTH = DEFAULT_LIMITS.maxDepth;

/**
 * The check of a tree value without the path bookkeeping, for the common case of a tree:
 * {@link NEEDS_EXACT_NUMBERS} or 0 as `checkValue` would return, or {@link LOOK_CLOSER}
 * whenever `checkValue` might refuse something (it then runs, and reports the exact path).
 * @param value - a value of the tree.
 * @param depth - as `checkValue` counts it.
 * @returns the flags, or {@link LOOK_CLOSER}.
 */
function quickCheck(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return 0;
    case 'number':
      if (value - value !== 0) return LOOK_CLOSER;
      return value === 0 ? (1 / value < 0 ? NEEDS_EXACT_NUMBERS : 0) : value > MAX_SAFE || value < -MAX_SAFE ? NEEDS_EXACT_NUMBERS : 0;
    case 'object':
      return value === null ? 0 : quickContainer(value, depth);
    default:
      return LOOK_CLOSER;
  }
}

/** {@link quickCheck} of a list (its items must be objects) or an object. */
function quickContainer(value: object, depth: number): number {
  if (depth > MAX_DEPTH) return LOOK_CLOSER;
  if (!Array.isArray(value)) return quickObject(value, depth);
  let flags = 0;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return LOOK_CLOSER;
    const f = quickObject(item, depth);
    if (f === LOOK_CLOSER) return f;
    flags |= f;
  }
  return flags;
}

/** {@link quickCheck} of an object (not a list), its scalar members checked in the loop. */
function quickObject(value: object, depth: number): number {
  if (depth > MAX_DEPTH) return LOOK_CLOSER;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return LOOK_CLOSER;
  let flags = 0;
  for (const key in value) {
    const v: unknown = (value as Record<string, unknown>)[key];
    switch (typeof v) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (v - v !== 0) return LOOK_CLOSER;
        if (v === 0 ? 1 / v < 0 : v > MAX_SAFE || v < -MAX_SAFE) flags = NEEDS_EXACT_NUMBERS;
        continue;
      case 'object': {
        if (v === null) continue;
        const f = quickContainer(v, depth + 1);
        if (f === LOOK_CLOSER) return f;
        flags |= f;
        continue;
      }
      default:
        return LOOK_CLOSER;
    }
  }
  return flags;
}

/**
 * Writes a value as JSON with every number exact: `-0` as `-0`, and an integer beyond
 * ±(2^53 − 1) with all its digits (`JSON.stringify` would print `2**60` as
 * `1152921504606847000`, which is not the same number).
 *
 * @param value - a tree value.
 * @param indent - spaces per level, 0 for compact.
 * @param level - the current nesting level (for indentation).
 * @returns the JSON text.
 */
export function exactJson(value: Value, indent: number, level: number): string {
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '-0';
    if (Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER && Math.abs(value) < 1e21) return BigInt(value).toString();
    return JSON.stringify(value);
  }
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = indent === 0 ? '' : `\n${' '.repeat((level + 1) * indent)}`;
  const outer = indent === 0 ? '' : `\n${' '.repeat(level * indent)}`;
  const colon = indent === 0 ? ':' : ': ';
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) parts.push(exactJson(item, indent, level + 1));
    return parts.length === 0 ? '[]' : `[${inner}${parts.join(`,${inner}`)}${outer}]`;
  }
  for (const key in value) parts.push(`${JSON.stringify(key)}${colon}${exactJson(value[key] as Value, indent, level + 1)}`);
  return parts.length === 0 ? '{}' : `{${inner}${parts.join(`,${inner}`)}${outer}}`;
}
