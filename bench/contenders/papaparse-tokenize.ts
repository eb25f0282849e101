/**
 * The CSV decoding reference: papaparse reading the file as a Node stream of 64 KiB text
 * chunks, rows as string arrays (no header handling, no typing). Counts rows minus GoGrid's two
 * `#` lines (envelope and header).
 */
import type { Contender } from '../contender.js';
import { fileChunks } from '../files.js';

/** papaparse, chunked, rows only. */
export const papaparseTokenize: Contender = {
  name: 'papaparse tokenize',
  group: 'reference',
  task: 'decode',
  formats: ['csv'],
  packages: ['papaparse'],
  async prepare(file) {
    const Papa = (await import('papaparse')).default;
    return () =>
      new Promise((resolve, reject) => {
        let rows = 0;
        Papa.parse<string[]>(fileChunks(file, 'utf8'), {
          skipEmptyLines: true,
          chunk(results) {
            rows += results.data.length;
          },
          complete() {
            resolve({ objects: rows - 2 });
          },
          error(error: Error) {
            reject(error);
          },
        });
      });
  },
};
