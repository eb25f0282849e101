/**
 * The option normaliser as a from/to table (ajv style): each row is an input and either the
 * resolved options it gives or the code it is refused with. A refusal must name the bad value
 * in the message, quoted JSON-style (the one place tests look at message text).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, DEFAULT_LIMITS, normalizeDecodeOptions, normalizeEncodeOptions } from '../src/index.js';

interface Row<R> {
  description: string;
  input: unknown;
  /** The resolved options (compared with deepEqual). */
  expected?: R;
  /** Or the refusal: its code and the text the message must hold (the quoted bad value). */
  code?: string;
  quoted?: string;
  todo?: string;
}

type Decoded = ReturnType<typeof normalizeDecodeOptions>;
type Encoded = ReturnType<typeof normalizeEncodeOptions>;

const signal = new AbortController().signal;
const warn = (): void => undefined;
const decodeDefaults: Decoded = { format: undefined, limits: DEFAULT_LIMITS, type: undefined, noEnvelope: false, plain: false, method: undefined, signal: undefined, failures: 'data', strict: false, onWarning: undefined };
const encodeDefaults = (format: Encoded['format'], indent = 0): Encoded => ({
  format,
  indent,
  declaration: false,
  order: 'tree',
  type: undefined,
  spreadsheetSafe: false,
  plain: false,
  noEnvelope: false,
  signal: undefined,
  spillAfter: 1000,
});

const DECODE: Row<Decoded>[] = [
  { description: 'undefined: every default', input: undefined, expected: decodeDefaults },
  { description: '{}: every default', input: {}, expected: decodeDefaults },
  { description: 'format json', input: { format: 'json' }, expected: { ...decodeDefaults, format: 'json' } },
  { description: 'format xml', input: { format: 'xml' }, expected: { ...decodeDefaults, format: 'xml' } },
  { description: 'format csv', input: { format: 'csv' }, expected: { ...decodeDefaults, format: 'csv' } },
  { description: 'format undefined is absent', input: { format: undefined }, expected: decodeDefaults },
  { description: 'one limit; the others keep their defaults', input: { limits: { maxDepth: 3 } }, expected: { ...decodeDefaults, limits: { ...DEFAULT_LIMITS, maxDepth: 3 } } },
  {
    description: 'every limit',
    input: { limits: { maxDepth: 1, maxValueLength: 2, maxAttributes: 3, maxListItems: 4, maxObjectText: 5 } },
    expected: { ...decodeDefaults, limits: { maxDepth: 1, maxValueLength: 2, maxAttributes: 3, maxListItems: 4, maxObjectText: 5 } },
  },
  { description: 'limits {}', input: { limits: {} }, expected: decodeDefaults },
  { description: 'a limit undefined is absent', input: { limits: { maxDepth: undefined } }, expected: decodeDefaults },
  { description: 'the largest safe integer as a limit', input: { limits: { maxObjectText: Number.MAX_SAFE_INTEGER } }, expected: { ...decodeDefaults, limits: { ...DEFAULT_LIMITS, maxObjectText: Number.MAX_SAFE_INTEGER } } },
  { description: 'type', input: { type: 'server' }, expected: { ...decodeDefaults, type: 'server' } },
  { description: 'format ndjson', input: { format: 'ndjson' }, expected: { ...decodeDefaults, format: 'ndjson' } },
  { description: 'ndjson without envelope, with a method', input: { format: 'ndjson', noEnvelope: true, method: '/grid/ip/list' }, expected: { ...decodeDefaults, format: 'ndjson', noEnvelope: true, method: '/grid/ip/list' } },
  { description: 'plain csv', input: { format: 'csv', plain: true }, expected: { ...decodeDefaults, format: 'csv', plain: true } },
  { description: 'plain csv with type and method', input: { format: 'csv', plain: true, type: 'ip', method: '/grid/ip/list' }, expected: { ...decodeDefaults, format: 'csv', plain: true, type: 'ip', method: '/grid/ip/list' } },
  { description: 'signal', input: { signal }, expected: { ...decodeDefaults, signal } },
  { description: 'failures throw', input: { failures: 'throw' }, expected: { ...decodeDefaults, failures: 'throw' } },
  { description: 'failures data', input: { failures: 'data' }, expected: decodeDefaults },
  { description: 'failures undefined is absent', input: { failures: undefined }, expected: decodeDefaults },
  { description: 'strict', input: { strict: true }, expected: { ...decodeDefaults, strict: true } },
  { description: 'onWarning', input: { onWarning: warn }, expected: { ...decodeDefaults, onWarning: warn } },

  { description: 'options a string', input: 'json', code: 'OPTION_INVALID', quoted: '"json"' },
  { description: 'options null', input: null, code: 'OPTION_INVALID', quoted: 'null' },
  { description: 'options an array', input: ['json'], code: 'OPTION_INVALID', quoted: '["json"]' },
  { description: 'unknown key', input: { formats: 'json' }, code: 'OPTION_INVALID', quoted: '"json"' },
  { description: 'unknown key (an encode option)', input: { indent: 2 }, code: 'OPTION_INVALID', quoted: '2' },
  { description: 'unknown key __proto__ (from JSON.parse)', input: JSON.parse('{"__proto__": {"format": "json"}}') as unknown, code: 'OPTION_INVALID', quoted: '{"format":"json"}' },
  { description: 'format yaml', input: { format: 'yaml' }, code: 'OPTION_INVALID', quoted: '"yaml"' },
  { description: 'failures true', input: { failures: true }, code: 'OPTION_INVALID', quoted: 'true' },
  { description: 'failures Throw', input: { failures: 'Throw' }, code: 'OPTION_INVALID', quoted: '"Throw"' },
  { description: 'noEnvelope without format ndjson', input: { noEnvelope: true }, code: 'OPTION_INVALID', quoted: 'true' },
  { description: 'noEnvelope with format json', input: { format: 'json', noEnvelope: true }, code: 'OPTION_INVALID', quoted: 'true' },
  { description: 'plain with format ndjson', input: { format: 'ndjson', plain: true }, code: 'OPTION_INVALID', quoted: 'true' },
  { description: 'plain not a boolean', input: { format: 'csv', plain: 'yes' }, code: 'OPTION_INVALID', quoted: '"yes"' },
  { description: 'method with an envelope', input: { format: 'csv', method: '/grid/ip/list' }, code: 'OPTION_INVALID', quoted: '"/grid/ip/list"' },
  { description: 'method empty', input: { format: 'csv', plain: true, method: '' }, code: 'OPTION_INVALID', quoted: '""' },
  { description: 'format in upper case', input: { format: 'JSON' }, code: 'OPTION_INVALID', quoted: '"JSON"' },
  { description: 'format a number', input: { format: 1 }, code: 'OPTION_INVALID', quoted: '1' },
  { description: 'format null', input: { format: null }, code: 'OPTION_INVALID', quoted: 'null' },
  { description: 'limits not an object', input: { limits: 5 }, code: 'OPTION_INVALID', quoted: '5' },
  { description: 'limits null', input: { limits: null }, code: 'OPTION_INVALID', quoted: 'null' },
  { description: 'limits an array', input: { limits: [1] }, code: 'OPTION_INVALID', quoted: '[1]' },
  { description: 'unknown limit', input: { limits: { maxDepht: 3 } }, code: 'OPTION_INVALID', quoted: '3' },
  { description: 'limit zero', input: { limits: { maxDepth: 0 } }, code: 'OPTION_INVALID', quoted: '0' },
  { description: 'limit negative', input: { limits: { maxAttributes: -1 } }, code: 'OPTION_INVALID', quoted: '-1' },
  { description: 'limit fractional', input: { limits: { maxListItems: 1.5 } }, code: 'OPTION_INVALID', quoted: '1.5' },
  { description: 'limit a numeric string', input: { limits: { maxValueLength: '10' } }, code: 'OPTION_INVALID', quoted: '"10"' },
  { description: 'limit beyond 2^53', input: { limits: { maxObjectText: 2 ** 53 } }, code: 'OPTION_INVALID', quoted: '9007199254740992' },
  { description: 'limit a boolean', input: { limits: { maxDepth: true } }, code: 'OPTION_INVALID', quoted: 'true' },
  {
    description: 'limit NaN: the message quotes NaN',
    input: { limits: { maxDepth: Number.NaN } },
    code: 'OPTION_INVALID',
    quoted: 'NaN',
  },
  {
    description: 'limit Infinity: the message quotes Infinity',
    input: { limits: { maxDepth: Infinity } },
    code: 'OPTION_INVALID',
    quoted: 'Infinity',
  },
  { description: 'type empty', input: { type: '' }, code: 'OPTION_INVALID', quoted: '""' },
  { description: 'type a number', input: { type: 5 }, code: 'OPTION_INVALID', quoted: '5' },
  { description: 'signal not an AbortSignal', input: { signal: { aborted: false } }, code: 'OPTION_INVALID', quoted: '{"aborted":false}' },
];

const ENCODE: Row<Encoded>[] = [
  { description: 'json: compact by default', input: { format: 'json' }, expected: encodeDefaults('json') },
  { description: 'xml: indent 2 by default', input: { format: 'xml' }, expected: encodeDefaults('xml', 2) },
  { description: 'csv', input: { format: 'csv' }, expected: encodeDefaults('csv') },
  { description: 'ndjson', input: { format: 'ndjson' }, expected: encodeDefaults('ndjson') },
  { description: 'xml indent 0 (one line)', input: { format: 'xml', indent: 0 }, expected: encodeDefaults('xml', 0) },
  { description: 'json indent 4', input: { format: 'json', indent: 4 }, expected: encodeDefaults('json', 4) },
  { description: 'indent 16 (the largest)', input: { format: 'json', indent: 16 }, expected: encodeDefaults('json', 16) },
  { description: 'indent undefined is the default', input: { format: 'xml', indent: undefined }, expected: encodeDefaults('xml', 2) },
  {
    description: 'every flag set',
    input: { format: 'xml', indent: 1, declaration: true, order: 'grammar', type: 'ip', spreadsheetSafe: true, noEnvelope: true, signal, spillAfter: 5 },
    expected: { format: 'xml', indent: 1, declaration: true, order: 'grammar', type: 'ip', spreadsheetSafe: true, plain: false, noEnvelope: true, signal, spillAfter: 5 },
  },
  { description: 'flags false', input: { format: 'csv', declaration: false, spreadsheetSafe: false, noEnvelope: false }, expected: encodeDefaults('csv') },
  { description: 'csv plain', input: { format: 'csv', plain: true }, expected: { ...encodeDefaults('csv'), plain: true } },
  { description: 'order tree', input: { format: 'xml', order: 'tree' }, expected: encodeDefaults('xml', 2) },

  { description: 'undefined: format is required', input: undefined, code: 'OPTION_INVALID', quoted: 'undefined' },
  { description: '{}: format is required', input: {}, code: 'OPTION_INVALID', quoted: 'undefined' },
  { description: 'options a string', input: 'json', code: 'OPTION_INVALID', quoted: '"json"' },
  { description: 'options null', input: null, code: 'OPTION_INVALID', quoted: 'null' },
  { description: 'format yaml', input: { format: 'yaml' }, code: 'OPTION_INVALID', quoted: '"yaml"' },
  { description: 'format not a string', input: { format: ['json'] }, code: 'OPTION_INVALID', quoted: '["json"]' },
  { description: 'unknown key', input: { format: 'json', pretty: true }, code: 'OPTION_INVALID', quoted: 'true' },
  { description: 'unknown key (a decode option)', input: { format: 'json', limits: {} }, code: 'OPTION_INVALID', quoted: '{}' },
  { description: 'negative indent', input: { format: 'json', indent: -1 }, code: 'OPTION_INVALID', quoted: '-1' },
  { description: 'indent 17', input: { format: 'json', indent: 17 }, code: 'OPTION_INVALID', quoted: '17' },
  { description: 'fractional indent', input: { format: 'json', indent: 1.5 }, code: 'OPTION_INVALID', quoted: '1.5' },
  { description: 'indent a string', input: { format: 'json', indent: '2' }, code: 'OPTION_INVALID', quoted: '"2"' },
  { description: 'indent a tab', input: { format: 'json', indent: '\t' }, code: 'OPTION_INVALID', quoted: '"\\t"' },
  { description: 'declaration a string', input: { format: 'xml', declaration: 'yes' }, code: 'OPTION_INVALID', quoted: '"yes"' },
  { description: 'declaration 1', input: { format: 'xml', declaration: 1 }, code: 'OPTION_INVALID', quoted: '1' },
  { description: 'declaration null', input: { format: 'xml', declaration: null }, code: 'OPTION_INVALID', quoted: 'null' },
  { description: 'spreadsheetSafe "true"', input: { format: 'csv', spreadsheetSafe: 'true' }, code: 'OPTION_INVALID', quoted: '"true"' },
  { description: 'noEnvelope 0', input: { format: 'ndjson', noEnvelope: 0 }, code: 'OPTION_INVALID', quoted: '0' },
  { description: 'order alpha', input: { format: 'xml', order: 'alpha' }, code: 'OPTION_INVALID', quoted: '"alpha"' },
  { description: 'type empty', input: { format: 'csv', type: '' }, code: 'OPTION_INVALID', quoted: '""' },
  { description: 'spillAfter 0', input: { format: 'xml', spillAfter: 0 }, code: 'OPTION_INVALID', quoted: '0' },
  { description: 'spillAfter negative', input: { format: 'xml', spillAfter: -5 }, code: 'OPTION_INVALID', quoted: '-5' },
  { description: 'spillAfter fractional', input: { format: 'xml', spillAfter: 0.5 }, code: 'OPTION_INVALID', quoted: '0.5' },
  { description: 'signal a string', input: { format: 'xml', signal: 'stop' }, code: 'OPTION_INVALID', quoted: '"stop"' },
];

const DECODE_REFUSED: Row<Decoded>[] = [
  { description: 'strict "yes"', input: { strict: 'yes' }, code: 'OPTION_INVALID', quoted: '"yes"' },
  { description: 'onWarning a string', input: { onWarning: 'stderr' }, code: 'OPTION_INVALID', quoted: '"stderr"' },
];

function run<R>(name: string, rows: Row<R>[], normalise: (input: unknown) => R): void {
  for (const row of rows) {
    const options = row.todo === undefined ? {} : { todo: row.todo };
    test(`${name}: ${row.description}`, options, () => {
      if (row.code === undefined) {
        assert.deepEqual(normalise(row.input), row.expected);
        return;
      }
      assert.throws(
        () => normalise(row.input),
        (e: unknown) => {
          assert.ok(e instanceof CodecError, `a CodecError, not ${String(e)}`);
          assert.equal(e.code, row.code);
          assert.equal(e.format, 'options');
          if (row.quoted !== undefined) assert.ok(e.message.includes(`(got ${row.quoted})`), `the message quotes ${row.quoted}: ${e.message}`);
          return true;
        },
      );
    });
  }
}

run('decode', DECODE, (input) => normalizeDecodeOptions(input as Parameters<typeof normalizeDecodeOptions>[0]));
run('decode', DECODE_REFUSED, (input) => normalizeDecodeOptions(input as Parameters<typeof normalizeDecodeOptions>[0]));
run('encode', ENCODE, (input) => normalizeEncodeOptions(input as Parameters<typeof normalizeEncodeOptions>[0]));

test('decode: the resolved limits are frozen and are a copy', () => {
  const given = { maxDepth: 7 };
  const resolved = normalizeDecodeOptions({ limits: given });
  assert.ok(Object.isFrozen(resolved.limits));
  given.maxDepth = 8;
  assert.equal(resolved.limits.maxDepth, 7);
  assert.equal(DEFAULT_LIMITS.maxDepth, 64, 'the defaults are untouched');
  assert.ok(Object.isFrozen(DEFAULT_LIMITS));
});

test('the message names the option', () => {
  const cases: [() => unknown, string][] = [
    [() => normalizeDecodeOptions({ limits: { maxDepth: 0 } }), 'limits.maxDepth'],
    [() => normalizeDecodeOptions({ limits: { maxDepht: 1 } } as never), 'limits.maxDepht'],
    [() => normalizeEncodeOptions({ format: 'json', indent: -1 }), 'indent'],
    [() => normalizeEncodeOptions({ format: 'json', bogus: 1 } as never), 'bogus'],
  ];
  for (const [fn, name] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof CodecError && e.code === 'OPTION_INVALID' && e.detail.startsWith(name));
  }
});
