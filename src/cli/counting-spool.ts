/**
 * A spool that reports its replay to the progress bar: objects held until a late envelope (or,
 * for CSV, until the header is known) are written at the end, and the bar says so.
 */
import type { ObjectSpool } from '../spool.js';
import type { GoObject } from '../tree/types.js';

/**
 * Wraps a spool, counting what goes in and what comes back out.
 * @example
 * ```ts
 * const spool = new CountingSpool(new FileSpool(1000), (done, total) => bar.replay(done, total));
 * convert(input, { to: 'csv', spool });
 * ```
 */
export class CountingSpool implements ObjectSpool {
  private stored = 0;

  /**
   * @param inner - the spool that holds the objects.
   * @param onReplay - called as objects are read back: how many so far, of how many.
   */
  constructor(
    private readonly inner: ObjectSpool,
    private readonly onReplay: (done: number, total: number) => void,
  ) {}

  add(object: GoObject): Promise<void> {
    this.stored++;
    return this.inner.add(object);
  }

  async *drain(): AsyncGenerator<GoObject, void, undefined> {
    const total = this.stored;
    this.stored = 0;
    let done = 0;
    for await (const object of this.inner.drain()) {
      this.onReplay(++done, total);
      yield object;
    }
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
