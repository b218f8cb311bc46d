import { describe, expect, it } from 'vitest';
import {
  defaultRuleset,
  defaultThresholds,
  isOptionsError,
  loadRuleset,
  OptionsError,
  rulesets,
  screen,
} from '../src/index.js';
import { assessmentOf, fixture } from './helpers/fixtures.js';

describe('screen: the result explains itself', () => {
  it('returns the contract shape for a matched village', async () => {
    const f = fixture('02-'); // C01 via seats
    const result = await screen(f.assessment);
    expect(Object.keys(result)).toEqual([
      'orgId', 'orgName', 'kind', 'region', 'assessedOn', 'ruleset', 'verdict', 'score', 'matched', 'criteria', 'checklist', 'timeline',
    ]);
    expect(result.ruleset).toEqual({ id: 'cn-2017-ten', version: '2.0.0', thresholds: defaultThresholds });
    expect(result.region).toEqual((f.assessment.org as { region?: unknown }).region);
    expect(result.criteria.map((c) => c.id)).toEqual(defaultRuleset.criteria.map((c) => c.id));
    expect(result.criteria[0]!.title).toEqual({ zh: '班子配备不齐、书记长期缺职、工作停滞', en: 'Leadership incomplete, secretary post long vacant, work stalled' });
    // Fixture 02: one seat short since 2025-12-30, assessed 2026-03-31: 3 months 1 day (3.03), more than 3.
    expect(result.criteria[0]!.evidence[2]).toEqual({
      fact: 'leadership.seatsShortMonths',
      label: { zh: '班子缺额时长', en: 'committee short for' },
      operator: 'greaterThan',
      threshold: 3,
      warningLine: 0,
      actual: 3.03,
      met: true,
      words: { zh: '3个月1天', en: '3 months 1 day' },
      branch: 'C01.seatsShortMonths',
    });
    expect(result.criteria[0]!.branches).toEqual([
      { id: 'C01.secretaryVacantMonths', met: false },
      { id: 'C01.secretaryAbsentMonths', met: false },
      { id: 'C01.seatsShortMonths', met: true },
      { id: 'C01.workStalled', met: false },
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('default thresholds are the contract table', () => {
    expect(defaultThresholds).toEqual({
      C01: { secretaryVacantMonths: 3, secretaryAbsentMonths: 3, seatsShortMonths: 3 },
      C03: { confirmedConflicts: 1 },
      C04: { monthsSinceElection: 72, termMonths: 60, branchAssemblies: 2, committeeMeetings: 6, partyClasses: 1, themedPartyDays: 6 },
      C05: { satisfactionRate: 0.6 },
      C06: { voteBuyingCases: 1 },
      C07: { affairsDisclosures: 4, financeDisclosures: 4 },
      C08: { massIncidents: 1, repeatPetitions: 5, petitionBacklog: 2, collectivePetitions: 3, criminalCases: 5, unresolvedDisputes: 5 },
      C09: { disciplineCases: 1, corruptionCases: 1 },
    });
    // Warning lines, by the contract's table.
    const lines = Object.fromEntries(defaultRuleset.criteria.map((c) => [c.id, Object.fromEntries(Object.entries(c.thresholds).map(([n, t]) => [n, t.warningLine]))]));
    expect(lines.C01).toEqual({ secretaryVacantMonths: 1, secretaryAbsentMonths: 1, seatsShortMonths: 0 });
    expect(lines.C04).toEqual({ monthsSinceElection: 66, termMonths: undefined, branchAssemblies: 4, committeeMeetings: 12, partyClasses: 2, themedPartyDays: 12 });
    expect(lines.C08).toEqual({ massIncidents: undefined, repeatPetitions: 3, petitionBacklog: 1, collectivePetitions: 1, criminalCases: 3, unresolvedDisputes: 3 });
    expect(rulesets['cn-2017-ten']).toBe(defaultRuleset);
  });

  it('reports a missing operand as null with met null, and lists it as missing', async () => {
    const a = assessmentOf('01-');
    a.leadership = { seatsShortSince: null, secretaryVacantSince: null, workStalled: false };
    const c01 = (await screen(a)).criteria[0]!;
    expect(c01.outcome).toBe('insufficient-data');
    expect(c01.evidence[1]).toEqual({
      fact: 'leadership.secretaryAbsentMonths',
      label: { zh: '书记不能正常履职时长', en: 'secretary unable to work for' },
      operator: 'greaterThan',
      threshold: 3,
      warningLine: 1,
      actual: null,
      met: null,
      branch: 'C01.secretaryAbsentMonths',
    });
    // The derived fact is named by the input it comes from.
    expect(c01.missing).toEqual(['leadership.secretaryAbsentSince']);
    expect(c01.branches.map((b) => b.met)).toEqual([false, null, false, false]);
  });

  it('never matches on missing data: a missing venue is insufficient-data, not "no venue"', async () => {
    const a = assessmentOf('01-');
    delete (a as Record<string, unknown>).venue;
    const result = await screen(a);
    const c10 = result.criteria.find((c) => c.id === 'C10')!;
    expect(c10).toMatchObject({ outcome: 'insufficient-data', near: false, missing: ['venue.hasFixedVenue'] });
    expect(c10.evidence).toEqual([
      { fact: 'venue.hasFixedVenue', label: { zh: '有固定活动场所', en: 'fixed activity venue' }, operator: 'equal', threshold: false, actual: null, met: null, branch: 'C10.hasFixedVenue' },
    ]);
    expect(result.verdict).toBe('undetermined');
  });

  it('notEqual and not over a missing fact stay unknown (json-rules-engine alone says true)', async () => {
    const ruleset = loadRuleset({
      ruleset: { id: 'negations', version: '1', criteria: ['N01', 'N02'] },
      criteria: [
        { id: 'N01', no: 1, title: { zh: '无场所', en: 'No venue' }, seedWording: '无固定活动场所的', conditions: { any: [{ fact: 'venue.hasFixedVenue', operator: 'notEqual', value: true }] }, event: { type: 'x' } },
        { id: 'N02', no: 2, title: { zh: '无场所', en: 'No venue' }, seedWording: '无固定活动场所的', conditions: { not: { fact: 'venue.hasFixedVenue', operator: 'equal', value: true } }, event: { type: 'x' } },
      ],
    });
    const identity = { org: { id: '1', name: '村', kind: 'village' }, assessedOn: '2026-01-01' };
    const unknown = await screen(identity, { ruleset });
    expect(unknown.criteria.map((c) => c.outcome)).toEqual(['insufficient-data', 'insufficient-data']);
    expect(unknown.verdict).toBe('undetermined');
    const known = await screen({ ...identity, venue: { hasFixedVenue: false } }, { ruleset });
    expect(known.matched).toEqual(['N01', 'N02']);
  });

  it('is deterministic: the same input gives byte-identical JSON', async () => {
    const a = fixture('31-').assessment;
    const first = JSON.stringify(await screen(a));
    for (let i = 0; i < 5; i++) expect(JSON.stringify(await screen(structuredClone(a)))).toBe(first);
  });

  it('does not modify its input', async () => {
    const a = fixture('31-').assessment;
    const copy = structuredClone(a);
    await screen(a);
    expect(a).toEqual(copy);
  });

  it('near needs a crossed warning line that could still make the criterion match', async () => {
    const criterion = (conditions: unknown) => ({
      id: 'K01', no: 1, title: { zh: '集体经济薄弱', en: 'Weak economy' }, seedWording: '集体经济薄弱',
      thresholds: { collectiveIncome: { default: 50000, warningLine: 100000, source: 'test' } },
      conditions, event: { type: 'x' },
    });
    const income = { fact: 'economy.collectiveIncome', operator: 'lessThan', value: { fact: 'threshold.K01.collectiveIncome' } };
    const ruleset = loadRuleset({
      ruleset: { id: 'village-only', version: '1', criteria: ['K01'] },
      criteria: [criterion({ all: [{ fact: 'org.kind', operator: 'equal', value: 'village' }, income] })],
    });
    const at = (kind: string) => ({ org: { id: '1', name: 'x', kind }, assessedOn: '2026-01-01', economy: { collectiveIncome: 80000 } });
    expect((await screen(at('village'), { ruleset })).criteria[0]).toMatchObject({ outcome: 'not-matched', near: true });
    expect((await screen(at('community'), { ruleset })).criteria[0]).toMatchObject({ outcome: 'not-matched', near: false });
  });
});

describe('screen: options', () => {
  const a = () => fixture('01-').assessment;
  it.each([
    [{ atRiskScor: 5 }, 'atRiskScor'],
    [{ thresholds: { C01: { secretaryVacantMonth: 6 } } }, 'thresholds.C01.secretaryVacantMonth'],
    [{ thresholds: { C11: { collectiveIncome: 1 } } }, 'thresholds.C11'],
    [{ thresholds: { C05: { satisfactionRate: '0.7' } } }, 'thresholds.C05.satisfactionRate'],
    [{ atRiskScore: -1 }, 'atRiskScore'],
    [{ locale: 'fr' }, 'locale'],
    [{ plan: { template: 'weekly' } }, 'plan.template'],
    [{ plan: { start: '2017-02-30' } }, 'plan.start'],
    [{ ruleset: { id: 'fake', criteria: [] } }, 'ruleset'],
  ])('%j is an OptionsError naming %s', async (options, path) => {
    const error = await screen(a(), options as never).catch((e: unknown) => e);
    expect(isOptionsError(error)).toBe(true);
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).issues.map((i) => i.path)).toContain(path);
  });

  it('atRiskScore moves the at-risk line', async () => {
    const f = fixture('20-'); // one near criterion: score 5
    expect((await screen(f.assessment)).verdict).toBe('at-risk');
    expect((await screen(f.assessment, { atRiskScore: 5.5 })).verdict).toBe('sound');
  });
});
