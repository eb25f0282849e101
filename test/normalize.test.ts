/**
 * normalize(doc, format): the information model, per format, as a table of small trees and the
 * tree each format gives back (or the code it refuses with). Each accepted row is also checked
 * against the codec itself: decode(encode(doc)) must give the same tree.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, decode, type Document, encode, type Format, type GoObject, normalize, type NormalizeOptions } from '../src/index.js';
import { setAttribute } from '../src/tree/checks.js';
import { treeDifference } from '../src/tree/equal.js';

interface Row {
  description: string;
  doc: Document;
  options?: NormalizeOptions;
  /** The projection (compared with treeDifference: order-sensitive, -0 is not 0). */
  expected?: Document;
  /** Or the refusal. */
  code?: string;
  path?: string;
  todo?: string;
  /** The codec disagrees for a reason recorded here (the row is still checked, as a todo). */
  codecTodo?: string;
}


/** An object built with setAttribute, so hostile names are own properties in the given order. */
function obj(...entries: [string, unknown][]): GoObject {
  const o: GoObject = {};
  for (const [k, v] of entries) setAttribute(o, k, v);
  return o;
}

const JSON_ROWS: Row[] = [
  {
    description: 'identity: an envelope with members around the list',
    doc: { summary: { total: 1, start: 0, returned: 1 }, list: [{ id: 1, object: 'ip', public: true, note: null }], status: 'success', method: '/grid/ip/list' },
    expected: { summary: { total: 1, start: 0, returned: 1 }, list: [{ id: 1, object: 'ip', public: true, note: null }], status: 'success', method: '/grid/ip/list' },
  },
  { description: 'identity: -0 stays -0', doc: { object: 'ip', id: -0, price: -0 }, expected: { object: 'ip', id: -0, price: -0 } },
  { description: 'identity: strings stay strings', doc: { object: 'ip', id: '007', public: 'yes', price: '' }, expected: { object: 'ip', id: '007', public: 'yes', price: '' } },
  {
    description: 'identity: __proto__ and other hostile keys stay own properties, in order',
    doc: { list: [obj(['__proto__', { a: 1 }], ['constructor', 'c'], ['toString', 5], ['id', 1])] },
    expected: { list: [obj(['__proto__', { a: 1 }], ['constructor', 'c'], ['toString', 5], ['id', 1])] },
  },
  { description: 'identity: a fragment', doc: { object: 'job', detail: { type: 'virtual_server' } }, expected: { object: 'job', detail: { type: 'virtual_server' } } },
  { description: 'identity: an extra member that is an object', doc: { list: [], extra: { a: [{ b: 1 }] } }, expected: { list: [], extra: { a: [{ b: 1 }] } } },
  { description: 'refused: NaN', doc: { list: [{ id: Number.NaN }] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/list/0/id' },
  { description: 'refused: a list of scalars', doc: { object: 'x', l: [1] as unknown as GoObject[] }, code: 'TREE_UNSUPPORTED_VALUE', path: '/l/0' },
  { description: 'refused: a non-string status', doc: { status: 1 as unknown as string, list: [] }, code: 'TREE_INVALID_ENVELOPE', path: '/status' },
];

const XML_ROWS: Row[] = [
  { description: 'a string integer that does not read back stays a string', doc: { object: 'ip', id: '007' }, expected: { object: 'ip', id: '007' } },
  { description: 'an integer stays an integer', doc: { object: 'ip', id: 7 }, expected: { object: 'ip', id: 7 } },
  { description: 'a string integer that reads back becomes a number', doc: { object: 'ip', id: '7' }, expected: { object: 'ip', id: 7 } },
  { description: '-0 as an integer becomes 0', doc: { object: 'ip', id: -0 }, expected: { object: 'ip', id: 0 } },
  {
    description: 'an integer beyond 2^53 becomes its exact text',
    doc: { object: 'ip', id: 2 ** 60 },
    expected: { object: 'ip', id: '1152921504606846976' },
  },
  { description: 'an unsafe integer where the grammar knows nothing becomes its exact text', doc: { object: 'ip', foo: 2 ** 53 }, expected: { object: 'ip', foo: '9007199254740992' } },
  { description: 'a fractional number as an integer becomes its text', doc: { object: 'ip', id: 1.5 }, expected: { object: 'ip', id: '1.5' } },
  { description: 'a double 0 stays 0 (written 0.0)', doc: { object: 'serverimage', price: 0 }, expected: { object: 'serverimage', price: 0 } },
  { description: 'a double -0 stays -0', doc: { object: 'serverimage', price: -0 }, expected: { object: 'serverimage', price: -0 } },
  { description: 'a double 1e7 stays 1e7', doc: { object: 'serverimage', price: 1e7 }, expected: { object: 'serverimage', price: 1e7 } },
  { description: 'a double text "0" stays a string', doc: { object: 'serverimage', price: '0' }, expected: { object: 'serverimage', price: '0' } },
  { description: 'a double text "0.0" becomes 0', doc: { object: 'serverimage', price: '0.0' }, expected: { object: 'serverimage', price: 0 } },
  { description: 'an unknown attribute becomes text', doc: { object: 'ip', foo: 5 }, expected: { object: 'ip', foo: '5' } },
  { description: 'an unknown boolean attribute becomes text', doc: { object: 'ip', foo: true }, expected: { object: 'ip', foo: 'true' } },
  { description: 'a known string attribute holding a number becomes text', doc: { object: 'ip', ip: 10 }, expected: { object: 'ip', ip: '10' } },
  { description: 'an unknown type: everything is text', doc: { object: 'foo', id: 5, b: false }, expected: { object: 'foo', id: '5', b: 'false' } },
  { description: 'an untyped fragment: everything is text', doc: { id: 5 }, expected: { id: '5' } },
  { description: '"" and null both become null', doc: { object: 'ip', ip: '', subnet: null, foo: '' }, expected: { object: 'ip', ip: null, subnet: null, foo: null } },
  { description: 'booleans stay booleans where the grammar says boolean', doc: { object: 'ip', public: true }, expected: { object: 'ip', public: true } },
  { description: 'a boolean text becomes a boolean', doc: { object: 'ip', public: 'false' }, expected: { object: 'ip', public: false } },
  { description: 'a boolean text in another case stays a string', doc: { object: 'ip', public: 'True' }, expected: { object: 'ip', public: 'True' } },
  { description: 'a non-boolean text stays a string', doc: { object: 'ip', public: 'yes' }, expected: { object: 'ip', public: 'yes' } },
  { description: 'a number where a boolean is wanted becomes text', doc: { object: 'ip', public: 1 }, expected: { object: 'ip', public: '1' } },
  { description: 'dates: epoch milliseconds and Java text', doc: { object: 'serverimage', createdTime: 1248385571829, updatedTime: 'Sat Jul 12 00:00:00 PDT 2008' }, expected: { object: 'serverimage', createdTime: 1248385571829, updatedTime: 'Sat Jul 12 00:00:00 PDT 2008' } },
  { description: 'a string type name moves first', doc: { id: '1', name: 'x', object: 'option' }, expected: { object: 'option', id: 1, name: 'x' } },
  { description: 'nested objects are typed by the grammar of their parent', doc: { object: 'server', id: '1', ip: { id: '2', public: 'true', state: { id: '3' } } }, expected: { object: 'server', id: 1, ip: { id: 2, public: true, state: { id: 3 } } } },
  {
    description: 'list items are typed by the grammar',
    doc: { object: 'loadbalancer', realiplist: [{ ip: { id: '1', public: 'true' }, port: '80' }, { object: 'ipportpair', port: 443 }] },
    expected: { object: 'loadbalancer', realiplist: [{ ip: { id: 1, public: true }, port: 80 }, { object: 'ipportpair', port: 443 }] },
  },
  {
    description: 'untyped list objects are typed by the method',
    doc: { method: '/grid/ip/list', list: [{ id: '7', public: 'true', foo: 1 }] },
    expected: { method: '/grid/ip/list', list: [{ id: 7, public: true, foo: '1' }] },
  },
  {
    description: 'an own type name wins over the method',
    doc: { method: '/grid/ip/list', list: [{ object: 'option', id: '1', public: 'true' }] },
    expected: { method: '/grid/ip/list', list: [{ object: 'option', id: 1, public: 'true' }] },
  },
  {
    description: 'a map attribute holding an object stays an untyped object',
    doc: { object: 'job', detail: { type: 'virtual_server', id: 5 } },
    expected: { object: 'job', detail: { type: 'virtual_server', id: '5' } },
  },
  {
    description: 'envelope order: method, status, extras, summary, list',
    doc: { list: [], summary: { total: 0 }, zeta: 'z', status: 'success', alpha: 1, method: '/grid/ip/list' },
    expected: { method: '/grid/ip/list', status: 'success', zeta: 'z', alpha: '1', summary: { total: 0 }, list: [] },
  },
  {
    description: 'summary fields: counts typed as integers, the rest text',
    doc: { summary: { total: '3', start: '00', numpages: 0, returned: 3.5, other: 5, flag: true, none: null, empty: '' }, list: [] },
    expected: { summary: { total: 3, start: '00', numpages: 0, returned: '3.5', other: '5', flag: 'true', none: null, empty: null }, list: [] },
  },
  { description: 'a null extra stays null', doc: { status: 'success', extra: null, list: [] }, expected: { status: 'success', extra: null, list: [] } },
  {
    description: 'hostile attribute names stay own properties',
    doc: obj(['object', 'ip'], ['__proto__', 5], ['constructor', 'x']),
    expected: obj(['object', 'ip'], ['__proto__', '5'], ['constructor', 'x']),
  },
  {
    description: 'text keeps its whitespace, line breaks and markup characters',
    doc: { object: 'server', name: ' a\r\n\tb ', description: '<&>"\']]>' },
    expected: { object: 'server', name: ' a\r\n\tb ', description: '<&>"\']]>' },
  },
  { description: 'whitespace-only text is a value, not layout', doc: { object: 'server', name: '  ', description: '\n' }, expected: { object: 'server', name: '  ', description: '\n' } },
  { description: 'a non-string type name is written as text and moves first', doc: { id: '1', object: 5 }, expected: { object: '5', id: '1' } },
  { description: 'a null type name stays where it is', doc: { id: '1', object: null }, expected: { id: '1', object: null } },
  { description: 'refused: an extra that is an object', doc: { status: 'success', extra: { a: 1 }, list: [] }, code: 'XML_UNREPRESENTABLE', path: '/extra' },
  { description: 'refused: an extra that is a list', doc: { status: 'success', extras: [{}], list: [] }, code: 'XML_UNREPRESENTABLE', path: '/extras' },
  { description: 'refused: an extra whose name is not an XML name', doc: { 'a b': 'x', list: [] }, code: 'XML_UNREPRESENTABLE', path: '/a b' },
  { description: 'refused: a summary field whose name is not an XML name', doc: { summary: { '1st': 1 }, list: [] }, code: 'XML_UNREPRESENTABLE', path: '/summary/1st' },
  { description: 'refused: a C0 control character in a value', doc: { list: [{ object: 'ip', ip: 'a\u0001b' }] }, code: 'XML_INVALID_CHARACTER', path: '/list/0/ip' },
  { description: 'refused: NUL in a nested value', doc: { object: 'server', ip: { ip: '\u0000' } }, code: 'XML_INVALID_CHARACTER', path: '/ip/ip' },
  { description: 'refused: a C0 control character in an attribute name', doc: { object: 'ip', 'a\u0002': 'x' }, code: 'XML_INVALID_CHARACTER', path: '/a\u0002' },
  { description: 'refused: a C0 control character in a type name', doc: { object: 'i\u0003p' }, code: 'XML_INVALID_CHARACTER', path: '/object' },
  { description: 'refused: a C0 control character in the method', doc: { method: '/m\u001f', list: [] }, code: 'XML_INVALID_CHARACTER', path: '/method' },
  { description: 'refused: a lone high surrogate', doc: { object: 'ip', ip: 'x\uD800' }, code: 'XML_INVALID_CHARACTER', path: '/ip' },
  { description: 'refused: a lone low surrogate', doc: { object: 'ip', ip: '\uDC00x' }, code: 'XML_INVALID_CHARACTER', path: '/ip' },
  { description: 'refused: U+FFFE', doc: { object: 'ip', ip: '\uFFFE' }, code: 'XML_INVALID_CHARACTER', path: '/ip' },
  { description: 'refused: a lone surrogate in a summary field', doc: { summary: { total: '\uD83D' }, list: [] }, code: 'XML_INVALID_CHARACTER', path: '/summary/total' },
  { description: 'a surrogate pair is fine', doc: { object: 'ip', ip: '😀' }, expected: { object: 'ip', ip: '😀' } },
  { description: 'refused before the format: Infinity', doc: { object: 'ip', id: Infinity }, code: 'TREE_UNSUPPORTED_VALUE', path: '/id' },
];

const CSV_ROWS: Row[] = [
  {
    description: 'type names dropped and restored from the method grammar',
    doc: { status: 'success', method: '/grid/server/list', list: [{ object: 'server', id: 1, name: 'a', ip: { object: 'ip', id: 2, ip: '10.0.0.1' } }] },
    expected: { status: 'success', method: '/grid/server/list', list: [{ object: 'server', id: 1, name: 'a', ip: { object: 'ip', id: 2, ip: '10.0.0.1' } }] },
  },
  {
    description: 'untyped objects get the grammar type names, nested ones too',
    doc: { method: '/grid/server/list', list: [{ id: '1', ip: { id: '2', public: 'true' }, image: { id: 3, price: 0 } }] },
    expected: { method: '/grid/server/list', list: [{ object: 'server', id: 1, ip: { object: 'ip', id: 2, public: true }, image: { object: 'serverimage', id: 3, price: 0 } }] },
  },
  {
    description: 'another type name in the tree is replaced by the grammar one',
    doc: { method: '/grid/server/list', list: [{ object: 'server', image: { object: 'option', id: 3 } }] },
    expected: { method: '/grid/server/list', list: [{ object: 'server', image: { object: 'serverimage', id: 3 } }] },
  },
  {
    description: 'no method, no type option: no type names, everything text',
    doc: { list: [{ object: 'ip', id: 1, public: true }] },
    expected: { list: [{ id: '1', public: 'true' }] },
  },
  {
    description: 'an unknown method: no type names',
    doc: { method: '/no/such', list: [{ object: 'ip', id: 1 }] },
    expected: { method: '/no/such', list: [{ id: '1' }] },
  },
  {
    description: 'the type option names the type when the method does not',
    doc: { list: [{ object: 'ip', id: 1, state: { id: '2' } }] },
    options: { type: 'ip' },
    expected: { list: [{ object: 'ip', id: 1, state: { object: 'option', id: 2 } }] },
  },
  {
    description: 'a known method wins over the type option (type applies only when the method is not in the grammars\' table)',
    doc: { method: '/grid/server/list', list: [{ id: '1' }] },
    options: { type: 'option' },
    expected: { method: '/grid/server/list', list: [{ object: 'server', id: 1 }] },
  },
  {
    description: 'empty, null and "" become absent',
    doc: { method: '/grid/ip/list', list: [{ id: 1, ip: '', subnet: null, foo: '' }] },
    expected: { method: '/grid/ip/list', list: [{ object: 'ip', id: 1 }] },
  },
  {
    description: 'a list object with no values stays, as an object with only its type',
    doc: { method: '/grid/ip/list', list: [{ ip: '' }, { object: 'ip' }] },
    expected: { method: '/grid/ip/list', list: [{ object: 'ip' }, { object: 'ip' }] },
  },
  {
    description: 'empty nested objects disappear',
    doc: { method: '/grid/server/list', list: [{ id: 1, ip: {}, state: { name: null }, image: { object: 'serverimage' } }] },
    expected: { method: '/grid/server/list', list: [{ object: 'server', id: 1 }] },
  },
  {
    description: 'empty list items disappear, the others close up',
    doc: { method: '/grid/loadbalancer/list', list: [{ id: 1, realiplist: [{}, { port: 80 }, { ip: { id: null } }, { port: '81' }] }] },
    expected: { method: '/grid/loadbalancer/list', list: [{ object: 'loadbalancer', id: 1, realiplist: [{ object: 'ipportpair', port: 80 }, { object: 'ipportpair', port: 81 }] }] },
  },
  {
    description: 'a list with no values disappears',
    doc: { method: '/grid/loadbalancer/list', list: [{ id: 1, realiplist: [{}, { port: '' }] }] },
    expected: { method: '/grid/loadbalancer/list', list: [{ object: 'loadbalancer', id: 1 }] },
  },
  {
    description: 'attribute order: the grammar CSV order, then unknown attributes first-seen',
    doc: { method: '/grid/server/list', list: [{ zzz: 1, os: { name: 'Linux' }, name: 'n', aaa: 2, id: 1 }] },
    expected: { method: '/grid/server/list', list: [{ object: 'server', id: 1, name: 'n', os: { object: 'option', name: 'Linux' }, zzz: '1', aaa: '2' }] },
  },
  {
    description: 'attribute order: the load balancer lists realiplist last in CSV',
    doc: { method: '/grid/loadbalancer/list', list: [{ realiplist: [{ port: 80 }], state: { name: 'On' }, id: 1 }] },
    expected: { method: '/grid/loadbalancer/list', list: [{ object: 'loadbalancer', id: 1, state: { object: 'option', name: 'On' }, realiplist: [{ object: 'ipportpair', port: 80 }] }] },
  },
  {
    description: 'attribute order: first-seen across all objects of the list',
    doc: { list: [{ b: 1 }, { a: 2, b: 3 }] },
    expected: { list: [{ b: '1' }, { b: '3', a: '2' }] },
  },
  {
    description: 'attribute order: an attribute empty in the first object is placed where it is first filled',
    doc: { list: [{ a: '', b: 1 }, { a: 2, b: 3 }] },
    expected: { list: [{ b: '1' }, { b: '3', a: '2' }] },
  },
  {
    description: 'summary fields in GoGrid CSV order (total, numpages, start, returned), then the others',
    doc: { status: 'success', method: '/grid/ip/list', summary: { other: 'x', returned: 1, start: 0, numpages: 1, total: 1 }, list: [] },
    expected: { status: 'success', method: '/grid/ip/list', summary: { total: 1, numpages: 1, start: 0, returned: 1, other: 'x' }, list: [] },
  },
  {
    description: 'status lower-cased; summary keys lower-cased and typed, upper-case keys put in GoGrid CSV order too',
    doc: { status: 'SUCCESS', method: '/grid/ip/list', summary: { Total: 1, START: '0', returned: '01', numpages: null, Other: 'x' }, list: [] },
    expected: { status: 'success', method: '/grid/ip/list', summary: { total: 1, start: 0, returned: '01', other: 'x' }, list: [] },
  },
  {
    description: 'an empty status and an all-empty summary disappear',
    doc: { status: '', method: '/grid/ip/list', summary: { total: null, start: '' }, list: [] },
    expected: { method: '/grid/ip/list', list: [] },
  },
  {
    description: 'envelope order: status, method, summary, list',
    doc: { list: [], summary: { total: 0 }, method: '/grid/ip/list', status: 'failure' },
    expected: { status: 'failure', method: '/grid/ip/list', summary: { total: 0 }, list: [] },
  },
  {
    description: 'a fragment becomes an envelope of one untyped object',
    doc: { object: 'ip', id: 5 },
    expected: { list: [{ id: '5' }] },
  },
  {
    description: 'doubles and dates by the grammar',
    doc: { method: '/grid/image/list', list: [{ price: 9.879999876022339, createdTime: 1248385571829, updatedTime: 'Sat Jul 12 00:00:00 PDT 2008' }] },
    expected: { method: '/grid/image/list', list: [{ object: 'serverimage', price: 9.879999876022339, createdTime: 1248385571829, updatedTime: 'Sat Jul 12 00:00:00 PDT 2008' }] },
  },
  {
    description: 'text with commas, quotes and line breaks is kept',
    doc: { method: '/grid/server/list', list: [{ name: 'a,b', description: 'say "hi"\r\nbye' }] },
    expected: { method: '/grid/server/list', list: [{ object: 'server', name: 'a,b', description: 'say "hi"\r\nbye' }] },
  },
  { description: 'refused: an extra envelope member', doc: { status: 'success', extra: 'x', list: [] }, code: 'CSV_UNREPRESENTABLE', path: '/extra' },
  { description: 'refused: an extra envelope member that is null', doc: { extra: null, list: [] }, code: 'CSV_UNREPRESENTABLE', path: '/extra' },
  { description: 'refused: an attribute name with a dot', doc: { list: [{ 'a.b': 1 }] }, code: 'CSV_UNREPRESENTABLE', path: '/list/0/a.b' },
  { description: 'refused: a nested attribute name with a dot', doc: { list: [{ ip: { 'x.y': 'v' } }] }, code: 'CSV_UNREPRESENTABLE', path: '/list/0/ip/x.y' },
  { description: 'refused: an attribute name of digits only', doc: { list: [{ id: 1, '12': 'x' }] }, code: 'CSV_UNREPRESENTABLE', path: '/list/0/12' },
  { description: 'refused: an empty attribute name', doc: { list: [{ '': 'x' }] }, code: 'CSV_UNREPRESENTABLE', path: '/list/0/' },
  { description: 'refused: mixed types in one list', doc: { list: [{ object: 'ip', id: 1 }, { object: 'option', id: 2 }] }, code: 'CSV_MIXED_TYPES', path: '/list/1' },
  {
    description: 'refused: mixed types in a nested position',
    doc: { method: '/grid/server/list', list: [{ ip: { object: 'ip', id: 1 } }, { ip: { object: 'option', id: 1 } }] },
    code: 'CSV_MIXED_TYPES',
    path: '/list/1/ip',
  },
  { description: 'refused: mixed types in a nested list', doc: { list: [{ l: [{ object: 'a' }, { object: 'b' }] }] }, code: 'CSV_MIXED_TYPES', path: '/list/0/l/1' },
  { description: 'refused: a value in one object, an object in another', doc: { list: [{ a: 1 }, { a: { b: 1 } }] }, code: 'CSV_UNREPRESENTABLE', path: '/list/1/a' },
  { description: 'refused: two summary keys that collide once lower-cased', doc: { summary: { total: 1, TOTAL: 2 }, list: [] }, code: 'CSV_UNREPRESENTABLE', path: '/summary/TOTAL' },
  { description: 'refused: a lone surrogate', doc: { list: [{ name: '\uD800' }] }, code: 'CSV_INVALID_CHARACTER', path: '/list/0/name' },
];

function show(doc: unknown): string {
  return JSON.stringify(doc, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v));
}

function run(format: Format, rows: Row[]): void {
  for (const row of rows) {
    const options = row.todo === undefined ? {} : { todo: row.todo };
    test(`${format}: ${row.description}`, options, () => {
      const before = structuredClone(row.doc);
      if (row.code !== undefined) {
        assert.throws(
          () => normalize(row.doc, format, row.options),
          (e: unknown) => {
            assert.ok(e instanceof CodecError, `a CodecError, not ${String(e)}`);
            assert.equal(e.code, row.code);
            if (row.path !== undefined) assert.equal(e.path, row.path);
            return true;
          },
        );
      } else {
        const got = normalize(row.doc, format, row.options);
        const diff = treeDifference(got, row.expected);
        assert.equal(diff, undefined, `normalize gave ${show(got)}\nexpected ${show(row.expected)}\nfirst difference at ${diff}`);
        assert.notEqual(got, row.doc, 'a new tree');
        assert.equal(treeDifference(normalize(got, format, row.options), got), undefined, 'normalize is idempotent');
      }
      assert.equal(treeDifference(row.doc, before), undefined, 'the argument is not modified');
    });

    test(`${format}: ${row.description} (the codec agrees)`, row.codecTodo === undefined ? options : { todo: row.codecTodo }, () => {
      const typeOption = row.options?.type === undefined ? {} : { type: row.options.type };
      if (row.code !== undefined) {
        assert.throws(
          () => encode(row.doc, { format, ...typeOption }),
          (e: unknown) => e instanceof CodecError && e.code === row.code,
          `encode refuses with ${row.code}`,
        );
        return;
      }
      const text = encode(row.doc, { format, ...typeOption });
      const back = decode(text, { format, ...typeOption });
      const diff = treeDifference(back, row.expected);
      assert.equal(diff, undefined, `decode(encode(doc)) gave ${show(back)}\n--- text ---\n${text}\nfirst difference at ${diff}`);
    });
  }
}

run('json', JSON_ROWS);
run('xml', XML_ROWS);
run('csv', CSV_ROWS);

test('json: the projection is a deep copy', () => {
  const doc = { list: [{ object: 'ip', id: 1, state: { id: 2 } }] };
  const got = normalize(doc, 'json') as typeof doc;
  assert.notEqual(got.list, doc.list);
  assert.notEqual(got.list[0], doc.list[0]);
  assert.notEqual(got.list[0]?.state, doc.list[0]?.state);
});

test('normalize: a hostile __proto__ never reaches a prototype', () => {
  const doc: Document = { list: [obj(['__proto__', { polluted: true }], ['id', 1])] };
  for (const format of ['json', 'xml'] as const) {
    const got = normalize(doc, format) as { list: Record<string, unknown>[] };
    const item = got.list[0];
    assert.ok(item !== undefined);
    assert.equal(Object.getPrototypeOf(item), Object.prototype, format);
    assert.equal(item['polluted'], undefined, format);
    assert.ok(Object.prototype.hasOwnProperty.call(item, '__proto__'), `${format}: __proto__ is an own property`);
  }
});

test('finding 7 (issue 11): normalize(csv) fails with the encoder\'s code wherever the CSV encoder does', () => {
  const t = { method: '/common/lookup/list', list: [{ object: 'option', 'obj\ud800ect': 'x' }] } as unknown as Document;
  assert.throws(() => encode(t, { format: 'csv' }), (e: unknown) => e instanceof CodecError && e.code === 'CSV_INVALID_CHARACTER');
  assert.throws(() => normalize(t, 'csv'), (e: unknown) => e instanceof CodecError && e.code === 'CSV_INVALID_CHARACTER');
  // Lone surrogates anywhere a column name is made of: agreement, case by case.
  const names = ['\ud800', 'a\udc00', 'ip.\ud800', '\ud83d'];
  for (const name of names) {
    for (const tree of [
      { list: [{ [name]: 1 }] },
      { list: [{ ip: { [name]: 1 } }] },
      { list: [{ l: [{ [name]: 'x' }] }] },
      { list: [{ a: `v${name}` }] },
      { summary: { [name]: 1 }, list: [] },
    ]) {
      const doc = tree as unknown as Document;
      const codeOf = (f: () => unknown): string | undefined => {
        try {
          f();
          return undefined;
        } catch (e) {
          if (e instanceof CodecError) return e.code;
          throw e;
        }
      };
      assert.equal(codeOf(() => normalize(doc, 'csv')), codeOf(() => encode(doc, { format: 'csv' })), JSON.stringify(tree));
    }
  }
});
