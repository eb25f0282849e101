/**
 * What the web entry's default spool costs at its bound: the heap taken by
 * `MEMORY_SPOOL_LIMIT` GoGrid server objects (the corpus's `grid.server.get` sample, parsed anew
 * each time) held in a `MemorySpool`, measured in Node's V8 after a full collection.
 *
 * Run: `npm run build && node --expose-gc dist/bench/memory-spool.js` (about a second).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decode, isEnvelope, MEMORY_SPOOL_LIMIT, MemorySpool } from '../src/web.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const file = fileURLToPath(new URL('../../corpus/grid.server.get/001-server-get.json', import.meta.url));
const doc = decode(readFileSync(file, 'utf8'));
const sample = isEnvelope(doc) ? doc.list[0] : doc;
if (sample === undefined) throw new Error(`${file}: no object`);
const text = JSON.stringify(sample);

gc();
const before = process.memoryUsage().heapUsed;
const spool = new MemorySpool(MEMORY_SPOOL_LIMIT);
for (let i = 0; i < MEMORY_SPOOL_LIMIT; i++) await spool.add(JSON.parse(text) as typeof sample);
gc();
const held = process.memoryUsage().heapUsed - before;
let count = 0;
for await (const object of spool.drain()) if (object !== undefined) count++;
if (count !== MEMORY_SPOOL_LIMIT) throw new Error(`drained ${count} of ${MEMORY_SPOOL_LIMIT}`);
console.log(`${MEMORY_SPOOL_LIMIT} server objects of ${text.length} characters of JSON each: ${(held / 2 ** 20).toFixed(1)} MiB of heap (${Math.round(held / MEMORY_SPOOL_LIMIT)} bytes each), Node ${process.version}`);
