/**
 * Typing of text values (XML and CSV carry only text) by the grammar, with one rule: a text
 * becomes a number or a boolean only when writing that value back gives the same text. So
 * `"0123"` stays a string even where the grammar says integer, `"0.0"` is the double `0`, and a
 * text the grammar knows nothing about stays a string.
 */
import { javaDouble } from '../text/java-double.js';
import type { Scalar } from '../tree/types.js';
import type { AttributeKind } from './grammars.js';

/**
 * The text XML and CSV write for a scalar.
 *
 * @param value - the scalar.
 * @param kind - what the grammar says the attribute is (`undefined` when it does not know it).
 * @returns `""` for `null`; `true`/`false`; a double Java-style (`0.0`) where the grammar says
 *   double, otherwise the number as JavaScript prints it; a string unchanged.
 * @example
 * ```ts
 * scalarText(0, 'double');  // "0.0"
 * scalarText(0, 'integer'); // "0"
 * ```
 */
export function scalarText(value: Scalar, kind: AttributeKind | undefined): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (kind === 'double') return javaDouble(value);
      // An integer beyond 2^53 is written with all its digits, not String()'s rounded ones.
      return Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return '';
  }
}

/**
 * The value of a text, typed by the grammar.
 *
 * @param text - the text as the document holds it (an empty text is `null`).
 * @param kind - what the grammar says the attribute is.
 * @returns a number or boolean when `scalarText` of it gives `text` back; otherwise `text`.
 * @example
 * ```ts
 * typeText('007', 'integer');  // "007"
 * typeText('7', 'integer');    // 7
 * typeText('0.0', 'double');   // 0
 * typeText('true', 'string');  // "true"
 * ```
 */
export function typeText(text: string, kind: AttributeKind | undefined): Scalar {
  if (text === '') return null;
  switch (kind) {
    case 'integer':
    case 'date':
      return canonicalInteger(text) ?? text;
    case 'double': {
      const n = Number(text);
      return Number.isFinite(n) && javaDouble(n) === text ? n : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

/**
 * Projects one scalar through a text-only format: what decoding gives back after encoding.
 * @param value - the scalar.
 * @param kind - what the grammar says the attribute is.
 * @returns `typeText(scalarText(value, kind), kind)`.
 */
export function projectScalar(value: Scalar, kind: AttributeKind | undefined): Scalar {
  return typeText(scalarText(value, kind), kind);
}

/**
 * The value of a text written as JavaScript writes a safe integer (`0`, `-12`, no leading zeros,
 * no sign on zero), or `undefined`. A character loop: no number-to-string round trip.
 */
function canonicalInteger(text: string): number | undefined {
  const length = text.length;
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 0x2d) {
    negative = true;
    i = 1;
  }
  const digits = length - i;
  if (digits < 1 || digits > 16) return undefined;
  const first = text.charCodeAt(i);
  if (first === 0x30) return digits === 1 && !negative ? 0 : undefined;
  let value = 0;
  for (; i < length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  if (value > Number.MAX_SAFE_INTEGER) return undefined;
  return negative ? -value : value;
}
