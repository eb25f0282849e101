/**
 * The package's types as a consumer compiles them: `tsc` over the projects in `consumer/`, which
 * import `gogrid-codec` through the package's `exports` (a self-reference, so the built
 * `dist/src/*.d.ts`), each with its own strict settings.
 *
 * - `tsconfig.node.json`: the issue's acceptance snippet and a client author's usage
 *   (`extension.ts`: own interfaces extending `GoObject`, type maps, `isType`, failures) under
 *   `strict` + `noUncheckedIndexedAccess` as the issue's consumer had them, Node's types, and
 *   `skipLibCheck: false` (so our declarations must compile without `lib: ["dom"]`).
 * - `tsconfig.dom.json`: a browser consumer (`lib: ["dom"]`, no Node types) passing `fetch` bodies,
 *   and the snippet again, with `exactOptionalPropertyTypes` as well.
 * - `tsconfig.negative.json`: lines that must not compile, each with the error code it must give;
 *   the snippet and `extension.ts` are in it too and must compile with `exactOptionalPropertyTypes`.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoPath } from '../helpers/paths.js';

const TSC = repoPath('node_modules', 'typescript', 'bin', 'tsc');
const CONSUMER = repoPath('test', 'types', 'consumer');

interface Run {
  code: number;
  output: string;
}

function tsc(project: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', `${CONSUMER}/${project}`, '--pretty', 'false'], { cwd: CONSUMER, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

// Started together: the three compilations share the machine's cores.
const runs = {
  node: tsc('tsconfig.node.json'),
  dom: tsc('tsconfig.dom.json'),
  negative: tsc('tsconfig.negative.json'),
};

test('the acceptance snippet and a client author\'s usage compile (strict, noUncheckedIndexedAccess, Node types, skipLibCheck false)', async () => {
  const r = await runs.node;
  assert.equal(r.output, '');
  assert.equal(r.code, 0);
});

test('a DOM ReadableStream (fetch body) is a Source under lib dom, without Node types (and exactOptionalPropertyTypes)', async () => {
  const r = await runs.dom;
  assert.equal(r.output, '');
  assert.equal(r.code, 0);
});

test('what must not compile does not: each marked line fails with its code, and only those (the snippet and extension.ts compile under exactOptionalPropertyTypes)', async () => {
  const r = await runs.negative;
  assert.notEqual(r.code, 0);
  const expected: string[] = [];
  readFileSync(`${CONSUMER}/negative.ts`, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /\/\/ error (TS\d+)$/.exec(line);
      if (m?.[1] !== undefined) expected.push(`${i + 1} ${m[1]}`);
    });
  assert.ok(expected.length >= 5, 'negative.ts marks its lines');
  const got = [...r.output.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${m[1] === 'negative.ts' ? '' : `${m[1]} `}${m[2]} ${m[3]}`);
  assert.deepEqual(got, expected);
});
