import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isOptionsError,
  isRulesetError,
  planRectification,
  screen,
  type RectificationPlan,
  type ScreeningResult,
} from '../src/index.js';
import { buildCatalogue, catalogue } from '../src/plan/catalogue.js';
import { addDays, compareDates, parseDate } from '../src/internals/dates.js';
import measuresJson from '../rules/plans/measures.json';
import templatesJson from '../rules/plans/templates.json';
import { fixture as village, readFixtures } from './helpers/fixtures.js';

const villages = readFixtures();

const screened = await Promise.all(villages.map(async (v) => ({ v, result: await screen(v.assessment, v.options) })));
const weakLax = screened.filter(({ result }) => result.verdict === 'weak-lax');
const gongtong = screened.find(({ v }) => v.file.startsWith('42-'))!.result;
const suxian = screened.find(({ v }) => v.file.startsWith('30-'))!.result;

const spans = (plan: { timeline: RectificationPlan['timeline'] }) => plan.timeline.map((p) => [p.id, p.start, p.end]);

/** Every date from `start` to `end`, one by one: the brute-force reference for occurrences. */
function everyDay(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1)) days.push(d);
  return days;
}

describe('templates reproduce the seed plans on their own dates', () => {
  it('intensive from 2017-03-01 gives seed plan 1: 3/1–3/6, 3/7–3/20, 3/21–4/21, 4/22–5/22, 5/22–5/30', () => {
    const plan = planRectification(gongtong, { start: '2017-03-01', template: 'intensive' });
    expect(spans(plan)).toEqual([
      ['organise', '2017-03-01', '2017-03-06'],
      ['investigate', '2017-03-07', '2017-03-20'],
      ['rectify', '2017-03-21', '2017-04-21'],
      ['systems', '2017-04-22', '2017-05-22'],
      ['lookback', '2017-05-22', '2017-05-30'],
    ]);
    expect([plan.start, plan.end]).toEqual(['2017-03-01', '2017-05-30']);
    expect(plan.template).toBe('intensive');
  });

  it('intensive is the default template', () => {
    expect(planRectification(gongtong, { start: '2017-03-01' }).template).toBe('intensive');
  });

  it('annual from 2017-03-15 gives seed plan 2: April investigate, May–October rectify, November consolidate, November–December accept', () => {
    const plan = planRectification(suxian, { start: '2017-03-15', template: 'annual' });
    expect(spans(plan)).toEqual([
      ['investigate', '2017-04-01', '2017-04-30'],
      ['rectify', '2017-05-01', '2017-10-31'],
      ['consolidate', '2017-11-01', '2017-11-30'],
      ['accept', '2017-11-01', '2017-12-31'],
    ]);
    expect([plan.start, plan.end]).toEqual(['2017-04-01', '2017-12-31']);
  });

  it.each([
    ['2017-04-01', '2017-04-01'],
    ['2017-04-02', '2018-04-01'],
    ['2017-01-01', '2017-04-01'],
    ['2017-12-31', '2018-04-01'],
    ['2016-02-29', '2016-04-01'],
  ])('annual from %s starts on the first 1 April on or after it: %s', (start, first) => {
    const plan = planRectification(suxian, { start, template: 'annual' });
    expect(plan.timeline[0]!.start).toBe(first);
    expect(plan.end).toBe(`${first.slice(0, 4)}-12-31`);
  });

  it('phase titles come from the seed headings', () => {
    const plan = planRectification(gongtong, { start: '2017-03-01' });
    expect(plan.timeline.map((p) => p.title.zh)).toEqual([
      '成立组织、加强领导',
      '深入村组、调查摸底',
      '集中整顿、逐项整改',
      '建章立制,规范管理',
      '开展回头看,巩固活动成果',
    ]);
  });
});

describe('checklist', () => {
  const templates = ['intensive', 'annual'] as const;

  it('the catalogue has at least two measures with a source for each of C01..C12', () => {
    for (let n = 1; n <= 12; n++) {
      const id = `C${String(n).padStart(2, '0')}`;
      const measures = catalogue.measures.filter((m) => m.criterionId === id);
      expect(measures.length, id).toBeGreaterThanOrEqual(2);
      for (const m of measures) expect(m.source, m.id).toMatch(/seed|domain/);
    }
  });

  it('docs/plans.md lists every measure of the catalogue, with its source', () => {
    const docs = readFileSync(new URL('../docs/plans.md', import.meta.url), 'utf8');
    for (const m of catalogue.measures) {
      const row = docs.split('\n').find((line) => line.includes(`| \`${m.id}\` |`));
      expect(row, m.id).toBeDefined();
      expect(row!.endsWith(`| ${m.source} |`), m.id).toBe(true);
    }
  });

  it('every plan has the common steps: leading group, four ones, investigation, one plan per village, look-back, acceptance', () => {
    const plan = planRectification(gongtong, { start: '2017-03-01' });
    const common = plan.checklist.filter((i) => i.criterionId === null).map((i) => i.id);
    expect(common).toEqual(
      expect.arrayContaining([
        'common-leading-group',
        'common-four-ones-county-leader',
        'common-four-ones-township-leader',
        'common-four-ones-first-secretary',
        'common-four-ones-paired-unit',
        'common-investigation',
        'common-one-plan',
        'common-look-back',
        'common-acceptance',
      ]),
    );
    const byId = new Map(plan.checklist.map((i) => [i.id, i]));
    expect(byId.get('common-leading-group')!.phase).toBe('organise');
    expect(byId.get('common-investigation')!.phase).toBe('investigate');
    expect(byId.get('common-look-back')!.phase).toBe('lookback');
  });

  it('covers every matched criterion of every weak-lax fixture, with both templates', () => {
    expect(weakLax.length).toBeGreaterThan(10);
    for (const { v, result } of weakLax) {
      for (const template of templates) {
        const plan = planRectification(result, { start: addDays(result.assessedOn, 1), template });
        for (const id of result.matched) {
          expect(plan.checklist.some((i) => i.criterionId === id), `${v.file} ${template} ${id}`).toBe(true);
        }
        expect(plan.problems?.map((p) => p.criterionId)).toEqual(result.matched);
        // Only matched criteria get measures.
        for (const item of plan.checklist) {
          if (item.criterionId !== null) expect(result.matched).toContain(item.criterionId);
        }
      }
    }
  });

  it('all ten criteria matched (fixture 32) gives measures for all ten', () => {
    const result = screened.find(({ v }) => v.file.startsWith('32-'))!.result;
    const plan = planRectification(result, { start: '2026-04-01' });
    expect(new Set(plan.checklist.map((i) => i.criterionId).filter(Boolean))).toEqual(new Set(result.matched));
    expect(result.matched).toHaveLength(10);
  });

  it('a matched criterion unknown to the catalogue still gets a generic item', () => {
    const custom: ScreeningResult = {
      ...gongtong,
      matched: ['C07', 'X01'],
      criteria: [
        ...gongtong.criteria,
        { id: 'X01', no: 11, title: { zh: '移风易俗滞后', en: 'Slow reform of customs' }, outcome: 'matched', near: false, evidence: [], missing: [], branches: [{ id: 'X01.1', met: true }] },
      ],
    };
    const plan = planRectification(custom, { start: '2017-03-01' });
    const generic = plan.checklist.filter((i) => i.criterionId === 'X01');
    expect(generic).toHaveLength(1);
    expect(generic[0]!.id).toBe('X01-generic');
    expect(generic[0]!.measure.zh).toContain('移风易俗滞后');
    expect(generic[0]!.measure.en).toContain('Slow reform of customs');
    expect(generic[0]!.due).toBe('2017-04-21');
    expect(generic[0]!.role.zh).toBe('镇党委');
  });

  it('every date is a real date inside the plan window; each due date is the end of its phase or of the plan', () => {
    const starts = ['2017-03-01', '2016-02-29', '2023-12-31', '2024-02-28', '2025-11-30'];
    for (const { v, result } of weakLax) {
      for (const template of templates) {
        for (const start of [addDays(result.assessedOn, 1), ...starts]) {
          const plan = planRectification(result, { start, template });
          const label = `${v.file} ${template} ${start}`;
          const inside = (d: string) => parseDate(d) !== undefined && d >= plan.start && d <= plan.end;
          expect(parseDate(plan.start), label).toBeDefined();
          expect(parseDate(plan.end), label).toBeDefined();
          for (const phase of plan.timeline) {
            expect(inside(phase.start) && inside(phase.end) && phase.start <= phase.end, label).toBe(true);
          }
          const phases = new Map(plan.timeline.map((p) => [p.id, p]));
          for (const item of plan.checklist) {
            const phase = phases.get(item.phase);
            expect(phase, `${label} ${item.id}`).toBeDefined();
            expect([phase!.end, plan.end], `${label} ${item.id}`).toContain(item.due);
            expect(inside(item.due), `${label} ${item.id}`).toBe(true);
            for (const d of item.occurrences ?? []) expect(inside(d), `${label} ${item.id} ${d}`).toBe(true);
          }
        }
      }
    }
  });
});

describe('recurring measures', () => {
  const financeDisclosure = (plan: RectificationPlan) =>
    plan.checklist.find((i) => i.id === 'C07-finance-disclosure')?.occurrences;

  it('finance disclosure on the 15th of the first month of each quarter (seed plan 1): 共同村 2017', () => {
    expect(financeDisclosure(planRectification(gongtong, { start: '2017-03-01' }))).toEqual(['2017-04-15']);
    expect(financeDisclosure(planRectification(gongtong, { start: '2017-03-15', template: 'annual' }))).toEqual([
      '2017-04-15',
      '2017-07-15',
      '2017-10-15',
    ]);
    // A window that starts on a disclosure day includes it; one that ends the day before excludes it.
    expect(financeDisclosure(planRectification(gongtong, { start: '2017-01-15' }))).toEqual(['2017-01-15', '2017-04-15']);
    expect(financeDisclosure(planRectification(gongtong, { start: '2016-10-16' }))).toEqual([]);
  });

  it('finance disclosure occurrences are exactly the quarter-first-month 15ths inside the window, for any start', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('intensive' as const, 'annual' as const),
        (date, template) => {
          const start = date.toISOString().slice(0, 10);
          const plan = planRectification(gongtong, { start, template });
          const expected = everyDay(plan.start, plan.end).filter((d) => d.endsWith('-15') && ['01', '04', '07', '10'].includes(d.slice(5, 7)));
          expect(financeDisclosure(plan)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('monthly 支委会 and 主题党日 where C04 matched, once in every month of the window', () => {
    // Fixture 52: 5 主题党日, C04 alone.
    const result = screened.find(({ v }) => v.file.startsWith('52-'))!.result;
    expect(result.matched).toEqual(['C04']);
    const plan = planRectification(result, { start: '2017-03-15', template: 'annual' });
    const byId = new Map(plan.checklist.map((i) => [i.id, i]));
    const months = ['04', '05', '06', '07', '08', '09', '10', '11', '12'];
    expect(byId.get('C04-committee-meeting-monthly')!.occurrences).toEqual(months.map((m) => `2017-${m}-05`));
    expect(byId.get('C04-themed-party-day-monthly')!.occurrences).toEqual(months.map((m) => `2017-${m}-10`));
    const intensive = planRectification(result, { start: '2017-03-01' });
    expect(intensive.checklist.find((i) => i.id === 'C04-committee-meeting-monthly')!.occurrences).toEqual([
      '2017-03-05',
      '2017-04-05',
      '2017-05-05',
    ]);
  });

  it('no monthly meetings or finance disclosures where C04 or C07 did not match', () => {
    const c01 = screened.find(({ v }) => v.file.startsWith('02-'))!.result;
    const plan = planRectification(c01, { start: '2026-04-01' });
    expect(plan.checklist.filter((i) => i.occurrences)).toEqual([]);
    expect(planRectification(gongtong, { start: '2017-03-01' }).checklist.filter((i) => i.occurrences).map((i) => i.id)).toEqual([
      'C07-finance-disclosure',
    ]);
  });
});

describe('roles follow org.kind', () => {
  it('a village (共同村, seed plan 1) answers to the 镇党委', () => {
    const plan = planRectification(gongtong, { start: '2017-03-01' });
    for (const item of plan.checklist) expect(item.role).toEqual({ zh: '镇党委', en: 'township Party committee' });
  });

  it('a community (苏仙区, seed plan 2) answers to the 街道党工委', () => {
    const plan = planRectification(suxian, { start: '2017-03-15', template: 'annual' });
    expect(plan.checklist.length).toBeGreaterThan(0);
    for (const item of plan.checklist) expect(item.role).toEqual({ zh: '街道党工委', en: 'street Party working committee' });
  });
});

describe('inputs', () => {
  it.each(['2017-02-30', '2017-2-1', '', '20170301', '2017-13-01'])('a bad start %j is an OptionsError naming start', (start) => {
    let error: unknown;
    try {
      planRectification(gongtong, { start });
    } catch (e) {
      error = e;
    }
    expect(isOptionsError(error)).toBe(true);
    expect((error as { issues: { path: string }[] }).issues[0]!.path).toBe('start');
  });

  it('a missing start, an unknown template or an unknown key is an OptionsError naming it', () => {
    const pathOf = (options: unknown) => {
      try {
        planRectification(gongtong, options as never);
      } catch (e) {
        if (isOptionsError(e)) return e.issues.map((i) => i.path);
        throw e;
      }
      return undefined;
    };
    expect(pathOf({})).toEqual(['start']);
    expect(pathOf({ start: '2017-03-01', template: 'yearly' })).toEqual(['template']);
    expect(pathOf({ start: '2017-03-01', tempalte: 'annual' })).toEqual(['tempalte']);
  });

  it('something that is not a screening result is a TypeError naming the field', () => {
    expect(() => planRectification(null as never, { start: '2017-03-01' })).toThrow(TypeError);
    expect(() => planRectification({ ...gongtong, kind: 'town' } as never, { start: '2017-03-01' })).toThrow(/result\.kind/);
    expect(() => planRectification({ ...gongtong, matched: 'C07' } as never, { start: '2017-03-01' })).toThrow(/result\.matched/);
  });

  it('a result that is not weak-lax gets the common steps only (the committee decides the list)', () => {
    const sound = screened.find(({ v }) => v.file.startsWith('01-'))!.result;
    expect(sound.verdict).toBe('sound');
    const plan = planRectification(sound, { start: '2026-04-01' });
    expect(plan.checklist.length).toBeGreaterThan(0);
    expect(plan.checklist.every((i) => i.criterionId === null)).toBe(true);
    expect(plan.problems).toEqual([]);
  });

  it('the plan files are validated: a bad file is a RulesetError naming the file and field', () => {
    const clone = <T>(x: T): T => structuredClone(x);
    const badPhase = clone(measuresJson) as { measures: { phase: { annual: string } }[] };
    badPhase.measures[3]!.phase.annual = 'organise';
    const unknownKey = clone(measuresJson) as { measures: Record<string, unknown>[] };
    unknownKey.measures[0]!.owner = 'x';
    const badDay = clone(measuresJson) as { measures: { recurrence?: { day: number } }[] };
    badDay.measures.find((m) => m.recurrence)!.recurrence!.day = 31;
    const backwards = clone(templatesJson) as { templates: { intensive: { phases: { to: number }[] } } };
    backwards.templates.intensive.phases[1]!.to = 1;
    const cases: [unknown, unknown, string, string][] = [
      [badPhase, templatesJson, 'rules/plans/measures.json', 'measures.3.phase.annual'],
      [unknownKey, templatesJson, 'rules/plans/measures.json', 'measures.0.owner'],
      [badDay, templatesJson, 'rules/plans/measures.json', `measures.${badDay.measures.findIndex((m) => m.recurrence)}.recurrence.day`],
      [measuresJson, backwards, 'rules/plans/templates.json', 'templates.intensive.phases.1'],
    ];
    for (const [measures, templates, file, field] of cases) {
      let error: unknown;
      try {
        buildCatalogue({ file: 'rules/plans/measures.json', content: measures }, { file: 'rules/plans/templates.json', content: templates });
      } catch (e) {
        error = e;
      }
      expect(isRulesetError(error), field).toBe(true);
      expect(error).toMatchObject({ file, field });
    }
  });
});

describe('screen attaches a plan to weak-lax results only', () => {
  it('checklist and timeline are filled exactly for weak-lax results', () => {
    for (const { v, result } of screened) {
      const weak = result.verdict === 'weak-lax';
      expect(result.checklist.length > 0, v.file).toBe(weak);
      expect(result.timeline.length > 0, v.file).toBe(weak);
    }
  });

  it('by default: the intensive template from the day after assessedOn', () => {
    expect(gongtong.assessedOn).toBe('2017-02-15');
    expect(gongtong.timeline[0]!.start).toBe('2017-02-16');
    const plan = planRectification(gongtong, { start: '2017-02-16' });
    expect(gongtong.timeline).toEqual(plan.timeline);
    expect(gongtong.checklist).toEqual(plan.checklist);
  });

  it('options.plan names another start or template', async () => {
    const { assessment } = village('42-');
    const seedDates = await screen(assessment, { plan: { start: '2017-03-01' } });
    expect(spans(seedDates)[2]).toEqual(['rectify', '2017-03-21', '2017-04-21']);
    const annual = await screen(assessment, { plan: { template: 'annual' } });
    expect(annual.timeline.map((p) => p.start)).toEqual(['2017-04-01', '2017-05-01', '2017-11-01', '2017-11-01']);
    const sound = await screen(village('01-').assessment, { plan: { template: 'annual' } });
    expect([sound.checklist, sound.timeline]).toEqual([[], []]);
  });
});
