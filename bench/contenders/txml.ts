/**
 * txml `parse` on the whole text: a small, fast DOM builder (no streaming), with entity
 * decoding on (off by default, and `&amp;` must become `&`); text is trimmed (its default), so
 * edge spaces are lost. Counts the `object` children of `gogrid › response › list`.
 * Imported as `txml/txml`: the package's main `.d.ts` re-exports without file extensions,
 * which `moduleResolution: NodeNext` cannot follow.
 */
import { readFile } from 'node:fs/promises';
import type { Contender } from '../contender.js';

/** The part of txml's node type this contender reads. */
interface TxmlNode {
  tagName: string;
  children: (TxmlNode | string)[];
}

function child(nodes: readonly (TxmlNode | string)[] | undefined, tag: string): TxmlNode | undefined {
  for (const node of nodes ?? []) if (typeof node !== 'string' && node.tagName === tag) return node;
  return undefined;
}

/** txml, whole text to a DOM. */
export const txml: Contender = {
  name: 'txml',
  // A DOM of the whole text: about 3 GB and half a minute per run on the 100 MB dataset (350 MB of
  // XML), which the full run cannot afford; measured on the 1 and 10 MB files.
  maxMB: 10,
  group: 'peer',
  task: 'decode',
  formats: ['xml'],
  packages: ['txml'],
  async prepare(file) {
    const { parse } = await import('txml/txml');
    return async () => {
      const dom = parse(await readFile(file, 'utf8'), { decodeEntities: true }) as (TxmlNode | string)[];
      const list = child(child(child(dom, 'gogrid')?.children, 'response')?.children, 'list');
      let objects = 0;
      for (const node of list?.children ?? []) if (typeof node !== 'string' && node.tagName === 'object') objects++;
      return { objects };
    };
  },
};
