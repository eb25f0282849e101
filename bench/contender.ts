/**
 * What a benchmark contender is. Each file in `contenders/` exports one {@link Contender}; the
 * runner reads only these fields, and the child process calls {@link Contender.prepare} then
 * the {@link Timed} function it returns.
 */
import type { Format } from './generate.js';

/**
 * - `reference`: the yardsticks every ratio is taken against (the fastest plain thing that
 *   touches every byte of the format);
 * - `peer`: a library a user would pick instead of ours;
 * - `ours`: gogrid-codec.
 */
export type Group = 'reference' | 'peer' | 'ours';

/** What a contender does with the data: only read the bytes, decode a file, or encode a tree. */
export type Task = 'read' | 'decode' | 'encode';

/**
 * What a timed run reports, so the runner can check that it did the whole job:
 * - `read`: `bytes` must be the file's size;
 * - `decode`: `objects` must be the dataset's object count (the envelope's list length);
 * - `encode`: `objects` likewise (the list it encoded) and `chars` must not be 0.
 */
export interface Outcome {
  /** The number of list objects the contender saw (decoders) or wrote (encoders). */
  objects?: number;
  /** Encoders: the length of the text produced, in UTF-16 code units. */
  chars?: number;
  /** `read`: the number of bytes read. */
  bytes?: number;
  /** Peak RSS of the work when it ran in another process (a command-line tool), in MB; otherwise the child's own is reported. */
  rssMB?: number;
}

/** The timed part of a measurement: runs once, with everything it needs already prepared. */
export type Timed = () => Promise<Outcome>;

/** One contender. */
export interface Contender {
  /** Unique; what `--only` matches and the child process is given. */
  readonly name: string;
  readonly group: Group;
  readonly task: Task;
  /**
   * The formats it handles: for `read` and `decode` the format of the file it reads, for
   * `encode` the format it writes. The runner measures it once per format.
   */
  readonly formats: readonly Format[];
  /** npm packages it imports (lazily, inside `prepare`); when one is missing it is skipped. */
  readonly packages: readonly string[];
  /** Programs it runs (looked up on the PATH); when one is missing it is skipped. */
  readonly commands?: readonly string[];
  /**
   * The largest input (in MB of the dataset's JSON file) worth trying: above it the contender
   * is skipped with a note (whole-text DOM builders that would need many GB). Default: no limit.
   */
  readonly maxMB?: number;
  /** An extra view of something another contender measures: left out of `--quick` runs, like peers. */
  readonly extra?: boolean;
  /**
   * The untimed set-up: import the package, read or build what the timed part needs.
   *
   * @param file - for `read` and `decode`, the file in `format`; for `encode`, the dataset's
   *   JSON file (the source of the tree to encode).
   * @param format - which of {@link Contender.formats} to measure.
   * @returns the timed function.
   */
  prepare(file: string, format: Format): Promise<Timed>;
}
