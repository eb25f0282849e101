/**
 * The streaming validator: the same findings as `validate` on the whole tree, whatever the
 * format and however the input is split; the envelope checked once it is final; `type` only
 * where the method does not name one; `keep` bounds what is held.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type CodecEvent, createDecoder, decode, encode, type Format, StreamValidator, validate } from '../../src/index.js';

const DOC = '{"method":"/grid/ip/list","list":[{"object":"ip","id":"x","public":"yes"},{"object":"ip","id":2,"public":true},{"id":"y"}],"summary":{"total":"many"},"status":"success"}';

function events(format: Format, chunks: readonly string[]): CodecEvent[] {
  const out: CodecEvent[] = [];
  const decoder = createDecoder(format, (e) => out.push(e));
  for (const c of chunks) decoder.write(c);
  decoder.end();
  return out;
}

function findings(v: StreamValidator): { code: string; path: string | undefined }[] {
  return v.violations.map((e) => ({ code: e.code, path: e.path }));
}

test('finds what validate finds on the whole tree, with list paths', () => {
  const v = new StreamValidator();
  for (const e of events('json', [DOC])) v.see(e);
  const whole = validate(decode(DOC)).map((e) => ({ code: e.code, path: e.path }));
  assert.ok(whole.length >= 4);
  // validate() reports the envelope first; the stream once it is final (here the summary comes after the list).
  assert.deepEqual([...findings(v)].sort((a, b) => String(a.path).localeCompare(String(b.path))), [...whole].sort((a, b) => String(a.path).localeCompare(String(b.path))));
  assert.equal(v.total, whole.length);
  assert.equal(v.objects, 3);
  assert.ok(findings(v).some((f) => f.path === '/list/2/id'), 'an object without a type name is checked as the type its method lists');
});

test('the findings do not depend on the format or on how the input is split', () => {
  const reference = new StreamValidator();
  for (const e of events('json', [DOC])) reference.see(e);
  for (const format of ['json', 'xml'] as Format[]) {
    const text = format === 'json' ? DOC : encode(decode(DOC), { format });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 12 }), (points) => {
        const cuts = [...new Set(points)].sort((a, b) => a - b);
        const chunks = [0, ...cuts].map((start, i) => text.slice(start, cuts[i] ?? text.length));
        const v = new StreamValidator();
        for (const e of events(format, chunks)) v.see(e);
        assert.deepEqual(new Set(findings(v).map((f) => f.path)), new Set(findings(reference).map((f) => f.path)));
      }),
      { numRuns: 30 },
    );
    const v = new StreamValidator();
    for (const e of events(format, [...text])) v.see(e);
    assert.deepEqual(new Set(findings(v).map((f) => f.path)), new Set(findings(reference).map((f) => f.path)));
  }
});

test('type applies to objects of an unknown method and to fragments, never over a known method', () => {
  const unknown = '{"list":[{"id":"x"}],"method":"/custom/call","status":"success"}';
  const untyped = new StreamValidator();
  for (const e of events('json', [unknown])) untyped.see(e);
  assert.equal(untyped.total, 0);
  const typed = new StreamValidator({ type: 'ip' });
  for (const e of events('json', [unknown])) typed.see(e);
  assert.deepEqual(findings(typed).map((f) => f.path), ['/list/0/id']);
  const known = new StreamValidator({ type: 'server' });
  for (const e of events('json', ['{"list":[{"id":"x"}],"method":"/grid/ip/list","status":"success"}'])) known.see(e);
  assert.deepEqual(findings(known).map((f) => f.path), ['/list/0/id'], 'checked as an ip (its method), not as a server');
  const fragment = new StreamValidator({ type: 'ip' });
  for (const e of events('json', ['{"id":"x"}'])) fragment.see(e);
  assert.deepEqual(findings(fragment).map((f) => f.path), ['/id']);
});

test('an untyped object before the method (JSON may give it last) is checked against type only: memory stays bounded', () => {
  const late = '{"list":[{"object":"ip","id":"x"},{"id":"y"}],"method":"/grid/ip/list","status":"success"}';
  const v = new StreamValidator();
  for (const e of events('json', [late])) v.see(e);
  assert.deepEqual(findings(v).map((f) => f.path), ['/list/0/id']);
  const typed = new StreamValidator({ type: 'ip' });
  for (const e of events('json', [late])) typed.see(e);
  assert.deepEqual(findings(typed).map((f) => f.path), ['/list/0/id', '/list/1/id']);
});

test('keep bounds the violations held; total still counts them all', () => {
  const list = Array.from({ length: 50 }, () => ({ object: 'ip', id: 'x' }));
  const v = new StreamValidator({ keep: 10 });
  for (const e of events('json', [JSON.stringify({ list, method: '/grid/ip/list', status: 'success' })])) v.see(e);
  assert.equal(v.violations.length, 10);
  assert.equal(v.total, 50);
  assert.equal(v.violations[9]?.path, '/list/9/id');
});
