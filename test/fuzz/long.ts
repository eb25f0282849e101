/**
 * The "long things" generator: documents of each format whose one part (a value, a name, a
 * comment, a line, an attribute list, a nested list, a nesting) is as long as asked, produced as
 * a stream of chunks of a chosen size without ever building the document whole. Used by the
 * tests (small limits, so that they stay fast) and by `npm run fuzz` (default limits).
 */
import { CodecError, createDecoder, type DecodeOptions, type Format } from '../../src/index.js';
import type { TreeLimits } from '../../src/tree/checks.js';

/** One long thing: how to write a document whose part `kind` has size `n`, and what an over-limit one must give. */
export interface LongThing {
  format: Format;
  kind: string;
  /** The limit that bounds it. */
  limit: keyof TreeLimits;
  /** The code an over-limit document fails with. */
  code: string;
  /** The document as parts: a prefix, a body repeated `n` times, a suffix. */
  parts(n: number): { prefix: string; body: (i: number) => string; suffix: string };
}

const XML_OPEN = '<gogrid><response method="/grid/ip/list" status="success"><list><object name="ip">';
const XML_CLOSE = '</object></list></response></gogrid>';
const CSV_HEAD = '# SUCCESS, /grid/ip/list\n# id,ip\n';

/** Every long thing, per format. */
export const LONG_THINGS: readonly LongThing[] = [
  { format: 'json', kind: 'value', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: '{"list":[{"object":"ip","ip":"', body: () => 'a', suffix: '"}]}' }) },
  { format: 'json', kind: 'name', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: '{"list":[{"', body: () => 'k', suffix: '":1}]}' }) },
  { format: 'json', kind: 'envelope name', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: '{"', body: () => 'k', suffix: '":1,"list":[]}' }) },
  { format: 'json', kind: 'number', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: '{"list":[{"object":"ip","id":1.', body: () => '0', suffix: '}]}' }) },
  { format: 'json', kind: 'attributes', limit: 'maxAttributes', code: 'TREE_TOO_MANY_ATTRIBUTES', parts: () => ({ prefix: '{"list":[{"object":"ip"', body: (i) => `,"a${i}":1`, suffix: '}]}' }) },
  { format: 'json', kind: 'list', limit: 'maxListItems', code: 'TREE_TOO_MANY_ITEMS', parts: () => ({ prefix: '{"list":[{"object":"server","l":[{}', body: () => ',{"a":1}', suffix: ']}]}' }) },
  { format: 'json', kind: 'nesting', limit: 'maxDepth', code: 'TREE_DEPTH_EXCEEDED', parts: (n) => ({ prefix: '{"list":[', body: () => '{"a":', suffix: `1${'}'.repeat(n)}]}` }) },
  { format: 'xml', kind: 'value', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: `${XML_OPEN}<attribute name="ip">`, body: () => 'a', suffix: `</attribute>${XML_CLOSE}` }) },
  { format: 'xml', kind: 'value with >', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: `${XML_OPEN}<attribute name="ip">`, body: (i) => (i % 100 === 99 ? '>' : 'a'), suffix: `</attribute>${XML_CLOSE}` }) },
  { format: 'xml', kind: 'name', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: `${XML_OPEN}<attribute name="`, body: () => 'k', suffix: `">1</attribute>${XML_CLOSE}` }) },
  { format: 'xml', kind: 'comment', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: `${XML_OPEN}<!--`, body: () => 'c', suffix: `-->${XML_CLOSE}` }) },
  { format: 'xml', kind: 'cdata', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: `${XML_OPEN}<attribute name="ip"><![CDATA[`, body: () => 'd', suffix: `]]></attribute>${XML_CLOSE}` }) },
  { format: 'xml', kind: 'envelope attributes', limit: 'maxAttributes', code: 'TREE_TOO_MANY_ATTRIBUTES', parts: () => ({ prefix: '<gogrid><response method="/grid/ip/list"', body: (i) => ` a${i}="1"`, suffix: '><list/></response></gogrid>' }) },
  { format: 'xml', kind: 'summary attributes', limit: 'maxAttributes', code: 'TREE_TOO_MANY_ATTRIBUTES', parts: () => ({ prefix: '<gogrid><response method="/grid/ip/list"><summary', body: (i) => ` a${i}="1"`, suffix: '/><list/></response></gogrid>' }) },
  { format: 'xml', kind: 'attributes', limit: 'maxAttributes', code: 'TREE_TOO_MANY_ATTRIBUTES', parts: () => ({ prefix: XML_OPEN, body: (i) => `<attribute name="a${i}">1</attribute>`, suffix: XML_CLOSE }) },
  { format: 'xml', kind: 'list', limit: 'maxListItems', code: 'TREE_TOO_MANY_ITEMS', parts: () => ({ prefix: `${XML_OPEN}<attribute name="l"><list>`, body: () => '<object/>', suffix: `</list></attribute>${XML_CLOSE}` }) },
  { format: 'xml', kind: 'nesting', limit: 'maxDepth', code: 'TREE_DEPTH_EXCEEDED', parts: (n) => ({ prefix: '<gogrid><response><list>', body: () => '<object><attribute name="a">', suffix: `${'</attribute></object>'.repeat(n)}</list></response></gogrid>` }) },
  { format: 'csv', kind: 'value', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: `${CSV_HEAD}1,`, body: () => 'a', suffix: '\n' }) },
  { format: 'csv', kind: 'quoted value', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: `${CSV_HEAD}1,"`, body: (i) => (i % 50 === 49 ? '\n' : 'a'), suffix: '"\n' }) },
  { format: 'csv', kind: 'envelope line', limit: 'maxAttributes', code: 'TREE_TOO_MANY_ATTRIBUTES', parts: () => ({ prefix: '# SUCCESS, /grid/ip/list', body: (i) => `, K${i}, 1`, suffix: '\n# id\n1\n' }) },
  { format: 'csv', kind: 'envelope value', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: '# SUCCESS, /grid/ip/list, TOTAL, ', body: () => '1', suffix: '\n# id\n1\n' }) },
  { format: 'csv', kind: 'header', limit: 'maxAttributes', code: 'TREE_TOO_MANY_ATTRIBUTES', parts: () => ({ prefix: '# SUCCESS, /grid/ip/list\n# id', body: (i) => `,c${i}`, suffix: '\n' }) },
  { format: 'csv', kind: 'column name', limit: 'maxValueLength', code: 'TREE_VALUE_TOO_LONG', parts: () => ({ prefix: '# SUCCESS, /grid/ip/list\n# id,', body: () => 'c', suffix: '\n1,2\n' }) },
  { format: 'csv', kind: 'list', limit: 'maxListItems', code: 'TREE_TOO_MANY_ITEMS', parts: () => ({ prefix: '# SUCCESS, /grid/loadbalancer/list\n# id', body: (i) => `,realiplist.${i + 1}.port`, suffix: '\n' }) },
];

/**
 * The chunks of a long thing's document.
 * @param thing - which.
 * @param n - its size.
 * @param size - characters per chunk.
 * @returns a generator of chunks, each `size` long but the last.
 */
export function* chunksOf(thing: LongThing, n: number, size: number): Generator<string> {
  const { prefix, body, suffix } = thing.parts(n);
  let buffer = prefix;
  for (let i = 0; i < n; i++) {
    buffer += body(i);
    while (buffer.length >= size) {
      yield buffer.slice(0, size);
      buffer = buffer.slice(size);
    }
  }
  buffer += suffix;
  while (buffer.length > 0) {
    yield buffer.slice(0, size);
    buffer = buffer.slice(size);
  }
}

/** What streaming a document gave: the error's code and position, the time and the highest RSS seen. */
export interface Streamed {
  code: string | undefined;
  at: string | undefined;
  ms: number;
  peakRss: number;
}

/**
 * Streams chunks into a decoder, sampling the RSS now and then.
 * @param format - the decoder.
 * @param chunks - the input.
 * @param options - decode options.
 * @returns the outcome.
 */
export function stream(format: Format, chunks: Iterable<string>, options: DecodeOptions): Streamed {
  let peakRss = process.memoryUsage.rss();
  const start = performance.now();
  let code: string | undefined;
  let at: string | undefined;
  let written = 0;
  try {
    const feed = createDecoder(format, () => undefined, options);
    for (const chunk of chunks) {
      feed.write(chunk);
      written += chunk.length;
      if (written >= 1 << 20) {
        written = 0;
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }
    }
    feed.end();
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    code = e.code;
    at = `${e.line}:${e.column}@${e.offset}${e.path ?? ''}`;
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return { code, at, ms: performance.now() - start, peakRss };
}

/**
 * How decoding time grows when a thing gets 4 times longer, fed one character at a time: the
 * best of up to `runs` ratios (the machine is shared, so the best is the least disturbed; it stops
 * at a ratio under 6). About 4 is linear, about 16 quadratic.
 * @param thing - which.
 * @param n - the smaller size.
 * @param options - decode options that let both sizes through.
 * @param runs - how many times to measure.
 * @returns the ratio of the time at 4n to the time at n.
 */
export function growth(thing: LongThing, n: number, options: DecodeOptions, runs = 3): number {
  let best = Infinity;
  // One run first, untimed: the first calls of a decoder run before the JIT has compiled it.
  stream(thing.format, chunksOf(thing, n, 1), options);
  for (let r = 0; r < runs && best >= 6; r++) {
    const small = stream(thing.format, chunksOf(thing, n, 1), options);
    const large = stream(thing.format, chunksOf(thing, 4 * n, 1), options);
    best = Math.min(best, large.ms / Math.max(small.ms, 0.5));
  }
  return best;
}
