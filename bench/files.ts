/**
 * How contenders read their input: in 64 KiB chunks (every streaming contender sees the same
 * chunks), or whole.
 */
import { createReadStream, createWriteStream, existsSync, type ReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import type { Envelope } from '../src/index.js';

/** The chunk size every streaming contender reads with. */
export const CHUNK_SIZE = 64 * 1024;

/**
 * A read stream of a file in {@link CHUNK_SIZE} chunks: bytes, or text when `encoding` is
 * given (multi-byte characters split across chunks are then decoded correctly).
 *
 * @param file - the path.
 * @param encoding - `'utf8'` for text chunks; omitted for `Buffer`s.
 * @returns the stream (also an async iterable of its chunks).
 * @example
 * ```ts
 * for await (const chunk of fileChunks('a.xml', 'utf8')) parser.write(chunk as string);
 * ```
 */
export function fileChunks(file: string, encoding?: 'utf8'): ReadStream {
  return encoding === undefined ? createReadStream(file, { highWaterMark: CHUNK_SIZE }) : createReadStream(file, { highWaterMark: CHUNK_SIZE, encoding });
}

/**
 * Reads a generated JSON document with `JSON.parse` (the untimed source of the encoders' trees).
 *
 * @param file - a dataset's `.json` file.
 * @returns the envelope.
 * @throws Error when the file is not an envelope.
 */
export async function readEnvelope(file: string): Promise<Envelope> {
  const doc = JSON.parse(await readFile(file, 'utf8')) as Envelope;
  if (!Array.isArray(doc.list)) throw new Error(`${file} is not a GoGrid envelope (no list)`);
  return doc;
}

/**
 * A plain CSV of a GoGrid CSV's rows, for tools that cannot read GoGrid's two `#` lines (Miller):
 * no envelope line, the header without its `#`. Written once beside the file (`.plain.csv`) and
 * reused while newer than it.
 *
 * @param file - a dataset's `.csv` file.
 * @returns the plain copy's path.
 */
export async function plainCsv(file: string): Promise<string> {
  const out = file.replace(/\.csv$/, '.plain.csv');
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(file).mtimeMs) return out;
  const write = createWriteStream(out);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    n++;
    if (n > 1) write.write(`${n === 2 ? line.replace(/^# ?/, '') : line}\n`);
  }
  await new Promise((resolve) => write.end(resolve));
  return out;
}
