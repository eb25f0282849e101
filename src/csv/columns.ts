/**
 * The CSV column layout: which dotted columns (`ip.state.name`, `realiplist.2.port`) a set of
 * objects needs, and in what order. Shared by the CSV encoder (to write the header) and by
 * `normalize` (to describe what a CSV round trip gives back).
 *
 * Order: for an object whose type the grammar knows, its attributes in the grammar's CSV order,
 * then unknown attributes in first-seen order; for an untyped object, first-seen order. A list is
 * widened to its longest occurrence and every index gets the same columns.
 */
import { CodecError, pointer, quote } from '../errors.js';
import { attributeInfo, grammars } from '../grammar/grammars.js';
import { type GoObject, isObject, typeName } from '../tree/types.js';

/** The columns of one object position (the root, a nested object, or every item of a list). */
export interface Shape {
  /** The grammar type that types this position's values and names its objects (set by {@link assignTypes}). */
  type: string | undefined;
  /** Attributes in first-seen order. */
  readonly attributes: Map<string, ShapeAttribute>;
  /** The one type name this position's objects carried in the tree, if any (for `CSV_MIXED_TYPES`). */
  seenType: string | undefined;
}

/** One attribute of a {@link Shape}. */
export type ShapeAttribute =
  | { kind: 'scalar' }
  | { kind: 'object'; shape: Shape }
  | { kind: 'list'; shape: Shape; length: number };

/**
 * A new, empty shape.
 * @returns the shape.
 */
export function newShape(): Shape {
  return { type: undefined, attributes: new Map(), seenType: undefined };
}

/**
 * Sets the grammar type of a shape and, through the grammar, of every nested position (the root
 * type is known only once the envelope's method is, which JSON may give after the list).
 * @param shape - the root shape.
 * @param type - the type of the root objects.
 */
export function assignTypes(shape: Shape, type: string | undefined): void {
  shape.type = type;
  for (const [name, entry] of shape.attributes) {
    if (entry.kind !== 'scalar') assignTypes(entry.shape, attributeInfo(type, name)?.type);
  }
}

/**
 * Whether CSV can carry an attribute name: not empty, no `.` (the path separator), and not all
 * digits (a segment of digits is a list index). The type name `object` is not written at all.
 * @param name - an attribute name.
 * @returns `true` when the name can be a path segment.
 */
export function isColumnSegment(name: string): boolean {
  if (name === '' || name.includes('.')) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return true;
  }
  return false;
}

/**
 * Adds one object's attributes to a shape. Only what will fill a cell counts: a `null` or `""`
 * value, and a nested object or list with no such value inside, take no column (CSV gives them
 * back as absent), so they do not decide the column order either.
 *
 * @param shape - the shape of the object's position.
 * @param object - the object.
 * @param path - tokens of the object's place in the tree, for errors.
 * @returns whether the object fills at least one cell.
 * @throws CodecError `CSV_MIXED_TYPES` when objects of two types meet at one position,
 *   `CSV_UNREPRESENTABLE` for a name CSV cannot carry or an attribute that is a value in one
 *   object and an object or list in another.
 */
export function addToShape(shape: Shape, object: GoObject, path: (string | number)[]): boolean {
  const own = typeName(object);
  if (own !== undefined) {
    if (shape.seenType !== undefined && shape.seenType !== own) {
      throw new CodecError({
        code: 'CSV_MIXED_TYPES',
        format: 'csv',
        detail: `objects of types ${quote(shape.seenType)} and ${quote(own)} would share one set of columns; a CSV header describes one type`,
        path: pointer(path),
      });
    }
    shape.seenType = own;
  }
  let filled = false;
  for (const name in object) {
    if (name === 'object') continue;
    const value = object[name];
    if (value === undefined) continue;
    if (!isColumnSegment(name)) {
      throw unrepresentable(path, name, `the attribute name ${quote(name)} cannot be a CSV column segment (empty, has a dot, or all digits)`);
    }
    const existing = shape.attributes.get(name);
    if (Array.isArray(value)) {
      const target = existing?.kind === 'list' ? existing.shape : newShape();
      let any = false;
      for (let i = 0; i < value.length; i++) {
        if (addToShape(target, value[i] as GoObject, [...path, name, i])) any = true;
      }
      if (!any) continue;
      if (existing === undefined) shape.attributes.set(name, { kind: 'list', shape: target, length: value.length });
      else if (existing.kind === 'list') existing.length = Math.max(existing.length, value.length);
      else throw conflict(path, name);
    } else if (isObject(value)) {
      const target = existing?.kind === 'object' ? existing.shape : newShape();
      if (!addToShape(target, value, [...path, name])) continue;
      if (existing === undefined) shape.attributes.set(name, { kind: 'object', shape: target });
      else if (existing.kind !== 'object') throw conflict(path, name);
    } else {
      if (value === null || value === '') continue;
      if (existing === undefined) shape.attributes.set(name, { kind: 'scalar' });
      else if (existing.kind !== 'scalar') throw conflict(path, name);
    }
    filled = true;
  }
  return filled;
}

/**
 * The attribute names of a shape in column order.
 * @param shape - a shape.
 * @returns known attributes in the grammar's CSV order, then the others in first-seen order.
 */
export function shapeOrder(shape: Shape): string[] {
  const type = shape.type === undefined ? undefined : grammars().types.get(shape.type);
  if (type === undefined) return [...shape.attributes.keys()];
  const out: string[] = [];
  for (const name of type.csvOrder) if (shape.attributes.has(name)) out.push(name);
  for (const name of shape.attributes.keys()) if (!type.attributes.has(name)) out.push(name);
  return out;
}

/**
 * The index base of list segments in CSV column names: GoGrid writes the first item of a list
 * `ips` as `ips.1`. The one place the base is written down; the encoder's columns use it (the
 * decoder's column plan still writes `- 1` itself, to adopt this when issue 11's rewrite lands).
 *
 * @example
 * ```ts
 * `ips.${0 + COLUMN_INDEX_BASE}.id`; // 'ips.1.id', the first item's id column
 * ```
 */
export const COLUMN_INDEX_BASE = 1;

/**
 * The column segment of a list position.
 * @param position - the 0-based position of the item in its list.
 * @returns the number written in the column name.
 * @example
 * ```ts
 * columnIndex(0); // 1: the first item's columns are `ips.1.…`
 * ```
 */
export function columnIndex(position: number): number {
  return position + COLUMN_INDEX_BASE;
}

/**
 * The list position of a column segment (the inverse of {@link columnIndex}).
 * @param segment - the number written in the column name.
 * @returns the 0-based position of the item in its list.
 * @example
 * ```ts
 * listPosition(1); // 0
 * ```
 */
export function listPosition(segment: number): number {
  return segment - COLUMN_INDEX_BASE;
}

/** One column: its path segments (names, and list indexes as numbers, from {@link COLUMN_INDEX_BASE}). */
export type ColumnPath = readonly (string | number)[];

/**
 * The columns of a shape, in header order.
 * @param shape - the root shape.
 * @returns one path per column.
 */
export function shapeColumns(shape: Shape): ColumnPath[] {
  const out: ColumnPath[] = [];
  const walk = (s: Shape, prefix: (string | number)[]): void => {
    for (const name of shapeOrder(s)) {
      const entry = s.attributes.get(name);
      if (entry === undefined) continue;
      if (entry.kind === 'scalar') out.push([...prefix, name]);
      else if (entry.kind === 'object') walk(entry.shape, [...prefix, name]);
      else for (let i = 0; i < entry.length; i++) walk(entry.shape, [...prefix, name, columnIndex(i)]);
    }
  };
  walk(shape, []);
  return out;
}

function conflict(path: (string | number)[], name: string): CodecError {
  return unrepresentable(path, name, `the attribute ${quote(name)} is a value in one object and an object or list in another; one CSV column cannot be both`);
}

function unrepresentable(path: (string | number)[], name: string, detail: string): CodecError {
  return new CodecError({ code: 'CSV_UNREPRESENTABLE', format: 'csv', detail, path: pointer([...path, name]) });
}
