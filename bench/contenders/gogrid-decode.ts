/**
 * Ours, streaming: `decodeEvents(fs.createReadStream(file))` (format sniffed), counting
 * `object` events. One list object at a time is alive, so memory stays bounded.
 */
import type { Contender } from '../contender.js';
import { fileChunks } from '../files.js';

/** gogrid-codec `decodeEvents`, any format. */
export const gogridDecode: Contender = {
  name: 'gogrid-codec decode',
  group: 'ours',
  task: 'decode',
  formats: ['json', 'xml', 'csv'],
  packages: [],
  async prepare(file) {
    const { decodeEvents } = await import('../../src/index.js');
    return async () => {
      let objects = 0;
      for await (const event of decodeEvents(fileChunks(file))) if (event.type === 'object') objects++;
      return { objects };
    };
  },
};
