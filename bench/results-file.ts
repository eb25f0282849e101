/**
 * `bench/RESULTS-cli.md` is written by two benches: `cli.ts` (speed and memory, the top of the
 * file) and `batch.ts` (its "Batch" section). Each replaces only its own part.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './generate.js';

/** The file both benches write. */
export const CLI_RESULTS = join(BENCH_DIR, 'RESULTS-cli.md');

/** The heading of the batch bench's section. */
export const BATCH_SECTION = '## Batch: many small responses';

/**
 * Replaces the section that starts with `heading` (up to the next `## ` heading) with `text`,
 * or appends it; the rest of the file is kept.
 * @param heading - the section's heading line.
 * @param text - the new section, starting with its heading.
 * @param file - the file (default {@link CLI_RESULTS}).
 */
export function writeSection(heading: string, text: string, file = CLI_RESULTS): void {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# gogrid-codec command-line benchmark\n';
  const start = old.indexOf(heading);
  let updated: string;
  if (start < 0) {
    updated = `${old.trimEnd()}\n\n${text}`;
  } else {
    const next = old.indexOf('\n## ', start + heading.length);
    updated = `${old.slice(0, start)}${text}${next < 0 ? '' : old.slice(next + 1)}`;
  }
  writeFileSync(file, updated);
}

/**
 * Replaces everything before the batch section with `text` (the batch section, if any, is kept
 * after it).
 * @param text - the speed and memory results, starting with the file's title.
 * @param file - the file (default {@link CLI_RESULTS}).
 */
export function writeTop(text: string, file = CLI_RESULTS): void {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = old.indexOf(BATCH_SECTION);
  writeFileSync(file, start < 0 ? `${text}\n` : `${text.trimEnd()}\n\n${old.slice(start)}`);
}
