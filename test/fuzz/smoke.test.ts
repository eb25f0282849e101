/**
 * The fuzzer's smoke run in `npm test`: a fixed seed and tens of thousands of mutants of the
 * corpus (in a worker thread, under the hang watchdog), with no failure of any kind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { repoPath } from '../helpers/paths.js';
import { fuzz, table } from './fuzz.js';

const MUTANTS = 20_000;

test(`fuzz smoke: ${MUTANTS} mutants of the corpus, seed 11, no crash, hang, chunking or round-trip failure`, async () => {
  const failures = mkdtempSync(join(tmpdir(), 'gogrid-fuzz-'));
  try {
    const report = await fuzz({ seed: 11, mutants: MUTANTS, corpus: repoPath('corpus'), failures });
    assert.equal(report.done, MUTANTS, table(report).join('\n'));
    assert.deepEqual(
      report.failures.map((f) => `${f.index} ${f.outcome}: ${f.failure.split('\n')[0]}`),
      [],
    );
    // Every format was reached, and both outcomes occur: the mutants are not all refused.
    for (const format of ['json', 'xml', 'csv']) {
      assert.ok((report.counts[`${format}\tdecoded`] ?? 0) > 0, `${format} decoded: ${table(report).join('\n')}`);
    }
  } finally {
    rmSync(failures, { recursive: true, force: true });
  }
});
