/**
 * `--csv-safe` (issue 10, item 6): every cell a spreadsheet would evaluate is protected — data
 * cells, header names and the envelope line's fields — and numbers are left alone.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli.js';

const HOSTILE = JSON.stringify({
  status: 'success',
  method: '/common/lookup/list',
  summary: { total: -1, '@cmd': '=2+3', note: '+SUM(A1)' },
  list: [{ object: 'option', id: 1, '=HYPERLINK("http://evil")': 'x', '-minus': '@at', name: '=cmd|calc', description: '\tTAB', ok: 'plain' }],
});

test('--csv-safe protects data cells, header names and envelope-line fields; numbers stay numbers', () => {
  const r = cli(['--to', 'csv', '--csv-safe'], HOSTILE);
  assert.equal(r.status, 0, r.stderr);
  const [envelope, header, row] = r.stdout.split('\n');
  assert.equal(envelope, `# SUCCESS, /common/lookup/list, TOTAL, -1, "'@CMD", "'=2+3", NOTE, "'+SUM(A1)"`);
  // The grammar's attributes first (id, name, description), then the others as the tree has them.
  assert.equal(header, `# id,name,description,"'=HYPERLINK(""http://evil"")","'-minus",ok`);
  assert.equal(row, `1,"'=cmd|calc","'\tTAB",x,"'@at",plain`);
});

test('without --csv-safe the same cells are written as they are', () => {
  const r = cli(['--to', 'csv'], HOSTILE);
  assert.equal(r.status, 0, r.stderr);
  const [envelope, header, row] = r.stdout.split('\n');
  assert.equal(envelope, '# SUCCESS, /common/lookup/list, TOTAL, -1, @CMD, =2+3, NOTE, +SUM(A1)');
  assert.equal(header, '# id,name,description,"=HYPERLINK(""http://evil"")",-minus,ok');
  assert.equal(row, '1,=cmd|calc,\tTAB,x,@at,plain');
});

test('no cell of a --csv-safe file starts with a formula character once its quotes are read', () => {
  const r = cli(['--to', 'csv', '--csv-safe'], HOSTILE);
  for (const [n, line] of r.stdout.trimEnd().split('\n').entries()) {
    const body = n < 2 ? line.slice(2) : line;
    const cells = [...body.matchAll(/(?:^|,) ?("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    for (const cell of cells) if (!/^-?\d+$/.test(cell)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `line ${n + 1}: ${JSON.stringify(cell)}`);
  }
});
