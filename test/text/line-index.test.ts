/**
 * LineIndex: offsets to 1-based line/column, the same whether the text is counted whole, in
 * windows, or one line break at a time.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../src/text/line-index.js';

/** The reference: count the LFs before `offset`. */
function reference(text: string, offset: number): { line: number; column: number; offset: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - (nl + 1) + 1, offset };
}

test('LineIndex: start, LF, CR and CRLF', () => {
  const lines = new LineIndex();
  assert.deepEqual(lines.position(0), { line: 1, column: 1, offset: 0 });
  lines.advance('a\r\nb\rc\n', 0);
  assert.equal(lines.line, 3);
  assert.equal(lines.lineStart, 7);
  assert.deepEqual(lines.position(9), { line: 3, column: 3, offset: 9 });
});

test('LineIndex.at does not keep what it counts; advance with from/upTo counts each break once', () => {
  const lines = new LineIndex();
  assert.deepEqual(lines.at('x\ny\nz', 10, 4), { line: 3, column: 1, offset: 14 });
  assert.equal(lines.line, 1);
  lines.advance('x\ny\nz', 10, 2);
  lines.advance('x\ny\nz', 10, 5, 2);
  assert.equal(lines.line, 3);
  assert.equal(lines.lineStart, 14);
});

test('LineIndex: every offset of any text, counted whole or in windows split anywhere, matches the reference', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', '\n', '\r', 'é', ' ')).map((cs) => cs.join('')), fc.array(fc.nat(), { maxLength: 4 }), (text, cuts) => {
      const bounds = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      for (let offset = 0; offset <= text.length; offset++) {
        const lines = new LineIndex();
        let base = 0;
        for (const cut of bounds) {
          if (cut > offset) break;
          lines.advance(text.slice(base, cut), base);
          base = cut;
        }
        assert.deepEqual(lines.at(text.slice(base), base, offset - base), reference(text, offset));
      }
    }),
    { numRuns: 200 },
  );
});
