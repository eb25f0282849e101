/**
 * The pure-TypeScript MD5 and the signature, against two independent implementations: Node's
 * `node:crypto` and Python's `hashlib.md5` (spawned), on fixed inputs around the padding
 * boundaries and on random ones.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { md5Hex } from '../../src/client/md5.js';
import { signature } from '../../src/client/signature.js';

const FIXED = ['', 'a', 'abc', 'message digest', 'abcdefghijklmnopqrstuvwxyz', '12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(57), 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(1000), 'é☃😀 and ünïcode', 'key' + 'secret' + '1200000000'];

test('RFC 1321 test suite values', () => {
  assert.equal(md5Hex(''), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.equal(md5Hex('a'), '0cc175b9c0f1b6a831c399e269772661');
  assert.equal(md5Hex('abc'), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(md5Hex('message digest'), 'f96b697d7cb7938d525a2f31aaf161d0');
  assert.equal(md5Hex('abcdefghijklmnopqrstuvwxyz'), 'c3fcd3d76192e4007dfb496cca67e13b');
  assert.equal(md5Hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890'), '57edf4a22be3c955ac49da2e2107b67a');
});

test('md5Hex agrees with node:crypto on fixed inputs, bytes as well as text', () => {
  for (const text of FIXED) {
    assert.equal(md5Hex(text), createHash('md5').update(text, 'utf8').digest('hex'), JSON.stringify(text));
    assert.equal(md5Hex(new TextEncoder().encode(text)), md5Hex(text));
  }
});

test('md5Hex agrees with node:crypto on random texts and byte arrays', () => {
  // Any code point but the surrogates (fast-check's own `binary` strings are slow to generate).
  const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }), fc.integer({ min: 0x20, max: 0x7e }));
  const text = fc.array(codePoint, { maxLength: 200 }).map((cps) => String.fromCodePoint(...cps));
  fc.assert(fc.property(text, (s) => md5Hex(s) === createHash('md5').update(s, 'utf8').digest('hex')), { numRuns: 300 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => md5Hex(b) === createHash('md5').update(b).digest('hex')), { numRuns: 300 });
});

test('md5Hex and signature agree with Python hashlib.md5 on fixed inputs', (t) => {
  const probe = spawnSync('python3', ['-c', 'import hashlib'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip('python3 is not installed');
    return;
  }
  const script = 'import hashlib, json, sys\nfor s in json.load(sys.stdin): print(hashlib.md5(s.encode("utf-8")).hexdigest())';
  const inputs = [...FIXED, 'my-api-key' + 'my-shared-secret' + '1764547200'];
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(inputs), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const python = r.stdout.trim().split('\n');
  assert.deepEqual(inputs.map((s) => md5Hex(s)), python);
  // GoGrid's sample client: md5.new(key + secret + str(int(time.time()))).hexdigest()
  assert.equal(signature('my-api-key', 'my-shared-secret', 1764547200.73), python[python.length - 1]);
});

test('signature is md5(key + secret + whole seconds), lowercase hex', () => {
  assert.equal(signature('k', 's', 1200000000), createHash('md5').update('ks1200000000').digest('hex'));
  assert.equal(signature('k', 's', 1200000000.999), signature('k', 's', 1200000000));
  assert.match(signature('K', 'S', 0), /^[0-9a-f]{32}$/);
});
