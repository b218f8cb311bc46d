import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkDeadlines,
  holidayCalendar,
  isOptionsError,
  ledger,
  openCase,
  planRectification,
  recordListing,
  recordProgress,
  renderLedger,
  type RectificationCase,
  type ScreeningResult,
} from '../src/index.js';
import { calendarDay, workingDayOnOrAfter } from '../src/lifecycle/holidays.js';
import { storedCases, villageA } from './helpers/lifecycle.js';

let result: ScreeningResult;
beforeAll(async () => {
  result = await villageA();
});

const DECIDED = { stage: 'decided' as const, on: '2025-03-28', by: '雾岫县委常委会' };

/** Village A's case moved to another place and renamed, as another organisation. */
function elsewhere(orgId: string, orgName: string, region: RectificationCase['region']): RectificationCase {
  const screening = { ...result, orgId, orgName, ...(region ? { region } : {}) };
  if (!region) delete (screening as { region?: unknown }).region;
  return openCase(screening, { start: '2025-04-01', listing: [DECIDED] });
}

describe('ledger', () => {
  it('keys townships by province, city, county and township: two 城关镇 are two rows', () => {
    const a = elsewhere('990109301201', '甲村党支部', { province: '云岭省', city: '云岫市', county: '雾岫县', township: '城关镇' });
    const b = elsewhere('990110301201', '乙村党支部', { province: '云岭省', city: '云岫市', county: '澹台县', township: '城关镇' });
    const c = elsewhere('990110301202', '丙村党支部', { province: '云岭省', city: '云岫市', county: '澹台县', township: '城关镇' });
    const none = elsewhere('990111301201', '丁村党支部', undefined);
    const l = ledger([none, c, a, b], { asOf: '2025-04-30' });
    expect(l.townships.map((t) => [t.county, t.township, t.cases])).toEqual([
      ['澹台县', '城关镇', 2],
      ['雾岫县', '城关镇', 1],
      [undefined, undefined, 1],
    ]);
    expect(l.townships.at(-1)).not.toHaveProperty('township');
    expect(l.cases.map((x) => x.orgId)).toEqual(['990110301201', '990110301202', '990109301201', '990111301201']);
    // 16 items a case, none recurring; on 2025-04-30 the six due 04-06 and the two due 04-20 are overdue.
    expect(l.rows).toHaveLength(64);
    expect(l.townships[0]).toMatchObject({ itemsTotal: 32, itemsDone: 0, overdue: 16, openProblems: 4, delisted: 0 });
    expect(l.rows.filter((r) => r.orgId === '990109301201').map((r) => r.status)).toEqual([
      ...Array(8).fill('overdue'), ...Array(8).fill('pending'),
    ]);
  });

  it('leaves out cases screened after asOf, and reads only entries on or before it', () => {
    const c = recordProgress(elsewhere('990109301201', '甲村党支部', { township: '城关镇' }), { itemId: 'common-leading-group', on: '2025-04-03', status: 'done' });
    expect(ledger([c], { asOf: '2025-02-19' }).rows).toEqual([]);
    expect(ledger([c], { asOf: '2025-04-02' }).rows[0]).toMatchObject({ itemId: 'common-leading-group', status: 'pending', doneOn: undefined, stage: 'listed' });
    expect(ledger([c], { asOf: '2025-04-03' }).rows[0]).toMatchObject({ status: 'done', doneOn: '2025-04-03', stage: 'rectifying' });
  });

  it('marks rows of a case not listed as closed, and a started item as started', () => {
    let c = openCase(result, { start: '2025-04-01', listing: [{ stage: 'not-listed', on: '2025-03-28', by: '雾岫县委常委会' }] });
    expect(new Set(ledger([c], { asOf: '2025-12-31' }).rows.map((r) => r.status))).toEqual(new Set(['closed']));
    c = recordProgress(openCase(result, { start: '2025-04-01', listing: [DECIDED] }), { itemId: 'common-supervision', on: '2025-04-21', status: 'started' });
    expect(ledger([c], { asOf: '2025-05-01' }).rows.find((r) => r.itemId === 'common-supervision')!.status).toBe('started');
  });

  it('flags due dates in a year the holiday schedule does not cover', () => {
    const late = { ...result, assessedOn: `${holidayCalendar.to}-12-01` };
    const c = openCase(late, { start: `${holidayCalendar.to}-12-02`, listing: [{ ...DECIDED, on: `${holidayCalendar.to}-12-01` }] });
    const rows = ledger([c], { asOf: `${holidayCalendar.to}-12-31` }).rows;
    // The intensive plan runs 91 days: its later deadlines fall in the next year.
    expect(rows.filter((r) => r.due.startsWith(String(holidayCalendar.to + 1))).every((r) => r.calendar === 'unchecked')).toBe(true);
    expect(rows.some((r) => r.calendar === 'unchecked')).toBe(true);
    const report = renderLedger(ledger([c], { asOf: `${holidayCalendar.to}-12-31` }), { lang: 'zh' });
    expect(report).toContain(`以下完成时限所在年度的全国节假日安排尚未掌握（现有安排截至${holidayCalendar.to}年），未核对是否适逢节假日：`);
  });

  it('refuses a bad asOf and something that is not an iterable of cases', () => {
    expect(() => ledger([], { asOf: '2025-13-01' })).toThrow(/asOf/);
    expect(() => ledger(5 as never, { asOf: '2025-10-31' })).toThrow(TypeError);
    expect(() => ledger([{ orgId: 'x' } as never], { asOf: '2025-10-31' })).toThrow(/Case refused/);
  });
});

describe('renderLedger', () => {
  it('escapes every name so that nothing reaches Markdown or Mermaid as syntax', () => {
    const hostile = elsewhere('990109301201', '甲村](javascript:alert(1)) | <script>x</script>\n# 标题', {
      city: '云岫市',
      county: '雾岫县',
      township: '城关镇"\n    click A href "javascript:alert(1)";%%',
    });
    const report = renderLedger(ledger([hostile], { asOf: '2025-05-01' }), { lang: 'zh' });
    expect(report).not.toContain('<script>');
    expect(report).not.toMatch(/(?<!\\)\]\(/); // no unescaped "](": no link
    expect(report).not.toMatch(/^# 标题/m);
    expect(report).toContain('甲村\\](javascript:alert(1)) \\| \\<script\\>x\\</script\\> \\# 标题');
    const chart = report.slice(report.indexOf('```mermaid'), report.indexOf('```', report.indexOf('```mermaid') + 3));
    expect(chart.split('\n')[2]).toBe('    title 城关镇 click A href javascript alert(1) 整改任务完成情况');
    expect(chart).not.toContain('%%');
    // Every table row keeps its columns.
    for (const line of report.split('\n').filter((l) => l.startsWith('| 甲村'))) {
      expect(line.replace(/\\\|/g, '').split('|').length).toBeGreaterThan(6);
    }
  });

  it('writes the English report, and says so when nothing is overdue or listed yet', () => {
    const c = openCase(result, { start: '2025-04-01' });
    const en = renderLedger(ledger([c], { asOf: '2025-03-01' }), { lang: 'en' });
    expect(en.split('\n')[0]).toBe('# Monthly rectification report');
    expect(en).toContain('As of 2025-03-01, 0 weak and lax organisations are listed for rectification (0 villages, 0 communities). 1 more found in the preliminary screening await');
    expect(en).toContain('As of 2025-03-01, no task is overdue.');
    expect(en).toContain('Note: organisations found in the preliminary screening are proposed by the township (street) committee');
    const zh = renderLedger(ledger([c], { asOf: '2025-03-01' }), { lang: 'zh' });
    expect(zh).toContain('另有初步排查对象1个，待县委常委会研究确定。');
    expect(zh).toContain('注：初步排查对象由乡镇（街道）党（工）委初步提出，县委组织部会同有关部门联审，县委常委会研究确定。');
    expect(zh).toContain('以下完成时限适逢法定节假日，请提前安排：');
  });

  it('the English monthly report of the three villages', () => {
    const en = renderLedger(ledger(storedCases(), { asOf: '2025-12-31' }), { lang: 'en' });
    expect(en).toContain('(as of 2025-12-31)');
    expect(en).toContain('枫影岭村党支部 | 苇泽乡 | delisted (摘牌) | 19/19 | 0 | none | —');
    expect(en).toContain('the follow-up screening of 2025-11-20 is not converted: C08 persisting');
  });

  it('refuses an unknown language and something that is not a ledger', () => {
    expect(() => renderLedger(ledger([], { asOf: '2025-10-31' }), { lang: 'fr' as never })).toThrow(/lang/);
    try {
      renderLedger(ledger([], { asOf: '2025-10-31' }), { lang: 'fr' as never });
    } catch (error) {
      expect(isOptionsError(error)).toBe(true);
    }
    expect(() => renderLedger({ asOf: '2025-10-31', rows: [] } as never, { lang: 'zh' })).toThrow(/townships/);
  });

  it('lists at most 100 overdue tasks, most overdue first, and says how many there are', () => {
    const many = Array.from({ length: 15 }, (_, i) => elsewhere(`9901093012${String(i).padStart(2, '0')}`, `村${i}`, { township: '城关镇' }));
    // 8 overdue a case on 2025-05-01 (six due 04-06, two due 04-20): 120.
    const zh = renderLedger(ledger(many, { asOf: '2025-05-01' }), { lang: 'zh' });
    expect(zh).toContain('（共120项，此处列出逾期时间最长的100项，完整清单见台账。）');
    const table = zh.slice(zh.indexOf('## 三、逾期未完成任务'), zh.indexOf('## 四、'));
    const days = table.split('\n').filter((l) => /^\| 村\d/.test(l)).map((l) => Number(l.split(' | ').at(-1)!.replace(' |', '')));
    expect(days).toHaveLength(100);
    expect(days.slice(0, 90).every((d) => d === 25)).toBe(true); // due 04-06: 6 items × 15 cases
    expect(days.slice(90)).toEqual(Array(10).fill(11)); // then due 04-20
    expect(renderLedger(ledger(many, { asOf: '2025-05-01' }), { lang: 'en' })).toContain('(120 in all; the 100 most overdue are listed here, the ledger has them all.)');
  });

  it('renders an empty ledger', () => {
    const zh = renderLedger(ledger([], { asOf: '2025-10-31' }), { lang: 'zh' });
    expect(zh).toContain('列入整顿的软弱涣散基层党组织共0个。整改任务共0项');
    expect(zh).toContain('截至2025年10月31日，无逾期未完成任务。');
  });
});

describe('holiday schedule', () => {
  it('covers 2004 to at least 2026 (the data of this build)', () => {
    expect(holidayCalendar.from).toBe(2004);
    expect(holidayCalendar.to).toBeGreaterThanOrEqual(2026);
    expect(holidayCalendar.source).toMatch(/^chinese-days \d+\.\d+\.\d+$/);
  });

  it('knows holidays, the weekend days bridged into them, 调休 working days and ordinary weekends', () => {
    expect(calendarDay('2025-10-01')).toEqual({ kind: 'holiday', name: { zh: '国庆节', en: 'National Day' } });
    expect(calendarDay('2025-10-04')).toMatchObject({ kind: 'holiday' }); // a Saturday inside the National Day break
    expect(calendarDay('2025-09-28')).toEqual({ kind: 'working' }); // a Sunday made a working day (调休)
    expect(calendarDay('2025-10-11')).toEqual({ kind: 'working' }); // a Saturday made a working day
    expect(calendarDay('2025-11-30')).toEqual({ kind: 'weekend' });
    expect(calendarDay('2025-12-01')).toEqual({ kind: 'working' });
    expect(calendarDay(`${holidayCalendar.to + 1}-03-03`)).toEqual({ kind: 'unchecked' });
    expect(calendarDay('2003-05-01')).toEqual({ kind: 'unchecked' });
    expect(calendarDay('not a date')).toEqual({ kind: 'unchecked' });
  });

  it('finds the next working day, never guessing past the data', () => {
    expect(workingDayOnOrAfter('2025-10-01')).toBe('2025-10-09'); // 国庆节 and 中秋节: 1 to 8 October 2025
    expect(workingDayOnOrAfter('2026-02-15')).toBe('2026-02-24'); // 春节 2026: 15 to 23 February
    expect(workingDayOnOrAfter('2025-12-31')).toBe('2025-12-31');
    expect(workingDayOnOrAfter(`${holidayCalendar.to}-12-31`)).toBe(calendarDay(`${holidayCalendar.to}-12-31`).kind === 'working' ? `${holidayCalendar.to}-12-31` : undefined);
  });

  it('checkDeadlines flags holiday deadlines, or moves deadlines on days off; the plan given is unchanged', () => {
    const plan = planRectification(result, { start: '2025-04-01' });
    const before = JSON.stringify(plan);
    const flagged = checkDeadlines(plan);
    expect(flagged.plan.checklist.map((i) => i.due)).toEqual(plan.checklist.map((i) => i.due));
    expect(flagged.check.notes.map((n) => n.flag)).toEqual(Array(6).fill('holiday'));
    const moved = checkDeadlines(plan, { workingDays: true });
    // 2025-04-06 (清明) → 04-07; 04-20 is a Sunday → 04-21; 06-22 is a Sunday → 06-23; 05-22 and 06-30 are working days.
    expect([...new Set(moved.check.notes.map((n) => `${n.from}→${n.due}`))]).toEqual(['2025-04-06→2025-04-07', '2025-04-20→2025-04-21', '2025-06-22→2025-06-23']);
    expect(moved.check.notes.find((n) => n.from === '2025-04-20')).not.toHaveProperty('holiday');
    expect(JSON.stringify(plan)).toBe(before);
  });

  it('moves each occurrence of a recurring item and keeps its due date its last occurrence', () => {
    const plan = planRectification(result, { start: '2025-04-01' });
    const recurring = {
      ...plan,
      checklist: [{ ...plan.checklist[0]!, id: 'x-monthly', occurrences: ['2025-09-15', '2025-10-01', '2025-11-15'], due: '2025-11-15' }],
    };
    const { plan: moved, check } = checkDeadlines(recurring, { workingDays: true });
    // 2025-11-15 is a Saturday → Monday 11-17; 10-01 is 国庆节 → 10-09.
    expect(moved.checklist[0]!.occurrences).toEqual(['2025-09-15', '2025-10-09', '2025-11-17']);
    expect(moved.checklist[0]!.due).toBe('2025-11-17');
    expect(check.notes.map((n) => [n.occurrence, n.from])).toEqual([
      ['2025-10-09', '2025-10-01'],
      ['2025-11-17', '2025-11-15'],
    ]);
    const c = recordProgress(
      recordListing(openCase(result, { start: '2025-04-01' }), DECIDED),
      { itemId: 'common-leading-group', on: '2025-04-03', status: 'done' },
    );
    expect(c.progress).toHaveLength(1);
  });
});
