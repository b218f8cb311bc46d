import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rulesets, screen, type Assessment, type ScreeningResult, type ScreenOptions } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));

/** The sound baseline village (fixtures/villages/01), read rather than copied. */
const baseline = (readJson('fixtures/villages/01-sound-baseline.json') as { assessment: Assessment }).assessment;
const extended = rulesets['cn-2019-extended'];

function criterion(result: ScreeningResult, id: string) {
  const found = result.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} in result`);
  return found;
}

describe('cn-2019-extended', () => {
  it('extends the ten with C11 and C12: twelve criteria in order', () => {
    expect(extended.id).toBe('cn-2019-extended');
    expect(extended.extends).toBe('cn-2017-ten');
    expect(extended.criteria.map((c) => c.id)).toEqual([
      'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11', 'C12',
    ]);
    expect(extended.criteria.map((c) => c.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The ten are the default ruleset's own criteria, not copies that could drift.
    expect(extended.criteria.slice(0, 10)).toEqual(rulesets['cn-2017-ten'].criteria);
  });

  it('defines C11 and C12 with the contract\'s thresholds, warning lines, weights and titles', () => {
    const [c11, c12] = extended.criteria.slice(10);
    expect(c11!.title).toEqual({ zh: '集体经济薄弱', en: 'Weak collective economy' });
    expect(c11!.thresholds).toMatchObject({ collectiveIncome: { default: 50000, warningLine: 100000, direction: 'down' } });
    expect(c11!.appliesTo).toEqual(['village']);
    expect(c12!.title.zh).toBe('发展党员停滞');
    expect(c12!.thresholds).toMatchObject({ monthsSinceCandidate: { default: 24, warningLine: 18, direction: 'up' } });
    expect([c11!.weight, c12!.weight]).toEqual([10, 10]);
    expect(c11!.sources).toEqual(['domain S15', 'domain S21']);
    expect(c12!.sources).toEqual(['domain S1']);
    expect(c11!.tree.kind).toBe('all');
    expect(c12!.tree.kind).toBe('any');
  });

  it('reports the effective thresholds of all twelve criteria', async () => {
    const result = await screen({ ...baseline, economy: { collectiveIncome: 200000 }, membership: { lastCandidateOn: '2025-10-01' } }, { ruleset: extended });
    expect(result.ruleset).toMatchObject({ id: 'cn-2019-extended', version: '1.0.0' });
    expect(result.ruleset.thresholds.C11).toEqual({ collectiveIncome: 50000 });
    expect(result.ruleset.thresholds.C12).toEqual({ monthsSinceCandidate: 24 });
    expect(result.ruleset.thresholds.C01).toEqual({ secretaryVacantMonths: 3 });
    expect(result.verdict).toBe('sound');
  });

  it('matches C12 when no 发展对象 was ever fixed (lastCandidateOn null), with nothing missing', async () => {
    const result = await screen({ ...baseline, economy: { collectiveIncome: 200000 }, membership: { lastCandidateOn: null } }, { ruleset: extended });
    const c12 = criterion(result, 'C12');
    expect(c12.outcome).toBe('matched');
    expect(c12.near).toBe(false);
    // lastCandidateOn is present (null = never), so it is not missing, although the months
    // since a candidate cannot be computed.
    expect(c12.missing).toEqual([]);
    expect(c12.evidence).toEqual([
      { fact: 'membership.lastCandidateOn', operator: 'equal', threshold: null, actual: null, met: true },
      { fact: 'membership.monthsSinceCandidate', operator: 'greaterThanInclusive', threshold: 24, actual: null, met: null },
    ]);
    expect(result.verdict).toBe('weak-lax');
    expect(result.matched).toEqual(['C12']);
  });

  it('reports the input paths C11 and C12 need when they are absent', async () => {
    const result = await screen(baseline, { ruleset: extended });
    expect(criterion(result, 'C11')).toMatchObject({ outcome: 'insufficient-data', missing: ['economy.collectiveIncome'] });
    expect(criterion(result, 'C12')).toMatchObject({ outcome: 'insufficient-data', missing: ['membership.lastCandidateOn'] });
    expect(result.verdict).toBe('undetermined');
  });

  it('never matches C11 for a community, nor counts it near, even without economy data', async () => {
    const community = { ...baseline, org: { ...baseline.org, kind: 'community' as const }, membership: { lastCandidateOn: '2025-10-01' } };
    for (const economy of [undefined, { collectiveIncome: 0 }, { collectiveIncome: 70000 }]) {
      const result = await screen(economy ? { ...community, economy } : community, { ruleset: extended });
      const c11 = criterion(result, 'C11');
      expect(c11.outcome).toBe('not-matched');
      expect(c11.near).toBe(false);
      // `missing` lists every absent input the criterion references, whatever the outcome.
      expect(c11.missing).toEqual(economy ? [] : ['economy.collectiveIncome']);
      expect(result.verdict).toBe('sound');
    }
  });

  it('leaves the default ruleset unchanged: economy and membership are ignored by cn-2017-ten', async () => {
    const result = await screen({ ...baseline, economy: { collectiveIncome: 0 }, membership: { lastCandidateOn: null } });
    expect(result.criteria).toHaveLength(10);
    expect(result.verdict).toBe('sound');
  });
});

interface Fixture {
  title: string;
  ruleset: keyof typeof rulesets;
  options?: Omit<ScreenOptions, 'ruleset'>;
  assessment: unknown;
  expected: {
    verdict: string;
    score: number;
    matched: string[];
    near: string[];
    insufficient: string[];
    missing: Record<string, string[]>;
  };
}

const fixtureFiles = readdirSync(`${root}fixtures/extended`).filter((name) => name.endsWith('.json')).sort();

describe('fixtures/extended (hand-checked, cn-2019-extended)', () => {
  it('has at least eight fixtures, all for the extended ruleset', () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(8);
    for (const name of fixtureFiles) expect((readJson(`fixtures/extended/${name}`) as Fixture).ruleset).toBe('cn-2019-extended');
  });

  it.each(fixtureFiles)('%s', async (name) => {
    const fixture = readJson(`fixtures/extended/${name}`) as Fixture;
    const result = await screen(fixture.assessment, { ...fixture.options, ruleset: rulesets[fixture.ruleset] });
    const outcomes = (outcome: string) => result.criteria.filter((c) => c.outcome === outcome).map((c) => c.id);
    expect({
      verdict: result.verdict,
      score: result.score,
      matched: result.matched,
      near: result.criteria.filter((c) => c.near).map((c) => c.id),
      insufficient: outcomes('insufficient-data'),
      missing: Object.fromEntries(result.criteria.map((c) => [c.id, c.missing])),
    }).toEqual(fixture.expected);
  });
});
