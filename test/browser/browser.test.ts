/**
 * The web entry in a real browser: the page (test/browser/page.ts) is bundled with esbuild for
 * `--platform=browser`, served from a loopback server with every corpus response (JSON, XML and
 * CSV), and run in headless Chromium (Debian's `chromium`, driven by playwright-core). It fetches
 * each response and decodes it with `body.pipeThrough(decodeStream())` (as fetched, and cut into
 * 1–17-byte pieces), `decodeObjects(body)` (also on a body without async iteration, as Safari's),
 * `convert(body, { to: 'csv' })` and `decodeStream()` piped into `encodeStream({ format: 'csv' })`;
 * every result (or error code and position) must equal Node's. A JSON response with a late envelope shows the web
 * entry's memory spool and its bound. When no browser can be started, the test fails.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { type CodecEvent, decodeEvents, MEMORY_SPOOL_LIMIT } from '../../src/index.js';
import { repoPath } from '../helpers/paths.js';
import { csvText, type FileReport, objectsJson, type Outcome, outcome } from './page.js';

/** Where Debian's `chromium` package puts the browser (`.ci/run` installs it). */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Every response of the corpus that is not in `invalid/` (those are for the error tests). */
function corpusFiles(): string[] {
  const names: string[] = [];
  for (const dir of readdirSync(repoPath('corpus'), { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'invalid') continue;
    for (const file of readdirSync(repoPath('corpus', dir.name)).sort()) if (/\.(json|xml|csv)$/.test(file)) names.push(`${dir.name}/${file}`);
  }
  return names.sort();
}

/** A JSON list response of `count` IP objects whose envelope members come after the list. */
function lateEnvelope(count: number): string {
  const objects: string[] = [];
  for (let i = 0; i < count; i++) objects.push(`{"object":"ip","id":${i},"ip":"10.0.${i >> 8 & 255}.${i & 255}","public":true}`);
  return `{"list":[${objects.join(',')}],"status":"success","method":"/grid/ip/list","summary":{"total":${count},"start":0,"returned":${count},"numpages":0}}`;
}

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [repoPath('dist', 'test', 'browser', 'page.js')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'gogridPage',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  assert.ok(file !== undefined, 'esbuild wrote the page');
  return file.text;
}

function serve(routes: ReadonlyMap<string, () => string | Buffer>): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    const type = req.url === '/' ? 'text/html; charset=utf-8' : req.url?.endsWith('.js') === true ? 'text/javascript' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(route());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function launch(): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'gogrid-codec-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 15_000 });
    return { context, profile };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`the browser test needs Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does it): ${(e as Error).message}`, { cause: e });
  }
}

/** Node's results for one corpus file: the Node entry's streaming API on a file stream. */
async function nodeReport(name: string): Promise<FileReport> {
  const path = repoPath('corpus', name);
  const events = await outcome(async () => {
    const out: CodecEvent[] = [];
    for await (const e of decodeEvents(createReadStream(path))) out.push(e);
    return JSON.stringify(out);
  });
  const objects = await outcome(() => objectsJson(createReadStream(path)));
  const csv = await outcome(() => csvText(createReadStream(path)));
  return { stream: events, split: events, objects, readerOnly: objects, csv, csvStream: csv };
}

test('in Chromium, the web entry decodes and converts every corpus response as Node does', { timeout: 60_000 }, async () => {
  const names = corpusFiles();
  assert.ok(names.length >= 20, `corpus files: ${names.length}`);
  const page = await bundlePage();
  const routes = new Map<string, () => string | Buffer>([
    ['/', () => '<!doctype html><meta charset="utf-8"><title>gogrid-codec</title><script src="/page.js"></script>'],
    ['/page.js', () => page],
    [`/late/${MEMORY_SPOOL_LIMIT}.json`, () => lateEnvelope(MEMORY_SPOOL_LIMIT)],
    [`/late/${MEMORY_SPOOL_LIMIT + 1}.json`, () => lateEnvelope(MEMORY_SPOOL_LIMIT + 1)],
  ]);
  for (const name of names) routes.set(`/corpus/${name}`, () => readFileSync(repoPath('corpus', name)));
  const server = await serve(routes);
  let browser: { context: BrowserContext; profile: string } | undefined;
  try {
    const { port } = server.address() as AddressInfo;
    browser = await launch();
    const { context } = browser;
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.goto(`http://127.0.0.1:${port}/`);
    const inBrowser = await tab.evaluate(async (list) => {
      const g = (globalThis as unknown as { gogridPage: typeof import('./page.js') }).gogridPage;
      return { ua: navigator.userAgent, reports: await g.runCorpus(list) };
    }, names);
    assert.match(inBrowser.ua, /Chrome\//);
    assert.equal(inBrowser.reports.length, names.length);
    let decoded = 0;
    for (const [i, name] of names.entries()) {
      const expected = await nodeReport(name);
      assert.deepEqual(inBrowser.reports[i], expected, name);
      if (expected.stream.ok) decoded++;
    }
    // Most of the corpus decodes; the rest fail the same way in both places (compared above).
    assert.ok(decoded >= names.length / 2, `decoded ${decoded} of ${names.length}`);

    // Every object waits for the late envelope; the web entry keeps them in memory, up to its bound.
    const late = async (count: number): Promise<Outcome> => tab.evaluate(async (url) => (globalThis as unknown as { gogridPage: typeof import('./page.js') }).gogridPage.runLate(url), `/late/${count}.json`);
    assert.deepEqual(await late(MEMORY_SPOOL_LIMIT), { ok: true, value: String(MEMORY_SPOOL_LIMIT + 3) });
    const over = await late(MEMORY_SPOOL_LIMIT + 1);
    assert.equal(over.ok, false);
    assert.equal(over.ok ? undefined : over.error.code, 'SPILL_LIMIT_EXCEEDED');
    // Node spills the same conversion to a temporary file.
    const text = await csvText([lateEnvelope(MEMORY_SPOOL_LIMIT + 1)]);
    assert.equal(text.split('\n').length, MEMORY_SPOOL_LIMIT + 4);
    assert.deepEqual(problems, []);
  } finally {
    if (browser !== undefined) {
      await browser.context.close();
      rmSync(browser.profile, { recursive: true, force: true });
    }
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
