/**
 * @streamparser/json's `JSONParser`, fed 64 KiB byte chunks, emitting each `$.list.*` value
 * and dropping it (`keepStack: false`), so memory stays flat.
 */
import type { Contender } from '../contender.js';
import { fileChunks } from '../files.js';

/** @streamparser/json, streaming the list's objects. */
export const streamparserJson: Contender = {
  name: '@streamparser/json',
  group: 'peer',
  task: 'decode',
  formats: ['json'],
  packages: ['@streamparser/json'],
  async prepare(file) {
    const { JSONParser } = await import('@streamparser/json');
    return async () => {
      const parser = new JSONParser({ paths: ['$.list.*'], keepStack: false });
      let objects = 0;
      parser.onValue = () => {
        objects++;
      };
      for await (const chunk of fileChunks(file)) parser.write(chunk as Buffer);
      // The parser ends by itself after the top-level value; end() checks nothing is left.
      if (!parser.isEnded) parser.end();
      return { objects };
    };
  },
};
