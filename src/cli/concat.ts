/**
 * `gogrid-codec --to ndjson FILE…`: several inputs (or a directory, walked as {@link listInputs}
 * says), one NDJSON stream. The objects of every file in order, each file's envelope line before its objects (none with `--no-envelope`). A file
 * that fails is reported and the next one still converted; the exit status is then 1, and a
 * `-o` target is left as it was (on standard output, the failing file's objects before its
 * error are already written, as with one input).
 */
import { convert, type ConvertOptions } from '../convert.js';
import type { CommandArgs } from './args.js';
import { decodeOptionsFor } from './input-format.js';
import { listInputs } from './inputs.js';
import { type Input, openInput } from './input.js';
import { openOutput, type Output } from './output.js';
import { BAD_INPUT, errorLine } from './report.js';

/**
 * Runs the concatenation.
 * @param args - the parsed command line (`to` is `ndjson`, several files).
 * @returns the exit status: 0 when every input converted, else 1.
 * @example
 * ```ts
 * process.exitCode = await runConcat(parseCommand('convert', ['--to', 'ndjson', 'a.xml', 'b.csv']));
 * ```
 */
export async function runConcat(args: CommandArgs): Promise<number> {
  let output: Output;
  try {
    output = await openOutput(args.output);
  } catch (e) {
    process.stderr.write(errorLine(e, args.output ?? '<stdout>'));
    return BAD_INPUT;
  }
  let failed = 0;
  const abort = new AbortController();
  const files = listInputs(args.files).map((found) => found.path);
  for (const file of files) {
    let input: Input | undefined;
    try {
      input = openInput(file);
      const { format, noEnvelope, plain, method, type } = decodeOptionsFor(args.input, file);
      const options: ConvertOptions = { ...args.encode, to: 'ndjson', signal: abort.signal, input: { ...(noEnvelope === true ? { noEnvelope } : {}), ...(plain === true ? { plain } : {}), ...(method === undefined ? {} : { method }) } };
      if (format !== undefined) options.from = format;
      if (type !== undefined) options.type = type;
      // Streamed, as for one input: a file that fails has its objects before the error in the
      // stream, and the error on stderr.
      for await (const chunk of convert(input.chunks, options)) {
        await output.write(chunk);
        if (output.closed) break;
      }
      if (output.closed) break;
    } catch (e) {
      if (output.closed) break;
      failed++;
      try {
        process.stderr.write(errorLine(e, file));
      } catch (bug) {
        await output.abort();
        throw bug;
      }
    } finally {
      input?.destroy();
    }
  }
  if (output.closed) return 0;
  if (failed > 0) {
    await output.abort();
    process.stderr.write(`gogrid-codec: ${files.length - failed} converted, ${failed} failed (${files.length} files)\n`);
    return BAD_INPUT;
  }
  try {
    await output.commit();
  } catch (e) {
    process.stderr.write(errorLine(e, args.output ?? '<stdout>'));
    return BAD_INPUT;
  }
  return 0;
}
