/**
 * A validating JSON tokenizer (RFC 8259), used only where the fast path cannot say what is
 * wrong: when `JSON.parse` refuses a value, or the input ends inside one. It finds the first
 * problem and the index of the offending character.
 */
import type { CodecErrorCode } from '../errors.js';

/** The first problem of a JSON text: its code, where (an index into the text) and what. */
export interface JsonProblem {
  code: CodecErrorCode;
  index: number;
  detail: string;
}

// Tokenizer states, each named after what it expects (| marks the position).
const S_VALUE = 0; //         `[|1`  `:|"x"`
const S_KEY_OR_END = 1; //    `{|"a"`  `{|}`
const S_KEY = 2; //           `{"a":1,|"b"`
const S_COLON = 3; //         `{"a"|:`
const S_OBJECT_NEXT = 4; //   `{"a":1|,`  `{"a":1|}`
const S_VALUE_OR_END = 5; //  `[|1`  `[|]`
const S_ARRAY_NEXT = 6; //    `[1|,`  `[1|]`
const S_DONE = 7; //          `{}|`

const OBJECT = 1;
const ARRAY = 2;

/**
 * Finds the first problem in `text.slice(start, end)` read as exactly one JSON value with
 * optional whitespace around it.
 *
 * @param text - the buffer.
 * @param start - where the value's text starts.
 * @param end - where the text available ends.
 * @param complete - whether the input ends at `end` (otherwise an unfinished value is no problem).
 * @returns the problem, or `undefined` when the text is a valid value (or a valid beginning of one).
 */
export function findJsonProblem(text: string, start: number, end: number, complete: boolean): JsonProblem | undefined {
  const stack: number[] = [];
  let state = S_VALUE;
  let i = start;
  const unexpected = (what: string): JsonProblem => ({ code: 'JSON_UNEXPECTED_CHARACTER', index: i, detail: `unexpected ${describe(text, i)}; expected ${what}` });
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    switch (state) {
      case S_VALUE:
      case S_VALUE_OR_END: {
        if (state === S_VALUE_OR_END && c === 0x5d) {
          stack.pop();
          i++;
          state = afterValue(stack);
          break;
        }
        if (c === 0x7b) {
          stack.push(OBJECT);
          state = S_KEY_OR_END;
          i++;
        } else if (c === 0x5b) {
          stack.push(ARRAY);
          state = S_VALUE_OR_END;
          i++;
        } else if (c === 0x22) {
          const r = string(text, i, end);
          if (typeof r !== 'number') return r;
          if (r < 0) return complete ? endProblem(end, 'the input ends inside a string') : undefined;
          i = r;
          state = afterValue(stack);
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          const r = number(text, i, end, complete);
          if (typeof r !== 'number') return r;
          if (r < 0) return undefined;
          i = r;
          state = afterValue(stack);
        } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
          const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
          for (let k = 1; k < word.length; k++) {
            if (i + k >= end) return complete ? endProblem(end, `the input ends inside \`${word}\``) : undefined;
            if (text.charCodeAt(i + k) !== word.charCodeAt(k)) {
              return { code: 'JSON_UNEXPECTED_CHARACTER', index: i + k, detail: `unexpected ${describe(text, i + k)} in \`${word}\`` };
            }
          }
          i += word.length;
          state = afterValue(stack);
        } else {
          return unexpected('a value');
        }
        break;
      }
      case S_KEY_OR_END:
      case S_KEY: {
        if (state === S_KEY_OR_END && c === 0x7d) {
          stack.pop();
          i++;
          state = afterValue(stack);
          break;
        }
        if (c !== 0x22) return unexpected(state === S_KEY ? 'a key (a trailing comma is not JSON)' : 'a key or `}`');
        const r = string(text, i, end);
        if (typeof r !== 'number') return r;
        if (r < 0) return complete ? endProblem(end, 'the input ends inside a key') : undefined;
        i = r;
        state = S_COLON;
        break;
      }
      case S_COLON:
        if (c !== 0x3a) return unexpected('`:`');
        i++;
        state = S_VALUE;
        break;
      case S_OBJECT_NEXT:
        if (c === 0x2c) state = S_KEY;
        else if (c === 0x7d) {
          stack.pop();
          state = afterValue(stack);
        } else return unexpected('`,` or `}`');
        i++;
        break;
      case S_ARRAY_NEXT:
        if (c === 0x2c) state = S_VALUE;
        else if (c === 0x5d) {
          stack.pop();
          state = afterValue(stack);
        } else return unexpected('`,` or `]`');
        i++;
        break;
      default:
        return { code: 'JSON_TRAILING_DATA', index: i, detail: `${describe(text, i)} after the end of the value` };
    }
  }
  if (state !== S_DONE && complete) return endProblem(end, stack.length > 0 ? `the input ends before the closing \`${stack[stack.length - 1] === OBJECT ? '}' : ']'}\`` : 'the input ends before a value');
  return undefined;
}

function afterValue(stack: number[]): number {
  const top = stack[stack.length - 1];
  return top === undefined ? S_DONE : top === OBJECT ? S_OBJECT_NEXT : S_ARRAY_NEXT;
}

function endProblem(end: number, detail: string): JsonProblem {
  return { code: 'JSON_UNEXPECTED_END', index: end, detail };
}

/** Validates a string token from its opening quote; returns the index after it, -1 if unfinished, or a problem. */
function string(text: string, start: number, end: number): number | JsonProblem {
  let i = start + 1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { code: 'JSON_INVALID_STRING', index: i, detail: `an unescaped control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) in a string` };
    if (c === 0x5c) {
      if (i + 1 >= end) return -1;
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (i + k >= end) return -1;
          const h = text.charCodeAt(i + k);
          const hex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
          if (!hex) return { code: 'JSON_INVALID_STRING', index: i + k, detail: `${describe(text, i + k)} is not a hex digit of a \\u escape` };
        }
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) return { code: 'JSON_INVALID_STRING', index: i + 1, detail: `\\${String.fromCharCode(e)} is not a JSON escape` };
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

/** Validates a number token; returns the index after it, -1 if it may continue, or a problem. */
function number(text: string, start: number, end: number, complete: boolean): number | JsonProblem {
  let i = start;
  const at = (k: number): number => (k < end ? text.charCodeAt(k) : -1);
  const digit = (c: number): boolean => c >= 0x30 && c <= 0x39;
  const need = (what: string): number | JsonProblem => {
    if (i >= end) return complete ? { code: 'JSON_INVALID_NUMBER', index: end, detail: `the number ends before ${what}` } : -1;
    return { code: 'JSON_INVALID_NUMBER', index: i, detail: `${describe(text, i)} where the number needs ${what}` };
  };
  if (at(i) === 0x2d) i++;
  if (at(i) === 0x30) {
    i++;
    if (digit(at(i))) return { code: 'JSON_INVALID_NUMBER', index: i, detail: 'a number may not have leading zeros' };
  } else if (digit(at(i))) {
    while (digit(at(i))) i++;
  } else {
    return need('a digit');
  }
  if (at(i) === 0x2e) {
    i++;
    if (!digit(at(i))) return need('a digit after `.`');
    while (digit(at(i))) i++;
  }
  if (at(i) === 0x65 || at(i) === 0x45) {
    i++;
    if (at(i) === 0x2b || at(i) === 0x2d) i++;
    if (!digit(at(i))) return need('a digit in the exponent');
    while (digit(at(i))) i++;
  }
  if (i >= end && !complete) return -1;
  return i;
}

/**
 * Lists the integer lexemes (no `.` or exponent) of a valid JSON text whose value is beyond
 * ±(2^53 − 1) and not exactly representable: `JSON.parse` would round them.
 *
 * @param text - the buffer.
 * @param start - where the value starts.
 * @param end - where it ends.
 * @returns the index of the first such lexeme, or -1.
 */
export function findInexactInteger(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i++;
      while (i < end) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const from = i;
      let integer = true;
      i++;
      while (i < end) {
        const d = text.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) i++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          integer = false;
          i++;
        } else break;
      }
      if (integer && i - from > 15) {
        const lexeme = text.slice(from, i);
        const value = Number(lexeme);
        if (!Number.isSafeInteger(value) && BigInt(lexeme) !== BigInt(value)) return from;
      }
      continue;
    }
    i++;
  }
  return -1;
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the input';
  const c = text.codePointAt(i) as number;
  return c < 0x20 || c === 0x7f ? `U+${c.toString(16).padStart(4, '0').toUpperCase()}` : `\`${String.fromCodePoint(c)}\``;
}
