/**
 * The long-things generator against every format: an over-limit thing streamed at 1, 7 and
 * 65,536 characters per chunk fails with its limit's code at one position, in bounded memory;
 * a within-limit one costs linear time when fed one character at a time.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import type { TreeLimits } from '../../src/tree/checks.js';
import { chunksOf, growth, LONG_THINGS, stream } from './long.js';

const SMALL: TreeLimits = { maxDepth: 64, maxValueLength: 4096, maxAttributes: 256, maxListItems: 512, maxObjectText: 64 * 1024 };
/** Sizes 4 times past each small limit (`maxObjectText`: the number is the whole object). */
const OVER: Record<keyof TreeLimits, number> = { maxDepth: 100, maxValueLength: 4 * 4096, maxAttributes: 4 * 256, maxListItems: 4 * 512, maxObjectText: 4 * 64 * 1024 };
const MB = 1024 * 1024;

for (const thing of LONG_THINGS) {
  test(`${thing.format} ${thing.kind} past ${thing.limit}: ${thing.code} at one position whatever the chunks, peak RSS under 200 MB`, () => {
    const outcomes = [1, 7, 65536].map((size) => ({ size, ...stream(thing.format, chunksOf(thing, OVER[thing.limit], size), { limits: SMALL }) }));
    for (const o of outcomes) {
      assert.equal(o.code, thing.code, `${o.size}-character chunks: ${JSON.stringify(o)}`);
      assert.equal(o.at, outcomes[0]?.at, `${o.size}-character chunks: the position`);
      assert.ok(o.peakRss < 200 * MB, `peak RSS ${Math.round(o.peakRss / MB)} MB`);
    }
  });

  test(`${thing.format} ${thing.kind}: time grows linearly in one-character chunks`, () => {
    // The limit raised out of the way; sizes small enough for a test, large enough to time.
    const n = thing.limit === 'maxDepth' ? 500 : thing.limit === 'maxAttributes' || thing.limit === 'maxListItems' ? 1000 : 8000;
    const limits: Partial<TreeLimits> = { [thing.limit]: thing.limit === 'maxDepth' ? 5000 : 1e9 };
    if (thing.limit === 'maxObjectText') limits.maxValueLength = 1e9;
    const ok = stream(thing.format, chunksOf(thing, 4 * n, 4096), { limits });
    assert.equal(ok.code, undefined, `within the raised limit: ${JSON.stringify(ok)}`);
    const ratio = growth(thing, n, { limits }, 4);
    // Linear is about 4, quadratic about 16; the tolerance is for a loaded machine.
    assert.ok(ratio < 9, `4× the input took ${ratio.toFixed(1)}× the time`);
  });
}
