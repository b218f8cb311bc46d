import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planRectification, renderPlan, type ScreeningResult } from '../src/index.js';
import { BUILT_IN_BRANCHES } from '../src/plan/branches.js';
import { addDays } from '../src/internals/dates.js';
import { TITLES, type CriterionWithBranches } from './helpers/plan-results.js';

const CRITERIA = Object.keys(BUILT_IN_BRANCHES);

/** A criterion with a random outcome and random branches: met, not met or unknown, or no branches at all. */
const criterionArb = (id: string, no: number) =>
  fc.record({
    outcome: fc.constantFrom('matched' as const, 'not-matched' as const, 'insufficient-data' as const),
    branches: fc.option(fc.tuple(...BUILT_IN_BRANCHES[id]!.map(() => fc.constantFrom(true, false, null))), { nil: undefined, freq: 5 }),
  }).map(({ outcome, branches }): CriterionWithBranches => ({
    id,
    no,
    title: TITLES[id]!,
    outcome,
    near: false,
    evidence: [],
    missing: [],
    ...(branches ? { branches: branches.map((met, i) => ({ id: BUILT_IN_BRANCHES[id]![i]!, met })) } : {}),
  }));

const resultArb = fc
  .record({
    kind: fc.constantFrom('village' as const, 'community' as const),
    township: fc.constantFrom(undefined, '青石镇', '枫林乡', '云岭民族乡', '东湖街道办事处', '白云苏木', '云山经济开发区'),
    criteria: fc.tuple(...CRITERIA.map((id, i) => criterionArb(id, i + 1))),
    // A province's own criterion, which the catalogue does not know.
    custom: fc.boolean(),
    assessedOn: fc.date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
  })
  .map(({ kind, township, criteria, custom, assessedOn }): ScreeningResult => {
    const all: CriterionWithBranches[] = [...criteria];
    if (custom) all.push({ id: 'X01', no: 13, title: { zh: '移风易俗滞后', en: 'Slow reform of customs' }, outcome: 'matched', near: false, evidence: [], missing: [] });
    const matched = all.filter((c) => c.outcome === 'matched').map((c) => c.id);
    return {
      orgId: '990000000777',
      orgName: kind === 'village' ? '白沙村党支部' : '滨河社区党委',
      kind,
      ...(township ? { region: { township } } : {}),
      assessedOn: assessedOn.toISOString().slice(0, 10),
      ruleset: { id: 'cn-2019-extended', version: '0.2.0', thresholds: {} },
      verdict: matched.length ? 'weak-lax' : 'sound',
      score: 0,
      matched,
      criteria: all as ScreeningResult['criteria'],
      checklist: [],
      timeline: [],
    };
  });

const planArb = fc.record({
  result: resultArb,
  delay: fc.integer({ min: 0, max: 400 }),
  template: fc.constantFrom('intensive' as const, 'annual' as const),
});

describe('plan properties over random results', () => {
  it('no item names a condition that was not met, unless it is criterion-wide for a matched criterion; every matched criterion gets an item', () => {
    fc.assert(
      fc.property(planArb, ({ result, delay, template }) => {
        const plan = planRectification(result, { start: addDays(result.assessedOn, delay), template });
        const criteria = new Map(result.criteria.map((c) => [c.id, c as CriterionWithBranches]));
        for (const item of plan.checklist) {
          if (item.criterionId === null) {
            expect(item.addresses).toEqual([]);
            continue;
          }
          expect(result.matched).toContain(item.criterionId);
          expect(item.addresses.length).toBeGreaterThan(0);
          const met = new Set((criteria.get(item.criterionId)!.branches ?? []).filter((b) => b.met === true).map((b) => b.id));
          for (const address of item.addresses) {
            const criterionWide = address === item.criterionId;
            expect(criterionWide || met.has(address), `${item.id} names ${address}`).toBe(true);
          }
        }
        for (const id of result.matched) expect(plan.checklist.some((i) => i.criterionId === id), id).toBe(true);
        expect(plan.problems!.map((p) => p.criterionId)).toEqual(result.matched);
      }),
      { numRuns: 400 },
    );
  });

  it('every date lies inside the plan window, which never starts before the assessment; rendering never shows a gap', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom('zh' as const, 'en' as const), ({ result, delay, template }, lang) => {
        const plan = planRectification(result, { start: addDays(result.assessedOn, delay), template });
        expect(plan.start >= result.assessedOn).toBe(true);
        const inside = (d: string) => d >= plan.start && d <= plan.end;
        for (const phase of plan.timeline) expect(inside(phase.start) && inside(phase.end)).toBe(true);
        for (const item of plan.checklist) {
          expect(inside(item.due)).toBe(true);
          for (const d of item.occurrences ?? []) expect(inside(d)).toBe(true);
        }
        const markdown = renderPlan(plan, { lang });
        expect(markdown).not.toMatch(/undefined|null|NaN|\[object|\{township|\{level\}/);
        if (lang === 'zh' && result.kind === 'community') expect(markdown).not.toMatch(/村民|村霸|农村公共事务|村“两委”/);
      }),
      { numRuns: 150 },
    );
  });
});

describe('plans from real screenings', () => {
  it('no checklist item addresses a condition the screening did not find met', async () => {
    const { screen } = await import('../src/index.js');
    const { assessmentArb } = await import('./helpers/arbitraries.js');
    await fc.assert(
      fc.asyncProperty(assessmentArb, async (assessment) => {
        const result = await screen(assessment);
        const met = new Set(result.criteria.flatMap((c) => c.branches.filter((b) => b.met === true).map((b) => b.id)));
        const addressed = new Set<string>();
        for (const item of result.checklist) {
          for (const address of item.addresses) {
            // A branch id must have been met; a criterion id (criterion-wide) must have been matched.
            expect(met.has(address) || result.matched.includes(address), `${item.id} addresses ${address}`).toBe(true);
          }
          if (item.criterionId) addressed.add(item.criterionId);
        }
        // Every matched criterion gets at least one measure.
        for (const id of result.matched) expect(addressed.has(id), id).toBe(true);
      }),
      { numRuns: 300, seed: 10_2 },
    );
  });
});
