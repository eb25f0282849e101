/**
 * Failure envelopes (`status: failure`, one `error` object whatever the method) in every format:
 * how they decode (fed whole, per character and split at random), `isFailure`, the
 * `failures: 'throw'` option of every decoding function, `normalize` and `validate`, and the
 * summary-count finding.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiFailure,
  CodecError,
  type CodecEvent,
  decode,
  decodeAll,
  decodeEvents,
  decodeObjects,
  type Document,
  encode,
  type Format,
  isEnvelope,
  isFailure,
  isType,
  listedType,
  normalize,
  validate,
} from '../src/index.js';
import { decodeChunks, feedings } from './helpers/chunks.js';

const MESSAGE = 'No Server with id 1 found';

/** One failure response per format, as GoGrid would print it for `/grid/server/get`. */
const FAILURES: Record<Format, string> = {
  json: `{"status":"failure","method":"/grid/server/get","summary":{"total":1,"start":0,"returned":1},"list":[{"object":"error","message":"${MESSAGE}","errorcode":"IllegalArgumentException"}]}\n`,
  xml: `<gogrid>
  <response method="/grid/server/get" status="failure">
    <summary total="1" start="0" returned="1"/>
    <list>
      <object name="error">
        <attribute name="message">${MESSAGE}</attribute>
        <attribute name="errorcode">IllegalArgumentException</attribute>
      </object>
    </list>
  </response>
</gogrid>
`,
  csv: `# FAILURE, /grid/server/get, TOTAL, 1, START, 0, RETURNED, 1\n# message,errorcode\n${MESSAGE},IllegalArgumentException\n`,
};

/** JSON with the members in alphabetical order, as GoGrid often prints them: `status` after the list. */
const JSON_STATUS_LATE = `{"list":[{"errorcode":"Unauthorized","message":"bad signature","object":"error"}],"method":"/grid/server/list","status":"failure","summary":{"returned":1,"start":0,"total":1}}`;

const FORMATS: Format[] = ['json', 'xml', 'csv'];

async function* chunked(text: string, size: number): AsyncGenerator<string, void, undefined> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

function assertFailure(e: unknown, errorcode: string, method: string | undefined): void {
  assert.ok(e instanceof ApiFailure, `an ApiFailure, got ${String(e)}`);
  assert.equal(e.code, 'API_FAILURE');
  assert.equal(e.errorcode, errorcode);
  assert.equal(e.method, method);
}

for (const format of FORMATS) {
  test(`${format}: a failure decodes to one error object (whatever the method), isFailure is true; every feeding agrees`, () => {
    const doc = decode(FAILURES[format]);
    assert.ok(isEnvelope(doc));
    assert.ok(isFailure(doc));
    assert.equal(doc.list.length, 1);
    const [error] = doc.list;
    assert.ok(isType(error, 'error'));
    assert.equal(error.errorcode, 'IllegalArgumentException');
    assert.equal(error.message, MESSAGE);
    assert.equal(doc.method, '/grid/server/get');
    for (const { label, chunks } of feedings(FAILURES[format])) {
      assert.deepEqual(decodeChunks(format, chunks), { ok: true, doc }, label);
    }
  });

  test(`${format}: failures: 'throw' makes decode, decodeAll, decodeObjects and decodeEvents throw ApiFailure with the errorcode`, async () => {
    const text = FAILURES[format];
    assert.throws(() => decode(text, { failures: 'throw' }), (e: unknown) => {
      assertFailure(e, 'IllegalArgumentException', '/grid/server/get');
      assert.equal((e as ApiFailure).apiMessage, MESSAGE);
      return true;
    });
    assertFailure(await rejection(() => decodeAll(chunked(text, 7), { failures: 'throw' })), 'IllegalArgumentException', '/grid/server/get');
    const yielded: unknown[] = [];
    assertFailure(
      await rejection(async () => {
        for await (const o of decodeObjects(chunked(text, 1), { failures: 'throw' })) yielded.push(o);
      }),
      'IllegalArgumentException',
      '/grid/server/get',
    );
    assert.deepEqual(yielded, [], 'the error object is not yielded');
    const events: CodecEvent[] = [];
    assertFailure(
      await rejection(async () => {
        for await (const e of decodeEvents(chunked(text, 3), { failures: 'throw' })) events.push(e);
      }),
      'IllegalArgumentException',
      '/grid/server/get',
    );
    assert.ok(!events.some((e) => e.type === 'object' || e.type === 'end'));
  });

  test(`${format}: without the option (or with failures: 'data') a failure is an ordinary document`, async () => {
    const text = FAILURES[format];
    assert.deepEqual(decode(text, { failures: 'data' }), decode(text));
    const objects: unknown[] = [];
    for await (const o of decodeObjects(chunked(text, 5))) objects.push(o);
    assert.equal(objects.length, 1);
  });

  test(`${format}: normalize types a failure's objects as error, and the encoded failure decodes back to it`, () => {
    const doc = decode(FAILURES.json);
    const expected = normalize(doc, format);
    assert.ok(isEnvelope(expected));
    assert.equal(expected.list[0]?.['object'], 'error');
    assert.deepEqual(decode(encode(doc, { format })), expected);
  });
}

test('csv: the rows of a failure are typed error even when the method lists servers or the type option names another', () => {
  const doc = decode(FAILURES.csv, { type: 'ip' });
  assert.ok(isEnvelope(doc));
  assert.deepEqual(doc.list, [{ object: 'error', message: MESSAGE, errorcode: 'IllegalArgumentException' }]);
  assert.equal(listedType({ status: 'FAILURE', method: '/grid/server/get' }), 'error');
  assert.equal(listedType({ status: 'success', method: '/grid/server/get' }), 'server');
  assert.equal(listedType({ status: 'success', method: '/grid/server/get' }, 'ip'), 'server'); // the type option applies only to methods the grammars do not know
  assert.equal(listedType({ status: 'success', method: '/grid/unknown/list' }, 'ip'), 'ip');
  assert.equal(listedType({}), undefined);
});

test('json with status after the list: failures: \'throw\' still throws (the error object is held, not yielded)', async () => {
  assert.throws(() => decode(JSON_STATUS_LATE, { failures: 'throw' }), (e: unknown) => {
    assertFailure(e, 'Unauthorized', '/grid/server/list');
    return true;
  });
  for (const size of [1, 4, 1000]) {
    const yielded: unknown[] = [];
    const e = await rejection(async () => {
      for await (const o of decodeObjects(chunked(JSON_STATUS_LATE, size), { failures: 'throw' })) yielded.push(o);
    });
    assertFailure(e, 'Unauthorized', '/grid/server/list');
    assert.deepEqual(yielded, [], `chunks of ${size}`);
  }
});

test('failures: \'throw\' leaves successes alone, also when an error-typed object comes before a late status', async () => {
  const late = '{"list":[{"object":"error","errorcode":"x"},{"object":"ip","id":1}],"status":"success"}';
  const events: string[] = [];
  for await (const e of decodeEvents(chunked(late, 2), { failures: 'throw' })) events.push(e.type === 'envelope' ? `envelope ${String(e.final)}` : e.type);
  assert.deepEqual(events, ['envelope false', 'object', 'object', 'envelope true', 'end']);
  assert.deepEqual(decode(late, { failures: 'throw' }), decode(late));
  const ok = '{"status":"success","list":[{"object":"ip","id":1}]}';
  const got: unknown[] = [];
  for await (const o of decodeObjects(chunked(ok, 3), { failures: 'throw' })) got.push(o);
  assert.deepEqual(got, [{ object: 'ip', id: 1 }]);
  // No status at all is not a failure.
  assert.deepEqual(decode('{"list":[{"object":"error"}]}', { failures: 'throw' }), { list: [{ object: 'error' }] });
});

test('failures: \'throw\': an empty failure list throws without an errorcode; a broken document is a CodecError first', async () => {
  assert.throws(() => decode('{"status":"failure","method":"/grid/ip/list","list":[]}', { failures: 'throw' }), (e: unknown) => {
    assert.ok(e instanceof ApiFailure);
    assert.equal(e.errorcode, undefined);
    assert.equal(e.method, '/grid/ip/list');
    return true;
  });
  const broken = `${FAILURES.json.trimEnd().slice(0, -1)},}`;
  assert.throws(() => decode(broken, { failures: 'throw' }), (e: unknown) => e instanceof CodecError);
  assert.ok((await rejection(() => decodeAll(chunked(broken, 9), { failures: 'throw' }))) instanceof CodecError);
});

test('validate: a failure listing a server-typed object is invalid; a failure listing an error object is valid', () => {
  for (const format of FORMATS) assert.deepEqual(validate(decode(FAILURES[format])), [], format);
  const wrong: Document = { status: 'failure', method: '/grid/server/get', list: [{ object: 'server', id: 1, name: 'web' }] };
  assert.deepEqual(
    validate(wrong).map((e) => [e.code, e.path]),
    [['GRAMMAR_VIOLATION', '/list/0/object']],
  );
  const typed: Document = { status: 'failure', list: [{ object: 'error', errorcode: 5 }] };
  assert.deepEqual(
    validate(typed).map((e) => [e.code, e.path]),
    [['GRAMMAR_VIOLATION', '/list/0/errorcode']],
  );
});

test('validate: a summary whose returned disagrees with the list is its own finding, GRAMMAR_COUNT_MISMATCH; decoding keeps it', () => {
  const text = '{"status":"success","method":"/grid/ip/list","summary":{"total":5,"start":0,"returned":2},"list":[{"object":"ip","id":1}]}';
  const doc = decode(text);
  assert.ok(isEnvelope(doc));
  assert.equal(doc.summary?.['returned'], 2);
  const findings = validate(doc);
  assert.deepEqual(
    findings.map((e) => [e.code, e.path]),
    [['GRAMMAR_COUNT_MISMATCH', '/summary/returned']],
  );
  assert.match(findings[0]?.message ?? '', /returned is 2 but the list holds 1 object\b/);
  assert.deepEqual(validate({ ...doc, summary: { total: 5, returned: 1 } }), []);
  assert.deepEqual(validate({ ...doc, summary: { total: 5 } }), [], 'no returned: nothing to compare');
});

test('failures: \'throw\': a failure whose object has no type name (older JSON) still gives its errorcode, whole and streamed', async () => {
  for (const text of ['{"status":"failure","method":"/grid/ip/list","list":[{"errorcode":"Not Found","message":"gone"}]}', '{"list":[{"errorcode":"Not Found","message":"gone"}],"method":"/grid/ip/list","status":"failure"}']) {
    assert.throws(() => decode(text, { failures: 'throw' }), (e: unknown) => {
      assertFailure(e, 'Not Found', '/grid/ip/list');
      return true;
    });
    assertFailure(await rejection(() => decodeAll(chunked(text, 2), { failures: 'throw' })), 'Not Found', '/grid/ip/list');
  }
});

test('failures: \'throw\' holds at most one object while a late status is unknown (bounded memory)', async () => {
  const count = 50;
  let produced = 0;
  let seenWhileProducing = 0;
  async function* source(): AsyncGenerator<string, void, undefined> {
    yield '{"list":[';
    for (let i = 0; i < count; i++) {
      produced++;
      yield `${i === 0 ? '' : ','}{"object":"error","errorcode":"E${i}"}`;
    }
    yield '],"status":"success"}';
  }
  let yielded = 0;
  for await (const o of decodeObjects(source(), { failures: 'throw' })) {
    yielded++;
    assert.ok(isType(o, 'error'));
    if (produced < count) seenWhileProducing++;
  }
  assert.equal(yielded, count);
  assert.ok(seenWhileProducing >= count - 3, `objects are yielded while the list streams (${seenWhileProducing} of ${count})`);
  // A failure whose status comes late throws even when its list has more than one object.
  const two = '{"list":[{"object":"error","errorcode":"A"},{"object":"error","errorcode":"B"}],"status":"failure"}';
  assertFailure(await rejection(() => decodeAll(chunked(two, 4), { failures: 'throw' })), 'A', undefined);
});
