/**
 * The JSON decoder core: envelopes with members anywhere around the list, fragments, wrapped
 * envelopes, duplicate keys, hostile names, exact numbers, and every JSON_* error at its exact
 * position. Each case is decoded whole, per character, per byte and split at several places,
 * and must give the same tree or the same error code and position every time.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decode, type Document, type GoObject, isEnvelope } from '../../src/index.js';
import { decodeChunks } from '../helpers/chunks.js';
import { expectations, type Failure, obj } from '../helpers/expect.js';

const { expectTree, expectFailure } = expectations('json');





function prototypeSnapshot(): Map<string | symbol, PropertyDescriptor | undefined> {
  const out = new Map<string | symbol, PropertyDescriptor | undefined>();
  for (const key of Reflect.ownKeys(Object.prototype)) out.set(key, Object.getOwnPropertyDescriptor(Object.prototype, key));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Envelopes and fragments

test('envelope members before the list keep their place (source order)', () => {
  expectTree('{"summary":{"total":1,"start":0,"returned":1},"status":"success","method":"/grid/ip/list","list":[{"object":"ip","id":1}]}', {
    summary: { total: 1, start: 0, returned: 1 },
    status: 'success',
    method: '/grid/ip/list',
    list: [{ object: 'ip', id: 1 }],
  });
});

test('envelope members after the list keep their place (source order)', () => {
  expectTree('{"list":[{"object":"ip","id":1},{"object":"ip","id":2}],"summary":{"total":2},"status":"success","method":"/grid/ip/list"}', {
    list: [
      { object: 'ip', id: 1 },
      { object: 'ip', id: 2 },
    ],
    summary: { total: 2 },
    status: 'success',
    method: '/grid/ip/list',
  });
});

test('envelope members around the list keep their place (source order)', () => {
  expectTree('{"method":"/grid/ip/list","list":[{"id":1}],"status":"success","summary":{"total":1}}', {
    method: '/grid/ip/list',
    list: [{ id: 1 }],
    status: 'success',
    summary: { total: 1 },
  });
});

test('unknown envelope members are kept, scalars and objects alike, before and after the list', () => {
  expectTree('{"requestId":"abc","list":[{"id":1}],"extra":{"a":[{"b":1}]},"flag":true,"none":null}', {
    requestId: 'abc',
    list: [{ id: 1 }],
    extra: { a: [{ b: 1 }] },
    flag: true,
    none: null,
  });
});

test('an envelope wrapped in a one-element array', () => {
  expectTree('[ {"list":[{"id":1}],"status":"success"} ]', { list: [{ id: 1 }], status: 'success' });
  expectTree('[\n  {\n    "status": "success",\n    "list": []\n  }\n]\n', { status: 'success', list: [] });
});

test('an array with anything but one envelope object is refused at the offending character', () => {
  expectFailure('[{"list":[]},{}]', { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 13, offset: 12 });
  expectFailure('[{"list":[]}', { code: 'JSON_UNEXPECTED_END', line: 1, column: 13, offset: 12 });
  expectFailure('[1]', { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 2, offset: 1 });
  expectFailure('[]', { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 2, offset: 1 });
});

test('a bare object is a fragment', () => {
  expectTree('{"object":"ip","id":1,"ip":"10.0.0.1","state":{"object":"option","id":2}}', { object: 'ip', id: 1, ip: '10.0.0.1', state: { object: 'option', id: 2 } });
  const doc = decode('{"object":"ip","id":1}');
  assert.equal(isEnvelope(doc), false);
});

test('an empty list and an empty object', () => {
  expectTree('{"list":[]}', { list: [] });
  expectTree('{"status":"success","list":[],"method":"/m"}', { status: 'success', list: [], method: '/m' });
  expectTree('{}', {});
  expectTree(' { } ', {});
  assert.equal(isEnvelope(decode('{}')), false);
});

test('duplicate keys: the last value wins at the place of the first, like JSON.parse', () => {
  const cases = [
    '{"a":1,"b":2,"a":3}',
    '{"list":[{"a":1,"b":2,"a":3}]}',
    '{"status":"a","list":[],"status":"b"}',
    '{"x":1,"list":[{"id":1}],"y":2,"x":3}',
    '{"list":[{"a":1}],"status":"s","status":"t"}',
  ];
  for (const text of cases) expectTree(text, JSON.parse(text) as Document);
});

test('duplicate keys: a later null wins over an earlier value of an envelope member', () => {
  const text = '{"x":1,"list":[],"x":null}';
  expectTree(text, JSON.parse(text) as Document);
});

test('a top-level `list` that is not an array makes a fragment', () => {
  expectTree('{"list":5}', { list: 5 } as unknown as Document);
  expectTree('{"list":{"a":1},"status":"s"}', { list: { a: 1 }, status: 's' } as unknown as Document);
  assert.equal(isEnvelope(decode('{"list":"x"}')), false);
});

test('a top-level `list` that is not an array, then a real one: the array wins and the document is an envelope', () => {
  const doc = decode('{"list":5,"status":"s","list":[{"id":1}]}');
  assert.ok(isEnvelope(doc));
  assert.deepEqual(doc.list, [{ id: 1 }]);
  assert.equal(doc.status, 's');
  expectTree('{"list":5,"list":[{"id":1}]}', { list: [{ id: 1 }] });
});

test('a non-array `list` then a real one: key order like JSON.parse (the first `list` key\'s place)', () => {
  const text = '{"list":5,"status":"s","list":[{"id":1}]}';
  expectTree(text, JSON.parse(text) as Document);
});

test('two list arrays are refused with TREE_INVALID_ENVELOPE at the second `list` key', () => {
  expectFailure('{"list":[],"list":[]}', { code: 'TREE_INVALID_ENVELOPE', line: 1, column: 12, offset: 11, path: '/list' });
  expectFailure('{"list":[{"a":1}],"list":5}', { code: 'TREE_INVALID_ENVELOPE', line: 1, column: 19, offset: 18, path: '/list' });
  expectFailure('{"status":"s","list":[{"a":1}],\n"x":1,"list":[{"b":2}]}', { code: 'TREE_INVALID_ENVELOPE', line: 2, column: 7, offset: 38, path: '/list' });
});

// ---------------------------------------------------------------------------------------------
// Text forms: BOM, CRLF, pretty

test('a BOM, CRLF line ends and pretty printing', () => {
  const expected: Document = { status: 'success', list: [{ id: 1, name: 'a b' }], summary: { total: 1 } };
  expectTree('\uFEFF{"status":"success","list":[{"id":1,"name":"a b"}],"summary":{"total":1}}', expected);
  expectTree('{\r\n  "status": "success",\r\n  "list": [\r\n    {\r\n      "id": 1,\r\n      "name": "a b"\r\n    }\r\n  ],\r\n  "summary": {\r\n    "total": 1\r\n  }\r\n}\r\n', expected);
  expectTree('\n\t{ "status" : "success" , "list" : [ { "id" : 1 , "name" : "a b" } ] , "summary" : { "total" : 1 } }\n\n', expected);
});

test('positions count CRLF as one line end and are after the BOM', () => {
  expectFailure('{\r\n  "list": [\r\n    {"a": 01}\r\n  ]\r\n}', { code: 'JSON_INVALID_NUMBER', line: 3, column: 12, offset: 27 });
  expectFailure('\uFEFF{"list":[{"a":01}]}', { code: 'JSON_INVALID_NUMBER', line: 1, column: 16, offset: 15 });
  expectFailure('\n\n  {"list":[{"a":01}]}', { code: 'JSON_INVALID_NUMBER', line: 3, column: 18, offset: 19 });
});

test('columns count UTF-16 code units (é is one, 😀 two)', () => {
  expectFailure('{"list":[{"a":"é😀","b":00}]}', { code: 'JSON_INVALID_NUMBER', line: 1, column: 26, offset: 25 });
});

test('escapes in keys and values decode', () => {
  expectTree('{"a\\u0062":"\\u00e9\\ud83d\\ude00\\n\\"\\\\\\/"}', { ab: 'é😀\n"\\/' });
});

// ---------------------------------------------------------------------------------------------
// Names are data

test('__proto__ and constructor keys are stored as data, Object.prototype untouched', () => {
  const before = prototypeSnapshot();
  expectTree('{"list":[{"__proto__":{"polluted":1},"constructor":"c","toString":5}]}', {
    list: [obj(['__proto__', { polluted: 1 }], ['constructor', 'c'], ['toString', 5])],
  });
  expectTree('{"__proto__":{"polluted":1},"list":[]}', obj(['__proto__', { polluted: 1 }], ['list', []]) as Document);
  expectTree('{"list":[],"__proto__":{"polluted":1}}', obj(['list', []], ['__proto__', { polluted: 1 }]) as Document);
  expectTree('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}', obj(['__proto__', { polluted: 1 }], ['constructor', { prototype: { polluted: 2 } }]));
  const item = (decode('{"list":[{"__proto__":{"polluted":1}}]}') as { list: GoObject[] }).list[0] as GoObject;
  assert.equal(Object.getPrototypeOf(item), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(item, '__proto__')?.value, { polluted: 1 });
  for (const text of ['{"__proto__":{"polluted":1},"list":[]}', '{"list":[],"__proto__":{"polluted":1}}', '{"__proto__":{"polluted":1}}']) {
    const doc = decode(text);
    assert.equal(Object.getPrototypeOf(doc), Object.prototype, text);
    assert.deepEqual(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value, { polluted: 1 }, text);
  }
  const after = prototypeSnapshot();
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [k, d] of before) assert.deepEqual(after.get(k), d);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

// ---------------------------------------------------------------------------------------------
// Numbers

test('integers beyond 2^53 that a double holds exactly are kept', () => {
  expectTree('{"list":[{"id":1152921504606846976}]}', { list: [{ id: 2 ** 60 }] });
  expectTree('{"id":-1152921504606846976}', { id: -(2 ** 60) });
  expectTree('{"list":[{"id":9007199254740992}]}', { list: [{ id: 2 ** 53 }] });
  const doc = decode('{"list":[{"id":1152921504606846976}]}');
  assert.ok(isEnvelope(doc));
  assert.equal(doc.list[0]?.['id'], 1152921504606846976);
});

test('inexact integers are refused with JSON_INTEGER_UNSAFE at the number', () => {
  expectFailure('{"list":[{"id":9007199254740993}]}', { code: 'JSON_INTEGER_UNSAFE', line: 1, column: 16, offset: 15 });
  expectFailure('{"id":9007199254740993}', { code: 'JSON_INTEGER_UNSAFE', line: 1, column: 7, offset: 6 });
  expectFailure('{"summary":{"total":-9007199254740993},"list":[]}', { code: 'JSON_INTEGER_UNSAFE', line: 1, column: 21, offset: 20 });
  expectFailure('{"list":[{"a":{"b":[{"c":12345678901234567}]}}]}', { code: 'JSON_INTEGER_UNSAFE', line: 1, column: 26, offset: 25 });
  // Inside a string it is text, not a number.
  expectTree('{"list":[{"id":"9007199254740993"}]}', { list: [{ id: '9007199254740993' }] });
});

test('-0 is kept as -0', () => {
  expectTree('{"list":[{"id":-0,"price":-0.0}]}', { list: [{ id: -0, price: -0 }] });
  const doc = decode('{"list":[{"id":-0}]}');
  assert.ok(isEnvelope(doc));
  assert.ok(Object.is(doc.list[0]?.['id'], -0));
});

test('a number beyond the double range is refused (TREE_UNSUPPORTED_VALUE), never Infinity in the tree', () => {
  expectFailure('{"list":[{"a":1e999}]}', { code: 'TREE_UNSUPPORTED_VALUE', line: 1, column: 10, offset: 9, path: '/list/0/a' });
  expectFailure('{"a":-1e400}', { code: 'TREE_UNSUPPORTED_VALUE', line: 1, column: 6, offset: 5, path: '/a' });
});

// ---------------------------------------------------------------------------------------------
// Errors, each at its exact position

const ERRORS: { description: string; text: string; error: Failure }[] = [
  { description: 'leading zeros (at the offending digit)', text: '{"list":[{"id":00000}]}', error: { code: 'JSON_INVALID_NUMBER', line: 1, column: 17, offset: 16 } },
  { description: 'leading zero in a member value', text: '{"summary":{"total":01},"list":[]}', error: { code: 'JSON_INVALID_NUMBER', line: 1, column: 22, offset: 21 } },
  { description: 'a lone minus', text: '{"list":[{"a":-}]}', error: { code: 'JSON_INVALID_NUMBER', line: 1, column: 16, offset: 15 } },
  { description: 'a point without digits', text: '{"list":[{"a":1.}]}', error: { code: 'JSON_INVALID_NUMBER', line: 1, column: 17, offset: 16 } },
  { description: 'a trailing comma in an object', text: '{"list":[{"id":1,}]}', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 18, offset: 17 } },
  { description: 'a trailing comma in the list', text: '{"list":[{"a":1},]}', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 18, offset: 17 } },
  { description: 'a trailing comma in the envelope', text: '{"list":[{"a":1}],}', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 19, offset: 18 } },
  { description: 'a trailing comma before the list', text: '{"status":"s",}', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 15, offset: 14 } },
  { description: 'a missing colon in a list object', text: '{"list":[{"id" 1}]}', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 16, offset: 15 } },
  { description: 'a missing colon in the envelope', text: '{"a" "b"}', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 6, offset: 5 } },
  { description: 'a misspelt literal', text: '{"list":[{"a":tru}]}', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 18, offset: 17 } },
  { description: 'an unterminated string', text: '{"list":[{"id":"abc', error: { code: 'JSON_UNEXPECTED_END', line: 1, column: 20, offset: 19 } },
  { description: 'an unterminated literal', text: '{"list":[{"a":nul', error: { code: 'JSON_UNEXPECTED_END', line: 1, column: 18, offset: 17 } },
  { description: 'a missing final brace', text: '{"list":[{"a":1}]', error: { code: 'JSON_UNEXPECTED_END', line: 1, column: 18, offset: 17 } },
  { description: 'a bad escape (at the escape letter)', text: '{"list":[{"id":"a\\qb"}]}', error: { code: 'JSON_INVALID_STRING', line: 1, column: 19, offset: 18 } },
  { description: 'a bad \\u escape (at the bad hex digit)', text: '{"list":[{"a":"x"}], "b": "\\u12"}', error: { code: 'JSON_INVALID_STRING', line: 1, column: 32, offset: 31 } },
  { description: 'a raw control character in a string', text: '{"list":[{"id":"a\tb"}]}', error: { code: 'JSON_INVALID_STRING', line: 1, column: 18, offset: 17 } },
  { description: 'garbage after the document', text: '{"list":[]} x', error: { code: 'JSON_TRAILING_DATA', line: 1, column: 13, offset: 12 } },
  { description: 'a second closing brace on the next line', text: '{"list":[{"a":1}]}\n}', error: { code: 'JSON_TRAILING_DATA', line: 2, column: 1, offset: 19 } },
  { description: 'empty input', text: '', error: { code: 'JSON_UNEXPECTED_END', line: 1, column: 1, offset: 0 } },
  { description: 'only whitespace', text: '   ', error: { code: 'JSON_UNEXPECTED_END', line: 1, column: 4, offset: 3 } },
  { description: 'a top-level number', text: '5', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 1, offset: 0 } },
  { description: 'a top-level string', text: '"x"', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 1, column: 1, offset: 0 } },
  { description: 'a top-level scalar after whitespace', text: '\n  true', error: { code: 'JSON_UNEXPECTED_CHARACTER', line: 2, column: 3, offset: 3 } },
  { description: 'a list of scalars (TREE_UNSUPPORTED_VALUE with its path)', text: '{"list":[1]}', error: { code: 'TREE_UNSUPPORTED_VALUE', line: 1, column: 10, offset: 9, path: '/list/0' } },
  { description: 'a list of strings after an object', text: '{"list":[{"a":1},"x"]}', error: { code: 'TREE_UNSUPPORTED_VALUE', line: 1, column: 18, offset: 17, path: '/list/1' } },
  { description: 'a nested list of scalars (at its list object, with the path)', text: '{"list":[{"a":[1]}]}', error: { code: 'TREE_UNSUPPORTED_VALUE', line: 1, column: 10, offset: 9, path: '/list/0/a/0' } },
  { description: 'status not a string, before the list (at the member value)', text: '{"status":5,"list":[]}', error: { code: 'TREE_INVALID_ENVELOPE', line: 1, column: 11, offset: 10, path: '/status' } },
  { description: 'status not a string, after the list (at the member value)', text: '{"list":[],"status":5}', error: { code: 'TREE_INVALID_ENVELOPE', line: 1, column: 21, offset: 20, path: '/status' } },
  { description: 'summary not an object', text: '{"list":[{"id":1}],"summary":5}', error: { code: 'TREE_INVALID_ENVELOPE', line: 1, column: 30, offset: 29, path: '/summary' } },
  { description: 'a summary field that is an object', text: '{"list":[{"id":1}],"summary":{"a":{}}}', error: { code: 'TREE_INVALID_ENVELOPE', line: 1, column: 30, offset: 29, path: '/summary/a' } },
  { description: 'a summary field that is a list, before the list', text: '{"summary":{"a":[]},"list":[]}', error: { code: 'TREE_INVALID_ENVELOPE', line: 1, column: 12, offset: 11, path: '/summary/a' } },
];

for (const row of ERRORS) {
  test(`error: ${row.description} → ${row.error.code} at ${row.error.line}:${row.error.column}`, () => {
    expectFailure(row.text, row.error);
  });
}

test('a status that is not a string in a fragment is data, not an envelope error', () => {
  expectTree('{"status":5,"id":1}', { status: 5, id: 1 } as unknown as Document);
});

// ---------------------------------------------------------------------------------------------
// Limits

test('10,000-deep nesting is refused with TREE_DEPTH_EXCEEDED at the first object too deep, without a stack overflow', () => {
  const depth = 10_000;
  const text = `{"list":[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]}`;
  const started = Date.now();
  assert.deepEqual(decodeChunks('json', [text]), { ok: false, code: 'TREE_DEPTH_EXCEEDED', line: 1, column: 330, offset: 329 });
  assert.ok(Date.now() - started < 2000);
  // 64 levels (the default maxDepth) are fine; 65 are not, wherever the text is cut.
  expectTree(`{"list":[${'{"a":'.repeat(63)}{}${'}'.repeat(63)}]}`, decode(`{"list":[${'{"a":'.repeat(63)}{}${'}'.repeat(63)}]}`));
  expectFailure(`{"list":[${'{"a":'.repeat(65)}1${'}'.repeat(65)}]}`, { code: 'TREE_DEPTH_EXCEEDED', line: 1, column: 330, offset: 329 });
});

test('the other limits, with their positions and paths', () => {
  const long = 'x'.repeat(20);
  // A string without escapes: at the first character past the limit; with escapes (its value
  // may be shorter than its text), at the start of the list object, with the exact path.
  expectFailure(`{"list":[{"a":"${long}"}]}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 26, offset: 25, path: '/list/0/a' }, { limits: { maxValueLength: 10 } });
  expectFailure(`{"list":[{"a":{"b":[{"c":"${long}"}]}}]}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 37, offset: 36, path: '/list/0/a/b/0/c' }, { limits: { maxValueLength: 10 } });
  expectFailure(`{"list":[{"a":"\\n${long}"}]}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 10, offset: 9, path: '/list/0/a' }, { limits: { maxValueLength: 10 } });
  expectFailure(`{"list":[{"${long}":1}]}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 22, offset: 21, path: '/list/0' }, { limits: { maxValueLength: 10 } });
  expectFailure(`{"status":"${long}","list":[]}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 22, offset: 21, path: '/status' }, { limits: { maxValueLength: 10 } });
  // The attribute past the limit: at its key.
  expectFailure('{"list":[{"a":1,"b":2,"c":3}]}', { code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 23, offset: 22, path: '/list/0' }, { limits: { maxAttributes: 2 } });
  expectFailure('{"a":1,"b":2,"c":3,"list":[]}', { code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 14, offset: 13 }, { limits: { maxAttributes: 2 } });
  expectFailure('{"list":[],"a":1,"b":2,"c":3}', { code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 24, offset: 23 }, { limits: { maxAttributes: 2 } });
  // The list item past the limit: at its start, with the list's path.
  expectFailure('{"list":[{"a":[{},{},{}]}]}', { code: 'TREE_TOO_MANY_ITEMS', line: 1, column: 22, offset: 21, path: '/list/0/a' }, { limits: { maxListItems: 2 } });
  expectFailure('{"list":[{"a":[{},{}, {"x":[{}]}]}]}', { code: 'TREE_TOO_MANY_ITEMS', line: 1, column: 23, offset: 22, path: '/list/0/a' }, { limits: { maxListItems: 2 } });
  // The envelope's own list is streamed and not limited.
  expectTree('{"list":[{},{},{}]}', { list: [{}, {}, {}] }, { limits: { maxListItems: 2 } });
  expectFailure(`{"list":[{"a":"${'x'.repeat(200)}"}]}`, { code: 'TREE_OBJECT_TOO_LARGE', line: 1, column: 10, offset: 9, path: '/list/0' }, { limits: { maxObjectText: 100 } });
});

test('a top-level name longer than maxValueLength is TREE_VALUE_TOO_LONG at its first character past the limit', () => {
  const long = 'k'.repeat(20);
  expectFailure(`{"${long}":1}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 13, offset: 12 }, { limits: { maxValueLength: 10 } });
  expectFailure(`{"list":[],"${long}":1}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 23, offset: 22 }, { limits: { maxValueLength: 10 } });
  // With an escape, the name's value is known only once it is read: at the key.
  expectFailure(`{"\\t${long}":1}`, { code: 'TREE_VALUE_TOO_LONG', line: 1, column: 2, offset: 1 }, { limits: { maxValueLength: 10 } });
});

test('a smaller maxDepth applies to list objects', () => {
  expectTree('{"list":[{"a":{"b":1}}]}', { list: [{ a: { b: 1 } }] }, { limits: { maxDepth: 2 } });
  expectFailure('{"list":[{"a":{"b":{"c":1}}}]}', { code: 'TREE_DEPTH_EXCEEDED', line: 1, column: 20, offset: 19 }, { limits: { maxDepth: 2 } });
});
