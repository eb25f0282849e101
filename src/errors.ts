/**
 * The one error type of gogrid-codec: every failure is a {@link CodecError} with a stable
 * {@link CodecErrorCode}, the format it concerns and, where it applies, a position in the input
 * and a JSON Pointer into the tree.
 */

/**
 * Every error code gogrid-codec produces. Stable: tests and callers match on these, never on
 * the message text. The prefix names the layer or format.
 */
export type CodecErrorCode =
  // Options and usage
  | 'OPTION_INVALID'
  // Input bytes and format detection
  | 'INPUT_INVALID_UTF8'
  | 'INPUT_FORMAT_UNKNOWN'
  // The canonical tree (limits and shape)
  | 'TREE_DEPTH_EXCEEDED'
  | 'TREE_VALUE_TOO_LONG'
  | 'TREE_TOO_MANY_ATTRIBUTES'
  | 'TREE_TOO_MANY_ITEMS'
  | 'TREE_OBJECT_TOO_LARGE'
  | 'TREE_UNSUPPORTED_VALUE'
  | 'TREE_INVALID_ENVELOPE'
  // Grammar validation
  | 'GRAMMAR_VIOLATION'
  | 'GRAMMAR_COUNT_MISMATCH'
  // JSON
  | 'JSON_UNEXPECTED_CHARACTER'
  | 'JSON_UNEXPECTED_END'
  | 'JSON_INVALID_NUMBER'
  | 'JSON_INVALID_STRING'
  | 'JSON_INTEGER_UNSAFE'
  | 'JSON_TRAILING_DATA'
  // NDJSON (its lines are JSON: their syntax errors are the JSON_* codes)
  | 'NDJSON_NOT_AN_OBJECT'
  // XML
  | 'XML_MALFORMED'
  | 'XML_DOCTYPE_FORBIDDEN'
  | 'XML_UNEXPECTED_ELEMENT'
  | 'XML_UNEXPECTED_TEXT'
  | 'XML_MISSING_ATTRIBUTE'
  | 'XML_UNEXPECTED_ATTRIBUTE'
  | 'XML_ENCODING_UNSUPPORTED'
  | 'XML_DUPLICATE_ATTRIBUTE'
  | 'XML_UNEXPECTED_END'
  | 'XML_INVALID_CHARACTER'
  | 'XML_UNREPRESENTABLE'
  // CSV
  | 'CSV_MALFORMED'
  | 'CSV_ENVELOPE_INVALID'
  | 'CSV_HEADER_MISSING'
  | 'CSV_COLUMN_INVALID'
  | 'CSV_COLUMN_DUPLICATE'
  | 'CSV_COLUMN_CONFLICT'
  | 'CSV_INDEX_GAP'
  | 'CSV_FIELD_COUNT'
  | 'CSV_EMPTY_COLUMN_FILLED'
  | 'CSV_MIXED_TYPES'
  | 'CSV_INVALID_CHARACTER'
  | 'CSV_UNREPRESENTABLE'
  | 'CSV_TRUNCATED'
  // Conversion plumbing
  | 'SPILL_FAILED'
  | 'SPILL_LIMIT_EXCEEDED'
  // Files and streams the command line reads and writes
  | 'IO_READ_FAILED'
  | 'IO_WRITE_FAILED'
  // The client (HTTP)
  | 'CLIENT_CONNECTION_FAILED'
  | 'CLIENT_CONNECTION_LOST'
  | 'CLIENT_TIMEOUT'
  | 'CLIENT_RESPONSE_INVALID';

/** The data format an error concerns (`ndjson`: one JSON value per line); `tree` for errors about a tree rather than a text; `io` for a file or stream that could not be read or written; `http` for the client's requests. */
export type CodecFormat = 'json' | 'xml' | 'csv' | 'ndjson' | 'tree' | 'grammar' | 'options' | 'input' | 'io' | 'http';

/** The fields a {@link CodecError} is made from; everything but `code`, `format` and `detail` is optional. */
export interface CodecErrorInit {
  /** The stable code. */
  code: CodecErrorCode;
  /** The format or layer concerned. */
  format: CodecFormat;
  /** What went wrong, in a sentence without the position (the position is rendered from the fields). */
  detail: string;
  /** 1-based line of the offending character. */
  line?: number;
  /** 1-based column of the offending character, in UTF-16 code units from the start of its line. */
  column?: number;
  /** 0-based offset of the offending character, in UTF-16 code units from the start of the text (after a BOM). */
  offset?: number;
  /** JSON Pointer (RFC 6901) into the decoded tree, where it applies. */
  path?: string;
  /** A file name to show in the message; set by whoever knows it (the CLI). */
  file?: string;
  /** The underlying error, when one was wrapped. */
  cause?: unknown;
}

const BRAND = Symbol.for('gogrid-codec.CodecError');

/**
 * The error thrown (or delivered to a stream) by every gogrid-codec function.
 *
 * The message is a rendering of the fields: `file:line:col: CODE detail (at /json/pointer)`.
 * All fields are enumerable, so `JSON.stringify(error)` shows them. `instanceof CodecError`
 * also recognises errors made by another copy of this package (through a `Symbol.for` brand).
 *
 * @example
 * ```ts
 * try { decode('{"list": [}', { format: 'json' }); }
 * catch (e) { if (e instanceof CodecError) console.log(e.code, e.line, e.column); }
 * // JSON_UNEXPECTED_CHARACTER 1 11
 * ```
 */
export class CodecError extends Error {
  /** The stable code; match on this, never on the message. */
  readonly code: CodecErrorCode;
  /** The format or layer concerned. */
  readonly format: CodecFormat;
  /** The message without the position prefix. */
  readonly detail: string;
  // `declare`: an optional field the error does not have is absent, not an own `undefined`.
  /** 1-based line, when the error has a position in a text. */
  declare readonly line?: number;
  /** 1-based column (UTF-16 code units), when the error has a position in a text. */
  declare readonly column?: number;
  /** 0-based offset (UTF-16 code units, after a BOM), when the error has a position in a text. */
  declare readonly offset?: number;
  /** JSON Pointer into the tree, when the error concerns a place in it. */
  declare readonly path?: string;
  /** The file name shown in the message, when known. */
  declare readonly file?: string;

  /**
   * @param init - the fields; see {@link CodecErrorInit}.
   */
  constructor(init: CodecErrorInit) {
    super(renderMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CodecError';
    this.code = init.code;
    this.format = init.format;
    this.detail = init.detail;
    if (init.line !== undefined) this.line = init.line;
    if (init.column !== undefined) this.column = init.column;
    if (init.offset !== undefined) this.offset = init.offset;
    if (init.path !== undefined) this.path = init.path;
    if (init.file !== undefined) this.file = init.file;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * The same error, rendered with a file name (the CLI knows it, the decoder does not).
   * @param file - the name to show before the position.
   * @returns a new error with `file` set.
   */
  withFile(file: string): CodecError {
    return new CodecError({ ...this.toInit(), file });
  }

  /**
   * The same error with a path into the tree.
   * @param path - a JSON Pointer.
   * @returns a new error with `path` set.
   */
  withPath(path: string): CodecError {
    return new CodecError({ ...this.toInit(), path });
  }

  /** The fields this error was made from. */
  toInit(): CodecErrorInit {
    const init: CodecErrorInit = { code: this.code, format: this.format, detail: this.detail };
    if (this.line !== undefined) init.line = this.line;
    if (this.column !== undefined) init.column = this.column;
    if (this.offset !== undefined) init.offset = this.offset;
    if (this.path !== undefined) init.path = this.path;
    if (this.file !== undefined) init.file = this.file;
    if (this.cause !== undefined) init.cause = this.cause;
    return init;
  }

  /** A plain object with the error's fields, for logs and `--errors=json` style output. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.toInit(), cause: undefined };
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Where in a text an error is: the position fields of {@link CodecErrorInit}. */
export type ErrorPosition = Pick<CodecErrorInit, 'line' | 'column' | 'offset'>;

/**
 * An error at a place in the input: the one way the decoders (and the sniffer and the UTF-8
 * feed in front of them) make one, so that each sets the same fields the same way.
 *
 * @param format - the format whose decoder found it.
 * @param code - the stable code.
 * @param detail - what went wrong, without the position.
 * @param at - where (1-based line and column, 0-based offset).
 * @param path - a JSON Pointer into the tree; absent or `''` (the root) for none.
 * @returns the error, for the caller to throw (or to report as a warning).
 * @example
 * ```ts
 * throw codecError('csv', 'CSV_FIELD_COUNT', 'the row has 3 fields; the header has 2 columns', { line: 3, column: 5, offset: 40 });
 * ```
 */
export function codecError(format: CodecFormat, code: CodecErrorCode, detail: string, at: ErrorPosition, path?: string): CodecError {
  return new CodecError({ code, format, detail, ...at, ...(path === undefined || path === '' ? {} : { path }) });
}

function renderMessage(init: CodecErrorInit): string {
  let where = '';
  if (init.file !== undefined) where += `${init.file}:`;
  if (init.line !== undefined) where += `${init.line}:${init.column ?? 1}:`;
  const at = init.path !== undefined && init.path !== '' ? ` (at ${init.path})` : '';
  return `${where}${where === '' ? '' : ' '}${init.code} ${init.detail}${at}`;
}

/**
 * Escapes one reference token of a JSON Pointer (RFC 6901).
 * @param token - an attribute name or list index.
 * @returns the token with `~` and `/` escaped.
 */
export function pointerToken(token: string | number): string {
  return typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Builds a JSON Pointer from its tokens.
 * @param tokens - attribute names and list indexes from the root.
 * @returns the pointer, `""` for the root.
 */
export function pointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const t of tokens) out += `/${pointerToken(t)}`;
  return out;
}

/**
 * Quotes a value for an error message: JSON-style, shortened when long.
 * @param value - anything.
 * @returns a short printable rendering.
 */
export function quote(value: unknown): string {
  let text: string;
  try {
    text =
      typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value === 'number' || typeof value === 'bigint' || value === undefined
          ? String(value)
          : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
