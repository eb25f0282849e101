/**
 * Chunking invariance: however the input is split into chunks (text or bytes, a character cut
 * in two included), a decoder gives the same tree, or the same error code at the same line,
 * column and offset. Broken inputs are made by mutating valid ones.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodecError, encode, type Document, type Format } from '../../src/index.js';
import { anyDocument, gridDocument } from '../helpers/arbitraries.js';
import { decodeChunks, fcParams, perCharacter, splitAt, splitBytes, splitPoints } from '../helpers/chunks.js';

const FORMATS: Format[] = ['json', 'xml', 'csv'];
const MUTANTS = ['{', '}', '[', ']', '"', ',', ':', '<', '>', '/', '&', ';', '#', '\n', '\r', ' ', '0', '-', 'x', '\\', '!', '?', '=', "'", '\u0000', 'é', '😀', '\uD800'];

function encoded(doc: Document, format: Format, indent: number): string | undefined {
  try {
    return encode(doc, { format, indent });
  } catch (e) {
    if (e instanceof CodecError) return undefined;
    throw e;
  }
}

/** A valid text, possibly broken by one edit. */
function input(format: Format): fc.Arbitrary<string> {
  return fc
    .tuple(fc.oneof(gridDocument, anyDocument), fc.integer({ min: 0, max: 2 }), fc.oneof(fc.constant(undefined), fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'truncate'), fc.constantFrom(...MUTANTS))))
    .map(([doc, indent, edit]) => {
      const text = encoded(doc, format, indent) ?? '';
      if (edit === undefined || text === '') return text;
      const [at, kind, char] = edit;
      const i = at % (text.length + 1);
      switch (kind) {
        case 'insert':
          return text.slice(0, i) + char + text.slice(i);
        case 'delete':
          return text.slice(0, i) + text.slice(i + 1);
        case 'replace':
          return text.slice(0, i) + char + text.slice(i + 1);
        default:
          return text.slice(0, i);
      }
    });
}

for (const format of FORMATS) {
  test(`${format}: the outcome does not depend on how the text is split`, (t) => {
    const params = fcParams(300);
    t.diagnostic(`seed ${params.seed}`);
    fc.assert(
      fc.property(
        input(format).chain((text) => fc.tuple(fc.constant(text), splitPoints(text.length))),
        ([text, points]) => {
          const whole = decodeChunks(format, [text]);
          assert.deepEqual(decodeChunks(format, splitAt(text, points)), whole);
        },
      ),
      params,
    );
  });

  test(`${format}: the outcome does not depend on how the bytes are split`, (t) => {
    const params = fcParams(200);
    t.diagnostic(`seed ${params.seed}`);
    fc.assert(
      fc.property(
        input(format).chain((text) => {
          const bytes = new TextEncoder().encode(text);
          return fc.tuple(fc.constant(text), fc.constant(bytes), splitPoints(bytes.length));
        }),
        ([text, bytes, points]) => {
          // A lone surrogate cannot be encoded as UTF-8; the byte form replaces it, so compare with those bytes decoded whole.
          const whole = decodeChunks(format, [bytes]);
          assert.deepEqual(decodeChunks(format, splitBytes(bytes, points)), whole);
          if (!/[\uD800-\uDFFF]/.test(text)) assert.deepEqual(whole, decodeChunks(format, [text]));
        },
      ),
      params,
    );
  });

  test(`${format}: the outcome is the same fed one character at a time`, (t) => {
    const params = fcParams(60);
    t.diagnostic(`seed ${params.seed}`);
    fc.assert(
      fc.property(input(format), (text) => {
        assert.deepEqual(decodeChunks(format, perCharacter(text)), decodeChunks(format, [text]));
      }),
      params,
    );
  });
}
