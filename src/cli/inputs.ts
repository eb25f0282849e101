/**
 * The inputs that FILE arguments name, for the commands that take several (`--out-dir`, and
 * `--to ndjson` with several FILEs or a directory).
 *
 * A FILE that is not a directory is one input, whatever its name (a missing one too: reading it
 * will fail with `IO_READ_FAILED`). A directory is walked recursively and gives its regular files
 * named `*.json`, `*.xml`, `*.csv`, `*.ndjson` or `*.jsonl` (any case), in code-unit order of
 * their names, skipping names that start with `.` and not following symbolic links to
 * directories (a symbolic link to a file is followed).
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The names a directory walk takes. */
const INPUT_NAME = /\.(json|xml|csv|ndjson|jsonl)$/i;

/** One input. */
export interface FoundInput {
  /** The path to read. */
  readonly path: string;
  /** For a file found in a directory: its path below that directory (it names the output). */
  readonly below: string | undefined;
  /** Its size in bytes (0 when it cannot be examined). */
  readonly size: number;
}

/**
 * Lists the inputs FILE arguments name (see the module comment for the rule).
 * @param files - the FILE arguments, in order.
 * @returns the inputs, in order.
 * @example
 * ```ts
 * listInputs(['dumps', 'extra.xml']); // [{ path: 'dumps/2026/a.json', below: '2026/a.json', size: 812 }, …, { path: 'extra.xml', below: undefined, size: 3094 }]
 * ```
 */
export function listInputs(files: readonly string[]): FoundInput[] {
  const out: FoundInput[] = [];
  for (const file of files) {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      out.push({ path: file, below: undefined, size: 0 });
      continue;
    }
    if (!stat.isDirectory()) out.push({ path: file, below: undefined, size: stat.size });
    else for (const found of walk(file)) out.push({ path: found.path, below: relative(file, found.path), size: found.size });
  }
  return out;
}

function walk(directory: string): { path: string; size: number }[] {
  const found: { path: string; size: number }[] = [];
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return found;
  }
  names.sort();
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(directory, name);
    let stat;
    try {
      stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        stat = statSync(path);
        if (stat.isDirectory()) continue;
      }
    } catch {
      continue;
    }
    if (stat.isDirectory()) found.push(...walk(path));
    else if (stat.isFile() && INPUT_NAME.test(name)) found.push({ path, size: stat.size });
  }
  return found;
}

