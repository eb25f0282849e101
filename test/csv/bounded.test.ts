/**
 * Regression tests of issue 11 for the CSV decoder: limits on cells and on the `#` lines enforced
 * while the input arrives, time linear in the chunking, and the truncation rule.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CodecError, decode } from '../../src/index.js';
import { decodeChunks } from '../helpers/chunks.js';
import { endless } from '../fuzz/bounded.js';
import { growth, LONG_THINGS } from '../fuzz/long.js';
import { repoPath } from '../helpers/paths.js';

const MiB = 1024 * 1024;
const corpusDir = repoPath('corpus');

test('finding 1: an endless cell fed 64 KiB at a time stops at TREE_VALUE_TOO_LONG within a chunk of the limit', () => {
  for (const [what, prefix, body] of [
    ['plain', '# SUCCESS, /grid/ip/list\n# id,ip\n1,', 'a'],
    ['quoted, with line breaks', '# SUCCESS, /grid/ip/list\n# id,ip\n1,"', 'aaaaaaa\n'],
  ] as const) {
    const out = endless('csv', prefix, body, 65536, 64 * MiB);
    assert.equal(out.code, 'TREE_VALUE_TOO_LONG', what);
    assert.equal(out.path, '/list/0/ip', what);
    assert.ok(out.written < MiB + 2 * 65536, `${what}: stopped after ${out.written} characters`);
    assert.ok(out.peakRss < 200 * MiB);
  }
});

test('finding 3: a `#` envelope line of 1,000,000 pairs and a header of 1,000,000 columns stop early', () => {
  let i = 0;
  const pairs = Array.from({ length: 4096 }, () => `, K${i++}, 1`).join('');
  const env = endless('csv', '# SUCCESS, /grid/ip/list', pairs, pairs.length, 12 * MiB);
  assert.deepEqual([env.code, env.path], ['TREE_TOO_MANY_ATTRIBUTES', '/summary']);
  assert.ok(env.written < 3 * pairs.length, `stopped after ${env.written} characters`);
  let c = 0;
  const columns = Array.from({ length: 4096 }, () => `,c${c++}`).join('');
  const header = endless('csv', '# SUCCESS, /grid/ip/list\n# id', columns, columns.length, 8 * MiB);
  assert.equal(header.code, 'TREE_TOO_MANY_ATTRIBUTES');
  assert.ok(header.written < 4 * columns.length, `stopped after ${header.written} characters`);
  // A `#` field past maxValueLength, while the line arrives.
  const long = endless('csv', '# SUCCESS, /grid/ip/list, TOTAL, ', '1', 65536, 64 * MiB);
  assert.equal(long.code, 'TREE_VALUE_TOO_LONG');
  assert.ok(long.written < MiB + 2 * 65536);
});

test('finding 4: an 80 KB cell in one-character chunks costs linear time', () => {
  for (const thing of LONG_THINGS.filter((t) => t.format === 'csv' && (t.kind === 'value' || t.kind === 'quoted value'))) {
    const ratio = growth(thing, 20000, { limits: { maxValueLength: 1e9 } }, 4);
    assert.ok(ratio < 9, `${thing.kind}: 4× the input took ${ratio.toFixed(1)}× the time`);
  }
});

const BILLING = '# SUCCESS, /grid/server/list, TOTAL, 1, NUMPAGES, 0, START, 0, RETURNED, 1\n# id,name,description,ip.id,ip.ip\n1,web,a server,5,10.0.0.1';

test('finding 6: fewer rows than RETURNED is CSV_TRUNCATED under strict, a warning otherwise, never silent', () => {
  const cut = BILLING.slice(0, 90); // inside the header line
  assert.throws(() => decode(cut, { strict: true }), (e: unknown) => e instanceof CodecError && e.code === 'CSV_TRUNCATED' && e.line === 2 && e.offset === 90);
  const warnings: CodecError[] = [];
  const doc = decode(cut, { onWarning: (w) => warnings.push(w) });
  assert.deepEqual(doc, { status: 'success', method: '/grid/server/list', summary: { total: 1, numpages: 0, start: 0, returned: 1 }, list: [] });
  assert.deepEqual(warnings.map((w) => w.code), ['CSV_TRUNCATED']);
  // The whole document: no warning.
  const none: CodecError[] = [];
  decode(BILLING, { strict: true, onWarning: (w) => none.push(w) });
  assert.deepEqual(none, []);
});

test('finding 6: every truncation of every corpus CSV fails, warns, or keeps all RETURNED rows (a cut inside the last row is what CSV cannot see)', () => {
  let silent = 0;
  let cuts = 0;
  for (const dir of readdirSync(corpusDir)) {
    const path = join(corpusDir, dir);
    if (!statSync(path).isDirectory() || dir === 'invalid') continue;
    for (const file of readdirSync(path).filter((f) => f.endsWith('.csv'))) {
      const text = readFileSync(join(path, file), 'utf8');
      const returned = Number(/RETURNED, (\d+)/.exec(text)?.[1] ?? NaN);
      for (let k = 1; k < text.length; k++) {
        cuts++;
        let warned = false;
        let rows: number;
        try {
          const doc = decode(text.slice(0, k), { format: 'csv', onWarning: () => (warned = true) });
          rows = 'list' in doc && Array.isArray(doc.list) ? doc.list.length : 0;
        } catch (e) {
          if (!(e instanceof CodecError)) throw e;
          continue;
        }
        if (!warned && !(rows >= returned)) silent++;
      }
    }
  }
  assert.ok(cuts > 1000, `${cuts} cuts`);
  assert.equal(silent, 0);
});

test('found by the fuzzer (seed 11, mutant 636221): invalid UTF-8 after a row held unread does not hide the row\'s error', () => {
  // The row with one field too many has a quote in it: its line end looks quoted, so it is held.
  const head = new TextEncoder().encode('# SUCCESS, /grid/ip/list, TOTAL, 2, START, 0, RETURNED, 2\n# id,ip,subnet,public\n1,10.0.0.1,10.0.0.0/24,true\n2,10.0.0.2,10.0.0.0/24,true,uccess">\n ');
  const bytes = new Uint8Array([...head, 0xa2, 0x20, 0x20, 0x0a]);
  const whole = decodeChunks('csv', [bytes]);
  assert.equal(whole.ok ? 'ok' : whole.code, 'CSV_FIELD_COUNT');
  for (let size = 1; size <= 8; size++) {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    assert.deepEqual(decodeChunks('csv', chunks), whole, `${size}-byte chunks`);
  }
});
