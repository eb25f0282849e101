/**
 * `gogrid-codec validate` on failure envelopes and on summaries whose counts disagree with the
 * list (spawned, on stdin). Kept apart from cli.test.ts, which the CLI split rewrites.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const CLI = join(repoRoot, 'dist', 'src', 'cli.js');

function cli(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('validate prints a summary.returned that disagrees with the list as GRAMMAR_COUNT_MISMATCH and exits 1; conversion stays lenient', () => {
  const doc = '{"status":"success","method":"/grid/ip/list","summary":{"total":3,"start":0,"returned":3},"list":[{"object":"ip","id":1}]}';
  const r = cli(['validate', '--from', 'json'], doc);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /<stdin>: GRAMMAR_COUNT_MISMATCH summary\.returned is 3 but the list holds 1 object \(at \/summary\/returned\)/);
  const converted = cli(['--to', 'csv'], doc);
  assert.equal(converted.status, 0, converted.stderr);
  assert.match(converted.stdout, /^# SUCCESS, \/grid\/ip\/list, TOTAL, 3, START, 0, RETURNED, 3\n/);
});

test('validate: a CSV failure is valid (its rows are error objects); a failure listing a server is not', () => {
  const csv = '# FAILURE, /grid/server/get, TOTAL, 1, START, 0, RETURNED, 1\n# message,errorcode\nNo Server with id 1 found,IllegalArgumentException\n';
  const ok = cli(['validate'], csv);
  assert.equal(ok.status, 0, ok.stderr);
  const wrong = cli(['validate'], '{"status":"failure","method":"/grid/server/get","list":[{"object":"server","id":1}]}');
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /GRAMMAR_VIOLATION .* \(at \/list\/0\/object\)/);
});
