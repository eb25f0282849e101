/**
 * Where the `call` and `serve` commands find the API key and shared secret: the environment
 * (`GOGRID_API_KEY`, `GOGRID_SHARED_SECRET`), else `~/.ggrc` holding `key:secret` (the
 * convention of a public GoGrid command-line client). Never the command line, where `ps`
 * would show the secret.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A key and its secret, and where they were found. */
export interface Credentials {
  /** The API key. */
  apiKey: string;
  /** The shared secret. */
  secret: string;
  /** `environment` or the path of the `.ggrc` read. */
  source: string;
}

/**
 * Finds the credentials.
 *
 * @param env - the environment (`HOME` locates `.ggrc`).
 * @returns the credentials, or `undefined` when neither source has them.
 * @throws Error when `.ggrc` exists but is not `key:secret`, or only one variable is set.
 * @example
 * ```ts
 * readCredentials({ GOGRID_API_KEY: 'k', GOGRID_SHARED_SECRET: 's' }); // { apiKey: 'k', secret: 's', source: 'environment' }
 * ```
 */
export function readCredentials(env: NodeJS.ProcessEnv): Credentials | undefined {
  const key = env['GOGRID_API_KEY'];
  const secret = env['GOGRID_SHARED_SECRET'];
  if ((key ?? '') !== '' || (secret ?? '') !== '') {
    if ((key ?? '') === '' || (secret ?? '') === '') throw new Error('set both GOGRID_API_KEY and GOGRID_SHARED_SECRET, or neither');
    return { apiKey: key as string, secret: secret as string, source: 'environment' };
  }
  const home = env['HOME'];
  if (home === undefined || home === '') return undefined;
  const path = join(home, '.ggrc');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  const colon = line?.indexOf(':') ?? -1;
  if (line === undefined || colon <= 0 || colon === line.length - 1) throw new Error(`${path} must hold one line key:secret`);
  return { apiKey: line.slice(0, colon), secret: line.slice(colon + 1), source: path };
}
