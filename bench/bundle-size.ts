/**
 * The size of a browser bundle of gogrid-codec, the way bundle-size pages report it: each case
 * is a small program importing the package by name, bundled by esbuild for the browser
 * (`platform: browser`, minified, ESM), then gzipped (level 9). The rows differ by what they
 * import, so that the cost of ajv (only `validate` needs it) shows.
 *
 * Run: `npm run build && node dist/bench/bundle-size.js` (about a second; prints a Markdown table).
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One bundled program. */
interface Case {
  name: string;
  source: string;
}

const CASES: readonly Case[] = [
  { name: '`decode` (a whole response, any format)', source: "import { decode } from 'gogrid-codec';\nglobalThis.out = decode;" },
  {
    name: '`decodeStream`, `decodeObjects`, `convert`, `encode` (no `validate`)',
    source: "import { convert, decodeObjects, decodeStream, encode } from 'gogrid-codec';\nglobalThis.out = { convert, decodeObjects, decodeStream, encode };",
  },
  {
    name: 'the same and `validate`',
    source: "import { convert, decodeObjects, decodeStream, encode, validate } from 'gogrid-codec';\nglobalThis.out = { convert, decodeObjects, decodeStream, encode, validate };",
  },
  { name: 'the whole web entry (`import * as codec`)', source: "import * as codec from 'gogrid-codec';\nglobalThis.out = codec;" },
];

/** A bundle's size, and who put the bytes there. */
interface Size {
  minified: number;
  gzipped: number;
  /** Bytes in the output by origin: `gogrid-codec`, or a dependency's name. */
  parts: Map<string, number>;
}

async function measure(source: string): Promise<Size> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'entry.js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error('esbuild wrote nothing');
  const parts = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? (file.startsWith('dist/') ? 'gogrid-codec' : 'entry');
      parts.set(dep, (parts.get(dep) ?? 0) + bytesInOutput);
    }
  }
  return { minified: out.contents.length, gzipped: gzipSync(out.contents, { level: 9 }).length, parts };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const rows: string[] = ['| bundle imports | minified | min + gzip | minified bytes by origin |', '|---|---:|---:|---|'];
for (const c of CASES) {
  const size = await measure(c.source);
  const parts = [...size.parts].filter(([name]) => name !== 'entry').sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${kb(bytes)}`);
  rows.push(`| ${c.name} | ${kb(size.minified)} | ${kb(size.gzipped)} | ${parts.join(', ')} |`);
}
console.log(rows.join('\n'));
console.log(`\nesbuild, platform browser, minified ESM; gzip level 9 (node:zlib). KB = 1024 bytes.`);
