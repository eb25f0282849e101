/**
 * `gogrid-codec validate [FILE]`: checks a document against the grammars, writes nothing.
 */
import { decodeEvents } from '../decode.js';
import { StreamValidator } from '../grammar/validate.js';
import type { CommandArgs } from './args.js';
import { type Input, openInput } from './input.js';
import { Progress, wantProgress } from './progress.js';
import { report, reportViolations } from './report.js';

/**
 * Validates the input; on success says so on stderr (`FILE: valid (N objects)`).
 * @param args - the parsed command line.
 * @returns the exit status: 0 valid, 1 for violations, bad input or an I/O error.
 * @example
 * ```ts
 * process.exitCode = await runValidate(parseCommand('validate', ['servers.json']));
 * ```
 */
export async function runValidate(args: CommandArgs): Promise<number> {
  let input: Input | undefined;
  let progress: Progress | undefined;
  const validator = new StreamValidator(args.decode.type === undefined ? {} : { type: args.decode.type });
  try {
    input = openInput(args.file, (bytes) => progress?.read(bytes));
    if (wantProgress(args.progress, false)) progress = new Progress(input.size, process.stderr);
    // A decoder's warning (CSV_TRUNCATED) is a finding of validate, as a grammar violation is.
    for await (const event of decodeEvents(input.chunks, { ...args.decode, onWarning: (w) => validator.note(w) })) validator.see(event);
    progress?.clear();
    if (validator.total > 0) return reportViolations(validator, input.name);
    process.stderr.write(`${input.name}: valid (${validator.objects} objects)\n`);
    return 0;
  } catch (e) {
    progress?.clear();
    return report(e, input?.name ?? args.file ?? '<stdin>');
  } finally {
    input?.destroy();
  }
}
