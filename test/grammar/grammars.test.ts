/**
 * The grammars: every type loads, attribute kinds come from the schema shapes, the orders and
 * the method table are as grammars/README.md says. (`validate` over the corpus and invalid trees:
 * `validate.test.ts`.)
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { attributeInfo, grammars, methodType } from '../../src/index.js';
import { repoPath } from '../helpers/paths.js';

const TYPES = ['billingsummary', 'billingtoken', 'customer', 'error', 'image', 'ip', 'ipportpair', 'job', 'job_history', 'loadbalancer', 'option', 'password', 'server', 'serverimage'];

test('every type of grammars/ loads, and only those', () => {
  const files = readdirSync(repoPath('grammars'))
    .filter((f) => f.endsWith('.schema.json') && f !== 'envelope.schema.json')
    .map((f) => f.slice(0, -'.schema.json'.length))
    .sort();
  assert.deepEqual(files, TYPES);
  assert.deepEqual([...grammars().types.keys()].sort(), TYPES);
  for (const [name, type] of grammars().types) {
    assert.equal(type.name, name);
    assert.equal(type.attributes.has('object'), false, `${name}: object is the type name, not an attribute`);
    assert.ok(type.attributes.size > 0, `${name} has attributes`);
  }
});

test('grammars() is loaded once', () => {
  assert.equal(grammars(), grammars());
});

test('order and csvOrder name every attribute exactly once', () => {
  for (const [name, type] of grammars().types) {
    const attributes = [...type.attributes.keys()].sort();
    assert.deepEqual([...type.order].sort(), attributes, `${name}: order`);
    assert.deepEqual([...type.csvOrder].sort(), attributes, `${name}: csvOrder`);
    assert.equal(new Set(type.order).size, type.order.length, `${name}: no repeats in order`);
  }
});

test('only the load balancer has a CSV order of its own', () => {
  for (const [name, type] of grammars().types) {
    if (name === 'loadbalancer') continue;
    assert.deepEqual(type.csvOrder, type.order, name);
  }
  const lb = grammars().types.get('loadbalancer');
  assert.ok(lb !== undefined);
  assert.notDeepEqual(lb.csvOrder, lb.order);
  assert.equal(lb.csvOrder.at(-1), 'realiplist', 'CSV puts realiplist last');
  assert.deepEqual(lb.order.slice(0, 7), ['id', 'name', 'description', 'virtualip', 'type', 'persistence', 'realiplist']);
});

test('the XML order of server and ip is the one GoGrid prints', () => {
  assert.deepEqual(grammars().types.get('server')?.order, ['id', 'name', 'description', 'ip', 'ram', 'image', 'state', 'type', 'os', 'isSandbox', 'datacenter']);
  assert.deepEqual(grammars().types.get('ip')?.order, ['id', 'ip', 'state', 'subnet', 'public', 'datacenter']);
  assert.deepEqual(grammars().types.get('option')?.order, ['id', 'name', 'description']);
});

test('attribute kinds come from the schema shapes', () => {
  const rows: [string | undefined, string, unknown][] = [
    ['server', 'ip', { kind: 'object', type: 'ip' }],
    ['server', 'image', { kind: 'object', type: 'serverimage' }],
    ['server', 'state', { kind: 'object', type: 'option' }],
    ['server', 'id', { kind: 'integer' }],
    ['server', 'name', { kind: 'string' }],
    ['server', 'isSandbox', { kind: 'boolean' }],
    ['ip', 'public', { kind: 'boolean' }],
    ['ip', 'state', { kind: 'object', type: 'option' }],
    ['loadbalancer', 'realiplist', { kind: 'list', type: 'ipportpair' }],
    ['loadbalancer', 'virtualip', { kind: 'object', type: 'ipportpair' }],
    ['ipportpair', 'ip', { kind: 'object', type: 'ip' }],
    ['ipportpair', 'port', { kind: 'integer' }],
    ['serverimage', 'price', { kind: 'double' }],
    ['serverimage', 'createdTime', { kind: 'date' }],
    ['serverimage', 'updatedTime', { kind: 'date' }],
    ['serverimage', 'billingtokens', { kind: 'list', type: 'billingtoken' }],
    ['serverimage', 'owner', { kind: 'object', type: 'customer' }],
    ['serverimage', 'server', { kind: 'object', type: 'server' }],
    ['image', 'createdTime', { kind: 'date' }],
    ['billingtoken', 'price', { kind: 'double' }],
    ['job', 'detail', { kind: 'map' }],
    ['job', 'history', { kind: 'list', type: 'job_history' }],
    ['job', 'createdon', { kind: 'date' }],
    ['billingsummary', 'startDate', { kind: 'date' }],
    ['billingsummary', 'memoryInUse', { kind: 'double' }],
    ['error', 'message', { kind: 'string' }],
    ['server', 'nosuchattribute', undefined],
    ['server', 'object', undefined],
    ['server', '__proto__', undefined],
    ['server', 'constructor', undefined],
    ['nosuchtype', 'id', undefined],
    ['constructor', 'id', undefined],
    [undefined, 'id', undefined],
  ];
  for (const [type, name, expected] of rows) assert.deepEqual(attributeInfo(type, name), expected, `${type}.${name}`);
});

test('every nested type a grammar refers to exists', () => {
  for (const [name, type] of grammars().types) {
    for (const [attr, info] of type.attributes) {
      if (info.kind === 'object' || info.kind === 'list') assert.ok(info.type !== undefined && grammars().types.has(info.type), `${name}.${attr} → ${info.type}`);
      else assert.equal(info.type, undefined, `${name}.${attr} has no nested type`);
    }
  }
});

test('the method table', () => {
  const rows: [string | undefined, string | undefined][] = [
    ['/common/lookup/list', 'option'],
    ['/grid/server/list', 'server'],
    ['/grid/server/get', 'server'],
    ['/grid/server/add', 'server'],
    ['/grid/server/delete', 'server'],
    ['/grid/server/power', 'server'],
    ['/grid/ip/list', 'ip'],
    ['/grid/image/list', 'serverimage'],
    ['/grid/image/save', 'serverimage'],
    ['/grid/image/get', 'image'],
    ['/grid/image/edit', 'image'],
    ['/grid/loadbalancer/edit', 'loadbalancer'],
    ['/grid/job/get', 'job'],
    ['/support/password/list', 'password'],
    ['/grid/password/get', 'password'],
    ['/myaccount/billing/get', 'billingsummary'],
    ['/support/grid/password/get', undefined],
    ['/grid/server/list/', undefined],
    ['grid/server/list', undefined],
    ['/GRID/SERVER/LIST', undefined],
    ['', undefined],
    ['constructor', undefined],
    ['__proto__', undefined],
    [undefined, undefined],
  ];
  for (const [method, type] of rows) assert.equal(methodType(method), type, String(method));
  for (const [method, type] of grammars().methods) assert.ok(grammars().types.has(type), `${method} → ${type}`);
});

test('the summary fields and their order', () => {
  const g = grammars();
  for (const field of ['total', 'start', 'returned', 'numpages']) assert.deepEqual(g.summary.get(field), { kind: 'integer' }, field);
  assert.deepEqual(g.summaryOrder, ['total', 'start', 'numpages', 'returned']);
});
