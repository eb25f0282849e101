/**
 * The signals that end a conversion early (Ctrl-C, `kill`, a closed terminal or dropped ssh
 * session): each runs the registered clean-ups (temporary output, spill folders) and then
 * ends the process by the same signal, so the exit status says which one it was (128 + its
 * number in a shell).
 */
import { removeSpillFiles } from '../spool-file.js';

/** The signals handled: INT (Ctrl-C), TERM (`kill`), HUP (the terminal went away). */
export const HANDLED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const cleanups = new Set<() => void>();

/**
 * Registers a synchronous clean-up to run if a handled signal arrives.
 * @param cleanup - removes what the command made; must not throw.
 * @returns a function that unregisters it (call it once the thing is committed or removed).
 * @example
 * ```ts
 * const forget = onSignalCleanup(() => rmSync(temporary, { force: true }));
 * // … rename the temporary file into place …
 * forget();
 * ```
 */
export function onSignalCleanup(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function handle(signal: NodeJS.Signals): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort while exiting: the other clean-ups still run.
    }
  }
  cleanups.clear();
  removeSpillFiles();
  for (const s of HANDLED_SIGNALS) process.removeListener(s, handle);
  // With no listener left, the default action applies: the process ends by this signal.
  process.kill(process.pid, signal);
}

/**
 * Installs the handlers for {@link HANDLED_SIGNALS}.
 * @returns a function that removes them again.
 * @example
 * ```ts
 * const untrap = trapSignals();
 * try { await work(); } finally { untrap(); }
 * ```
 */
export function trapSignals(): () => void {
  for (const s of HANDLED_SIGNALS) process.on(s, handle);
  return () => {
    for (const s of HANDLED_SIGNALS) process.removeListener(s, handle);
  };
}
