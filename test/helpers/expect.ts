/**
 * Assertions shared by the decoder tests: a text decoded every way the suite feeds input (whole,
 * per character, per byte, split at random) must give one tree, or one error at one position.
 */
import assert from 'node:assert/strict';
import type { DecodeOptions, Document, Format, GoObject } from '../../src/index.js';
import { setAttribute } from '../../src/tree/checks.js';
import { treeDifference } from '../../src/tree/equal.js';
import { decodeChunks, feedings } from './chunks.js';

/** An expected error: code and position (and path when it has one). */
export interface Failure {
  code: string;
  line: number;
  column: number;
  offset: number;
  path?: string;
}

/**
 * The two assertions, bound to a format.
 * @param format - the decoder under test.
 * @returns `expectTree` (every feeding gives `expected`, compared order- and -0-sensitively) and
 *   `expectFailure` (every feeding fails with exactly this code and position).
 */
export function expectations(format: Format): {
  expectTree: (text: string, expected: Document, options?: DecodeOptions) => void;
  expectFailure: (text: string, expected: Failure, options?: DecodeOptions) => void;
} {
  return {
    expectTree(text, expected, options) {
      for (const { label, chunks } of feedings(text, 4)) {
        const out = decodeChunks(format, chunks, options);
        assert.ok(out.ok, `${label}: ${JSON.stringify(out)}`);
        assert.equal(treeDifference(out.doc, expected), undefined, label);
      }
    },
    expectFailure(text, expected, options) {
      for (const { label, chunks } of feedings(text, 4)) {
        assert.deepEqual(decodeChunks(format, chunks, options), { ok: false, ...expected }, label);
      }
    },
  };
}

/** An object with own properties in the given order, hostile names included. */
export function obj(...entries: [string, unknown][]): GoObject {
  const o: GoObject = {};
  for (const [k, v] of entries) setAttribute(o, k, v);
  return o;
}
