/**
 * Seeded randomness for the benchmark generator: the same seed gives the same documents on
 * every machine, so generated files can be cached and results compared across runs.
 */

/**
 * A small, fast 32-bit PRNG (mulberry32). Every draw goes through it; nothing in the
 * generator calls `Math.random`.
 */
export class Random {
  private state: number;

  /** @param seed - any 32-bit integer. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * A float in [0, 1).
   * @returns the next draw.
   */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * An integer in [min, max], both included.
   * @param min - the smallest value.
   * @param max - the largest value.
   * @returns the draw.
   */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * Whether an event of probability `p` happens.
   * @param p - from 0 (never) to 1 (always).
   * @returns the draw.
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One item of a non-empty list.
   * @param items - the choices.
   * @returns the chosen item.
   */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/**
 * A 32-bit FNV-1a hash, to turn a name (`loadbalancer`) into a seed.
 * @param text - any string.
 * @returns the hash.
 */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORDS = [
  'web', 'db', 'cache', 'api', 'front', 'back', 'worker', 'queue', 'mail', 'proxy', 'edge', 'batch',
  'staging', 'prod', 'test', 'legacy', 'blue', 'green', 'east', 'west', 'primary', 'replica', 'search', 'static',
];

const SENTENCES = [
  'Serves the public web site',
  'Internal reporting database',
  'Nightly batch jobs and exports',
  'Customer uploads and media',
  'Load balanced application tier',
  'Reserved for the QA team',
  'Migrated from the old data center',
  'Do not power off without a ticket',
];

/**
 * What makes a string hard for a codec: separators and quotes (CSV), markup and CDATA
 * terminators (XML), line breaks of both kinds, edge spaces, and non-ASCII text including
 * characters outside the BMP (surrogate pairs in UTF-16).
 */
const AWKWARD: readonly ((s: string) => string)[] = [
  (s) => `${s}, Inc.`,
  (s) => `${s} "quoted"`,
  (s) => `${s} <b>not markup</b>`,
  (s) => `${s} & Sons`,
  (s) => `${s} ]]> end`,
  (s) => `${s}\nsecond line`,
  (s) => `${s}\r\nsecond line (CRLF)`,
  (s) => `  ${s}  `,
  (s) => `${s} café résumé`,
  (s) => `${s} 中文服务器`,
  (s) => `${s} 🚀✨`,
  (s) => `"${s}", <${s}> & ]]>\r\n😀`,
];

/** Probabilities of the special string values. */
const P_NULL = 0.02;
const P_EMPTY = 0.02;
const P_AWKWARD = 0.12;

/**
 * A realistic name like `web-prod-042`, now and then made awkward, empty or `null`.
 * @param r - the generator.
 * @returns the value.
 */
export function name(r: Random): string | null {
  return awkward(r, `${r.pick(WORDS)}-${r.pick(WORDS)}-${String(r.int(1, 999)).padStart(3, '0')}`);
}

/**
 * A realistic one-line description, now and then made awkward, empty or `null`.
 * @param r - the generator.
 * @returns the value.
 */
export function sentence(r: Random): string | null {
  return awkward(r, r.pick(SENTENCES));
}

/**
 * Applies, with some probability, one awkward transformation, or replaces the string by `null`
 * or `""`.
 * @param r - the generator.
 * @param s - a plain string.
 * @returns the string, changed or not.
 */
export function awkward(r: Random, s: string): string | null {
  const x = r.next();
  if (x < P_NULL) return null;
  if (x < P_NULL + P_EMPTY) return '';
  if (x < P_NULL + P_EMPTY + P_AWKWARD) return r.pick(AWKWARD)(s);
  return s;
}

/**
 * An IPv4 address in one of a few GoGrid-like /28 subnets, with its subnet text.
 * @param r - the generator.
 * @returns the address and `a.b.c.d/255.255.255.240`.
 */
export function address(r: Random): { ip: string; subnet: string } {
  const c = r.int(64, 127);
  const base = r.int(0, 15) * 16;
  return { ip: `208.113.${c}.${base + r.int(1, 14)}`, subnet: `208.113.${c}.${base}/255.255.255.240` };
}

/**
 * Epoch milliseconds between 2008 and 2012.
 * @param r - the generator.
 * @returns the time.
 */
export function epochMs(r: Random): number {
  return 1199145600000 + Math.floor(r.next() * 157766400000);
}

/**
 * A price as GoGrid prints it: a Java `float` widened to `double`, so `9.88` becomes
 * `9.879999876022339`; often exactly `0`.
 * @param r - the generator.
 * @returns the price.
 */
export function price(r: Random): number {
  return r.chance(0.4) ? 0 : Math.fround(r.int(1, 5000) / 100);
}
