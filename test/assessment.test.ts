import { describe, expect, it } from 'vitest';
import { AssessmentError, isAssessmentError, screen, type Issue } from '../src/index.js';
import { assessmentOf } from './helpers/fixtures.js';

const base = () => assessmentOf('01-'); // complete, sound

async function issuesOf(input: unknown, locale?: 'en' | 'zh-CN'): Promise<Issue[]> {
  try {
    await screen(input, locale ? { locale } : undefined);
  } catch (error) {
    expect(isAssessmentError(error)).toBe(true);
    expect(error).toBeInstanceOf(AssessmentError);
    expect((error as AssessmentError).code).toBe('ERR_ASSESSMENT');
    return (error as AssessmentError).issues;
  }
  throw new Error('expected an AssessmentError');
}

type Mutate = (a: ReturnType<typeof base>) => unknown;
const set = (group: string, field: string, value: unknown): Mutate => (a) => {
  (a as Record<string, Record<string, unknown>>)[group] = { ...(a as Record<string, Record<string, unknown>>)[group], [field]: value };
  return a;
};

// [class of bad input, mutation, expected path, message fragment]
const invalid: Array<[string, Mutate, string, RegExp]> = [
  ['unknown top-level key', (a) => ({ ...a, leadershp: {} }), 'leadershp', /unknown key; did you mean "leadership"/],
  ['misspelt nested key', (a) => { (a.leadership as Record<string, unknown>).seatFilled = 3; return a; }, 'leadership.seatFilled', /did you mean "seatsFilled"/],
  ['negative count', set('safety', 'repeatPetitions', -1), 'safety.repeatPetitions', /0 or more; got the number -1/],
  ['a field removed in 0.2', set('safety', 'petitions', 3), 'safety.petitions', /unknown key/],
  ['a shortage date while the committee is complete', set('leadership', 'seatsShortSince', '2025-01-01'), 'leadership.seatsShortSince', /write null when the committee is complete/],
  ['an absent secretary on a vacant post', (a) => { Object.assign(a.leadership as object, { secretaryVacantSince: '2025-01-01', secretaryAbsentSince: '2025-02-01' }); return a; }, 'leadership.secretaryAbsentSince', /vacant post has no secretary/],
  ['fractional count', set('organisationLife', 'partyClasses', 1.5), 'organisationLife.partyClasses', /int/],
  ['count as a string', set('conduct', 'disciplineCases', '2'), 'conduct.disciplineCases', /number/],
  ['impossible calendar date', set('organisationLife', 'lastElectionOn', '2021-02-30'), 'organisationLife.lastElectionOn', /date/i],
  ['date in another format', (a) => ({ ...a, assessedOn: '2026/03/31' }), 'assessedOn', /date/i],
  ['date after assessedOn', set('leadership', 'secretaryVacantSince', '2099-01-01'), 'leadership.secretaryVacantSince', /after assessedOn/],
  ['seats filled above seats required', set('leadership', 'seatsFilled', 9), 'leadership.seatsFilled', /must not exceed seatsRequired/],
  ['satisfaction as a percentage', set('service', 'satisfactionRate', 85), 'service.satisfactionRate', /did you mean 0\.85\?/],
  ['satisfaction below 0', set('service', 'satisfactionRate', -0.1), 'service.satisfactionRate', /between 0 and 1/],
  ['unknown organisation kind', (a) => { (a.org as Record<string, unknown>).kind = 'town'; return a; }, 'org.kind', /village|community/],
  ['boolean as a string', set('venue', 'hasFixedVenue', 'yes'), 'venue.hasFixedVenue', /boolean/],
  ['missing org', (a) => { delete (a as Record<string, unknown>).org; return a; }, 'org', /object/],
  ['missing assessedOn', (a) => { delete (a as Record<string, unknown>).assessedOn; return a; }, 'assessedOn', /required: a real calendar date written YYYY-MM-DD/],
  ['undeclared extra fact', (a) => ({ ...a, extra: { secretaryAbsentMonths: 4 } }), 'extra.secretaryAbsentMonths', /not declared by ruleset cn-2017-ten/],
  ['group given as a list', (a) => ({ ...a, venue: [true] }), 'venue', /object/],
];

describe('invalid assessments reject with AssessmentError naming the field', () => {
  it.each(invalid)('%s', async (_name, mutate, path, pattern) => {
    const issues = await issuesOf(mutate(base()));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(pattern);
  });

  it.each([null, undefined, 42, 'village', [], true])('non-object input %j', async (input) => {
    const issues = await issuesOf(input);
    expect(issues).toEqual([{ path: '', message: 'expected an object (one assessment)' }]);
  });

  it('lists every bad field at once, cross-field rules included', async () => {
    const a = base();
    a.leadership = { ...(a.leadership as object), seatsFilled: 9, seatFilled: 1 };
    a.service = { satisfactionRate: 85 };
    a.organisationLife = { ...(a.organisationLife as object), lastElectionOn: '2099-01-01' };
    (a.safety as Record<string, unknown>).petitions = -2;
    const paths = (await issuesOf(a)).map((i) => i.path).sort();
    expect(paths).toEqual([
      'leadership.seatFilled',
      'leadership.seatsFilled',
      'organisationLife.lastElectionOn',
      'safety.petitions',
      'service.satisfactionRate',
    ]);
  });

  it('a cross-field rule compares only values that are valid in themselves', async () => {
    // Hand-checked: a negative seat count is its own error; "filled exceeds required" and the
    // shortage rule stay silent rather than compare with it. A date that is not a date cannot
    // lie after assessedOn.
    const a = base();
    a.leadership = { ...(a.leadership as object), seatsRequired: -1, seatsFilled: 3, seatsShortSince: '2025-01-01' };
    a.organisationLife = { ...(a.organisationLife as object), lastElectionOn: '2099-02-30' };
    const issues = await issuesOf(a);
    expect(issues.map((i) => i.path).sort()).toEqual(['leadership.seatsRequired', 'organisationLife.lastElectionOn']);
    // The same values, valid: each rule speaks.
    a.leadership = { ...(a.leadership as object), seatsRequired: 2 };
    a.organisationLife = { ...(a.organisationLife as object), lastElectionOn: '2099-02-28' };
    expect((await issuesOf(a)).map((i) => i.path).sort()).toEqual(['leadership.seatsFilled', 'leadership.seatsShortSince', 'organisationLife.lastElectionOn']);
  });

  it('names the organisation in the error when it can', async () => {
    const a = base();
    (a.safety as Record<string, unknown>).petitions = -2;
    await expect(screen(a)).rejects.toMatchObject({ orgId: a.org.id, message: expect.stringContaining('safety.petitions') });
  });

  it('speaks Chinese with locale zh-CN', async () => {
    const a = base();
    (a.service as Record<string, unknown>).satisfactionRate = 85;
    (a.leadership as Record<string, unknown>).seatFilled = 1;
    (a.safety as Record<string, unknown>).petitions = 1.5;
    const issues = await issuesOf(a, 'zh-CN');
    expect(issues.find((i) => i.path === 'service.satisfactionRate')!.message).toBe('群众满意率应为 0 到 1 之间的比例；是否应为 0.85？');
    expect(issues.find((i) => i.path === 'leadership.seatFilled')!.message).toBe('无法识别的项目名称“seatFilled”；是否应为“seatsFilled”（班子实有人数）？');
    expect(issues.find((i) => i.path === 'safety.petitions')!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts dates on assessedOn itself and leap days', async () => {
    const a = base();
    a.assessedOn = '2024-02-29';
    (a.leadership as Record<string, unknown>).secretaryVacantSince = '2024-02-29';
    (a.organisationLife as Record<string, unknown>).lastElectionOn = '2021-02-28';
    await expect(screen(a)).resolves.toMatchObject({ assessedOn: '2024-02-29' });
  });
});
