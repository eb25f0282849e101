/**
 * Test helper, loaded into a spawned CLI with `node --import`: the first
 * `GOGRID_TEST_FIXED_RANDOM` calls of `crypto.randomBytes` return zero bytes, so a test can
 * plant a file at the "unpredictable" temporary name and watch the command retry.
 */
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

const fixed = Number(process.env['GOGRID_TEST_FIXED_RANDOM'] ?? '0');
const real = crypto.randomBytes;
let calls = 0;
crypto.randomBytes = ((size: number) => (calls++ < fixed ? Buffer.alloc(size) : real(size))) as typeof crypto.randomBytes;
// Makes `import { randomBytes } from 'node:crypto'` see the replacement too.
syncBuiltinESMExports();
