/**
 * exceljs's streaming reader decodes each piece of a sheet's (and the shared strings') XML on
 * its own, so a Chinese character whose UTF-8 bytes straddle two pieces comes out as U+FFFD.
 * The CLI's bundle patches that (tsup.config.ts): the built CLI reads every name of a large
 * workbook whole. The unpatched reader (node_modules, as the in-process tests run it) is shown
 * to garble the same workbook; that check skips once upstream fixes the bug.
 *
 * Reads dist/cli.js, built by `npm test`; run `npm run build` first when running this alone.
 * Also: a workbook in the 1904 date system (old Excel for Mac) gives the same dates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../src/cli/input.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'wls-xlsx-boundary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNT = 3000;
/** Names of three-byte characters with a varying ASCII prefix, so pieces end at every offset. */
const names = Array.from({ length: COUNT }, (_, i) => `${'x'.repeat(i % 3)}鹤汀镇第${i}村党支部`);
const header = ['组织编码', '党组织名称', '村或社区', '排查日期'];

async function write(path: string, sharedStrings: boolean, date1904 = false): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: sharedStrings });
  if (date1904) (workbook as unknown as { properties?: Record<string, unknown> }).properties = { date1904: true };
  const sheet = workbook.addWorksheet('排查数据');
  sheet.addRow(header).commit();
  names.forEach((name, i) => sheet.addRow([`99${String(i).padStart(10, '0')}`, name, '村', new Date('2026-03-31T00:00:00Z')]).commit());
  sheet.commit();
  await workbook.commit();
}

const inline = join(dir, 'inline.xlsx');
const shared = join(dir, 'shared.xlsx');
beforeAll(async () => {
  await write(inline, false);
  await write(shared, true);
});

function screened(path: string): string[] {
  const run = spawnSync(process.execPath, [cli, 'screen', path, '--format', 'jsonl'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(run.stderr).toBe('');
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line).result.orgName as string);
}

describe('the built CLI reads every character of a large workbook whole', () => {
  it.each([
    ['inline strings', inline],
    ['shared strings', shared],
  ])('%s', (_name, path) => {
    const read = screened(path);
    expect(read).toHaveLength(COUNT);
    expect(read.filter((name) => name.includes('\uFFFD'))).toEqual([]);
    expect(read).toEqual(names);
  });
});

describe('upstream exceljs (unpatched) garbles characters cut between pieces', () => {
  it('the same workbook read in-process through node_modules has U+FFFD (skips once exceljs is fixed)', async (context) => {
    const read: string[] = [];
    for await (const item of readRecords(inline, 'xlsx')) if (item.ok) read.push((item.record as { org: { name: string } }).org.name);
    const garbled = read.filter((name) => name.includes('\uFFFD')).length;
    if (garbled === 0) context.skip('exceljs no longer garbles characters cut between pieces: the patch in tsup.config.ts can go');
    expect(garbled).toBeGreaterThan(0);
  });
});

describe('dates', () => {
  it('a workbook in the 1904 date system gives the same dates as one in the 1900 system', async () => {
    const path = join(dir, 'date1904.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const sheet = wb.addWorksheet('排查数据');
    sheet.addRow(header);
    sheet.addRow(['990101200201', '甲村党支部', '村', new Date('2026-03-31T00:00:00Z')]);
    await wb.xlsx.writeFile(path);
    const items = [];
    for await (const item of readRecords(path, undefined)) items.push(item);
    expect(items).toEqual([{ ok: true, row: 2, record: { org: { id: '990101200201', name: '甲村党支部', kind: 'village' }, assessedOn: '2026-03-31' } }]);
  });
});
