/**
 * The NDJSON encoder (output only): one JSON object per line, ready for `jq -c`, DuckDB's
 * `read_json` or Spark. The envelope's members (without the list) come first on their own line
 * unless `noEnvelope` is set.
 */
import { checkHead } from '../tree/check.js';
import type { CodecEvent } from '../tree/events.js';
import type { GoObject } from '../tree/types.js';
import { jsonLine } from './line.js';

/** Options of the NDJSON encoder. */
export interface NdjsonEncodeOptions {
  /** Leave out the envelope line. */
  noEnvelope: boolean;
}

/**
 * Turns events into NDJSON. With the envelope line it needs the final head first (the drivers
 * arrange that); without it, any order.
 */
export class NdjsonEncoder {
  /** What order of events the encoder needs. */
  readonly requires: 'events' | 'head-first';
  private readonly noEnvelope: boolean;
  private count = 0;

  /** @param options - see {@link NdjsonEncodeOptions}. */
  constructor(options: NdjsonEncodeOptions) {
    this.noEnvelope = options.noEnvelope;
    this.requires = options.noEnvelope ? 'events' : 'head-first';
  }

  /**
   * The text for one event.
   * @param event - the next event.
   * @returns the line(s) to append.
   */
  push(event: CodecEvent): string {
    switch (event.type) {
      case 'fragment':
        return jsonLine(event.object, []);
      case 'envelope':
        checkHead(event.head);
        // The drivers pass only the final envelope to a head-first encoder (and check the order).
        if (this.noEnvelope || !event.final) return '';
        return jsonLine(event.head as GoObject, []);
      case 'object':
        return jsonLine(event.object, ['list', this.count++]);
      case 'end':
        return '';
    }
  }
}
