/**
 * The package as a user installs it, both ways the README documents, from a clean clone of the
 * working tree (its tracked and unignored files, committed to a fresh git repository; no
 * `dist/`):
 *
 * - `npm pack` in the clone (its `prepare` script builds `dist/src`), then the tarball installed
 *   into a new project;
 * - `npm install git+file://<clone>` into another project (npm clones it, installs its
 *   devDependencies and runs `prepare`).
 *
 * Each project then imports the package (ESM, and `require` where Node supports `require(esm)`)
 * and runs its `bin` on a corpus file.
 *
 * Offline where it can be: the tarball install runs with `--offline`, and each project gets a
 * lockfile whose runtime dependencies are copied from ours (name, version, integrity), so npm
 * takes them from its cache (filled by `npm ci`). The git install runs `--prefer-offline`: npm
 * prepares the clone by installing all its dev dependencies, whose registry metadata the cache
 * may not hold (our lockfile records no download addresses), so it may ask the registry.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decode, isEnvelope } from '../../src/index.js';
import { repoPath, repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-package-test-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

interface Manifest {
  version: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as Manifest;
const SAMPLE = repoPath('corpus', 'grid.server.get', '001-server-get.xml');
const ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

async function sh(command: string, args: string[], cwd: string): Promise<string> {
  const { stdout } = await run(command, args, { cwd, env: ENV, maxBuffer: 1 << 26, timeout: 120_000 });
  return stdout;
}

/** A fresh git repository holding the working tree's files (tracked and not ignored). */
async function cloneWorkingTree(): Promise<{ dir: string; commit: string }> {
  const dir = join(work, 'clone');
  const files = (await sh('git', ['ls-files', '-co', '--exclude-standard', '-z'], repoRoot)).split('\0').filter((f) => f !== '');
  for (const f of files) {
    try {
      cpSync(join(repoRoot, f), join(dir, f));
    } catch (e) {
      // A file deleted in the working tree but still tracked is not part of it.
      if ((e as { code?: string }).code !== 'ENOENT') throw e;
    }
  }
  const git = ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false'];
  await sh('git', ['init', '-q'], dir);
  await sh('git', ['add', '-A'], dir);
  await sh('git', [...git, 'commit', '-q', '-m', 'clone'], dir);
  return { dir, commit: (await sh('git', ['rev-parse', 'HEAD'], dir)).trim() };
}

/** A project that depends on `spec` only, with a lockfile that pins the package's dependencies. */
function project(name: string, spec: string, resolved: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module', dependencies: { 'gogrid-codec': spec } }));
  const ours = JSON.parse(readFileSync(repoPath('package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const packages: Record<string, unknown> = {
    '': { name, dependencies: { 'gogrid-codec': spec } },
    'node_modules/gogrid-codec': { version: manifest.version, resolved, license: 'MIT', dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [path, entry] of Object.entries(ours.packages)) if (path !== '' && entry.dev !== true) packages[path] = entry;
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }, null, 2));
  return dir;
}

const IMPORT = `
import * as g from 'gogrid-codec';
import { readFileSync } from 'node:fs';
const doc = g.decode(readFileSync(process.argv[1], 'utf8'), { failures: 'throw' });
console.log(JSON.stringify({ resolved: import.meta.resolve('gogrid-codec'), functions: ['decode', 'decodeObjects', 'isType', 'isFailure', 'validate'].map((n) => typeof g[n]), envelope: g.isEnvelope(doc), type: g.isEnvelope(doc) && g.isType(doc.list[0], 'server'), valid: g.validate(doc).length }));
`;
const REQUIRE = `
try { const g = require('gogrid-codec'); console.log(JSON.stringify({ ok: typeof g.decode === 'function' && typeof g.ApiFailure === 'function' })); }
catch (e) { console.log(JSON.stringify({ ok: false, code: e.code })); }
`;

/** Imports the installed package, requires it, and runs its bin; asserts on each. */
async function checkInstalled(dir: string): Promise<void> {
  const imported = JSON.parse(await sh(process.execPath, ['--input-type=module', '-e', IMPORT, SAMPLE], dir)) as Record<string, unknown>;
  assert.deepEqual(imported, {
    resolved: `file://${join(dir, 'node_modules', 'gogrid-codec', 'dist', 'src', 'index.js')}`,
    functions: ['function', 'function', 'function', 'function', 'function'],
    envelope: true,
    type: true,
    valid: 0,
  });
  // ESM only; Node versions with require(esm) (20.19+, 22.12+) load it with require as well.
  const required = JSON.parse(await sh(process.execPath, ['-e', REQUIRE], dir)) as { ok: boolean; code?: string };
  if (process.features.require_module === true) assert.deepEqual(required, { ok: true });
  else assert.deepEqual(required, { ok: false, code: 'ERR_REQUIRE_ESM' });
  const converted = await sh(join(dir, 'node_modules', '.bin', 'gogrid-codec'), ['--to', 'json', SAMPLE], dir);
  const expected = decode(readFileSync(SAMPLE, 'utf8'));
  assert.ok(isEnvelope(expected));
  assert.deepEqual(decode(converted), expected);
}

// The clone is shared; the two installs run side by side.
const clone = cloneWorkingTree();

const tarball = (async () => {
  const { dir } = await clone;
  // The clone's devDependencies are the ones `npm ci` installed here: link them rather than install them again.
  symlinkSync(repoPath('node_modules'), join(dir, 'node_modules'), 'dir');
  const packed = JSON.parse(await sh('npm', ['pack', '--json', '--offline', '--pack-destination', work], dir)) as { filename: string; files: { path: string }[] }[];
  const info = packed[0];
  assert.ok(info !== undefined);
  const file = join(work, info.filename);
  const app = project('tarball-app', `file:${file}`, `file:${file}`);
  await sh('npm', ['ci', '--offline'], app);
  return { files: info.files.map((f) => f.path), app };
})();

const git = (async () => {
  const { dir, commit } = await clone;
  const spec = `git+file://${dir}`;
  const app = project('git-app', spec, `${spec}#${commit}`);
  await sh('npm', ['ci', '--prefer-offline'], app);
  return { app };
})();
// Both are awaited by the tests below; keep an early rejection from being reported as unhandled.
tarball.catch(() => undefined);
git.catch(() => undefined);

test('npm pack from a clean clone builds through prepare and ships dist, grammars, README and LICENSE, without source maps or tests', async () => {
  const { files } = await tarball;
  for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli.js', 'dist/src/objects.d.ts', 'grammars/server.schema.json', 'grammars/methods.json']) {
    assert.ok(files.includes(f), `ships ${f}`);
  }
  assert.deepEqual(files.filter((f) => f.endsWith('.map')), []);
  assert.deepEqual(files.filter((f) => !/^(LICENSE|README\.md|package\.json|dist\/src\/.*\.(js|d\.ts)|grammars\/.*\.(json|md)|corpus\/(manifest\.json|README\.md|[a-z.]+\/[0-9a-z-]+\.(json|xml|csv)))$/.test(f)), []); // the corpus seeds the mock server; its invalid documents stay out
});

test('the tarball installs offline into a new project, imports (ESM, and require(esm) where Node has it) and runs its bin', async () => {
  const { app } = await tarball;
  await checkInstalled(app);
});

test('npm install git+file:// of a clean clone builds through prepare, imports and runs its bin', async () => {
  const { app } = await git;
  await checkInstalled(app);
});
