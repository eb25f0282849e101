/**
 * The package as its users import it: `gogrid-codec` resolves through the `exports` map to the
 * built entry point and exposes the documented API; `gogrid-codec/package.json` resolves too.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as local from '../../src/index.js';
import { repoPath } from '../helpers/paths.js';

// A variable, so that TypeScript does not resolve the package's own types at compile time.
const NAME = 'gogrid-codec';

const FUNCTIONS = [
  'decode',
  'decodeAll',
  'decodeEvents',
  'decodeObjects',
  'createDecoder',
  'sniff',
  'encode',
  'encodeChunks',
  'encodeEvents',
  'convert',
  'decodeTransform',
  'encodeTransform',
  'decodeStream',
  'encodeStream',
  'normalize',
  'validate',
  'validateHead',
  'validateObject',
  'validateCount',
  'listedType',
  'treesEqual',
  'grammars',
  'attributeInfo',
  'methodType',
  'isEnvelope',
  'isObject',
  'typeName',
  'isType',
  'documentEvents',
  'removeSpillFiles',
  'javaDouble',
  'normalizeDecodeOptions',
  'normalizeEncodeOptions',
];
const CLASSES = ['CodecError', 'DocumentCollector', 'FileSpool', 'MemorySpool', 'StreamValidator'];

test('import("gogrid-codec") resolves through the exports map to dist and exposes the documented API', async () => {
  const url = import.meta.resolve(NAME);
  assert.equal(fileURLToPath(url), repoPath('dist', 'src', 'index.js'));
  const pkg = (await import(NAME)) as Record<string, unknown>;
  for (const name of [...FUNCTIONS, ...CLASSES]) assert.equal(typeof pkg[name], 'function', name);
  assert.equal(typeof pkg['DEFAULT_LIMITS'], 'object');
  assert.deepEqual(pkg['DEFAULT_LIMITS'], { maxDepth: 64, maxValueLength: 1048576, maxAttributes: 4096, maxListItems: 100000, maxObjectText: 67108864 });
  // The same module instance as the tests' own import of the built sources.
  for (const name of Object.keys(local)) assert.equal(pkg[name], (local as Record<string, unknown>)[name], name);
  assert.deepEqual(Object.keys(pkg).sort(), Object.keys(local).sort());
});

test('the package\'s API works end to end', async () => {
  const pkg = (await import(NAME)) as typeof local;
  const doc = pkg.decode('{"list":[{"object":"ip","id":1}],"status":"success","method":"/grid/ip/list"}');
  assert.ok(pkg.isEnvelope(doc));
  assert.equal(pkg.encode(doc, { format: 'csv' }), '# SUCCESS, /grid/ip/list\n# id\n1\n');
  assert.deepEqual(pkg.validate(doc), []);
  assert.ok(pkg.treesEqual(pkg.normalize(doc, 'json'), doc));
  try {
    pkg.decode('{"list":[{"id":00000}]}');
    assert.fail('decode should throw');
  } catch (e) {
    assert.ok(e instanceof pkg.CodecError);
    assert.ok(e instanceof local.CodecError);
    assert.deepEqual([e.code, e.line, e.column], ['JSON_INVALID_NUMBER', 1, 17]);
  }
});

test('gogrid-codec/package.json resolves to the package manifest', () => {
  const require = createRequire(import.meta.url);
  const path = require.resolve(`${NAME}/package.json`);
  assert.equal(path, repoPath('package.json'));
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name: string; type: string; exports: Record<string, unknown> };
  assert.equal(manifest.name, 'gogrid-codec');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(Object.keys(manifest.exports).sort(), ['.', './mock', './node', './package.json', './web']);
  assert.equal(fileURLToPath(import.meta.resolve(`${NAME}/package.json`)), repoPath('package.json'));
});

test('paths outside the exports map do not resolve', () => {
  assert.throws(() => import.meta.resolve(`${NAME}/dist/src/index.js`), (e: unknown) => (e as { code?: string }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  assert.throws(() => import.meta.resolve(`${NAME}/src/index.ts`), (e: unknown) => (e as { code?: string }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED');
});
