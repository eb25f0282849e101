/**
 * The CSV row → object step: the function compiled per header gives exactly what walking the
 * plan gives (values, key order, prototypes, the value-length error), names are data, and where
 * code cannot be generated the decoder still decodes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import type { AttributeKind } from '../../src/grammar/grammars.js';
import { buildRow, compileRow, MAX_COMPILED_COLUMNS, type PlanAttribute, type PlanNode } from '../../src/csv/row-builder.js';
import { attributeName } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/chunks.js';
import { repoPath } from '../helpers/paths.js';

const KINDS: (AttributeKind | undefined)[] = [undefined, 'string', 'integer', 'double', 'boolean', 'date'];

/** A plan node description for the arbitrary: scalars, nested objects and lists of objects. */
type Shape = { type: string | undefined; attributes: [string, 'scalar' | Shape | Shape[], number][] };

const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.record({
    type: fc.option(fc.constantFrom('ip', 'server', 'option', '__proto__', 'é'), { nil: undefined }),
    attributes: fc.uniqueArray(
      fc.tuple(
        attributeName,
        fc.oneof({ weight: 6, arbitrary: fc.constant('scalar' as const) }, { weight: 1, arbitrary: tie('node') }, { weight: 1, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
        fc.integer({ min: 0, max: KINDS.length - 1 }),
      ),
      { maxLength: 5, selector: ([name]) => name },
    ),
  }),
})).node;

/** The plan of a shape, its scalars numbered as columns in header order. */
function planOf(s: Shape, depth = 1, next = { column: 0 }): PlanNode {
  const attributes: PlanAttribute[] = s.attributes.map(([name, kind, k]): PlanAttribute => {
    const hostile = name === '__proto__';
    if (kind === 'scalar') return { kind: 'scalar', name, hostile, column: next.column++, valueKind: KINDS[k], path: `/${name}` };
    if (Array.isArray(kind)) return { kind: 'list', name, hostile, items: kind.map((item) => planOf(item, depth + 1, next)), firstColumn: [] };
    return { kind: 'object', name, hostile, node: planOf(kind, depth + 1, next) };
  });
  return { type: s.type, attributes, byName: undefined, depth };
}

function columns(plan: PlanNode): number {
  let n = 0;
  for (const a of plan.attributes) {
    if (a.kind === 'scalar') n = Math.max(n, a.column + 1);
    else if (a.kind === 'object') n = Math.max(n, columns(a.node));
    else for (const item of a.items) n = Math.max(n, columns(item as PlanNode));
  }
  return n;
}

/** Everything observable of a value: own keys in order, prototypes, values. */
function observe(value: unknown): unknown {
  if (Array.isArray(value)) return ['list', value.map(observe)];
  if (typeof value === 'object' && value !== null) {
    return ['object', Object.getPrototypeOf(value) === Object.prototype, Reflect.ownKeys(value).map((k) => [k, observe((value as Record<string, unknown>)[k as string])])];
  }
  return value;
}

const cell = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom('0', '7', '-1', '007', '0.0', '1.5', 'true', 'false', 'x', '__proto__', '"); throw 1; ("', '${k0}') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

test('the compiled row function gives what walking the plan gives, the value-length error too', (t) => {
  const params = fcParams(400);
  t.diagnostic(`seed ${params.seed}`);
  fc.assert(
    fc.property(
      shape.chain((s) => {
        const plan = planOf(s);
        return fc.tuple(fc.constant(plan), fc.array(cell, { minLength: columns(plan), maxLength: columns(plan) }), fc.integer({ min: 0, max: 3 }));
      }),
      ([plan, cells, max]) => {
        const calls: string[] = [];
        const tooLong = (path: string): never => {
          calls.push(path);
          throw new Error(`long ${path}`);
        };
        const compiled = compileRow(plan, max, tooLong);
        assert.ok(compiled !== undefined);
        let expected: unknown;
        let expectedError: unknown;
        try {
          expected = observe(buildRow(plan, cells, max, tooLong));
        } catch (e) {
          expectedError = (e as Error).message;
        }
        let actual: unknown;
        let actualError: unknown;
        try {
          actual = observe(compiled(cells));
        } catch (e) {
          actualError = (e as Error).message;
        }
        assert.deepStrictEqual(actualError, expectedError);
        assert.deepStrictEqual(actual, expected);
      },
    ),
    params,
  );
});

test('names are data: __proto__ is an own attribute, a name that looks like code is just a name', () => {
  const plan: PlanNode = {
    type: 'server',
    depth: 1,
    byName: undefined,
    attributes: [
      { kind: 'scalar', name: '__proto__', hostile: true, column: 0, valueKind: undefined, path: '/__proto__' },
      { kind: 'scalar', name: '"]; globalThis.pwned = 1; ["', hostile: false, column: 1, valueKind: 'integer', path: '/x' },
      { kind: 'scalar', name: 'constructor', hostile: false, column: 2, valueKind: undefined, path: '/constructor' },
    ],
  };
  const row = compileRow(plan, 100, () => assert.fail('no value is too long'));
  assert.ok(row !== undefined);
  const object = row(['evil', '12', 'c']) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(object), Object.prototype);
  assert.deepEqual(Object.keys(object), ['object', '__proto__', '"]; globalThis.pwned = 1; ["', 'constructor']);
  assert.equal(Object.getOwnPropertyDescriptor(object, '__proto__')?.value, 'evil');
  assert.equal(object['"]; globalThis.pwned = 1; ["'], 12);
  assert.equal((globalThis as Record<string, unknown>)['pwned'], undefined);
});

test('a header with more columns than MAX_COMPILED_COLUMNS is not compiled', () => {
  const attributes: PlanAttribute[] = Array.from({ length: MAX_COMPILED_COLUMNS + 1 }, (_, i) => ({ kind: 'scalar', name: `c${i}`, hostile: false, column: i, valueKind: undefined, path: `/c${i}` }));
  assert.equal(compileRow({ type: undefined, attributes, byName: undefined, depth: 1 }, 10, () => assert.fail()), undefined);
  assert.ok(compileRow({ type: undefined, attributes: attributes.slice(1), byName: undefined, depth: 1 }, 10, () => assert.fail()) !== undefined);
});

test('where code cannot be generated from strings, CSV still decodes, to the same tree', () => {
  const script = `
    const { decode } = await import(${JSON.stringify(repoPath('dist/src/index.js'))});
    const csv = '# SUCCESS, /grid/server/list, TOTAL, 2, RETURNED, 2\\n# id,name,__proto__,ip.ip,ip.state.name,ips.1.id,ips.2.id\\n1,web,p,10.0.0.1,Assigned,7,8\\n2,,,,,,9';
    process.stdout.write(JSON.stringify(decode(csv, { format: 'csv' })));
  `;
  const run = (flags: string[]): string => {
    const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const normal = run([]);
  assert.match(normal, /"__proto__":"p"/);
  assert.equal(run(['--disallow-code-generation-from-strings']), normal);
});
