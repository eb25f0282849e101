/**
 * One conversion of a batch: an input file to an output file, with the safe-write rules of `-o`
 * ({@link openOutput}). It never throws for bad input or I/O: the outcome is data, so a worker
 * thread can post it and one failure does not stop the others.
 */
import { convert, type ConvertOptions } from '../convert.js';
import { FileSpool } from '../spool-file.js';
import { StreamValidator } from '../grammar/validate.js';
import type { DecodeOptions, EncodeOptions, OutputFormat } from '../options.js';
import { openInput, type Input } from './input.js';
import { openOutput, type Output } from './output.js';
import { errorLine, violationLines } from './report.js';

/** What to convert: plain data, so it can cross to a worker thread. */
export interface FileTask {
  /** The input path, as the user will see it in diagnostics. */
  readonly input: string;
  /** The output path. */
  readonly output: string;
  /** Decoder options for this input (format, variants, type). */
  readonly decode: DecodeOptions;
  /** The output format. */
  readonly to: OutputFormat;
  /** Encoder options without `format`. */
  readonly encode: Omit<EncodeOptions, 'format' | 'signal'>;
  /** Check every object against the grammars (a file with violations is not written). */
  readonly validate: boolean;
  /**
   * Where a conversion that must hold objects spills them (default: the system's temporary
   * directory). A batch gives every task one folder of its own, which the main thread removes on
   * a signal: a worker thread's spill files are then not left behind.
   */
  readonly spillDir?: string;
}

/** Objects held in memory before spilling, as the library's default `spillAfter`. */
const SPILL_AFTER = 1000;

/** How one conversion went. */
export interface FileOutcome {
  /** `true` when the output was written. */
  readonly ok: boolean;
  /** Bytes of input read. */
  readonly bytes: number;
  /** The diagnostics, `FILE:LINE:COL: CODE message` lines; `''` on success. */
  readonly report: string;
}

/**
 * Converts one file.
 * @param task - see {@link FileTask}.
 * @param onBytes - called with the size of each chunk read.
 * @returns the outcome; never rejects for bad input or an I/O error.
 * @example
 * ```ts
 * const r = await convertFile({ input: 'a.xml', output: 'out/a.json', decode: {}, to: 'json', encode: {}, validate: false });
 * if (!r.ok) process.stderr.write(r.report);
 * ```
 */
export async function convertFile(task: FileTask, onBytes?: (bytes: number) => void): Promise<FileOutcome> {
  let bytes = 0;
  let input: Input | undefined;
  let output: Output | undefined;
  const validator = task.validate ? new StreamValidator(task.decode.type === undefined ? {} : { type: task.decode.type }) : undefined;
  try {
    input = openInput(task.input, (n) => {
      bytes += n;
      onBytes?.(n);
    });
    output = await openOutput(task.output);
    const { format, noEnvelope, plain, method, ...decode } = task.decode;
    const options: ConvertOptions = { ...task.encode, to: task.to, input: variants(noEnvelope, plain, method) };
    if (format !== undefined) options.from = format;
    if (decode.type !== undefined && options.type === undefined) options.type = decode.type;
    if (decode.limits !== undefined) options.limits = decode.limits;
    if (validator !== undefined) options.tap = (event) => validator.see(event);
    if (task.spillDir !== undefined) options.spool = new FileSpool(SPILL_AFTER, task.spillDir);
    for await (const text of convert(input.chunks, options)) await output.write(text);
    if (validator !== undefined && validator.total > 0) {
      await output.abort();
      return { ok: false, bytes, report: violationLines(validator, input.name) };
    }
    await output.commit();
    return { ok: true, bytes, report: '' };
  } catch (e) {
    await output?.abort();
    return { ok: false, bytes, report: errorLine(e, task.input) };
  } finally {
    input?.destroy();
  }
}

function variants(noEnvelope: boolean | undefined, plain: boolean | undefined, method: string | undefined): NonNullable<ConvertOptions['input']> {
  const o: NonNullable<ConvertOptions['input']> = {};
  if (noEnvelope !== undefined) o.noEnvelope = noEnvelope;
  if (plain !== undefined) o.plain = plain;
  if (method !== undefined) o.method = method;
  return o;
}
