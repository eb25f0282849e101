/**
 * A helper of the regression tests for limits enforced while input arrives: stream a document
 * made of a prefix and an endless body, and say how much was written before the decoder stopped.
 */
import { CodecError, createDecoder, type DecodeOptions, type Format } from '../../src/index.js';

/** Where a stream stopped: the error, how many characters had been written, and the highest RSS seen. */
export interface Stopped {
  code: string | undefined;
  line: number | undefined;
  column: number | undefined;
  offset: number | undefined;
  path: string | undefined;
  written: number;
  peakRss: number;
}

/**
 * Writes `prefix`, then `body` again and again (up to `max` characters in all), in chunks of `size`.
 * @param format - the decoder.
 * @param prefix - the start of the document.
 * @param body - what repeats; it is repeated to make chunks of about `size`.
 * @param size - characters per chunk.
 * @param max - stop (and end the input) after this many characters.
 * @param options - decode options.
 * @returns where it stopped.
 */
export function endless(format: Format, prefix: string, body: string, size: number, max: number, options: DecodeOptions = {}): Stopped {
  const chunk = body.repeat(Math.max(1, Math.floor(size / body.length)));
  let written = 0;
  let peakRss = process.memoryUsage.rss();
  try {
    const feed = createDecoder(format, () => undefined, options);
    feed.write(prefix);
    written += prefix.length;
    while (written < max) {
      feed.write(chunk);
      written += chunk.length;
      if ((written & 0xfffff) < chunk.length) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
    feed.end();
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    return { code: e.code, line: e.line, column: e.column, offset: e.offset, path: e.path, written, peakRss: Math.max(peakRss, process.memoryUsage.rss()) };
  }
  return { code: undefined, line: undefined, column: undefined, offset: undefined, path: undefined, written, peakRss };
}
