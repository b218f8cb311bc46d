import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  caseStatus,
  closeProblem,
  history,
  isCaseError,
  isOptionsError,
  ledger,
  openCase,
  planRectification,
  readCase,
  recordAcceptance,
  recordDelisting,
  recordFollowUp,
  recordListing,
  recordLookBack,
  recordProgress,
  renderLedger,
  screen,
  type RectificationCase,
  type ScreeningResult,
} from '../src/index.js';
import { deepFreeze, lifecycleFixtures, villageA, villageAFollowUp } from './helpers/lifecycle.js';

let result: ScreeningResult;
let followUp: ScreeningResult;
let sound: ScreeningResult;

beforeAll(async () => {
  result = await villageA();
  followUp = await villageAFollowUp();
  sound = followUp;
});

const DECIDED = { stage: 'decided' as const, on: '2025-03-28', by: '雾岫县委常委会' };

/** Village A's case, decided, intensive plan from 2025-04-01. */
function listed(): RectificationCase {
  return openCase(result, { start: '2025-04-01', listing: [DECIDED] });
}

/** Every item done, both problems closed: ready for acceptance. */
function rectified(): RectificationCase {
  let c = listed();
  for (const item of c.plan.checklist) c = recordProgress(c, { itemId: item.id, on: '2025-06-30', status: 'done' });
  c = closeProblem(c, 'C01.secretaryAbsentMonths', { on: '2025-05-16' });
  return closeProblem(c, 'C10.hasFixedVenue', { on: '2025-06-18' });
}

/** Rectified and graded 合格 at both levels. */
function accepted(): RectificationCase {
  let c = rectified();
  c = recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '合格', score: 88, dissatisfiedShare: 0.05 });
  return recordAcceptance(c, { level: 'county', on: '2025-07-25', grade: '合格' });
}

/** The issues of the CaseError `run` throws. */
function refusal(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (isCaseError(error)) {
      expect(error.code).toBe('ERR_CASE');
      return error.issues;
    }
    throw error;
  }
  throw new Error('expected a CaseError');
}

function paths(run: () => unknown): string[] {
  return refusal(run).map((i) => i.path);
}

describe('openCase', () => {
  it('opens a case for a weak-lax result: problems are the met branches, the plan is planRectification', () => {
    const c = openCase(result, { start: '2025-04-01', template: 'intensive' });
    expect(c.orgId).toBe('990109101201');
    expect(c.orgName).toBe('篁竹坳村党支部');
    expect(c.kind).toBe('village');
    expect(c.region).toEqual({ city: '云岫市', county: '雾岫县', township: '萤川镇' });
    expect(c.problems).toEqual([{ id: 'C01.secretaryAbsentMonths' }, { id: 'C10.hasFixedVenue' }]);
    const plan = planRectification(result, { start: '2025-04-01', template: 'intensive' });
    expect(c.plan.checklist.map((i) => [i.id, i.due])).toEqual(plan.checklist.map((i) => [i.id, i.due]));
    expect(c.listing).toEqual([]);
    expect(c.progress).toEqual([]);
    expect(c.screening).toBe(result);
    expect(readCase(JSON.parse(JSON.stringify(c)))).toBeTruthy();
  });

  it('starts the plan the day after the assessment by default, as screen does', () => {
    const c = openCase(result);
    expect(c.plan.start).toBe('2025-02-21');
    expect(c.plan.template).toBe('intensive');
  });

  it('flags the deadlines on a public holiday and keeps them without workingDays', () => {
    const c = openCase(result, { start: '2025-04-01' });
    // The organising phase ends 2025-04-06, a Sunday inside 清明 (4 to 6 April 2025).
    const holiday = c.deadlineCheck!.notes.filter((n) => n.flag === 'holiday');
    expect(holiday.map((n) => n.itemId)).toContain('common-leading-group');
    expect(holiday.every((n) => n.due === '2025-04-06' && n.holiday?.zh === '清明')).toBe(true);
    expect(c.plan.checklist.find((i) => i.id === 'common-leading-group')!.due).toBe('2025-04-06');
    expect(c.deadlineCheck!.workingDays).toBe(false);
  });

  it('moves deadlines on days off to the next working day with workingDays', () => {
    const c = openCase(result, { start: '2025-04-01', workingDays: true });
    expect(c.plan.checklist.find((i) => i.id === 'common-leading-group')!.due).toBe('2025-04-07');
    expect(c.deadlineCheck!.notes.find((n) => n.itemId === 'common-leading-group')).toEqual({
      itemId: 'common-leading-group',
      due: '2025-04-07',
      flag: 'moved',
      from: '2025-04-06',
      holiday: { zh: '清明', en: 'Tomb-sweeping Day' },
    });
  });

  it('records the listing and contacts given', () => {
    const c = openCase(result, {
      listing: [
        { stage: 'proposed', on: '2025-03-05', by: '萤川镇党委' },
        { stage: 'examined', on: '2025-03-18', by: '雾岫县委组织部' },
      ],
      contacts: { countyLeader: '岑立川', firstSecretary: { name: '蔚鸣远', from: '雾岫县农业农村局', since: '2025-04-02' } },
    });
    expect(c.listing.map((e) => e.stage)).toEqual(['proposed', 'examined']);
    expect(c.contacts?.firstSecretary?.name).toBe('蔚鸣远');
  });

  it('refuses a result that is not weak-lax (path verdict)', () => {
    const issues = refusal(() => openCase(sound));
    expect(issues).toEqual([{ path: 'verdict', message: 'only a weak-lax result opens a case; this one is sound' }]);
  });

  it('refuses something that is not a screening result, naming the fields', () => {
    expect(paths(() => openCase({ orgId: '990109101201' } as unknown as ScreeningResult))).toEqual(
      expect.arrayContaining(['orgName', 'kind', 'assessedOn', 'verdict', 'criteria', 'ruleset']),
    );
  });

  it('refuses bad listing entries and contacts with their paths', () => {
    expect(paths(() => openCase(result, { listing: [{ stage: 'proposed', on: '2025-02-19', by: '萤川镇党委' }] }))).toEqual(['listing.0.on']);
    expect(
      paths(() =>
        openCase(result, {
          listing: [
            { stage: 'examined', on: '2025-03-18', by: '雾岫县委组织部' },
            { stage: 'proposed', on: '2025-03-20', by: '萤川镇党委' },
          ],
        }),
      ),
    ).toEqual(['listing.1.stage']);
    expect(paths(() => openCase(result, { contacts: { firstSecretary: { name: '甲', from: '县某局', since: '2025-13-01' } } }))).toEqual([
      'contacts.firstSecretary.since',
    ]);
    expect(paths(() => openCase(result, { contacts: { firstSecretary: { name: '甲', from: '县某局', since: '2025-04-02', until: '2025-04-01' } } }))).toEqual([
      'contacts.firstSecretary.until',
    ]);
    expect(paths(() => openCase(result, { contacts: { leader: '甲' } as never }))).toEqual(['contacts.leader']);
  });

  it('refuses a bad start, template or option key with an OptionsError', () => {
    for (const options of [{ start: '2025-02-30' }, { start: '2025-02-19' }, { template: 'weekly' }, { begin: '2025-04-01' }]) {
      try {
        openCase(result, options as never);
        throw new Error('expected an OptionsError');
      } catch (error) {
        expect(isOptionsError(error)).toBe(true);
        expect((error as { issues: Array<{ path: string }> }).issues[0]!.path).toBe(Object.keys(options)[0]);
      }
    }
  });
});

describe('record functions return a new case and never change the one given', () => {
  it('leaves a deep-frozen case as it was', () => {
    const steps: Array<(c: RectificationCase) => RectificationCase> = [
      (c) => recordListing(c, { stage: 'proposed', on: '2025-03-05', by: '萤川镇党委' }),
      (c) => recordListing(c, DECIDED),
      (c) => recordProgress(c, { itemId: 'common-leading-group', on: '2025-04-03', status: 'done' }),
      (c) => closeProblem(c, 'C01.secretaryAbsentMonths', { on: '2025-05-16', evidence: '任职通知' }),
    ];
    let c = openCase(result, { start: '2025-04-01' });
    for (const step of steps) {
      const before = JSON.stringify(c);
      const frozen = deepFreeze(c);
      const next = step(frozen);
      expect(JSON.stringify(frozen)).toBe(before);
      expect(next).not.toBe(frozen);
      expect(JSON.stringify(next)).not.toBe(before);
      c = next;
    }
    const ready = deepFreeze(rectified());
    const snapshot = JSON.stringify(ready);
    let next = recordFollowUp(ready, followUp);
    next = recordAcceptance(deepFreeze(next), { level: 'township', on: '2025-07-18', grade: '合格', score: 88 });
    next = recordAcceptance(deepFreeze(next), { level: 'county', on: '2025-07-25', grade: '合格' });
    const beforeDelisting = JSON.stringify(next);
    const delisted = recordDelisting(deepFreeze(next), { on: '2025-08-01', by: '雾岫县委组织部' });
    expect(JSON.stringify(next)).toBe(beforeDelisting);
    const lookedBack = recordLookBack(deepFreeze(delisted), { on: '2026-08-05', outcome: 'stable' });
    expect(JSON.stringify(ready)).toBe(snapshot);
    expect(lookedBack.lookBack).toEqual({ on: '2026-08-05', outcome: 'stable' });
    expect(delisted.lookBack).toBeUndefined();
  });

  it('copies the entry, so changing it afterwards does not change the case', () => {
    const entry = { itemId: 'common-leading-group', on: '2025-04-03', status: 'done' as const };
    const c = recordProgress(listed(), entry);
    entry.on = '2025-04-05';
    expect(c.progress[0]!.on).toBe('2025-04-03');
  });
});

describe('refused entries (CaseError with paths)', () => {
  it('an entry dated before the screening (assessed 2025-02-20)', () => {
    const c = listed();
    const early = '2025-02-19';
    expect(paths(() => recordListing(openCase(result), { stage: 'proposed', on: early, by: '萤川镇党委' }))).toEqual(['on']);
    expect(paths(() => recordProgress(c, { itemId: 'common-leading-group', on: early, status: 'done' }))).toEqual(['on']);
    expect(paths(() => closeProblem(c, 'C10.hasFixedVenue', { on: early }))).toEqual(['on']);
    expect(paths(() => recordAcceptance(c, { level: 'township', on: early, grade: '合格' }))).toEqual(['on']);
    expect(paths(() => recordDelisting(c, { on: early, by: '雾岫县委组织部' }))).toEqual(['on']);
    expect(paths(() => recordLookBack(c, { on: early, outcome: 'stable' }))).toEqual(['on', 'on']);
    expect(refusal(() => recordProgress(c, { itemId: 'common-leading-group', on: early, status: 'done' }))[0]!.message).toBe(
      'must not be before the screening (assessed on 2025-02-20), got 2025-02-19',
    );
  });

  it('a date that is not a real date', () => {
    const c = listed();
    expect(paths(() => recordProgress(c, { itemId: 'common-leading-group', on: '2025-02-29', status: 'done' }))).toEqual(['on']);
    expect(paths(() => recordListing(openCase(result), { stage: 'proposed', on: '2025/03/05', by: '萤川镇党委' }))).toEqual(['on']);
    expect(paths(() => recordProgress(c, { itemId: 'C07-x', occurrence: '2025-04-31', on: '2025-04-03', status: 'done' }))).toEqual(['occurrence']);
  });

  it('an unknown item, a missing, unknown or needless occurrence', async () => {
    const c = listed();
    expect(refusal(() => recordProgress(c, { itemId: 'C99-nothing', on: '2025-04-03', status: 'done' }))).toEqual([
      { path: 'itemId', message: 'no item "C99-nothing" in the plan' },
    ]);
    expect(paths(() => recordProgress(c, { itemId: 'common-leading-group', occurrence: '2025-04-06', on: '2025-04-03', status: 'done' }))).toEqual(['occurrence']);
    // Village B's finance disclosure recurs on 04-15, 07-15 and 10-15 of 2025.
    const b = lifecycleFixtures()[1]!.cases[0]!.case;
    expect(paths(() => recordProgress(b, { itemId: 'C07-finance-disclosure', on: '2025-04-15', status: 'done' }))).toEqual(['occurrence']);
    expect(paths(() => recordProgress(b, { itemId: 'C07-finance-disclosure', occurrence: '2025-05-15', on: '2025-05-15', status: 'done' }))).toEqual(['occurrence']);
  });

  it('an unknown problem, or one already closed', () => {
    const c = listed();
    expect(refusal(() => closeProblem(c, 'C05.satisfactionRate', { on: '2025-05-01' }))).toEqual([
      { path: 'id', message: 'no problem "C05.satisfactionRate" in the case (C01.secretaryAbsentMonths, C10.hasFixedVenue)' },
    ]);
    const closed = closeProblem(c, 'C10.hasFixedVenue', { on: '2025-06-18' });
    expect(paths(() => closeProblem(closed, 'C10.hasFixedVenue', { on: '2025-06-20' }))).toEqual(['id']);
  });

  it('progress before the list is decided', () => {
    const notDecided = openCase(result, { start: '2025-04-01', listing: [{ stage: 'proposed', on: '2025-03-05', by: '萤川镇党委' }] });
    expect(refusal(() => recordProgress(notDecided, { itemId: 'common-leading-group', on: '2025-04-03', status: 'done' }))).toEqual([
      { path: 'on', message: 'the list is not decided yet: record the county standing committee\'s decision (stage "decided") first' },
    ]);
    expect(paths(() => recordProgress(listed(), { itemId: 'common-leading-group', on: '2025-03-27', status: 'started' }))).toEqual(['on']);
    expect(paths(() => closeProblem(notDecided, 'C10.hasFixedVenue', { on: '2025-06-18' }))).toEqual(['on']);
    expect(paths(() => recordAcceptance(notDecided, { level: 'township', on: '2025-07-18', grade: '合格' }))).toEqual(['on']);
    expect(paths(() => recordFollowUp(notDecided, followUp))).toEqual(['assessedOn']);
    // On the day of the decision, progress may start.
    expect(recordProgress(listed(), { itemId: 'common-leading-group', on: '2025-03-28', status: 'started' }).progress).toHaveLength(1);
  });

  it('listing entries out of order', () => {
    const proposed = recordListing(openCase(result), { stage: 'examined', on: '2025-03-18', by: '雾岫县委组织部' });
    expect(paths(() => recordListing(proposed, { stage: 'proposed', on: '2025-03-20', by: '萤川镇党委' }))).toEqual(['stage']);
    expect(paths(() => recordListing(proposed, { stage: 'decided', on: '2025-03-17', by: '雾岫县委常委会' }))).toEqual(['on']);
    const decided = listed();
    expect(paths(() => recordListing(decided, { ...DECIDED, on: '2025-04-01' }))).toEqual(['stage']);
    expect(refusal(() => recordListing(decided, { stage: 'not-listed', on: '2025-04-01', by: '雾岫县委常委会' }))[0]!.message).toContain('its sign is taken off');
    const notListed = recordListing(openCase(result), { stage: 'not-listed', on: '2025-03-28', by: '雾岫县委常委会' });
    expect(paths(() => recordListing(notListed, DECIDED))).toEqual(['stage']);
    // Skipping steps is allowed (a host that records only the decision).
    expect(recordListing(openCase(result), DECIDED).listing).toEqual([DECIDED]);
  });

  it('a county grade before the township grade; the same day is allowed', () => {
    const township = recordAcceptance(rectified(), { level: 'township', on: '2025-07-18', grade: '合格', score: 88 });
    expect(refusal(() => recordAcceptance(township, { level: 'county', on: '2025-07-17', grade: '合格' }))).toEqual([
      { path: 'on', message: 'must not be before the township grade (2025-07-18)' },
    ]);
    expect(recordAcceptance(township, { level: 'county', on: '2025-07-18', grade: '合格' }).acceptance?.county).toEqual({ on: '2025-07-18', grade: '合格' });
    expect(paths(() => recordAcceptance(rectified(), { level: 'county', on: '2025-07-25', grade: '合格' }))).toEqual(['level']);
    expect(paths(() => recordAcceptance(township, { level: 'county', on: '2025-07-25', grade: '合格', score: 90 }))).toEqual(['score']);
  });

  it('acceptance data that contradicts itself', () => {
    const c = rectified();
    expect(refusal(() => recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '合格', score: 69 }))).toEqual([
      { path: 'score', message: 'the grade "pass" needs a score of 70 or more, got 69' },
    ]);
    expect(paths(() => recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '合格', dissatisfiedShare: 0.51 }))).toEqual(['dissatisfiedShare']);
    expect(paths(() => recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '基本合格', dissatisfiedShare: 0.6 }))).toEqual(['dissatisfiedShare']);
    expect(paths(() => recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '合格', score: 101 }))).toEqual(['score']);
    expect(refusal(() => recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '不合格', dissatisfiedShare: 35 }))[0]).toEqual({
      path: 'dissatisfiedShare',
      message: 'must be a share from 0 to 1; did you mean 0.35?',
    });
    // The boundaries: 70 points passes; exactly half dissatisfied does not fail outright.
    expect(recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '合格', score: 70, dissatisfiedShare: 0.5 }).acceptance?.township?.score).toBe(70);
    expect(recordAcceptance(c, { level: 'township', on: '2025-07-18', grade: '不合格', score: 40, dissatisfiedShare: 0.8 }).acceptance?.township?.grade).toBe('不合格');
  });

  it('摘牌 when canDelist is false on its date: one issue per reason', () => {
    const issues = refusal(() => recordDelisting(listed(), { on: '2025-08-01', by: '雾岫县委组织部' }));
    expect(issues.map((i) => i.path)).toEqual(['on', 'on', 'on', 'on']);
    expect(issues.map((i) => i.message)).toEqual([
      'cannot take the sign off on 2025-08-01: problem "Leadership incomplete, secretary post long vacant, work stalled (secretary unable to work for)" (C01.secretaryAbsentMonths) is not closed (销号)',
      'cannot take the sign off on 2025-08-01: problem "No fixed activity venue" (C10.hasFixedVenue) is not closed (销号)',
      'cannot take the sign off on 2025-08-01: the township (street) committee has not graded the rectification',
      'cannot take the sign off on 2025-08-01: the county organisation department has not approved the grade',
    ]);
    // Accepted on 07-25: 摘牌 on 07-24 reads the case as it stood then (no county grade yet).
    expect(paths(() => recordDelisting(accepted(), { on: '2025-07-24', by: '雾岫县委组织部' }))).toEqual(['on']);
    const delisted = recordDelisting(accepted(), { on: '2025-07-25', by: '雾岫县委组织部' });
    expect(delisted.delisting).toEqual({ on: '2025-07-25', by: '雾岫县委组织部' });
    expect(paths(() => recordDelisting(delisted, { on: '2025-08-01', by: '雾岫县委组织部' }))).toEqual(['on']);
  });

  it('a look-back before 摘牌, or a second one', () => {
    expect(refusal(() => recordLookBack(accepted(), { on: '2026-08-05', outcome: 'stable' }))).toEqual([
      { path: 'on', message: 'the look-back follows the sign taken off, which is not recorded' },
    ]);
    const delisted = recordDelisting(accepted(), { on: '2025-08-01', by: '雾岫县委组织部' });
    expect(paths(() => recordLookBack(delisted, { on: '2025-07-31', outcome: 'stable' }))).toEqual(['on']);
    const lookedBack = recordLookBack(delisted, { on: '2025-08-01', outcome: 'relapsed', note: '同日回头看' });
    expect(paths(() => recordLookBack(lookedBack, { on: '2026-08-01', outcome: 'stable' }))).toEqual(['on']);
  });

  it('entries after 摘牌', () => {
    const delisted = recordDelisting(accepted(), { on: '2025-08-01', by: '雾岫县委组织部' });
    expect(paths(() => recordProgress(delisted, { itemId: 'common-leading-group', on: '2025-08-02', status: 'done' }))).toEqual(['on']);
    expect(paths(() => recordAcceptance(delisted, { level: 'township', on: '2025-08-02', grade: '合格' }))).toEqual(['on']);
    // An entry dated before 摘牌, recorded late, is accepted.
    expect(recordProgress(delisted, { itemId: 'common-leading-group', on: '2025-04-03', status: 'done', note: '补录' }).progress.at(-1)!.note).toBe('补录');
  });

  it('a follow-up of another organisation, not later, or not comparable', async () => {
    const c = listed();
    expect(paths(() => recordFollowUp(c, { ...followUp, orgId: '990109101299' }))).toEqual(['orgId']);
    expect(paths(() => recordFollowUp(c, { ...followUp, assessedOn: '2025-02-20' }))).toEqual(['assessedOn']);
    const other = await screen(lifecycleFixtures()[0]!.cases[0]!.followUpAssessments[0], { thresholds: { C05: { satisfactionRate: 0.5 } } });
    expect(paths(() => recordFollowUp(c, other))).toEqual(['ruleset']);
    const once = recordFollowUp(c, followUp);
    expect(paths(() => recordFollowUp(once, followUp))).toEqual(['assessedOn']);
  });

  it('an unknown key in an entry is named itself', () => {
    expect(paths(() => recordProgress(listed(), { itemId: 'common-leading-group', on: '2025-04-03', status: 'done', remark: 'x' } as never))).toEqual(['remark']);
    expect(paths(() => recordProgress(listed(), { itemId: 'common-leading-group', on: '2025-04-03', status: 'finished' } as never))).toEqual(['status']);
  });
});

describe('readCase', () => {
  it('returns a valid stored case as given', () => {
    const stored = lifecycleFixtures()[0]!.cases[0]!.case;
    expect(readCase(stored)).toBe(stored);
  });

  it('names every bad field of a stored case', () => {
    const stored = (): RectificationCase => lifecycleFixtures()[0]!.cases[0]!.case;
    const bad = stored() as unknown as Record<string, unknown> & RectificationCase;
    bad.progress[0]!.on = '2025-13-01';
    (bad.problems[1] as { closedOn?: string }).closedOn = 'soon';
    bad.notes = 'x';
    expect(paths(() => readCase(bad)).sort()).toEqual(['notes', 'problems.1.closedOn', 'progress.0.on']);
    const unknownItem = stored();
    unknownItem.progress[2]!.itemId = 'C99-nothing';
    expect(paths(() => readCase(unknownItem))).toEqual(['progress.2.itemId']);
    const early = stored();
    early.listing[0]!.on = '2025-01-01';
    expect(paths(() => readCase(early))).toEqual(['listing.0.on']);
    const otherOrg = stored();
    otherOrg.plan.orgId = '990109101299';
    expect(paths(() => readCase(otherOrg))).toEqual(['plan.orgId']);
    expect(paths(() => readCase([]))).toEqual(['']);
    expect(paths(() => caseStatus({ ...stored(), kind: 'town' } as never, { asOf: '2025-05-01' }))).toEqual(['kind']);
  });

  it('isCaseError recognises a CaseError from the CommonJS build (dist/)', () => {
    const cjs = createRequire(import.meta.url)('../dist/index.cjs') as typeof import('../src/index.js');
    let thrown: unknown;
    try {
      cjs.openCase(sound);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeDefined();
    expect(isCaseError(thrown)).toBe(true);
    expect(cjs.isCaseError(thrown)).toBe(true);
    expect(isOptionsError(thrown)).toBe(false);
    expect(isCaseError(new Error('x'))).toBe(false);
  });
});

describe('caseStatus rules', () => {
  it('counts a recurring item once per occurrence, and a progress entry answers one occurrence', () => {
    const b = lifecycleFixtures()[1]!.cases[0]!.case;
    const fresh = { ...b, progress: [] };
    expect(caseStatus(fresh, { asOf: '2025-04-01' }).itemsTotal).toBe(18);
    const one = recordProgress(fresh, { itemId: 'C07-finance-disclosure', occurrence: '2025-07-15', on: '2025-07-15', status: 'done' });
    const status = caseStatus(one, { asOf: '2025-07-20' });
    expect(status.itemsDone).toBe(1);
    expect(status.overdue.filter((o) => o.itemId === 'C07-finance-disclosure')).toEqual([
      { itemId: 'C07-finance-disclosure', occurrence: '2025-04-15', due: '2025-04-15', daysOverdue: 96 },
    ]);
  });

  it('an item due on asOf is not overdue; the next day it is, by one day', () => {
    const c = listed();
    expect(caseStatus(c, { asOf: '2025-04-06' }).overdue).toEqual([]);
    expect(caseStatus(c, { asOf: '2025-04-06' }).nextDue).toBe('2025-04-06');
    const next = caseStatus(c, { asOf: '2025-04-07' });
    expect(next.overdue[0]).toEqual({ itemId: 'common-leading-group', due: '2025-04-06', daysOverdue: 1 });
    expect(next.nextDue).toBe('2025-04-20');
  });

  it('a not-listed case is closed: nothing overdue, nothing due', () => {
    const c = recordListing(openCase(result, { start: '2025-04-01' }), { stage: 'not-listed', on: '2025-03-28', by: '雾岫县委常委会' });
    const status = caseStatus(c, { asOf: '2025-12-31' });
    expect(status.stage).toBe('not-listed');
    expect(status.overdue).toEqual([]);
    expect(status.nextDue).toBeUndefined();
    expect(caseStatus(c, { asOf: '2025-03-27' }).stage).toBe('screened');
  });

  it('gives every reason 摘牌 is not allowed: grade not 合格, score under 70, over half dissatisfied', () => {
    let c = recordAcceptance(rectified(), { level: 'township', on: '2025-07-18', grade: '基本合格', score: 65, dissatisfiedShare: 0.3 });
    c = recordAcceptance(c, { level: 'county', on: '2025-07-25', grade: '基本合格' });
    expect(caseStatus(c, { asOf: '2025-07-31' }).reasons).toEqual([
      { zh: '乡镇（街道）党（工）委评定等次为“基本合格”，未达到“合格”', en: 'the township grade is 基本合格, not 合格 (pass)' },
      { zh: '综合得分65分，低于70分', en: 'the township score 65 is under 70' },
      { zh: '县委组织部批复等次为“基本合格”，未达到“合格”', en: 'the county grade is 基本合格, not 合格 (pass)' },
    ]);
    const failed = recordAcceptance(rectified(), { level: 'township', on: '2025-07-18', grade: '不合格', score: 72, dissatisfiedShare: 0.55 });
    expect(caseStatus(failed, { asOf: '2025-07-31' }).reasons.map((r) => r.zh)).toEqual([
      '乡镇（街道）党（工）委评定等次为“不合格”，未达到“合格”',
      '不满意票占55%，超过50%，直接认定为不合格',
      '县委组织部尚未批复验收结果',
    ]);
  });

  it('a grade after 基本合格 supersedes it; the earlier grades stay, and apply to dates before', () => {
    let c = recordAcceptance(rectified(), { level: 'township', on: '2025-07-18', grade: '基本合格', score: 68 });
    c = recordAcceptance(c, { level: 'county', on: '2025-07-25', grade: '基本合格' });
    c = recordAcceptance(c, { level: 'township', on: '2026-01-20', grade: '合格', score: 82, dissatisfiedShare: 0.1 });
    expect(c.acceptance).toEqual({ township: { on: '2026-01-20', grade: '合格', score: 82, dissatisfiedShare: 0.1 } });
    expect(c.earlierAcceptances).toEqual([
      { level: 'township', on: '2025-07-18', grade: '基本合格', score: 68 },
      { level: 'county', on: '2025-07-25', grade: '基本合格' },
    ]);
    expect(caseStatus(c, { asOf: '2025-12-31' }).stage).toBe('accepted');
    expect(caseStatus(c, { asOf: '2026-01-20' }).stage).toBe('rectifying');
    expect(caseStatus(c, { asOf: '2026-01-20' }).reasons.map((r) => r.en)).toEqual(['the county organisation department has not approved the grade']);
    expect(paths(() => recordAcceptance(c, { level: 'township', on: '2026-01-19', grade: '合格' }))).toEqual(['on']);
    c = recordAcceptance(c, { level: 'county', on: '2026-01-28', grade: '合格' });
    expect(caseStatus(c, { asOf: '2026-01-28' }).canDelist).toBe(true);
  });

  it('a follow-up screening not converted is a reason; a later converted one supersedes it', async () => {
    const still = await screen({ ...lifecycleFixtures()[0]!.cases[0]!.assessment, assessedOn: '2025-07-01' });
    let c = recordFollowUp(accepted(), still);
    expect(caseStatus(c, { asOf: '2025-07-31' }).reasons).toEqual([
      {
        zh: '2025年7月1日复查未达到转化要求：第①项“班子配备不齐、书记长期缺职、工作停滞”仍存在；第⑩项“无固定活动场所”仍存在',
        en: 'the follow-up screening of 2025-07-01 is not converted: C01 persisting; C10 persisting',
      },
    ]);
    c = recordFollowUp(c, followUp);
    expect(c.earlierFollowUps?.map((f) => f.assessedOn)).toEqual(['2025-07-01']);
    expect(caseStatus(c, { asOf: '2025-07-09' }).canDelist).toBe(false);
    expect(caseStatus(c, { asOf: '2025-07-31' }).canDelist).toBe(true);
  });

  it('refuses a bad asOf with an OptionsError naming it', () => {
    for (const asOf of ['2025-02-30', '', undefined]) {
      try {
        caseStatus(listed(), { asOf } as never);
        throw new Error('expected an OptionsError');
      } catch (error) {
        expect(isOptionsError(error)).toBe(true);
        expect((error as { issues: Array<{ path: string }> }).issues[0]!.path).toBe('asOf');
      }
    }
  });
});

describe("locale: 'zh-CN'", () => {
  const zh = { locale: 'zh-CN' as const };
  const REFUSED = '整顿台账记录未被接受（组织编码 990109101201）：';
  const OPTIONS = '选项有误：';
  type Issue = { path: string; message: string };

  /** What `run` throws: the kind of error, its first line and its issues. */
  function thrown(run: () => unknown): { kind: string; message: string; issues?: Issue[] } {
    try {
      run();
    } catch (error) {
      const kind = isCaseError(error) ? 'CaseError' : isOptionsError(error) ? 'OptionsError' : (error as Error).constructor.name;
      return { kind, message: (error as Error).message, issues: (error as { issues?: Issue[] }).issues };
    }
    throw new Error('expected an error');
  }

  // One refusal of each function, hand-written: the header of the error and every issue.
  const REFUSALS: Array<[string, () => unknown, string, string, Issue[]]> = [
    ['recordListing: a second decision', () => recordListing(listed(), { stage: 'proposed', on: '2025-04-01', by: '萤川镇党委' }, zh), 'CaseError', REFUSED, [
      { path: 'stage', message: '名单已于 2025-03-28 确定' },
    ]],
    ['recordProgress: before the list is decided', () => recordProgress(openCase(result), { itemId: 'common-leading-group', on: '2025-04-10', status: 'done' }, zh), 'CaseError', REFUSED, [
      { path: 'on', message: '整顿对象名单尚未确定：请先记录县委常委会研究确定名单' },
    ]],
    ['closeProblem: an unknown problem', () => closeProblem(listed(), 'C99.x', { on: '2025-05-01' }, zh), 'CaseError', REFUSED, [
      { path: 'id', message: '本档案中没有问题“C99.x”（现有问题：C01.secretaryAbsentMonths、C10.hasFixedVenue）' },
    ]],
    ['recordAcceptance: 合格 under 70 points, over half dissatisfied', () =>
      recordAcceptance(rectified(), { level: 'township', on: '2025-07-18', grade: '合格', score: 69, dissatisfiedShare: 0.6 }, zh), 'CaseError', REFUSED, [
      { path: 'score', message: '评定为“合格”须综合得分 70 分以上；得分为 69 分' },
      { path: 'dissatisfiedShare', message: '不满意票占 60%，超过半数的直接评定为不合格，不能评定为“合格”' },
    ]],
    ['recordFollowUp: another organisation, not later', () => recordFollowUp(listed(), { ...followUp, orgId: '990109101299', assessedOn: '2025-02-20' }, zh), 'CaseError', REFUSED, [
      { path: 'orgId', message: '应为本档案党组织的组织编码“990109101201”；填写的是“990109101299”' },
      { path: 'assessedOn', message: '复查日期应晚于本档案的排查日期（2025-02-20）；填写的是 2025-02-20' },
    ]],
    ['recordDelisting: canDelist false', () => recordDelisting(listed(), { on: '2025-08-01', by: '雾岫县委组织部' }, zh), 'CaseError', REFUSED, [
      { path: 'on', message: '2025-08-01 尚不具备摘牌条件：问题“班子配备不齐、书记长期缺职、工作停滞（书记不能正常履职时长）”尚未销号' },
      { path: 'on', message: '2025-08-01 尚不具备摘牌条件：问题“无固定活动场所”尚未销号' },
      { path: 'on', message: '2025-08-01 尚不具备摘牌条件：乡镇（街道）党（工）委尚未评定验收等次' },
      { path: 'on', message: '2025-08-01 尚不具备摘牌条件：县委组织部尚未批复验收结果' },
    ]],
    ['recordLookBack: before 摘牌', () => recordLookBack(accepted(), { on: '2026-07-01', outcome: 'stable' }, zh), 'CaseError', REFUSED, [
      { path: 'on', message: '“回头看”在摘牌之后开展，本档案尚未记录摘牌' },
    ]],
    ['recordProgress: a status not known', () => recordProgress(listed(), { itemId: 'common-leading-group', on: '2025-04-10', status: 'finished' } as never, zh), 'CaseError', REFUSED, [
      { path: 'status', message: '应为以下之一：已开始（started）、已完成（done）' },
    ]],
    ['openCase: a result that is not weak-lax', () => openCase(sound, zh), 'CaseError', REFUSED, [
      { path: 'verdict', message: '只有初步排查为软弱涣散的党组织才建立整顿档案；该结果为“正常”' },
    ]],
    ['openCase: a bad template and an unknown option', () => openCase(result, { strat: '2025-04-01', template: 'weekly', ...zh } as never), 'OptionsError', OPTIONS, [
      { path: 'template', message: '应为以下之一：集中整顿三个月（intensive）、年度整顿九个月（annual）' },
      { path: 'strat', message: '无法识别的项目名称“strat”；是否应为“start”？' },
    ]],
    ['readCase: a stored date that does not exist', () => readCase({ ...listed(), progress: [{ itemId: 'common-leading-group', on: '2025-13-01', status: 'done' }] }, zh), 'CaseError', REFUSED, [
      { path: 'progress.0.on', message: '应为真实存在的日期，格式为 YYYY-MM-DD' },
    ]],
    ['caseStatus: no asOf', () => caseStatus(listed(), { ...zh } as never), 'OptionsError', OPTIONS, [
      { path: 'asOf', message: '应为真实存在的日期，格式为 YYYY-MM-DD；未填写' },
    ]],
    ['ledger: a case whose name is a number', () => ledger([{ ...listed(), orgName: 5 } as never], { asOf: '2025-10-31', ...zh }), 'CaseError', REFUSED, [
      { path: 'orgName', message: '应为文本，填写的是数字 5' },
    ]],
    ['history: a decision dated before the screening', () => history([{ ...listed(), listing: [{ ...DECIDED, on: '2025-02-01' }] }], zh), 'CaseError', REFUSED, [
      { path: 'listing.0.on', message: '不能早于排查日期（2025-02-20）；填写的是 2025-02-01' },
    ]],
    ['renderLedger: an unknown language', () => renderLedger(ledger([listed()], { asOf: '2025-10-31' }), { lang: 'fr', ...zh } as never), 'OptionsError', OPTIONS, [
      { path: 'lang', message: '月报语言应为“zh”（中文）或“en”（英文）；填写的是“fr”' },
    ]],
  ];

  it.each(REFUSALS)('%s', (_name, run, kind, header, issues) => {
    const error = thrown(run);
    expect(error.kind).toBe(kind);
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe([header, ...issues.map((issue) => `  - ${issue.path}：${issue.message}`)].join('\n'));
  });

  it('renderLedger: something that is not a ledger, in Chinese', () => {
    expect(thrown(() => renderLedger({} as never, { lang: 'zh', ...zh }))).toEqual({
      kind: 'TypeError',
      message: 'renderLedger：整顿台账的截止日期缺失或有误，应传入 ledger() 生成的结果',
      issues: undefined,
    });
  });

  it('leaves the next call in English: each call has its own language', () => {
    expect(thrown(() => recordLookBack(accepted(), { on: '2026-07-01', outcome: 'stable' }, zh)).message).toMatch(/^整顿台账记录未被接受/);
    expect(refusal(() => recordLookBack(accepted(), { on: '2026-07-01', outcome: 'stable' }))).toEqual([
      { path: 'on', message: 'the look-back follows the sign taken off, which is not recorded' },
    ]);
    expect(thrown(() => caseStatus(listed(), { asOf: '2025-02-30' })).message).toBe('Invalid options:\n  - asOf: must be a real calendar date YYYY-MM-DD, got "2025-02-30"');
  });

  it('gives the reasons 摘牌 is not allowed in both languages, whatever the locale', () => {
    const c = recordAcceptance(rectified(), { level: 'township', on: '2025-07-18', grade: '不合格', score: 65, dissatisfiedShare: 0.55 });
    expect(caseStatus(c, { asOf: '2025-07-20', ...zh }).reasons).toEqual(caseStatus(c, { asOf: '2025-07-20' }).reasons);
    expect(caseStatus(c, { asOf: '2025-07-20' }).reasons.map((r) => r.zh)).toEqual([
      '乡镇（街道）党（工）委评定等次为“不合格”，未达到“合格”',
      '综合得分65分，低于70分',
      '不满意票占55%，超过50%，直接认定为不合格',
      '县委组织部尚未批复验收结果',
    ]);
  });
});
