/**
 * Ours, encoding: the dataset's JSON file decoded to a tree (untimed), then
 * `encodeChunks(doc, { format })` drained, the chunks discarded (only their length is kept).
 * JSON is compact, XML GoGrid's indented layout (the defaults).
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

/** gogrid-codec `encodeChunks`, any format. */
export const gogridEncode: Contender = {
  name: 'gogrid-codec encode',
  group: 'ours',
  task: 'encode',
  formats: ['json', 'xml', 'csv'],
  packages: [],
  async prepare(file, format) {
    const { decode, encodeChunks, isEnvelope } = await import('../../src/index.js');
    const doc = decode(await readFile(file), { format: 'json' });
    const objects = isEnvelope(doc) ? doc.list.length : 0;
    return () => {
      let chars = 0;
      for (const chunk of encodeChunks(doc, { format })) chars += chunk.length;
      return Promise.resolve({ objects, chars });
    };
  },
};
