/**
 * The CSV decoder core: the `#` envelope line and header, dotted paths and 1-based lists, the
 * quirks of GoGrid's samples (empty column names, a trailing empty field, unfilled columns),
 * quoting, BOM and CRLF, typing by the grammars, and each CSV_* error at its line and column.
 * Each case is decoded whole, per character, per byte and split at several places.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Document, type GoObject } from '../../src/index.js';
import { setAttribute } from '../../src/tree/checks.js';
import { treeDifference } from '../../src/tree/equal.js';
import { decodeChunks, feedings } from '../helpers/chunks.js';
import { expectations, type Failure, obj } from '../helpers/expect.js';

const { expectTree, expectFailure } = expectations('csv');
import { repoPath } from '../helpers/paths.js';




const IP = '# SUCCESS, /grid/ip/list\n';
function ips(...objects: GoObject[]): Document {
  return { status: 'success', method: '/grid/ip/list', list: objects };
}

// ---------------------------------------------------------------------------------------------
// The envelope line

test('the envelope line: TOTAL/START/RETURNED without NUMPAGES, summary typed, status lower-cased', () => {
  expectTree('# SUCCESS, /grid/ip/list, TOTAL, 1, START, 0, RETURNED, 1\n# id,ip\n1,10.0.0.1\n', {
    status: 'success',
    method: '/grid/ip/list',
    summary: { total: 1, start: 0, returned: 1 },
    list: [{ object: 'ip', id: 1, ip: '10.0.0.1' }],
  });
});

test('the envelope line: pairs in any order and subset, unknown keys kept lower-cased', () => {
  expectTree('# Success, /grid/ip/list, RETURNED, 1, Foo, bar, total, 3\n# id\n1\n', {
    status: 'success',
    method: '/grid/ip/list',
    summary: { returned: 1, foo: 'bar', total: 3 },
    list: [{ object: 'ip', id: 1 }],
  });
  expectTree('# FAILURE, /grid/ip/list, NUMPAGES, 0\n# id\n', { status: 'failure', method: '/grid/ip/list', summary: { numpages: 0 }, list: [] });
  // No pairs: no summary. An empty value: absent.
  expectTree('# SUCCESS, /grid/ip/list, TOTAL, , START, 0\n# id\n', { status: 'success', method: '/grid/ip/list', summary: { start: 0 }, list: [] });
  expectTree('# SUCCESS, /grid/ip/list, TOTAL, \n# id\n', { status: 'success', method: '/grid/ip/list', list: [] });
});

test('the envelope line: spacing optional, quoted fields, one trailing empty field', () => {
  expectTree('#SUCCESS,/grid/ip/list,TOTAL,1\n#id,ip\n1,2', { status: 'success', method: '/grid/ip/list', summary: { total: 1 }, list: [{ object: 'ip', id: 1, ip: '2' }] });
  expectTree('# SUCCESS, "/grid/ip/list", "TOTAL", "1"\n# id\n1', { status: 'success', method: '/grid/ip/list', summary: { total: 1 }, list: [{ object: 'ip', id: 1 }] });
  expectTree('# SUCCESS, /grid/ip/list, TOTAL,\n# id\n1\n', ips({ object: 'ip', id: 1 }));
  expectTree('# , /grid/ip/list\n# id\n1\n', { method: '/grid/ip/list', list: [{ object: 'ip', id: 1 }] });
});

// ---------------------------------------------------------------------------------------------
// The header

test('header names may be quoted, with commas inside', () => {
  expectTree(`${IP}# id,"a,b",ip\n1,x,y\n`, ips({ object: 'ip', id: 1, 'a,b': 'x', ip: 'y' }));
});

test('an empty column name: its cells must be empty', () => {
  expectTree(`${IP}# id,,ip\n1,,y\n`, ips({ object: 'ip', id: 1, ip: 'y' }));
  expectFailure(`${IP}# id,,ip\n1,z,y\n`, { code: 'CSV_EMPTY_COLUMN_FILLED', line: 3, column: 3, offset: 36 });
});

test('one extra trailing empty field is accepted; any other count is CSV_FIELD_COUNT', () => {
  expectTree(`${IP}# id,ip\n1,y,\n`, ips({ object: 'ip', id: 1, ip: 'y' }));
  expectFailure(`${IP}# id,ip\n1,y,z\n`, { code: 'CSV_FIELD_COUNT', line: 3, column: 5, offset: 37 });
  expectFailure(`${IP}# id,ip\n1,y,,\n`, { code: 'CSV_FIELD_COUNT', line: 3, column: 5, offset: 37 });
  expectFailure(`${IP}# id,ip\n1\n`, { code: 'CSV_FIELD_COUNT', line: 3, column: 2, offset: 34 });
  expectFailure(`${IP}# id,ip\n1,"x\ny"\n2,b,c\n`, { code: 'CSV_FIELD_COUNT', line: 5, column: 5, offset: 45 });
});

test('header columns the data never fills are fine', () => {
  expectTree(`${IP}# id,ip,state.id,state.name,subnet\n1,,,,\n`, ips({ object: 'ip', id: 1 }));
});

test('dotted paths build nested objects, typed and named by the grammar', () => {
  expectTree(`${IP}# id,state.id,state.name,public\n5,2,Assigned,true\n`, ips({ object: 'ip', id: 5, state: { object: 'option', id: 2, name: 'Assigned' }, public: true }));
});

test('1-based list indexes build lists (realiplist.2.ip.id); an item with all cells empty is absent', () => {
  expectTree('# SUCCESS, /grid/loadbalancer/list\n# id,realiplist.1.ip.id,realiplist.1.port,realiplist.2.ip.id,realiplist.2.port\n1,,,5,80\n2,3,81,,\n3,,,,\n', {
    status: 'success',
    method: '/grid/loadbalancer/list',
    list: [
      { object: 'loadbalancer', id: 1, realiplist: [{ object: 'ipportpair', ip: { object: 'ip', id: 5 }, port: 80 }] },
      { object: 'loadbalancer', id: 2, realiplist: [{ object: 'ipportpair', ip: { object: 'ip', id: 3 }, port: 81 }] },
      { object: 'loadbalancer', id: 3 },
    ],
  });
  // Item columns may come in any order.
  expectTree(`${IP}# a.1.x,a.2.x,a.1.y\n1,,\n,2,\n,,3\n`, ips({ object: 'ip', a: [{ x: '1' }] }, { object: 'ip', a: [{ x: '2' }] }, { object: 'ip', a: [{ y: '3' }] }));
});

test('the corpus load balancer: realiplist is a list of three ipportpair objects with typed ports', () => {
  const text = readFileSync(repoPath('corpus', 'grid.loadbalancer.edit', '003-edit-pattern.csv'), 'utf8');
  const whole = decodeChunks('csv', [text]);
  assert.ok(whole.ok);
  for (const { label, chunks } of feedings(text, 3)) {
    const out = decodeChunks('csv', chunks);
    assert.ok(out.ok, label);
    assert.equal(treeDifference(out.doc, whole.doc), undefined, label);
  }
  const doc = whole.doc as { summary: unknown; list: GoObject[] };
  assert.deepEqual(doc.summary, { total: 1, numpages: 0, start: 0, returned: 1 });
  const lb = doc.list[0] as GoObject;
  assert.equal(lb['object'], 'loadbalancer');
  assert.equal(lb['id'], 70);
  const list = lb['realiplist'] as GoObject[];
  assert.ok(Array.isArray(list));
  assert.equal(list.length, 3);
  assert.deepEqual(
    list.map((p) => [p['object'], (p['ip'] as GoObject)['object'], (p['ip'] as GoObject)['id'], (p['ip'] as GoObject)['public'], p['port']]),
    [
      ['ipportpair', 'ip', 644, true, 80],
      ['ipportpair', 'ip', 646, true, 80],
      ['ipportpair', 'ip', 647, true, 80],
    ],
  );
  assert.equal(typeof list[1]?.['port'], 'number');
  assert.deepEqual((list[1]?.['ip'] as GoObject)['state'], { object: 'option', id: 2, name: 'Assigned', description: 'IP is reserved or in use' });
  // An empty description is absent, not "".
  assert.deepEqual(lb['type'], { object: 'option', id: 1, name: 'Round Robin' });
});

test('hostile column names are data', () => {
  const o: GoObject = { object: 'ip' };
  setAttribute(o, '__proto__', { x: '1' });
  setAttribute(o, 'constructor', '2');
  expectTree(`${IP}# __proto__.x,constructor\n1,2\n`, ips(o));
  assert.equal(({} as Record<string, unknown>)['x'], undefined);
});

// ---------------------------------------------------------------------------------------------
// Rows and text

test('quoted fields with commas, quotes, LF, CRLF and a bare CR are kept exactly', () => {
  expectTree(`${IP}# id,ip\n1,"a,b ""q""\nc\r\nd\re"\n`, ips({ object: 'ip', id: 1, ip: 'a,b "q"\nc\r\nd\re' }));
  expectTree(`${IP}# id,ip\n"1",2\n`, ips({ object: 'ip', id: 1, ip: '2' }));
});

test('a BOM and CRLF: rows split on CRLF, no stray CR in values', () => {
  expectTree('\uFEFF# SUCCESS, /grid/ip/list, TOTAL, 2\r\n# id,ip\r\n1,a\r\n2,b\r\n', { status: 'success', method: '/grid/ip/list', summary: { total: 2 }, list: [{ object: 'ip', id: 1, ip: 'a' }, { object: 'ip', id: 2, ip: 'b' }] });
  expectTree('# SUCCESS, /grid/ip/list\r\n# id,ip\r\n1,"x\r\ny"\r\n2,b', ips({ object: 'ip', id: 1, ip: 'x\r\ny' }, { object: 'ip', id: 2, ip: 'b' }));
  expectFailure('# SUCCESS, /grid/ip/list\r\n# id,ip\r\n1,a\r\n2,b,c\r\n', { code: 'CSV_FIELD_COUNT', line: 4, column: 5, offset: 44 });
});

test('CRLF rows after LF # lines: no stray CR in values', () => {
  expectTree(`${IP}# id,ip\n1,a\r\n2,b\r\n`, ips({ object: 'ip', id: 1, ip: 'a' }, { object: 'ip', id: 2, ip: 'b' }));
});

test('CRLF # lines with LF rows, and a quoted CR before a line end, are read cleanly', () => {
  expectTree('# SUCCESS, /grid/ip/list\r\n# id,ip\r\n1,a\n2,b\n', ips({ object: 'ip', id: 1, ip: 'a' }, { object: 'ip', id: 2, ip: 'b' }));
  expectTree(`${IP}# id,ip\n1,"a\r"\n2,"b\r\n"\r\n`, ips({ object: 'ip', id: 1, ip: 'a\r' }, { object: 'ip', id: 2, ip: 'b\r\n' }));
});

test('mixed line ends among the rows: CRLF still counts as one line end', () => {
  expectTree(`${IP}# id,ip\n1,a\n2,b\r\n`, ips({ object: 'ip', id: 1, ip: 'a' }, { object: 'ip', id: 2, ip: 'b' }));
});

test('blank lines are skipped; no final line break is needed', () => {
  expectTree(`${IP}# id,ip\n\n1,a\n\n2,b\n\n`, ips({ object: 'ip', id: 1, ip: 'a' }, { object: 'ip', id: 2, ip: 'b' }));
  expectTree(`${IP}# id,ip\n1,2`, ips({ object: 'ip', id: 1, ip: '2' }));
  expectTree(`${IP}# id,ip`, ips());
  expectTree(`${IP}# id\n`, ips());
});

test('a single-column empty object is written `""` and reads back as an object', () => {
  expectTree(`${IP}# id\n1\n""\n2\n`, ips({ object: 'ip', id: 1 }, { object: 'ip' }, { object: 'ip', id: 2 }));
});

test('typing: only where the grammar says so and the text reads back', () => {
  expectTree(`${IP}# id,public,subnet,foo\n007,True,5,7\n7,true,x,y\n`, ips({ object: 'ip', id: '007', public: 'True', subnet: '5', foo: '7' }, { object: 'ip', id: 7, public: true, subnet: 'x', foo: 'y' }));
  expectTree('# SUCCESS, /grid/image/list\n# price\n0.0\n0\n9.879999876022339\n', {
    status: 'success',
    method: '/grid/image/list',
    list: [{ object: 'serverimage', price: 0 }, { object: 'serverimage', price: '0' }, { object: 'serverimage', price: 9.879999876022339 }],
  });
});

test('the `type` option types the objects when the method is unknown', () => {
  const text = '# SUCCESS, /grid/unknown/list\n# id,public,state.id\n1,true,2\n';
  expectTree(text, { status: 'success', method: '/grid/unknown/list', list: [{ id: '1', public: 'true', state: { id: '2' } }] });
  expectTree(text, { status: 'success', method: '/grid/unknown/list', list: [{ object: 'ip', id: 1, public: true, state: { object: 'option', id: 2 } }] }, { type: 'ip' });
});

// ---------------------------------------------------------------------------------------------
// Errors

const ERRORS: { description: string; text: string; error: Failure }[] = [
  { description: 'an index gap (at the column after the gap)', text: `${IP}# a.1.x,a.3.x\n1,2\n`, error: { code: 'CSV_INDEX_GAP', line: 2, column: 9, offset: 33 } },
  { description: 'index 0', text: `${IP}# a.0.x\n1\n`, error: { code: 'CSV_COLUMN_INVALID', line: 2, column: 3, offset: 27 } },
  { description: 'an index with a leading zero', text: `${IP}# a.01.x\n1\n`, error: { code: 'CSV_COLUMN_INVALID', line: 2, column: 3, offset: 27 } },
  { description: 'an empty segment', text: `${IP}# id,a..b\n1,2\n`, error: { code: 'CSV_COLUMN_INVALID', line: 2, column: 6, offset: 30 } },
  { description: 'a path ending with an index', text: `${IP}# a.1\n1\n`, error: { code: 'CSV_COLUMN_INVALID', line: 2, column: 3, offset: 27 } },
  { description: 'a path starting with an index', text: `${IP}# 1.a\n1\n`, error: { code: 'CSV_COLUMN_INVALID', line: 2, column: 3, offset: 27 } },
  { description: 'two indexes in a row', text: `${IP}# a.1.1.b\n1\n`, error: { code: 'CSV_COLUMN_INVALID', line: 2, column: 3, offset: 27 } },
  { description: 'a duplicate column (at the second)', text: `${IP}# id,x,id\n1,2,3\n`, error: { code: 'CSV_COLUMN_DUPLICATE', line: 2, column: 8, offset: 32 } },
  { description: 'a value then an object of the same name', text: `${IP}# state,state.id\n1,2\n`, error: { code: 'CSV_COLUMN_CONFLICT', line: 2, column: 9, offset: 33 } },
  { description: 'an object then a value of the same name', text: `${IP}# state.id,state\n1,2\n`, error: { code: 'CSV_COLUMN_CONFLICT', line: 2, column: 12, offset: 36 } },
  { description: 'a list then an object of the same name', text: `${IP}# a.1.x,a.y\n1,2\n`, error: { code: 'CSV_COLUMN_CONFLICT', line: 2, column: 9, offset: 33 } },
  { description: 'no envelope line', text: 'id,ip\n1,2\n', error: { code: 'CSV_ENVELOPE_INVALID', line: 1, column: 1, offset: 0 } },
  { description: 'empty input', text: '', error: { code: 'CSV_ENVELOPE_INVALID', line: 1, column: 1, offset: 0 } },
  { description: 'a summary key without a value', text: '# SUCCESS, /grid/ip/list, TOTAL\n# id\n1\n', error: { code: 'CSV_ENVELOPE_INVALID', line: 1, column: 27, offset: 26 } },
  { description: 'a summary key twice', text: '# SUCCESS, /grid/ip/list, TOTAL, 1, total, 2\n# id\n1\n', error: { code: 'CSV_ENVELOPE_INVALID', line: 1, column: 37, offset: 36 } },
  { description: 'an empty summary key', text: '# SUCCESS, /grid/ip/list, , 1\n# id\n1\n', error: { code: 'CSV_ENVELOPE_INVALID', line: 1, column: 27, offset: 26 } },
  { description: 'no header line', text: `${IP}id,ip\n1,2\n`, error: { code: 'CSV_HEADER_MISSING', line: 2, column: 1, offset: 25 } },
  { description: 'the input ends after the envelope line', text: IP, error: { code: 'CSV_HEADER_MISSING', line: 2, column: 1, offset: 25 } },
  { description: 'an unclosed quote in a row (at the quote)', text: `${IP}# id,ip\n1,"abc\n`, error: { code: 'CSV_MALFORMED', line: 3, column: 3, offset: 35 } },
  { description: 'an unclosed quote on a later line', text: `${IP}# id\n1\n2\n"\n`, error: { code: 'CSV_MALFORMED', line: 5, column: 1, offset: 34 } },
  { description: 'an unclosed quote in the header', text: `${IP}# "id\n1`, error: { code: 'CSV_MALFORMED', line: 2, column: 3, offset: 27 } },
];

for (const row of ERRORS) {
  test(`error: ${row.description} → ${row.error.code} at ${row.error.line}:${row.error.column}`, () => {
    expectFailure(row.text, row.error);
  });
}

test('error: the input ends inside the envelope line → CSV_HEADER_MISSING at the end of the input', () => {
  expectFailure('# SUCCESS, /grid/ip/list', { code: 'CSV_HEADER_MISSING', line: 1, column: 25, offset: 24 });
});

test('the envelope line holds at most maxAttributes summary pairs (TREE_TOO_MANY_ATTRIBUTES at the first pair too many)', () => {
  const text = '# SUCCESS, /grid/ip/list, TOTAL, 1, START, 0, RETURNED, 1, NUMPAGES, 0\n# id\n1\n';
  expectFailure(text, { code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 60, offset: 59, path: '/summary' }, { limits: { maxAttributes: 3 } });
  expectTree(text, { status: 'success', method: '/grid/ip/list', summary: { total: 1, start: 0, returned: 1, numpages: 0 }, list: [obj(['object', 'ip'], ['id', 1])] }, { limits: { maxAttributes: 4 } });
});
