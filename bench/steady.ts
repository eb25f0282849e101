/**
 * Steady-state measurements: ours and the references on the same bytes, in one process, warm.
 * The cold measurements (`child.ts`, one fresh process each) are what a command-line user pays;
 * these say how far ours is from the tokenizer it is built on once the JIT has settled, which is
 * what the speed goals are stated against.
 *
 * ```sh
 * node --expose-gc dist/bench/steady.js decode <file> <format> <passes>
 * node --expose-gc dist/bench/steady.js encode <json file> <format> <passes>
 * ```
 *
 * prints one JSON line: a {@link SteadyResult}. The input is read and decoded to text (or to the
 * tree, for encoders) before anything is timed. Every contender then runs warm-up passes (at least
 * one, and half a second), and
 * `passes` timed passes, round-robin (so a drift of the machine does not favour one of them),
 * with a garbage collection before each pass. Every pass checks its result.
 *
 * The references get exactly what ours hands its tokenizer: an untimed pass of ours records
 * every string it gives `JSON.parse`, every chunk it writes to saxes, every call it makes to
 * papaparse's `Parser` (and the options it creates it with); the references replay them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SaxesParser } from 'saxes';
import type Papa from 'papaparse';
import type { Document, GoObject } from '../src/index.js';
import { flatRows } from './contenders/papaparse-unparse.js';
import type { Format } from './generate.js';

/** The role of a steady-state contender in the tables. */
export type SteadyRole = 'ours' | 'reference';

/** One steady-state contender's timings. */
export interface SteadyRow {
  /** What it is (shown in the tables). */
  name: string;
  role: SteadyRole;
  /** `stream`/`whole` for decoders, `chunks`/`string` for encoders. */
  form: string;
  /** The name of the row ours is divided by, for rows of ours. */
  versus?: string;
  /** Milliseconds of each timed pass. */
  ms: number[];
}

/** What the steady-state child prints. */
export interface SteadyResult {
  task: 'decode' | 'encode';
  format: Format;
  rows: SteadyRow[];
  /** For the record: how much of the text the recorded tokenizer inputs hold, and in how many calls. */
  notes: string[];
  /** Peak RSS of the process, MB. */
  maxRssMB: number;
}

interface Entry {
  row: SteadyRow;
  /** One pass; returns the number of list objects seen (or written), for the check. */
  run: () => number;
  /** The count the pass must return. */
  expect: number;
}

const CHUNK = 64 * 1024;
const require = createRequire(import.meta.url);

/** The text in 64 KiB slices (what ours is fed, like a stream of text chunks). */
function slices(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

async function decoders(file: string, format: Format): Promise<{ entries: Entry[]; notes: string[] }> {
  const { createDecoder, decode, isEnvelope } = await import('../src/index.js');
  const text = readFileSync(file, 'utf8');
  const pieces = slices(text);
  const streaming = (): number => {
    let objects = 0;
    const feed = createDecoder(format, (e) => {
      if (e.type === 'object') objects++;
    });
    for (const piece of pieces) feed.write(piece);
    feed.end();
    return objects;
  };
  const whole = (): number => {
    const doc = decode(text, { format });
    return isEnvelope(doc) ? doc.list.length : 0;
  };
  const expect = whole();
  const ours = (form: 'stream' | 'whole', versus: string): Entry => ({
    row: { name: form === 'stream' ? 'gogrid-codec, streaming (createDecoder, 64 KiB text chunks)' : 'gogrid-codec, whole text (decode)', role: 'ours', form, versus, ms: [] },
    run: form === 'stream' ? streaming : whole,
    expect,
  });
  const notes: string[] = [];
  const covered = (chars: number, calls: number, what: string): void =>
    void notes.push(`${what}: ${calls.toLocaleString('en-US')} calls holding ${((100 * chars) / text.length).toFixed(1)}% of the text's characters`);

  if (format === 'json') {
    // Record what ours hands JSON.parse.
    const batches: string[] = [];
    const parse = JSON.parse;
    JSON.parse = ((s: string, reviver?: (key: string, value: unknown) => unknown) => {
      batches.push(s);
      return parse(s, reviver);
    }) as typeof JSON.parse;
    try {
      if (streaming() !== expect) throw new Error('the recording pass counted wrong');
    } finally {
      JSON.parse = parse;
    }
    covered(batches.reduce((n, b) => n + b.length, 0), batches.length, 'JSON.parse calls of the streaming decoder');
    const batchNames = 'JSON.parse, the batches ours hands it';
    const wholeName = 'JSON.parse, whole text';
    return {
      notes,
      entries: [
        ours('stream', batchNames),
        ours('whole', wholeName),
        {
          row: { name: batchNames, role: 'reference', form: 'stream', ms: [] },
          run: () => {
            let objects = 0;
            for (const b of batches) {
              const v: unknown = JSON.parse(b);
              if (Array.isArray(v)) objects += v.length;
              else if (typeof v === 'object' && v !== null) objects++;
            }
            return objects;
          },
          // Not every call is a list element (the head is parsed too): counted, not checked.
          expect: -1,
        },
        { row: { name: wholeName, role: 'reference', form: 'whole', ms: [] }, run: () => (JSON.parse(text) as { list: unknown[] }).list.length, expect },
      ],
    };
  }

  if (format === 'xml') {
    const { SaxesParser: Saxes } = require('saxes') as { SaxesParser: typeof SaxesParser };
    const writes: string[] = [];
    const write = Saxes.prototype.write;
    Saxes.prototype.write = function (this: SaxesParser, chunk: string | object | null) {
      if (typeof chunk === 'string') writes.push(chunk);
      return write.call(this, chunk);
    };
    try {
      if (streaming() !== expect) throw new Error('the recording pass counted wrong');
    } finally {
      Saxes.prototype.write = write;
    }
    covered(writes.reduce((n, w) => n + w.length, 0), writes.length, 'saxes writes of the streaming decoder');
    const name = 'saxes, set up as ours sets it up, the chunks ours writes';
    return {
      notes,
      entries: [
        ours('stream', name),
        ours('whole', name),
        {
          row: { name, role: 'reference', form: 'stream', ms: [] },
          run: () => {
            const counter = { depth: 0, objects: 0 };
            const parser = saxesAsOurs(Saxes, counter);
            for (const w of writes) parser.write(w);
            parser.close();
            return counter.objects;
          },
          expect,
        },
      ],
    };
  }

  // CSV: record how ours creates and calls papaparse's Parser.
  const papa = require('papaparse') as typeof Papa;
  const Original = papa.Parser;
  const calls: [string, number, boolean][] = [];
  let config: Papa.ParseConfig | undefined;
  const Recording = function (this: unknown, c: Papa.ParseConfig) {
    config = c;
    const parser = new Original(c);
    const parse = parser.parse.bind(parser);
    parser.parse = (input: string, baseIndex: number, ignoreLastRow: boolean) => {
      calls.push([input, baseIndex, ignoreLastRow]);
      return parse(input, baseIndex, ignoreLastRow);
    };
    return parser;
  } as unknown as typeof Papa.Parser;
  (papa as { Parser: typeof Papa.Parser }).Parser = Recording;
  try {
    if (streaming() !== expect) throw new Error('the recording pass counted wrong');
  } finally {
    (papa as { Parser: typeof Papa.Parser }).Parser = Original;
  }
  if (config === undefined) throw new Error('ours did not create a papaparse Parser');
  const { delimiter, newline, quoteChar } = config;
  covered(
    calls.reduce((n, c) => n + c[0].length, 0),
    calls.length,
    `Parser.parse calls of the streaming decoder (options ${JSON.stringify({ delimiter, newline, quoteChar })} and a step function)`,
  );
  const name = 'papaparse Parser, as ours uses it, the calls ours makes';
  return {
    notes,
    entries: [
      ours('stream', name),
      ours('whole', name),
      {
        row: { name, role: 'reference', form: 'stream', ms: [] },
        run: () => {
          let rows = 0;
          const parser = new Original({ ...config, step: () => void rows++ });
          for (const [input, base, ignoreLastRow] of calls) parser.parse(input, base, ignoreLastRow);
          return rows;
        },
        // The rows include any blank line papaparse reports: counted, not checked.
        expect: -1,
      },
    ],
  };
}

/**
 * A saxes parser configured as ours configures it (`src/xml/decode.ts`): the same options,
 * every handler set in the constructor (not with `on()`), and the attribute list read instead of
 * saxes's attribute map; the handlers only count the list's `<object>` start tags.
 */
function saxesAsOurs(Saxes: typeof SaxesParser, counter: { depth: number; objects: number }): SaxesParser {
  interface Collector {
    attribList: { name: string; value: string }[];
    tag: { list?: unknown };
    fail(message: string): void;
  }
  const Tokenizer = class extends Saxes<{ xmlns: false; position: true }> {
    constructor() {
      super({ xmlns: false, position: true });
      const self = this as unknown as Record<string, unknown>;
      self['openTagStartHandler'] = () => {};
      self['openTagHandler'] = (tag: { name: string }) => {
        counter.depth++;
        if (counter.depth === 4 && tag.name === 'object') counter.objects++;
      };
      self['closeTagHandler'] = () => void counter.depth--;
      self['textHandler'] = () => {};
      self['cdataHandler'] = () => {};
      self['commentHandler'] = () => {};
      self['piHandler'] = () => {};
      self['xmldeclHandler'] = () => {};
      self['doctypeHandler'] = () => {};
      self['errorHandler'] = (error: Error) => {
        throw error;
      };
      self['processAttribs'] = function (this: Collector): void {
        const list = this.attribList;
        if (list.length > 1) {
          const seen = new Set<string>();
          for (const { name } of list) {
            if (seen.has(name)) this.fail(`duplicate attribute: ${name}.`);
            seen.add(name);
          }
        }
        this.tag.list = list;
        this.attribList = [];
      };
    }
  };
  return new Tokenizer() as unknown as SaxesParser;
}

async function encoders(file: string, format: Format): Promise<{ entries: Entry[]; notes: string[] }> {
  const { decode, encode, encodeChunks, isEnvelope } = await import('../src/index.js');
  const doc: Document = decode(readFileSync(file), { format: 'json' });
  if (!isEnvelope(doc)) throw new Error(`${file} is not an envelope`);
  const list: GoObject[] = doc.list;
  const expect = list.length;
  // Every chunk is used the same way by every chunked contender: its length and its last
  // character (reading a character makes V8 flatten a string built by concatenation).
  const drain = (chunks: Iterable<string>): number => {
    let sum = 0;
    for (const chunk of chunks) sum += chunk.length + chunk.charCodeAt(chunk.length - 1);
    return sum;
  };
  const touch = (text: string): void => {
    if (text.length === 0 || Number.isNaN(text.charCodeAt(text.length >> 1))) throw new Error('no text');
  };
  const chunksName = 'gogrid-codec encodeChunks, drained';
  const entries: Entry[] = [];
  const stringRef = format === 'json' ? 'JSON.stringify, one string' : format === 'csv' ? 'papaparse unparse, one string' : chunksName;
  const chunkRef = format === 'json' ? 'JSON.stringify per object, joined into 64 KiB chunks' : format === 'csv' ? 'papaparse unparse per 64 KiB of rows' : undefined;
  entries.push({
    row: { name: chunksName, role: 'ours', form: 'chunks', ...(chunkRef === undefined ? {} : { versus: chunkRef }), ms: [] },
    run: () => (drain(encodeChunks(doc, { format })) > 0 ? expect : 0),
    expect,
  });
  entries.push({
    row: { name: 'gogrid-codec encode, one string', role: 'ours', form: 'string', versus: stringRef, ms: [] },
    run: () => {
      touch(encode(doc, { format }));
      return expect;
    },
    expect,
  });
  const notes: string[] = [];
  if (format === 'json') {
    entries.push({
      row: { name: 'JSON.stringify, one string', role: 'reference', form: 'string', ms: [] },
      run: () => {
        touch(JSON.stringify(doc));
        return expect;
      },
      expect,
    });
    entries.push({
      row: { name: chunkRef as string, role: 'reference', form: 'chunks', ms: [] },
      run: () => {
        function* chunks(): Generator<string> {
          let parts: string[] = [];
          let length = 0;
          for (const object of list) {
            const text = JSON.stringify(object);
            parts.push(text);
            length += text.length + 1;
            if (length >= CHUNK) {
              yield parts.join(',');
              parts = [];
              length = 0;
            }
          }
          if (parts.length > 0) yield parts.join(',');
        }
        drain(chunks());
        return expect;
      },
      expect,
    });
  } else if (format === 'csv') {
    const Papa = require('papaparse') as typeof import('papaparse');
    const table = flatRows(list);
    notes.push('papaparse unparse is given rows flattened beforehand (untimed), without the `#` lines');
    entries.push({
      row: { name: 'papaparse unparse, one string', role: 'reference', form: 'string', ms: [] },
      run: () => {
        touch(Papa.unparse(table));
        return table.data.length;
      },
      expect,
    });
    // Rows per chunk: about 64 KiB of text, estimated from the first 200 rows.
    const sample = Papa.unparse(table.data.slice(0, 200)).length / Math.max(1, Math.min(200, table.data.length));
    const perChunk = Math.max(1, Math.floor(CHUNK / Math.max(1, sample)));
    entries.push({
      row: { name: chunkRef as string, role: 'reference', form: 'chunks', ms: [] },
      run: () => {
        function* chunks(): Generator<string> {
          yield Papa.unparse({ fields: table.fields, data: [] });
          for (let i = 0; i < table.data.length; i += perChunk) yield Papa.unparse(table.data.slice(i, i + perChunk));
        }
        drain(chunks());
        return table.data.length;
      },
      expect,
    });
  } else {
    notes.push('XML has no tokenizer-class encoding reference: the string form is compared with the chunk form of ours (fast-xml-parser XMLBuilder is in the cold table)');
  }
  return { entries, notes };
}

async function main(): Promise<void> {
  const [task, file, format, passesText] = process.argv.slice(2);
  const passes = Number(passesText ?? '5');
  if ((task !== 'decode' && task !== 'encode') || file === undefined || format === undefined || !(passes > 0)) {
    throw new Error('usage: steady.js decode|encode <file> <format> <passes>');
  }
  const { entries, notes } = task === 'decode' ? await decoders(file, format as Format) : await encoders(file, format as Format);
  // A full collection before every pass, so no contender pays for garbage but its own. Tried and
  // dropped (stop 19, loadbalancer datasets): an untimed pass of the same contender between the
  // collection and the timed pass, which charged the one-string encoders for the string of the
  // pass before (XML encode() at 100 MB: 0.54× of its chunks' speed in that full run, 0.79× with
  // a collection before each pass); and no collection at all, which made the saxes reference 3× slower
  // (3.0–3.6 s against 0.9–1.2 s on 10 MB). What a forced collection does cost: the pass after
  // it is slower and less steady (ours decoding 10 MB of CSV then varies 2× from pass to pass;
  // the cause, somewhere in V8's heap sizing, is not pinned down). The tables show medians.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const pass = (entry: Entry, timed: boolean): void => {
    gc();
    const started = process.hrtime.bigint();
    const objects = entry.run();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (entry.expect >= 0 && objects !== entry.expect) throw new Error(`${entry.row.name}: counted ${objects} objects, expected ${entry.expect}`);
    if (timed) entry.row.ms.push(ms);
  };
  // Warm-up: passes until half a second has gone by (at least one, at most ten) per contender.
  for (const entry of entries) {
    const started = Date.now();
    for (let i = 0; i < 10 && (i < 1 || Date.now() - started < 500); i++) pass(entry, false);
  }
  for (let i = 0; i < passes; i++) for (const entry of entries) pass(entry, true);
  const result: SteadyResult = { task, format: format as Format, rows: entries.map((e) => e.row), notes, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
