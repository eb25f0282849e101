/**
 * Which calls are retried: a table of methods, reads yes and every change no; and the backoff.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { isRetryable, retryDelay } from '../../src/client/retry.js';

test('only reads are safe to repeat', () => {
  const table: [string, boolean][] = [
    ['/grid/server/list', true],
    ['/grid/server/get', true],
    ['/common/lookup/list', true],
    ['/myaccount/billing/get', true],
    ['/grid/server/add', false],
    ['/grid/server/edit', false],
    ['/grid/server/delete', false],
    ['/grid/server/power', false],
    ['/grid/image/save', false],
    ['/grid/image/restore', false],
  ];
  for (const [method, safe] of table) assert.equal(isRetryable(method), safe, method);
});

test('the backoff doubles, with at most a quarter of jitter', () => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const d = retryDelay(100, attempt);
    assert.ok(d >= 100 * 2 ** attempt && d <= 125 * 2 ** attempt, `${attempt}: ${d}`);
  }
});
