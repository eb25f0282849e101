/**
 * I/O failures as {@link CodecError}s: `IO_READ_FAILED` / `IO_WRITE_FAILED`, naming the file the
 * user gave (never a temporary name) and the system's reason without its paths.
 */
import { CodecError, type CodecErrorCode } from '../errors.js';

/**
 * Builds the error for a file that could not be read or written.
 * @param code - `IO_READ_FAILED` or `IO_WRITE_FAILED`.
 * @param file - the name to show: the input or output as the user wrote it, `<stdin>`, `<stdout>`.
 * @param what - what failed, e.g. `cannot open it`.
 * @param cause - the Node error, whose code and description are appended.
 * @returns the error, rendered `FILE: CODE what (ENOENT: no such file or directory)`.
 * @example
 * ```ts
 * ioError('IO_READ_FAILED', 'servers.xml', 'cannot open it', e).message;
 * // 'servers.xml: IO_READ_FAILED cannot open it (ENOENT: no such file or directory)'
 * ```
 */
export function ioError(code: Extract<CodecErrorCode, 'IO_READ_FAILED' | 'IO_WRITE_FAILED'>, file: string, what: string, cause?: unknown): CodecError {
  const reason = cause === undefined ? '' : ` (${describe(cause)})`;
  return new CodecError({ code, format: 'io', detail: `${what}${reason}`, file, ...(cause === undefined ? {} : { cause }) });
}

/**
 * A Node error's code and description, without the paths Node appends (a temporary name
 * would mislead).
 * @param cause - anything thrown.
 * @returns e.g. `EACCES: permission denied`.
 */
function describe(cause: unknown): string {
  const e = cause as NodeJS.ErrnoException;
  if (e === null || typeof e !== 'object' || typeof e.message !== 'string') return String(cause);
  // "EACCES: permission denied, open '/dir/.x.tmp'" → "EACCES: permission denied"
  const match = /^([A-Z0-9_]+: [^,]*)/.exec(e.message);
  if (match?.[1] !== undefined) return match[1];
  return typeof e.code === 'string' ? `${e.code}: ${e.message}` : e.message;
}

