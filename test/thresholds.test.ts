import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  defaultThresholds,
  isOptionsError,
  rulesets,
  screen,
  type Assessment,
  type OptionsError,
  type ScreenOptions,
  type ScreeningResult,
} from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The sound baseline village (fixtures/villages/01, assessed 2026-03-31), read rather than copied. */
const baseline = (
  JSON.parse(readFileSync(`${root}fixtures/villages/01-sound-baseline.json`, 'utf8')) as { assessment: Assessment }
).assessment;

function withGroup<K extends keyof Assessment>(key: K, value: Assessment[K]): Assessment {
  return { ...baseline, [key]: value };
}

function outcomeOf(result: ScreeningResult, id: string) {
  const c = result.criteria.find((criterion) => criterion.id === id)!;
  return c.outcome === 'not-matched' && c.near ? 'near' : c.outcome;
}

async function optionsError(input: unknown, options: unknown): Promise<OptionsError> {
  try {
    await screen(input, options as ScreenOptions);
  } catch (error) {
    if (isOptionsError(error)) return error;
    throw error;
  }
  throw new Error('expected an OptionsError');
}

/**
 * A secretaryVacantSince date giving exactly `months` months on 2026-03-15: the 15th of the
 * month `months` before March (so the derived fact is the whole number, no days over).
 */
const vacantFor = (months: number): string => {
  const index = 2026 * 12 + 2 - months; // months since year 0, March 2026 = 2026 * 12 + 2
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-15`;
};

describe('threshold overrides: effective numbers', () => {
  it('reports the defaults when nothing is overridden', async () => {
    const result = await screen(baseline);
    expect(result.ruleset.thresholds).toEqual(defaultThresholds);
    expect(result.ruleset.thresholds.C05).toEqual({ satisfactionRate: 0.6 });
  });

  it('merges a partial override over the defaults, criterion by criterion and name by name', async () => {
    const result = await screen(baseline, { thresholds: { C08: { repeatPetitions: 20 }, C01: { secretaryVacantMonths: 6 } } });
    expect(result.ruleset.thresholds).toEqual({
      ...defaultThresholds,
      C01: { ...defaultThresholds.C01, secretaryVacantMonths: 6 },
      C08: { ...defaultThresholds.C08, repeatPetitions: 20 },
    });
    expect(result.ruleset.thresholds.C08).toEqual({
      massIncidents: 1,
      repeatPetitions: 20,
      petitionBacklog: 2,
      collectivePetitions: 3,
      criminalCases: 5,
      unresolvedDisputes: 5,
    });
  });

  it('never mutates the ruleset, the defaults or the options', async () => {
    const options = { thresholds: { C03: { confirmedConflicts: 9 } } };
    const before = structuredClone(options);
    const first = await screen(baseline, options);
    first.ruleset.thresholds.C03!.confirmedConflicts = 99;
    const second = await screen(baseline);
    expect(second.ruleset.thresholds.C03).toEqual({ confirmedConflicts: 1 });
    expect(defaultThresholds.C03).toEqual({ confirmedConflicts: 1 });
    expect(rulesets['cn-2017-ten'].criteria[2]!.thresholds.confirmedConflicts!.default).toBe(1);
    expect(options).toEqual(before);
  });

  it('accepts an empty override object and an empty criterion entry', async () => {
    expect((await screen(baseline, { thresholds: {} })).ruleset.thresholds).toEqual(defaultThresholds);
    expect((await screen(baseline, { thresholds: { C05: {} } })).ruleset.thresholds).toEqual(defaultThresholds);
  });

  it('overrides the extended ruleset\'s C11 and C12 by name', async () => {
    const result = await screen(
      { ...baseline, economy: { collectiveIncome: 80000 }, membership: { lastAdmittedOn: '2025-01-31' } },
      { ruleset: rulesets['cn-2019-extended'], thresholds: { C11: { collectiveIncome: 100000 }, C12: { monthsSinceAdmission: 14 } } },
    );
    expect(result.ruleset.thresholds.C11).toEqual({ collectiveIncome: 100000 });
    expect(result.ruleset.thresholds.C12).toEqual({ monthsSinceAdmission: 14 });
    expect(result.matched).toEqual(['C11', 'C12']);
  });
});

describe('threshold overrides: boundaries move exactly to the new numbers', () => {
  // C01 secretaryVacantMonths 6, "more than" (default 3, warning line "more than 1" stays).
  it.each([
    [0, 'not-matched'],
    [1, 'not-matched'],
    [2, 'near'],
    [5, 'near'],
    [6, 'near'],
    [7, 'matched'],
  ])('C01 secretaryVacantMonths 6: exactly %i months vacant -> %s', async (months, expected) => {
    const input = { ...withGroup('leadership', { ...baseline.leadership, secretaryVacantSince: vacantFor(months) }), assessedOn: '2026-03-15' };
    const result = await screen(input, { thresholds: { C01: { secretaryVacantMonths: 6 } } });
    expect(result.criteria[0]!.evidence[0]).toMatchObject({ fact: 'leadership.secretaryVacantMonths', actual: months, threshold: 6 });
    expect(outcomeOf(result, 'C01')).toBe(expected);
  });

  // C05 satisfactionRate 0.7 (default 0.6): the warning line 0.7 equals the threshold, so no near band.
  it.each([
    [0.59, 'matched'],
    [0.69, 'matched'],
    [0.7, 'not-matched'],
    [0.71, 'not-matched'],
  ])('C05 satisfactionRate 0.7: satisfaction %d -> %s', async (rate, expected) => {
    const result = await screen(withGroup('service', { satisfactionRate: rate }), { thresholds: { C05: { satisfactionRate: 0.7 } } });
    expect(outcomeOf(result, 'C05')).toBe(expected);
  });

  // C08 repeatPetitions 20 (default 5, warning line 3 stays): 5 repeat petitions no longer match.
  it.each([
    [2, 'not-matched'],
    [3, 'near'],
    [5, 'near'],
    [19, 'near'],
    [20, 'matched'],
  ])('C08 repeatPetitions 20: %i repeat petitions -> %s', async (repeatPetitions, expected) => {
    const result = await screen(withGroup('safety', { ...baseline.safety, repeatPetitions }), { thresholds: { C08: { repeatPetitions: 20 } } });
    expect(outcomeOf(result, 'C08')).toBe(expected);
  });

  // A lowered "at least" threshold: C08 petitionBacklog 1 passes the warning line 1, which clamps to 1: no near band.
  it.each([
    [0, 'not-matched'],
    [1, 'matched'],
    [2, 'matched'],
  ])('C08 petitionBacklog 1: a backlog of %i -> %s', async (petitionBacklog, expected) => {
    const result = await screen(withGroup('safety', { ...baseline.safety, petitionBacklog }), { thresholds: { C08: { petitionBacklog: 1 } } });
    expect(outcomeOf(result, 'C08')).toBe(expected);
  });

  // A raised "at least" threshold without a warning line: C03 confirmedConflicts 2.
  it.each([
    [0, 'not-matched'],
    [1, 'not-matched'],
    [2, 'matched'],
  ])('C03 confirmedConflicts 2: %i confirmed -> %s', async (confirmedConflicts, expected) => {
    const result = await screen(withGroup('unity', { ...baseline.unity, confirmedConflicts }), { thresholds: { C03: { confirmedConflicts: 2 } } });
    expect(outcomeOf(result, 'C03')).toBe(expected);
  });

  // A lowered "under" threshold: C04 committeeMeetings 3 (default 6, warning line 12 stays).
  it.each([
    [2, 'matched'],
    [3, 'near'],
    [11, 'near'],
    [12, 'not-matched'],
  ])('C04 committeeMeetings 3: %i meetings -> %s', async (committeeMeetings, expected) => {
    const input = withGroup('organisationLife', { ...baseline.organisationLife, committeeMeetings });
    const result = await screen(input, { thresholds: { C04: { committeeMeetings: 3 } } });
    expect(outcomeOf(result, 'C04')).toBe(expected);
  });
});

describe('threshold overrides: warning lines are clamped, never moved otherwise', () => {
  it('C05 satisfactionRate 0.75 passes the warning line 0.7, which clamps to 0.75: never near', async () => {
    for (const [rate, expected] of [[0.74, 'matched'], [0.75, 'not-matched'], [0.8, 'not-matched']] as const) {
      const result = await screen(withGroup('service', { satisfactionRate: rate }), { thresholds: { C05: { satisfactionRate: 0.75 } } });
      expect(outcomeOf(result, 'C05')).toBe(expected);
    }
    // The reported number is the threshold itself, not the warning line.
    const result = await screen(baseline, { thresholds: { C05: { satisfactionRate: 0.75 } } });
    expect(result.ruleset.thresholds.C05).toEqual({ satisfactionRate: 0.75 });
  });

  it('C04 monthsSinceElection 48 passes the warning line 66: 48 months 1 day is matched, exactly 48 is not near', async () => {
    // lastElectionOn 2022-03-30 -> 48.03 months on 2026-03-31 (more than 48); 2022-03-31 -> exactly 48.
    const at = (lastElectionOn: string) => withGroup('organisationLife', { ...baseline.organisationLife, lastElectionOn });
    const options = { thresholds: { C04: { monthsSinceElection: 48 } } };
    expect(outcomeOf(await screen(at('2022-03-30'), options), 'C04')).toBe('matched');
    expect(outcomeOf(await screen(at('2022-03-31'), options), 'C04')).toBe('not-matched');
  });

  it('a raised "more than" threshold keeps its warning line: C01 near band widens to more than 1 up to 6 months', async () => {
    const input = { ...withGroup('leadership', { ...baseline.leadership, secretaryVacantSince: vacantFor(2) }), assessedOn: '2026-03-15' };
    expect(outcomeOf(await screen(input, { thresholds: { C01: { secretaryVacantMonths: 6 } } }), 'C01')).toBe('near');
  });

  it('clamps the warning line of the extended ruleset too: C12 monthsSinceAdmission 12 leaves no near band', async () => {
    const options = { ruleset: rulesets['cn-2019-extended'], thresholds: { C12: { monthsSinceAdmission: 12 } } };
    const at = (lastAdmittedOn: string) => ({ ...baseline, economy: { collectiveIncome: 200000 }, membership: { lastAdmittedOn } });
    expect(outcomeOf(await screen(at('2025-03-31'), options), 'C12')).toBe('matched'); // 12 months
    expect(outcomeOf(await screen(at('2025-04-01'), options), 'C12')).toBe('not-matched'); // 11 months 30 days, not near
  });
});

describe('threshold overrides: validation', () => {
  it('names an unknown threshold by its full path, with a hint', async () => {
    const error = await optionsError(baseline, { thresholds: { C01: { secretaryVacantMonth: 6 } } });
    expect(error.code).toBe('ERR_OPTIONS');
    expect(error.issues).toEqual([
      { path: 'thresholds.C01.secretaryVacantMonth', message: expect.stringContaining('did you mean "secretaryVacantMonths"') },
    ]);
  });

  it('names an unknown criterion', async () => {
    const error = await optionsError(baseline, { thresholds: { C13: { petitions: 3 } } });
    expect(error.issues).toEqual([{ path: 'thresholds.C13', message: expect.stringContaining('unknown criterion "C13"') }]);
  });

  it('rejects C11 and C12 under the default ruleset, which does not have them', async () => {
    const error = await optionsError(baseline, { thresholds: { C11: { collectiveIncome: 1 }, C12: { monthsSinceAdmission: 1 } } });
    expect(error.issues.map((issue) => issue.path)).toEqual(['thresholds.C11', 'thresholds.C12']);
  });

  it('rejects a name on a criterion without thresholds, saying it has none', async () => {
    const error = await optionsError(baseline, { thresholds: { C10: { hasFixedVenue: 0 } } });
    expect(error.issues).toEqual([{ path: 'thresholds.C10.hasFixedVenue', message: expect.stringContaining('has no thresholds') }]);
  });

  it('rejects a threshold of another criterion', async () => {
    const error = await optionsError(baseline, { thresholds: { C05: { petitions: 20 } } });
    expect(error.issues.map((issue) => issue.path)).toEqual(['thresholds.C05.petitions']);
  });

  it.each([
    ['a string', '6'],
    ['a boolean', true],
    ['null', null],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s as a threshold number', async (_label, value) => {
    const error = await optionsError(baseline, { thresholds: { C01: { secretaryVacantMonths: value } } });
    expect(error.issues.map((issue) => issue.path)).toEqual(['thresholds.C01.secretaryVacantMonths']);
  });

  it('rejects a criterion entry that is not an object', async () => {
    const error = await optionsError(baseline, { thresholds: { C01: 6 } });
    expect(error.issues.map((issue) => issue.path)).toEqual(['thresholds.C01']);
  });

  it('lists every bad name at once', async () => {
    const error = await optionsError(baseline, {
      thresholds: { C01: { secretaryVacantMonth: 6, secretaryVacantMonths: 6 }, C99: {}, C08: { petition: 1, repeatPetitions: 1 } },
    });
    expect(error.issues.map((issue) => issue.path)).toEqual(['thresholds.C01.secretaryVacantMonth', 'thresholds.C99', 'thresholds.C08.petition']);
  });

  it('writes the messages in Chinese when options.locale is zh-CN', async () => {
    const error = await optionsError(baseline, { locale: 'zh-CN', thresholds: { C01: { secretaryVacantMonth: 6 }, C13: {} } });
    expect(error.issues).toEqual([
      { path: 'thresholds.C01.secretaryVacantMonth', message: '标准 C01 没有阈值“secretaryVacantMonth”；是否应为“secretaryVacantMonths”？' },
      { path: 'thresholds.C13', message: expect.stringContaining('规则集 cn-2017-ten 中没有标准“C13”') },
    ]);
  });

  it('checks names before the assessment: a bad option rejects even a bad assessment with an OptionsError', async () => {
    await expect(screen({}, { thresholds: { C01: { nope: 1 } } })).rejects.toSatisfy(isOptionsError);
  });
});
