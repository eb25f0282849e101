/**
 * Which decoder options one input file gets: the format from `--from`, else from the file name
 * for NDJSON (`.ndjson`, `.jsonl`: its content looks like JSON, so it cannot be sniffed), else
 * sniffed from the content; and the input variants (`--no-envelope`, `--plain`, `--method`)
 * where they apply.
 */
import type { DecodeOptions, InputFormat } from '../options.js';

/** The command line's input flags, as given. */
export interface InputFlags {
  /** `--from`. */
  readonly from: InputFormat | undefined;
  /** `--type`. */
  readonly type: string | undefined;
  /** `--no-envelope`: NDJSON input is objects only. */
  readonly noEnvelope: boolean;
  /** `--plain`: CSV input is plain CSV. */
  readonly plain: boolean;
  /** `--method`: the method of an input without envelope. */
  readonly method: string | undefined;
}

/**
 * The format a file name tells: only NDJSON is told by its name.
 * @param file - a path, or `undefined` for standard input.
 * @returns `ndjson` for `*.ndjson` and `*.jsonl` (any case), else `undefined`.
 * @example
 * ```ts
 * formatFromName('dump/servers.JSONL'); // 'ndjson'
 * formatFromName('servers.json'); // undefined: sniffed from the content
 * ```
 */
export function formatFromName(file: string | undefined): InputFormat | undefined {
  return file !== undefined && /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : undefined;
}

/**
 * The decoder options for one input.
 * @param flags - the input flags.
 * @param file - the input's path, or `undefined` for standard input.
 * @returns options for `decodeEvents` (not yet normalised).
 * @example
 * ```ts
 * decodeOptionsFor({ from: undefined, type: undefined, noEnvelope: true, plain: false, method: '/grid/ip/list' }, 'ips.jsonl');
 * // { format: 'ndjson', noEnvelope: true, method: '/grid/ip/list' }
 * ```
 */
export function decodeOptionsFor(flags: InputFlags, file: string | undefined): DecodeOptions {
  const format = flags.from ?? formatFromName(file);
  const o: DecodeOptions = {};
  if (format !== undefined) o.format = format;
  if (flags.type !== undefined) o.type = flags.type;
  if (format === 'ndjson' && flags.noEnvelope) o.noEnvelope = true;
  if (format === 'csv' && flags.plain) o.plain = true;
  // The method only where the input has no envelope of its own (in a batch, some files may have one).
  if (flags.method !== undefined && (o.noEnvelope === true || o.plain === true)) o.method = flags.method;
  return o;
}
