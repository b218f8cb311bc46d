import { beforeAll, describe, expect, it } from 'vitest';
import {
  history,
  isOptionsError,
  mergeSummaries,
  openCase,
  selectTargets,
  summarize,
  type RectificationCase,
  type ScreeningResult,
} from '../src/index.js';
import { storedCases, villageA, villageAFollowUp } from './helpers/lifecycle.js';

let result: ScreeningResult;
let sound: ScreeningResult;
beforeAll(async () => {
  result = await villageA();
  sound = await villageAFollowUp();
});

/** Village A screened on `assessedOn`, with the listing given (a decision the day after). */
function caseOf(assessedOn: string, stages: Array<'proposed' | 'decided' | 'not-listed'>, delistedOn?: string): RectificationCase {
  const screening = { ...result, assessedOn };
  const on = (days: number) => new Date(Date.parse(assessedOn) + days * 86400000).toISOString().slice(0, 10);
  const c = openCase(screening, { listing: stages.map((stage, i) => ({ stage, on: on(i + 1), by: '雾岫县委常委会' })) });
  // 摘牌 written as the host stores it (its conditions are the record functions' business, tested elsewhere).
  return delistedOn ? { ...c, delisting: { on: delistedOn, by: '雾岫县委组织部' } } : c;
}

describe('history', () => {
  it('counts only decided listings: a case proposed or not listed is not a listing', () => {
    expect(history([caseOf('2025-02-20', ['proposed']), caseOf('2026-02-20', ['proposed', 'not-listed'])])).toEqual([]);
  });

  it('relapsed: decided again after a case that ended in 摘牌', () => {
    expect(history([caseOf('2026-02-20', ['decided']), caseOf('2025-02-20', ['decided'], '2025-12-26')])).toEqual([
      { orgId: '990109101201', years: [2025, 2026], relapsed: true, persistent: false },
    ]);
    // Listed again in the same year, after 摘牌: relapsed, one year.
    expect(history([caseOf('2025-02-20', ['decided'], '2025-08-01'), caseOf('2025-10-10', ['decided'])])[0]).toMatchObject({ years: [2025], relapsed: true });
  });

  it('persistent: listed in consecutive years without 摘牌 between; a gap year is not consecutive', () => {
    expect(history([caseOf('2025-02-20', ['decided']), caseOf('2026-02-20', ['decided'])])[0]).toMatchObject({ relapsed: false, persistent: true });
    expect(history([caseOf('2025-02-20', ['decided']), caseOf('2027-02-20', ['decided'])])[0]).toMatchObject({ years: [2025, 2027], persistent: false });
    // 摘牌 in between: relapsed, not persistent.
    expect(history([caseOf('2025-02-20', ['decided'], '2025-12-26'), caseOf('2026-02-20', ['decided'])])[0]).toMatchObject({ relapsed: true, persistent: false });
  });

  it('refuses something that is not an iterable of valid cases', () => {
    expect(() => history(3 as never)).toThrow(TypeError);
    expect(() => history([{}] as never)).toThrow(/Case refused/);
  });
});

describe('the relapsed marker in selectTargets and summarize', () => {
  it('selectTargets marks a selected result of a relapsed organisation, on a copy; the selection is unchanged', () => {
    const past = history(storedCases()); // 990109201201 relapsed
    const relapsedResult = { ...result, orgId: '990109201201', orgName: '枫影岭村党支部' };
    const results = [relapsedResult, result, sound];
    const plain = selectTargets(results, { share: 0 });
    const marked = selectTargets(results, { share: 0, history: past });
    expect(marked.map((r) => r.orgId)).toEqual(plain.map((r) => r.orgId));
    // Same score: by orgId, 990109101201 first.
    expect(marked.map((r) => r.relapsed)).toEqual([undefined, true]);
    expect(relapsedResult).not.toHaveProperty('relapsed');
    expect(marked[0]).toBe(result);
    expect(plain.every((r) => !('relapsed' in r))).toBe(true);
    expect(selectTargets(results, { share: 1, history: past }).map((r) => r.relapsed ?? false)).toEqual([false, true, false]);
  });

  it('summarize counts results of relapsed organisations, overall and per region, and merges them', async () => {
    const past = history(storedCases());
    const relapsedResult = { ...result, orgId: '990109201201', region: { city: '云岫市', county: '雾岫县', township: '苇泽乡' } };
    const summary = summarize([relapsedResult, result, sound], { history: past });
    expect(summary.relapsed).toBe(1);
    expect(summary.byRegion.township.map((t) => [t.township, t.total, t.relapsed])).toEqual([
      ['苇泽乡', 1, 1],
      ['萤川镇', 2, 0],
    ]);
    expect(summary.byRegion.county).toEqual([expect.objectContaining({ county: '雾岫县', total: 3, relapsed: 1 })]);
    expect(summarize([result])).not.toHaveProperty('relapsed');
    expect(summarize([result]).byRegion.township[0]).not.toHaveProperty('relapsed');
    expect(mergeSummaries(summary, summarize([relapsedResult], { history: past })).relapsed).toBe(2);
    async function* stream() {
      yield relapsedResult;
      yield result;
    }
    expect((await summarize(stream(), { history: past })).relapsed).toBe(1);
  });

  it('refuses a history that is not history() entries', () => {
    for (const run of [() => selectTargets([result], { share: 0, history: 5 as never }), () => summarize([result], { history: [{ orgId: 1 }] as never })]) {
      try {
        run();
        throw new Error('expected an OptionsError');
      } catch (error) {
        expect(isOptionsError(error)).toBe(true);
        expect((error as { issues: Array<{ path: string }> }).issues[0]!.path).toBe('history');
      }
    }
  });
});
