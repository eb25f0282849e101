/**
 * `bench/RESULTS-cli.md` is written by two benches; each replaces only its own part.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCH_SECTION, writeSection, writeTop } from '../../bench/results-file.js';

function withFile(run: (file: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'results-file-'));
  try {
    run(join(dir, 'RESULTS-cli.md'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the CLI bench rewrites the top and keeps the batch section', () =>
  withFile((file) => {
    writeFileSync(file, `# title\n\nold speed\n\n${BATCH_SECTION}\n\nbatch figures\n`);
    writeTop('# title\n\nnew speed\n', file);
    assert.equal(readFileSync(file, 'utf8'), `# title\n\nnew speed\n\n${BATCH_SECTION}\n\nbatch figures\n`);
  }));

test('the CLI bench writes the whole file when there is no batch section', () =>
  withFile((file) => {
    writeTop('# title\n\nspeed', file);
    assert.equal(readFileSync(file, 'utf8'), '# title\n\nspeed\n');
  }));

test('the batch bench replaces its section and keeps what comes before and after it', () =>
  withFile((file) => {
    writeFileSync(file, `# title\n\nspeed\n\n${BATCH_SECTION}\n\nold\n\n## Later\n\nkept\n`);
    writeSection(BATCH_SECTION, `${BATCH_SECTION}\n\nnew\n\n`, file);
    assert.equal(readFileSync(file, 'utf8'), `# title\n\nspeed\n\n${BATCH_SECTION}\n\nnew\n\n## Later\n\nkept\n`);
  }));

test('the batch bench appends its section to a file without one', () =>
  withFile((file) => {
    writeFileSync(file, '# title\n\nspeed\n');
    writeSection(BATCH_SECTION, `${BATCH_SECTION}\n\nnew\n`, file);
    assert.equal(readFileSync(file, 'utf8'), `# title\n\nspeed\n\n${BATCH_SECTION}\n\nnew\n`);
  }));
