/**
 * The import rule (ARCHITECTURE.md): a module imports only from its own floor or floors below —
 * `errors` → `text` → `grammar` → `tree` → formats (`json/`, `xml/`, `csv/`) → drivers and
 * adapters (`src/*.ts`) → `client/`, `mock/`, `cli/` — and `src/` has no runtime import cycle.
 *
 * Imports are read from the source text: `import … from`, `export … from`, side-effect
 * `import '…'` and dynamic `import('…')`; `#platform/*` is resolved through package.json
 * `imports` for the `node` condition (and, for the floor rule, the `default` one too). The floor
 * rule applies to every import, `import type` included. The cycle rule counts runtime imports
 * only: `import type` / `export type`, and imports whose every name is marked `type`, are erased
 * by the compiler and cannot make a cycle at run time.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './helpers/paths.js';

interface Import {
  specifier: string;
  typeOnly: boolean;
}

const STATIC = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports of one module's text (comments removed first, so examples in TSDoc do not count). */
function importsOf(text: string): Import[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: Import[] = [];
  for (const m of code.matchAll(STATIC)) {
    const clause = m[3] ?? '';
    const names = /^\{([\s\S]*)\}$/.exec(clause.trim());
    const allTyped = names !== null && (names[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '').every((s) => s.startsWith('type '));
    out.push({ specifier: m[4] as string, typeOnly: m[2] !== undefined || allTyped });
  }
  for (const m of code.matchAll(BARE)) out.push({ specifier: m[1] as string, typeOnly: false });
  for (const m of code.matchAll(DYNAMIC)) out.push({ specifier: m[1] as string, typeOnly: false });
  return out;
}

/** A cycle in a graph, as the list of its nodes (first repeated last), or `undefined`. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

const SRC = join(repoRoot, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** `#platform/x.js` → the source files it names, per condition of package.json `imports`. */
function platformTargets(specifier: string, conditions: readonly string[]): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { imports: Record<string, Record<string, string>> };
  const out: string[] = [];
  for (const [pattern, targets] of Object.entries(manifest.imports)) {
    const prefix = pattern.slice(0, pattern.indexOf('*'));
    if (!specifier.startsWith(prefix)) continue;
    for (const condition of conditions) {
      const target = targets[condition];
      if (target === undefined) continue;
      const built = target.replace('*', specifier.slice(prefix.length));
      out.push(join(repoRoot, built.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')));
    }
  }
  assert.ok(out.length > 0, `${specifier}: not in package.json imports`);
  return out;
}

/** The `src/` files an import names (none for a package). */
function resolve(from: string, specifier: string, conditions: readonly string[]): string[] {
  if (specifier.startsWith('#')) return platformTargets(specifier, conditions);
  if (!specifier.startsWith('.')) return [];
  return [join(dirname(from), specifier).replace(/\.js$/, '.ts')];
}

/**
 * Top-level files that belong to the information model's floor rather than the drivers': the
 * typed surface and the failure contract (types and pure functions over the tree, importing
 * only `tree/types`). They sit at the top of `src/` by history, not by layer.
 */
const MODEL_AT_TOP = new Set(['objects.ts', 'failure.ts']);

/** `tree/checks.ts` → `tree`; `decode.ts` → `drivers`. */
function floorOf(file: string): string {
  const rel = relative(SRC, file).split(/[\\/]/);
  if (rel.length === 1) return rel[0] === 'errors.ts' ? 'errors' : MODEL_AT_TOP.has(rel[0] as string) ? 'tree' : 'drivers';
  return rel[0] as string;
}

const LOWER = ['errors', 'text', 'grammar', 'tree'];
const FORBIDDEN_FOR_LOWER = ['json', 'xml', 'csv', 'drivers', 'cli', 'client', 'mock'];

function graph(typeImports: boolean, conditions: readonly string[]): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const edges: string[] = [];
    for (const i of importsOf(readFileSync(file, 'utf8'))) {
      if (i.typeOnly && !typeImports) continue;
      edges.push(...resolve(file, i.specifier, conditions));
    }
    g.set(file, edges);
  }
  return g;
}

test('importsOf reads static, type-only, side-effect and dynamic imports, and ignores comments', () => {
  const text = [
    "import { a, type B } from './a.js';",
    "import type { C } from './c.js';",
    "import { type D, type E } from './d.js';",
    "export { f } from './f.js';",
    "export type { G } from './g.js';",
    "import './side.js';",
    "const m = await import('./dyn.js');",
    '/** import { x } from "./doc.js"; */',
    "// import { y } from './line.js';",
  ].join('\n');
  assert.deepEqual(importsOf(text), [
    { specifier: './a.js', typeOnly: false },
    { specifier: './c.js', typeOnly: true },
    { specifier: './d.js', typeOnly: true },
    { specifier: './f.js', typeOnly: false },
    { specifier: './g.js', typeOnly: true },
    { specifier: './side.js', typeOnly: false },
    { specifier: './dyn.js', typeOnly: false },
  ]);
});

test('findCycle finds a cycle and reports none in a tree of imports', () => {
  assert.deepEqual(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), ['a', 'b', 'c', 'a']);
  assert.equal(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), undefined);
});

test('every import of src/ names a file that exists (the parser sees the real graph)', () => {
  const g = graph(true, ['node', 'default']);
  assert.ok(g.size > 50, `only ${g.size} source files found`);
  for (const [file, edges] of g) for (const target of edges) assert.ok(g.has(target), `${relative(SRC, file)} imports missing ${relative(SRC, target)}`);
  // The known edges are seen: a driver importing a decoder, a platform import resolved.
  const decode = g.get(join(SRC, 'decode.ts')) ?? [];
  assert.ok(decode.includes(join(SRC, 'json/decode.ts')));
  assert.ok((g.get(join(SRC, 'csv/decode.ts')) ?? []).includes(join(SRC, 'platform/node/papaparse.ts')));
});

test('errors.ts, text/, grammar/ and tree/ import nothing from the formats, drivers, client, mock or CLI', () => {
  const problems: string[] = [];
  for (const [file, edges] of graph(true, ['node', 'default'])) {
    if (!LOWER.includes(floorOf(file))) continue;
    for (const target of edges) {
      if (FORBIDDEN_FOR_LOWER.includes(floorOf(target))) problems.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('src/ has no runtime import cycle (node condition)', () => {
  const cycle = findCycle(graph(false, ['node']));
  assert.equal(cycle?.map((f) => relative(SRC, f)).join(' → '), undefined);
});
