/**
 * What the runner writes besides the cold tables: the steady-state tables, the summary of
 * ratios (cold and warm side by side, with the goals of issue #13), the SVG chart and the
 * README's generated block. Pure functions of the measurements, so README, chart and
 * `RESULTS.md` cannot disagree.
 */
import type { Group, Task } from './contender.js';
import type { Dataset, Format } from './generate.js';
import type { SteadyResult, SteadyRow } from './steady.js';

/** A cold measurement (fresh process, median over the repeats), as the summary needs it. */
export interface ColdRow {
  format: Format;
  name: string;
  group: Group;
  task: Task;
  /** `undefined` when it was skipped or failed. */
  mbps: number | undefined;
  /** The largest peak RSS over the runs, MB. */
  rssMB?: number;
  /** Why there is no speed (skipped, failed), if there is none. */
  note?: string;
}

/** Everything measured on one dataset. */
export interface DatasetReport {
  ds: Dataset;
  cold: ColdRow[];
  steady: SteadyResult[];
}

/** The cold reference of each task and format (the ratio's denominator in the cold tables). */
export const REFERENCES: Readonly<Record<Exclude<Task, 'read'>, Readonly<Record<Format, string>>>> = {
  decode: { json: 'JSON.parse', xml: 'saxes tokenize', csv: 'papaparse tokenize' },
  encode: { json: 'JSON.stringify', xml: 'fast-xml-parser XMLBuilder', csv: 'papaparse unparse' },
};

/**
 * Our cold contenders per task, the first one measured counting: the cold encoding references
 * all build one string, so ours is taken building one string too when that was measured.
 */
const OURS_COLD: Readonly<Record<Exclude<Task, 'read'>, readonly string[]>> = {
  decode: ['gogrid-codec decode'],
  encode: ['gogrid-codec encode (one string)', 'gogrid-codec encode'],
};

/** The speed goals of issue #13, on the warm same-bytes ratios (MB/s of ours ÷ MB/s of the reference). */
const GOALS: Readonly<Record<string, { form: string; min: number; text: string }>> = {
  'decode json': { form: 'stream', min: 0.87, text: '≥ 0.87× JSON.parse (the tree costs ≤ 15% over it)' },
  'decode xml': { form: 'stream', min: 0.77, text: '≥ 0.77× saxes (≤ 1.3× its time)' },
  'decode csv': { form: 'stream', min: 0.67, text: '≥ 0.67× Parser (≤ 1.5× its time)' },
  'encode json': { form: 'string', min: 0.9, text: '`encode()` ≥ 0.9× JSON.stringify' },
  'encode xml': { form: 'string', min: 1 / 1.2, text: '`encode()` ≤ 1.2× the chunks\' time (≥ 0.83×)' },
};

export function fixed(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** MB/s of a steady row: the file's size in that format (for encoders, our output) over the median pass. */
function steadySpeed(ds: Dataset, format: Format, row: SteadyRow): number {
  return ds.bytes[format] / 1e6 / (median(row.ms) / 1000);
}

/** The ratio of a steady row of ours to the row it is compared with, if both were measured. */
function steadyRatio(ds: Dataset, result: SteadyResult, row: SteadyRow): number | undefined {
  const base = result.rows.find((r) => r.name === row.versus);
  return base === undefined || base === row ? undefined : steadySpeed(ds, result.format, row) / steadySpeed(ds, result.format, base);
}

function ratioText(r: number | undefined): string {
  return r === undefined ? '—' : `${fixed(r, 2)}×`;
}

/**
 * The steady-state table of one file and task.
 * @param ds - the dataset.
 * @param result - what the steady-state child measured.
 * @returns markdown.
 */
export function steadyTable(ds: Dataset, result: SteadyResult): string {
  const lines = ['| contender | role | form | median ms | MB/s | ours ÷ | compared with |', '|---|---|---|--:|--:|--:|---|'];
  for (const row of result.rows) {
    const label = row.role === 'ours' ? `**${row.name}**` : row.name;
    const r = row.role === 'ours' ? steadyRatio(ds, result, row) : undefined;
    lines.push(`| ${label} | ${row.role} | ${row.form} | ${fixed(median(row.ms), 1)} | ${fixed(steadySpeed(ds, result.format, row), 1)} | ${row.role === 'ours' ? ratioText(r) : ''} | ${row.role === 'ours' ? (row.versus ?? '') : ''} |`);
  }
  const passes = result.rows[0]?.ms.length ?? 0;
  const notes = result.notes.map((n) => `- ${n}`).join('\n');
  return `Steady state, ${result.task} (one process, same bytes, after warm-up; median of ${passes} passes; peak RSS ${fixed(result.maxRssMB, 0)} MB):\n\n${lines.join('\n')}${notes === '' ? '' : `\n\n${notes}`}`;
}

interface SummaryLine {
  file: string;
  task: 'decode' | 'encode';
  format: Format;
  cold: number | undefined;
  coldRef: string;
  warmStream: number | undefined;
  warmStreamRef: string | undefined;
  warmWhole: number | undefined;
  warmWholeRef: string | undefined;
}

function summaryLines(report: DatasetReport): SummaryLine[] {
  const out: SummaryLine[] = [];
  const { ds } = report;
  for (const task of ['decode', 'encode'] as const) {
    for (const format of ['json', 'xml', 'csv'] as const) {
      const ours = OURS_COLD[task].map((name) => report.cold.find((c) => c.format === format && c.name === name && c.mbps !== undefined)).find((c) => c !== undefined);
      const ref = report.cold.find((c) => c.format === format && c.name === REFERENCES[task][format] && c.task === task);
      const steady = report.steady.find((s) => s.task === task && s.format === format);
      if (ours === undefined && steady === undefined) continue;
      const pick = (form: string): [number | undefined, string | undefined] => {
        const row = steady?.rows.find((r) => r.role === 'ours' && r.form === form);
        return row === undefined || steady === undefined ? [undefined, undefined] : [steadyRatio(ds, steady, row), row.versus];
      };
      const [warmStream, warmStreamRef] = pick(task === 'decode' ? 'stream' : 'chunks');
      const [warmWhole, warmWholeRef] = pick(task === 'decode' ? 'whole' : 'string');
      out.push({
        file: `${ds.kind}-${ds.mb}mb.${format}`,
        task,
        format,
        cold: ours?.mbps !== undefined && ref?.mbps !== undefined ? ours.mbps / ref.mbps : undefined,
        coldRef: REFERENCES[task][format],
        warmStream,
        warmStreamRef,
        warmWhole,
        warmWholeRef,
      });
    }
  }
  return out;
}

function goalCell(line: SummaryLine): string {
  const goal = GOALS[`${line.task} ${line.format}`];
  if (goal === undefined) return '';
  const value = goal.form === 'stream' || goal.form === 'chunks' ? line.warmStream : line.warmWhole;
  if (value === undefined) return `${goal.text}: not measured`;
  return `${goal.text}: ${value >= goal.min ? '**met**' : 'not met'}`;
}

/**
 * The summary: for every file and task, ours ÷ reference cold (fresh process) and warm (same
 * bytes, one process), with the goal where the issue sets one.
 * @param reports - every dataset of the run.
 * @returns markdown.
 */
export function summaryTable(reports: readonly DatasetReport[]): string {
  const lines = [
    '| file | task | cold: ours ÷ reference | warm: streaming / chunks ÷ reference | warm: whole text / one string ÷ reference | goal (warm) |',
    '|---|---|--:|--:|--:|---|',
  ];
  for (const report of reports) {
    for (const l of summaryLines(report)) {
      lines.push(`| ${l.file} | ${l.task} | ${ratioText(l.cold)} | ${ratioText(l.warmStream)} | ${ratioText(l.warmWhole)} | ${goalCell(l)} |`);
    }
  }
  return lines.join('\n');
}

/** What each ratio of the summary is taken against. */
export const SUMMARY_LEGEND = `What each ratio divides by (MB/s of ours ÷ MB/s of the reference, so above 1× ours is faster):

- **cold** (a fresh process per measurement, decoders reading the file in the timed part; what a command-line user pays): decoders \`decodeEvents\` of a file stream vs \`JSON.parse\` of the whole file, saxes with \`on()\` handlers counting tags, \`Papa.parse\` of a file stream; encoders \`encode()\` to one string (or, in a run without that row, \`encodeChunks\` drained) vs \`JSON.stringify\` to one string, fast-xml-parser \`XMLBuilder\`, papaparse \`unparse\`. These references are not the tokenizer floor: \`JSON.parse\` of a whole text builds and keeps the whole tree, saxes's first pass in a fresh process runs before the JIT has settled, and \`Papa.parse\` adds a streamer on top of the \`Parser\` ours calls; compare the warm columns.
- **warm** (one process, the same text in memory, after warm-up passes; contenders take turns, with a full garbage collection before every pass): the **tokenizer floor** of each streaming decoder is its own tokenizer given exactly what ours gives it — \`JSON.parse\` on the batches ours hands it (recorded), saxes set up as ours sets it up on the chunks ours writes (recorded), papaparse's \`Parser\` with ours's options on the calls ours makes (recorded). The whole-text decoders are compared with \`JSON.parse\` of the whole text (JSON) or the same floor (XML, CSV). Encoders: \`encodeChunks\` drained vs \`JSON.stringify\` of each object joined into 64 KiB chunks (JSON) or \`unparse\` per 64 KiB of rows (CSV); \`encode()\` to one string vs \`JSON.stringify\` / \`unparse\` to one string, and for XML (no comparable reference) vs ours's own chunks.`;

/**
 * The README's generated block: the summary of the largest dataset, with where it comes from.
 * @param reports - every dataset of the run.
 * @param provenance - one line: date, machine, Node, command.
 * @param files - the results file and the chart written by the run, relative to the bench folder.
 * @returns markdown (without the markers).
 */
export function readmeBlock(reports: readonly DatasetReport[], provenance: string, files: { results: string; chart: string } = { results: 'RESULTS.md', chart: 'results.svg' }): string {
  const largest = largestReport(reports);
  if (largest === undefined) return '';
  const { ds } = largest;
  const sizes = (['json', 'xml', 'csv'] as const).map((f) => `${fixed(ds.bytes[f] / 1e6, ds.bytes[f] < 10e6 ? 1 : 0)} MB of ${f.toUpperCase()}`).join(', ');
  const lines = [
    `Generated by \`npm run bench -- --update-readme\` from the run in [bench/${files.results}](bench/${files.results}) (${provenance}); chart: [bench/${files.chart}](bench/${files.chart}).`,
    '',
    `The ${ds.mb} MB dataset (${ds.objects.toLocaleString('en-US')} ${ds.kind} objects: ${sizes}). Ratios are MB/s of gogrid-codec ÷ MB/s of the reference; above 1× ours is faster. **Cold**: a fresh process per run, decoders reading the file. **Warm**: one process, the same text in memory, after warm-up; the decoders' reference is their own tokenizer given exactly what ours gives it (the floor). Every dataset, and what each reference does, is in ${files.results}.`,
    '',
    summaryTable([largest]),
    '',
    peersTable(largest),
    '',
    `![throughput per task: ours, references and peers](bench/${files.chart})`,
  ];
  return lines.join('\n');
}

/** Ours and the peers a user might pick instead, cold, per file: MB/s and peak RSS. */
function peersTable(report: DatasetReport): string {
  const lines = ['| file | gogrid-codec decode (streaming), cold | peers, cold (ours ÷ peer) |', '|---|---|---|'];
  const mb = (n: number): string => fixed(n, n < 10 ? 1 : 0);
  for (const format of ['json', 'xml', 'csv'] as const) {
    const ours = report.cold.find((c) => c.format === format && c.name === 'gogrid-codec decode');
    if (ours?.mbps === undefined) continue;
    const oursSpeed = ours.mbps;
    const peers = report.cold
      .filter((c) => c.format === format && c.group === 'peer' && c.task === 'decode')
      .map((c) => (c.mbps === undefined ? `${c.name}: ${c.note ?? 'not run'}` : `${c.name} ${mb(c.mbps)} MB/s (${fixed(oursSpeed / c.mbps, 1)}×), ${fixed(c.rssMB ?? 0, 0)} MB RSS`));
    lines.push(`| ${report.ds.kind}-${report.ds.mb}mb.${format} | ${mb(oursSpeed)} MB/s, ${fixed(ours.rssMB ?? 0, 0)} MB RSS | ${peers.join('; ')} |`);
  }
  return lines.join('\n');
}

function largestReport(reports: readonly DatasetReport[]): DatasetReport | undefined {
  let best: DatasetReport | undefined;
  for (const r of reports) if (best === undefined || r.ds.mb > best.ds.mb || (r.ds.mb === best.ds.mb && r.ds.kind === 'loadbalancer' && best.ds.kind !== 'loadbalancer')) best = r;
  return best;
}

/**
 * Replaces the text between `<!-- bench:start -->` and `<!-- bench:end -->`.
 * @param text - the README.
 * @param block - the new content.
 * @returns the README with the block replaced.
 * @throws Error when the markers are missing.
 */
export function replaceBlock(text: string, block: string): string {
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`the README has no ${start} … ${end} block`);
  return `${text.slice(0, i + start.length)}\n${block}\n${text.slice(j)}`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COLORS: Readonly<Record<string, string>> = { ours: '#1f5fa8', reference: '#8c8c8c', peer: '#e8a33d', read: '#c9c9c9' };

/**
 * An SVG bar chart of the largest dataset: MB/s per contender, one panel per format and task,
 * cold measurements and warm (steady-state) ones. Plain SVG text, no dependencies.
 * @param reports - every dataset of the run.
 * @param title - the chart's title line.
 * @returns the SVG document.
 */
export function chart(reports: readonly DatasetReport[], title: string): string {
  const report = largestReport(reports);
  if (report === undefined) return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n';
  const { ds } = report;
  interface Bar {
    label: string;
    mbps: number;
    color: string;
    warm: boolean;
  }
  const panels: { title: string; bars: Bar[] }[] = [];
  for (const format of ['json', 'xml', 'csv'] as const) {
    for (const task of ['decode', 'encode'] as const) {
      const bars: Bar[] = [];
      for (const c of report.cold) {
        if (c.format !== format || (c.task !== task && c.task !== 'read') || c.mbps === undefined) continue;
        if (c.task === 'read') continue;
        bars.push({ label: `${c.name} (cold)`, mbps: c.mbps, color: COLORS[c.group] ?? '#888', warm: false });
      }
      const steady = report.steady.find((s) => s.task === task && s.format === format);
      for (const row of steady?.rows ?? []) bars.push({ label: `${row.name} (warm)`, mbps: steadySpeed(ds, format, row), color: COLORS[row.role] ?? '#888', warm: true });
      if (bars.length > 0) panels.push({ title: `${format.toUpperCase()} ${task} — ${ds.kind}-${ds.mb}mb.${format} (${fixed(ds.bytes[format] / 1e6, 1)} MB)`, bars });
    }
  }
  const width = 1000;
  const labelWidth = 400;
  const barArea = width - labelWidth - 90;
  const rowHeight = 16;
  let y = 50;
  const parts: string[] = [];
  for (const panel of panels) {
    const max = Math.max(...panel.bars.map((b) => b.mbps));
    parts.push(`<text x="10" y="${y}" font-weight="bold">${xml(panel.title)}</text>`);
    y += 8;
    for (const bar of panel.bars) {
      const w = Math.max(1, (bar.mbps / max) * barArea);
      parts.push(
        `<text x="${labelWidth - 6}" y="${y + 11}" text-anchor="end">${xml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 2}" width="${fixed(w, 1).replace(/,/g, '')}" height="${rowHeight - 4}" fill="${bar.color}"${bar.warm ? ' fill-opacity="0.6" stroke="' + bar.color + '"' : ''}/>`,
        `<text x="${fixed(labelWidth + w + 4, 1).replace(/,/g, '')}" y="${y + 11}">${fixed(bar.mbps, 0)} MB/s</text>`,
      );
      y += rowHeight;
    }
    y += 18;
  }
  const legend = [
    ['ours', 'gogrid-codec'],
    ['reference', 'reference'],
    ['peer', 'peer'],
  ]
    .map(([k, text], i) => `<rect x="${10 + i * 150}" y="${y}" width="12" height="12" fill="${COLORS[k as string]}"/><text x="${28 + i * 150}" y="${y + 11}">${text}</text>`)
    .join('');
  y += 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${xml(title)}</text>`,
    `<text x="10" y="38">MB/s (file size over the median time; longer is faster). Cold: fresh process (decoders read the file). Warm: one process, text in memory, after warm-up (lighter bars).</text>`,
    ...parts,
    legend,
    '</svg>',
    '',
  ].join('\n');
}
