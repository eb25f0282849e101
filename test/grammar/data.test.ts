/**
 * The grammars as data: `src/grammar/data.ts` is exactly what `scripts/grammar-data.ts` writes
 * from `grammars/` (so nobody edits one without the other), and the grammars built from it are
 * those of the files.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { DATA_MODULE, grammarDataModule } from '../../scripts/grammar-data.js';
import { GRAMMAR_FILES } from '../../src/grammar/data.js';
import { grammars, grammarsFrom } from '../../src/grammar/grammars.js';
import { repoPath } from '../helpers/paths.js';

test('src/grammar/data.ts is what regenerating it from grammars/*.json gives, byte for byte', () => {
  const committed = readFileSync(repoPath(DATA_MODULE), 'utf8');
  assert.ok(committed === grammarDataModule(), `${DATA_MODULE} is out of date: run \`npm run build && node dist/scripts/grammar-data.js\``);
});

test('GRAMMAR_FILES holds every JSON file of grammars/, parsed', () => {
  const files = readdirSync(repoPath('grammars')).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(Object.keys(GRAMMAR_FILES), files);
  for (const file of files) assert.deepEqual(GRAMMAR_FILES[file], JSON.parse(readFileSync(repoPath('grammars', file), 'utf8')), file);
  assert.ok(grammars().types.has('server'));
  assert.equal(grammars().methods.get('/grid/ip/list'), 'ip');
});

test('grammarsFrom refuses files without an envelope or a method table', () => {
  const { ['envelope.schema.json']: envelope, ...noEnvelope } = GRAMMAR_FILES;
  assert.ok(envelope !== undefined);
  assert.throws(() => grammarsFrom(noEnvelope), /no envelope\.schema\.json/);
  const { ['methods.json']: methods, ...noMethods } = GRAMMAR_FILES;
  assert.ok(methods !== undefined);
  assert.throws(() => grammarsFrom(noMethods), /methods\.json must be an object/);
});
