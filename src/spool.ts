/**
 * Where objects wait when a target format needs something that arrives late (XML, CSV and
 * NDJSON write the envelope first, JSON may give it last; the CSV header needs every object).
 * This module holds the contract and the in-memory spool, which runs anywhere; the spool that
 * spills to a temporary file is Node's (`src/spool-file.ts`).
 */
import { CodecError } from './errors.js';
import type { GoObject } from './tree/types.js';

/** A first-in first-out store of objects. */
export interface ObjectSpool {
  /** Stores one object. */
  add(object: GoObject): Promise<void>;
  /** Reads every stored object back, in order; the spool is empty afterwards. */
  drain(): AsyncGenerator<GoObject, void, undefined>;
  /** Releases what the spool holds (removes its temporary file). */
  dispose(): Promise<void>;
}

/**
 * How many objects the default spool of the web entry holds (browsers and edge workers have no
 * file system to spill to); one more is `SPILL_LIMIT_EXCEEDED`. 10,000 GoGrid server objects take
 * about 10 MiB of heap (bench/memory-spool.ts: about 1 KB each), well inside an edge worker's
 * memory (128 MB on Cloudflare's); pass a spool of your own to `encodeEvents` or `convert`
 * (`spool`) for another bound.
 *
 * @example
 * ```ts
 * convert(response.body!, { to: 'csv', spool: new MemorySpool(MEMORY_SPOOL_LIMIT * 10) });
 * ```
 */
export const MEMORY_SPOOL_LIMIT = 10_000;

/**
 * A spool that keeps everything in memory, up to `limit` objects: for small inputs and
 * environments without a file system (the web entry's default, with {@link MEMORY_SPOOL_LIMIT}).
 *
 * @example
 * ```ts
 * const spool = new MemorySpool(10_000);
 * await spool.add({ id: 1 });
 * for await (const o of spool.drain()) console.log(o);
 * ```
 */
export class MemorySpool implements ObjectSpool {
  private memory: GoObject[] = [];

  /**
   * @param limit - the most objects held at once (default: no bound); one more is refused with
   *   `SPILL_LIMIT_EXCEEDED`.
   */
  constructor(private readonly limit: number = Infinity) {}

  /**
   * @throws CodecError `SPILL_LIMIT_EXCEEDED` when the spool already holds `limit` objects.
   */
  async add(object: GoObject): Promise<void> {
    if (this.memory.length >= this.limit) {
      throw new CodecError({
        code: 'SPILL_LIMIT_EXCEEDED',
        format: 'input',
        detail: `more than ${this.limit} objects had to wait for a late envelope or for the CSV header, and this spool keeps them in memory only (there is no file system to spill to); pass a larger spool, or have the envelope first`,
      });
    }
    this.memory.push(object);
  }

  async *drain(): AsyncGenerator<GoObject, void, undefined> {
    const memory = this.memory;
    this.memory = [];
    yield* memory;
  }

  async dispose(): Promise<void> {
    this.memory = [];
  }
}
