// Removes compiled files in dist/ whose TypeScript source is gone (a renamed or deleted test
// would otherwise keep running from its stale copy). Run before tsc by `npm run build`.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const OUTPUT = /\.(d\.ts\.map|d\.ts|js\.map|js)$/;

function prune(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(path);
      continue;
    }
    const match = OUTPUT.exec(entry.name);
    if (match === null) continue;
    const source = join(root, relative(dist, dir), entry.name.slice(0, -match[0].length) + '.ts');
    if (!existsSync(source)) rmSync(path);
  }
}

prune(dist);
