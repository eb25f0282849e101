/**
 * The floor: `fs.readFile` of the whole file into a `Buffer`, no decoding at all. Every other
 * contender at least reads the same bytes, so none can be faster than this.
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

/** Reads the whole file; checks the byte count instead of objects. */
export const readFileContender: Contender = {
  name: 'read file',
  group: 'reference',
  task: 'read',
  formats: ['json', 'xml', 'csv'],
  packages: [],
  prepare(file) {
    return Promise.resolve(async () => ({ bytes: (await readFile(file)).length }));
  },
};
