/**
 * Equality of trees, attribute order included: the round-trip properties compare with it.
 */

/**
 * Where two trees first differ, or `undefined` when they are equal: same attributes in the same
 * order, same scalars (`Object.is`, so `-0` differs from `0`), same lists.
 *
 * @param a - a tree value.
 * @param b - another.
 * @returns a JSON Pointer to the first difference, with what differs.
 * @example
 * ```ts
 * treeDifference({ a: 1, b: 2 }, { b: 2, a: 1 }); // '/ (attribute order: a,b vs b,a)'
 * ```
 */
export function treeDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${path || '/'} (${JSON.stringify(a)} vs ${JSON.stringify(b)})`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path || '/'} (list vs object)`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path || '/'} (${a.length} vs ${b.length} items)`;
    for (let i = 0; i < a.length; i++) {
      const d = treeDifference(a[i], b[i], `${path}/${i}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `${path || '/'} (attribute order: ${ka.join(',')} vs ${kb.join(',')})`;
  for (const k of ka) {
    const d = treeDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

/**
 * Whether two trees are equal, attribute order included.
 * @param a - a tree value.
 * @param b - another.
 * @returns `true` when {@link treeDifference} finds nothing.
 */
export function treesEqual(a: unknown, b: unknown): boolean {
  return treeDifference(a, b) === undefined;
}
