/**
 * The README's runnable example of the offline GoGrid runs as written and prints what its
 * comments say.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

test('the README example of startMockServer runs and prints what it promises', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const example = blocks.find((b) => b.includes("from 'gogrid-codec/mock'"));
  assert.ok(example !== undefined, 'the README has the example');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', example], { cwd: repoRoot, encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '{ total: 20, start: 5, numpages: 4, returned: 5 }\n3\n');
});
