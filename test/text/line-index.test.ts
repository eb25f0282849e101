/**
 * LineIndex: offsets to 1-based line/column, the same whether the text is counted whole, in
 * windows, or one line break at a time, from the index's own state or from a state copied into
 * another index (CSV's row start), with or without a hint where the first line break is.
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

test('LineIndex.set copies a state: positions from it are those of the index it was copied from', () => {
  const lines = new LineIndex();
  lines.advance('ab\ncd\n', 0);
  const saved = new LineIndex();
  saved.set(lines.line, lines.lineStart);
  lines.advance('e"f\ng"\nh', 6);
  assert.equal(lines.line, 5);
  assert.deepEqual(saved.at('e"f\ng"\nh', 6, 4), { line: 4, column: 1, offset: 10 });
  assert.deepEqual(saved.position(7), { line: 3, column: 2, offset: 7 });
  // A position as a state: its line, and its offset less its column plus 1.
  saved.set(7, 100 - 4 + 1);
  assert.deepEqual(saved.at(' \n  x', 100, 4, 0), { line: 8, column: 3, offset: 104 });
});

test('LineIndex.at: by default counting starts where the current line starts, even in a text that begins before it', () => {
  const lines = new LineIndex();
  lines.advance('a\nb\nc', 0, 4);
  assert.equal(lines.lineStart, 4);
  // The window begins at offset 0: the two line breaks before offset 4 were counted already.
  assert.deepEqual(lines.at('a\nb\nc\nd', 0, 5), { line: 3, column: 2, offset: 5 });
  assert.deepEqual(lines.at('a\nb\nc\nd', 0, 6), { line: 4, column: 1, offset: 6 });
});

test('LineIndex.at: a hint at the first line break gives the same positions', () => {
  const text = 'abc,"d\ne",f\n';
  const lines = new LineIndex();
  lines.advance('x\n', 0);
  const first = text.indexOf('\n');
  for (let i = 0; i <= text.length; i++) assert.deepEqual(lines.at(text, 2, i, first), lines.at(text, 2, i));
  assert.deepEqual(lines.at('abc', 2, 2, 3), { line: 2, column: 3, offset: 4 });
});

test('LineIndex: positions from a saved row start, after the count moved past the row, match the reference', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', '\n', '\r', ' '), { maxLength: 40 }).map((cs) => cs.join('')), fc.nat(), fc.nat(), (text, a, b) => {
      const start = a % (text.length + 1);
      const end = start + (b % (text.length - start + 1));
      const lines = new LineIndex();
      lines.advance(text, 0, start);
      const row = new LineIndex();
      row.set(lines.line, lines.lineStart);
      lines.advance(text, 0, end, start);
      assert.deepEqual(lines.position(end).line, reference(text, end).line);
      for (let offset = start; offset <= end; offset++) assert.deepEqual(row.at(text, 0, offset), reference(text, offset));
    }),
    { numRuns: 300 },
  );
});
