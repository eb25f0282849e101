/**
 * What a user might write without a GoGrid library: papaparse streams the rows, the `#` header
 * line gives the dotted column names, each row becomes `{ 'ip.state.name': … }` (empty cells
 * left out) and flat's `unflatten` nests it. Untyped (every value a string), and GoGrid's
 * 1-based list indexes become arrays with a hole at 0; it just has to produce nested objects.
 */
import type { Contender } from '../contender.js';
import { fileChunks } from '../files.js';

/** papaparse rows → objects keyed by the header → `unflatten`. */
export const papaparseFlat: Contender = {
  name: 'papaparse + flat.unflatten',
  group: 'peer',
  task: 'decode',
  formats: ['csv'],
  packages: ['papaparse', 'flat'],
  async prepare(file) {
    const Papa = (await import('papaparse')).default;
    const { unflatten } = await import('flat');
    return () =>
      new Promise((resolve, reject) => {
        let line = 0;
        let header: string[] = [];
        let objects = 0;
        Papa.parse<string[]>(fileChunks(file, 'utf8'), {
          skipEmptyLines: true,
          chunk(results) {
            for (const row of results.data) {
              line++;
              if (line === 1) continue; // # SUCCESS, /grid/…/list, TOTAL, …
              if (line === 2) {
                header = row.map((name, i) => (i === 0 ? name.replace(/^#\s*/, '') : name));
                continue;
              }
              const flat: Record<string, string> = {};
              for (let i = 0; i < header.length; i++) {
                const cell = row[i];
                if (cell !== undefined && cell !== '') flat[header[i] as string] = cell;
              }
              const object = unflatten<Record<string, string>, Record<string, unknown>>(flat);
              if (typeof object === 'object') objects++;
            }
          },
          complete() {
            resolve({ objects });
          },
          error(error: Error) {
            reject(error);
          },
        });
      });
  },
};
