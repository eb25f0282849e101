/**
 * What every decoder core sits behind: turns chunks of bytes or strings into text (UTF-8
 * decoded across chunk boundaries, a leading BOM dropped) and guards the core's lifecycle.
 */
import { type CodecError, codecError, type CodecFormat } from '../errors.js';

/** A position in the text: 1-based line and column, 0-based offset (UTF-16 code units, after a BOM). */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

/**
 * A decoder core: a push state machine over text, with no I/O. It emits events through a sink
 * given at construction and throws {@link CodecError}s.
 */
export interface DecoderCore {
  /** The format, for errors raised around the core. */
  readonly format: CodecFormat;
  /** Takes the next piece of text. */
  write(text: string): void;
  /** The input is complete: finish, or throw what is missing. */
  end(): void;
  /** The position just after all text written so far. */
  position(): TextPosition;
  /**
   * The input is broken just after the text written so far (invalid UTF-8): throw the earliest
   * error of the text so far if there is one, otherwise `error`.
   */
  abort(error: CodecError): never;
}

/**
 * Feeds a {@link DecoderCore} with strings or bytes.
 *
 * Bytes are decoded as UTF-8 with `TextDecoder` in streaming mode, so a character split between
 * two chunks is decoded whole; invalid UTF-8 is an `INPUT_INVALID_UTF8` error at the position of
 * the first bad byte. One leading BOM is dropped, from bytes or from a string. After an error,
 * or after `end`, the feed refuses more input.
 *
 * @example
 * ```ts
 * const feed = new TextFeed(core);
 * feed.write(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b])); // BOM, then "{"
 * feed.end();
 * ```
 */
export class TextFeed {
  private static readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** The bytes of a character cut off at the end of the last chunk (at most 3). */
  private carry: Uint8Array | undefined;
  private started = false;
  private closed = false;

  /** @param core - the decoder core to feed. */
  constructor(readonly core: DecoderCore) {}

  /**
   * Writes one chunk.
   * @param chunk - text, or UTF-8 bytes.
   * @throws CodecError from the core, or `INPUT_INVALID_UTF8`.
   */
  write(chunk: string | Uint8Array): void {
    if (this.closed) throw new Error('gogrid-codec: write() after end() or after an error');
    try {
      if (typeof chunk === 'string') {
        if (this.carry !== undefined) this.core.abort(this.utf8Error());
        this.text(chunk);
      } else {
        this.bytes(chunk);
      }
    } catch (e) {
      this.closed = true;
      throw e;
    }
  }

  /**
   * Ends the input.
   * @throws CodecError for an incomplete document or a character cut off at the end.
   */
  end(): void {
    if (this.closed) throw new Error('gogrid-codec: end() after end() or after an error');
    this.closed = true;
    if (this.carry !== undefined) this.core.abort(this.utf8Error());
    this.core.end();
  }

  private bytes(chunk: Uint8Array): void {
    let data = chunk;
    if (this.carry !== undefined) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
      this.carry = undefined;
    }
    const boundary = completeLength(data);
    if (boundary < data.length) this.carry = data.slice(boundary);
    // Large chunks are decoded in pieces of about PIECE bytes, cut before a character's first
    // byte: the cores read and slice smaller strings faster (a 64 KiB string of two-byte text is
    // a "large object" to V8's heap), about a tenth of the JSON decoder's time.
    for (let start = 0; start < boundary; ) {
      let end = boundary;
      if (end - start > PIECE) {
        end = start + PIECE;
        for (let k = 0; k < 3 && ((data[end] as number) & 0xc0) === 0x80; k++) end--;
        if (((data[end] as number) & 0xc0) === 0x80) end = start + PIECE;
      }
      this.piece(data.subarray(start, end));
      start = end;
    }
  }

  private piece(data: Uint8Array): void {
    let text: string;
    try {
      text = TextFeed.decoder.decode(data);
    } catch {
      // Give the core the valid text before the bad byte, so that an earlier error in the
      // text wins and the position does not depend on how the input was split.
      const bad = firstInvalidByte(data);
      this.text(TextFeed.decoder.decode(data.subarray(0, bad)));
      this.core.abort(this.utf8Error());
    }
    this.text(text);
  }

  private utf8Error(): CodecError {
    return codecError(this.core.format, 'INPUT_INVALID_UTF8', 'the input is not valid UTF-8', this.core.position());
  }

  private text(text: string): void {
    if (text === '') return;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text === '') return;
    }
    this.core.write(text);
  }
}

/** The most bytes decoded into one string (see `TextFeed.bytes`). */
const PIECE = 16 * 1024;

/** The length of the longest prefix that does not end inside a multi-byte character. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k] as number;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
      return need >= k ? n - k : n;
    }
  }
  return n;
}

/** The index of the first byte of a chunk that does not start or continue valid UTF-8. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= bytes.length + 1) return i;
    let code = b & (0x7f >> (need + 1));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}
