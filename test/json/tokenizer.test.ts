/**
 * The validating JSON tokenizer: the first problem of a text (code and index of the offending
 * character), and the integers JSON.parse would round.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { findInexactInteger, findJsonProblem } from '../../src/json/tokenizer.js';

const VALID = ['{}', '[]', ' 1 ', '-0', '-0.5e+3', '1E-2', '"\\u00e9\\n\\"\\\\\\/\\b\\f\\r\\t"', 'true', 'false', 'null', '{"a":[1,2,{"b":null}],"c":true}', '[[],[{}],""]', '\r\n\t{ "a" : 1 }\r\n'];

test('findJsonProblem: a valid value has no problem', () => {
  for (const text of VALID) assert.equal(findJsonProblem(text, 0, text.length, true), undefined, text);
});

const PROBLEMS: [text: string, code: string, index: number][] = [
  ['01', 'JSON_INVALID_NUMBER', 1],
  ['-01', 'JSON_INVALID_NUMBER', 2],
  ['00000', 'JSON_INVALID_NUMBER', 1],
  ['-', 'JSON_INVALID_NUMBER', 1],
  ['--1', 'JSON_INVALID_NUMBER', 1],
  ['1.', 'JSON_INVALID_NUMBER', 2],
  ['1.x', 'JSON_INVALID_NUMBER', 2],
  ['1e', 'JSON_INVALID_NUMBER', 2],
  ['1e+', 'JSON_INVALID_NUMBER', 3],
  ['[1,]', 'JSON_UNEXPECTED_CHARACTER', 3],
  ['{"a":1,}', 'JSON_UNEXPECTED_CHARACTER', 7],
  ['{"a" 1}', 'JSON_UNEXPECTED_CHARACTER', 5],
  ['{"a":1 "b":2}', 'JSON_UNEXPECTED_CHARACTER', 7],
  ['[1 2]', 'JSON_UNEXPECTED_CHARACTER', 3],
  ['{1:2}', 'JSON_UNEXPECTED_CHARACTER', 1],
  ['{]', 'JSON_UNEXPECTED_CHARACTER', 1],
  [']', 'JSON_UNEXPECTED_CHARACTER', 0],
  ['x', 'JSON_UNEXPECTED_CHARACTER', 0],
  ["'a'", 'JSON_UNEXPECTED_CHARACTER', 0],
  ['trux', 'JSON_UNEXPECTED_CHARACTER', 3],
  ['nulL', 'JSON_UNEXPECTED_CHARACTER', 3],
  ['"a\\x"', 'JSON_INVALID_STRING', 3],
  ['"a\\u12G4"', 'JSON_INVALID_STRING', 6],
  ['"a\tb"', 'JSON_INVALID_STRING', 2],
  ['"a\u0001"', 'JSON_INVALID_STRING', 2],
  ['"a\nb"', 'JSON_INVALID_STRING', 2],
  ['{} x', 'JSON_TRAILING_DATA', 3],
  ['{"a":1}}', 'JSON_TRAILING_DATA', 7],
  ['1 2', 'JSON_TRAILING_DATA', 2],
  ['', 'JSON_UNEXPECTED_END', 0],
  ['   ', 'JSON_UNEXPECTED_END', 3],
  ['[', 'JSON_UNEXPECTED_END', 1],
  ['{"a":', 'JSON_UNEXPECTED_END', 5],
  ['{"a"', 'JSON_UNEXPECTED_END', 4],
  ['"abc', 'JSON_UNEXPECTED_END', 4],
  ['"a\\', 'JSON_UNEXPECTED_END', 3],
  ['tru', 'JSON_UNEXPECTED_END', 3],
  ['nul', 'JSON_UNEXPECTED_END', 3],
];

test('findJsonProblem: the first problem, its code and the index of the offending character', () => {
  for (const [text, code, index] of PROBLEMS) {
    const problem = findJsonProblem(text, 0, text.length, true);
    assert.deepEqual(problem === undefined ? undefined : { code: problem.code, index: problem.index }, { code, index }, JSON.stringify(text));
  }
});

test('findJsonProblem: indexes are into the whole buffer when the value starts later', () => {
  const prefix = 'xx{"list":[';
  const text = `${prefix}{"a":01}]`;
  const problem = findJsonProblem(text, prefix.length, prefix.length + 8, true);
  assert.deepEqual({ code: problem?.code, index: problem?.index }, { code: 'JSON_INVALID_NUMBER', index: prefix.length + 6 });
  // `end` bounds the scan: what follows is not looked at.
  assert.equal(findJsonProblem('{"a":1}garbage', 0, 7, true), undefined);
});

test('findJsonProblem: an unfinished value is no problem while more input may come', () => {
  for (const text of ['[1,2', '"ab', '12', 'tr', '{"a":', '{"a', '"a\\', '"\\u00', '-', '1.', '1e']) {
    assert.equal(findJsonProblem(text, 0, text.length, false), undefined, text);
  }
  // …but a definite problem is one already.
  for (const [text, code, index] of [
    ['{"a":1,}', 'JSON_UNEXPECTED_CHARACTER', 7],
    ['[01', 'JSON_INVALID_NUMBER', 2],
    ['"a\\q', 'JSON_INVALID_STRING', 3],
  ] as const) {
    const problem = findJsonProblem(text, 0, text.length, false);
    assert.deepEqual({ code: problem?.code, index: problem?.index }, { code, index }, text);
  }
});

test('findInexactInteger: the index of the first integer JSON.parse would round, or -1', () => {
  const rows: [string, number][] = [
    ['1152921504606846976', -1],
    ['-1152921504606846976', -1],
    ['9007199254740992', -1],
    ['9007199254740993', 0],
    ['-9007199254740993', 0],
    ['12345678901234567', 0],
    ['123456789012345678901234567890', 0],
    ['[1,9007199254740993]', 3],
    ['{"a":"x\\"9007199254740993","b":9007199254740993}', 31],
    ['"9007199254740993"', -1],
    ['9007199254740993.0', -1],
    ['9007199254740993e0', -1],
    ['1e400', -1],
    ['{"a":1,"b":2}', -1],
  ];
  for (const [text, index] of rows) assert.equal(findInexactInteger(text, 0, text.length), index, text);
  // Only [start, end) is looked at.
  const text = '9007199254740993,[1]';
  assert.equal(findInexactInteger(text, 17, text.length), -1);
});
