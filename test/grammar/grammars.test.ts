/**
 * The grammars: every type loads, attribute kinds come from the schema shapes, the orders and
 * the method table are as grammars/README.md says, every JSON sample of the corpus validates,
 * and invalid trees give GRAMMAR_VIOLATION with the JSON Pointer of the value.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { attributeInfo, CodecError, decode, type Document, grammars, methodType, validate } from '../../src/index.js';
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

// The corpus ------------------------------------------------------------------------------------

interface Case {
  file: string;
  format: string;
  method: string;
  shape: string;
  objects: number;
}

const manifest = JSON.parse(readFileSync(repoPath('corpus', 'manifest.json'), 'utf8')) as { cases: Case[] };
const jsonCases = manifest.cases.filter((c) => c.format === 'json');

test('the corpus has JSON samples', () => {
  assert.ok(jsonCases.length >= 7, `${jsonCases.length} JSON cases`);
});

for (const c of jsonCases) {
  test(`corpus ${c.file}: decodes and validates without errors`, () => {
    const text = readFileSync(repoPath('corpus', c.file), 'utf8');
    const doc = decode(text, { format: 'json' });
    if (c.shape === 'envelope') {
      assert.ok(Array.isArray(doc['list']), 'an envelope');
      assert.equal((doc['list'] as unknown[]).length, c.objects);
    }
    const errors = validate(doc);
    assert.deepEqual(
      errors.map((e) => `${e.path}: ${e.detail}`),
      [],
    );
    // The decoded tree is what JSON.parse gives.
    assert.deepEqual(doc, JSON.parse(text));
  });
}

for (const format of ['xml', 'csv']) {
  for (const c of manifest.cases.filter((x) => x.format === format)) {
    test(`corpus ${c.file}: decodes and validates without errors`, () => {
      const doc = decode(readFileSync(repoPath('corpus', c.file)), { format: format as 'xml' | 'csv' });
      assert.deepEqual(
        validate(doc).map((e) => `${e.path}: ${e.detail}`),
        [],
      );
    });
  }
}

// Violations ------------------------------------------------------------------------------------

const INVALID: { description: string; doc: Document; paths: string[] }[] = [
  {
    description: 'a string "yes" for a nested boolean',
    doc: { status: 'success', method: '/grid/server/list', list: [{ object: 'server', id: 1, ip: { object: 'ip', id: 2, public: 'yes' } }] },
    paths: ['/list/0/ip/public'],
  },
  {
    description: 'a string id in the second object',
    doc: { method: '/grid/ip/list', list: [{ object: 'ip', id: 1 }, { object: 'ip', id: 'x' }] },
    paths: ['/list/1/id'],
  },
  {
    description: 'an untyped object is checked against the method type',
    doc: { method: '/grid/ip/list', list: [{ id: 'x' }] },
    paths: ['/list/0/id'],
  },
  {
    description: 'its own type name wins over the method',
    doc: { method: '/grid/ip/list', list: [{ object: 'option', id: 1, public: 'not checked: option has no public', name: 5 }] },
    paths: ['/list/0/name'],
  },
  {
    description: 'a double where an integer is wanted, in a list of objects',
    doc: { method: '/grid/loadbalancer/list', list: [{ object: 'loadbalancer', realiplist: [{ port: 80 }, { port: 80.5 }] }] },
    paths: ['/list/0/realiplist/1/port'],
  },
  {
    description: 'a scalar where an object is wanted',
    doc: { method: '/grid/server/list', list: [{ object: 'server', ram: '512MB' }] },
    paths: ['/list/0/ram'],
  },
  {
    description: 'an object where a list is wanted',
    doc: { method: '/grid/loadbalancer/list', list: [{ realiplist: { port: 80 } }] },
    paths: ['/list/0/realiplist'],
  },
  {
    description: 'a string price',
    doc: { list: [{ object: 'serverimage', price: '0.0' }] },
    paths: ['/list/0/price'],
  },
  {
    description: 'a boolean date',
    doc: { list: [{ object: 'serverimage', createdTime: true }] },
    paths: ['/list/0/createdTime'],
  },
  {
    description: 'a non-string status',
    doc: { status: 5, list: [] } as unknown as Document,
    paths: ['/status'],
  },
  {
    description: 'a string summary count',
    doc: { status: 'success', summary: { total: 'one', start: 0 }, list: [] },
    paths: ['/summary/total'],
  },
  {
    description: 'a fragment',
    doc: { object: 'ip', id: 1.5 },
    paths: ['/id'],
  },
  {
    description: 'two violations in one object',
    doc: { list: [{ object: 'ip', id: 'a', public: 'b' }] },
    paths: ['/list/0/id', '/list/0/public'],
  },
];

for (const row of INVALID) {
  test(`validate: ${row.description} → GRAMMAR_VIOLATION at ${row.paths.join(', ')}`, () => {
    const errors = validate(row.doc);
    assert.ok(errors.length > 0, 'at least one violation');
    for (const e of errors) {
      assert.ok(e instanceof CodecError);
      assert.equal(e.code, 'GRAMMAR_VIOLATION');
      assert.equal(e.format, 'grammar');
    }
    const paths = errors.map((e) => e.path);
    for (const p of row.paths) assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    // Every reported path is the expected one or an ancestor of it (an anyOf around a nested object).
    for (const p of paths) assert.ok(row.paths.some((x) => x === p || x.startsWith(`${p}/`)), `unexpected path ${String(p)}`);
  });
}

test('validate: valid trees give no errors; unknown types and attributes are not checked', () => {
  const docs: Document[] = [
    { list: [] },
    { status: 'success', method: '/grid/ip/list', summary: { total: 1, start: 0, returned: 1, numpages: null, other: 'x' }, list: [{ object: 'ip', id: 1, public: true, extra: { any: 'thing' } }] },
    { object: 'foo', id: 'not checked' },
    { method: '/no/such/method', list: [{ id: 'not checked' }] },
    { list: [{ object: 'serverimage', price: 0, createdTime: 'Sat Jul 12 00:00:00 PDT 2008', updatedTime: 1248385571829 }] },
    { list: [{ object: 'job', detail: { type: 'virtual_server' } }, { object: 'job', detail: '{type=virtual_server}' }, { object: 'job', detail: null }] },
    { method: '/grid/server/list', list: [{ object: 'server', ip: null, image: { object: 'option', id: 1 } }] },
  ];
  for (const doc of docs) assert.deepEqual(validate(doc), [], JSON.stringify(doc));
});
