/**
 * Validation of a tree against the grammars with ajv. Errors are data: one
 * `GRAMMAR_VIOLATION` {@link CodecError} per violation, each with the JSON Pointer of the value.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ajv2020 } from '#platform/ajv.js';
import { CodecError, pointer, quote } from '../errors.js';
import { type Document, type EnvelopeHead, type GoObject, isEnvelope, typeName } from '../tree/types.js';
import { grammars, methodType } from './grammars.js';

interface Validators {
  envelope: ValidateFunction;
  types: Map<string, ValidateFunction>;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (compiled !== undefined) return compiled;
  const g = grammars();
  // On Node, ajv is loaded on first use only: decoding and encoding do not need it, and it is
  // the largest dependency (about 10 MB of memory once loaded). In a bundle it is left out
  // unless `validate` is used.
  const Ajv2020 = ajv2020();
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'x-gogrid', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'x-gogrid-kind', schemaType: 'string' });
  for (const type of g.types.values()) ajv.addSchema(type.schema);
  const compile = (schema: Readonly<Record<string, unknown>>): ValidateFunction => {
    const id = schema['$id'];
    const fn = typeof id === 'string' ? ajv.getSchema(id) : undefined;
    if (fn === undefined) throw new Error(`grammars: schema ${String(id)} did not compile`);
    return fn;
  };
  const types = new Map<string, ValidateFunction>();
  for (const type of g.types.values()) types.set(type.name, compile(type.schema));
  compiled = { envelope: ajv.compile(g.envelopeSchema), types };
  return compiled;
}

/**
 * Checks a document against the grammars: the envelope against `envelope.schema.json`, and each
 * object against the schema of its type — its `object` name when the grammars know it,
 * otherwise the type its envelope's method lists. Objects of unknown types are not checked.
 * Unknown attributes are allowed.
 *
 * @param doc - a decoded or hand-built document.
 * @returns every violation, as `GRAMMAR_VIOLATION` errors with the `path` of the value; empty
 *   when the document is valid.
 * @example
 * ```ts
 * validate({ method: '/grid/ip/list', list: [{ object: 'ip', id: 'x' }] })
 *   .map((e) => e.path); // ['/list/0/id']
 * ```
 */
export function validate(doc: Document): CodecError[] {
  if (!isEnvelope(doc)) return validateObject(doc, undefined, '');
  const errors = validateHead(doc);
  const listed = methodType(typeof doc.method === 'string' ? doc.method : undefined);
  doc.list.forEach((object, index) => errors.push(...validateObject(object, listed, pointer(['list', index]))));
  return errors;
}

/**
 * Checks an envelope's members other than the list (for streaming validation).
 * @param head - the envelope head.
 * @returns the violations.
 */
export function validateHead(head: EnvelopeHead): CodecError[] {
  const v = validators();
  const errors: CodecError[] = [];
  const envelope = { ...head, list: [] };
  if (!v.envelope(envelope)) collect(errors, envelope, v.envelope.errors, '');
  return errors;
}

/**
 * Checks one object (for streaming validation).
 * @param object - a list object or a fragment.
 * @param listed - the type its envelope's method lists, used when the object names no known type.
 * @param base - the object's JSON Pointer, prefixed to the violations' paths.
 * @returns the violations.
 */
export function validateObject(object: GoObject, listed: string | undefined, base: string): CodecError[] {
  const v = validators();
  const errors: CodecError[] = [];
  const named = typeName(object);
  const type = named !== undefined && v.types.has(named) ? named : listed;
  const fn = type === undefined ? undefined : v.types.get(type);
  if (fn !== undefined && !fn(object)) collect(errors, object, fn.errors, base, type);
  return errors;
}

function collect(out: CodecError[], root: unknown, errors: ErrorObject[] | null | undefined, base: string, type?: string): void {
  if (errors === null || errors === undefined) return;
  // An anyOf that failed also reports each of its branches; keep the anyOf alone.
  const anyOf = errors.filter((e) => e.keyword === 'anyOf');
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOf.some((a) => a.instancePath === e.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`))) continue;
    const value = valueAt(root, e.instancePath);
    const message = e.keyword === 'anyOf' ? 'must be an object of the type the grammar names, or null' : (e.message ?? e.keyword);
    const subject = type === undefined ? 'envelope' : type;
    out.push(
      new CodecError({
        code: 'GRAMMAR_VIOLATION',
        format: 'grammar',
        detail: `${subject}${e.instancePath === '' ? '' : ` ${e.instancePath}`} ${message}${value === undefined ? '' : ` (got ${quote(value)})`}`,
        path: base + e.instancePath,
      }),
    );
  }
}

function valueAt(root: unknown, path: string): unknown {
  if (path === '') return undefined;
  let node: unknown = root;
  for (const raw of path.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = Object.prototype.hasOwnProperty.call(node, token) ? (node as Record<string, unknown>)[token] : undefined;
  }
  return node;
}
