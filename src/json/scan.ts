/**
 * Small scans over JSON text that the decoder needs outside its hot loop: where a string ends,
 * how to describe a character in an error, and which path of the tree an index of a value's
 * text lies in (for a limit crossed while the value is still arriving).
 */

/**
 * The index of the quote that closes a string whose content starts at `from`, or -1.
 * @param buf - the text.
 * @param from - the index after the opening quote.
 * @returns the index of the closing quote, or -1 when the text does not hold it.
 * @example
 * ```ts
 * stringEnd('"a\\"b"', 1); // 5
 * ```
 */
export function stringEnd(buf: string, from: number): number {
  let j = from - 1;
  for (;;) {
    j = buf.indexOf('"', j + 1);
    if (j < 0) return -1;
    let k = j - 1;
    while (k >= from && buf.charCodeAt(k) === 0x5c) k--;
    if (((j - 1 - k) & 1) === 0) return j;
  }
}

/**
 * Describes the character at an index for an error message.
 * @param text - the text.
 * @param i - the index.
 * @returns `` `x` ``, `U+0000` for a control character, or "the end of the input".
 * @example
 * ```ts
 * describe('{\n', 1); // 'U+000A'
 * ```
 */
export function describe(text: string, i: number): string {
  const c = text.codePointAt(i);
  if (c === undefined) return 'the end of the input';
  return c < 0x20 || c === 0x7f ? `U+${c.toString(16).padStart(4, '0').toUpperCase()}` : `\`${String.fromCodePoint(c)}\``;
}

/**
 * The path tokens, inside a (valid so far) JSON value, of the place an index lies in: inside a
 * string or number, the path of that value; at a key, the path of its object; at the start of
 * a list item, the path of the list. Used only when an error needs it.
 *
 * @param text - the text.
 * @param start - where the value starts.
 * @param index - the index of interest (at most the end of the text).
 * @returns the tokens from the value's own path down (attribute names and 0-based list indexes).
 * @example
 * ```ts
 * pathAt('{"a":[{"b":"xyz"}]}', 0, 13); // ['a', 0, 'b']
 * ```
 */
export function pathAt(text: string, start: number, index: number): (string | number)[] {
  // One entry per open container: its token in the path (pushed when the container's value
  // starts), its kind, and for an object the last key, for a list the next item's index.
  const tokens: (string | number)[] = [];
  const kinds: number[] = [];
  const keys: string[] = [];
  const next: number[] = [];
  let afterColon = false;
  let i = start;
  const open = (): void => {
    const top = kinds.length - 1;
    if (top < 0) return;
    if (kinds[top] === 1) tokens.push(keys[top] as string);
    else tokens.push((next[top] as number) - 1);
  };
  while (i < index) {
    const c = text.charCodeAt(i);
    const top = kinds.length - 1;
    if (c === 0x22) {
      const close = stringEnd(text, i + 1);
      const isKey = top >= 0 && kinds[top] === 1 && !afterColon;
      if (!isKey && top >= 0 && kinds[top] === 2) next[top] = (next[top] as number) + 1;
      if (close < 0 || close >= index) {
        if (!isKey) open();
        return tokens;
      }
      if (isKey) {
        try {
          keys[top] = JSON.parse(text.slice(i, close + 1)) as string;
        } catch {
          keys[top] = text.slice(i + 1, close);
        }
      }
      afterColon = false;
      i = close + 1;
      continue;
    }
    if (c === 0x3a) afterColon = true;
    else if (c === 0x7b || c === 0x5b) {
      if (top >= 0 && kinds[top] === 2) next[top] = (next[top] as number) + 1;
      open();
      kinds.push(c === 0x7b ? 1 : 2);
      keys.push('');
      next.push(0);
      afterColon = false;
    } else if (c === 0x7d || c === 0x5d) {
      kinds.pop();
      keys.pop();
      next.pop();
      if (kinds.length > 0) tokens.pop();
      afterColon = false;
    } else if (c === 0x2c) afterColon = false;
    else if (c > 0x20 && top >= 0 && (afterColon || kinds[top] === 2)) {
      // A number or literal: the place is that value until it ends.
      if (kinds[top] === 2) next[top] = (next[top] as number) + 1;
      let e = i;
      while (e < index && !isDelimiter(text.charCodeAt(e))) e++;
      if (e >= index) {
        open();
        return tokens;
      }
      afterColon = false;
      i = e;
      continue;
    }
    i++;
  }
  return tokens;
}

function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
