/**
 * A year in the life of three invented villages (fixtures/lifecycle): the stored cases give
 * the hand-checked status at every listed date, the recorded entries reproduce the stored
 * cases through the record functions, and the ledger, the monthly report and the history of
 * the three are what the notes work out.
 */
import { describe, expect, it } from 'vitest';
import { caseStatus, history, ledger, readCase, renderLedger, screen, type RectificationCase } from '../src/index.js';
import { problemsOf } from '../src/lifecycle/case.js';
import { applyEvent, lifecycleFixtures, storedCases } from './helpers/lifecycle.js';

const fixtures = lifecycleFixtures();

describe.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
  describe.each(fixture.cases.map((c, i) => [`${c.case.orgName} (${c.case.screening.assessedOn})`, c, i] as const))('%s', (_name, entry) => {
    it('is a valid stored case', () => {
      expect(readCase(entry.case)).toBe(entry.case);
    });

    it.each(entry.expected.map((e) => [e.asOf, e.status] as const))('status on %s', (asOf, status) => {
      expect(caseStatus(entry.case, { asOf })).toEqual(status);
    });

    it('the recorded entries reproduce the stored case through the record functions', () => {
      const stored = entry.case;
      const opened: RectificationCase = {
        orgId: stored.orgId,
        orgName: stored.orgName,
        kind: stored.kind,
        ...(stored.region ? { region: stored.region } : {}),
        screening: stored.screening,
        listing: [],
        ...(stored.contacts ? { contacts: stored.contacts } : {}),
        plan: stored.plan,
        progress: [],
        problems: stored.problems.map((p) => ({ id: p.id })),
        ...(stored.deadlineCheck ? { deadlineCheck: stored.deadlineCheck } : {}),
      };
      const followUps = [...(stored.earlierFollowUps ?? []), ...(stored.followUp ? [stored.followUp] : [])];
      const replayed = entry.events.reduce((c, event) => applyEvent(c, event, followUps), opened);
      expect(JSON.parse(JSON.stringify(replayed))).toEqual(stored);
    });

    it('the screening of the fixture assessment still finds the stored problems', async () => {
      const result = await screen(entry.assessment);
      expect(result.verdict).toBe('weak-lax');
      expect(result.matched).toEqual(entry.case.screening.matched);
      expect(problemsOf(result).map((p) => p.id)).toEqual(entry.case.problems.map((p) => p.id));
    });
  });
});

describe('the three villages together', () => {
  it('history: 汀苇湾村 persistent (2025 and 2026, no 摘牌 between), 枫影岭村 relapsed (listed again after 摘牌)', () => {
    expect(history(storedCases())).toEqual([
      { orgId: '990109101201', years: [2025], relapsed: false, persistent: false },
      { orgId: '990109101202', years: [2025, 2026], relapsed: false, persistent: true },
      { orgId: '990109201201', years: [2025, 2026], relapsed: true, persistent: false },
    ]);
  });

  it('the ledger of 2025-10-31: the 2026 cases are left out, townships as the notes count them', () => {
    const monthly = ledger(storedCases(), { asOf: '2025-10-31' });
    expect(monthly.cases.map((c) => [c.orgName, c.year, c.status.stage])).toEqual([
      ['枫影岭村党支部', 2025, 'rectifying'],
      ['篁竹坳村党支部', 2025, 'delisted'],
      ['汀苇湾村党支部', 2025, 'rectifying'],
    ]);
    const stages = { screened: 0, listed: 0, rectifying: 0, accepted: 0, delisted: 0, 'looked-back': 0, 'not-listed': 0 };
    expect(monthly.townships).toEqual([
      { city: '云岫市', county: '雾岫县', township: '苇泽乡', cases: 1, byStage: { ...stages, rectifying: 1 }, itemsTotal: 19, itemsDone: 13, overdue: 0, openProblems: 1, delisted: 0 },
      { city: '云岫市', county: '雾岫县', township: '萤川镇', cases: 2, byStage: { ...stages, rectifying: 1, delisted: 1 }, itemsTotal: 34, itemsDone: 26, overdue: 2, openProblems: 1, delisted: 1 },
    ]);
    expect(monthly.rows).toHaveLength(53);
    const statuses = (orgId: string) => {
      const counts: Record<string, number> = {};
      for (const row of monthly.rows) if (row.orgId === orgId) counts[row.status] = (counts[row.status] ?? 0) + 1;
      return counts;
    };
    expect(statuses('990109101201')).toEqual({ done: 16 });
    expect(statuses('990109101202')).toEqual({ done: 10, overdue: 2, started: 2, pending: 4 });
    expect(statuses('990109201201')).toEqual({ done: 13, pending: 6 });
    const disclosure = monthly.rows.find((r) => r.itemId === 'C07-finance-disclosure' && r.occurrence === '2025-10-15')!;
    expect(disclosure).toMatchObject({ orgName: '汀苇湾村党支部', status: 'overdue', daysOverdue: 16, due: '2025-10-15', criterionId: 'C07' });
    // Moved by workingDays from Sunday 2025-11-30.
    expect(monthly.rows.filter((r) => r.movedFrom === '2025-11-30').map((r) => r.itemId)).toEqual(['common-look-back', 'C07-management-rules']);
    // 篁竹坳村's organising deadlines fall on 清明 (2025-04-06).
    expect(monthly.rows.filter((r) => r.calendar === 'holiday').every((r) => r.orgId === '990109101201' && r.due === '2025-04-06' && r.holiday?.zh === '清明')).toBe(true);
  });

  it('the monthly report of 2025-10-31 (zh) says what the notes count', () => {
    const report = renderLedger(ledger(storedCases(), { asOf: '2025-10-31' }), { lang: 'zh' });
    const lines = report.split('\n');
    expect(lines.slice(0, 3)).toEqual(['# 整顿工作月报', '', '（截至2025年10月31日）']);
    expect(report).toContain(
      '截至2025年10月31日，列入整顿的软弱涣散基层党组织共3个（均为村党组织），其中正在整顿2个、已摘牌1个。' +
        '整改任务共53项（定期开展的任务逐次计算），已完成39项，完成率73.6%；逾期未完成2项，涉及1个村（社区）。' +
        '排查发现的问题共6个，已销号4个，尚未销号2个。',
    );
    expect(lines).toContain('| 云岫市雾岫县 | 苇泽乡 | 1 | 0 | 13 | 19 | 68.4% | 0 | 1 |');
    expect(lines).toContain('| 云岫市雾岫县 | 萤川镇 | 2 | 1 | 26 | 34 | 76.5% | 2 | 1 |');
    expect(report).toContain(['```mermaid', 'pie showData', '    title 萤川镇整改任务完成情况', '    "已完成" : 26', '    "逾期未完成" : 2', '    "正在推进" : 2', '    "未到期" : 4', '```'].join('\n'));
    const overdue = lines.filter((l) => l.startsWith('| 汀苇湾村党支部 | 萤川镇 |') && /\| \d+ \|$/.test(l));
    expect(overdue.map((l) => l.split(' | ').at(-1))).toEqual(['184 |', '16 |']);
    expect(report).toContain('汀苇湾村党支部：尚不具备摘牌条件。问题“社会治安问题和信访矛盾纠纷集中（信访积案件数）”尚未销号；乡镇（街道）党（工）委尚未评定验收等次；县委组织部尚未批复验收结果。');
    expect(report).toContain('以下完成时限原适逢节假日或休息日，已顺延至下一个工作日：');
    expect(report).not.toMatch(/命中|阈值|字段/);
    // Full-width punctuation next to Chinese in the report's own prose (the measures are the plan's text).
    const measures = storedCases().flatMap((c) => c.plan.checklist.map((i) => i.measure.zh));
    const prose = measures.reduce((text, measure) => text.replaceAll(measure, ''), report);
    expect(prose).not.toMatch(/[\u4e00-\u9fff][,;:()]|[,;:(][\u4e00-\u9fff]/);
  });
});
