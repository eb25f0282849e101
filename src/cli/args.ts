/**
 * The command line's options: read with `node:util`'s `parseArgs`, then handed to the library's
 * one option normaliser, whose `OPTION_INVALID` becomes a usage error (exit 2). Formats, indent
 * and order are not checked here a second time.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CodecError } from '../errors.js';
import { grammars } from '../grammar/grammars.js';
import { availableParallelism } from 'node:os';
import { type DecodeOptions, type EncodeOptions, type InputFormat, normalizeDecodeOptions, normalizeEncodeOptions } from '../options.js';
import { decodeOptionsFor, type InputFlags } from './input-format.js';

/**
 * Bad usage: the message is shown after `gogrid-codec: `, and the exit status is 2.
 * @example
 * ```ts
 * throw new UsageError('one input file at most (got 2: a b)');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What the convert and validate commands were asked. */
export interface CommandArgs {
  /** `help` or `version` when `-h` or `-V` was given: nothing else is done. */
  readonly show: 'help' | 'version' | undefined;
  /** The input file; `undefined` for standard input (also for `-`). The first of {@link CommandArgs.files}. */
  readonly file: string | undefined;
  /** Every FILE given (files and, with `--out-dir`, directories), in order; empty for standard input. */
  readonly files: readonly string[];
  /** Options for the decoder of {@link CommandArgs.file} (already checked). */
  readonly decode: DecodeOptions;
  /** The input flags, to work out each file's decoder options in a batch ({@link decodeOptionsFor}). */
  readonly input: InputFlags;
  /** `--out-dir`: convert every FILE into this directory. */
  readonly outDir: string | undefined;
  /** `--jobs`: conversions at once with `--out-dir` (default: the number of cores). */
  readonly jobs: number;
  /** Options for the encoder, without `format` (already normalised); empty for `validate`. */
  readonly encode: Omit<EncodeOptions, 'format'>;
  /** The output format (convert). */
  readonly to: EncodeOptions['format'] | undefined;
  /** The `-o` target; `-` is standard output. */
  readonly output: string | undefined;
  /** Check every object against the grammars. */
  readonly validate: boolean;
  /** `--progress` (`true`), `--no-progress` (`false`), or neither. */
  readonly progress: boolean | undefined;
}

const OPTIONS = {
  from: { type: 'string', short: 'f' },
  to: { type: 'string', short: 't' },
  output: { type: 'string', short: 'o' },
  indent: { type: 'string' },
  compact: { type: 'boolean' },
  validate: { type: 'boolean' },
  type: { type: 'string' },
  order: { type: 'string' },
  'csv-safe': { type: 'boolean' },
  'xml-declaration': { type: 'boolean' },
  'no-envelope': { type: 'boolean' },
  plain: { type: 'boolean' },
  method: { type: 'string' },
  'out-dir': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies ParseArgsConfig['options'];

/** Options that only make sense when something is written. */
const WRITING_OPTIONS: readonly (keyof typeof OPTIONS)[] = ['to', 'output', 'indent', 'compact', 'order', 'csv-safe', 'xml-declaration', 'out-dir', 'jobs'];

/** The library option each flag feeds, to name the flag in a usage error. */
const FLAGS: Readonly<Record<string, string>> = { indent: '--indent', order: '--order', type: '--type', method: '--method', plain: '--plain', noEnvelope: '--no-envelope' };

/**
 * Reads the arguments of `convert` (the default command) or `validate`.
 * @param command - which command they are for.
 * @param argv - the arguments after the command name.
 * @returns what was asked.
 * @throws UsageError for unknown options, contradictions, options the command does not take,
 *   and every `OPTION_INVALID` from the option normaliser.
 * @example
 * ```ts
 * parseCommand('convert', ['--to', 'csv', 'servers.xml']).to; // 'csv'
 * parseCommand('validate', ['-o', 'x']); // throws UsageError: validate writes nothing: -o/--output …
 * ```
 */
export function parseCommand(command: 'convert' | 'validate', argv: readonly string[]): CommandArgs {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: OPTIONS }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const show = values.help === true ? 'help' : values.version === true ? 'version' : undefined;
  if (command === 'validate') {
    for (const name of WRITING_OPTIONS) {
      if (values[name] !== undefined) throw new UsageError(`validate writes nothing: ${flag(name)} is for converting (gogrid-codec --to FORMAT --validate …)`);
    }
  }
  if (show === undefined && command === 'convert' && values.to === undefined) throw new UsageError('--to is required (json, xml, csv or ndjson)');
  const outDir = values['out-dir'];
  if (outDir !== undefined) {
    if (values.output !== undefined) throw new UsageError('--out-dir and -o/--output contradict each other: --out-dir names one output per input');
    if (positionals.length === 0 || positionals.includes('-')) throw new UsageError('--out-dir converts files and directories named as arguments, not standard input');
  } else {
    if (values.jobs !== undefined) throw new UsageError('--jobs is for --out-dir (gogrid-codec --to FORMAT --out-dir DIR --jobs N FILE…)');
    if (command === 'validate' && positionals.length > 1) throw new UsageError(`validate reads one input file at most (got ${positionals.length}: ${positionals.join(' ')})`);
    if (command === 'convert' && positionals.length > 1 && values.to !== 'ndjson') {
      throw new UsageError(`several inputs make one output only as --to ndjson; for other formats give --out-dir DIR (got ${positionals.length}: ${positionals.join(' ')})`);
    }
    if (positionals.length > 1 && positionals.includes('-')) throw new UsageError('standard input (-) cannot be one of several inputs');
  }
  let jobs = availableParallelism();
  if (values.jobs !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(values.jobs)) throw new UsageError(`--jobs must be a whole number from 1 to 9999 (got ${JSON.stringify(values.jobs)})`);
    jobs = Number(values.jobs);
  }
  if (values.progress === true && values['no-progress'] === true) throw new UsageError('--progress and --no-progress contradict each other');
  // parseArgs keeps repeated strings as the last one; digits become a number, anything else is
  // passed on as text for the normaliser to refuse, quoting it.
  let indent: number | string | undefined = values.indent === undefined ? undefined : /^\d+$/.test(values.indent) ? Number(values.indent) : values.indent;
  if (values.compact === true) {
    if (indent !== undefined && indent !== 0) throw new UsageError('--compact and --indent contradict each other');
    indent = 0;
  }
  const type = values.type;
  if (type !== undefined && !grammars().types.has(type)) {
    throw new UsageError(`--type must be a type the grammars know: ${[...grammars().types.keys()].sort().join(', ')} (got ${JSON.stringify(type)})`);
  }

  const from = values.from as InputFormat | undefined;
  const plain = values.plain === true;
  const noEnvelope = values['no-envelope'] === true;
  if (plain && from !== 'csv' && values.to !== 'csv') throw new UsageError('--plain is for --to csv (write plain CSV) or --from csv (read it)');
  if (command === 'validate' && noEnvelope && from !== 'ndjson' && !(positionals.length > 0 && positionals.every((f) => /\.(ndjson|jsonl)$/i.test(f)))) {
    throw new UsageError('validate writes nothing: --no-envelope is for NDJSON input (--from ndjson) or NDJSON output');
  }
  const input: InputFlags = { from, type, noEnvelope, plain, method: values.method };
  const first = positionals[0] === '-' ? undefined : positionals[0];
  const decode: Record<string, unknown> = { ...decodeOptionsFor(input, first) };
  const several = outDir !== undefined || positionals.length > 1;
  const methodApplies = several ? noEnvelope || (plain && from === 'csv') : decode['plain'] === true || decode['noEnvelope'] === true;
  if (values.method !== undefined && !methodApplies) {
    throw new UsageError('--method names the method of an input without envelope: --from csv --plain, or NDJSON (--from ndjson or *.ndjson/*.jsonl) with --no-envelope');
  }
  const encode: Record<string, unknown> = {};
  if (command === 'convert') {
    if (indent !== undefined) encode['indent'] = indent;
    if (values.order !== undefined) encode['order'] = values.order;
    if (type !== undefined) encode['type'] = type;
    if (values['csv-safe'] === true) encode['spreadsheetSafe'] = true;
    if (values['xml-declaration'] === true) encode['declaration'] = true;
    if (noEnvelope) encode['noEnvelope'] = true;
    if (plain) encode['plain'] = true;
  }
  if (show === undefined) {
    normalized(() => normalizeDecodeOptions(decode as DecodeOptions), '--from');
    if (command === 'convert') normalized(() => normalizeEncodeOptions({ ...encode, format: values.to } as EncodeOptions), '--to');
  }
  return {
    show,
    file: first,
    files: positionals.length === 1 && positionals[0] === '-' ? [] : positionals,
    decode: decode as DecodeOptions,
    input,
    outDir,
    jobs,
    encode: encode as Omit<EncodeOptions, 'format'>,
    to: values.to as EncodeOptions['format'] | undefined,
    output: values.output,
    validate: values.validate === true || command === 'validate',
    progress: values.progress === true ? true : values['no-progress'] === true ? false : undefined,
  };
}

function flag(name: string): string {
  const short = (OPTIONS as Record<string, { short?: string }>)[name]?.short;
  return short === undefined ? `--${name}` : `-${short}/--${name}`;
}

/** Runs the normaliser; its `OPTION_INVALID` becomes a usage error naming the flag. */
function normalized(check: () => unknown, formatFlag: string): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof CodecError) || e.code !== 'OPTION_INVALID') throw e;
    const option = e.detail.split(' ')[0] ?? '';
    throw new UsageError(`${option === 'format' ? formatFlag : (FLAGS[option] ?? option)}: ${e.detail}`);
  }
}
