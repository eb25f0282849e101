/**
 * Ours, whole document: read the file, `decode(bytes)` to a tree (what `JSON.parse` gives a
 * JSON user, for every format); count `doc.list.length`.
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

/** gogrid-codec `decode` of the whole file. */
export const gogridDecodeWhole: Contender = {
  name: 'gogrid-codec decode (whole)',
  group: 'ours',
  task: 'decode',
  formats: ['json', 'xml', 'csv'],
  packages: [],
  extra: true,
  async prepare(file) {
    const { decode, isEnvelope } = await import('../../src/index.js');
    return async () => {
      const doc = decode(await readFile(file));
      return { objects: isEnvelope(doc) ? doc.list.length : 0 };
    };
  },
};
