/**
 * The tree's type guards at run time: `isType` narrows by the `object` attribute only, and
 * `isEnvelope` keeps the caller's object type.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decode, type GoObject, isEnvelope, isType, type Server } from '../../src/index.js';

test('isType: true exactly when the object attribute is that type name', () => {
  const rows: [GoObject | null | undefined, boolean][] = [
    [{ object: 'server', id: 1 }, true],
    [{ object: 'Server' }, false],
    [{ object: 'ip' }, false],
    [{ id: 1 }, false],
    [{ object: null }, false],
    [{ object: { object: 'server' } }, false],
    [null, false],
    [undefined, false],
  ];
  for (const [o, expected] of rows) assert.equal(isType(o, 'server'), expected, JSON.stringify(o));
  const image = { object: 'option', name: 'centos' };
  assert.equal(isType(image, 'serverimage'), false, 'JSON may name a server image "option": the guard reads the attribute, nothing else');
  assert.equal(isType(image, 'option'), true);
});

test('isEnvelope and isType on a typed decode', () => {
  const doc = decode<Server>('{"list":[{"object":"server","name":"web1","ip":{"object":"ip","state":{"object":"option","name":"Assigned"}}}],"status":"success"}');
  assert.ok(isEnvelope(doc));
  const server = doc.list[0];
  assert.equal(server?.ip?.state?.name, 'Assigned');
  assert.ok(isType(server?.ip, 'ip'));
});
