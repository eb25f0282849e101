/**
 * The converter's input: a file or standard input, as chunks of bytes. Every failure to open
 * or read it becomes `IO_READ_FAILED` naming the input, so nothing but `FILE: CODE message`
 * reaches the user.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { CodecError } from '../errors.js';
import { ioError } from './io-error.js';

/** An opened input. */
export interface Input {
  /** The name diagnostics show: the path as given, or `<stdin>`. */
  readonly name: string;
  /** The size in bytes when the input is a regular file (for the progress bar). */
  readonly size: number | undefined;
  /** The bytes, in order; a read failure is thrown as `IO_READ_FAILED`. */
  readonly chunks: AsyncIterable<Buffer>;
  /** Stops reading (the reader of the output went away, or the command failed). */
  destroy(): void;
}

/**
 * Opens the input.
 * @param file - a path, or `undefined` for standard input.
 * @param onChunk - called with the size of every chunk read (the progress bar counts them).
 * @param onEnd - called once the whole input was read.
 * @returns the input.
 * @throws CodecError `IO_READ_FAILED` when the file is missing, a directory or unreadable.
 * @example
 * ```ts
 * const input = openInput('servers.xml');
 * for await (const text of convert(input.chunks, { to: 'json' })) process.stdout.write(text);
 * ```
 */
export function openInput(file: string | undefined, onChunk?: (bytes: number) => void, onEnd?: () => void): Input {
  const name = file ?? '<stdin>';
  let size: number | undefined;
  if (file !== undefined) {
    let stat;
    try {
      stat = statSync(file);
    } catch (e) {
      throw ioError('IO_READ_FAILED', name, 'cannot open the input', e);
    }
    if (stat.isDirectory()) throw ioError('IO_READ_FAILED', name, 'is a directory, not a file to convert');
    if (stat.isFile()) size = stat.size;
  }
  const stream: Readable = file === undefined ? process.stdin : createReadStream(file, { highWaterMark: 1 << 16 });
  return {
    name,
    size,
    chunks: read(stream, name, onChunk, onEnd),
    destroy: () => {
      stream.destroy();
    },
  };
}

async function* read(stream: Readable, name: string, onChunk: ((bytes: number) => void) | undefined, onEnd: (() => void) | undefined): AsyncGenerator<Buffer, void, undefined> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await chunks.next();
    } catch (e) {
      if (e instanceof CodecError) throw e;
      throw ioError('IO_READ_FAILED', name, 'cannot read the input', e);
    }
    if (next.done === true) break;
    onChunk?.(next.value.length);
    yield next.value;
  }
  onEnd?.();
}
