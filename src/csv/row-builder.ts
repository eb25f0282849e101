/**
 * The CSV decoder's row → object step: the header's column plan, and a function compiled once
 * per header that turns one row's cells into its object.
 *
 * The compiled function does what {@link buildRow} does (and is tested against it), in straight
 * lines: one statement per column, in header order, with no walk over the plan, no dispatch on
 * the attribute kind and no recursion. Nothing read from the input is ever part of its source:
 * attribute names, type names and the value kinds' converters are handed to the compiled code as
 * data (arguments of the function that makes it), and the source only refers to them by their
 * position. An attribute named `__proto__` is set as a plain own property (`setAttribute`).
 *
 * Where code cannot be generated from strings (a Content Security Policy without
 * `unsafe-eval`, an edge runtime, `node --disallow-code-generation-from-strings`) or the header
 * is too large to be worth compiling, {@link compileRow} returns `undefined` and the decoder
 * uses {@link buildRow}.
 */
import type { AttributeKind } from '../grammar/grammars.js';
import { typeText } from '../grammar/typing.js';
import { setAttribute } from '../tree/checks.js';
import type { GoObject, Value } from '../tree/types.js';

/** One object position of the header: its type and its attributes in header order. */
export interface PlanNode {
  type: string | undefined;
  attributes: PlanAttribute[];
  /** The attributes by name, once there are many (a header may hold 100,000 list items of one attribute each: a map per item would be most of the plan's memory). */
  byName: Map<string, PlanAttribute> | undefined;
  depth: number;
}

/** One attribute of a plan position; `hostile` when its name needs `setAttribute` (`__proto__`). */
export type PlanAttribute =
  | { kind: 'scalar'; name: string; hostile: boolean; column: number; valueKind: AttributeKind | undefined; path: string }
  | { kind: 'object'; name: string; hostile: boolean; node: PlanNode }
  | { kind: 'list'; name: string; hostile: boolean; items: (PlanNode | undefined)[]; firstColumn: number[] };

/**
 * Called when a cell is longer than the value-length limit; it throws.
 * @param path - the JSON Pointer of the value inside the row's object (`/ip/id`).
 */
export type TooLong = (path: string) => never;

/** A row's object from its cells, `undefined` when none of its cells has a value. */
export type RowFunction = (cells: string[]) => GoObject | undefined;

/** Headers with more columns than this are not compiled (the function would be too large for the optimizing compiler to take). */
export const MAX_COMPILED_COLUMNS = 2000;

/**
 * The object a row's cells describe at one position of the plan, walking the plan (the
 * reference the compiled function is tested against, and the fallback where it cannot be made).
 *
 * @param node - the plan position.
 * @param cells - the row's cells.
 * @param maxValueLength - the value-length limit.
 * @param tooLong - throws the limit error for a cell longer than the limit.
 * @returns the object, or `undefined` when none of its cells has a value.
 */
export function buildRow(node: PlanNode, cells: string[], maxValueLength: number, tooLong: TooLong): GoObject | undefined {
  let object: GoObject | undefined;
  const attributes = node.attributes;
  for (let a = 0; a < attributes.length; a++) {
    const entry = attributes[a] as PlanAttribute;
    let value: Value | undefined;
    if (entry.kind === 'scalar') {
      const text = cells[entry.column] as string;
      if (text === '') continue;
      if (text.length > maxValueLength) tooLong(entry.path);
      const kind = entry.valueKind;
      value = kind === undefined || kind === 'string' ? text : typeText(text, kind);
    } else if (entry.kind === 'object') {
      value = buildRow(entry.node, cells, maxValueLength, tooLong);
      if (value === undefined) continue;
    } else {
      let items: GoObject[] | undefined;
      const plan = entry.items;
      for (let i = 0; i < plan.length; i++) {
        const built = buildRow(plan[i] as PlanNode, cells, maxValueLength, tooLong);
        if (built !== undefined) (items ??= []).push(built);
      }
      if (items === undefined) continue;
      value = items;
    }
    if (object === undefined) object = node.type === undefined ? {} : { object: node.type };
    if (entry.hostile) setAttribute(object, entry.name, value);
    else object[entry.name] = value;
  }
  return object;
}

/**
 * Compiles the row function of a header's plan.
 *
 * @param root - the plan of the list object.
 * @param maxValueLength - the value-length limit.
 * @param tooLong - throws the limit error for a cell longer than the limit.
 * @returns the function, or `undefined` when the plan has more than {@link MAX_COMPILED_COLUMNS}
 *   columns or the platform does not allow code from strings (use {@link buildRow} then).
 * @example
 * ```ts
 * const row = compileRow(plan, 1_000_000, fail) ?? ((cells) => buildRow(plan, cells, 1_000_000, fail));
 * row(['1', 'web']); // { object: 'server', id: 1, name: 'web' }
 * ```
 */
export function compileRow(root: PlanNode, maxValueLength: number, tooLong: TooLong): RowFunction | undefined {
  if (columnsOf(root) > MAX_COMPILED_COLUMNS) return undefined;
  // The data the source refers to by position: names, type names, paths.
  const data: unknown[] = [];
  // Each datum is a constant of the compiled function's closure (`k3`), read once from `d`.
  const datum = (value: unknown): string => `k${data.push(value) - 1}`;
  const lines: string[] = [];
  let variables = 0;
  const declared: string[] = [];
  const fresh = (prefix: string): string => {
    const name = `${prefix}${variables++}`;
    declared.push(name);
    return name;
  };

  /** Emits the statements of one plan position; returns the name of the variable that holds its object (undefined until a cell has a value). */
  const emit = (node: PlanNode): string => {
    const o = fresh('o');
    const make = node.type === undefined ? '{}' : `{ object: ${datum(node.type)} }`;
    const set = (entry: PlanAttribute, value: string): void => {
      lines.push(`if (${o} === undefined) ${o} = ${make};`);
      lines.push(entry.hostile ? `set(${o}, ${datum(entry.name)}, ${value});` : `${o}[${datum(entry.name)}] = ${value};`);
    };
    for (const entry of node.attributes) {
      if (entry.kind === 'scalar') {
        if (!Number.isSafeInteger(entry.column)) throw new Error('a column number is not an integer');
        lines.push(`v = c[${entry.column}];`, 'if (v !== "") {', `if (v.length > max) tooLong(${datum(entry.path)});`);
        const kind = entry.valueKind;
        set(entry, kind === undefined || kind === 'string' ? 'v' : `type(v, ${datum(kind)})`);
        lines.push('}');
      } else if (entry.kind === 'object') {
        const child = emit(entry.node);
        lines.push(`if (${child} !== undefined) {`);
        set(entry, child);
        lines.push('}');
      } else {
        const list = fresh('l');
        for (const item of entry.items) {
          const child = emit(item as PlanNode);
          lines.push(`if (${child} !== undefined) (${list} ??= []).push(${child});`);
        }
        lines.push(`if (${list} !== undefined) {`);
        set(entry, list);
        lines.push('}');
      }
    }
    return o;
  };
  const result = emit(root);
  const constants = data.length === 0 ? '' : `const ${data.map((_, i) => `k${i} = d[${i}]`).join(', ')};\n`;
  const source = `${constants}return function row(c) {\nlet v, ${declared.join(', ')};\n${lines.join('\n')}\nreturn ${result};\n};`;
  let factory = FACTORIES.get(source);
  if (factory === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- source built from the plan's shape only; every name is data
      factory = new Function('d', 'max', 'tooLong', 'type', 'set', source) as Factory;
    } catch {
      // Code from strings is not allowed here (CSP, edge runtime, --disallow-code-generation-from-strings).
      return undefined;
    }
    if (FACTORIES.size >= MAX_FACTORIES) FACTORIES.clear();
    FACTORIES.set(source, factory);
  }
  return factory(data, maxValueLength, tooLong, typeText, setAttribute);
}

type Factory = (d: unknown[], max: number, tooLong: TooLong, type: typeof typeText, set: typeof setAttribute) => RowFunction;

/**
 * The compiled factories by source. The source holds the plan's shape only (names and types are
 * data), so every response of one method with the same list lengths reuses one factory: a decoder
 * per response compiles no new source, and its row functions are closures of one function literal
 * (V8 keeps type feedback per literal, so the JIT's work carries over). Bounded: cleared when full.
 */
const FACTORIES = new Map<string, Factory>();
const MAX_FACTORIES = 64;

function columnsOf(node: PlanNode): number {
  let n = 0;
  for (const entry of node.attributes) {
    if (entry.kind === 'scalar') n++;
    else if (entry.kind === 'object') n += columnsOf(entry.node);
    else for (const item of entry.items) n += columnsOf(item as PlanNode);
    if (n > MAX_COMPILED_COLUMNS) break;
  }
  return n;
}
