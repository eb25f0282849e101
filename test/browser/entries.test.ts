/**
 * The package's entries as bundlers and TypeScript see them, from a consumer's folder (a
 * temporary project whose `node_modules/gogrid-codec` links to this repository): esbuild for the
 * browser and for edge workers (`platform: neutral`) picks the web entry and reaches no `node:`
 * module; a bundle that does not validate leaves ajv out; TypeScript's `bundler` resolution picks
 * the web entry's types and `nodenext` the Node entry's, and a browser project without
 * @types/node type-checks against them; on Node the tokenizers and ajv still load on first use;
 * the web entry is the Node entry less exactly the Node-only names.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Platform } from 'esbuild';
import ts from 'typescript';
import * as index from '../../src/index.js';
import * as node from '../../src/node.js';
import * as web from '../../src/web.js';
import { repoPath, repoRoot } from '../helpers/paths.js';

/** What only the Node entry has, and why: each needs `node:fs` or `node:stream`. */
const NODE_ONLY = ['FileSpool', 'removeSpillFiles', 'decodeTransform', 'encodeTransform'];

/** A consumer project with the package installed (linked), removed by the callback's end. */
async function withConsumer(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gogrid-codec-consumer-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(repoRoot, join(dir, 'node_modules', 'gogrid-codec'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{"name":"consumer","private":true,"type":"module"}\n');
    await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bundle(dir: string, source: string, platform: Platform): Promise<{ metafile: Metafile; bytes: number }> {
  const entry = join(dir, `entry-${platform}-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, source);
  // An edge worker's bundler (Cloudflare's wrangler, for one) is esbuild with worker conditions
  // and the browser's main fields; `neutral` reads no main field unless told (saxes and
  // papaparse have no `exports`), and papaparse's `main` file requires Node's `stream`. Without
  // the `browser` condition, the package's `default` condition decides.
  const edge = platform === 'neutral' ? { conditions: ['workerd', 'worker'], mainFields: ['browser', 'module', 'main'] } : {};
  const result = await build({ entryPoints: [entry], bundle: true, platform, format: 'esm', minify: true, write: false, metafile: true, logLevel: 'silent', ...edge });
  const out = result.outputFiles[0];
  assert.ok(out !== undefined);
  return { metafile: result.metafile, bytes: out.contents.length };
}

/** Every module reachable from the entries of a metafile, following each import esbuild resolved. */
function reachable(metafile: Metafile): { files: Set<string>; external: string[] } {
  const files = new Set<string>();
  const external: string[] = [];
  const imported = new Set(Object.values(metafile.inputs).flatMap((i) => i.imports.map((x) => x.path)));
  const todo = Object.keys(metafile.inputs).filter((f) => !imported.has(f));
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const i of metafile.inputs[file]?.imports ?? []) {
      if (i.external === true || i.path.startsWith('node:')) external.push(`${file} → ${i.path}`);
      else todo.push(i.path);
    }
  }
  return { files, external };
}

/** The files that put bytes into the output. */
function inOutput(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
}

test('the web entry is the Node entry less exactly the Node-only names; gogrid-codec/node is the Node entry', () => {
  const indexNames = Object.keys(index).sort();
  assert.deepEqual(Object.keys(web).sort(), indexNames.filter((n) => !NODE_ONLY.includes(n)));
  for (const name of Object.keys(web)) assert.equal((web as Record<string, unknown>)[name], (index as Record<string, unknown>)[name], name);
  assert.deepEqual(Object.keys(node).sort(), indexNames);
  for (const name of NODE_ONLY) assert.equal(typeof (index as Record<string, unknown>)[name], 'function', name);
});

test('Node resolves gogrid-codec, gogrid-codec/node and gogrid-codec/web to the documented files', () => {
  assert.equal(fileURLToPath(import.meta.resolve('gogrid-codec')), repoPath('dist', 'src', 'index.js'));
  assert.equal(fileURLToPath(import.meta.resolve('gogrid-codec/node')), repoPath('dist', 'src', 'node.js'));
  assert.equal(fileURLToPath(import.meta.resolve('gogrid-codec/web')), repoPath('dist', 'src', 'web.js'));
});

test('esbuild for the browser and for edge workers picks the web entry and reaches no node: module', async () => {
  await withConsumer(async (dir) => {
    for (const platform of ['browser', 'neutral'] as const) {
      const { metafile } = await bundle(dir, "import * as codec from 'gogrid-codec';\nglobalThis.codec = codec;\n", platform);
      const { files, external } = reachable(metafile);
      assert.deepEqual(external, [], `${platform}: imports left to the platform`);
      const ours = [...files].filter((f) => !f.includes('node_modules/') && !f.startsWith('../'));
      assert.ok(ours.some((f) => f.endsWith('dist/src/web.js')), `${platform}: ${ours.join(' ')}`);
      assert.ok(!ours.some((f) => /dist\/src\/(index|node|spool-file|streams-node)\.js$|platform\/node\//.test(f)), `${platform}: ${ours.join(' ')}`);
      // Everything is bundled (saxes, papaparse, ajv): the whole entry is used here.
      for (const dep of ['saxes', 'papaparse', 'ajv']) assert.ok([...files].some((f) => f.includes(`node_modules/${dep}/`)), `${platform}: ${dep}`);
    }
  });
});

test('a browser bundle that does not validate leaves ajv out; one that validates has it', async () => {
  await withConsumer(async (dir) => {
    const without = await bundle(dir, "import { decodeObjects, decodeStream, convert } from 'gogrid-codec';\nglobalThis.codec = { decodeObjects, decodeStream, convert };\n", 'browser');
    const withValidate = await bundle(dir, "import { decodeObjects, decodeStream, convert, validate } from 'gogrid-codec';\nglobalThis.codec = { decodeObjects, decodeStream, convert, validate };\n", 'browser');
    assert.deepEqual(inOutput(without.metafile).filter((f) => f.includes('node_modules/ajv/')), []);
    assert.ok(inOutput(without.metafile).some((f) => f.includes('node_modules/saxes/')));
    assert.ok(inOutput(withValidate.metafile).some((f) => f.includes('node_modules/ajv/')));
    assert.ok(withValidate.bytes > without.bytes * 1.5, `${without.bytes} → ${withValidate.bytes} bytes`);
  });
});

test('TypeScript: moduleResolution bundler resolves the web entry\'s types, nodenext the Node entry\'s', async () => {
  await withConsumer(async (dir) => {
    const from = join(dir, 'main.ts');
    const resolve = (name: string, options: ts.CompilerOptions): string | undefined =>
      ts.resolveModuleName(name, from, options, ts.sys).resolvedModule?.resolvedFileName;
    const bundler = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
    const nodenext = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
    assert.equal(resolve('gogrid-codec', bundler), repoPath('dist', 'src', 'web.d.ts'));
    assert.equal(resolve('gogrid-codec', nodenext), repoPath('dist', 'src', 'index.d.ts'));
    assert.equal(resolve('gogrid-codec/node', bundler), repoPath('dist', 'src', 'node.d.ts'));
    assert.equal(resolve('gogrid-codec/web', nodenext), repoPath('dist', 'src', 'web.d.ts'));
  });
});

test('on Node, importing the package loads none of saxes, papaparse and ajv; each loads on first use', () => {
  const script = `
    import { createRequire } from 'node:module';
    const codec = await import('gogrid-codec');
    const cache = createRequire(import.meta.url).cache;
    const loaded = () => [...new Set(Object.keys(cache).flatMap((k) => /node_modules\\/(ajv|saxes|papaparse)\\//.exec(k)?.[1] ?? []))].sort().join(',');
    const steps = [loaded()];
    codec.decode('<gogrid><response method="/grid/ip/list" status="success"><list></list></response></gogrid>');
    steps.push(loaded());
    codec.decode('# SUCCESS, /grid/ip/list\\n# id\\n1\\n');
    steps.push(loaded());
    codec.validate(codec.decode('{"list":[],"status":"success","method":"/grid/ip/list"}'));
    steps.push(loaded());
    console.log(JSON.stringify(steps));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), ['', 'saxes', 'papaparse,saxes', 'ajv,papaparse,saxes']);
});

test('TypeScript: a browser project (bundler resolution, DOM libs, no @types/node) type-checks against the web entry\'s declarations', async () => {
  await withConsumer(async (dir) => {
    const main = join(dir, 'main.ts');
    writeFileSync(
      main,
      [
        "import { convert, decodeObjects, decodeStream, MemorySpool, validate, type GoObject } from 'gogrid-codec';",
        'export async function names(url: string): Promise<string[]> {',
        '  const out: string[] = [];',
        "  for await (const o of decodeObjects((await fetch(url)).body!)) out.push(String((o as GoObject)['name']));",
        "  const events: ReadableStream = (await fetch(url)).body!.pipeThrough(decodeStream());",
        "  void events; void validate; void convert([], { to: 'csv', spool: new MemorySpool(5) });",
        '  return out;',
        '}',
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([main], {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts', 'lib.dom.asynciterable.d.ts'],
      types: [],
      skipLibCheck: false,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(problems, []);
    const files = program.getSourceFiles().map((f) => f.fileName);
    assert.ok(files.includes(repoPath('dist', 'src', 'web.d.ts')));
    assert.deepEqual(files.filter((f) => f.includes('@types/node') || /dist\/src\/(index|spool-file|streams-node)\.d\.ts$/.test(f)), []);
  });
});
