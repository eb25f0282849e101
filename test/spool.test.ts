/**
 * The spools: FileSpool keeps order across the memory/file boundary, keeps numbers exact and
 * hostile names as data, and removes its folder; removeSpillFiles removes live folders;
 * MemorySpool is a plain first-in first-out store.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodecError, convert, FileSpool, type GoObject, MemorySpool, type ObjectSpool, removeSpillFiles } from '../src/index.js';
import { setAttribute } from '../src/tree/checks.js';
import { treeDifference } from '../src/tree/equal.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gogrid-codec-spool-test-'));
}

async function drain(spool: ObjectSpool): Promise<GoObject[]> {
  const out: GoObject[] = [];
  for await (const o of spool.drain()) out.push(o);
  return out;
}

/** An object with awkward content: -0, 2**60, __proto__ and constructor as data, nested lists. */
function awkward(i: number): GoObject {
  const o: GoObject = { i, neg: -0, big: 2 ** 60, small: -(2 ** 60), text: `é😀\n"${i}"`, nil: null, flag: i % 2 === 0 };
  setAttribute(o, '__proto__', { polluted: i });
  setAttribute(o, 'constructor', 'c');
  o['nested'] = { list: [{ x: -0 }, { y: 2 ** 53 + 2 }] };
  return o;
}

test('FileSpool keeps order across the memory/file boundary and removes its folder after draining', async () => {
  const dir = tempDir();
  try {
    for (const [limit, count] of [
      [3, 10],
      [1, 2],
      [5, 5],
      [0, 4],
      [2, 100],
    ]) {
      const spool = new FileSpool(limit as number, dir);
      for (let i = 0; i < (count as number); i++) await spool.add({ i });
      assert.equal(readdirSync(dir).length, (count as number) > (limit as number) ? 1 : 0, `limit ${limit}, ${count} objects: spilled`);
      assert.deepEqual((await drain(spool)).map((o) => o['i']), Array.from({ length: count as number }, (_, i) => i));
      assert.deepEqual(readdirSync(dir), [], 'the folder is gone after drain');
      await spool.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FileSpool: exact numbers (-0, 2**60) and __proto__ keys survive the file', async () => {
  const dir = tempDir();
  try {
    const spool = new FileSpool(2, dir);
    const objects = Array.from({ length: 8 }, (_, i) => awkward(i));
    for (const o of objects) await spool.add(o);
    const back = await drain(spool);
    assert.equal(back.length, 8);
    back.forEach((o, i) => {
      assert.equal(treeDifference(o, objects[i]), undefined, `object ${i}`);
      assert.ok(Object.is(o['neg'], -0));
      assert.equal(o['big'], 2 ** 60);
      assert.equal(Object.getPrototypeOf(o), Object.prototype);
      assert.deepEqual(Object.getOwnPropertyDescriptor(o, '__proto__')?.value, { polluted: i });
    });
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    await spool.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FileSpool can be used again after a drain', async () => {
  const dir = tempDir();
  try {
    const spool = new FileSpool(1, dir);
    for (const round of [1, 2]) {
      for (let i = 0; i < 4; i++) await spool.add({ round, i });
      assert.deepEqual((await drain(spool)).map((o) => [o['round'], o['i']]), [0, 1, 2, 3].map((i) => [round, i]));
      assert.deepEqual(readdirSync(dir), []);
    }
    await spool.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FileSpool.dispose removes its folder without draining, and may be called twice', async () => {
  const dir = tempDir();
  try {
    const spool = new FileSpool(1, dir);
    for (let i = 0; i < 5; i++) await spool.add({ i });
    assert.equal(readdirSync(dir).length, 1);
    assert.ok(readdirSync(dir)[0]?.startsWith('gogrid-codec-'));
    await spool.dispose();
    assert.deepEqual(readdirSync(dir), []);
    await spool.dispose();
    assert.deepEqual(await drain(spool), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('removeSpillFiles removes the folders of live spools', async () => {
  const dir = tempDir();
  try {
    const a = new FileSpool(1, dir);
    const b = new FileSpool(1, dir);
    const c = new FileSpool(10, dir);
    for (let i = 0; i < 3; i++) {
      await a.add({ i });
      await b.add({ i });
      await c.add({ i });
    }
    assert.equal(readdirSync(dir).length, 2, 'two spools spilled, one did not');
    removeSpillFiles();
    assert.deepEqual(readdirSync(dir), []);
    // Disposing afterwards is harmless.
    await a.dispose();
    await b.dispose();
    assert.deepEqual((await drain(c)).map((o) => o['i']), [0, 1, 2]);
    await c.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FileSpool: a folder that cannot be created is SPILL_FAILED', async () => {
  const dir = tempDir();
  try {
    const missing = join(dir, 'no', 'such', 'folder');
    const spool = new FileSpool(0, missing);
    await assert.rejects(spool.add({ a: 1 }), (e: unknown) => e instanceof CodecError && e.code === 'SPILL_FAILED');
    assert.equal(existsSync(missing), false);
    await spool.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('MemorySpool: first in, first out; empty after drain and after dispose', async () => {
  const spool = new MemorySpool();
  const objects = Array.from({ length: 5 }, (_, i) => awkward(i));
  for (const o of objects) await spool.add(o);
  const back = await drain(spool);
  assert.equal(back.length, 5);
  back.forEach((o, i) => assert.equal(o, objects[i], 'the same objects, not copies'));
  assert.deepEqual(await drain(spool), []);
  await spool.add({ a: 1 });
  await spool.dispose();
  assert.deepEqual(await drain(spool), []);
});

test('MemorySpool(limit): holds limit objects, refuses one more with SPILL_LIMIT_EXCEEDED, and holds again once drained', async () => {
  const spool = new MemorySpool(3);
  for (let i = 0; i < 3; i++) await spool.add({ i });
  await assert.rejects(spool.add({ i: 3 }), (e: unknown) => e instanceof CodecError && e.code === 'SPILL_LIMIT_EXCEEDED' && e.format === 'input' && /more than 3 objects/.test(e.message));
  assert.deepEqual(await drain(spool), [{ i: 0 }, { i: 1 }, { i: 2 }]);
  for (let i = 0; i < 3; i++) await spool.add({ i });
  assert.equal((await drain(spool)).length, 3);
});

test('encodeEvents and convert with a bounded MemorySpool: a late envelope past the bound is SPILL_LIMIT_EXCEEDED, within it the output is whole', async () => {
  const json = (n: number): string => `{"list":[${Array.from({ length: n }, (_, i) => `{"object":"ip","id":${i}}`).join(',')}],"status":"success","method":"/grid/ip/list"}`;
  const text = async (chunks: AsyncIterable<string>): Promise<string> => {
    let out = '';
    for await (const c of chunks) out += c;
    return out;
  };
  assert.equal((await text(convert([json(4)], { to: 'csv', spool: new MemorySpool(4) }))).split('\n').length, 7);
  await assert.rejects(text(convert([json(5)], { to: 'xml', spool: new MemorySpool(4) })), (e: unknown) => e instanceof CodecError && e.code === 'SPILL_LIMIT_EXCEEDED');
});
