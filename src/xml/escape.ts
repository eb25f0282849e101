/**
 * XML escaping, and the characters XML 1.0 cannot carry.
 *
 * Text and attribute values are written so that a conforming parser gives back exactly the
 * same string: `&`, `<` and `>` are escaped everywhere (so `]]>` is harmless), `"` in attribute
 * values, and CR (and in attribute values also TAB and LF) as character references, since XML's
 * end-of-line and attribute-value normalisation would otherwise change them.
 */
import { CodecError, pointer, quote } from '../errors.js';
import type { Scalar } from '../tree/types.js';

// One scan decides whether a string needs any work; almost none do.
const ATTENTION = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes a string for XML text content.
 * @param text - the value.
 * @param path - JSON Pointer of the value, for the error (callers on a hot path add it when catching).
 * @returns the escaped text.
 * @throws CodecError `XML_INVALID_CHARACTER` for characters XML 1.0 cannot carry (most C0
 *   controls, U+FFFE, U+FFFF, unpaired surrogates).
 */
export function escapeText(text: string, path?: string): string {
  return ATTENTION.test(text) ? escapeSlow(text, path, false) : text;
}

/**
 * Escapes a string for a double-quoted attribute value.
 * @param value - the value.
 * @param path - JSON Pointer of the value, for the error.
 * @returns the escaped value.
 * @throws CodecError `XML_INVALID_CHARACTER`
 */
export function escapeAttribute(value: string, path?: string): string {
  return ATTENTION.test(value) ? escapeSlow(value, path, true) : value;
}

/**
 * Checks that XML 1.0 can carry a string, without escaping it.
 * @param text - the value.
 * @param path - JSON Pointer of the value, for the error.
 * @throws CodecError `XML_INVALID_CHARACTER`
 */
export function checkXmlCharacters(text: string, path: string): void {
  if (ATTENTION.test(text)) escapeSlow(text, path, true);
}

function escapeSlow(text: string, path: string | undefined, attribute: boolean): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement: string | undefined;
    switch (c) {
      case 0x26:
        replacement = '&amp;';
        break;
      case 0x3c:
        replacement = '&lt;';
        break;
      case 0x3e:
        replacement = '&gt;';
        break;
      case 0x22:
        if (attribute) replacement = '&quot;';
        break;
      case 0x0d:
        replacement = '&#13;';
        break;
      case 0x09:
        if (attribute) replacement = '&#9;';
        break;
      case 0x0a:
        if (attribute) replacement = '&#10;';
        break;
      default:
        if (c < 0x20 || c === 0xfffe || c === 0xffff) throw invalidCharacter(c, i, path);
        if (c >= 0xd800 && c <= 0xdbff) {
          const next = text.charCodeAt(i + 1);
          if (!(next >= 0xdc00 && next <= 0xdfff)) throw invalidCharacter(c, i, path);
          i++;
        } else if (c >= 0xdc00 && c <= 0xdfff) {
          throw invalidCharacter(c, i, path);
        }
    }
    if (replacement !== undefined) {
      out += text.slice(start, i) + replacement;
      start = i + 1;
    }
  }
  return out + text.slice(start);
}

function invalidCharacter(code: number, index: number, path: string | undefined): CodecError {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return new CodecError({
    code: 'XML_INVALID_CHARACTER',
    format: 'xml',
    detail: `U+${hex} (at index ${index} of the value) cannot be written in XML 1.0`,
    ...(path === undefined ? {} : { path }),
  });
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/**
 * Whether a string can be an XML attribute name as gogrid-codec writes them (`<response>` and
 * `<summary>` attributes): ASCII letters, digits, `.`, `-` and `_`, not starting with a digit,
 * `.` or `-`.
 * @param name - a candidate name.
 * @returns `true` when it can be written as an attribute name.
 */
export function isXmlName(name: string): boolean {
  return XML_NAME.test(name) && !name.toLowerCase().startsWith('xml');
}

/**
 * Checks a name written as an XML attribute name (extra `<response>` members, `<summary>`
 * fields).
 * @param name - the name.
 * @param path - its place in the tree.
 * @returns the name.
 * @throws CodecError `XML_UNREPRESENTABLE` when it is not a plain XML name.
 */
export function attributeName(name: string, path: (string | number)[]): string {
  if (!isXmlName(name)) {
    throw new CodecError({ code: 'XML_UNREPRESENTABLE', format: 'xml', detail: `${quote(name)} cannot be an XML attribute name`, path: pointer(path) });
  }
  return name;
}

/**
 * Checks that an extra envelope member can be a `<response>` attribute: a scalar.
 * @param key - the member's name.
 * @param value - its value.
 * @throws CodecError `XML_UNREPRESENTABLE`
 */
export function checkExtraMember(key: string, value: unknown): asserts value is Scalar {
  if (typeof value === 'object' && value !== null) {
    throw new CodecError({ code: 'XML_UNREPRESENTABLE', format: 'xml', detail: `the envelope member ${quote(key)} is not a scalar; XML carries extra members as <response> attributes`, path: pointer([key]) });
  }
  attributeName(key, [key]);
}
