/**
 * csv-parse (node-csv) as a Node stream: records from line 3 (GoGrid's `#` envelope and header
 * lines come first), as string arrays, counted.
 */
import { pipeline } from 'node:stream/promises';
import type { Contender } from '../contender.js';
import { fileChunks } from '../files.js';

/** csv-parse, streaming records. */
export const csvParse: Contender = {
  name: 'csv-parse',
  group: 'peer',
  task: 'decode',
  formats: ['csv'],
  packages: ['csv-parse'],
  async prepare(file) {
    const { parse } = await import('csv-parse');
    return async () => {
      let objects = 0;
      // relax_column_count: GoGrid's own rows may have one field more than the header.
      await pipeline(fileChunks(file), parse({ from_line: 3, relax_column_count: true }), async (records: AsyncIterable<unknown>) => {
        for await (const record of records) if (record !== undefined) objects++;
      });
      return { objects };
    };
  },
};
