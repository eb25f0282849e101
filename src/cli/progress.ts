/**
 * The progress bar on stderr. It is drawn only where it cannot mix with the data: stderr must
 * be a terminal (or `--progress` asked for it), and the data must not go to that same terminal.
 * Two phases: reading (bytes of the input, with a percentage when its size is known), then, when
 * objects waited in a spool, writing them (`writing 12,345 / 56,158 objects`).
 */
import { fstatSync } from 'node:fs';

/**
 * Whether to draw the bar.
 * @param asked - `--progress` (`true`), `--no-progress` (`false`), or neither.
 * @param dataOnStdout - whether the converted data goes to standard output.
 * @returns `true` to draw it.
 * @example
 * ```ts
 * if (wantProgress(undefined, output.toStdout)) progress = new Progress(input.size, process.stderr);
 * ```
 */
export function wantProgress(asked: boolean | undefined, dataOnStdout: boolean): boolean {
  if (asked === false) return false;
  // Never on the data's own terminal, not even when asked: the bar and its clearing would
  // land between the rows (and `\r ESC[K` erases the last one).
  if (dataOnStdout && sameFile(1, 2)) return false;
  return asked === true || process.stderr.isTTY === true;
}

function sameFile(a: number, b: number): boolean {
  try {
    const x = fstatSync(a);
    const y = fstatSync(b);
    return x.dev === y.dev && x.ino === y.ino && x.rdev === y.rdev;
  } catch {
    return false;
  }
}

/** Redraws at most this often, in milliseconds (a redraw costs a write to the terminal). */
const REDRAW_EVERY = 100;
const WIDTH = 30;

/**
 * The bar itself.
 * @example
 * ```ts
 * const bar = new Progress(size, process.stderr);
 * bar.read(chunk.length); // … bar.replay(done, total); … bar.clear();
 * ```
 */
export class Progress {
  private bytes = 0;
  private last = 0;
  private drawn = false;
  private readonly started = Date.now();

  /**
   * @param size - the input's size in bytes, when known.
   * @param stream - where to draw (stderr).
   */
  constructor(
    private readonly size: number | undefined,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  /**
   * Counts bytes read.
   * @param bytes - the size of the chunk just read.
   */
  read(bytes: number): void {
    this.bytes += bytes;
    if (!this.due()) return;
    const mb = this.bytes / 1e6;
    const rate = mb / Math.max(0.001, (Date.now() - this.started) / 1000);
    const tail = `${mb.toFixed(1)} MB ${rate.toFixed(1)} MB/s`;
    if (this.size === undefined) this.draw(`reading ${tail}`);
    else this.draw(`${bar(this.size === 0 ? 1 : this.bytes / this.size)} ${tail}`);
  }

  /**
   * Shows the writing phase: objects read back from the spool.
   * @param done - objects written so far.
   * @param total - objects waiting in all.
   */
  replay(done: number, total: number): void {
    if (!this.due() && done !== total) return;
    this.draw(`${bar(total === 0 ? 1 : done / total)} writing ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} objects`);
  }

  /**
   * Shows a batch's progress: files finished and bytes read, of the totals.
   * @param done - files finished (converted or failed).
   * @param total - files in the batch.
   * @param bytes - bytes read so far.
   * @param totalBytes - the inputs' sizes added up.
   */
  files(done: number, total: number, bytes: number, totalBytes: number): void {
    if (!this.due() && done !== total) return;
    const fraction = totalBytes === 0 ? (total === 0 ? 1 : done / total) : bytes / totalBytes;
    this.draw(`${bar(fraction)} ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} files ${(bytes / 1e6).toFixed(1)} / ${(totalBytes / 1e6).toFixed(1)} MB`);
  }

  /** Removes the bar (when one was drawn), leaving the cursor at the start of an empty line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  private due(): boolean {
    const now = Date.now();
    if (now - this.last < REDRAW_EVERY) return false;
    this.last = now;
    return true;
  }

  private draw(text: string): void {
    this.stream.write(`\r${text}\x1b[K`);
    this.drawn = true;
  }
}

function bar(fraction: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(f * WIDTH);
  return `[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}
