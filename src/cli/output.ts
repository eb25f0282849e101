/**
 * Where the converter writes, with the promises of coreutils' `sort -o` and `cp`:
 *
 * | target | what happens |
 * |---|---|
 * | none, or `-` | standard output |
 * | a regular file, or a name that does not exist yet | written to a new temporary file in the same directory (created exclusively under an unpredictable name), synced, given the old file's mode (and owner and group when running as root), then renamed over the target: a failed conversion leaves the target as it was |
 * | a symbolic link | followed to the file it points to, which is replaced as above; the link stays a link |
 * | a character or block device, a FIFO, a socket | opened and written in place: no temporary file, no rename (Linux refuses to open a socket: `IO_WRITE_FAILED`, the socket untouched) |
 * | a directory, or a regular file the user may not write | refused (`IO_WRITE_FAILED`) before anything is read |
 *
 * "May not write" is decided as `cp` decides it: by `access(W_OK)`, so root may replace a
 * read-only file, like `cp` as root does.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, lstatSync, readlinkSync, realpathSync, rmSync, type Stats } from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { ioError } from './io-error.js';
import { onSignalCleanup } from './signals.js';

/** An opened output. */
export interface Output {
  /** The name diagnostics show: the target as the user gave it, or `<stdout>`. */
  readonly name: string;
  /** `true` when the data goes to standard output. */
  readonly toStdout: boolean;
  /** `true` once the reader of standard output went away (`| head`): stop quietly. */
  readonly closed: boolean;
  /**
   * Writes text, waiting while the reader is slow.
   * @throws CodecError `IO_WRITE_FAILED` naming the target.
   */
  write(text: string): Promise<void>;
  /**
   * Finishes: flushes standard output, or syncs the file and renames it into place.
   * @throws CodecError `IO_WRITE_FAILED` naming the target.
   */
  commit(): Promise<void>;
  /** Gives up: removes the temporary file (a device or FIFO keeps what it received). Never throws. */
  abort(): Promise<void>;
}

/** How many unpredictable names to try before giving up (each collision is already unlikely). */
const TEMPORARY_ATTEMPTS = 16;
/** Symbolic links followed at most, as Linux's own limit (ELOOP beyond). */
const MAX_LINKS = 40;

/**
 * Opens the output target. Checks that can fail before the conversion starts (a missing
 * directory, a directory as target, a read-only file) fail here.
 *
 * @param target - the `-o` argument; `undefined` or `-` for standard output.
 * @returns the output.
 * @throws CodecError `IO_WRITE_FAILED` naming `target`.
 * @example
 * ```ts
 * const out = await openOutput('servers.json');
 * try { for await (const t of convert(input, { to: 'json' })) await out.write(t); await out.commit(); }
 * catch (e) { await out.abort(); throw e; }
 * ```
 */
export async function openOutput(target: string | undefined): Promise<Output> {
  if (target === undefined || target === '-') return new StdoutOutput();
  const { path, stat } = follow(target);
  if (stat !== undefined && stat.isDirectory()) throw ioError('IO_WRITE_FAILED', target, 'is a directory');
  if (stat !== undefined && !stat.isFile()) return InPlaceOutput.open(target, path);
  return ReplacingOutput.open(target, path, stat);
}

/** Follows symbolic links (dangling ones too, like `cp` and `sort -o`) to the path that will be written. */
function follow(target: string): { path: string; stat: Stats | undefined } {
  let path = target;
  for (let links = 0; ; links++) {
    let stat: Stats;
    try {
      stat = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path, stat: undefined };
      throw ioError('IO_WRITE_FAILED', target, 'cannot examine the output', e);
    }
    if (!stat.isSymbolicLink()) return { path, stat };
    if (links === MAX_LINKS) throw ioError('IO_WRITE_FAILED', target, `is a chain of more than ${MAX_LINKS} symbolic links`);
    try {
      path = resolve(dirname(path), readlinkSync(path));
    } catch (e) {
      throw ioError('IO_WRITE_FAILED', target, 'cannot read the symbolic link', e);
    }
  }
}

class StdoutOutput implements Output {
  readonly name = '<stdout>';
  readonly toStdout = true;
  closed = false;
  private failure: unknown;

  constructor() {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else this.failure ??= e;
    });
  }

  async write(text: string): Promise<void> {
    this.check();
    if (this.closed) return;
    if (!process.stdout.write(text)) {
      await Promise.race([once(process.stdout, 'drain'), once(process.stdout, 'close')]).catch(() => undefined);
    }
    this.check();
  }

  async commit(): Promise<void> {
    // An empty write's callback runs once everything before it was handed to the system.
    if (!this.closed) await new Promise<void>((done) => process.stdout.write('', () => done()));
    this.check();
  }

  async abort(): Promise<void> {}

  private check(): void {
    if (this.failure !== undefined) throw ioError('IO_WRITE_FAILED', this.name, 'cannot write standard output', this.failure);
  }
}

/** A file handle with errors turned into `IO_WRITE_FAILED` naming the target. */
abstract class FileOutput implements Output {
  readonly toStdout = false;
  readonly closed = false;

  protected constructor(
    readonly name: string,
    protected readonly handle: FileHandle,
  ) {}

  async write(text: string): Promise<void> {
    try {
      await this.handle.write(text);
    } catch (e) {
      throw ioError('IO_WRITE_FAILED', this.name, 'cannot write the output', e);
    }
  }

  abstract commit(): Promise<void>;
  abstract abort(): Promise<void>;
}

/** A device, FIFO or socket: written where it is. */
class InPlaceOutput extends FileOutput {
  static async open(target: string, path: string): Promise<InPlaceOutput> {
    try {
      // No O_TRUNC and no O_CREAT: the target exists and is not a regular file. A FIFO blocks
      // here until a reader opens it, as it would for any writer.
      return new InPlaceOutput(target, await open(path, constants.O_WRONLY));
    } catch (e) {
      throw ioError('IO_WRITE_FAILED', target, 'cannot open the output', e);
    }
  }

  async commit(): Promise<void> {
    try {
      await this.handle.close();
    } catch (e) {
      throw ioError('IO_WRITE_FAILED', this.name, 'cannot write the output', e);
    }
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** A regular file (or a new one): a temporary file beside it, renamed over it on success. */
class ReplacingOutput extends FileOutput {
  private done = false;

  private constructor(
    name: string,
    handle: FileHandle,
    private readonly temporary: string,
    private readonly final: string,
    private readonly previous: Stats | undefined,
    private readonly forget: () => void,
  ) {
    super(name, handle);
  }

  static async open(target: string, path: string, previous: Stats | undefined): Promise<ReplacingOutput> {
    if (previous !== undefined) {
      try {
        accessSync(path, constants.W_OK);
      } catch (e) {
        throw ioError('IO_WRITE_FAILED', target, `is not writable (mode ${(previous.mode & 0o7777).toString(8).padStart(4, '0')}); refused, as cp would`, e);
      }
    }
    let directory: string;
    try {
      directory = realpathSync(dirname(path));
    } catch (e) {
      throw ioError('IO_WRITE_FAILED', target, 'cannot use the directory of the output', e);
    }
    const final = join(directory, basename(path));
    for (let attempt = 1; ; attempt++) {
      const temporary = join(directory, `.${basename(path)}.${randomBytes(9).toString('base64url')}.tmp`);
      let handle: FileHandle;
      try {
        // 'wx' is O_CREAT|O_EXCL: never opens an existing file, nor follows a planted symlink.
        // An existing target's contents are private until its mode is restored: start at 0600.
        handle = await open(temporary, 'wx', previous === undefined ? 0o666 : 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < TEMPORARY_ATTEMPTS) continue;
        throw ioError('IO_WRITE_FAILED', target, `cannot create a temporary file in ${directory}`, e);
      }
      const forget = onSignalCleanup(() => rmSync(temporary, { force: true }));
      return new ReplacingOutput(target, handle, temporary, final, previous, forget);
    }
  }

  async commit(): Promise<void> {
    try {
      if (this.previous !== undefined) {
        // Owner first: chown clears set-user-ID and set-group-ID bits, chmod puts them back.
        if (process.getuid?.() === 0) await this.handle.chown(this.previous.uid, this.previous.gid);
        await this.handle.chmod(this.previous.mode & 0o7777);
      }
      // Synced before the rename, so a crash cannot leave an empty file under the target's name.
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temporary, this.final);
      this.done = true;
      this.forget();
    } catch (e) {
      await this.abort();
      throw ioError('IO_WRITE_FAILED', this.name, 'cannot write the output', e);
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    rmSync(this.temporary, { force: true });
    this.forget();
  }
}
