/**
 * Validation of a tree against the grammars with ajv. Errors are data: one
 * `GRAMMAR_VIOLATION` {@link CodecError} per violation, each with the JSON Pointer of the value,
 * and a `GRAMMAR_COUNT_MISMATCH` when the summary's `returned` disagrees with the list.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ajv2020 } from '#platform/ajv.js';
import { CodecError, pointer, quote } from '../errors.js';
import type { CodecEvent } from '../tree/events.js';
import { type Document, type EnvelopeHead, type GoObject, isEnvelope, typeName } from '../tree/types.js';
import { grammars, listedType } from './grammars.js';

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
 * otherwise the type its envelope's method lists. A failure envelope (`status: failure`) lists
 * `error` objects whatever the method: an object there that names another type is a violation.
 * Objects of unknown types are not checked. Unknown attributes are allowed.
 *
 * A summary whose `returned` is not the list's length is reported on its own, as
 * `GRAMMAR_COUNT_MISMATCH` at `/summary/returned` (GoGrid has published such responses: the
 * decoders keep the counts as given and never refuse them).
 *
 * @param doc - a decoded or hand-built document.
 * @returns every violation, as `GRAMMAR_VIOLATION` errors with the `path` of the value, then any
 *   `GRAMMAR_COUNT_MISMATCH`; empty when the document is valid.
 * @example
 * ```ts
 * validate({ method: '/grid/ip/list', list: [{ object: 'ip', id: 'x' }] })
 *   .map((e) => e.path); // ['/list/0/id']
 * ```
 */
export function validate(doc: Document): CodecError[] {
  if (!isEnvelope(doc)) return validateObject(doc, undefined, '');
  const errors = validateHead(doc);
  const listed = listedType(doc);
  doc.list.forEach((object, index) => errors.push(...validateObject(object, listed, pointer(['list', index]))));
  errors.push(...validateCount(doc, doc.list.length));
  return errors;
}

/**
 * Checks the summary's `returned` against the number of objects the list held (for streaming
 * validation, once the list has ended). Only an integer `returned` is compared; a summary
 * without one, or with a value of another kind (a violation of its own), is not.
 *
 * @param head - the final envelope head.
 * @param count - how many objects the list held.
 * @returns one `GRAMMAR_COUNT_MISMATCH` at `/summary/returned`, or nothing.
 * @example
 * ```ts
 * validateCount({ summary: { returned: 2 } }, 1).map((e) => e.code); // ['GRAMMAR_COUNT_MISMATCH']
 * ```
 */
export function validateCount(head: EnvelopeHead, count: number): CodecError[] {
  const returned = head.summary?.['returned'];
  if (typeof returned !== 'number' || !Number.isInteger(returned) || returned === count) return [];
  return [
    new CodecError({
      code: 'GRAMMAR_COUNT_MISMATCH',
      format: 'grammar',
      detail: `summary.returned is ${returned} but the list holds ${count} object${count === 1 ? '' : 's'}`,
      path: '/summary/returned',
    }),
  ];
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
 * @param listed - the type its envelope lists (see `listedType`), used when the object names no
 *   known type; `error` (a failure envelope) is the object's type whatever it names.
 * @param base - the object's JSON Pointer, prefixed to the violations' paths.
 * @returns the violations.
 */
export function validateObject(object: GoObject, listed: string | undefined, base: string): CodecError[] {
  const v = validators();
  const errors: CodecError[] = [];
  const named = typeName(object);
  if (listed === 'error' && named !== undefined && named !== 'error') {
    errors.push(
      new CodecError({
        code: 'GRAMMAR_VIOLATION',
        format: 'grammar',
        detail: `a failure envelope lists error objects, not ${quote(named)}`,
        path: `${base}/object`,
      }),
    );
  }
  const type = listed === 'error' ? listed : named !== undefined && v.types.has(named) ? named : listed;
  const fn = type === undefined ? undefined : v.types.get(type);
  if (fn !== undefined && !fn(object)) collect(errors, object, fn.errors, base, type);
  return errors;
}

/** Options of a {@link StreamValidator}. */
export interface StreamValidatorOptions {
  /** The type of the list's objects (or of a fragment) when the envelope's method is not in the grammars' method table, as the decoders' `type` option. */
  type?: string;
  /** How many violations to keep (the rest are only counted, so memory stays bounded). Default 1000. */
  keep?: number;
}

/**
 * Grammar validation of a stream of events, in bounded memory: give it every event of a
 * document (from `decodeEvents`, or a conversion's `tap`) and read the violations at the end.
 * The envelope is checked once it is final; each object as it passes, against the type its
 * `object` name gives, else the type its envelope's method lists, else `type`. Objects are not
 * held: an object without a type name that comes before the method (JSON may give the method
 * after the list) is checked against `type` only, where {@link validate} on the whole tree
 * would use the method's type.
 *
 * @example
 * ```ts
 * const check = new StreamValidator();
 * for await (const event of decodeEvents(fs.createReadStream('ips.json'))) check.see(event);
 * if (check.total > 0) for (const v of check.violations) console.error(v.path, v.detail);
 * ```
 */
export class StreamValidator {
  /** The first `keep` violations, in input order. */
  readonly violations: CodecError[] = [];
  /** How many violations were found in all (kept or not). */
  total = 0;
  /** How many objects (list objects and fragments) were checked. */
  objects = 0;
  private readonly type: string | undefined;
  private readonly keep: number;
  private listed: string | undefined;
  private head: EnvelopeHead | undefined;

  /** @param options - see {@link StreamValidatorOptions}. */
  constructor(options: StreamValidatorOptions = {}) {
    this.type = options.type;
    this.keep = options.keep ?? 1000;
    this.listed = this.type;
  }

  /**
   * Checks one event.
   * @param event - the next event of the document, in protocol order.
   */
  see(event: CodecEvent): void {
    if (event.type === 'envelope') {
      this.listed = listedType(event.head, this.type);
      if (event.final) {
        this.head = event.head;
        this.add(validateHead(event.head));
      }
    } else if (event.type === 'end') {
      // The summary's `returned` against the list as it came: a finding of its own, not a grammar violation.
      if (this.head !== undefined) this.add(validateCount(this.head, this.objects));
    } else if (event.type === 'object') {
      this.add(validateObject(event.object, this.listed, pointer(['list', this.objects])));
      this.objects++;
    } else if (event.type === 'fragment') {
      this.add(validateObject(event.object, this.type, ''));
      this.objects++;
    }
  }

  /**
   * Counts a finding that did not come from the grammars: a decoder's warning, such as
   * `CSV_TRUNCATED` (fewer CSV rows than the envelope's `RETURNED`), so that `validate` reports it.
   * @param finding - the warning, as the decoder's `onWarning` received it.
   * @example
   * ```ts
   * const v = new StreamValidator();
   * for await (const e of decodeEvents(input, { onWarning: (w) => v.note(w) })) v.see(e);
   * ```
   */
  note(finding: CodecError): void {
    this.add([finding]);
  }

  private add(errors: CodecError[]): void {
    this.total += errors.length;
    for (const e of errors) if (this.violations.length < this.keep) this.violations.push(e);
  }
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
