/**
 * The benchmark's report: the README block it rewrites, the summary's ratios and goals, the chart.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chart, type DatasetReport, readmeBlock, replaceBlock, summaryTable } from '../../bench/report.js';
import type { Dataset } from '../../bench/generate.js';
import { repoPath } from '../helpers/paths.js';

const ds: Dataset = {
  kind: 'loadbalancer',
  mb: 10,
  objects: 100,
  bytes: { json: 10e6, xml: 35e6, csv: 4e6 },
  files: { json: 'a.json', xml: 'a.xml', csv: 'a.csv' },
} as unknown as Dataset;

const report: DatasetReport = {
  ds,
  cold: [
    { format: 'json', name: 'JSON.parse', group: 'reference', task: 'decode', mbps: 100 },
    { format: 'json', name: 'gogrid-codec decode', group: 'ours', task: 'decode', mbps: 150 },
    { format: 'json', name: 'JSON.stringify', group: 'reference', task: 'encode', mbps: 200 },
    { format: 'json', name: 'gogrid-codec encode', group: 'ours', task: 'encode', mbps: undefined },
  ],
  steady: [
    {
      task: 'decode',
      format: 'json',
      notes: [],
      maxRssMB: 1,
      rows: [
        // 10 MB in 100 ms = 100 MB/s vs 80 ms = 125 MB/s: 0.80×, under the 0.87× goal.
        { name: 'ours stream', role: 'ours', form: 'stream', versus: 'floor', ms: [100, 90, 110] },
        { name: 'floor', role: 'reference', form: 'stream', ms: [80, 80, 80] },
      ],
    },
    {
      task: 'encode',
      format: 'json',
      notes: [],
      maxRssMB: 1,
      rows: [
        // 45 ms vs 50 ms: 1.11×, over the 0.9× goal.
        { name: 'ours string', role: 'ours', form: 'string', versus: 'stringify', ms: [45] },
        { name: 'stringify', role: 'reference', form: 'string', ms: [50] },
      ],
    },
  ],
};

test('the summary puts cold and warm ratios side by side and says whether each goal is met', () => {
  const table = summaryTable([report]);
  const decode = table.split('\n').find((l) => l.includes('.json | decode'));
  assert.equal(decode, '| loadbalancer-10mb.json | decode | 1.50× | 0.80× | — | ≥ 0.87× JSON.parse (the tree costs ≤ 15% over it): not met |');
  const encode = table.split('\n').find((l) => l.includes('.json | encode'));
  assert.equal(encode, '| loadbalancer-10mb.json | encode | — | — | 1.11× | `encode()` ≥ 0.9× JSON.stringify: **met** |');
});

test('the README block is replaced between its markers, and the README has exactly one', () => {
  const block = readmeBlock([report], '2026-12-01, test');
  assert.match(block, /1\.50×/);
  const replaced = replaceBlock('a\n<!-- bench:start -->\nold\n<!-- bench:end -->\nb', block);
  assert.equal(replaced, `a\n<!-- bench:start -->\n${block}\n<!-- bench:end -->\nb`);
  assert.throws(() => replaceBlock('no markers', block), /no <!-- bench:start -->/);
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  assert.equal(readme.split('<!-- bench:start -->').length, 2);
  assert.equal(readme.split('<!-- bench:end -->').length, 2);
  assert.ok(readme.indexOf('<!-- bench:start -->') < readme.indexOf('<!-- bench:end -->'));
});

test('the chart is standalone SVG with one bar per measured contender, names escaped', () => {
  const svg = chart([{ ...report, cold: [...report.cold, { format: 'xml', name: 'a <b> & c', group: 'peer', task: 'decode', mbps: 5 }] }], 'title & more');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /title &amp; more/);
  assert.match(svg, /a &lt;b&gt; &amp; c \(cold\)/);
  // 3 cold bars with a speed (the encoder without one is left out), 4 warm ones, 1 XML peer, 3 legend boxes.
  assert.equal((svg.match(/<rect /g) ?? []).length, 1 + 3 + 4 + 1 + 3);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
});
