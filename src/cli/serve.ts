/**
 * `gogrid-codec serve`: the offline GoGrid on a loopback port, until interrupted. Prints the
 * endpoint URL on stdout (a line, so a script can read it), notices on stderr.
 */
import { parseArgs } from 'node:util';
import { type MockKeyOrder, type MockServerOptions, startMockServer } from '../mock/server.js';
import type { CommandIo } from './call.js';
import { readCredentials } from './credentials.js';

const SERVE_HELP = `Usage: gogrid-codec serve [options]

Runs an offline GoGrid API on 127.0.0.1 for testing clients: list, get, add,
edit, delete (and grid/server/power) over servers, IPs, load balancers, images,
jobs, passwords, lookups and billing, answered in json, xml or csv. Prints the
endpoint URL on standard output; stops on SIGINT or SIGTERM.

Calls must be signed with the key and secret from GOGRID_API_KEY and
GOGRID_SHARED_SECRET, else ~/.ggrc (key:secret), else mock-api-key and
mock-shared-secret.

Options:
      --host HOST         address to listen on (default 127.0.0.1)
  -p, --port N            port (default 0: a free one)
      --data DIR          seed from this folder of responses instead of the
                          bundled corpus (json, xml, csv files)
      --min-objects N     top every kind up to N generated objects (default 12)
      --key-order ORDER   JSON envelope order: list-first (default),
                          summary-first, sorted
      --clock-window S    seconds a signature's time may be off (default 600)
      --latency MS        wait before each answer
      --chunk-size N      write bodies N characters at a time
      --drop-after N      cut the connection after N characters of each body
      --error-rate R      answer this fraction (0 to 1) of calls with HTTP 500
      --seed N            seed of the --error-rate draw (default 1)
  -h, --help              show this help
`;

class UsageError extends Error {}

function number(text: string | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER, integer = true): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`} (got ${JSON.stringify(text)})`);
  }
  return n;
}

function parse(argv: string[]): MockServerOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string', short: 'p' },
        data: { type: 'string' },
        'min-objects': { type: 'string' },
        'key-order': { type: 'string' },
        'clock-window': { type: 'string' },
        latency: { type: 'string' },
        'chunk-size': { type: 'string' },
        'drop-after': { type: 'string' },
        'error-rate': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help === true) return 'help';
  const order = values['key-order'];
  if (order !== undefined && !['list-first', 'summary-first', 'sorted'].includes(order)) throw new UsageError(`--key-order must be list-first, summary-first or sorted (got ${JSON.stringify(order)})`);
  const options: MockServerOptions = {};
  const set = <K extends keyof MockServerOptions>(key: K, value: MockServerOptions[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set('host', values.host);
  set('port', number(values.port, '--port', 0, 65535));
  set('data', values.data);
  set('minimumPerKind', number(values['min-objects'], '--min-objects', 0));
  set('keyOrder', order as MockKeyOrder | undefined);
  set('clockWindowSeconds', number(values['clock-window'], '--clock-window', 0));
  set('seed', number(values.seed, '--seed', 0));
  const faults: NonNullable<MockServerOptions['faults']> = {};
  const latency = number(values.latency, '--latency', 0);
  const chunkSize = number(values['chunk-size'], '--chunk-size', 1);
  const dropAfter = number(values['drop-after'], '--drop-after', 0);
  const errorRate = number(values['error-rate'], '--error-rate', 0, 1, false);
  if (latency !== undefined) faults.latencyMs = latency;
  if (chunkSize !== undefined) faults.chunkSize = chunkSize;
  if (dropAfter !== undefined) faults.dropAfter = dropAfter;
  if (errorRate !== undefined) faults.errorRate = errorRate;
  options.faults = faults;
  return options;
}

/**
 * Runs `gogrid-codec serve` until `io.signal` aborts (the CLI aborts it on SIGINT or SIGTERM).
 *
 * @param argv - the arguments after `serve`.
 * @param io - stdout (the URL), stderr, the environment (credentials) and the stop signal.
 * @returns the exit code: 0 after a clean stop, 1 when the server cannot start, 2 bad usage.
 * @example
 * ```ts
 * const stop = new AbortController();
 * const done = serveCommand(['--port', '0'], { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal });
 * stop.abort(); await done; // 0
 * ```
 */
export async function serveCommand(argv: string[], io: CommandIo): Promise<number> {
  let options: MockServerOptions | 'help';
  try {
    options = parse(argv);
    if (options === 'help') {
      io.stdout.write(SERVE_HELP);
      return 0;
    }
    const credentials = readCredentials(io.env);
    if (credentials !== undefined) {
      options.apiKey = credentials.apiKey;
      options.secret = credentials.secret;
    }
  } catch (e) {
    io.stderr.write(`gogrid-codec serve: ${(e as Error).message}\nTry 'gogrid-codec serve --help'.\n`);
    return 2;
  }
  let mock;
  try {
    mock = await startMockServer(options);
  } catch (e) {
    io.stderr.write(`gogrid-codec serve: ${(e as Error).message}\n`);
    return 1;
  }
  io.stdout.write(`${mock.url}\n`);
  if (options.apiKey === undefined) io.stderr.write('gogrid-codec serve: no credentials found; calls must be signed with key mock-api-key and secret mock-shared-secret\n');
  const signal = io.signal;
  if (signal !== undefined && !signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await mock.close();
  return 0;
}
