/**
 * The one "this is a CodecError with this code at this place" assertion of the suite. Every key
 * given in the expectation is compared exactly (`undefined` included: a key given as `undefined`
 * means the error must not have it); keys not given are not compared.
 */
import assert from 'node:assert/strict';
import { CodecError } from '../../src/index.js';

/** What an error must have: its code, and any of format, path and position. */
export interface ExpectedCodecError {
  code: string;
  format?: string | undefined;
  path?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  offset?: number | undefined;
  detail?: string | undefined;
}

/**
 * Asserts that `e` is a CodecError matching `expected`.
 * @param e - what was thrown.
 * @param expected - the fields to compare.
 * @param label - prefix of the assertion messages.
 * @returns `true` (so it can be the validator of `assert.throws`).
 */
export function assertCodecError(e: unknown, expected: ExpectedCodecError, label = ''): true {
  assert.ok(e instanceof CodecError, `${label}${label === '' ? '' : ': '}a CodecError, not ${String(e)}`);
  const actual: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) actual[key] = (e as unknown as Record<string, unknown>)[key];
  assert.deepEqual(actual, { ...expected }, label === '' ? e.message : `${label}: ${e.message}`);
  return true;
}

/**
 * Asserts that `fn` throws a CodecError matching `expected`.
 * @param fn - the code under test.
 * @param expected - the fields to compare.
 * @param label - prefix of the assertion messages.
 */
export function expectThrowsCodecError(fn: () => unknown, expected: ExpectedCodecError, label = ''): void {
  assert.throws(fn, (e: unknown) => assertCodecError(e, expected, label), label === '' ? undefined : label);
}

/**
 * Asserts that `promise` rejects with a CodecError matching `expected`.
 * @param promise - the code under test.
 * @param expected - the fields to compare.
 * @param label - prefix of the assertion messages.
 */
export async function expectRejectsCodecError(promise: Promise<unknown>, expected: ExpectedCodecError, label = ''): Promise<void> {
  await assert.rejects(promise, (e: unknown) => assertCodecError(e, expected, label), label === '' ? undefined : label);
}
