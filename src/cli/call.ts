/**
 * `gogrid-codec call METHOD [name=value …]`: signs a GoGrid call, sends it, and writes the
 * response converted to `--to` on stdout as it arrives. Wiring around `createClient` and
 * `encodeEvents`, nothing more.
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createClient, type GoGridClient } from '../client/client.js';
import { type CallParams, methodPath } from '../client/url.js';
import { encodeEvents } from '../encode.js';
import { CodecError } from '../errors.js';
import { ApiFailure } from '../failure.js';
import type { OutputFormat } from '../options.js';
import type { CodecEvent } from '../tree/events.js';
import type { EnvelopeHead } from '../tree/types.js';
import { readCredentials } from './credentials.js';

/** What a subcommand reads and writes: injectable, so tests can run it in-process. */
export interface CommandIo {
  /** Where data goes. */
  stdout: NodeJS.WritableStream;
  /** Where diagnostics go. */
  stderr: NodeJS.WritableStream;
  /** The environment (credentials, `HOME`). */
  env: NodeJS.ProcessEnv;
  /** Stops the command (the CLI wires SIGINT and SIGTERM to it). */
  signal?: AbortSignal;
}

const CALL_HELP = `Usage: gogrid-codec call METHOD [name=value ...] [options]

Signs a GoGrid API call, sends it, and writes the response on standard output,
converted to --to as it arrives. METHOD is grid/server/list, /grid/server/get or
grid.server.get; repeat a name for several values (id=1 id=2).

Credentials: GOGRID_API_KEY and GOGRID_SHARED_SECRET, else ~/.ggrc holding
key:secret. The secret is never taken from the command line (ps shows it).

Options:
  -t, --to FORMAT       json (default), xml, csv or ndjson
      --all-pages       follow num_items/page until every object came
      --num-items N     objects per page with --all-pages (default 100)
      --endpoint URL    API base URL (default $GOGRID_ENDPOINT, else
                        https://api.gogrid.com/api)
      --api-version V   the v parameter (default 1.9)
      --timeout MS      longest wait for the answer and between its pieces (default 30000)
      --retries N       retries of list/get calls after 500, 503 or a lost
                        connection (default 2; never for add/edit/delete/power)
  -h, --help            show this help

Exit status: 0 success, 1 the API answered with a failure (errorcode: message on
stderr) or the answer was unreadable, 2 bad usage or no credentials.
`;

const FAILED = 1;
const USAGE = 2;

class UsageError extends Error {}

interface CallArgs {
  method: string;
  params: Record<string, string[]>;
  to: OutputFormat;
  allPages: boolean;
  numItems: number;
  endpoint: string | undefined;
  version: string | undefined;
  timeoutMs: number | undefined;
  retries: number | undefined;
}

function parse(argv: string[]): CallArgs | 'help' {
  for (const a of argv) {
    if (/^--(secret|shared-secret|api-secret|key|api-key)(=|$)/.test(a)) {
      throw new UsageError(`${a.split('=')[0] ?? a} is not taken: the command line shows in ps; set GOGRID_API_KEY and GOGRID_SHARED_SECRET, or write key:secret to ~/.ggrc`);
    }
  }
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        to: { type: 'string', short: 't' },
        'all-pages': { type: 'boolean' },
        'num-items': { type: 'string' },
        endpoint: { type: 'string' },
        'api-version': { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help === true) return 'help';
  const [method, ...rest] = positionals;
  if (method === undefined) throw new UsageError('METHOD is required, e.g. gogrid-codec call grid/server/list');
  const params: Record<string, string[]> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`a parameter is name=value (got ${JSON.stringify(p)})`);
    const name = p.slice(0, eq);
    if (['api_key', 'sig', 'secret', 'v', 'format'].includes(name)) throw new UsageError(`${name} is set by the command, not as a parameter`);
    (params[name] ??= []).push(p.slice(eq + 1));
  }
  const to = values.to ?? 'json';
  if (!['json', 'xml', 'csv', 'ndjson'].includes(to)) throw new UsageError(`--to must be json, xml, csv or ndjson (got ${JSON.stringify(to)})`);
  const numItems = integer(values['num-items'], '--num-items', 1) ?? 100;
  if (values['all-pages'] !== true && values['num-items'] !== undefined) throw new UsageError('--num-items goes with --all-pages (for one page, give num_items=N page=P)');
  if (values['all-pages'] === true && (params['num_items'] !== undefined || params['page'] !== undefined)) throw new UsageError('--all-pages sets num_items and page itself');
  return {
    method,
    params,
    to: to as OutputFormat,
    allPages: values['all-pages'] === true,
    numItems,
    endpoint: values.endpoint,
    version: values['api-version'],
    timeoutMs: integer(values.timeout, '--timeout', 1),
    retries: integer(values.retries, '--retries', 0),
  };
}

function integer(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${name} must be an integer of at least ${min} (got ${JSON.stringify(text)})`);
  return Number(text);
}

/**
 * Runs `gogrid-codec call`.
 *
 * @param argv - the arguments after `call`.
 * @param io - stdout, stderr, the environment and an optional stop signal.
 * @returns the exit code: 0 success, 1 an API failure or an unreadable answer, 2 bad usage.
 * @example
 * ```ts
 * process.exitCode = await callCommand(['grid/server/list', '--to', 'csv'], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function callCommand(argv: string[], io: CommandIo): Promise<number> {
  let args: CallArgs | 'help';
  let client: GoGridClient;
  try {
    args = parse(argv);
    if (args === 'help') {
      io.stdout.write(CALL_HELP);
      return 0;
    }
    const credentials = readCredentials(io.env);
    if (credentials === undefined) throw new UsageError('no credentials: set GOGRID_API_KEY and GOGRID_SHARED_SECRET, or write key:secret to ~/.ggrc');
    const endpoint = args.endpoint ?? (io.env['GOGRID_ENDPOINT'] || undefined);
    client = createClient({
      apiKey: credentials.apiKey,
      secret: credentials.secret,
      // XML puts the envelope first, so objects can be passed on as they arrive, whatever --to is.
      format: 'xml',
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(args.version === undefined ? {} : { version: args.version }),
      ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
      ...(args.retries === undefined ? {} : { retries: args.retries }),
    });
  } catch (e) {
    const message = e instanceof CodecError ? e.detail : (e as Error).message;
    io.stderr.write(`gogrid-codec call: ${message}\nTry 'gogrid-codec call --help'.\n`);
    return USAGE;
  }
  // The reader may go away (`| head`): stop the call quietly, as the converter does.
  const stop = new AbortController();
  let readerGone = false;
  const onOutputError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE') readerGone = true;
    stop.abort(e);
  };
  io.stdout.on('error', onOutputError);
  const onAbort = (): void => stop.abort(io.signal?.reason);
  if (io.signal?.aborted === true) onAbort();
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = stop.signal;
  const events = args.allPages ? allPageEvents(client, args, signal) : client.events(args.method, args.params as CallParams, { signal });
  try {
    for await (const text of encodeEvents(events, { format: args.to, signal })) {
      if (!io.stdout.write(text)) await once(io.stdout, 'drain', { signal }).catch(() => undefined);
      if (signal.aborted) break;
    }
    if (readerGone) return 0;
    if (signal.aborted) throw signal.reason;
    return 0;
  } catch (e) {
    if (readerGone) return 0;
    if (e instanceof ApiFailure) {
      io.stderr.write(`${e.errorcode ?? 'failure'}: ${e.apiMessage}\n`);
      return FAILED;
    }
    if (e instanceof CodecError) {
      io.stderr.write(`gogrid-codec call: ${e.message}\n`);
      return FAILED;
    }
    if (io.signal?.aborted === true) {
      io.stderr.write('gogrid-codec call: interrupted\n');
      return FAILED;
    }
    if (signal.aborted) {
      io.stderr.write(`gogrid-codec call: cannot write the output: ${(e as Error).message}\n`);
      return FAILED;
    }
    throw e;
  } finally {
    io.stdout.off('error', onOutputError);
    io.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * One envelope for every page: the first page's status and method at the start, then every
 * object of every page, then a final head whose summary counts them all.
 */
async function* allPageEvents(client: GoGridClient, args: CallArgs, signal: AbortSignal): AsyncGenerator<CodecEvent, void, undefined> {
  const options = { numItems: args.numItems, signal };
  let head: EnvelopeHead | undefined;
  let count = 0;
  for await (const object of client.allPages(args.method, args.params as CallParams, options)) {
    if (head === undefined) {
      head = { status: 'success', method: methodPath(args.method) };
      yield { type: 'envelope', head, final: false };
    }
    count++;
    yield { type: 'object', object };
  }
  head ??= { status: 'success', method: methodPath(args.method) };
  if (count === 0) yield { type: 'envelope', head, final: false };
  yield { type: 'envelope', head: { ...head, summary: { total: count, start: 0, returned: count } }, final: true };
  yield { type: 'end' };
}
