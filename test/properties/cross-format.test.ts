/**
 * Conversion commutes with the documented projections: for every tree t and formats F, G,
 * decoding G after encoding G of (decoding F after encoding F of t) equals
 * normalize(normalize(t, F), G). And streaming conversion, split anywhere, writes exactly what
 * whole-document conversion writes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodecError, convert, decode, encode, normalize, type Document, type Format } from '../../src/index.js';
import { MemorySpool } from '../../src/spool.js';
import { treeDifference } from '../../src/tree/equal.js';
import { anyDocument, gridDocument } from '../helpers/arbitraries.js';
import { fcParams, splitAt, splitPoints } from '../helpers/chunks.js';

const FORMATS: Format[] = ['json', 'xml', 'csv'];
const pair = fc.tuple(fc.constantFrom(...FORMATS), fc.constantFrom(...FORMATS));

function attempt<T>(f: () => T): { value: T } | { code: string } {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof CodecError) return { code: e.code };
    throw e;
  }
}

test('decode∘encode in F, then in G, equals normalize(normalize(t, F), G)', (t) => {
  const params = fcParams(300);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(fc.oneof(gridDocument, anyDocument), pair, (doc, [f, g]) => {
      const viaF = attempt(() => decode(encode(doc, { format: f }), { format: f }));
      if ('code' in viaF) return; // F cannot carry t: covered by the round-trip properties
      const expected = attempt(() => normalize(normalize(doc, f), g));
      const viaG = attempt(() => decode(encode(viaF.value, { format: g }), { format: g }));
      if ('code' in expected || 'code' in viaG) {
        assert.deepEqual(viaG, expected);
        return;
      }
      assert.equal(treeDifference(viaG.value, expected.value), undefined);
    }),
    params,
  );
});

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

test('streaming conversion, split anywhere, writes what whole-document conversion writes', async (t) => {
  const params = fcParams(150);
  t.diagnostic(`seed ${params.seed}`);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(gridDocument, anyDocument).chain((doc) => fc.tuple(fc.constant(doc), pair, fc.integer({ min: 0, max: 2 }), splitPoints(400))),
      async ([doc, [f, g], indent, points]) => {
        const text = attempt(() => encode(doc, { format: f }));
        if ('code' in text) return;
        const whole = attempt(() => encode(decode(text.value, { format: f }) as Document, { format: g, indent }));
        let streamed: { value: string } | { code: string };
        try {
          streamed = { value: await collect(convert(splitAt(text.value, points), { from: f, to: g, indent, spool: new MemorySpool() })) };
        } catch (e) {
          if (!(e instanceof CodecError)) throw e;
          streamed = { code: e.code };
        }
        assert.deepEqual(streamed, whole);
      },
    ),
    params,
  );
});
