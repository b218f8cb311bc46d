/**
 * Spreadsheets at the command line (issue 13, contract "Spreadsheets"): the clerk's fixture
 * as .xlsx, GBK CSV and UTF-8 CSV gives the same results; every Excel value form; headers by
 * path or Chinese label; rows numbered as the spreadsheet shows them; the template; the
 * results workbook; CSV output with a BOM and a near column. In-process through `main()`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/index.js';
import { readCell, type Cell } from '../src/cli/cells.js';
import { resolveColumns, resolveHeader, suggestHeader } from '../src/cli/columns.js';
import { detectEncoding } from '../src/cli/decode.js';
import { readRecords } from '../src/cli/input.js';
import { MESSAGES, messagesFor } from '../src/cli/messages.js';
import { rowItem } from '../src/cli/sheet.js';
import { cellOf } from '../src/cli/xlsx-read.js';
import { CHECKLIST_COLUMNS, RESULT_COLUMNS, VERDICT_STYLE } from '../src/cli/xlsx-write.js';
import { EXAMPLE } from '../src/cli/template.js';
import { screen } from '../src/index.js';
import { FIELDS } from '../src/schema/fields.js';
import { readFixtures } from './helpers/fixtures.js';
import { runMain, scratch } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'fixtures', 'spreadsheets');
const { dir, file } = scratch('wls-spreadsheet-');
afterEach(() => vi.restoreAllMocks());



const jsonl = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
const column = (path: string) => resolveHeader(path)!;
const read = (cell: Cell, path: string, locale?: string) => readCell(cell, column(path), messagesFor(locale));

describe('the clerk’s five organisations as .xlsx, GBK CSV and UTF-8 CSV', () => {
  // Worked out by hand from the rows in scripts/make-spreadsheet-fixtures.ts (assessed 2026-03-31):
  // row 2 everything in order; row 3 secretary vacant and a seat short since 2025-11-01 (4 months
  // 30 days, more than 3: C01) and 58% satisfaction (under 0.6: C05), score 20; row 4 the id
  // 9.90101E+11; row 5 ten committee meetings (under the warning line 12, not under 6: C04 near,
  // score 5 = the at-risk score); row 6 a community with only leadership and secretary filled in.
  const expected = [
    { index: 0, orgId: '990101200201', verdict: 'sound', score: 0, matched: [], near: [], insufficient: [] },
    { index: 1, orgId: '990101200202', verdict: 'weak-lax', score: 20, matched: ['C01', 'C05'], near: [], insufficient: [] },
    { index: 2, row: 4, path: 'org.id' },
    { index: 3, orgId: '990101200204', verdict: 'at-risk', score: 5, matched: [], near: ['C04'], insufficient: [] },
    { index: 4, orgId: '990101100101', verdict: 'undetermined', score: 0, matched: [], near: [], insufficient: ['C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10'] },
  ];

  it.each(['villages.xlsx', 'villages-gbk.csv', 'villages-utf8.csv'])('%s screens to the hand-checked results; the scientific id is reported on its row', async (name) => {
    const out = await runMain(['screen', join(fixtures, name), '--format', 'jsonl']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    const entries = jsonl(out.stdout);
    expect(
      entries.map((e) =>
        e.ok
          ? {
              index: e.index,
              orgId: e.result.orgId,
              verdict: e.result.verdict,
              score: e.result.score,
              matched: e.result.matched,
              near: e.result.criteria.filter((c: { near: boolean }) => c.near).map((c: { id: string }) => c.id),
              insufficient: e.result.criteria.filter((c: { outcome: string }) => c.outcome === 'insufficient-data').map((c: { id: string }) => c.id),
            }
          : { index: e.index, row: e.row, path: e.issues[0].path },
      ),
    ).toEqual(expected);
    expect(entries[2].issues).toEqual([{ path: 'org.id', message: expect.stringMatching(/^"9\.90101E\+11" is an id that Excel turned into a number in scientific notation.*format the column as text/) }]);
    // Dates typed 2026/3/31, 无 for no vacancy, 58% as 0.58, 是/否, 村/社区 and 称职 came through as values.
    expect(entries[1].result.criteria[4].evidence[0]).toMatchObject({ fact: 'service.satisfactionRate', actual: 0.58, met: true });
    expect(entries[1].result.criteria[0].evidence[0]).toMatchObject({ fact: 'leadership.secretaryVacantMonths', actual: 4.96 });
  });

  it('all three give the same output, byte for byte, in every format', async () => {
    for (const format of ['jsonl', 'csv', 'table', 'md']) {
      const outputs = [];
      for (const name of ['villages.xlsx', 'villages-gbk.csv', 'villages-utf8.csv']) outputs.push(await runMain(['screen', join(fixtures, name), '--format', format]));
      expect(outputs[0]!.stdout).toContain('芷汀坳村党支部');
      expect(outputs[1]).toEqual(outputs[0]);
      expect(outputs[2]).toEqual(outputs[0]);
    }
  });

  it('the GBK file is GBK (never valid UTF-8), detected, and refused when read as UTF-8', async () => {
    const bytes = readFileSync(join(fixtures, 'villages-gbk.csv'));
    expect(Buffer.isBuffer(bytes) && (await import('node:buffer')).isUtf8(bytes)).toBe(false);
    expect(detectEncoding(bytes, false)).toBe('gb18030');
    expect(detectEncoding(readFileSync(join(fixtures, 'villages-utf8.csv')), false)).toBe('utf-8');
    const out = await runMain(['screen', join(fixtures, 'villages-gbk.csv'), '--encoding', 'utf-8']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/is not valid UTF-8 \(first at line 1\)/);
    expect(out.stderr).not.toContain('\uFFFD');
    // From standard input, and with the encoding given.
    for (const args of [['--input-format', 'csv'], ['--encoding', 'gbk']]) {
      const piped = await runMain(['screen', '-', '--format', 'jsonl', ...args], bytes);
      expect(jsonl(piped.stdout).map((e) => e.ok)).toEqual([true, true, false, true, true]);
    }
  });

  it('bytes that are neither UTF-8 nor GB18030 are a usage error naming the line, never U+FFFD', async () => {
    const bad = Buffer.concat([Buffer.from('org.id,org.name,org.kind,assessedOn\r\n990101200201,'), Buffer.from([0xb4, 0xe5]), Buffer.from(',village,2026-03-31\r\n990101200202,'), Buffer.from([0xff, 0xff]), Buffer.from(',village,2026-03-31\r\n')]);
    const out = await runMain(['screen', file('bad.csv', bad)]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/bad\.csv is neither valid UTF-8 nor valid GB18030 \(first at line 3\)/);
    expect((await runMain(['screen', file('x.csv', 'a'), '--encoding', 'latin1'])).stderr).toMatch(/--encoding must be utf-8 or gb18030/);
    expect((await runMain(['screen', file('x.jsonl', '{}'), '--encoding', 'gbk'])).stderr).toMatch(/--encoding applies to CSV input only/);
    expect((await runMain(['screen', file('y.csv', 'a'), '--sheet', 'x'])).stderr).toMatch(/--sheet applies to \.xlsx input only/);
  });

  it('an .xlsx on standard input is recognised by its first bytes', async () => {
    const out = await runMain(['screen', '-', '--format', 'jsonl'], readFileSync(join(fixtures, 'villages.xlsx')));
    expect(jsonl(out.stdout).map((e) => e.ok)).toEqual([true, true, false, true, true]);
  });
});

describe('values as an Excel user means them', () => {
  it.each<[string, Cell, string, unknown]>([
    ['是', '是', 'venue.hasFixedVenue', true],
    ['否', '否', 'venue.hasFixedVenue', false],
    ['TRUE', 'TRUE', 'venue.hasFixedVenue', true],
    ['False', 'False', 'venue.hasFixedVenue', false],
    ['1', '1', 'venue.hasFixedVenue', true],
    ['0', '0', 'venue.hasFixedVenue', false],
    ['an Excel TRUE cell', true, 'venue.hasFixedVenue', true],
    ['a number cell 0', 0, 'venue.hasFixedVenue', false],
    ['村', '村', 'org.kind', 'village'],
    ['社区', '社区', 'org.kind', 'community'],
    ['community', 'Community', 'org.kind', 'community'],
    ['优秀', '优秀', 'secretary.rating', 'excellent'],
    ['称职', '称职', 'secretary.rating', 'competent'],
    ['基本称职', '基本称职', 'secretary.previousRating', 'basic'],
    ['不称职', ' 不称职 ', 'secretary.rating', 'incompetent'],
    ['党总支', '党总支', 'org.level', 'general-branch'],
    ['an unknown word, left for validation to name', '良好', 'secretary.rating', '良好'],
    ['2026-03-31', '2026-03-31', 'assessedOn', '2026-03-31'],
    ['2026/3/31', '2026/3/31', 'assessedOn', '2026-03-31'],
    ['2026年3月31日', '2026年3月31日', 'assessedOn', '2026-03-31'],
    ['2026.3.5', '2026.3.5', 'assessedOn', '2026-03-05'],
    ['a date and time', '2026/3/31 0:00', 'assessedOn', '2026-03-31'],
    ['full-width digits', '２０２６/３/３１', 'assessedOn', '2026-03-31'],
    ['an Excel date cell', new Date('2026-03-31T00:00:00Z'), 'assessedOn', '2026-03-31'],
    ['a date serial number', 46112, 'assessedOn', '2026-03-31'],
    ['an impossible date, left for validation', '2026/2/30', 'assessedOn', '2026-02-30'],
    ['88%', '88%', 'service.satisfactionRate', 0.88],
    ['57.5%', '57.5%', 'service.satisfactionRate', 0.575],
    ['0.85', '0.85', 'service.satisfactionRate', 0.85],
    ['85 (validation says "did you mean 0.85?")', '85', 'service.satisfactionRate', 85],
    ['12', '12', 'safety.criminalCases', 12],
    ['１２', '１２', 'safety.criminalCases', 12],
    ['120,000', '120,000', 'economy.collectiveIncome', 120000],
    ['an empty cell', '', 'safety.criminalCases', undefined],
    ['only spaces', '   ', 'safety.criminalCases', undefined],
    ['null', 'NULL', 'leadership.secretaryVacantSince', null],
    ['无 where null is allowed', '无', 'leadership.secretaryVacantSince', null],
    ['an id typed as text', '990101200201', 'org.id', '990101200201'],
    ['a whole-number id cell', 990101200201, 'org.id', '990101200201'],
    ['a long whole-number id cell', 1234567890123456, 'org.id', '1234567890123456'],
    ["a '-escaped formula-like text", "'=1+1", 'org.name', '=1+1'],
  ])('%s', (_name, cell, path, value) => {
    expect(read(cell, path)).toEqual({ value });
  });

  it.each<[string, Cell, string, RegExp]>([
    ['无 in a count', '无', 'safety.criminalCases', /^无 is not a number: write 0 when there were none/],
    ['无 in a yes-or-no column', '无', 'venue.hasFixedVenue', /write 否/],
    ['无 in a date that cannot be null', '无', 'assessedOn', /leave the cell empty when unknown/],
    ['an id in scientific notation', '5.11923E+11', 'org.id', /"5\.11923E\+11" is an id that Excel turned into a number in scientific notation.*format the column as text/],
    ['lower-case scientific notation', '5.11923e+11', 'org.id', /scientific notation/],
    ['a word in a yes-or-no column', '有', 'venue.hasFixedVenue', /"有" is not yes or no: write 是 or 否/],
    ['2 in a yes-or-no column', 2, 'venue.hasFixedVenue', /"2" is not yes or no/],
    ['a word in a date column', '三月底', 'assessedOn', /"三月底" is not a date: write 2026-03-31, 2026\/3\/31 or 2026年3月31日/],
    ['an Excel error cell', { error: '#N/A' }, 'safety.criminalCases', /the cell holds the Excel error #N\/A/],
    ['a formula with no saved value', { error: '' }, 'safety.criminalCases', /a formula with no saved value/],
  ])('%s is an error that says what to write', (_name, cell, path, message) => {
    const result = read(cell, path);
    expect(result).toEqual({ problem: expect.stringMatching(message) });
  });

  it('says it in Chinese with --locale zh-CN', () => {
    expect(read('无', 'safety.criminalCases', 'zh-CN')).toEqual({ problem: '“无”不是数字：没有发生请填 0，情况不明时留空' });
    expect(read('5.11923E+11', 'org.id', 'zh-CN')).toEqual({ problem: expect.stringContaining('请把该列设置为“文本”格式') });
  });

  it('xlsx cells: rich text joined, a formula’s saved result, a hyperlink’s text, an error', () => {
    expect(cellOf({ richText: [{ text: '甲' }, { text: '村' }] })).toBe('甲村');
    expect(cellOf({ formula: 'A1+1', result: 3 })).toBe(3);
    expect(cellOf({ formula: 'A1' })).toEqual({ error: '' });
    expect(cellOf({ sharedFormula: 'B2', result: '是' })).toBe('是');
    expect(cellOf({ text: '链接', hyperlink: 'https://example.invalid' })).toBe('链接');
    expect(cellOf({ error: '#DIV/0!' })).toEqual({ error: '#DIV/0!' });
    expect(cellOf(null)).toBeUndefined();
  });

  it('a row with problems in several cells reports each at its path; a value under no header is named by its column', () => {
    const columns = resolveColumns(['组织编码', '刑事、治安案件数', '', '有固定活动场所']);
    expect(rowItem(columns, { row: 7, cells: ['990101200201', '无', 'x', '有'] }, MESSAGES)).toEqual({
      ok: false,
      row: 7,
      orgId: '990101200201',
      issues: [
        { path: 'safety.criminalCases', message: expect.stringMatching(/^无 is not a number/) },
        { path: '', message: 'a value under column C, which has no header' },
        { path: 'venue.hasFixedVenue', message: expect.stringMatching(/^"有" is not yes or no/) },
      ],
    });
  });
});

describe('headers', () => {
  it('every field by its dotted path and by its Chinese label, brackets and spacing as typed', () => {
    for (const field of FIELDS) {
      expect(resolveHeader(field.path)?.path).toBe(field.path);
      expect(resolveHeader(field.label.zh)?.path).toBe(field.path);
      expect(resolveHeader(` ${field.label.zh.replace(/（/g, '(').replace(/）/g, ')')} `)?.path).toBe(field.path);
    }
    expect(resolveHeader('省 (区、市)')?.path).toBe('org.region.province');
    expect(resolveHeader('"两委"成员中有受过刑事处罚等问题人员')?.path).toBe('elections.cadreWithCriminalRecord');
    expect(resolveHeader('群众满意率', {})?.field?.type).toBe('share');
  });

  it('labels are unique', () => {
    expect(new Set(FIELDS.map((f) => f.label.zh)).size).toBe(FIELDS.length);
  });

  it.each([
    ['满意率', '群众满意率'],
    ['班子实有人员', '班子实有人数'],
    ['leadership.seatFilled', 'leadership.seatsFilled'],
    ['完全无关', undefined],
  ])('%j suggests %j', (header, suggestion) => {
    expect(suggestHeader(header)).toBe(suggestion);
  });

  it('a header that names no field is a usage error once for the file, before any record', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `9901012002${String(i).padStart(2, '0')},甲村,村,2026/3/31,0.9`).join('\n');
    const out = await runMain(['screen', file('unknown.csv', `组织编码,党组织名称,村或社区,排查日期,满意率\n${rows}\n`)]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('weak-lax-screener: column E "满意率" names no field: write the field\'s dotted path (leadership.seatsFilled) or its Chinese label as in the template (班子实有人数); did you mean "群众满意率"?\nRun with --help for usage.\n');
  });

  it('two headers naming one field is a usage error', async () => {
    const out = await runMain(['screen', file('twice.csv', 'org.id,组织编码\n1,2\n')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/columns A "org\.id" and B "组织编码" both name org\.id/);
  });

  it('a declared extra fact is a column; an undeclared one is not', () => {
    expect(() => resolveColumns(['extra.absentMonths'], {})).toThrow(/names no field/);
    expect(resolveColumns(['extra.absentMonths'], { absentMonths: 'number' })[0]).toMatchObject({ path: 'extra.absentMonths', extra: 'number' });
    expect(readCell('是', resolveColumns(['extra.flag'], { flag: 'boolean' })[0]!, MESSAGES)).toEqual({ value: true });
    expect(readCell('无', resolveColumns(['extra.note'], { note: 'string' })[0]!, MESSAGES)).toEqual({ value: null });
  });
});

describe('rows', () => {
  it('are numbered as the spreadsheet shows them: empty rows count and are skipped, a multi-line cell is one row', async () => {
    const csv = '组织编码,党组织名称,村或社区,排查日期\r\n\r\n990101200201,"甲村\r\n党支部",村,2026/3/31\r\n,,,\r\n990101200202,乙村党支部,村,2026/2/30\r\n';
    const out = await runMain(['screen', file('rows.csv', csv), '--format', 'jsonl']);
    const entries = jsonl(out.stdout);
    expect(entries.map((e) => [e.index, e.ok, e.row])).toEqual([
      [0, true, undefined],
      [1, false, 5],
    ]);
    expect(entries[1].issues[0].path).toBe('assessedOn');
    // The table and Markdown say where: the row, and the index.
    expect((await runMain(['screen', file('rows.csv', csv)])).stdout).toContain('第5行 row 5');
    expect((await runMain(['screen', file('rows.csv', csv), '--format', 'md'])).stdout).toContain('- 第5行 row 5 (990101200202)');
  });

  it('JSON input keeps the 0-based index only', async () => {
    const out = await runMain(['screen', file('one.json', '[{"org":{"id":"1"}}]'), '--format', 'jsonl']);
    expect(jsonl(out.stdout)[0]).not.toHaveProperty('row');
  });
});

describe('.xlsx input', () => {
  async function workbook(sheets: Array<[string, unknown[][]]>): Promise<string> {
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of sheets) {
      const sheet = wb.addWorksheet(name);
      for (const row of rows) sheet.addRow(row);
    }
    const path = join(dir, `wb-${sheets.map(([n]) => n).join('-')}.xlsx`);
    await wb.xlsx.writeFile(path);
    return path;
  }
  const header = ['组织编码', '党组织名称', '村或社区', '排查日期', '有固定活动场所'];

  it('reads the first sheet, or the one --sheet names; a missing sheet is a usage error listing the sheets', async () => {
    const path = await workbook([
      ['甲表', [header, ['990101200201', '甲村党支部', '村', new Date('2026-03-31T00:00:00Z'), '是']]],
      ['乙表', [[], header, [990101200202, '乙村党支部', '村', '2026/3/31', true], [], ['990101200203', '丙社区党委', '社区', '2026年3月31日', '否']]],
    ]);
    const first = jsonl((await runMain(['screen', path, '--format', 'jsonl'])).stdout);
    expect(first.map((e) => e.result.orgId)).toEqual(['990101200201']);
    const second = jsonl((await runMain(['screen', path, '--format', 'jsonl', '--sheet', '乙表'])).stdout);
    expect(second.map((e) => [e.result.orgId, e.result.kind, e.result.assessedOn])).toEqual([
      ['990101200202', 'village', '2026-03-31'],
      ['990101200203', 'community', '2026-03-31'],
    ]);
    const missing = await runMain(['screen', path, '--sheet', '丙表']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no sheet "丙表"; its sheets: "甲表", "乙表"/);
  });

  it('an .xls file or a file that is not a workbook is a usage error', async () => {
    const xls = await runMain(['screen', file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))]);
    expect(xls.code).toBe(2);
    expect(xls.stderr).toMatch(/Excel 97-2003 workbook \(\.xls\): save it as \.xlsx/);
    const broken = await runMain(['screen', file('broken.xlsx', 'not a zip at all')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/cannot read the workbook .*broken\.xlsx/);
  });
});

describe('template', () => {
  it('writes the .xlsx template: the data sheet first, Chinese headers in field-table order, drop-downs and formats, then the instructions with an example row', async () => {
    const path = join(dir, 'template.xlsx');
    const out = await runMain(['template', '--output', path]);
    expect(out.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['排查数据', '填写说明']);
    const data = wb.worksheets[0]!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(FIELDS.map((f) => f.label.zh));
    expect(data.rowCount).toBe(1);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Drop-downs: every enumerated field with its Chinese words, every yes-or-no field with 是/否.
    const validations = (data as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model;
    const letter = (i: number) => data.getColumn(i + 1).letter;
    FIELDS.forEach((f, i) => {
      // Read back, exceljs lists a range's rule under each of its cells.
      const rule = validations[`${letter(i)}2`];
      expect(validations[`${letter(i)}5001`]).toEqual(rule);
      if (f.type === 'enum') expect(rule).toMatchObject({ type: 'list', formulae: [`"${f.values!.map((v) => f.valueLabels![v]!.zh).join(',')}"`] });
      else if (f.type === 'boolean') expect(rule).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
      else if (f.type === 'count') expect(rule).toMatchObject({ type: 'whole' });
      else expect(rule).toBeUndefined();
      const numFmt = data.getColumn(i + 1).numFmt;
      expect(numFmt).toBe({ id: '@', text: '@', date: 'yyyy/m/d', share: '0%', count: '0' }[f.type as string]);
    });
    expect(validations.C2!.formulae).toEqual(['"村,社区"']);
    const help = wb.worksheets[1]!;
    expect((help.getRow(2).values as unknown[]).slice(1)).toEqual(FIELDS.map((f) => f.label.zh));
    const satisfaction = help.getRows(1, help.rowCount)!.find((r) => r.getCell(2).value === 'service.satisfactionRate')!;
    expect((satisfaction.values as unknown[]).slice(1)).toEqual([
      '群众满意率',
      'service.satisfactionRate',
      '群众满意率，填0到1之间的比例（85%填0.85）。',
      '百分数（如 85%）或 0 到 1 之间的小数（如 0.85）；情况不明留空',
      '比例',
      '排查日期前12个月',
      'C05 凝聚力不强、服务水平不高、群众满意率低',
    ]);
    const vacancy = help.getRows(1, help.rowCount)!.find((r) => r.getCell(2).value === 'leadership.secretaryVacantSince')!;
    expect(vacancy.getCell(7).value).toBe('C01 班子配备不齐、书记长期缺职、工作停滞');
    const income = help.getRows(1, help.rowCount)!.find((r) => r.getCell(2).value === 'economy.collectiveIncome')!;
    expect(income.getCell(7).value).toBe('（本规则集不读取）');
  });

  it('the example row, read as the CLI reads a sheet, is a sound village; it sits on the second sheet, so screen never reads it', async () => {
    const path = join(dir, 'template-example.xlsx');
    await runMain(['template', '--output', path]);
    // Even named with --sheet, the instructions are no data: their first row is a note, not a header.
    const help = await runMain(['screen', path, '--sheet', '填写说明']);
    expect([help.code, help.stdout]).toEqual([2, '']);
    expect(help.stderr).toMatch(/column A "示例（本表不参与排查/);
    const columns = resolveColumns(FIELDS.map((f) => f.label.zh));
    const item = rowItem(columns, { row: 3, cells: FIELDS.map((f) => EXAMPLE[f.path] as Cell) }, MESSAGES);
    expect(item.ok).toBe(true);
    const result = await screen((item as { record: unknown }).record);
    expect([result.verdict, result.score, result.matched]).toEqual(['sound', 0, []]);
    const data = await runMain(['screen', path, '--format', 'jsonl']);
    expect([data.code, data.stdout]).toEqual([0, '']);
  });

  it('--format csv writes the header row, UTF-8 with a BOM; the extended ruleset needs no extra column', async () => {
    const out = await runMain(['template', '--format', 'csv']);
    expect(out.stdout).toBe(`\uFEFF${FIELDS.map((f) => f.label.zh).join(',')}\n`);
    const withRules = await runMain(['template', '--format', 'csv', '--ruleset', join(root, 'rules', 'cn-2019-extended')]);
    expect(withRules.stdout).toBe(out.stdout);
  });

  it('a workbook is not written to a terminal, and template takes no file', async () => {
    const wasTTY = process.stdout.isTTY;
    process.stdout.isTTY = true;
    const tty = await runMain(['template']).finally(() => (process.stdout.isTTY = wasTTY));
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/a workbook is not written to a terminal: use --output FILE/);
    expect((await runMain(['template', 'x.xlsx'])).stderr).toMatch(/template takes no file/);
    expect((await runMain(['template', '--output', join(dir, 'no', 'such', 'dir.xlsx')])).stderr).toMatch(/cannot write .*dir\.xlsx: ENOENT/);
  });
});

describe('screen --format xlsx', () => {
  async function results(args: string[], tuning = {}) {
    const path = join(dir, `results-${Math.random().toString(36).slice(2)}.xlsx`);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await main(['screen', ...args, '--format', 'xlsx', '--output', path], tuning);
    vi.restoreAllMocks();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return { code, wb };
  }

  it('results (frozen header, coloured verdicts, typed cells), summary by township, checklist and invalid records', async () => {
    const { code, wb } = await results([join(fixtures, 'villages.xlsx')]);
    expect(code).toBe(1);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['排查结果', '汇总', '整顿清单', '无效记录']);
    const sheet = wb.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(RESULT_COLUMNS.map((c) => c.header));
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      '990101200202',
      '芷汀坳村党支部',
      '云岫市/栖云县/石磬镇',
      new Date('2026-03-31T00:00:00Z'),
      '软弱涣散',
      20,
      'C01 班子配备不齐、书记长期缺职、工作停滞；C05 凝聚力不强、服务水平不高、群众满意率低',
    ]);
    expect(sheet.getRow(4).getCell(8).value).toBe('C04 长期不换届、制度形同虚设、不开展活动');
    expect(sheet.getRow(5).getCell(9).value).toBe('C03、C04、C05、C06、C07、C08、C09、C10');
    const fills = [2, 3, 4, 5].map((r) => [sheet.getRow(r).getCell(5).value, (sheet.getRow(r).getCell(5).fill as ExcelJS.FillPattern).fgColor?.argb]);
    expect(fills).toEqual([
      ['正常', VERDICT_STYLE.sound!.fill],
      ['软弱涣散', VERDICT_STYLE['weak-lax']!.fill],
      ['有风险', VERDICT_STYLE['at-risk']!.fill],
      ['待定', VERDICT_STYLE.undetermined!.fill],
    ]);
    const summary = wb.worksheets[1]!;
    const cells = (row: ExcelJS.Row) => Array.from(row.values as unknown[]).slice(1);
    expect(cells(summary.getRow(2))).toEqual([undefined, '云岫市', '栖云县', '石磬镇', 4, 1, 1, 1, 1]);
    expect(cells(summary.getRow(3))).toEqual(['合计', undefined, undefined, undefined, 4, 1, 1, 1, 1]);
    const checklist = wb.worksheets[2]!;
    expect((checklist.getRow(1).values as unknown[]).slice(1)).toEqual(CHECKLIST_COLUMNS.map((c) => c.header));
    const full = await screen({ org: { id: 'x', name: 'x', kind: 'village' }, assessedOn: '2026-03-31' });
    expect(full.checklist).toEqual([]);
    expect(checklist.rowCount - 1).toBeGreaterThan(10);
    expect(new Set(checklist.getColumn(1).values.slice(2))).toEqual(new Set(['990101200202']));
    expect(checklist.getColumn(10).values.slice(2).every((v) => v instanceof Date)).toBe(true);
    const invalid = wb.worksheets[3]!;
    expect((invalid.getRow(2).values as unknown[]).slice(1, 3)).toEqual([4, 2]);
    expect(String(invalid.getRow(2).getCell(4).value)).toMatch(/^组织编码（org\.id）："9\.90101E\+11" is an id/);
  });

  it('no cell is a formula, whatever the data says, and no control character reaches a cell', async () => {
    const names = ['=HYPERLINK("http://evil","点此")', '+1', '@SUM(A1)', '甲村\u001b[31m\n党支部'];
    const records = names.map((name, i) => JSON.stringify({ org: { id: `=99${i}`, name, kind: 'village', region: { township: '-镇' } }, assessedOn: '2026-03-31', venue: { hasFixedVenue: false } }));
    const { wb } = await results([file('hostile.jsonl', records.join('\n'))]);
    const values: unknown[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value))));
    expect(values.filter((v) => typeof v === 'object' && v !== null && !(v instanceof Date))).toEqual([]);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getColumn(2).values.slice(2)).toEqual(['=HYPERLINK("http://evil","点此")', '+1', '@SUM(A1)', '甲村[31m 党支部']);
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['=990', '=991', '=992', '=993']);
  });

  it('a sheet that reaches the row limit goes on in a numbered sheet', async () => {
    const records = readFixtures().map((f) => JSON.stringify(f.assessment)).join('\n');
    const count = records.split('\n').length;
    const { wb } = await results([file('many.jsonl', records)], { maxSheetRows: 11, chunkSize: { records: 7, bytes: 2048 } });
    const resultSheets = wb.worksheets.filter((s) => s.name.startsWith('排查结果'));
    expect(resultSheets.map((s) => s.name).slice(0, 3)).toEqual(['排查结果', '排查结果（2）', '排查结果（3）']);
    expect(resultSheets).toHaveLength(Math.ceil(count / 10));
    expect(resultSheets.reduce((n, s) => n + s.rowCount - 1, 0)).toBe(count);
    expect(resultSheets.every((s) => (s.getRow(1).values as unknown[])[1] === '组织编码')).toBe(true);
    const checklists = wb.worksheets.filter((s) => s.name.startsWith('整顿清单'));
    expect(checklists.length).toBeGreaterThan(1);
    expect(checklists.every((s) => s.rowCount <= 11)).toBe(true);
  });

  it('an empty input gives a workbook with headers only; --summary is refused', async () => {
    const { code, wb } = await results([file('empty.jsonl', '')]);
    expect(code).toBe(0);
    expect(wb.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      ['排查结果', 1],
      // header, total, blank, criterion header (no criterion counted), blank, two notes
      ['汇总', 7],
      ['整顿清单', 1],
    ]);
    expect((await runMain(['screen', file('e.jsonl', ''), '--format', 'xlsx', '--summary'])).stderr).toMatch(/--summary writes table, json or md/);
  });
});

describe('CSV output', () => {
  it('starts with a UTF-8 BOM unless --no-bom, and has a near column', async () => {
    const withBom = await runMain(['screen', join(fixtures, 'villages-utf8.csv'), '--format', 'csv']);
    expect(withBom.stdout.startsWith('\uFEFFid,name,region,verdict,score,matched,near,insufficient\n')).toBe(true);
    expect(withBom.stdout).toContain('990101200204,荇藻湾村党支部,云岫市/栖云县/石磬镇,at-risk,5,,C04,\n');
    const without = await runMain(['screen', join(fixtures, 'villages-utf8.csv'), '--format', 'csv', '--no-bom']);
    expect(without.stdout).toBe(withBom.stdout.slice(1));
  });

  it('--output writes any format to a file', async () => {
    const path = join(dir, 'out.csv');
    const out = await runMain(['screen', join(fixtures, 'villages-utf8.csv'), '--format', 'csv', '--output', path]);
    expect(out.stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toBe((await runMain(['screen', join(fixtures, 'villages-utf8.csv'), '--format', 'csv'])).stdout);
  });

  it('plan and review read spreadsheets too', async () => {
    const items = [];
    for await (const item of readRecords(join(fixtures, 'villages-gbk.csv'), undefined, {}, undefined, { messages: MESSAGES })) items.push(item);
    expect(items.map((i) => i.row)).toEqual([2, 3, 4, 5, 6]);
    const plan = await runMain(['plan', join(fixtures, 'villages.xlsx')]);
    expect(plan.stdout).toContain('芷汀坳村党支部');
  });
});
