/**
 * The grammars (`grammars/*.schema.json`), loaded once: what each attribute of each GoGrid
 * object type is, in what order GoGrid prints them, and which type each API method lists.
 *
 * The schemas are data; this module only reads them. Each attribute's kind is derived from its
 * JSON Schema shape (see `grammars/README.md`). They come from `./data.ts`, generated from
 * `grammars/` by `scripts/grammar-data.ts`, so that no file system is needed (browsers, edge
 * workers).
 */
import { isFailureStatus } from '../failure.js';
import { GRAMMAR_FILES } from './data.js';

/** What an attribute holds, as the grammar says. */
export type AttributeKind =
  | 'integer'
  | 'double'
  | 'boolean'
  | 'string'
  | 'date'
  | 'map'
  | 'object'
  | 'list';

/** One attribute of a grammar type. */
export interface AttributeInfo {
  /** Its kind. */
  readonly kind: AttributeKind;
  /** For `object` and `list`: the type of the nested object(s). */
  readonly type?: string;
}

/** One object type of the grammars. */
export interface TypeInfo {
  /** The type name, e.g. `server`. */
  readonly name: string;
  /** Every known attribute (except `object`, the type name itself). */
  readonly attributes: ReadonlyMap<string, AttributeInfo>;
  /** The order GoGrid's XML prints the attributes in. */
  readonly order: readonly string[];
  /** The order GoGrid's CSV header prints the attributes in. */
  readonly csvOrder: readonly string[];
  /** The JSON Schema the type came from. */
  readonly schema: Readonly<Record<string, unknown>>;
}

/** The loaded grammars. */
export interface Grammars {
  /** Every object type by name. */
  readonly types: ReadonlyMap<string, TypeInfo>;
  /** API method path (`/grid/server/list`) → type of the objects in its list. */
  readonly methods: ReadonlyMap<string, string>;
  /** The envelope's schema. */
  readonly envelopeSchema: Readonly<Record<string, unknown>>;
  /** Kinds of the envelope's known summary fields (`total`, `start`, `returned`, `numpages`). */
  readonly summary: ReadonlyMap<string, AttributeInfo>;
  /** The order GoGrid's XML prints the summary fields in. */
  readonly summaryOrder: readonly string[];
  /** The order GoGrid's CSV envelope line prints them in (`TOTAL, 1, NUMPAGES, 0, START, 0, RETURNED, 1`). */
  readonly csvSummaryOrder: readonly string[];
}

const SUFFIX = '.schema.json';
let loaded: Grammars | undefined;

/**
 * The grammars, built from the package's `grammars/` (bundled as data) on first use and kept.
 *
 * @returns the loaded grammars.
 * @throws Error when a grammar file is missing or not of the documented shape (a packaging bug).
 * @example
 * ```ts
 * grammars().types.get('ip')?.attributes.get('public'); // { kind: 'boolean' }
 * ```
 */
export function grammars(): Grammars {
  loaded ??= grammarsFrom(GRAMMAR_FILES);
  return loaded;
}

/**
 * What attribute `name` of type `type` is, or `undefined` when the grammar does not know it.
 *
 * @param type - a type name (`server`), or `undefined` for an untyped object.
 * @param name - an attribute name.
 * @returns the attribute's kind (and nested type).
 * @example
 * ```ts
 * attributeInfo('server', 'ip'); // { kind: 'object', type: 'ip' }
 * ```
 */
export function attributeInfo(type: string | undefined, name: string): AttributeInfo | undefined {
  if (type === undefined) return undefined;
  return grammars().types.get(type)?.attributes.get(name);
}

/**
 * The type of the objects a method lists.
 * @param method - a method path such as `/grid/server/list`.
 * @returns the type name, or `undefined` for an unknown method.
 */
export function methodType(method: string | undefined): string | undefined {
  return method === undefined ? undefined : grammars().methods.get(method);
}

/**
 * The type of the objects an envelope lists: `error` for a failure envelope whatever the method
 * (GoGrid answers every failed call with one `error` object), otherwise the type
 * {@link methodType} names, otherwise `type` (the caller's type, for methods the grammars do not
 * know). Every decoder, encoder, `normalize` and `validate` asks this, so a failure is typed the
 * same in every format.
 *
 * @param head - the envelope's `status` and `method`.
 * @param type - the caller's type for the list (the CSV `type` option), when given.
 * @returns the type name, or `undefined` when nothing says.
 * @example
 * ```ts
 * listedType({ status: 'failure', method: '/grid/server/get' }); // 'error'
 * listedType({ status: 'success', method: '/grid/server/get' }); // 'server'
 * ```
 */
export function listedType(head: { readonly status?: unknown; readonly method?: unknown }, type?: string): string | undefined {
  if (isFailureStatus(head.status)) return 'error';
  return methodType(typeof head.method === 'string' ? head.method : undefined) ?? type;
}

/**
 * Builds the grammars from the files of a grammar folder, parsed.
 * @param files - file name → parsed JSON: `*.schema.json`, `envelope.schema.json` and `methods.json`.
 * @returns the grammars.
 * @throws Error when a file is missing or not of the documented shape.
 * @example
 * ```ts
 * grammarsFrom(GRAMMAR_FILES).methods.get('/grid/ip/list'); // 'ip'
 * ```
 */
export function grammarsFrom(files: Readonly<Record<string, unknown>>): Grammars {
  const types = new Map<string, TypeInfo>();
  let envelopeSchema: Record<string, unknown> | undefined;
  for (const file of Object.keys(files).sort()) {
    if (!file.endsWith(SUFFIX)) continue;
    const schema = record(files[file], file);
    const name = file.slice(0, -SUFFIX.length);
    if (name === 'envelope') envelopeSchema = schema;
    else types.set(name, typeInfo(name, schema));
  }
  if (envelopeSchema === undefined) throw new Error(`grammars: there is no envelope${SUFFIX}`);
  const methodsFile = record(files['methods.json'], 'methods.json');
  const methods = new Map<string, string>();
  for (const [method, type] of Object.entries(record(methodsFile['methods'], 'methods.json: methods'))) {
    if (typeof type !== 'string' || !types.has(type)) throw new Error(`grammars: method ${method} lists unknown type ${String(type)}`);
    methods.set(method, type);
  }
  const envelopeProps = record(envelopeSchema['properties'], 'envelope: properties');
  const summarySchema = record(envelopeProps['summary'], 'envelope: properties.summary');
  const summary = new Map<string, AttributeInfo>();
  for (const [field, shape] of Object.entries(record(summarySchema['properties'], 'envelope: summary.properties'))) {
    summary.set(field, attributeShape(`envelope.summary.${field}`, shape));
  }
  const x = record(envelopeSchema['x-gogrid'] ?? {}, 'envelope: x-gogrid');
  const summaryOrder = Array.isArray(x['summaryOrder']) ? (x['summaryOrder'] as string[]) : [...summary.keys()];
  const csvSummaryOrder = Array.isArray(x['csvSummaryOrder']) ? (x['csvSummaryOrder'] as string[]) : summaryOrder;
  for (const type of types.values()) {
    for (const [attr, info] of type.attributes) {
      if (info.type !== undefined && !types.has(info.type)) throw new Error(`grammars: ${type.name}.${attr} refers to unknown type ${info.type}`);
    }
  }
  return { types, methods, envelopeSchema, summary, summaryOrder, csvSummaryOrder };
}

function typeInfo(name: string, schema: Record<string, unknown>): TypeInfo {
  const attributes = new Map<string, AttributeInfo>();
  for (const [attr, shape] of Object.entries(record(schema['properties'], `${name}: properties`))) {
    if (attr === 'object') continue;
    attributes.set(attr, attributeShape(`${name}.${attr}`, shape));
  }
  const x = record(schema['x-gogrid'] ?? {}, `${name}: x-gogrid`);
  const order = orderList(x['order'], attributes, `${name}: x-gogrid.order`);
  const csvOrder = x['csvOrder'] === undefined ? order : orderList(x['csvOrder'], attributes, `${name}: x-gogrid.csvOrder`);
  return { name, attributes, order, csvOrder, schema };
}

function orderList(value: unknown, attributes: ReadonlyMap<string, AttributeInfo>, where: string): string[] {
  if (value === undefined) return [...attributes.keys()];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !attributes.has(v))) {
    throw new Error(`grammars: ${where} must list known attributes`);
  }
  return value as string[];
}

const REF = /^([A-Za-z0-9_]+)\.schema\.json$/;

/** Derives an attribute's kind from its JSON Schema shape (the shapes of grammars/README.md). */
function attributeShape(where: string, value: unknown): AttributeInfo {
  const shape = record(value, where);
  const special = shape['x-gogrid-kind'];
  if (special === 'date') return { kind: 'date' };
  if (special === 'map') return { kind: 'map' };
  const anyOf = shape['anyOf'];
  if (Array.isArray(anyOf)) {
    for (const option of anyOf) {
      const ref = record(option, where)['$ref'];
      const match = typeof ref === 'string' ? REF.exec(ref) : null;
      if (match?.[1] !== undefined) return { kind: 'object', type: match[1] };
    }
  }
  const types = Array.isArray(shape['type']) ? (shape['type'] as unknown[]) : [shape['type']];
  if (types.includes('array')) {
    const ref = record(shape['items'] ?? {}, where)['$ref'];
    const match = typeof ref === 'string' ? REF.exec(ref) : null;
    if (match?.[1] !== undefined) return { kind: 'list', type: match[1] };
    throw new Error(`grammars: ${where}: a list needs items.$ref`);
  }
  if (types.includes('integer')) return { kind: 'integer' };
  if (types.includes('number')) return { kind: 'double' };
  if (types.includes('boolean')) return { kind: 'boolean' };
  if (types.includes('string')) return { kind: 'string' };
  throw new Error(`grammars: ${where}: unknown attribute shape ${JSON.stringify(shape)}`);
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`grammars: ${where} must be an object`);
  return value as Record<string, unknown>;
}
