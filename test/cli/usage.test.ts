/**
 * Usage and input errors (issue 10, items 7 and 8): options a command does not take, the option
 * normaliser's `OPTION_INVALID` as the usage error (exit 2), `--type` and `--order`, and every
 * input failure as `FILE: IO_READ_FAILED …` (exit 1).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grammars } from '../../src/index.js';
import { cli } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const XML = repoPath('corpus', 'grid.server.get', '001-server-get.xml');
const work = mkdtempSync(join(tmpdir(), 'gogrid-codec-cli-usage-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

function usage(args: readonly string[], message: RegExp): void {
  const r = cli(args);
  assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
  assert.match(r.stderr, /\nTry 'gogrid-codec --help'\.\n$/);
}

test('validate takes no writing options: -o, --to and the encoder options are usage errors (exit 2), nothing is made', () => {
  const out = join(work, 'x.json');
  usage(['validate', '-o', out, XML], /^gogrid-codec: validate writes nothing: -o\/--output is for converting/);
  usage(['validate', '--to', 'json', XML], /^gogrid-codec: validate writes nothing: -t\/--to /);
  for (const option of [['--indent', '2'], ['--compact'], ['--order', 'grammar'], ['--csv-safe'], ['--xml-declaration'], ['--no-envelope']]) {
    usage(['validate', ...option, XML], /^gogrid-codec: validate writes nothing: --/);
  }
  assert.equal(cli(['validate', '--type', 'server', '--from', 'xml', XML]).status, 0);
});

test('bad values are refused by the one option normaliser, named by their flag and quoted (exit 2)', () => {
  usage(['--to', 'yaml', XML], /^gogrid-codec: --to: format must be one of json, xml, csv, ndjson \(got "yaml"\)\n/);
  usage(['--from', 'html', '--to', 'json', XML], /^gogrid-codec: --from: format must be one of json, xml, csv, ndjson \(got "html"\)\n/);
  usage(['validate', '--from', 'html', XML], /^gogrid-codec: --from: format must be one of json, xml, csv, ndjson \(got "html"\)\n/);
  usage(['--to', 'json', '--indent', 'x', XML], /^gogrid-codec: --indent: indent must be an integer from 0 to 16 \(got "x"\)\n/);
  usage(['--to', 'json', '--indent', '17', XML], /^gogrid-codec: --indent: indent must be an integer from 0 to 16 \(got 17\)\n/);
  usage(['--to', 'xml', '--order', 'alphabetical', XML], /^gogrid-codec: --order: order must be one of tree, grammar \(got "alphabetical"\)\n/);
  usage(['--to', 'json', '--compact', '--indent', '2', XML], /^gogrid-codec: --compact and --indent contradict each other\n/);
  usage([XML], /^gogrid-codec: --to is required/);
});

test('--type: an unknown type name is refused, listing the known ones', () => {
  const known = [...grammars().types.keys()].sort();
  const r = cli(['--to', 'json', '--type', 'servr', XML]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.split('\n')[0], `gogrid-codec: --type must be a type the grammars know: ${known.join(', ')} (got "servr")`);
  assert.equal(cli(['validate', '--type', 'servr', XML]).status, 2);
});

test('--type applies only when the method is not in the grammars\' table; a known method keeps its own type', () => {
  // /grid/ip/list lists ips: --type server does not turn them into servers (nor their booleans into text).
  const known = cli(['--from', 'csv', '--to', 'json', '--type', 'server'], '# SUCCESS, /grid/ip/list\n# id,public\n5,true\n');
  assert.equal(known.status, 0, known.stderr);
  assert.deepEqual(JSON.parse(known.stdout), { status: 'success', method: '/grid/ip/list', list: [{ object: 'ip', id: 5, public: true }] });
  const unknown = cli(['--from', 'csv', '--to', 'json', '--type', 'ip'], '# SUCCESS, /custom/call\n# id,public\n5,true\n');
  assert.deepEqual(JSON.parse(unknown.stdout), { status: 'success', method: '/custom/call', list: [{ object: 'ip', id: 5, public: true }] });
  const untyped = cli(['--from', 'csv', '--to', 'json'], '# SUCCESS, /custom/call\n# id,public\n5,true\n');
  assert.deepEqual(JSON.parse(untyped.stdout), { status: 'success', method: '/custom/call', list: [{ id: '5', public: 'true' }] });
});

test('--order grammar writes XML attributes in the grammar\'s order; tree (the default) as read', () => {
  const doc = '{"list":[{"public":true,"ip":"10.0.0.1","object":"ip","id":5}],"method":"/grid/ip/list","status":"success"}';
  const names = (xml: string): string[] => [...xml.matchAll(/<attribute name="([^"]+)"/g)].map((m) => m[1] as string);
  const tree = cli(['--to', 'xml'], doc);
  const grammar = cli(['--to', 'xml', '--order', 'grammar'], doc);
  assert.equal(grammar.status, 0, grammar.stderr);
  assert.deepEqual(names(tree.stdout), ['public', 'ip', 'id']);
  assert.deepEqual(names(cli(['--to', 'xml', '--order', 'tree'], doc).stdout), ['public', 'ip', 'id']);
  assert.deepEqual(names(grammar.stdout), ['id', 'ip', 'public']);
});

test('input failures are IO_READ_FAILED naming the input, exit 1: a missing file, a directory', () => {
  const missing = join(work, 'no-such-file.xml');
  for (const command of [['--to', 'json'], ['validate']]) {
    const r = cli([...command, missing]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `${missing}: IO_READ_FAILED cannot open the input (ENOENT: no such file or directory)\n`);
    const d = cli([...command, work]);
    assert.equal(d.status, 1);
    assert.equal(d.stderr, `${work}: IO_READ_FAILED is a directory, not a file to convert\n`);
  }
});

test('an input that cannot be read (as an ordinary user, a root-only file): IO_READ_FAILED, nothing written', { skip: process.getuid?.() === 0 ? false : 'needs root to run as another user' }, () => {
  chmodSync(work, 0o755);
  const secret = join(work, 'secret.xml');
  copyFileSync(XML, secret);
  chmodSync(secret, 0o600);
  const r = cli(['--to', 'json', secret], undefined, { uid: 65534, gid: 65534 });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `${secret}: IO_READ_FAILED cannot read the input (EACCES: permission denied)\n`);
});
