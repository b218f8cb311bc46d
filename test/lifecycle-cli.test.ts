import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { caseCommand, ledgerWorkbook } from '../src/cli/case-command.js';
import { main } from '../src/cli/index.js';
import { MESSAGES_ZH, useLocale } from '../src/cli/messages.js';
import { ledger, type RectificationCase, type ScreeningResult } from '../src/index.js';
import { storedCases, villageA, villageAFollowUp } from './helpers/lifecycle.js';

const dir = mkdtempSync(join(tmpdir(), 'case-command-'));
let a: ScreeningResult;
let sound: ScreeningResult;

beforeAll(async () => {
  a = await villageA();
  sound = await villageAFollowUp();
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[], values: Record<string, unknown> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await caseCommand(args, values, (text) => void (out += text), (text) => void (err += text));
  return { code, out, err };
}

describe('case open', () => {
  it('opens a case for each weak-lax result (screen --format jsonl entries or bare results), notes the others', async () => {
    const results = file('results.jsonl', [{ index: 0, ok: true, result: a }, sound, { index: 2, ok: false, issues: [] }].map((r) => JSON.stringify(r)).join('\n'));
    const { code, out, err } = await run(['open', results], { start: '2025-04-01', template: 'annual', 'working-days': true });
    expect(code).toBe(1);
    const cases = JSON.parse(out) as RectificationCase[];
    expect(cases.map((c) => c.orgId)).toEqual(['990109101201']);
    expect(cases[0]!.plan.template).toBe('annual');
    expect(cases[0]!.deadlineCheck?.workingDays).toBe(true);
    expect(err).toContain('990109101201 篁竹坳村党支部: verdict sound, no case');
    expect(err).toContain('record #2: not screened (invalid record), no case');
  });

  it('reports a start before the screening for that record and goes on', async () => {
    const results = file('one.json', JSON.stringify([a]));
    const { code, out, err } = await run(['open', results], { start: '2025-01-01' });
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual([]);
    expect(err).toContain('record #0: no case: start: must not be before the assessment date 2025-02-20');
  });
});

describe('case progress', () => {
  it('applies a file of entries, reports the refused ones and writes every case', async () => {
    const cases = file('cases.json', JSON.stringify(storedCases().slice(0, 2)));
    const entries = file(
      'entries.jsonl',
      [
        { orgId: '990109101202', itemId: 'common-four-ones-paired-unit', on: '2025-11-03', status: 'done', evidence: '结对协议' },
        { orgId: '990109101202', itemId: 'C99-nothing', on: '2025-11-03', status: 'done' },
        { orgId: '990109101202', record: 'close', id: 'C08.petitionBacklog', on: '2025-11-05' },
        { orgId: '990100000000', itemId: 'x', on: '2025-11-03', status: 'done' },
        { orgId: '990109101202', record: 'acceptance', level: 'county', on: '2025-11-06', grade: '合格' },
        { orgId: '990109101202', record: 'renaming', on: '2025-11-06' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const { code, out, err } = await run(['progress', cases, entries]);
    expect(code).toBe(1);
    const updated = JSON.parse(out) as RectificationCase[];
    expect(updated).toHaveLength(2);
    expect(updated[1]!.progress.at(-1)).toEqual({ itemId: 'common-four-ones-paired-unit', on: '2025-11-03', status: 'done', evidence: '结对协议' });
    expect(updated[1]!.problems.find((p) => p.id === 'C08.petitionBacklog')!.closedOn).toBe('2025-11-05');
    expect(err).toContain('entry #1 (990109101202) refused: itemId: no item "C99-nothing" in the plan');
    expect(err).toContain('entry #3: no case of 990100000000');
    expect(err).toContain('entry #4 (990109101202) refused: level:');
    expect(err).toContain('unknown record "renaming"');
  });

  it('applies one progress entry given by flags', async () => {
    const cases = file('cases-b.json', JSON.stringify([storedCases()[1]]));
    const { code, out } = await run(['progress', cases], { org: '990109101202', item: 'C07-finance-disclosure', occurrence: '2025-10-15', on: '2025-11-02', status: 'done' });
    expect(code).toBe(0);
    expect((JSON.parse(out) as RectificationCase[])[0]!.progress.at(-1)).toEqual({ itemId: 'C07-finance-disclosure', occurrence: '2025-10-15', on: '2025-11-02', status: 'done' });
  });
});

describe('case status and case ledger', () => {
  const all = () => file('all.json', JSON.stringify(storedCases()));

  it('prints each case status (md zh by default, json)', async () => {
    const md = await run(['status', all()], { 'as-of': '2025-10-31' });
    expect(md.code).toBe(0);
    expect(md.out).toContain('## 汀苇湾村党支部（990109101202，2025年）');
    expect(md.out).toContain('- 任务完成：10/18项；逾期2项');
    expect(md.out).toContain('（完成时限2025-04-30，逾期184天）');
    const json = await run(['status', all()], { 'as-of': '2025-10-31', format: 'json' });
    const statuses = JSON.parse(json.out) as Array<{ orgId: string; year: number; status: { stage: string } }>;
    expect(statuses.map((s) => [s.orgId, s.year, s.status.stage])).toEqual([
      ['990109101201', 2025, 'delisted'],
      ['990109101202', 2025, 'rectifying'],
      ['990109101202', 2026, 'screened'],
      ['990109201201', 2025, 'rectifying'],
      ['990109201201', 2026, 'screened'],
    ]);
  });

  it('prints the monthly report or the ledger as JSON', async () => {
    const md = await run(['ledger', all()], { 'as-of': '2025-10-31' });
    expect(md.out.split('\n')[0]).toBe('# 整顿工作月报');
    const en = await run(['ledger', all()], { 'as-of': '2025-10-31', lang: 'en' });
    expect(en.out.split('\n')[0]).toBe('# Monthly rectification report');
    const json = await run(['ledger', all()], { 'as-of': '2025-10-31', format: 'json' });
    expect(JSON.parse(json.out).townships).toHaveLength(2);
  });

  it('--format xlsx: the ledger and the townships as a workbook, overdue rows filled red, dates as Excel dates', async () => {
    const l = ledger(storedCases(), { asOf: '2025-10-31' });
    // Hand-checked in the fixtures: 53 rows at 2025-10-31, two of them overdue (汀苇湾村).
    expect(l.rows).toHaveLength(53);
    const overdueRows = l.rows.flatMap((r, i) => (r.status === 'overdue' ? [i + 2] : [])); // sheet row numbers, under the header
    expect(overdueRows).toHaveLength(2);
    // Without a place to write a workbook (the library call, no --output): a usage error.
    const refused = await run(['ledger', all()], { 'as-of': '2025-10-31', format: 'xlsx' });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('the ledger workbook (--format xlsx) is written by the command line only');

    const path = join(dir, 'ledger.xlsx');
    const code = await main(['case', 'ledger', all(), '--as-of', '2025-10-31', '--format', 'xlsx', '--output', path]);
    expect(code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['台账', '乡镇汇总']);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['县（市、区）', '乡镇（街道）', '村（社区）', '问题', '整改措施', '责任单位', '完成时限', '状态', '完成日期', '逾期天数']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(1 + l.rows.length);
    // Exactly the overdue rows carry the fill, on every one of their cells.
    const red = (row: ExcelJS.Row, column: number) => (row.getCell(column).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb === 'FFFFC7CE';
    const filled: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && [...Array(10).keys()].some((i) => red(row, i + 1))) filled.push(n);
    });
    expect(filled).toEqual(overdueRows);
    for (const n of filled) expect([...Array(10).keys()].every((i) => red(sheet.getRow(n), i + 1))).toBe(true);
    const overdue = (sheet.getRow(filled[0]!).values as unknown[]).slice(1);
    expect(overdue.slice(0, 3)).toEqual(['雾岫县', '萤川镇', '汀苇湾村党支部']);
    expect(overdue[6]).toEqual(new Date('2025-04-30T00:00:00Z'));
    expect(overdue.slice(7)).toEqual(['逾期', undefined, 184]); // not done: an empty cell
    expect(sheet.getRow(filled[0]!).getCell(7).numFmt).toBe('yyyy-mm-dd');
    const done = l.rows.findIndex((r) => r.status === 'done');
    expect(sheet.getRow(done + 2).getCell(9).value).toEqual(new Date(`${l.rows[done]!.doneOn}T00:00:00Z`));
    const [, townships] = ledgerWorkbook(l, 'zh');
    expect((wb.worksheets[1]!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1))).toEqual(townships!.rows);
    expect(townships!.rows).toEqual([
      ['雾岫县', '苇泽乡', 1, 0, 13, 19, 0, 1],
      ['雾岫县', '萤川镇', 2, 1, 26, 34, 2, 1],
    ]);
  });

  it('--format xlsx --lang en: English sheet names and headers', async () => {
    const path = join(dir, 'ledger-en.xlsx');
    expect(await main(['case', 'ledger', all(), '--as-of', '2025-10-31', '--format', 'xlsx', '--lang', 'en', '--output', path])).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Ledger', 'Townships']);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['County', 'Township', 'Organisation']);
  });

  it('--format xlsx to a terminal: a usage error (exit 2), nothing written', async () => {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    const wasTTY = process.stdout.isTTY;
    process.stdout.isTTY = true;
    try {
      expect(await main(['case', 'ledger', all(), '--as-of', '2025-10-31', '--format', 'xlsx'])).toBe(2);
      expect(await main(['case', 'ledger', all(), '--as-of', '2025-10-31', '--format', 'xlsx', '--locale', 'zh-CN'])).toBe(2);
    } finally {
      process.stdout.isTTY = wasTTY;
      out.mockRestore();
      err.mockRestore();
    }
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'weak-lax-screener: a workbook is not written to a terminal: use --output FILE or redirect standard output to a file\nRun with --help for usage.\n' +
        'weak-lax-screener：工作簿不能写到终端：请用 --output 文件名，或把标准输出重定向到文件\n用法见 --help。\n',
    );
  });
});

describe('usage errors (exit 2)', () => {
  it.each([
    [['status', 'cases.json'], {}, '--as-of DATE is required'],
    [['ledger', 'cases.json'], { 'as-of': '31/10/2025' }, '--as-of must be a date YYYY-MM-DD'],
    [['ledger', '/nonexistent/cases.json'], { 'as-of': '2025-10-31' }, 'cannot read /nonexistent/cases.json: ENOENT'],
    [['audit'], {}, 'unknown case subcommand "audit"'],
    [[], {}, 'case needs a subcommand'],
    [['open'], {}, 'case open takes one file'],
    [['status', 'cases.json'], { 'as-of': '2025-10-31', format: 'csv' }, '--format must be one of md, json'],
  ])('%j %j', async (args, values, message) => {
    const { code, err } = await run(args as string[], values);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('Usage:');
  });

  it('a file that is not a case', async () => {
    const bad = file('bad.json', JSON.stringify([{ orgId: '990109101201' }]));
    const { code, err } = await run(['status', bad], { 'as-of': '2025-10-31' });
    expect(code).toBe(2);
    expect(err).toContain('case #0 is not a valid case: orgName:');
  });

  it('a file that is neither JSON nor JSON Lines', async () => {
    const bad = file('bad.txt', '{"a":1}\nnot json');
    const { code, err } = await run(['status', bad], { 'as-of': '2025-10-31' });
    expect(code).toBe(2);
    expect(err).toContain('is neither JSON nor JSON Lines (line 2');
  });
});

describe('in Chinese (--locale zh-CN, or LANG=zh_CN.UTF-8)', () => {
  it('gives usage errors, notes on stderr and the library refusals in Chinese', async () => {
    useLocale('zh-CN');
    try {
      const usage = await run(['status', 'cases.json'], {});
      expect(usage.code).toBe(2);
      expect(usage.err).toBe(`weak-lax-screener case：缺少 --as-of 日期\n${MESSAGES_ZH.caseUsage}`);
      const cases = file('zh-cases.json', JSON.stringify(storedCases()));
      const entries = file('zh-entries.jsonl', JSON.stringify({ orgId: storedCases()[0]!.orgId, itemId: 'no-such-item', on: '2025-06-01', status: 'done' }));
      const refused = await run(['progress', cases, entries]);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/^第 #0 条进展记录（\d+）未记入：itemId：整顿方案中没有任务“no-such-item”\n$/);
    } finally {
      useLocale('en');
    }
  });
});
