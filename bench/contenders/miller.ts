/**
 * Miller (`mlr --icsv --ojsonl cat`), the command-line tool a user would reach for to turn CSV
 * into JSON: a whole process, start-up included, whose output lines are counted. Miller cannot
 * read GoGrid's two `#` lines, so it gets a plain copy of the same rows (made untimed). Its peak
 * RSS is measured with `/usr/bin/time`. Skipped when `mlr` is not installed.
 */
import { spawn } from 'node:child_process';
import type { Contender } from '../contender.js';
import { plainCsv } from '../files.js';

/** Miller, CSV to JSON lines, as a process. */
export const miller: Contender = {
  name: 'Miller (mlr process)',
  group: 'peer',
  task: 'decode',
  formats: ['csv'],
  packages: [],
  commands: ['mlr', '/usr/bin/time'],
  async prepare(file) {
    const plain = await plainCsv(file);
    return () =>
      new Promise((resolve, reject) => {
        const child = spawn('/usr/bin/time', ['-f', '%M', 'mlr', '--icsv', '--ojsonl', 'cat', plain], { stdio: ['ignore', 'pipe', 'pipe'] });
        let objects = 0;
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) objects++;
        });
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0) reject(new Error(`mlr exited with ${code}: ${stderr}`));
          else resolve({ objects, rssMB: Number(stderr.trim().split('\n').pop()) / 1024 });
        });
      });
  },
};
