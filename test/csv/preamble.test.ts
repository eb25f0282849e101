/**
 * GoGrid's two `#` lines: writing the envelope line and the header, finding where a `#` line
 * ends (quotes may hold line breaks), splitting one into fields with their positions, and reading
 * the envelope line (its head, its pairs, its first problem).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { envelopeLine, hashLineProblem, headerLine, lineEnd, readEnvelopeLine, splitLine, typedSummary } from '../../src/csv/preamble.js';

test('envelopeLine: `# ` then fields joined by `, `, quoted where needed', () => {
  assert.equal(envelopeLine(['SUCCESS', '/grid/server/list', 'TOTAL', '1', 'NUMPAGES', '0', 'START', '0', 'RETURNED', '1']), '# SUCCESS, /grid/server/list, TOTAL, 1, NUMPAGES, 0, START, 0, RETURNED, 1');
  assert.equal(envelopeLine(['', '']), '# , ');
  assert.equal(envelopeLine(['A,B', 'say "hi"', 'line\nbreak', 'cr\r']), '# "A,B", "say ""hi""", "line\nbreak", "cr\r"');
});

test('headerLine: `# ` then columns joined by bare commas, quoted where needed', () => {
  assert.equal(headerLine(['id', 'ip.state.name', 'realiplist.2.ip.id']), '# id,ip.state.name,realiplist.2.ip.id');
  assert.equal(headerLine([]), '# ');
  assert.equal(headerLine(['a,b', 'c"d', '']), '# "a,b","c""d",');
});

test('lineEnd: the first LF outside quotes, or -1', () => {
  assert.equal(lineEnd('# a,b\n# c', 0), 5);
  assert.equal(lineEnd('# a,b\r\n# c', 0), 6);
  assert.equal(lineEnd('# "a\nb",c\nx', 0), 9);
  assert.equal(lineEnd('# "a\nb', 0), -1);
  assert.equal(lineEnd('# a,b', 0), -1);
  assert.equal(lineEnd('x\n# a\n', 2), 5);
  assert.equal(lineEnd('# "a""\nb"\n', 0), 9);
});

const SPLITS: [line: string, spaced: boolean, fields: string[], starts: number[]][] = [
  ['# SUCCESS, /m, TOTAL, 1', true, ['SUCCESS', '/m', 'TOTAL', '1'], [2, 11, 15, 22]],
  ['#SUCCESS,/m,TOTAL,1', true, ['SUCCESS', '/m', 'TOTAL', '1'], [1, 9, 12, 18]],
  ['# SUCCESS,  /m', true, ['SUCCESS', ' /m'], [2, 11]],
  ['# , /m', true, ['', '/m'], [2, 4]],
  ['# SUCCESS, /m, TOTAL,', true, ['SUCCESS', '/m', 'TOTAL', ''], [2, 11, 15, 21]],
  ['# "A,B", "say ""hi""", x', true, ['A,B', 'say "hi"', 'x'], [2, 9, 23]],
  ['# id,ip.id, x', false, ['id', 'ip.id', ' x'], [2, 5, 11]],
  ['# id,,ip', false, ['id', '', 'ip'], [2, 5, 6]],
  ['#id', false, ['id'], [1]],
  ['# ', false, [], []],
  ['#', false, [], []],
  ['# "a\nb",c', false, ['a\nb', 'c'], [2, 8]],
  ['# ""', false, [''], [2]],
];

test('splitLine: fields and where each starts; one space after `#` (and after each comma when spaced) is layout', () => {
  for (const [line, spaced, fields, starts] of SPLITS) assert.deepEqual(splitLine(line, spaced), { fields, starts }, JSON.stringify(line));
});

test('splitLine: bad quoting is a problem at the offending index', () => {
  const rows: [string, number][] = [
    ['# "abc', 2],
    ['# a,"b', 4],
    ['# "a"b,c', 5],
    ['# a"b', 3],
    ['# ab,c"d', 6],
  ];
  for (const [line, index] of rows) {
    const result = splitLine(line, false);
    assert.ok('detail' in result, JSON.stringify(line));
    assert.equal((result as { index: number }).index, index, JSON.stringify(line));
  }
});

test('hashLineProblem: line 1 and line 2 start with `#`', () => {
  assert.equal(hashLineProblem('# SUCCESS', 'envelope'), undefined);
  assert.equal(hashLineProblem('#', 'header'), undefined);
  assert.deepEqual(
    { ...hashLineProblem('SUCCESS, /m', 'envelope') },
    { code: 'CSV_ENVELOPE_INVALID', detail: 'line 1 must be the `#` envelope line (`# SUCCESS, /grid/server/list, TOTAL, 1, …`)', index: 0 },
  );
  assert.equal(hashLineProblem('', 'header')?.code, 'CSV_HEADER_MISSING');
});

test('readEnvelopeLine: status in lower case, method, the summary typed by the envelope grammar, each pair with where its key starts', () => {
  const read = readEnvelopeLine('# SUCCESS, /grid/ip/list, TOTAL, 2, NUMPAGES, , Other, x');
  assert.deepEqual(read.head, { status: 'success', method: '/grid/ip/list', summary: { total: 2, other: 'x' } });
  assert.deepEqual(
    read.pairs.map((p) => [p.key, p.text, p.start]),
    [
      ['total', '2', 26],
      ['numpages', '', 36],
      ['other', 'x', 48],
    ],
  );
  assert.equal(read.problem, undefined);
  assert.deepEqual(readEnvelopeLine('# , ').head, {});
  assert.deepEqual(readEnvelopeLine('# SUCCESS, /m, TOTAL, 1, ').head, { status: 'success', method: '/m', summary: { total: 1 } });
  assert.deepEqual(readEnvelopeLine('# SUCCESS, /m, NUMPAGES, ').head, { status: 'success', method: '/m' });
});

test('readEnvelopeLine: the first problem, at its line index, with the sound pairs before it', () => {
  const rows: [line: string, code: string, index: number, pairs: number][] = [
    ['SUCCESS, /m', 'CSV_ENVELOPE_INVALID', 0, 0],
    ['# "SUCCESS, /m', 'CSV_MALFORMED', 2, 0],
    ['# SUCCESS, /m, TOTAL, 1, RETURNED', 'CSV_ENVELOPE_INVALID', 25, 0],
    ['# SUCCESS, /m, TOTAL, 1, , 2', 'CSV_ENVELOPE_INVALID', 25, 1],
    ['# SUCCESS, /m, TOTAL, 1, START, 0, total, 2', 'CSV_ENVELOPE_INVALID', 35, 2],
  ];
  for (const [line, code, index, pairs] of rows) {
    const read = readEnvelopeLine(line);
    assert.equal(read.problem?.code, code, line);
    assert.equal(read.problem?.index, index, line);
    assert.equal(read.pairs.length, pairs, line);
  }
  assert.equal(readEnvelopeLine('# SUCCESS, /m, TOTAL, 1, total, 2').problem?.detail, 'the summary key "total" appears twice');
});

test('typedSummary: typed by the kinds given, empty values left out, undefined when none is left', () => {
  assert.deepEqual(
    typedSummary([
      { key: 'total', text: '007', kind: 'integer' },
      { key: 'start', text: '0', kind: 'integer' },
      { key: '__proto__', text: 'x', kind: undefined },
    ]),
    Object.defineProperty({ total: '007', start: 0 }, '__proto__', { value: 'x', enumerable: true, writable: true, configurable: true }),
  );
  assert.equal(typedSummary([{ key: 'total', text: '', kind: 'integer' }]), undefined);
  assert.equal(typedSummary([]), undefined);
});
