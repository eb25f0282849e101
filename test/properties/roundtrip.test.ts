/**
 * The round-trip contract of every format: for every tree t, decode(encode(t)) equals
 * normalize(t, format) — or, when the format cannot carry t, encode and normalize refuse it
 * with the same code. normalize is a projection: applying it twice changes nothing.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodecError, decode, encode, normalize, type Document, type Format } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { anyDocument, gridDocument } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/chunks.js';

const FORMATS: Format[] = ['json', 'xml', 'csv'];

/** normalize, or the code it refuses with. */
function project(doc: Document, format: Format): { doc: Document } | { code: string } {
  try {
    return { doc: normalize(doc, format) };
  } catch (e) {
    if (e instanceof CodecError) return { code: e.code };
    throw e;
  }
}

function roundTrip(doc: Document, format: Format, options: { indent?: number } = {}): void {
  const expected = project(doc, format);
  let text: string;
  try {
    text = encode(doc, { format, ...options });
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    assert.ok('code' in expected, `encode refused with ${e.code} but normalize accepted: ${e.message}`);
    assert.equal(e.code, expected.code);
    return;
  }
  assert.ok('doc' in expected, `normalize refused with ${'code' in expected ? expected.code : ''} but encode accepted`);
  const back = decode(text, { format });
  const diff = treeDifference(back, expected.doc);
  assert.equal(diff, undefined, `decode(encode(t)) differs from normalize(t, ${format}) at ${diff}\n--- text ---\n${text}`);
}

for (const format of FORMATS) {
  test(`${format}: decode(encode(t)) equals normalize(t) for random trees`, (t) => {
    const params = fcParams(250);
    t.diagnostic(`seed ${params.seed}`);
    fc.assert(fc.property(anyDocument, (doc) => roundTrip(doc, format)), params);
  });

  test(`${format}: decode(encode(t)) equals normalize(t) for grammar-shaped documents`, (t) => {
    const params = fcParams(250);
    t.diagnostic(`seed ${params.seed}`);
    fc.assert(fc.property(gridDocument, (doc) => roundTrip(doc, format)), params);
  });

  test(`${format}: normalize is a projection (idempotent)`, (t) => {
    const params = fcParams(200);
    t.diagnostic(`seed ${params.seed}`);
    fc.assert(
      fc.property(fc.oneof(anyDocument, gridDocument), (doc) => {
        const once = project(doc, format);
        if ('code' in once) return;
        const twice = normalize(once.doc, format);
        assert.equal(treeDifference(twice, once.doc), undefined);
      }),
      params,
    );
  });
}

test('pretty output decodes like compact output', (t) => {
  const params = fcParams(100);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(gridDocument, fc.constantFrom<Format>('json', 'xml'), fc.integer({ min: 0, max: 4 }), (doc, format, indent) => roundTrip(doc, format, { indent })),
    params,
  );
});
