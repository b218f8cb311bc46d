import { describe, expect, it } from 'vitest';
import { isReviewError, review, screen, type Outcome, type ScreeningResult } from '../src/index.js';
import { fixture as village } from './helpers/fixtures.js';

type Assessment = ReturnType<typeof village>['assessment'];

/** The fixture's assessment, changed and re-dated for a follow-up. */
function followUp(prefix: string, assessedOn: string, change: (a: Record<string, any>) => void = () => {}): Assessment {
  const assessment = structuredClone(village(prefix).assessment);
  assessment.assessedOn = assessedOn;
  change(assessment);
  return assessment;
}

const fixAffairs = (a: Record<string, any>) => {
  a.affairs = { affairsDisclosures: 4, financeDisclosures: 4, supervisionCommitteeActive: true, fourTwoMethodApplied: true };
};

// The seed's case under an invented name (fixture 42), assessed 2017-02-15: C07 matched, weak-lax.
const before = await screen(village('42-').assessment);

const statusOf = (r: ReturnType<typeof review>, id: string) => r.criteria.find((c) => c.id === id)?.status;

function reviewError(fn: () => unknown): Error & { code: string } {
  try {
    fn();
  } catch (error) {
    if (isReviewError(error)) return error as Error & { code: string };
    throw error;
  }
  throw new Error('expected a ReviewError');
}

describe('statuses', () => {
  // Every pair of outcomes, on synthetic copies of one result.
  const outcomes: Outcome[] = ['matched', 'not-matched', 'insufficient-data'];
  const expected: Record<Outcome, Record<Outcome, string>> = {
    matched: { matched: 'persisting', 'not-matched': 'resolved', 'insufficient-data': 'unverified' },
    'not-matched': { matched: 'new', 'not-matched': 'unchanged', 'insufficient-data': 'unchanged' },
    'insufficient-data': { matched: 'new', 'not-matched': 'unchanged', 'insufficient-data': 'unchanged' },
  };
  const withC01 = (result: ScreeningResult, outcome: Outcome, assessedOn: string): ScreeningResult => ({
    ...result,
    assessedOn,
    criteria: result.criteria.map((c) => (c.id === 'C01' ? { ...c, outcome } : c)),
  });
  for (const b of outcomes) {
    for (const a of outcomes) {
      it(`${b} → ${a} is ${expected[b][a]}`, () => {
        const r = review(withC01(before, b, '2017-02-15'), withC01(before, a, '2017-06-05'));
        expect(statusOf(r, 'C01')).toBe(expected[b][a]);
      });
    }
  }
});

describe('converted', () => {
  it('the seed village discloses its finances and the supervisory committee works: C07 resolved, converted, one year of follow-up', async () => {
    const after = await screen(followUp('42-', '2017-06-05', fixAffairs));
    const r = review(before, after);
    expect(r).toMatchObject({ orgId: before.orgId, before: '2017-02-15', after: '2017-06-05', converted: true });
    expect(statusOf(r, 'C07')).toBe('resolved');
    expect(r.criteria.filter((c) => c.id !== 'C07').every((c) => c.status === 'unchanged')).toBe(true);
    expect(r.criteria.map((c) => c.id)).toEqual(before.criteria.map((c) => c.id));
    expect(r.followUp).toEqual({ consolidateUntil: '2018-06-05', lookBackOn: '2017-12-05' });
    expect(r.actions).toBeUndefined();
    expect(r.deadline).toBeUndefined();
  });

  it('follow-up dates are clamped to the end of the month (2019-08-31 → look back 2020-02-29)', async () => {
    // Two years on, the term of the election before 2017 has run out: the village was re-elected.
    const after = await screen(
      followUp('42-', '2019-08-31', (a) => {
        fixAffairs(a);
        a.organisationLife.lastElectionOn = '2018-12-20';
      }),
    );
    expect(review(before, after).followUp).toEqual({ consolidateUntil: '2020-08-31', lookBackOn: '2020-02-29' });
  });

  it('missing data on a criterion that was not matched does not block conversion (the contract counts only persisting, new, unverified)', async () => {
    const after = await screen(
      followUp('42-', '2017-06-05', (a) => {
        fixAffairs(a);
        delete a.service;
      }),
    );
    const r = review(before, after);
    expect(after.verdict).toBe('undetermined');
    expect(statusOf(r, 'C05')).toBe('unchanged');
    expect(r.converted).toBe(true);
  });
});

describe('not converted', () => {
  it('nothing changed: C07 persisting; the stationed leader and work team stay, rectification ordered, new deadline in 3 months', async () => {
    const after = await screen(followUp('42-', '2017-06-05'));
    const r = review(before, after);
    expect(statusOf(r, 'C07')).toBe('persisting');
    expect(r.converted).toBe(false);
    expect(r.followUp).toBeUndefined();
    expect(r.actions!.map((a) => a.zh)).toEqual(['驻点领导不换点、工作队伍不撤离，继续整顿', '责令整改，限期整改到位']);
    expect(r.deadline).toBe('2017-09-05');
  });

  it('C07 fixed but the secretary post fell vacant: C01 new, not converted, measures for the new problem', async () => {
    const after = await screen(
      followUp('42-', '2017-06-05', (a) => {
        fixAffairs(a);
        a.leadership.secretaryVacantSince = '2017-02-01';
      }),
    );
    const r = review(before, after);
    expect([statusOf(r, 'C07'), statusOf(r, 'C01')]).toEqual(['resolved', 'new']);
    expect(r.converted).toBe(false);
    expect(r.actions!.map((a) => a.zh)).toContain('针对新出现的问题补充整改措施');
    expect(r.deadline).toBe('2017-09-05');
  });

  it('a follow-up without the affairs data proves nothing: C07 unverified, not converted, reassess', async () => {
    const after = await screen(followUp('42-', '2017-06-05', (a) => delete a.affairs));
    const r = review(before, after);
    expect(statusOf(r, 'C07')).toBe('unverified');
    expect(r.converted).toBe(false);
    expect(r.actions!.map((a) => a.en)).toContain('Collect the missing data and reassess the problems that could not be verified');
  });

  it('an organisation that was not weak-lax is never converted; a new problem is referred to the committee, with no deadline', async () => {
    const soundBefore = await screen(village('01-').assessment);
    expect(soundBefore.verdict).toBe('sound');
    // Six months on the 2021 term has run out: the postponement of the 2026 round was approved.
    const approved = (a: Record<string, any>) => (a.organisationLife.postponementApproved = true);
    const still = review(soundBefore, await screen(followUp('01-', '2026-09-30', approved)));
    expect(still).toMatchObject({ converted: false });
    expect([still.followUp, still.actions, still.deadline]).toEqual([undefined, undefined, undefined]);
    const worse = review(
      soundBefore,
      await screen(
        followUp('01-', '2026-09-30', (a) => {
          approved(a);
          a.venue.hasFixedVenue = false;
        }),
      ),
    );
    expect(statusOf(worse, 'C10')).toBe('new');
    expect(worse.converted).toBe(false);
    expect(worse.actions!.map((a) => a.zh)).toEqual(['提请乡镇（街道）党（工）委研究是否提出列为整顿对象，按程序报县委组织部联审、县委常委会研究确定']);
    expect(worse.deadline).toBeUndefined();
  });
});

describe('ReviewError', () => {
  it('different organisations', async () => {
    const other = await screen(village('24-').assessment);
    const error = reviewError(() => review(before, other));
    expect(error.code).toBe('ERR_REVIEW');
    expect(error.message).toMatch(new RegExp(`different organisations.*${before.orgId}.*${other.orgId}`));
  });

  it('different ruleset id or version', async () => {
    const after = await screen(followUp('42-', '2017-06-05'));
    expect(reviewError(() => review(before, { ...after, ruleset: { ...after.ruleset, id: 'cn-2019-extended' } })).message).toMatch(
      /different rulesets/,
    );
    expect(reviewError(() => review(before, { ...after, ruleset: { ...after.ruleset, version: '9.9.9' } })).message).toMatch(
      /different rulesets/,
    );
  });

  it('different thresholds, named', async () => {
    const after = await screen(followUp('42-', '2017-06-05'), { thresholds: { C01: { secretaryVacantMonths: 6 } } });
    expect(reviewError(() => review(before, after)).message).toMatch(/different thresholds: C01\.secretaryVacantMonths: 3 before, 6 after/);
  });

  it('after.assessedOn not later than before.assessedOn', async () => {
    const same = await screen(followUp('42-', '2017-02-15', fixAffairs));
    const earlier = await screen(followUp('42-', '2017-01-15', fixAffairs));
    expect(reviewError(() => review(before, same)).message).toMatch(/must be later/);
    expect(reviewError(() => review(before, earlier)).message).toMatch(/must be later/);
    // Swapped arguments are caught the same way.
    const later = await screen(followUp('42-', '2017-06-05', fixAffairs));
    expect(reviewError(() => review(later, before)).message).toMatch(/must be later/);
  });

  it('something that is not a screening result', () => {
    expect(reviewError(() => review(null as never, before)).message).toMatch(/^before:/);
    expect(reviewError(() => review(before, { ...before, assessedOn: '2017-02-30' })).message).toMatch(/^after: assessedOn/);
  });
});
