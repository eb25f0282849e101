/**
 * The JSON decoding reference: read the whole file as text, then `JSON.parse` it; count
 * `doc.list.length`. Fast and native, but the whole text and the whole tree are in memory.
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

/** `JSON.parse` of the whole file (the read is timed too). */
export const jsonParse: Contender = {
  name: 'JSON.parse',
  group: 'reference',
  task: 'decode',
  formats: ['json'],
  packages: [],
  prepare(file) {
    return Promise.resolve(async () => {
      const doc = JSON.parse(await readFile(file, 'utf8')) as { list: unknown[] };
      return { objects: doc.list.length };
    });
  },
};
