/**
 * The XML decoding reference: saxes (the tokenizer our XML decoder is built on) fed 64 KiB text
 * chunks, with only the handlers needed to count the list's `<object>` start tags (depth 4:
 * gogrid › response › list › object). It builds nothing, so it is the speed of XML tokenizing.
 */
import type { Contender } from '../contender.js';
import { fileChunks } from '../files.js';

/** saxes with near-empty handlers. */
export const saxesTokenize: Contender = {
  name: 'saxes tokenize',
  group: 'reference',
  task: 'decode',
  formats: ['xml'],
  packages: ['saxes'],
  async prepare(file) {
    const { SaxesParser } = await import('saxes');
    return async () => {
      const parser = new SaxesParser();
      let depth = 0;
      let objects = 0;
      parser.on('opentag', (tag) => {
        depth++;
        if (depth === 4 && tag.name === 'object') objects++;
      });
      // saxes reports a self-closing tag as an opentag and a closetag, so depth stays right.
      parser.on('closetag', () => {
        depth--;
      });
      for await (const chunk of fileChunks(file, 'utf8')) parser.write(chunk as string);
      parser.close();
      return { objects };
    };
  },
};
