/**
 * How the command line reports failures on stderr: every line is `FILE:LINE:COL: CODE message`
 * (or `FILE: CODE message` when there is no position), and the exit status is 1.
 */
import { CodecError } from '../errors.js';
import type { StreamValidator } from '../grammar/validate.js';

/** Exit status for bad input, a failed validation or an I/O error. */
export const BAD_INPUT = 1;
/** Exit status for bad usage. */
export const USAGE = 2;

/**
 * Prints an error and gives the exit status.
 * @param error - what the command caught.
 * @param inputName - the input's name, shown for errors about the input's text (an I/O error
 *   already names its own file: the input, or the output target).
 * @returns {@link BAD_INPUT}.
 * @throws the error itself when it is not a {@link CodecError}: that is a bug, not bad input.
 * @example
 * ```ts
 * try { … } catch (e) { return report(e, 'servers.xml'); }
 * ```
 */
export function report(error: unknown, inputName: string): number {
  process.stderr.write(errorLine(error, inputName));
  return BAD_INPUT;
}

/**
 * The line {@link report} prints for an error.
 * @param error - what was caught.
 * @param inputName - the input's name (see {@link report}).
 * @returns `FILE:LINE:COL: CODE message` and a line break.
 * @throws the error itself when it is not a {@link CodecError}.
 * @example
 * ```ts
 * errorLine(new CodecError({ code: 'JSON_UNEXPECTED_END', format: 'json', detail: 'the input is empty', line: 1, column: 1 }), 'a.json');
 * // 'a.json:1:1: JSON_UNEXPECTED_END the input is empty\n'
 * ```
 */
export function errorLine(error: unknown, inputName: string): string {
  if (!(error instanceof CodecError)) throw error;
  return `${(error.file === undefined ? error.withFile(inputName) : error).message}\n`;
}

/**
 * Prints a validator's findings: the kept violations, how many more there were, and a total.
 * @param validator - the validator after the whole document.
 * @param inputName - the input's name.
 * @returns 0 when there was nothing to report, else {@link BAD_INPUT}.
 * @example
 * ```ts
 * return reportViolations(validator, input.name);
 * ```
 */
export function reportViolations(validator: StreamValidator, inputName: string): number {
  if (validator.total === 0) return 0;
  process.stderr.write(violationLines(validator, inputName));
  return BAD_INPUT;
}

/**
 * The lines {@link reportViolations} prints.
 * @param validator - the validator after the whole document.
 * @param inputName - the input's name.
 * @returns the text, one violation per line, then the total; `''` when there was none.
 * @example
 * ```ts
 * if (validator.total > 0) failures.push(violationLines(validator, 'a.json'));
 * ```
 */
export function violationLines(validator: StreamValidator, inputName: string): string {
  if (validator.total === 0) return '';
  let out = '';
  for (const v of validator.violations) out += `${v.withFile(inputName).message}\n`;
  const hidden = validator.total - validator.violations.length;
  if (hidden > 0) out += `${inputName}: ${hidden} more violations not shown\n`;
  out += `${inputName}: ${validator.total} grammar violation${validator.total === 1 ? '' : 's'} in ${validator.objects} objects\n`;
  return out;
}
