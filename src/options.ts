/**
 * The one option normaliser: every public function passes its options through here, so unknown
 * keys and bad values are refused the same way everywhere (`OPTION_INVALID`, quoting the value).
 */
import { CodecError, quote } from './errors.js';
import { DEFAULT_LIMITS, type TreeLimits } from './tree/builder.js';
import type { Format } from './tree/normalize.js';

/** Formats that can be written; `ndjson` (one object per line) is output-only. */
export type OutputFormat = Format | 'ndjson';

/** Options of every decoding function. */
export interface DecodeOptions {
  /** The input format. When omitted it is sniffed from the first character (after a BOM and whitespace): `<` XML, `{` or `[` JSON, `#` CSV. */
  format?: Format;
  /** Limits on the decoded tree (any subset; the rest keep their defaults, see `DEFAULT_LIMITS`). */
  limits?: Partial<TreeLimits>;
  /** CSV: the type of the list's objects when the envelope's method is not in the grammars' method table. */
  type?: string;
  /** Async functions: stop and reject with the signal's reason when it aborts. */
  signal?: AbortSignal;
  /**
   * CSV: refuse a document with fewer rows than its envelope's `RETURNED` count (`CSV_TRUNCATED`)
   * instead of only warning. Default `false`: published GoGrid responses exist whose counts
   * disagree with their lists.
   */
  strict?: boolean;
  /**
   * Receives what is suspicious but not refused, as a {@link CodecError} that is not thrown
   * (today: `CSV_TRUNCATED` when `strict` is off). Called at most once per problem, before the
   * decoding function returns. Default: warnings are dropped.
   */
  onWarning?: (warning: CodecError) => void;
}

/** Options of every encoding function. */
export interface EncodeOptions {
  /** The output format. Required. */
  format: OutputFormat;
  /** Spaces per level: JSON defaults to 0 (compact), XML to 2 (GoGrid's layout); 0 writes XML on one line. */
  indent?: number;
  /** XML: start with an XML declaration. Default `false`. */
  declaration?: boolean;
  /** XML: attribute order, `tree` (default) or `grammar`. */
  order?: 'tree' | 'grammar';
  /** CSV: the type of the list's objects when the envelope's method does not name one. */
  type?: string;
  /** CSV: prefix string cells that a spreadsheet would run as a formula with `'`. Default `false`. Not lossless. */
  spreadsheetSafe?: boolean;
  /** NDJSON: leave out the envelope line. Default `false`. */
  noEnvelope?: boolean;
  /** Async functions: stop and reject with the signal's reason when it aborts. */
  signal?: AbortSignal;
  /** Async functions with late envelopes (JSON source, XML/CSV/NDJSON target): how many objects to hold in memory before spilling to a temporary file. Default 1000. */
  spillAfter?: number;
}

/** {@link DecodeOptions} with every default applied. */
export interface ResolvedDecodeOptions {
  format: Format | undefined;
  limits: Readonly<TreeLimits>;
  type: string | undefined;
  signal: AbortSignal | undefined;
  strict: boolean;
  onWarning: ((warning: CodecError) => void) | undefined;
}

/** {@link EncodeOptions} with every default applied. */
export interface ResolvedEncodeOptions {
  format: OutputFormat;
  indent: number;
  declaration: boolean;
  order: 'tree' | 'grammar';
  type: string | undefined;
  spreadsheetSafe: boolean;
  noEnvelope: boolean;
  signal: AbortSignal | undefined;
  spillAfter: number;
}

const FORMATS: readonly string[] = ['json', 'xml', 'csv'];
const OUTPUT_FORMATS: readonly string[] = [...FORMATS, 'ndjson'];
const DECODE_KEYS = new Set(['format', 'limits', 'type', 'signal', 'strict', 'onWarning']);
const ENCODE_KEYS = new Set(['format', 'indent', 'declaration', 'order', 'type', 'spreadsheetSafe', 'noEnvelope', 'signal', 'spillAfter']);
const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS);

/**
 * Resolves decoding options.
 * @param options - what the caller gave (may be `undefined`).
 * @returns the options with defaults.
 * @throws CodecError `OPTION_INVALID` naming the option and quoting the bad value.
 * @example
 * ```ts
 * normalizeDecodeOptions({ format: 'yaml' }); // throws: OPTION_INVALID format must be one of json, xml, csv (got "yaml")
 * ```
 */
export function normalizeDecodeOptions(options: DecodeOptions | undefined): ResolvedDecodeOptions {
  const o = record(options, 'decode options');
  unknownKeys(o, DECODE_KEYS);
  const limits: TreeLimits = { ...DEFAULT_LIMITS };
  if (o['limits'] !== undefined) {
    const given = record(o['limits'], 'limits');
    unknownKeys(given, new Set(LIMIT_KEYS), 'limits.');
    for (const key of LIMIT_KEYS) {
      const value = given[key];
      if (value !== undefined) limits[key as keyof TreeLimits] = positiveInteger(value, `limits.${key}`);
    }
  }
  return {
    format: oneOf(o['format'], FORMATS, 'format') as Format | undefined,
    limits: Object.freeze(limits),
    type: optionalString(o['type'], 'type'),
    signal: signal(o['signal']),
    strict: optionalBoolean(o['strict'], 'strict') ?? false,
    onWarning: optionalFunction(o['onWarning'], 'onWarning') as ((warning: CodecError) => void) | undefined,
  };
}

/**
 * Resolves encoding options.
 * @param options - what the caller gave.
 * @returns the options with defaults.
 * @throws CodecError `OPTION_INVALID` naming the option and quoting the bad value.
 */
export function normalizeEncodeOptions(options: EncodeOptions): ResolvedEncodeOptions {
  const o = record(options, 'encode options');
  unknownKeys(o, ENCODE_KEYS);
  const format = oneOf(o['format'], OUTPUT_FORMATS, 'format') as OutputFormat | undefined;
  if (format === undefined) throw invalid('format', undefined, `must be one of ${OUTPUT_FORMATS.join(', ')}`);
  const indent = o['indent'] === undefined ? (format === 'xml' ? 2 : 0) : integerInRange(o['indent'], 'indent', 0, 16);
  return {
    format,
    indent,
    declaration: optionalBoolean(o['declaration'], 'declaration') ?? false,
    order: (oneOf(o['order'], ['tree', 'grammar'], 'order') as 'tree' | 'grammar' | undefined) ?? 'tree',
    type: optionalString(o['type'], 'type'),
    spreadsheetSafe: optionalBoolean(o['spreadsheetSafe'], 'spreadsheetSafe') ?? false,
    noEnvelope: optionalBoolean(o['noEnvelope'], 'noEnvelope') ?? false,
    signal: signal(o['signal']),
    spillAfter: o['spillAfter'] === undefined ? 1000 : positiveInteger(o['spillAfter'], 'spillAfter'),
  };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(what, value, 'must be an object');
  return value as Record<string, unknown>;
}

function unknownKeys(o: Record<string, unknown>, known: ReadonlySet<string>, prefix = ''): void {
  for (const key of Object.keys(o)) {
    if (!known.has(key)) throw invalid(`${prefix}${key}`, o[key], `is not an option (known: ${[...known].join(', ')})`);
  }
}

function oneOf(value: unknown, allowed: readonly string[], name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) throw invalid(name, value, `must be one of ${allowed.join(', ')}`);
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(name, value, 'must be a non-empty string');
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(name, value, 'must be true or false');
  return value;
}

function optionalFunction(value: unknown, name: string): ((...args: never[]) => unknown) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw invalid(name, value, 'must be a function');
  return value as (...args: never[]) => unknown;
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalid(name, value, 'must be a positive integer');
  return value;
}

function integerInRange(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(name, value, `must be an integer from ${min} to ${max}`);
  return value;
}

function signal(value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) throw invalid('signal', value, 'must be an AbortSignal');
  return value;
}

function invalid(name: string, value: unknown, rule: string): CodecError {
  return new CodecError({ code: 'OPTION_INVALID', format: 'options', detail: `${name} ${rule} (got ${quote(value)})` });
}
