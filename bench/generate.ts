/**
 * The benchmark's data: deterministic GoGrid list documents of one kind, written in JSON
 * (compact), XML (GoGrid's layout) and CSV by the library's own streaming encoder, one object
 * at a time, so a document of any size needs only a few objects in memory.
 *
 * As a command:
 *
 * ```sh
 * node dist/bench/generate.js --kind server --mb 1000 --out /big/dir [--formats json,xml,csv] [--seed N] [--force]
 * ```
 *
 * writes `<out>/server-1000mb.json|.xml|.csv` and `server-1000mb.meta.json`.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type CodecEvent, type EnvelopeHead, encodeEvents, FileSpool } from '../src/index.js';
import { KINDS, type Kind, METHODS, ObjectFactory } from './objects.js';
import { hashSeed, Random } from './random.js';

/** The formats every dataset is written in. */
export type Format = 'json' | 'xml' | 'csv';

/** Every format, in table order. */
export const FORMATS: readonly Format[] = ['json', 'xml', 'csv'];

/** Bump when the generator's output changes, so cached files are regenerated. */
const GENERATOR_VERSION = 1;

/** The repository's `bench/` folder (this file runs from `dist/bench/`). */
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench');

/** Where generated files go by default (git-ignored). */
export const DATA_DIR = join(BENCH_DIR, 'data');

/** A generated document in every format, as its `.meta.json` describes it. */
export interface Dataset {
  generator: number;
  kind: Kind;
  /** The target size of the JSON file, in MB (10^6 bytes). */
  mb: number;
  seed: number;
  /** The number of objects in the list (what every contender must count). */
  objects: number;
  /** Byte size of each file. */
  bytes: Record<Format, number>;
  /** Each file's path. */
  files: Record<Format, string>;
}

/** Options of {@link ensureDataset}. */
export interface DatasetOptions {
  /** Output folder; default `bench/data`. */
  dir?: string;
  /** Seed; default a hash of the kind, so the 1 MB file is a prefix of the 10 MB one. */
  seed?: number;
  /** Which formats to write; default all. */
  formats?: readonly Format[];
  /** Regenerate even when the files are there. */
  force?: boolean;
  /** Progress messages (default: none). */
  log?: (line: string) => void;
}

/**
 * The base name of a dataset's files.
 * @param kind - the object kind.
 * @param mb - the size in MB.
 * @returns e.g. `loadbalancer-10mb`.
 */
export function datasetName(kind: Kind, mb: number): string {
  return `${kind}-${mb}mb`;
}

/**
 * Returns a dataset, generating its files when they are missing or were written by another
 * version of the generator (generation is deterministic, so cached files are safe to reuse).
 *
 * @param kind - the object kind.
 * @param mb - the target size of the JSON file in MB (10^6 bytes); the XML file is larger.
 * @param options - see {@link DatasetOptions}.
 * @returns the dataset's description.
 * @throws when the library's encoder fails (that is a bug to report).
 * @example
 * ```ts
 * const ds = await ensureDataset('loadbalancer', 10);
 * ds.files.xml; // …/bench/data/loadbalancer-10mb.xml
 * ```
 */
export async function ensureDataset(kind: Kind, mb: number, options: DatasetOptions = {}): Promise<Dataset> {
  const dir = options.dir ?? DATA_DIR;
  const seed = options.seed ?? hashSeed(kind);
  const formats = options.formats ?? FORMATS;
  const base = join(dir, datasetName(kind, mb));
  const files = { json: `${base}.json`, xml: `${base}.xml`, csv: `${base}.csv` };
  const metaFile = `${base}.meta.json`;
  const objects = objectCount(kind, mb, seed);
  const cached = readMeta(metaFile);
  const reusable = options.force !== true && cached?.generator === GENERATOR_VERSION && cached.seed === seed && cached.objects === objects;
  const bytes: Record<Format, number> = reusable ? { ...cached.bytes } : { json: 0, xml: 0, csv: 0 };
  const missing = formats.filter((f) => !reusable || sizeOf(files[f]) !== bytes[f]);
  if (missing.length === 0) return { generator: GENERATOR_VERSION, kind, mb, seed, objects, bytes, files };
  mkdirSync(dir, { recursive: true });
  for (const format of missing) {
    const started = process.hrtime.bigint();
    const partial = `${files[format]}.partial`;
    // CSV needs every object before its header: the encoder's spool spills them next to the output.
    const spool = new FileSpool(1000, dir);
    await pipeline(Readable.from(encodeEvents(generatedEvents(kind, objects, seed, format), { format }, spool)), createWriteStream(partial));
    renameSync(partial, files[format]);
    bytes[format] = statSync(files[format]).size;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    options.log?.(`generated ${files[format]}: ${objects} objects, ${(bytes[format] / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
  }
  const meta: Omit<Dataset, 'files'> = { generator: GENERATOR_VERSION, kind, mb, seed, objects, bytes };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return { ...meta, files };
}

/**
 * The events of one generated document, in the order its format wants: XML and CSV get the
 * final envelope first; JSON gets an empty, non-final one first so that the encoder writes
 * `list` before `summary`, `status`, `method`, as GoGrid's JSON does.
 *
 * @param kind - the object kind.
 * @param count - how many objects.
 * @param seed - the seed.
 * @param format - the target format.
 * @returns the events; objects are made one at a time as the encoder pulls them.
 */
export function* generatedEvents(kind: Kind, count: number, seed: number, format: Format): Generator<CodecEvent, void, undefined> {
  const head: EnvelopeHead = {
    summary: { total: count, start: 0, numpages: 0, returned: count },
    status: 'success',
    method: METHODS[kind],
  };
  yield format === 'json' ? { type: 'envelope', head: {}, final: false } : { type: 'envelope', head, final: true };
  const factory = new ObjectFactory(new Random(seed));
  for (let i = 0; i < count; i++) yield { type: 'object', object: factory.make(kind) };
  if (format === 'json') yield { type: 'envelope', head, final: true };
  yield { type: 'end' };
}

/**
 * How many objects make a compact JSON document of about `mb` MB: measured on the first
 * objects of the same seeded sequence (exact for small documents, an average for big ones).
 */
function objectCount(kind: Kind, mb: number, seed: number): number {
  const SAMPLE = 2000;
  const ENVELOPE = 120; // `{"list":[` … `],"summary":{…},"status":"success","method":"…"}`
  const target = mb * 1e6 - ENVELOPE;
  const factory = new ObjectFactory(new Random(seed));
  let bytes = 0;
  for (let i = 0; i < SAMPLE; i++) {
    bytes += Buffer.byteLength(JSON.stringify(factory.make(kind))) + 1;
    if (bytes >= target) return i + 1;
  }
  return Math.max(1, Math.round(target / (bytes / SAMPLE)));
}

function readMeta(file: string): Omit<Dataset, 'files'> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Omit<Dataset, 'files'>;
  } catch {
    return undefined;
  }
}

function sizeOf(file: string): number {
  return existsSync(file) ? statSync(file).size : -1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string', default: 'loadbalancer' },
      mb: { type: 'string', default: '10' },
      out: { type: 'string' },
      formats: { type: 'string', default: FORMATS.join(',') },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const kind = values.kind as Kind;
  if (!KINDS.includes(kind)) throw new Error(`--kind must be one of ${KINDS.join(', ')} (got ${JSON.stringify(values.kind)})`);
  const mb = Number(values.mb);
  if (!(mb > 0)) throw new Error(`--mb must be a positive number (got ${JSON.stringify(values.mb)})`);
  const formats = values.formats.split(',') as Format[];
  for (const f of formats) if (!FORMATS.includes(f)) throw new Error(`--formats takes ${FORMATS.join(', ')} (got ${JSON.stringify(f)})`);
  const options: DatasetOptions = { formats, force: values.force, log: (line) => process.stderr.write(`${line}\n`) };
  if (values.out !== undefined) options.dir = resolve(values.out);
  if (values.seed !== undefined) options.seed = Number(values.seed) >>> 0;
  const ds = await ensureDataset(kind, mb, options);
  const rss = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ objects: ds.objects, bytes: ds.bytes, files: ds.files, maxRssMB: Math.round(rss) })}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
