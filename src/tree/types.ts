/**
 * The canonical object tree: what every decoder produces and every encoder consumes.
 *
 * It is GoGrid's own JSON shape, so a decoded document is used like the JSON a client would
 * otherwise `JSON.parse`: `doc.list[0].ip.state.name`. An object's type name is its `object`
 * attribute when that is a string (`{"object": "ip", "id": 5}`), exactly as in GoGrid JSON;
 * XML writes it as `<object name="ip">` and CSV does not write it at all (the grammars restore it).
 */
import type { ObjectTypes } from '../objects.js';

/** A value that is not a container. */
export type Scalar = string | number | boolean | null;

/** Any attribute value: a scalar, a nested object, or a list of objects. */
export type Value = Scalar | GoObject | GoObject[];

/**
 * One object of the tree: attributes in source order. Attribute names are data: `__proto__`,
 * `constructor` and friends are ordinary own properties. The type name, when the source had
 * one, is the string attribute `object`.
 *
 * The index signature admits `undefined` (decoders never produce it: an attribute is absent or
 * has a value) so that an interface with optional attributes can extend it — the generated
 * `Server`, `Ip`, … of `objects.ts` do, and so can a caller's own
 * `interface Server extends GoObject { id?: number }`.
 */
export interface GoObject {
  [attribute: string]: Value | undefined;
}

/**
 * The envelope's `summary`: `total`, `start`, `returned`, often `numpages`, and any other
 * fields the source had. Values are scalars (integers when the grammar says so and the source
 * text allows it).
 */
export interface Summary {
  [field: string]: Scalar;
}

/**
 * Everything in an envelope except its `list`: `status`, `method`, `summary` and any unknown
 * members, in source order.
 */
export interface EnvelopeHead {
  status?: string;
  method?: string;
  summary?: Summary;
  [member: string]: Value | undefined;
}

/**
 * A response envelope: `status`, `method`, `summary` and the `list` of objects, plus any
 * unknown members the source had.
 *
 * @typeParam T - the type of the list's objects, when the caller knows it.
 */
export interface Envelope<T extends GoObject = GoObject> extends EnvelopeHead {
  list: T[];
}

/**
 * A decoded document: an {@link Envelope}, or a bare object (a fragment, as GoGrid's
 * documentation prints single objects). Tell them apart with {@link isEnvelope}.
 */
export type Document<T extends GoObject = GoObject> = Envelope<T> | T;

/** The envelope members that have a fixed meaning; every other member is an extra. */
export const ENVELOPE_MEMBERS: ReadonlySet<string> = new Set(['status', 'method', 'summary', 'list']);

/**
 * Whether a document is an envelope: it has a `list` member that is an array. Everything else
 * is a fragment, a single object. (So an object whose own attribute `list` is a list reads as
 * an envelope in every format; its other attributes are then envelope members.)
 *
 * @param doc - a decoded or hand-built document.
 * @returns `true` for an envelope.
 * @example
 * ```ts
 * isEnvelope({ list: [], status: 'success' }); // true
 * isEnvelope({ object: 'ip', id: 1 });          // false
 * ```
 */
export function isEnvelope<T extends GoObject = GoObject>(doc: Document<T>): doc is Envelope<T> {
  return Array.isArray(doc['list']);
}

/**
 * Whether a value is a (non-list) object of the tree: a plain object (a `Date`, a `Map` or a
 * class instance is not).
 * @param value - any tree value.
 * @returns `true` for a {@link GoObject}.
 */
export function isObject(value: unknown): value is GoObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The type name of an object: its `object` attribute when that is a string.
 * @param object - a tree object.
 * @returns the type name, or `undefined` for an untyped object.
 */
export function typeName(object: GoObject): string | undefined {
  const t = object['object'];
  return typeof t === 'string' ? t : undefined;
}

/**
 * Whether an object is of a grammar type, by its `object` attribute; narrows to that type's
 * interface (see `ObjectTypes`). An object without a type name (CSV lists, older JSON) is of
 * no type: test the envelope's method instead.
 *
 * @param object - a tree object (or `null`/`undefined`, which are of no type).
 * @param type - a grammar type name, e.g. `server`.
 * @returns `true` when `object.object === type`.
 * @example
 * ```ts
 * for await (const o of decodeObjects(stream)) if (isType(o, 'server')) console.log(o.ram?.name);
 * ```
 */
export function isType<K extends keyof ObjectTypes>(object: GoObject | null | undefined, type: K): object is ObjectTypes[K] {
  return object !== null && object !== undefined && object['object'] === type;
}
