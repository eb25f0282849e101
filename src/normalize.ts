/**
 * `normalize(doc, format)`: the projection of a tree onto what one format can carry. It is the
 * reference every round-trip property compares against — `decode(encode(t))` must equal
 * `normalize(t, format)` — and it implements the README's information-model table row by row.
 * It is a dispatcher at the drivers' level: each format's projection lives beside its codec
 * (`xml/model.ts`, `csv/model.ts`; JSON keeps everything).
 */
import { csvModel } from './csv/model.js';
import type { Format } from './format.js';
import { checkHead, checkObject } from './tree/check.js';
import { type Document, isEnvelope } from './tree/types.js';
import { xmlModel } from './xml/model.js';

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** CSV only: the type of the list's objects when the envelope's method does not say (as the CSV decoder's `type` option). */
  type?: string;
  /** CSV only: plain CSV (encoded and decoded with `plain: true`): the envelope is not carried at all. */
  plain?: boolean;
  /** Plain CSV only: the method the reader names (the decoder's `method` option); it becomes the envelope's only member and types the objects. */
  method?: string;
}

/**
 * The tree that decoding gives back after encoding `doc` in `format`.
 *
 * - `json` keeps everything: the tree is copied as it is.
 * - `xml` keeps structure, names, type names and strings, but every scalar becomes text: a
 *   value is a number or boolean again only when the grammar says so and the text reads back to
 *   it; `""` and `null` both become `null`; a string `object` (type name) moves first; envelope
 *   members come in the order `method`, `status`, extras, `summary`, `list`.
 * - `csv` additionally loses type names (the grammar restores them from the method), `null`,
 *   `""` and absent become absent, objects and list items with no values disappear, attributes
 *   follow the header order, and status and summary keys are lower-cased.
 * - `csv` with `plain` additionally loses the whole envelope: the tree gets `{ method }` when
 *   the reader names one (`options.method`), else no member but the list; values are written as
 *   the tree's own method types them and read back as the reader's method (or `type`) does.
 *
 * @param doc - a tree.
 * @param format - the format to project onto.
 * @param options - see {@link NormalizeOptions}.
 * @returns a new tree (the argument is not modified).
 * @throws CodecError when the format cannot carry the tree at all, with the same code the
 *   encoder would give (`XML_INVALID_CHARACTER`, `XML_UNREPRESENTABLE`, `CSV_MIXED_TYPES`,
 *   `CSV_UNREPRESENTABLE`, `CSV_INVALID_CHARACTER`, `TREE_*`).
 * @example
 * ```ts
 * normalize({ list: [{ object: 'ip', id: 7, public: 'yes' }], method: '/grid/ip/list' }, 'xml');
 * // { method: '/grid/ip/list', list: [{ object: 'ip', id: 7, public: 'yes' }] }
 * ```
 */
export function normalize(doc: Document, format: Format, options: NormalizeOptions = {}): Document {
  if (isEnvelope(doc)) checkHead(doc);
  const objects = isEnvelope(doc) ? doc.list : [doc];
  objects.forEach((o, i) => checkObject(o, isEnvelope(doc) ? ['list', i] : []));
  switch (format) {
    case 'json':
      return structuredClone(doc);
    case 'xml':
      return xmlModel(doc);
    case 'csv':
      return csvModel(doc, options);
  }
}
