/**
 * XML escaping: what each function escapes, the characters XML 1.0 cannot carry (with the path
 * given), and which names can be XML attribute names. Every escaped string must parse back to
 * itself through the decoder.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, decode, type GoObject } from '../../src/index.js';
import { checkXmlCharacters, escapeAttribute, escapeText, isXmlName } from '../../src/xml/escape.js';

function expectInvalid(fn: () => unknown, path: string | undefined): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CodecError, String(e));
    assert.equal(e.code, 'XML_INVALID_CHARACTER');
    assert.equal(e.format, 'xml');
    assert.equal(e.path, path);
    return true;
  });
}

test('escapeText: & < > and CR; quotes, TAB and LF stay', () => {
  const rows: [string, string][] = [
    ['plain', 'plain'],
    ['', ''],
    ['a&b', 'a&amp;b'],
    ['<x>', '&lt;x&gt;'],
    [']]>', ']]&gt;'],
    ['"q" \'a\'', '"q" \'a\''],
    ['a\rb', 'a&#13;b'],
    ['a\r\nb', 'a&#13;\nb'],
    ['\t\n', '\t\n'],
    ['é中😀', 'é中😀'],
    ['&amp;', '&amp;amp;'],
  ];
  for (const [input, output] of rows) assert.equal(escapeText(input), output, JSON.stringify(input));
});

test('escapeAttribute: & < > " and CR, TAB, LF as references', () => {
  const rows: [string, string][] = [
    ['plain', 'plain'],
    ['a"b', 'a&quot;b'],
    ["a'b", "a'b"],
    ['a&<>b', 'a&amp;&lt;&gt;b'],
    ['\r\t\n', '&#13;&#9;&#10;'],
    ['😀', '😀'],
  ];
  for (const [input, output] of rows) assert.equal(escapeAttribute(input), output, JSON.stringify(input));
});

test('escaped strings decode back to themselves, in text and in attribute values', () => {
  const values = ['a&b<c>d"e\'f', ']]>', ' lead and trail ', 'cr\rlf\ncrlf\r\n', 'tab\tend', '😀 é', '&#13;', '<![CDATA[x]]>'];
  for (const value of values) {
    const text = `<object name="${escapeAttribute(value)}"><attribute name="${escapeAttribute(value)}">${escapeText(value)}</attribute></object>`;
    const doc = decode(text, { format: 'xml' }) as GoObject;
    assert.deepEqual(Object.entries(doc), value === 'object' ? [] : [['object', value], [value, value]], JSON.stringify(value));
  }
});

test('characters XML 1.0 cannot carry are refused: C0 controls, U+FFFE, U+FFFF, unpaired surrogates', () => {
  const bad = ['\u0000', 'a\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDBFF', 'x\uDC00', '\uDFFF', '\uD800a', 'a\uDC00\uD800'];
  for (const value of bad) {
    expectInvalid(() => escapeText(value, '/p'), '/p');
    expectInvalid(() => escapeAttribute(value, '/q'), '/q');
    expectInvalid(() => checkXmlCharacters(value, '/r'), '/r');
    expectInvalid(() => escapeText(value), undefined);
  }
  // Allowed: TAB, LF, CR, DEL, C1 controls, paired surrogates, the rest of the BMP.
  for (const value of ['\t\n\r', '\u007F', '\u0085', '\u009F', '\uD83D\uDE00', '\uE000', '\uFFFD', '\uFEFF']) {
    assert.doesNotThrow(() => escapeText(value), JSON.stringify(value));
    assert.doesNotThrow(() => escapeAttribute(value), JSON.stringify(value));
    assert.doesNotThrow(() => checkXmlCharacters(value, '/x'), JSON.stringify(value));
  }
});

test('isXmlName: plain ASCII names that do not start with a digit, `.`, `-` or `xml`', () => {
  for (const name of ['total', 'numpages', 'a', '_x', 'A1', 'a.b', 'a-b', 'a_b', 'x1.2-3']) assert.equal(isXmlName(name), true, name);
  for (const name of ['', '1a', '.a', '-a', 'a b', 'a:b', 'é', 'xml', 'XMLfoo', 'xmlns', 'a"b', 'a=b', 'a\n']) assert.equal(isXmlName(name), false, name);
});
