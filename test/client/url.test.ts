/**
 * The URL builder and the redaction of secrets: a table of method spellings, repeated
 * parameters, the reserved names, and URLs and messages shown without `sig` and `api_key`;
 * and that the client's sources stay free of `node:` modules.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactText, redactUrl } from '../../src/client/redact.js';
import { methodPath, requestUrl } from '../../src/client/url.js';
import { signature } from '../../src/client/signature.js';
import { repoRoot } from '../helpers/paths.js';

test('methodPath accepts GoGrid\'s three spellings', () => {
  const table: [string, string][] = [
    ['grid/server/list', '/grid/server/list'],
    ['/grid/server/list', '/grid/server/list'],
    ['grid.server.get', '/grid/server/get'],
    ['//common/lookup/list', '/common/lookup/list'],
  ];
  for (const [given, path] of table) assert.equal(methodPath(given), path, given);
});

test('requestUrl signs, repeats multi-valued parameters and never carries the secret', () => {
  const url = requestUrl({ endpoint: 'https://api.gogrid.com/api/', method: 'grid.server.get', apiKey: 'KEY', secret: 'SECRET', version: '1.5', format: 'xml', params: { id: [1, 2], name: 'My Server', skip: undefined }, unixSeconds: 1200000000 });
  assert.equal(url.origin + url.pathname, 'https://api.gogrid.com/api/grid/server/get');
  assert.deepEqual([...url.searchParams.keys()], ['api_key', 'v', 'format', 'id', 'id', 'name', 'sig']);
  assert.deepEqual(url.searchParams.getAll('id'), ['1', '2']);
  assert.equal(url.searchParams.get('name'), 'My Server');
  assert.equal(url.searchParams.get('sig'), signature('KEY', 'SECRET', 1200000000));
  assert.ok(!url.href.includes('SECRET'));
});

test('requestUrl refuses parameters the client sets itself', () => {
  for (const name of ['api_key', 'sig', 'v', 'format']) {
    assert.throws(() => requestUrl({ endpoint: 'http://h/api', method: 'grid/ip/list', apiKey: 'k', secret: 's', version: '1.9', format: 'json', params: { [name]: 'x' } }), TypeError);
  }
});

test('redactUrl and redactText hide sig, api_key and the secrets themselves', () => {
  const url = requestUrl({ endpoint: 'http://h/api', method: 'grid/ip/list', apiKey: 'the-key-123', secret: 'the-secret-456', version: '1.9', format: 'json' });
  const shown = redactUrl(url);
  assert.ok(!shown.includes('the-key-123'));
  assert.ok(!shown.includes(url.searchParams.get('sig') as string));
  assert.match(shown, /api_key=REDACTED.*sig=REDACTED/);
  assert.equal(redactText('failed: the-secret-456 and the-key-123 at ?api_key=abc&sig=0123', ['the-key-123', 'the-secret-456']), 'failed: REDACTED and REDACTED at ?api_key=REDACTED&sig=REDACTED');
});

test('nothing in src/client imports a node: module (the browser build needs it)', () => {
  const dir = join(repoRoot, 'src', 'client');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 6);
  for (const f of files) assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), /from ['"]node:|require\(['"]node:|import\(['"]node:/, f);
});
