/**
 * Plain CSV's round trip: decode(encode(t, plain), plain, method?) equals
 * normalize(t, 'csv', { plain, method? }) — or both refuse with the same code — and the outcome
 * of decoding does not depend on how the text is split.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodecError, decode, encode, normalize, type Document, type Envelope } from '../../src/index.js';
import { treeDifference } from '../../src/tree/equal.js';
import { anyDocument, gridDocument } from '../helpers/arbitraries.js';
import { decodeChunks, fcParams, splitAt, splitPoints, withInsertion } from '../helpers/chunks.js';

function roundTrip(doc: Document, method: string | undefined): void {
  const options = method === undefined ? { plain: true } : { plain: true, method };
  let expected: Document | undefined;
  let refused: string | undefined;
  try {
    expected = normalize(doc, 'csv', options);
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    refused = e.code;
  }
  let text: string;
  try {
    text = encode(doc, { format: 'csv', plain: true });
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    assert.equal(e.code, refused, `encode refused with ${e.code}, normalize with ${refused}`);
    return;
  }
  assert.equal(refused, undefined, `normalize refused with ${refused} but encode accepted`);
  assert.ok(!text.startsWith('#') || !text.startsWith('# '), 'plain CSV has no `# ` envelope line');
  const back = decode(text, { format: 'csv', ...options });
  const diff = treeDifference(back, expected);
  assert.equal(diff, undefined, `decode(encode(t, plain)) differs from normalize at ${diff}\n--- text ---\n${text}`);
}

test('plain csv: decode(encode(t)) equals normalize(t, csv, plain) for random trees, no method given', (t) => {
  const params = fcParams(250);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(fc.property(anyDocument, (doc) => roundTrip(doc, undefined)), params);
});

test('plain csv: with the method named by the reader (the document\'s own, or none), grammar-shaped documents', (t) => {
  const params = fcParams(250);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(gridDocument, fc.boolean(), (doc, named) => {
      const method = (doc as Envelope).method;
      roundTrip(doc, named ? method : undefined);
    }),
    params,
  );
});

test('plain csv: the outcome does not depend on how the text is split', (t) => {
  const params = fcParams(200);
  t.diagnostic(`seed ${params.seed}`);
  const plainText = (doc: Document): string => {
    try {
      return encode(doc, { format: 'csv', plain: true });
    } catch {
      return '';
    }
  };
  const input = withInsertion(fc.oneof(anyDocument, gridDocument).map(plainText), ['', '"', ',', '\n', '\r', 'x', '.', '1']);
  fc.assert(
    fc.property(
      input.chain((text) => fc.tuple(fc.constant(text), splitPoints(text.length))),
      ([text, points]) => {
        const options = { plain: true, method: '/grid/server/list' };
        assert.deepEqual(decodeChunks('csv', splitAt(text, points), options), decodeChunks('csv', [text], options));
      },
    ),
    params,
  );
});
