/**
 * fast-xml-parser's `XMLParser` on the whole text (it has no streaming mode), keeping
 * attributes so that GoGrid's `name="…"` survive. Counts `gogrid.response.list.object`.
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

interface FxpDocument {
  gogrid?: { response?: { list?: { object?: unknown } } };
}

/** fast-xml-parser, whole text to a JS object. */
export const fastXmlParser: Contender = {
  name: 'fast-xml-parser',
  // A DOM of the whole text: about 3 GB and half a minute per run on the 100 MB dataset (350 MB of
  // XML), which the full run cannot afford; measured on the 1 and 10 MB files.
  maxMB: 10,
  group: 'peer',
  task: 'decode',
  formats: ['xml'],
  packages: ['fast-xml-parser'],
  async prepare(file) {
    const { XMLParser } = await import('fast-xml-parser');
    return async () => {
      const parser = new XMLParser({ ignoreAttributes: false });
      const doc = parser.parse(await readFile(file, 'utf8')) as FxpDocument;
      const list = doc.gogrid?.response?.list?.object;
      // A list of one is a lone object, not an array (the parser's default).
      return { objects: Array.isArray(list) ? list.length : list === undefined ? 0 : 1 };
    };
  },
};
