/**
 * `npx tsx bench/xlsx.ts` (after `npm run build`): spreadsheets against the CSV path, each
 * case a run of the built CLI in its own process (wall time and peak RSS of the whole
 * command, worker threads included).
 *
 * - reading: 100,000 organisations as `.xlsx` (the template's Chinese headers, 是/否, date
 *   cells) and as CSV with the same headers and cells, both screened to `--format csv`;
 * - writing: 100,000 JSON Lines records screened to `--format xlsx` and to `--format csv`;
 * - with `--big`: 600,000 records to `--format xlsx`, for the CLI's memory target.
 *
 * Targets (issue 13): the .xlsx cases at most 3× the time of their CSV counterparts, and at
 * most 400 MiB peak RSS. Records come from bench/records.ts (seeded; about 47% weak-lax, so
 * the checklist sheet is far longer than a real screening's).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { FIELDS } from '../src/schema/fields.js';
import { records } from './records.js';

const big = process.argv.includes('--big');
/** `--keep DIR`: write the inputs to DIR and keep them (for profiling one case by hand). */
const keep = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined;
const COUNT = 100_000;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'wls-bench-xlsx-'));
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');

type Cell = string | number | Date | undefined;

/** A record's cells under the template's columns, as a clerk's spreadsheet holds them. */
function cells(record: unknown): Cell[] {
  if (record === null || typeof record !== 'object') return FIELDS.map((f) => (f.path === 'org.id' ? 'not-a-record' : undefined));
  return FIELDS.map((field) => {
    let value: unknown = record;
    for (const part of field.path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (value === undefined) return undefined;
    if (value === null) return '无';
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (field.type === 'enum' && typeof value === 'string') return field.valueLabels?.[value]?.zh ?? value;
    if (field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
    return typeof value === 'number' ? value : String(value);
  });
}

const csvCell = (cell: Cell) => {
  const text = cell instanceof Date ? `${cell.getUTCFullYear()}/${cell.getUTCMonth() + 1}/${cell.getUTCDate()}` : cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

async function writeInputs(count: number, name: string, withSheets: boolean): Promise<void> {
  const jsonl = createWriteStream(join(dir, `${name}.jsonl`));
  const csv = withSheets ? createWriteStream(join(dir, `${name}.csv`)) : undefined;
  const workbook = withSheets ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, `${name}.xlsx`), useSharedStrings: true, useStyles: true }) : undefined;
  const sheet = workbook?.addWorksheet('排查数据');
  csv?.write(`\uFEFF${FIELDS.map((f) => csvCell(f.label.zh)).join(',')}\r\n`);
  sheet?.addRow(FIELDS.map((f) => f.label.zh)).commit();
  for (const record of records(count)) {
    if (!jsonl.write(`${JSON.stringify(record)}\n`)) await once(jsonl, 'drain');
    if (!csv || !sheet) continue;
    const row = cells(record);
    if (!csv.write(`${row.map(csvCell).join(',')}\r\n`)) await once(csv, 'drain');
    const added = sheet.addRow(row);
    row.forEach((cell, i) => {
      if (cell instanceof Date) added.getCell(i + 1).numFmt = 'yyyy/m/d';
    });
    added.commit();
  }
  jsonl.end();
  csv?.end();
  await Promise.all([once(jsonl, 'finish'), ...(csv ? [once(csv, 'finish')] : [])]);
  if (sheet) sheet.commit();
  await workbook?.commit();
}

/** Runs the CLI once; wall time and peak RSS (the process's own maxRSS, threads included). */
function run(args: string[]): { seconds: number; peakMiB: number; code: number | null } {
  const probe = join(dir, 'rss.cjs');
  writeFileSync(probe, "process.on('exit', () => require('node:fs').writeSync(2, `\\nRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', probe, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /RSS (\d+)/.exec(result.stderr)?.[1];
  if (!rss) throw new Error(`no RSS reported: ${result.stderr.slice(0, 500)}`);
  return { seconds, peakMiB: Number(rss) / 1024, code: result.status };
}

console.log(`Node ${process.version}, load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await writeInputs(COUNT, 'records', true);
for (const ext of ['jsonl', 'csv', 'xlsx']) console.log(`records.${ext}: ${(statSync(join(dir, `records.${ext}`)).size / 2 ** 20).toFixed(1)} MiB`);
if (big) await writeInputs(600_000, 'province', false);

const devNull = ['--output', '/dev/null'];
const cases: Array<[string, string[]]> = [
  ['read CSV (Chinese headers) → csv', ['screen', join(dir, 'records.csv'), '--format', 'csv', ...devNull]],
  ['read .xlsx → csv', ['screen', join(dir, 'records.xlsx'), '--format', 'csv', ...devNull]],
  ['write csv (from JSON Lines)', ['screen', join(dir, 'records.jsonl'), '--format', 'csv', ...devNull]],
  ['write .xlsx (from JSON Lines)', ['screen', join(dir, 'records.jsonl'), '--format', 'xlsx', '--output', join(dir, 'out.xlsx')]],
  ...(big ? ([['600,000 records → .xlsx', ['screen', join(dir, 'province.jsonl'), '--format', 'xlsx', '--output', join(dir, 'province.xlsx')]]] as Array<[string, string[]]>) : []),
];
console.log('\n| case | records | wall (s) | peak RSS (MiB) |\n| --- | ---: | ---: | ---: |');
for (const [label, args] of cases) {
  const { seconds, peakMiB } = run(args);
  console.log(`| ${label} | ${label.startsWith('600') ? '600,000' : '100,000'} | ${seconds.toFixed(1)} | ${peakMiB.toFixed(0)} |`);
}
try {
  console.log(`\nout.xlsx: ${(statSync(join(dir, 'out.xlsx')).size / 2 ** 20).toFixed(1)} MiB`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
