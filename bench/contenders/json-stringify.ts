/**
 * The JSON encoding reference: `JSON.stringify` of a tree that `JSON.parse` built (untimed).
 */
import type { Contender } from '../contender.js';
import { readEnvelope } from '../files.js';

/** `JSON.stringify` of the whole tree into one string. */
export const jsonStringify: Contender = {
  name: 'JSON.stringify',
  group: 'reference',
  task: 'encode',
  formats: ['json'],
  packages: [],
  async prepare(file) {
    const doc = await readEnvelope(file);
    return () => {
      const text = JSON.stringify(doc);
      return Promise.resolve({ objects: doc.list.length, chars: text.length });
    };
  },
};
