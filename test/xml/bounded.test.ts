/**
 * Regression tests of issue 11 for the XML decoder: limits enforced while the input arrives, time
 * linear in the chunking, and an error position that does not depend on the split.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeChunks, splitAt } from '../helpers/chunks.js';
import { endless } from '../fuzz/bounded.js';
import { growth, LONG_THINGS } from '../fuzz/long.js';

const MiB = 1024 * 1024;
const OPEN = '<gogrid><response method="/grid/ip/list" status="success"><list><object name="ip">';

test('finding 1: an endless text value fed 64 KiB at a time stops at TREE_VALUE_TOO_LONG within a stride of the limit (not at 16 MB)', () => {
  const out = endless('xml', `${OPEN}<attribute name="ip">`, 'a', 65536, 64 * MiB);
  assert.equal(out.code, 'TREE_VALUE_TOO_LONG');
  // At the start of the text, with the path; read at most the limit plus two strides of 64 KiB.
  assert.deepEqual([out.line, out.column, out.offset, out.path], [1, 104, 103, '/list/0/ip']);
  assert.ok(out.written < MiB + 3 * 65536, `stopped after ${out.written} characters`);
  assert.ok(out.peakRss < 200 * MiB, `peak RSS ${Math.round(out.peakRss / MiB)} MB`);
});

test('finding 1: the same for a comment, CDATA, a value with > in it, and an attribute value in a tag', () => {
  const cases: [string, string, string][] = [
    ['comment', `${OPEN}<!--`, 'c'],
    ['CDATA', `${OPEN}<attribute name="ip"><![CDATA[`, 'd'],
    ['text with >', `${OPEN}<attribute name="ip">`, 'aaaaaaa>'],
    ['attribute value', '<gogrid><response method="', 'm'],
    ['layout', `${OPEN}`, ' '],
  ];
  for (const [what, prefix, body] of cases) {
    const out = endless('xml', prefix, body, 65536, 64 * MiB);
    assert.equal(out.code, 'TREE_VALUE_TOO_LONG', what);
    assert.ok(out.written < MiB + 3 * 65536, `${what}: stopped after ${out.written} characters`);
  }
});

test('finding 3: attributes on <summary> and <response> are counted while the tag is read', () => {
  for (const prefix of ['<gogrid><response method="/grid/ip/list"><summary', '<gogrid><response method="/grid/ip/list"']) {
    let i = 0;
    const body = Array.from({ length: 2000 }, () => ` a${i++}="1"`).join('');
    const out = endless('xml', prefix, body, body.length, 1_000_000 * 8);
    assert.equal(out.code, 'TREE_TOO_MANY_ATTRIBUTES', prefix);
    assert.ok(out.written < 200_000, `stopped after ${out.written} characters`);
  }
  // At the tag; the summary's path.
  const few = '<gogrid><response method="/grid/ip/list"><summary a="1" b="2" c="3"/><list/></response></gogrid>';
  assert.deepEqual(decodeChunks('xml', [few], { limits: { maxAttributes: 2 } }), { ok: false, code: 'TREE_TOO_MANY_ATTRIBUTES', line: 1, column: 42, offset: 41, path: '/summary' });
});

test('finding 4: text and comments in one-character chunks cost linear time', () => {
  for (const thing of LONG_THINGS.filter((t) => t.format === 'xml' && (t.kind === 'value' || t.kind === 'comment'))) {
    const ratio = growth(thing, 20000, { limits: { maxValueLength: 1e9 } }, 4);
    assert.ok(ratio < 9, `${thing.kind}: 4× the input took ${ratio.toFixed(1)}× the time`);
  }
});

test('finding 5: stray text after the root is reported where it starts, however the input is split', () => {
  const d = '<?l?><object name=""></object>>>';
  const whole = decodeChunks('xml', [d]);
  assert.deepEqual(whole, { ok: false, code: 'XML_MALFORMED', line: 1, column: 31, offset: 30 });
  for (let i = 1; i < d.length; i++) assert.deepEqual(decodeChunks('xml', splitAt(d, [i])), whole, `split at ${i}`);
  assert.deepEqual(decodeChunks('xml', Array.from(d)), whole, 'one character at a time');
  // After whitespace and a comment, at the first stray character.
  const later = '<object/>\n  <!-- c -->\n x';
  const at = decodeChunks('xml', [later]);
  assert.deepEqual(at, { ok: false, code: 'XML_MALFORMED', line: 3, column: 2, offset: 24 });
  assert.deepEqual(decodeChunks('xml', Array.from(later)), at);
});
