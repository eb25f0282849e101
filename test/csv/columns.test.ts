/**
 * The CSV column layout: which names can be path segments, how objects add to a shape, the
 * column order (grammar CSV order, then first-seen), list widening, and the refusals.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { GoObject } from '../../src/index.js';
import { addToShape, assignTypes, COLUMN_INDEX_BASE, columnIndex, isColumnSegment, listPosition, newShape, type Shape, shapeColumns, shapeOrder } from '../../src/csv/columns.js';
import { expectThrowsCodecError } from '../helpers/codec-error.js';

function columns(objects: unknown[], type?: string): string[] {
  const shape = newShape();
  objects.forEach((o, i) => addToShape(shape, o as GoObject, ['list', i]));
  assignTypes(shape, type);
  return shapeColumns(shape).map((p) => p.join('.'));
}

function expectRefusal(fn: () => unknown, code: string, path: string): void {
  expectThrowsCodecError(fn, { code, path });
}

test('isColumnSegment: not empty, no dot, not all digits', () => {
  for (const name of ['id', 'a b', '__proto__', '1a', 'a1', '-1', '+1', '1.5x'.replace('.', ''), 'é', '٣']) assert.equal(isColumnSegment(name), true, name);
  for (const name of ['', '.', 'a.b', '.a', 'a.', '0', '1', '007', '123456']) assert.equal(isColumnSegment(name), false, name);
});

test('addToShape: reports whether the object fills a cell', () => {
  const shape = newShape();
  assert.equal(addToShape(shape, {}, []), false);
  assert.equal(addToShape(shape, { object: 'ip' }, []), false);
  assert.equal(addToShape(shape, { a: null, b: '', c: {}, d: [], e: { f: null }, g: [{ h: '' }] }, []), false);
  assert.equal(shape.attributes.size, 0);
  assert.equal(addToShape(shape, { a: 0 }, []), true);
  assert.equal(addToShape(shape, { b: false }, []), true);
  assert.equal(addToShape(shape, { c: { d: 'x' } }, []), true);
  assert.deepEqual([...shape.attributes.keys()], ['a', 'b', 'c']);
});

test('untyped shapes: first-seen order, nested paths, lists widened to the longest', () => {
  assert.deepEqual(columns([{ b: 1, a: { y: 1, x: 2 } }, { c: 3, a: { z: 1 }, l: [{ p: 1 }] }, { l: [{ q: 1 }, { p: 2 }] }]), ['b', 'a.y', 'a.x', 'a.z', 'c', 'l.1.p', 'l.1.q', 'l.2.p', 'l.2.q']);
  assert.equal(newShape().type, undefined);
});

test('typed shapes: the grammar\'s CSV order, then unknown attributes in first-seen order; nested types from the grammar', () => {
  assert.deepEqual(columns([{ zz: 1, public: true, id: 5, state: { name: 'n', zz: 1, id: 1 } }, { ww: 2, ip: 'x' }], 'ip'), ['id', 'ip', 'state.id', 'state.name', 'state.zz', 'public', 'zz', 'ww']);
  // A load balancer: realiplist last (csvOrder), its items typed ipportpair (ip then port), their ip typed ip.
  assert.deepEqual(columns([{ realiplist: [{ port: 80, ip: { public: true, id: 1 } }], state: { id: 1 }, id: 7, name: 'n' }], 'loadbalancer'), ['id', 'name', 'state.id', 'realiplist.1.ip.id', 'realiplist.1.ip.public', 'realiplist.1.port']);
});

test('shapeOrder and assignTypes: the type can be set after the objects are seen', () => {
  const shape: Shape = newShape();
  addToShape(shape, { public: true, zz: 1, id: 1, state: { name: 'n', id: 2 } }, []);
  assert.deepEqual(shapeOrder(shape), ['public', 'zz', 'id', 'state']);
  assignTypes(shape, 'ip');
  assert.equal(shape.type, 'ip');
  assert.deepEqual(shapeOrder(shape), ['id', 'state', 'public', 'zz']);
  const state = shape.attributes.get('state');
  assert.ok(state !== undefined && state.kind === 'object');
  assert.equal(state.shape.type, 'option');
  assert.deepEqual(shapeOrder(state.shape), ['id', 'name']);
  assignTypes(shape, undefined);
  assert.deepEqual(shapeOrder(shape), ['public', 'zz', 'id', 'state']);
});

test('type names are not columns; mixed types at one position are CSV_MIXED_TYPES', () => {
  assert.deepEqual(columns([{ object: 'ip', id: 1 }, { id: 2 }, { object: 'ip', ip: 'x' }]), ['id', 'ip']);
  expectRefusal(() => columns([{ object: 'ip', id: 1 }, { object: 'server', id: 2 }]), 'CSV_MIXED_TYPES', '/list/1');
  expectRefusal(() => columns([{ l: [{ object: 'a', x: 1 }, { object: 'b', x: 2 }] }]), 'CSV_MIXED_TYPES', '/list/0/l/1');
});

test('names CSV cannot carry and value/object conflicts are CSV_UNREPRESENTABLE with their path', () => {
  expectRefusal(() => columns([{ 'a.b': 1 }]), 'CSV_UNREPRESENTABLE', '/list/0/a.b');
  expectRefusal(() => columns([{ a: { 7: 1 } }]), 'CSV_UNREPRESENTABLE', '/list/0/a/7');
  expectRefusal(() => columns([{ a: 1 }, { a: { b: 1 } }]), 'CSV_UNREPRESENTABLE', '/list/1/a');
  expectRefusal(() => columns([{ a: { b: 1 } }, { a: 1 }]), 'CSV_UNREPRESENTABLE', '/list/1/a');
  expectRefusal(() => columns([{ a: [{ b: 1 }] }, { a: { b: 1 } }]), 'CSV_UNREPRESENTABLE', '/list/1/a');
  // A name CSV cannot carry is fine when its value fills no cell… but it is still refused, as it is checked first.
  expectRefusal(() => columns([{ 'a.b': null }]), 'CSV_UNREPRESENTABLE', '/list/0/a.b');
  // A conflict only counts where cells are filled.
  assert.deepEqual(columns([{ a: null }, { a: { b: 1 } }]), ['a.b']);
});

test('the column index base: GoGrid numbers list items from 1, and shapeColumns uses the named base', () => {
  assert.equal(COLUMN_INDEX_BASE, 1);
  for (const p of [0, 1, 7]) assert.equal(listPosition(columnIndex(p)), p);
  const shape = newShape();
  addToShape(shape, { ips: [{ id: 1 }, { id: 2 }] } as GoObject, []);
  assert.deepEqual(shapeColumns(shape), [['ips', columnIndex(0), 'id'], ['ips', columnIndex(1), 'id']]);
  assert.deepEqual(shapeColumns(shape).map((c) => c.join('.')), ['ips.1.id', 'ips.2.id']);
});
