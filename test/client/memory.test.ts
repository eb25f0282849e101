/**
 * `objects()` streams in bounded memory: the heap after each few thousand objects (measured
 * after a forced collection) stays under a ceiling whatever the list's length, while `call()`,
 * which keeps the whole list, grows with it (showing that the measurement can see growth).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient } from '../../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A fetch whose body is a generated JSON list of `n` IPs, produced only as it is read. */
function generated(n: number): typeof fetch {
  return async () => {
    let i = 0;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        let text = i === 0 ? '{"status":"success","method":"/grid/ip/list","list":[' : '';
        for (let k = 0; k < 500 && i < n; k++, i++) text += `${i === 0 ? '' : ','}{"object":"ip","id":${i},"ip":"10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}","subnet":"10.0.0.0/255.0.0.0","public":true}`;
        if (i >= n) text += `],"summary":{"total":${n},"start":0,"returned":${n}}}`;
        controller.enqueue(encoder.encode(text));
        if (i >= n) controller.close();
      },
    });
    return new Response(body);
  };
}

async function streamedPeak(n: number): Promise<number> {
  const client = createClient({ apiKey: 'memory-key', secret: 'memory-secret', fetch: generated(n) });
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let count = 0;
  for await (const ip of client.objects('grid/ip/list')) {
    if (ip['id'] !== count) assert.fail(`object ${count} came as ${String(ip['id'])}`);
    if (++count % 5000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  }
  assert.equal(count, n);
  return peak;
}

test('objects() holds about one chunk, not the list: 4× the objects, no more memory', async () => {
  const MB = 1 << 20;
  const small = await streamedPeak(10000);
  const large = await streamedPeak(40000);
  assert.ok(large < 8 * MB, `streaming 40,000 objects peaked at ${(large / MB).toFixed(1)} MB`);
  assert.ok(large < small * 2 + 2 * MB, `10,000 objects: ${(small / MB).toFixed(1)} MB; 40,000: ${(large / MB).toFixed(1)} MB`);

  const client = createClient({ apiKey: 'memory-key', secret: 'memory-secret', fetch: generated(40000) });
  gc();
  const base = process.memoryUsage().heapUsed;
  const whole = await client.call('grid/ip/list');
  gc();
  const kept = process.memoryUsage().heapUsed - base;
  assert.equal(whole.list.length, 40000);
  assert.ok(kept > 2 * large && kept > 4 * MB, `call() keeps the list (${(kept / MB).toFixed(1)} MB against ${(large / MB).toFixed(1)} MB streamed), which the measurement sees`);
});
