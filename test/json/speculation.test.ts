/**
 * The JSON decoder's fast path hands runs of list elements to JSON.parse on a guessed boundary
 * (see JsonDecoder.speculate). These documents are large enough for it to run, and built to make
 * its guess wrong or its run hold something the exact scan must report: fed whole (the guess
 * spans everything), in 64 KiB chunks, and in 100-character chunks (too small to guess), the
 * outcome must be the same.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decodeChunks, splitAt } from '../helpers/chunks.js';

function server(i: number, extra = ''): string {
  return `{"object":"server","id":${i},"name":"srv ${i}","ip":{"object":"ip","id":${i + 1},"ip":"10.0.${i >> 8}.${i & 255}","public":true},"state":{"object":"option","id":1,"name":"On"}${extra}}`;
}

function doc(items: string[], limits = ''): string {
  void limits;
  return `{"list":[${items.join(',')}],"summary":{"total":${items.length},"start":0,"returned":${items.length}},"status":"success","method":"/grid/server/list"}`;
}

function ways(text: string): (string | Uint8Array)[][] {
  const every = (n: number): number[] => Array.from({ length: Math.floor(text.length / n) }, (_, k) => (k + 1) * n);
  return [[text], splitAt(text, every(65536)), splitAt(text, every(100)), splitAt(text, every(7919))];
}

function same(text: string, limits: Record<string, number> = {}): ReturnType<typeof decodeChunks> {
  const outcomes = ways(text).map((chunks) => decodeChunks('json', chunks, { limits }));
  for (const o of outcomes.slice(1)) assert.deepEqual(o, outcomes[0]);
  return outcomes[0] as ReturnType<typeof decodeChunks>;
}

const N = 3000;
const items = (): string[] => Array.from({ length: N }, (_, i) => server(i));

test('a large valid list decodes the same whatever the chunks', () => {
  const outcome = same(doc(items()));
  assert.ok(outcome.ok);
  assert.equal((outcome.doc as { list: unknown[] }).list.length, N);
});

test('nested objects that start like list elements (a wrong guess) change nothing', () => {
  const list = items().map((s, i) => (i % 3 === 0 ? s.replace(/\}$/, `,"child":${server(i + 100000)},"kids":[${server(1)},${server(2)}]}`) : s));
  assert.ok(same(doc(list)).ok);
});

test('strings that hold what a list element starts with (escaped, as JSON must) change nothing', () => {
  const list = items().map((s, i) => (i % 5 === 0 ? s.replace('"srv ', '"x\\",{\\"object\\":\\"server\\",') : s));
  const outcome = same(doc(list));
  assert.ok(outcome.ok);
  assert.equal((outcome.doc as { list: { name: string }[] }).list[5]?.name, 'x",{"object":"server",5');
});

const broken: [string, (list: string[]) => void, string][] = [
  ['an invalid number deep in the list', (l) => (l[2500] = (l[2500] as string).replace('"id":2500', '"id":02500')), 'JSON_INVALID_NUMBER'],
  ['an integer a double cannot hold', (l) => (l[1500] = (l[1500] as string).replace('"id":1500', '"id":9007199254740993')), 'JSON_INTEGER_UNSAFE'],
  ['a number where an object belongs', (l) => (l[1200] = '5'), 'TREE_UNSUPPORTED_VALUE'],
  ['an element nested too deep', (l) => (l[1800] = `{"a":${'{"b":'.repeat(70)}1${'}'.repeat(70)}}`), 'TREE_DEPTH_EXCEEDED'],
  ['a list of numbers inside an element', (l) => (l[900] = (l[900] as string).replace(/\}$/, ',"ports":[80,443]}')), 'TREE_UNSUPPORTED_VALUE'],
  ['an unterminated string', (l) => (l[2100] = (l[2100] as string).replace('"srv 2100"', '"srv 2100')), 'JSON_UNEXPECTED_CHARACTER'],
];

for (const [label, breakIt, code] of broken) {
  test(`${label}: the same error and position whatever the chunks`, () => {
    const list = items();
    breakIt(list);
    const outcome = same(doc(list));
    assert.equal(outcome.ok, false);
    assert.equal((outcome as { code: string }).code, code);
  });
}

test('limits are applied the same way on the fast path', () => {
  const list = items();
  list[2000] = (list[2000] as string).replace('"srv 2000"', `"${'x'.repeat(300)}"`);
  const outcome = same(doc(list), { maxValueLength: 200 });
  assert.equal((outcome as { code: string }).code, 'TREE_VALUE_TOO_LONG');
  const attrs = same(doc(items()), { maxAttributes: 4 });
  assert.equal((attrs as { code: string }).code, 'TREE_TOO_MANY_ATTRIBUTES');
  const size = same(doc(items()), { maxObjectText: 150 });
  assert.equal((size as { code: string }).code, 'TREE_OBJECT_TOO_LARGE');
});

test('duplicate keys in elements: the last wins, on the fast path too', () => {
  const list = items().map((s) => s.replace('"name":', '"name":"first","name":'));
  const outcome = same(doc(list));
  assert.ok(outcome.ok);
  assert.equal((outcome.doc as { list: { name: string }[] }).list[10]?.name, 'srv 10');
});

test('elements cut by chunk boundaries (finished without joining the chunks): lines, columns and paths stay exact', () => {
  // Pretty-printed, so that line counting crosses every boundary; the error is in the second
  // half of an element that the 65536- and 7919-character chunkings both cut.
  const list = items().map((s) => s.replace(/,"/g, ',\n    "'));
  const text = doc(list).replace(/\},\{"object":"server"/g, '},\n  {"object":"server"');
  const at = text.indexOf('"name":"srv 2500"');
  const broken = `${text.slice(0, at)}"name":"srv 2500",\n    "bad": tru${text.slice(at + '"name":"srv 2500"'.length)}`;
  const outcome = same(broken);
  if (outcome.ok) return assert.fail('a broken document decoded');
  const index = broken.indexOf('tru,') + 3; // the comma, where `true` needed an `e`
  const before = broken.slice(0, index);
  assert.deepEqual(
    { code: outcome.code, line: outcome.line, column: outcome.column, offset: outcome.offset },
    { code: 'JSON_UNEXPECTED_CHARACTER', line: before.split('\n').length, column: index - before.lastIndexOf('\n'), offset: index },
  );
  const ok = same(text);
  assert.ok(ok.ok);
  assert.equal((ok.doc as { list: unknown[] }).list.length, N);
});
