/**
 * CodecError: the fields, their rendering into the message, copies with a file or a path, the
 * `Symbol.for` brand behind `instanceof`, the decoders' one way to make one (codecError), and the
 * JSON Pointer helpers.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, type CodecErrorInit } from '../src/index.js';
import { codecError, pointer, pointerToken, quote } from '../src/errors.js';

const BRAND = Symbol.for('gogrid-codec.CodecError');

const FULL: CodecErrorInit = { code: 'JSON_UNEXPECTED_CHARACTER', format: 'json', detail: 'unexpected "]"', line: 3, column: 7, offset: 42, path: '/list/0/ip' };

test('fields: the init is kept as given', () => {
  const cause = new Error('inner');
  const e = new CodecError({ ...FULL, file: 'servers.json', cause });
  assert.equal(e.code, 'JSON_UNEXPECTED_CHARACTER');
  assert.equal(e.format, 'json');
  assert.equal(e.detail, 'unexpected "]"');
  assert.equal(e.line, 3);
  assert.equal(e.column, 7);
  assert.equal(e.offset, 42);
  assert.equal(e.path, '/list/0/ip');
  assert.equal(e.file, 'servers.json');
  assert.equal(e.cause, cause);
  assert.equal(e.name, 'CodecError');
  assert.ok(e instanceof Error);
  assert.ok(e instanceof CodecError);
  assert.equal(typeof e.stack, 'string');
});

test('fields: optional ones are undefined when not given', () => {
  const e = new CodecError({ code: 'OPTION_INVALID', format: 'options', detail: 'x' });
  assert.equal(e.line, undefined);
  assert.equal(e.column, undefined);
  assert.equal(e.offset, undefined);
  assert.equal(e.path, undefined);
  assert.equal(e.file, undefined);
  assert.equal(e.cause, undefined);
});

test(
  'fields: optional ones not given are absent, not own properties holding undefined',
  () => {
    const e = new CodecError({ code: 'OPTION_INVALID', format: 'options', detail: 'x' });
    for (const k of ['line', 'column', 'offset', 'path', 'file']) assert.equal(Object.hasOwn(e, k), false, k);
  },
);

test('fields: code, format, line, column, offset, path and file are enumerable', () => {
  const e = new CodecError({ ...FULL, file: 'a.json' });
  const keys = Object.keys(e);
  for (const k of ['code', 'format', 'detail', 'line', 'column', 'offset', 'path', 'file']) {
    assert.ok(keys.includes(k), `${k} is enumerable (keys: ${keys.join(',')})`);
  }
  const spread = { ...e } as Record<string, unknown>;
  assert.equal(spread['code'], 'JSON_UNEXPECTED_CHARACTER');
  assert.equal(spread['line'], 3);
});

test('JSON.stringify shows code, format, line, column, offset, path and the message', () => {
  const e = new CodecError({ ...FULL, cause: new Error('not serialised') });
  const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
  assert.equal(json['code'], 'JSON_UNEXPECTED_CHARACTER');
  assert.equal(json['format'], 'json');
  assert.equal(json['line'], 3);
  assert.equal(json['column'], 7);
  assert.equal(json['offset'], 42);
  assert.equal(json['path'], '/list/0/ip');
  assert.equal(json['name'], 'CodecError');
  assert.equal(json['message'], e.message);
  assert.equal('cause' in json, false, 'the cause is left out of JSON');
});

test('JSON.stringify leaves out fields that were not given', () => {
  const json = JSON.parse(JSON.stringify(new CodecError({ code: 'TREE_UNSUPPORTED_VALUE', format: 'tree', detail: 'x' }))) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json).sort(), ['code', 'detail', 'format', 'message', 'name']);
});

test('message rendering: file:line:col: CODE detail (at /path)', () => {
  const rows: { description: string; init: CodecErrorInit; message: string }[] = [
    { description: 'everything', init: { ...FULL, file: 'a.json' }, message: 'a.json:3:7: JSON_UNEXPECTED_CHARACTER unexpected "]" (at /list/0/ip)' },
    { description: 'no file', init: FULL, message: '3:7: JSON_UNEXPECTED_CHARACTER unexpected "]" (at /list/0/ip)' },
    { description: 'no path', init: { code: 'XML_MALFORMED', format: 'xml', detail: 'bad', line: 1, column: 2 }, message: '1:2: XML_MALFORMED bad' },
    { description: 'empty path (the root) is not shown', init: { code: 'XML_MALFORMED', format: 'xml', detail: 'bad', line: 1, column: 2, path: '' }, message: '1:2: XML_MALFORMED bad' },
    { description: 'no position', init: { code: 'TREE_UNSUPPORTED_VALUE', format: 'tree', detail: 'NaN', path: '/a' }, message: 'TREE_UNSUPPORTED_VALUE NaN (at /a)' },
    { description: 'nothing but code and detail', init: { code: 'OPTION_INVALID', format: 'options', detail: 'bad' }, message: 'OPTION_INVALID bad' },
    { description: 'file without position', init: { code: 'INPUT_FORMAT_UNKNOWN', format: 'input', detail: 'empty', file: 'x.txt' }, message: 'x.txt: INPUT_FORMAT_UNKNOWN empty' },
    { description: 'line without column renders column 1', init: { code: 'CSV_FIELD_COUNT', format: 'csv', detail: 'n', line: 4 }, message: '4:1: CSV_FIELD_COUNT n' },
    { description: 'the offset is not rendered', init: { code: 'CSV_FIELD_COUNT', format: 'csv', detail: 'n', line: 4, column: 2, offset: 99 }, message: '4:2: CSV_FIELD_COUNT n' },
  ];
  for (const row of rows) assert.equal(new CodecError(row.init).message, row.message, row.description);
});

test('withFile: a new error rendered with the file, other fields kept', () => {
  const cause = new Error('inner');
  const e = new CodecError({ ...FULL, cause });
  const f = e.withFile('servers.json');
  assert.notEqual(f, e);
  assert.ok(f instanceof CodecError);
  assert.equal(f.file, 'servers.json');
  assert.equal(f.message, 'servers.json:3:7: JSON_UNEXPECTED_CHARACTER unexpected "]" (at /list/0/ip)');
  assert.deepEqual([f.code, f.format, f.detail, f.line, f.column, f.offset, f.path], [e.code, e.format, e.detail, e.line, e.column, e.offset, e.path]);
  assert.equal(f.cause, cause);
  assert.equal(e.file, undefined, 'the original is unchanged');
  assert.equal(e.message, '3:7: JSON_UNEXPECTED_CHARACTER unexpected "]" (at /list/0/ip)');
  assert.equal(f.withFile('other.json').message.startsWith('other.json:3:7: '), true, 'a second withFile replaces the name');
});

test('withPath: a new error with the path', () => {
  const e = new CodecError({ code: 'GRAMMAR_VIOLATION', format: 'grammar', detail: 'must be boolean' });
  const p = e.withPath('/list/0/public');
  assert.equal(p.path, '/list/0/public');
  assert.equal(p.message, 'GRAMMAR_VIOLATION must be boolean (at /list/0/public)');
  assert.equal(e.path, undefined);
});

test('toInit gives back the fields it was made from', () => {
  const init: CodecErrorInit = { ...FULL, file: 'f' };
  assert.deepEqual(new CodecError(init).toInit(), init);
});

test('instanceof: the Symbol.for brand is what counts', () => {
  const real = new CodecError(FULL);
  assert.ok(real instanceof CodecError);
  assert.equal(Object.getOwnPropertyDescriptor(real, BRAND)?.value, true);

  // An error made by another copy of the package: a plain Error carrying the shared brand.
  const foreign = new Error('from another copy');
  Object.defineProperty(foreign, BRAND, { value: true });
  assert.ok(foreign instanceof CodecError);
  const plainBranded = { [BRAND]: true };
  assert.ok(plainBranded instanceof CodecError);

  assert.equal(new Error('plain') instanceof CodecError, false);
  assert.equal(Object.assign(new Error('look-alike'), { code: 'OPTION_INVALID', format: 'options' }) instanceof CodecError, false);
  const wrongValue = new Error('brand not true');
  Object.defineProperty(wrongValue, BRAND, { value: 'yes' });
  assert.equal(wrongValue instanceof CodecError, false);
  const otherSymbol = new Error('local symbol');
  Object.defineProperty(otherSymbol, Symbol('gogrid-codec.CodecError'), { value: true });
  assert.equal(otherSymbol instanceof CodecError, false);
  for (const v of [null, undefined, 'CodecError', 42, true]) assert.equal((v as unknown) instanceof CodecError, false);
});

test('instanceof: errors of a subclass and copies from withFile/withPath are recognised', () => {
  class Sub extends CodecError {}
  assert.ok(new Sub(FULL) instanceof CodecError);
  assert.ok(new CodecError(FULL).withFile('x') instanceof CodecError);
  assert.ok(new CodecError(FULL).withPath('/a') instanceof CodecError);
});

test('codecError: format, code, detail, the position and the path; no path when it is absent or the root', () => {
  const at = { line: 3, column: 7, offset: 42 };
  const e = codecError('json', 'JSON_UNEXPECTED_CHARACTER', 'unexpected "]"', at, '/list/0/ip');
  assert.ok(e instanceof CodecError);
  assert.deepEqual(e.toInit(), FULL);
  assert.equal(e.message, '3:7: JSON_UNEXPECTED_CHARACTER unexpected "]" (at /list/0/ip)');
  for (const path of [undefined, '']) {
    const bare = codecError('csv', 'CSV_FIELD_COUNT', 'the row has 3 fields; the header has 2 columns', at, path);
    assert.deepEqual(bare.toInit(), { code: 'CSV_FIELD_COUNT', format: 'csv', detail: 'the row has 3 fields; the header has 2 columns', ...at });
    assert.equal(Object.prototype.hasOwnProperty.call(bare, 'path'), false);
  }
});

test('pointer: tokens escaped per RFC 6901 (~ as ~0, / as ~1)', () => {
  const rows: { tokens: (string | number)[]; expected: string }[] = [
    { tokens: [], expected: '' },
    { tokens: ['list', 0, 'ip'], expected: '/list/0/ip' },
    { tokens: ['a/b'], expected: '/a~1b' },
    { tokens: ['m~n'], expected: '/m~0n' },
    { tokens: ['~1'], expected: '/~01' },
    { tokens: ['/~'], expected: '/~1~0' },
    { tokens: ['~/~/'], expected: '/~0~1~0~1' },
    { tokens: [''], expected: '/' },
    { tokens: ['', ''], expected: '//' },
    { tokens: ['__proto__', 'constructor'], expected: '/__proto__/constructor' },
    { tokens: ['a b', 'é'], expected: '/a b/é' },
  ];
  for (const row of rows) assert.equal(pointer(row.tokens), row.expected, JSON.stringify(row.tokens));
  assert.equal(pointerToken(12), '12');
  assert.equal(pointerToken('x/y~z'), 'x~1y~0z');
});

test('pointer: unescaping gives the tokens back', () => {
  const tokens = ['~0', '~1', '/', '~', 'a~/b', '~~//'];
  const unescaped = pointer(tokens)
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  assert.deepEqual(unescaped, tokens);
});

test('quote: JSON-style, shortened when long, never throws', () => {
  assert.equal(quote('yaml'), '"yaml"');
  assert.equal(quote(-1), '-1');
  assert.equal(quote(true), 'true');
  assert.equal(quote(null), 'null');
  assert.equal(quote(undefined), 'undefined');
  assert.equal(quote({ a: 1 }), '{"a":1}');
  const long = quote('x'.repeat(200));
  assert.equal(long.length, 80);
  assert.ok(long.endsWith('...'));
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  assert.equal(typeof quote(cyclic), 'string');
  assert.equal(quote(10n), '10');
  assert.equal(typeof quote(Symbol('s')), 'string');
});
