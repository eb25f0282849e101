/**
 * The Node spool: objects wait in memory up to a bound, then in a temporary file, read back in
 * order. Memory does not grow with the input. (Node only: it needs `node:fs`; the web entry has
 * only the {@link MemorySpool}.)
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodecError } from './errors.js';
import { jsonLine } from './json/line.js';
import type { ObjectSpool } from './spool.js';
import type { GoObject } from './tree/types.js';

const live = new Set<string>();

/**
 * Removes the temporary folders of every spool still open, synchronously: for signal handlers
 * (the CLI calls it on Ctrl-C).
 */
export function removeSpillFiles(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort while exiting.
    }
  }
  live.clear();
}

/**
 * A spool that keeps up to `limit` objects in memory and spills the rest to a temporary file
 * (one JSON line per object, numbers written exactly) in a folder of its own under the system's
 * temporary directory.
 *
 * @example
 * ```ts
 * const spool = new FileSpool(1000);
 * await spool.add({ id: 1 });
 * for await (const o of spool.drain()) console.log(o);
 * await spool.dispose();
 * ```
 */
export class FileSpool implements ObjectSpool {
  private memory: GoObject[] = [];
  private dir: string | undefined;
  private file: FileHandle | undefined;
  private pending = '';
  private spilled = 0;

  /**
   * @param limit - objects held in memory before spilling.
   * @param directory - where to create the temporary folder (default: the system's).
   */
  constructor(
    private readonly limit: number,
    private readonly directory: string = tmpdir(),
  ) {}

  async add(object: GoObject): Promise<void> {
    if (this.file === undefined && this.memory.length < this.limit) {
      this.memory.push(object);
      return;
    }
    if (this.file === undefined) await this.openFile();
    this.pending += jsonLine(object, []);
    this.spilled++;
    if (this.pending.length >= 1 << 20) await this.flush();
  }

  async *drain(): AsyncGenerator<GoObject, void, undefined> {
    const memory = this.memory;
    this.memory = [];
    yield* memory;
    if (this.file === undefined) return;
    await this.flush();
    await this.file.close();
    this.file = undefined;
    const path = join(this.dir as string, 'objects.ndjson');
    let rest = '';
    let read = 0;
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
      const text = rest + (chunk as string);
      let start = 0;
      let nl = text.indexOf('\n');
      while (nl >= 0) {
        yield JSON.parse(text.slice(start, nl)) as GoObject;
        read++;
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      rest = text.slice(start);
    }
    if (read !== this.spilled) throw spillError(`read back ${read} of ${this.spilled} spilled objects`);
    this.spilled = 0;
    await this.dispose();
  }

  async dispose(): Promise<void> {
    this.memory = [];
    if (this.file !== undefined) {
      await this.file.close().catch(() => undefined);
      this.file = undefined;
    }
    if (this.dir !== undefined) {
      rmSync(this.dir, { recursive: true, force: true });
      live.delete(this.dir);
      this.dir = undefined;
    }
  }

  private async openFile(): Promise<void> {
    try {
      this.dir = mkdtempSync(join(this.directory, 'gogrid-codec-'));
      live.add(this.dir);
      this.file = await open(join(this.dir, 'objects.ndjson'), 'w');
    } catch (e) {
      throw spillError(`cannot create a temporary file in ${this.directory}`, e);
    }
    for (const o of this.memory) this.pending += jsonLine(o, []);
    this.spilled += this.memory.length;
    this.memory = [];
  }

  private async flush(): Promise<void> {
    if (this.pending === '' || this.file === undefined) return;
    const text = this.pending;
    this.pending = '';
    try {
      await this.file.write(text);
    } catch (e) {
      throw spillError('cannot write the temporary file', e);
    }
  }
}

function spillError(detail: string, cause?: unknown): CodecError {
  return new CodecError({ code: 'SPILL_FAILED', format: 'input', detail, ...(cause === undefined ? {} : { cause }) });
}
