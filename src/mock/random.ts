/**
 * A small, fast, seeded random source (mulberry32): the mock's fault injection uses it so that
 * a rate of injected failures is repeatable, and the fuzzer so that a mutant is replayable from
 * its seed.
 */

/**
 * @param seed - any 32-bit integer.
 * @returns a function giving numbers in [0, 1), the same sequence for the same seed.
 * @example
 * ```ts
 * const next = mulberry32(1);
 * next(); // 0.6270739405881613
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
