/** summarize and selectTargets over the fixture villages' results. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { screen, screenMany, summarize, selectTargets, isOptionsError, type ScreeningResult, type BatchEntry } from '../src/index.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/villages/', import.meta.url));
const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(fixturesDir + name, 'utf8')) as { options?: object; assessment: unknown; expected: { verdict: string; matched: string[]; near: string[]; insufficient: string[] } });

let results: ScreeningResult[] = [];
beforeAll(async () => {
  results = await Promise.all(fixtures.map((f) => screen(f.assessment, f.options)));
});

const count = (pred: (f: (typeof fixtures)[number]) => boolean) => fixtures.filter(pred).length;

describe('summarize', () => {
  it('counts by verdict and by criterion as the fixtures expect', () => {
    const summary = summarize(results);
    expect(summary.total).toBe(fixtures.length);
    expect(summary.invalid).toBe(0);
    expect(summary.byVerdict).toEqual({
      'weak-lax': count((f) => f.expected.verdict === 'weak-lax'),
      'at-risk': count((f) => f.expected.verdict === 'at-risk'),
      sound: count((f) => f.expected.verdict === 'sound'),
      undetermined: count((f) => f.expected.verdict === 'undetermined'),
    });
    expect(summary.byCriterion.map((c) => c.id)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10']);
    for (const criterion of summary.byCriterion) {
      expect(criterion.matched).toBe(count((f) => f.expected.matched.includes(criterion.id)));
      expect(criterion.near).toBe(count((f) => f.expected.near.includes(criterion.id)));
      expect(criterion.insufficient).toBe(count((f) => f.expected.insufficient.includes(criterion.id)));
    }
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('groups by county and by township, naming the parents, unnamed regions last', async () => {
    // One more organisation that names no region at all.
    const first = fixtures[0]!.assessment as { org: { id: string; name: string; kind: string } };
    const unplaced = await screen({ ...first, org: { id: '990000000999', name: '无地区样例村党支部', kind: 'village' } });
    const all = [...results, unplaced];
    const summary = summarize(all);
    const byTownship = summary.byRegion.township;
    expect(byTownship.reduce((n, g) => n + g.total, 0)).toBe(all.length);
    expect(summary.byRegion.county.reduce((n, g) => n + g.total, 0)).toBe(all.length);
    for (const group of byTownship) {
      const members = all.filter(
        (r) => r.region?.province === group.province && r.region?.city === group.city && r.region?.county === group.county && r.region?.township === group.township,
      );
      expect(group.total).toBe(members.length);
      expect(group.byVerdict['weak-lax']).toBe(members.filter((r) => r.verdict === 'weak-lax').length);
    }
    // The organisation without a region forms the last county group; fixture 67 names its
    // county but no township, so its township group comes after its county's named ones.
    const noCounty = summary.byRegion.county.at(-1)!;
    expect(noCounty).toMatchObject({ total: 1 });
    expect(noCounty.county).toBeUndefined();
    const f67 = results.find((r) => r.region?.county !== undefined && r.region.township === undefined)!;
    expect(f67.region?.township).toBeUndefined();
    const sameCounty = byTownship.filter((g) => g.county === f67.region!.county);
    expect(sameCounty.at(-1)!.township).toBeUndefined();
  });

  it('takes screenMany entries, counting bad records as invalid; streams from an async iterable', async () => {
    const records = [...fixtures.filter((f) => !f.options).map((f) => f.assessment), null, { org: {} }];
    const entries: BatchEntry[] = [];
    for await (const entry of screenMany(records)) entries.push(entry);
    const fromEntries = summarize(entries);
    expect(fromEntries.invalid).toBe(2);
    expect(fromEntries.total).toBe(records.length - 2);
    expect(await summarize(screenMany(records))).toEqual(fromEntries);
  });

  it('is empty for no results', () => {
    expect(summarize([])).toEqual({
      total: 0,
      invalid: 0,
      byVerdict: { 'weak-lax': 0, 'at-risk': 0, sound: 0, undetermined: 0 },
      byCriterion: [],
      byRegion: { county: [], township: [] },
    });
  });
});

describe('selectTargets', () => {
  const weakLax = () => results.filter((r) => r.verdict === 'weak-lax');

  it('share 0 selects the weak-lax only (应整尽整), highest score first, ties by orgId', () => {
    const selected = selectTargets(results, { share: 0 });
    expect(selected).toHaveLength(weakLax().length);
    expect(selected.every((r) => r.verdict === 'weak-lax')).toBe(true);
    for (let i = 1; i < selected.length; i++) {
      const [a, b] = [selected[i - 1]!, selected[i]!];
      expect(a.score > b.score || (a.score === b.score && a.orgId < b.orgId)).toBe(true);
    }
  });

  it('keeps every weak-lax result when they alone pass the quota (share 0.1)', () => {
    const quota = Math.ceil(0.1 * results.length);
    expect(weakLax().length).toBeGreaterThan(quota);
    expect(selectTargets(results, { share: 0.1 })).toHaveLength(weakLax().length);
  });

  it('fills the quota with the highest-scoring others, ties broken by orgId', () => {
    const others = results.filter((r) => r.verdict !== 'weak-lax');
    const share = (weakLax().length + 3) / results.length;
    const selected = selectTargets(results, { share });
    expect(selected).toHaveLength(weakLax().length + 3);
    const extra = selected.slice(weakLax().length);
    const expected = [...others].sort((a, b) => b.score - a.score || (a.orgId < b.orgId ? -1 : 1)).slice(0, 3);
    expect(extra).toEqual(expected);
    // At-risk fixtures score 5 or 10: the three taken are the highest, and among equal scores the smallest orgIds.
    expect(extra[0]!.score).toBeGreaterThanOrEqual(extra[2]!.score);
  });

  it('breaks ties by orgId with 10% of a list with no weak-lax', () => {
    const make = (orgId: string, score: number) => ({ ...results[0]!, orgId, score, verdict: 'at-risk' as const });
    const list = [make('B', 5), make('A', 5), make('C', 10), ...Array.from({ length: 27 }, (_, i) => make(`Z${String(i).padStart(2, '0')}`, 0))];
    // 0.1 × 30 is 3.0000000000000004 in floating point: the quota is 3, not 4.
    expect(selectTargets(list, { share: 0.1 }).map((r) => r.orgId)).toEqual(['C', 'A', 'B']);
    expect(selectTargets(list, { share: 1 })).toHaveLength(30);
  });

  it('skips entries that failed and counts only results', () => {
    const entries: BatchEntry[] = [
      ...results.map((result, index) => ({ index, ok: true as const, result })),
      { index: results.length, ok: false, issues: [{ path: '', message: 'x' }] },
    ];
    expect(selectTargets(entries, { share: 0 })).toEqual(selectTargets(results, { share: 0 }));
  });

  it.each([[-0.1], [1.5], [Number.NaN], ['0.1'], [undefined]])('rejects share %s with an OptionsError', (share) => {
    let error: unknown;
    try {
      selectTargets(results, { share } as never);
    } catch (e) {
      error = e;
    }
    expect(isOptionsError(error)).toBe(true);
    expect((error as { issues: { path: string }[] }).issues[0]!.path).toBe('share');
  });

  it('rejects an unknown option key', () => {
    expect(() => selectTargets(results, { share: 0.1, quota: 3 } as never)).toThrow(/quota/);
  });
});
