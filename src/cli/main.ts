#!/usr/bin/env node
/**
 * The `gogrid-codec` command: wiring only. The first argument may name a command from
 * {@link COMMANDS}; anything else is the default command, `convert`. Data goes to stdout (or
 * `-o`), diagnostics to stderr as `FILE:LINE:COL: CODE message`; exit 0 on success, 1 for bad
 * input or an I/O error, 2 for bad usage; a handled signal ends it by that signal.
 */
import { readFileSync } from 'node:fs';
import { type CommandArgs, parseCommand, UsageError } from './args.js';
import { runConvert } from './convert.js';
import { HELP } from './help.js';
import { USAGE } from './report.js';
import { trapSignals } from './signals.js';
import { runValidate } from './validate.js';
import type { CommandIo } from './call.js';

/** One subcommand: its arguments (after its name) in, an exit status out. */
type Command = (argv: readonly string[]) => Promise<number>;

/** Runs a convert-style command: help and version first, then the command with its signals trapped. */
function command(name: 'convert' | 'validate', run: (args: CommandArgs) => Promise<number>): Command {
  return async (argv) => {
    const args = parseCommand(name, argv);
    if (args.show === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (args.show === 'version') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const untrap = trapSignals();
    try {
      return await run(args);
    } finally {
      untrap();
    }
  };
}

/**
 * Runs a client-side command (`call`, `serve`): it parses its own arguments and stops cleanly
 * when INT or TERM aborts its signal. Loaded on first use, so converting never loads the client.
 */
function clientCommand(load: () => Promise<(argv: string[], io: CommandIo) => Promise<number>>): Command {
  return async (argv) => {
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      return await (await load())([...argv], { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal });
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  };
}

/** The subcommands, by the name that selects them as the first argument. */
const COMMANDS: Readonly<Record<string, Command>> = {
  convert: command('convert', runConvert),
  validate: command('validate', runValidate),
  call: clientCommand(async () => (await import('./call.js')).callCommand),
  serve: clientCommand(async () => (await import('./serve.js')).serveCommand),
};
const DEFAULT_COMMAND = 'convert';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: readonly string[]): Promise<number> {
  const first = argv[0];
  const named = first !== undefined && Object.hasOwn(COMMANDS, first);
  const run = COMMANDS[named ? (first as string) : DEFAULT_COMMAND] as Command;
  try {
    return await run(named ? argv.slice(1) : argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`gogrid-codec: ${e.message}\nTry 'gogrid-codec --help'.\n`);
    return USAGE;
  }
}

// exitCode, not process.exit(): stdout must drain first.
process.exitCode = await main(process.argv.slice(2));
