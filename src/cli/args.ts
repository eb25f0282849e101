/**
 * The command line's options: read with `node:util`'s `parseArgs`, then handed to the library's
 * one option normaliser, whose `OPTION_INVALID` becomes a usage error (exit 2). Formats, indent
 * and order are not checked here a second time.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CodecError } from '../errors.js';
import { grammars } from '../grammar/grammars.js';
import { type DecodeOptions, type EncodeOptions, normalizeDecodeOptions, normalizeEncodeOptions } from '../options.js';

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
  /** The input file; `undefined` for standard input (also for `-`). */
  readonly file: string | undefined;
  /** Options for the decoder (already normalised). */
  readonly decode: DecodeOptions;
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
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies ParseArgsConfig['options'];

/** Options that only make sense when something is written. */
const WRITING_OPTIONS: readonly (keyof typeof OPTIONS)[] = ['to', 'output', 'indent', 'compact', 'order', 'csv-safe', 'xml-declaration', 'no-envelope'];

/** The library option each flag feeds, to name the flag in a usage error. */
const FLAGS: Readonly<Record<string, string>> = { indent: '--indent', order: '--order', type: '--type' };

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
  if (positionals.length > 1) throw new UsageError(`one input file at most (got ${positionals.length}: ${positionals.join(' ')})`);
  if (show === undefined && command === 'convert' && values.to === undefined) throw new UsageError('--to is required (json, xml, csv or ndjson)');
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

  const decode: Record<string, unknown> = {};
  if (values.from !== undefined) decode['format'] = values.from;
  if (type !== undefined) decode['type'] = type;
  const encode: Record<string, unknown> = {};
  if (command === 'convert') {
    if (indent !== undefined) encode['indent'] = indent;
    if (values.order !== undefined) encode['order'] = values.order;
    if (type !== undefined) encode['type'] = type;
    if (values['csv-safe'] === true) encode['spreadsheetSafe'] = true;
    if (values['xml-declaration'] === true) encode['declaration'] = true;
    if (values['no-envelope'] === true) encode['noEnvelope'] = true;
  }
  if (show === undefined) {
    normalized(() => normalizeDecodeOptions(decode as DecodeOptions), '--from');
    if (command === 'convert') normalized(() => normalizeEncodeOptions({ ...encode, format: values.to } as EncodeOptions), '--to');
  }
  const file = positionals[0] === '-' ? undefined : positionals[0];
  return {
    show,
    file,
    decode: decode as DecodeOptions,
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
