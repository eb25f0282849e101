#!/usr/bin/env node
/**
 * The `gogrid-codec` command: wiring around the public API, nothing more. Data goes to stdout,
 * diagnostics to stderr as `FILE:LINE:COL: CODE message`; exit 0 on success, 1 for bad input,
 * 2 for bad usage.
 */
import { createReadStream, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import {
  CodecError,
  type CodecEvent,
  convert,
  type ConvertOptions,
  decodeEvents,
  type Format,
  methodType,
  type OutputFormat,
  removeSpillFiles,
  validateHead,
  validateObject,
} from './index.js';

const HELP = `Usage: gogrid-codec [--from FORMAT] --to FORMAT [options] [FILE]
       gogrid-codec validate [--from FORMAT] [--type T] [FILE]
       gogrid-codec call METHOD [name=value ...] [--to FORMAT]   (see call --help)
       gogrid-codec serve [--port N]                             (see serve --help)

Converts a GoGrid API response (JSON, XML or CSV) read from FILE or standard input,
and writes it to standard output in another format. Memory stays bounded whatever
the size of the input.

Formats: json, xml, csv, and for --to also ndjson (one object per line).

Options:
  -f, --from FORMAT     input format; sniffed from the first character when omitted
                        (< XML, { or [ JSON, # CSV)
  -t, --to FORMAT       output format (required unless the command is validate)
  -o, --output FILE     write FILE instead of stdout; written beside it under a
                        temporary name and renamed on success, so a failed
                        conversion never leaves a partial file
      --indent N        spaces per level (JSON default 0, XML default 2)
      --compact         same as --indent 0
      --validate        check every object against the grammars; exit 1 listing
                        every violation (with -o, no file is written)
      --type T          CSV: the type of the objects when the method is unknown
      --csv-safe        CSV output: prefix cells a spreadsheet would run as a
                        formula (= + - @ TAB CR) with ' (not reversible)
      --xml-declaration XML output: start with <?xml version="1.0" encoding="UTF-8"?>
      --no-envelope     NDJSON output: leave out the envelope line
      --progress        show a progress bar on stderr (default: when stderr is a
                        terminal and FILE is a regular file)
      --no-progress     never show it
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 success, 1 bad input (or validation failure), 2 bad usage.

Examples:
  gogrid-codec --to json corpus/grid.server.get/001-server-get.xml | jq '.list[0].ip'
  curl -s "$URL&format=xml" | gogrid-codec --to csv > servers.csv
  gogrid-codec --to ndjson servers.csv | jq -c 'select(.state.name == "On")'
  gogrid-codec --to xml --validate -o servers.xml servers.json
  gogrid-codec validate servers.json
`;

const USAGE = 2;
const BAD_INPUT = 1;

class UsageError extends Error {}

interface Parsed {
  command: 'convert' | 'validate' | 'help' | 'version';
  file: string | undefined;
  from: Format | undefined;
  to: OutputFormat | undefined;
  output: string | undefined;
  indent: number | undefined;
  validate: boolean;
  type: string | undefined;
  csvSafe: boolean;
  declaration: boolean;
  noEnvelope: boolean;
  progress: boolean | undefined;
}

function parse(argv: string[]): Parsed {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        from: { type: 'string', short: 'f' },
        to: { type: 'string', short: 't' },
        output: { type: 'string', short: 'o' },
        indent: { type: 'string' },
        compact: { type: 'boolean' },
        validate: { type: 'boolean' },
        type: { type: 'string' },
        'csv-safe': { type: 'boolean' },
        'xml-declaration': { type: 'boolean' },
        'no-envelope': { type: 'boolean' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let command: Parsed['command'] = 'convert';
  if (positionals[0] === 'validate') {
    command = 'validate';
    positionals = positionals.slice(1);
  }
  if (values.help === true) command = 'help';
  else if (values.version === true) command = 'version';
  if (positionals.length > 1) throw new UsageError(`one input file at most (got ${positionals.length}: ${positionals.join(' ')})`);
  const from = values.from;
  if (from !== undefined && !['json', 'xml', 'csv'].includes(from)) throw new UsageError(`--from must be json, xml or csv (got ${JSON.stringify(from)})`);
  const to = values.to;
  if (to !== undefined && !['json', 'xml', 'csv', 'ndjson'].includes(to)) throw new UsageError(`--to must be json, xml, csv or ndjson (got ${JSON.stringify(to)})`);
  if (command === 'convert' && to === undefined) throw new UsageError('--to is required (json, xml, csv or ndjson)');
  let indent: number | undefined;
  if (values.indent !== undefined) {
    indent = Number(values.indent);
    if (!/^\d+$/.test(values.indent) || indent > 16) throw new UsageError(`--indent must be an integer from 0 to 16 (got ${JSON.stringify(values.indent)})`);
  }
  if (values.compact === true) {
    if (indent !== undefined && indent !== 0) throw new UsageError('--compact and --indent contradict each other');
    indent = 0;
  }
  if (values.progress === true && values['no-progress'] === true) throw new UsageError('--progress and --no-progress contradict each other');
  const file = positionals[0] === '-' ? undefined : positionals[0];
  return {
    command,
    file,
    from: from as Format | undefined,
    to: to as OutputFormat | undefined,
    output: values.output,
    indent,
    validate: values.validate === true || command === 'validate',
    type: values.type,
    csvSafe: values['csv-safe'] === true,
    declaration: values['xml-declaration'] === true,
    noEnvelope: values['no-envelope'] === true,
    progress: values.progress === true ? true : values['no-progress'] === true ? false : undefined,
  };
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Checks every object against the grammars as it passes; keeps the first violations. */
class Validator {
  readonly violations: CodecError[] = [];
  total = 0;
  objects = 0;
  private listed: string | undefined;

  constructor(private readonly type: string | undefined) {}

  see(event: CodecEvent): void {
    if (event.type === 'envelope') {
      this.listed = this.type ?? methodType(event.head.method);
      if (event.final) this.add(validateHead(event.head));
    } else if (event.type === 'object') {
      this.add(validateObject(event.object, this.listed, `/list/${this.objects}`));
      this.objects++;
    } else if (event.type === 'fragment') {
      this.add(validateObject(event.object, this.type, ''));
      this.objects++;
    }
  }

  private add(errors: CodecError[]): void {
    this.total += errors.length;
    for (const e of errors) if (this.violations.length < 1000) this.violations.push(e);
  }
}

/** A progress bar on stderr: bytes read of the file's size. */
class Progress {
  private read = 0;
  private last = 0;
  private readonly started = Date.now();

  constructor(private readonly size: number) {}

  tick(bytes: number): void {
    this.read += bytes;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const fraction = this.size === 0 ? 1 : Math.min(1, this.read / this.size);
    const width = 30;
    const filled = Math.round(fraction * width);
    const mb = this.read / 1e6;
    const rate = mb / Math.max(0.001, (now - this.started) / 1000);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${mb.toFixed(1)} MB ${rate.toFixed(1)} MB/s`);
  }

  clear(): void {
    process.stderr.write('\r\x1b[K');
  }
}

async function* counted(source: AsyncIterable<Buffer>, progress: Progress | undefined): AsyncGenerator<Buffer, void, undefined> {
  for await (const chunk of source) {
    progress?.tick(chunk.length);
    yield chunk;
  }
}

/** Writes to stdout or a file with backpressure; remembers when the reader went away (EPIPE). */
class Sink {
  closed = false;
  private failure: Error | undefined;

  private constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly file: Awaited<ReturnType<typeof open>> | undefined,
  ) {
    // Only stdout can lose its reader; a file's errors come back from its writes.
    if (file === undefined) {
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') this.closed = true;
        else this.failure = e;
      });
    }
  }

  static stdout(): Sink {
    return new Sink(process.stdout, undefined);
  }

  static async file(path: string): Promise<Sink> {
    const handle = await open(path, 'w');
    return new Sink(process.stdout, handle);
  }

  async write(text: string): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.closed) return;
    if (this.file !== undefined) {
      await this.file.write(text);
      return;
    }
    if (!this.stream.write(text)) {
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error').catch(() => undefined), once(this.stream, 'close')]);
    }
  }

  async close(): Promise<void> {
    if (this.file !== undefined) {
      await this.file.sync().catch(() => undefined);
      await this.file.close();
    }
  }
}

function report(error: unknown, name: string): number {
  if (error instanceof CodecError) {
    process.stderr.write(`${error.withFile(name).message}\n`);
    return BAD_INPUT;
  }
  const e = error as NodeJS.ErrnoException;
  if (e !== null && typeof e === 'object' && typeof e.code === 'string' && typeof e.syscall === 'string') {
    process.stderr.write(`${name}: ${e.message}\n`);
    return BAD_INPUT;
  }
  throw error;
}

async function run(args: Parsed): Promise<number> {
  const name = args.file ?? '<stdin>';
  let size: number | undefined;
  if (args.file !== undefined) {
    try {
      const stat = statSync(args.file);
      if (stat.isFile()) size = stat.size;
    } catch (e) {
      return report(e, name);
    }
  }
  const showProgress = args.progress ?? (process.stderr.isTTY === true && size !== undefined);
  const progress = showProgress && size !== undefined ? new Progress(size) : undefined;
  const input = args.file === undefined ? process.stdin : createReadStream(args.file, { highWaterMark: 1 << 16 });
  const source = counted(input as AsyncIterable<Buffer>, progress);
  const validator = args.validate ? new Validator(args.type) : undefined;
  const abort = new AbortController();

  const temporary = args.output === undefined ? undefined : join(dirname(args.output), `.${basename(args.output)}.${process.pid}.tmp`);
  if (temporary !== undefined) cleanups.add(() => rmSync(temporary, { force: true }));
  let sink: Sink | undefined;
  try {
    if (args.command === 'validate') {
      for await (const event of decodeEvents(source, { ...(args.from === undefined ? {} : { format: args.from }), ...(args.type === undefined ? {} : { type: args.type }) })) {
        validator?.see(event);
      }
    } else {
      sink = temporary === undefined ? Sink.stdout() : await Sink.file(temporary);
      const options: ConvertOptions = { to: args.to as OutputFormat, signal: abort.signal, spreadsheetSafe: args.csvSafe, declaration: args.declaration, noEnvelope: args.noEnvelope };
      if (args.from !== undefined) options.from = args.from;
      if (args.indent !== undefined) options.indent = args.indent;
      if (args.type !== undefined) options.type = args.type;
      if (validator !== undefined) options.tap = (e) => validator.see(e);
      for await (const text of convert(source, options)) {
        await sink.write(text);
        if (sink.closed) {
          // The reader went away (`| head`): stop quietly.
          abort.abort();
          input.destroy();
          break;
        }
      }
      await sink.close();
    }
    progress?.clear();
    if (validator !== undefined && validator.total > 0) {
      for (const v of validator.violations) process.stderr.write(`${v.withFile(name).message}\n`);
      if (validator.total > validator.violations.length) process.stderr.write(`${name}: ${validator.total - validator.violations.length} more violations not shown\n`);
      process.stderr.write(`${name}: ${validator.total} grammar violation${validator.total === 1 ? '' : 's'} in ${validator.objects} objects\n`);
      return BAD_INPUT;
    }
    if (temporary !== undefined && args.output !== undefined) renameSync(temporary, args.output);
    if (args.command === 'validate') process.stderr.write(`${name}: valid (${validator?.objects ?? 0} objects)\n`);
    return 0;
  } catch (e) {
    progress?.clear();
    await sink?.close().catch(() => undefined);
    if (sink?.closed === true) return 0;
    return report(e, name);
  } finally {
    if (temporary !== undefined) rmSync(temporary, { force: true });
    input.destroy();
  }
}

const cleanups = new Set<() => void>();

function onInterrupt(signal: NodeJS.Signals): void {
  for (const cleanup of cleanups) cleanup();
  removeSpillFiles();
  process.removeListener(signal, onInterrupt);
  process.kill(process.pid, signal);
}

async function main(): Promise<void> {
  let args: Parsed;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`gogrid-codec: ${e.message}\nTry 'gogrid-codec --help'.\n`);
    process.exitCode = USAGE;
    return;
  }
  if (args.command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (args.command === 'version') {
    process.stdout.write(`${version()}\n`);
    return;
  }
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  process.exitCode = await run(args);
  process.removeListener('SIGINT', onInterrupt);
  process.removeListener('SIGTERM', onInterrupt);
}

/**
 * The `call` and `serve` subcommands. A minimal dispatch until the subcommand table of
 * `src/cli/main.ts` takes them over.
 */
async function subcommand(name: 'call' | 'serve'): Promise<void> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal };
  const argv = process.argv.slice(3);
  process.exitCode = name === 'call' ? await (await import('./cli/call.js')).callCommand(argv, io) : await (await import('./cli/serve.js')).serveCommand(argv, io);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
}

const first = process.argv[2];
if (first === 'call' || first === 'serve') await subcommand(first);
else await main();
