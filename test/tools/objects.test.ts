/**
 * `src/objects.ts` is generated from the grammars by `tools/objects.ts` and committed: it must be
 * byte for byte what the generator writes today, and cover every grammar type and method.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { grammars } from '../../src/grammar/grammars.js';
import { INTERFACE_NAMES, renderObjects } from '../../tools/objects.js';
import { repoPath } from '../helpers/paths.js';

test('regenerating src/objects.ts from grammars/ gives the committed bytes (run `npm run objects` after changing a grammar)', () => {
  const committed = readFileSync(repoPath('src', 'objects.ts'), 'utf8');
  assert.equal(renderObjects(grammars()), committed);
});

test('every grammar type has an interface, nested attributes reference interfaces, and both maps are complete', () => {
  const g = grammars();
  const text = renderObjects(g);
  for (const type of g.types.keys()) {
    const name = INTERFACE_NAMES[type];
    assert.ok(name !== undefined, type);
    assert.match(text, new RegExp(`^export interface ${name} extends GoObject \\{$`, 'm'));
    assert.match(text, new RegExp(`^  ${type}: ${name};$`, 'm'));
  }
  for (const [method, type] of g.methods) assert.ok(text.includes(`  "${method}": ${INTERFACE_NAMES[type]};`), method);
  assert.match(text, /^  ip\?: Ip \| null;$/m);
  assert.match(text, /^  billingtokens\?: BillingToken\[\];$/m);
  assert.doesNotMatch(text, /interface Error\b/);
});

test('a grammar type without an interface name stops the generator', () => {
  const g = grammars();
  const types = new Map(g.types);
  const ip = types.get('ip');
  assert.ok(ip !== undefined);
  types.set('newtype', { ...ip, name: 'newtype' });
  assert.throws(() => renderObjects({ ...g, types }), /newtype has no interface name/);
});
