/**
 * Test helper: the repository root, so tests can read `corpus/` and `grammars/` whether they run
 * compiled (`dist/test/…`) or from another depth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (name === 'gogrid-codec') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`test helpers: no gogrid-codec package.json above ${start}`);
    dir = parent;
  }
}

/** The repository root (the folder holding `package.json`, `corpus/` and `grammars/`), with no trailing slash. */
export const repoRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * A path inside the repository.
 * @param parts - path segments from the root.
 * @returns the absolute path.
 */
export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts);
}
