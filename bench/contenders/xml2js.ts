/**
 * xml2js `parseStringPromise` on the whole text (sax underneath; every element becomes arrays
 * of objects). Counts `gogrid.response[0].list[0].object`.
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

interface Xml2jsDocument {
  gogrid?: { response?: { list?: ({ object?: unknown[] } | string)[] }[] };
}

/** xml2js, whole text to a JS object. */
export const xml2js: Contender = {
  name: 'xml2js',
  // A DOM of the whole text: about 3 GB and half a minute per run on the 100 MB dataset (350 MB of
  // XML), which the full run cannot afford; measured on the 1 and 10 MB files.
  maxMB: 10,
  group: 'peer',
  task: 'decode',
  formats: ['xml'],
  packages: ['xml2js'],
  async prepare(file) {
    const { parseStringPromise } = (await import('xml2js')).default;
    return async () => {
      const doc = (await parseStringPromise(await readFile(file, 'utf8'))) as Xml2jsDocument;
      const list = doc.gogrid?.response?.[0]?.list?.[0];
      return { objects: typeof list === 'object' ? (list.object?.length ?? 0) : 0 };
    };
  },
};
