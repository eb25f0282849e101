/**
 * validate (src/grammar/validate.ts): every sample of the corpus validates, and invalid trees give
 * GRAMMAR_VIOLATION with the JSON Pointer of the value. (The streaming validator:
 * `validate-stream.test.ts`.)
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CodecError, decode, type Document, validate } from '../../src/index.js';
import { repoPath } from '../helpers/paths.js';

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
