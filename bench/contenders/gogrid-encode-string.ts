/**
 * Ours, encoding to one string: the dataset's JSON file decoded to a tree (untimed), then
 * `encode(doc, { format })`, the whole text built (the cold references all build one string too:
 * `JSON.stringify`, `XMLBuilder.build`, `Papa.unparse`). A character in the middle is read, as a
 * consumer would.
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

/** gogrid-codec `encode`, any format. */
export const gogridEncodeString: Contender = {
  name: 'gogrid-codec encode (one string)',
  group: 'ours',
  task: 'encode',
  formats: ['json', 'xml', 'csv'],
  packages: [],
  extra: true,
  async prepare(file, format) {
    const { decode, encode, isEnvelope } = await import('../../src/index.js');
    const doc = decode(await readFile(file), { format: 'json' });
    const objects = isEnvelope(doc) ? doc.list.length : 0;
    return () => {
      const text = encode(doc, { format });
      if (Number.isNaN(text.charCodeAt(text.length >> 1))) throw new Error('no text');
      return Promise.resolve({ objects, chars: text.length });
    };
  },
};
