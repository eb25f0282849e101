/**
 * The CSV encoder: GoGrid's envelope line and header, column order, widened lists, quoting, the
 * spreadsheet-safe option, and refusals (mixed types, names and members CSV cannot carry, lone
 * surrogates, values outside the tree model) with their paths.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decode, type Document, encode, encodeChunks, type EncodeOptions, type GoObject } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { expectThrowsCodecError } from '../helpers/codec-error.js';

function csv(doc: unknown, options: Partial<EncodeOptions> = {}): string {
  return encode(doc as Document, { format: 'csv', ...options });
}

function expectRefusal(doc: unknown, code: string, path: string, options: Partial<EncodeOptions> = {}): void {
  expectThrowsCodecError(() => csv(doc, options), { code, path });
}

test('the GoGrid envelope line: upper-case status, method, TOTAL, NUMPAGES, START, RETURNED', () => {
  assert.equal(csv({ status: 'success', method: '/m', summary: { total: 1, numpages: 0, start: 0, returned: 1 }, list: [{ id: 1 }] }), '# SUCCESS, /m, TOTAL, 1, NUMPAGES, 0, START, 0, RETURNED, 1\n# id\n1\n');
  // Known summary fields in GoGrid's order whatever the tree's, then the others.
  assert.equal(csv({ summary: { returned: 1, start: 0, foo: 'x', total: 1, numpages: 0 }, status: 'success', method: '/m', list: [{ id: 1 }] }), '# SUCCESS, /m, TOTAL, 1, NUMPAGES, 0, START, 0, RETURNED, 1, FOO, x\n# id\n1\n');
  assert.equal(csv({ method: '/m', list: [{ a: 'x' }], status: 'failure' }), '# FAILURE, /m\n# a\nx\n');
  assert.equal(csv({ list: [{ id: 2 ** 60 }] }), '# , \n# id\n1152921504606846976\n');
});

test('a fragment is written as an envelope without status or method', () => {
  assert.equal(csv({ object: 'ip', id: 1, ip: 'x' }), '# , \n# id,ip\n1,x\n');
  assert.equal(treeDifference(decode(csv({ object: 'ip', id: 1, ip: 'x' })), { list: [{ id: '1', ip: 'x' }] }), undefined);
});

test('the header: the grammar\'s CSV order for known attributes, then unknown ones in first-seen order', () => {
  assert.equal(csv({ method: '/grid/ip/list', list: [{ zz: 1, public: true, id: 5, state: { name: 'n', id: 1 } }, { ww: 2, ip: 'x' }] }), '# , /grid/ip/list\n# id,ip,state.id,state.name,public,zz,ww\n5,,1,n,true,1,\n,x,,,,,2\n');
  // A load balancer's realiplist comes last in CSV (its csvOrder), unlike XML.
  assert.equal(
    csv({ method: '/grid/loadbalancer/list', list: [{ object: 'loadbalancer', realiplist: [{ port: 80 }], state: { id: 1 }, id: 7 }] }),
    '# , /grid/loadbalancer/list\n# id,state.id,realiplist.1.port\n7,1,80\n',
  );
  // The `type` option decides the order when the method does not.
  assert.equal(csv({ method: '/grid/unknown/list', list: [{ public: true, ip: 'x', id: 1 }] }, { type: 'ip' }), '# , /grid/unknown/list\n# id,ip,public\n1,x,true\n');
  assert.equal(csv({ method: '/grid/unknown/list', list: [{ public: true, ip: 'x', id: 1 }] }), '# , /grid/unknown/list\n# public,ip,id\ntrue,x,1\n');
});

test('lists are widened to the longest; shorter rows get empty cells', () => {
  assert.equal(
    csv({ method: '/grid/loadbalancer/list', list: [{ id: 1, realiplist: [{ port: 1 }] }, { id: 2, realiplist: [{ port: 1 }, { port: 2, ip: { id: 3 } }] }, { id: 3 }] }),
    '# , /grid/loadbalancer/list\n# id,realiplist.1.ip.id,realiplist.1.port,realiplist.2.ip.id,realiplist.2.port\n1,,1,,\n2,,1,3,2\n3,,,,\n',
  );
});

test('values that fill no cell take no column: null, "", empty objects and lists', () => {
  assert.equal(csv({ method: '/grid/ip/list', list: [{ object: 'ip', id: 1, state: {}, x: [], y: null, z: '', w: { v: null } }] }), '# , /grid/ip/list\n# id\n1\n');
});

test('quoting: comma, quote, bare CR, LF and CRLF; plain cells unquoted', () => {
  const text = csv({ method: '/m', list: [{ a: 'x,y', b: 'say "hi"', c: 'a\rb', d: 'l\nf', e: 'cr\r\nlf', f: 'plain', g: ' sp ' }] });
  assert.equal(text, '# , /m\n# a,b,c,d,e,f,g\n"x,y","say ""hi""","a\rb","l\nf","cr\r\nlf",plain, sp \n');
  assert.equal(treeDifference(decode(text), { method: '/m', list: [{ a: 'x,y', b: 'say "hi"', c: 'a\rb', d: 'l\nf', e: 'cr\r\nlf', f: 'plain', g: ' sp ' }] }), undefined);
  // The # lines quote too.
  assert.equal(csv({ status: 'a,b', method: '/m"', summary: { 'k,1': 'v\n' }, list: [{ 'c,d': 1 }] }), '# "A,B", "/m""", "K,1", "v\n"\n# "c,d"\n1\n');
});

test('an empty object in a single-column CSV is written `""`, not a blank line', () => {
  const text = csv({ method: '/m', list: [{ a: 'x' }, {}, { a: '' }] });
  assert.equal(text, '# , /m\n# a\nx\n""\n""\n');
  assert.equal(treeDifference(decode(text), { method: '/m', list: [{ a: 'x' }, {}, {}] }), undefined);
});

test('spreadsheetSafe: string cells starting with = + - @ TAB CR get a leading quote and quotes', () => {
  const doc = { method: '/m', list: [{ a: '=SUM(A1)', b: '+1', c: '-1', d: '@x', e: '\tx', f: '\rx', g: -5, h: 'a\n=b', i: 'ok', j: '=1\n2', k: "'x", l: '' }] };
  assert.equal(csv(doc, { spreadsheetSafe: true }), '# , /m\n# a,b,c,d,e,f,g,h,i,j,k\n"\'=SUM(A1)","\'+1","\'-1","\'@x","\'\tx","\'\rx",-5,"a\n=b",ok,"\'=1\n2",\'x\n');
  // Without the option the cells are written as they are; numbers are never touched.
  assert.equal(csv({ method: '/m', list: [{ a: '=SUM(A1)', g: -5, h: -0.5 }] }), '# , /m\n# a,g,h\n=SUM(A1),-5,-0.5\n');
  assert.equal(csv({ method: '/m', list: [{ g: -5, n: 1e21 }] }, { spreadsheetSafe: true }), '# , /m\n# g,n\n-5,1e+21\n');
  // Not reversible: the quote stays on reading back.
  assert.deepEqual((decode(csv({ method: '/m', list: [{ a: '=1' }] }, { spreadsheetSafe: true })) as { list: GoObject[] }).list[0], { a: "'=1" });
});

test('numbers: doubles Java-style where the grammar says double', () => {
  assert.equal(csv({ method: '/grid/image/list', list: [{ price: 0, object: 'serverimage' }, { price: 1e7 }] }), '# , /grid/image/list\n# price\n0.0\n1.0E7\n');
});

test('objects of two types in one list: CSV_MIXED_TYPES', () => {
  expectRefusal({ method: '/m', list: [{ object: 'ip', id: 1 }, { object: 'server', id: 2 }] }, 'CSV_MIXED_TYPES', '/list/1');
  expectRefusal({ method: '/m', list: [{ a: { object: 'ip', id: 1 } }, { a: { object: 'option', id: 1 } }] }, 'CSV_MIXED_TYPES', '/list/1/a');
  // An object that fills no cell does not decide its position's type.
  assert.equal(csv({ method: '/m', list: [{ a: { object: 'ip' } }, { a: { object: 'option', id: 1 } }] }), '# , /m\n# a.id\n""\n1\n');
  // Untyped objects mix with typed ones.
  assert.equal(csv({ method: '/m', list: [{ object: 'ip', id: 1 }, { id: 2 }] }), '# , /m\n# id\n1\n2\n');
});

test('names and members CSV cannot carry: CSV_UNREPRESENTABLE', () => {
  expectRefusal({ method: '/m', list: [{ 'a.b': 1 }] }, 'CSV_UNREPRESENTABLE', '/list/0/a.b');
  expectRefusal({ method: '/m', list: [{ 12: 1 }] }, 'CSV_UNREPRESENTABLE', '/list/0/12');
  expectRefusal({ method: '/m', list: [{ '': 1 }] }, 'CSV_UNREPRESENTABLE', '/list/0/');
  expectRefusal({ method: '/m', list: [{ a: { 'x.y': 1 } }] }, 'CSV_UNREPRESENTABLE', '/list/0/a/x.y');
  expectRefusal({ method: '/m', list: [], extra: 1 }, 'CSV_UNREPRESENTABLE', '/extra');
  expectRefusal({ method: '/m', list: [{ a: 1 }, { a: { b: 1 } }] }, 'CSV_UNREPRESENTABLE', '/list/1/a');
  expectRefusal({ method: '/m', list: [{ a: [{ b: 1 }] }, { a: 'x' }] }, 'CSV_UNREPRESENTABLE', '/list/1/a');
  expectRefusal({ summary: { total: 1, TOTAL: 2 }, list: [] }, 'CSV_UNREPRESENTABLE', '/summary/TOTAL');
});

test('a lone surrogate: CSV_INVALID_CHARACTER with its path', () => {
  expectRefusal({ method: '/m', list: [{ a: '\uD800' }] }, 'CSV_INVALID_CHARACTER', '/list/0/a');
  expectRefusal({ method: '/m', list: [{ a: { b: 'ok' } }, { a: { b: 'x\uDC00' } }] }, 'CSV_INVALID_CHARACTER', '/list/1/a/b');
  // A pair is fine.
  assert.equal(csv({ method: '/m', list: [{ a: '😀' }] }), '# , /m\n# a\n😀\n');
});

test('values outside the tree model: TREE_UNSUPPORTED_VALUE with their path', () => {
  expectRefusal({ method: '/m', list: [{ a: Number.NaN }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ method: '/m', list: [{ a: () => 1 }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ method: '/m', list: [5] }, 'TREE_UNSUPPORTED_VALUE', '/list/0');
  expectRefusal({ method: '/m', list: [], status: 5 }, 'TREE_INVALID_ENVELOPE', '/status');
});

test('a list of numbers is refused with TREE_UNSUPPORTED_VALUE', () => {
  expectRefusal({ method: '/m', list: [{ a: [1, 2] }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a/0');
  expectRefusal({ method: '/m', list: [{ a: [{}, 'x'] }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a/1');
});

test('undefined and Date values are refused with TREE_UNSUPPORTED_VALUE', () => {
  expectRefusal({ method: '/m', list: [{ a: undefined }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
  expectRefusal({ method: '/m', list: [{ a: new Date(0) }] }, 'TREE_UNSUPPORTED_VALUE', '/list/0/a');
});

test('encodeChunks: the concatenation equals encode', () => {
  const big: Document = { method: '/grid/ip/list', list: Array.from({ length: 3000 }, (_, i) => ({ object: 'ip', id: i, ip: `10.0.${i >> 8}.${i & 255}`, subnet: 'x'.repeat(20) })) };
  const chunks = [...encodeChunks(big, { format: 'csv' })];
  assert.ok(chunks.length > 1);
  assert.equal(chunks.join(''), encode(big, { format: 'csv' }));
});
