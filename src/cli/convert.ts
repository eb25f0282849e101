/**
 * `gogrid-codec --to FORMAT [FILE]`: the conversion, wired from the pieces of this folder.
 */
import { statSync } from 'node:fs';
import { convert, type ConvertOptions } from '../convert.js';
import { StreamValidator } from '../grammar/validate.js';
import { FileSpool } from '../spool-file.js';
import { type CommandArgs, UsageError } from './args.js';
import { runBatch } from './batch.js';
import { runConcat } from './concat.js';
import { CountingSpool } from './counting-spool.js';
import { type Input, openInput } from './input.js';
import { openOutput, type Output } from './output.js';
import { Progress, wantProgress } from './progress.js';
import type { CodecError } from '../errors.js';
import { errorLine, report, reportViolations } from './report.js';

/** Objects held in memory before spilling, as the library's default `spillAfter`. */
const SPILL_AFTER = 1000;

/**
 * Converts the input to the output target.
 * @param args - the parsed command line (`to` set).
 * @returns the exit status: 0, or 1 for bad input, failed validation or an I/O error.
 * @example
 * ```ts
 * process.exitCode = await runConvert(parseCommand('convert', ['--to', 'json', 'a.xml']));
 * ```
 */
export async function runConvert(args: CommandArgs): Promise<number> {
  // parseCommand refuses a convert without --to; this only narrows the type.
  if (args.to === undefined) throw new UsageError('--to is required (json, xml, csv or ndjson)');
  const to = args.to;
  if (args.outDir !== undefined) return runBatch(args);
  if (args.files.length > 1 || (to === 'ndjson' && args.file !== undefined && isDirectory(args.file))) return runConcat(args);
  let input: Input | undefined;
  let output: Output | undefined;
  let progress: Progress | undefined;
  const validator = args.validate ? new StreamValidator(args.decode.type === undefined ? {} : { type: args.decode.type }) : undefined;
  const abort = new AbortController();
  try {
    // The input first: a missing input is reported before a temporary output is made.
    input = openInput(args.file, (bytes) => progress?.read(bytes));
    output = await openOutput(args.output);
    if (wantProgress(args.progress, output.toStdout)) progress = new Progress(input.size, process.stderr);
    const { format, noEnvelope, plain, method } = args.decode;
    const name = input.name;
    // What is suspicious but converted anyway (a CSV with fewer rows than its RETURNED) is said on stderr.
    const onWarning = (warning: CodecError): void => {
      process.stderr.write(errorLine(warning, name).replace(/\n$/, ' (warning: converted anyway)\n'));
    };
    const options: ConvertOptions = { ...args.encode, to, signal: abort.signal, input: { ...(noEnvelope === true ? { noEnvelope } : {}), ...(plain === true ? { plain } : {}), ...(method === undefined ? {} : { method }), onWarning } };
    if (format !== undefined) options.from = format;
    if (validator !== undefined) options.tap = (event) => validator.see(event);
    const bar = progress;
    if (bar !== undefined) options.spool = new CountingSpool(new FileSpool(SPILL_AFTER), (done, total) => bar.replay(done, total));
    for await (const text of convert(input.chunks, options)) {
      await output.write(text);
      if (output.closed) {
        // The reader went away (`| head`): stop quietly.
        abort.abort();
        input.destroy();
        break;
      }
    }
    progress?.clear();
    if (output.closed) return 0;
    if (validator !== undefined && validator.total > 0) {
      await output.abort();
      return reportViolations(validator, input.name);
    }
    await output.commit();
    return 0;
  } catch (e) {
    progress?.clear();
    await output?.abort();
    if (output?.closed === true) return 0;
    return report(e, input?.name ?? args.file ?? '<stdin>');
  } finally {
    input?.destroy();
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
