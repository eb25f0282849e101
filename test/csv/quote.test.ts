/**
 * CSV cell quoting (src/csv/quote.ts): quotes only when needed, doubles inner quotes, and the
 * spreadsheet-safe variant defuses formula starts. Every written cell reads back as its text.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Papa from 'papaparse';
import { quoteCell, spreadsheetSafeCell } from '../../src/csv/quote.js';

test('quoteCell: unchanged unless a comma, quote, CR or LF', () => {
  for (const text of ['', 'web01', 'a b', "it's", '=1+1', 'é']) assert.equal(quoteCell(text), text, text);
  assert.equal(quoteCell('a,b'), '"a,b"');
  assert.equal(quoteCell('say "hi"'), '"say ""hi"""');
  assert.equal(quoteCell('a\rb'), '"a\rb"');
  assert.equal(quoteCell('a\nb'), '"a\nb"');
});

test('spreadsheetSafeCell: a leading =, +, -, @, TAB or CR gets a quote mark and quotes; other text as quoteCell', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(spreadsheetSafeCell(`${start}x`), `"'${start}x"`, JSON.stringify(start));
  assert.equal(spreadsheetSafeCell('=HYPERLINK("http://evil")'), '"\'=HYPERLINK(""http://evil"")"');
  for (const text of ['web01', 'a,b', 'say "hi"', 'x=1']) assert.equal(spreadsheetSafeCell(text), quoteCell(text), text);
});

test('a quoted cell reads back as its text (papaparse), alone and between others', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '=', 'é')).map((cs) => cs.join('')), (text) => {
      const row = `x,${quoteCell(text)},y\n`;
      const parsed = Papa.parse<string[]>(row, { newline: '\n' }).data[0];
      assert.deepEqual(parsed, ['x', text, 'y']);
    }),
    { numRuns: 300 },
  );
});
