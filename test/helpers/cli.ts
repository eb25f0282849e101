/**
 * Test helper: runs the built command line as a separate process, the way users run it.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** The built command (`bin` in package.json). */
export const CLI = join(repoRoot, 'dist', 'src', 'cli', 'main.js');

/** What a finished run gave. */
export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `gogrid-codec ARGS` to completion.
 * @param args - the arguments.
 * @param input - standard input (closed empty when omitted).
 * @param options - extra spawn options (`env` is merged into the test's own environment).
 * @returns the status, signal and both outputs as text.
 */
export function cli(args: readonly string[], input?: string | Buffer, options: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 60_000,
    ...options,
    env: { ...process.env, ...(options.env ?? {}) },
  });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * Quotes a word for `sh -c`.
 * @param word - any text.
 * @returns it in single quotes.
 */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
