/**
 * The CSV encoding reference: papaparse `unparse({ fields, data })`. Untimed first: every
 * object flattened to a row with GoGrid's dotted, 1-based column names (`realiplist.2.ip.id`),
 * the columns being every name in first-seen order. No `#` envelope line (papaparse has none).
 */
import type { GoObject, Value } from '../../src/index.js';
import type { Contender } from '../contender.js';
import { readEnvelope } from '../files.js';

type Cell = string | number | boolean;

function flatten(value: Value, prefix: string, row: Map<string, Cell>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(item, `${prefix}${i + 1}.`, row));
  } else if (value !== null && typeof value === 'object') {
    for (const name in value) if (name !== 'object') flatten(value[name] ?? null, `${prefix}${name}.`, row);
  } else {
    row.set(prefix.slice(0, -1), value ?? '');
  }
}

/**
 * Objects as papaparse rows: dotted, 1-based column names in first-seen order, `''` for a cell
 * an object does not have.
 * @param list - the list objects.
 * @returns `{ fields, data }` for `Papa.unparse`.
 */
export function flatRows(list: readonly GoObject[]): { fields: string[]; data: Cell[][] } {
  const columns = new Map<string, number>();
  const flat = list.map((object) => {
    const row = new Map<string, Cell>();
    flatten(object, '', row);
    for (const name of row.keys()) if (!columns.has(name)) columns.set(name, columns.size);
    return row;
  });
  const data = flat.map((row) => {
    const cells: Cell[] = new Array<Cell>(columns.size).fill('');
    for (const [name, cell] of row) cells[columns.get(name) as number] = cell;
    return cells;
  });
  return { fields: [...columns.keys()], data };
}

/** papaparse `unparse` of pre-flattened rows. */
export const papaparseUnparse: Contender = {
  name: 'papaparse unparse',
  group: 'reference',
  task: 'encode',
  formats: ['csv'],
  packages: ['papaparse'],
  async prepare(file) {
    const Papa = (await import('papaparse')).default;
    const doc = await readEnvelope(file);
    const table = flatRows(doc.list);
    return () => {
      const text = Papa.unparse(table);
      return Promise.resolve({ objects: table.data.length, chars: text.length });
    };
  },
};
