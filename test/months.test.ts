import { describe, expect, it } from 'vitest';
import { fractionalMonths, monthsElapsed } from '../src/internals/dates.js';
import { monthsInWords } from '../src/facts.js';
import { screen } from '../src/index.js';
import { assessmentOf } from './helpers/fixtures.js';

describe('calendar months, clamped to the end of the month', () => {
  it.each([
    ['2017-01-10', '2017-04-10', 3],
    ['2017-01-10', '2017-04-09', 2],
    ['2017-01-31', '2017-02-28', 1],
    ['2017-01-31', '2017-02-27', 0],
    ['2016-01-31', '2016-02-29', 1], // leap year: clamped to the 29th
    ['2016-01-31', '2016-02-28', 0],
    ['2025-11-30', '2026-02-28', 3], // 11-30 + 3 months = 02-30, clamped to 02-28
    ['2025-12-31', '2026-03-30', 2], // + 3 months = 03-31, after 03-30: months are added to the original date
    ['2021-03-31', '2026-09-30', 66],
    ['2021-03-31', '2026-09-29', 65],
    ['2017-05-05', '2017-05-05', 0],
    ['2016-02-29', '2017-02-28', 12],
  ])('%s → %s is %i', (from, to, months) => {
    expect(monthsElapsed(from, to)).toBe(months);
  });

  it('derives secretaryVacantMonths (0 when the post is filled) and monthsSinceElection', async () => {
    const a = assessmentOf('01-');
    a.assessedOn = '2017-04-09';
    (a.leadership as Record<string, unknown>).secretaryVacantSince = '2017-01-10';
    (a.organisationLife as Record<string, unknown>).lastElectionOn = '2014-04-10';
    const result = await screen(a);
    const evidence = (id: string, fact: string) =>
      result.criteria.find((c) => c.id === id)!.evidence.find((e) => e.fact === fact)!;
    // 2017-01-10 + 2 months = 03-10 (on or before 04-09), + 3 = 04-10 (after): 2 months and
    // 30 of the 31 days from 03-10 to 04-10: 2 + 30/31 = 2.96.
    expect(evidence('C01', 'leadership.secretaryVacantMonths')).toEqual({
      fact: 'leadership.secretaryVacantMonths',
      label: { zh: '书记空缺时长', en: 'secretary post vacant for' },
      operator: 'greaterThan',
      threshold: 3,
      warningLine: 1,
      actual: 2.96,
      met: false,
      words: { zh: '2个月30天', en: '2 months 30 days' },
      branch: 'C01.secretaryVacantMonths',
    });
    expect(evidence('C04', 'organisationLife.monthsSinceElection')).toMatchObject({ actual: 35.96, met: false, words: { zh: '35个月30天' } });

    (a.leadership as Record<string, unknown>).secretaryVacantSince = null;
    const filled = await screen(a);
    // null: the post is filled, 0 months, nothing missing and nothing to say in words.
    expect(filled.criteria[0]!.evidence[0]).toMatchObject({ actual: 0, met: false });
    expect(filled.criteria[0]!.evidence[0]!.words).toBeUndefined();
    expect(filled.criteria[0]!.missing).toEqual([]);
  });
});

describe('fractional months (contract, "Months")', () => {
  it.each([
    ['2017-01-10', '2017-04-10', 3, '3个月', '3 months'],
    ['2017-01-10', '2017-04-11', 3.03, '3个月1天', '3 months 1 day'],
    ['2027-01-15', '2027-03-31', 2.51, '2个月16天', '2 months 16 days'],
    ['2025-11-30', '2026-02-28', 3, '3个月', '3 months'], // + 3 months clamps to 02-28
    ['2025-11-30', '2026-03-01', 3.03, '3个月1天', '3 months 1 day'], // then 1 day of the 30 to 03-30
    ['2026-03-31', '2026-03-31', 0, '0天', '0 days'],
    ['2026-03-30', '2026-03-31', 0.03, '1天', '1 day'], // 1 of 30 days (to 04-30): 0.033 floored
    ['2024-02-29', '2026-02-28', 24, '24个月', '24 months'], // 2026-02-29 does not exist: clamped
  ])('%s → %s is %d (%s)', (from, to, value, zh, en) => {
    expect(fractionalMonths(from, to)).toBe(value);
    expect(monthsInWords(from, to)).toEqual({ zh, en });
  });

  it('"more than 3 months" is strict on it and "at least 3" inclusive: exactly 3 months is at least 3, not more than 3', () => {
    const exactly = fractionalMonths('2017-01-10', '2017-04-10');
    const oneDayMore = fractionalMonths('2017-01-10', '2017-04-11');
    expect([exactly > 3, exactly >= 3, oneDayMore > 3]).toEqual([false, true, true]);
  });
});

describe('years 0000–0099 (valid ISO 8601 dates that Date.UTC would shift to 1900–1999)', () => {
  it('are real dates for validation and month arithmetic', async () => {
    expect(monthsElapsed('0000-01-31', '0000-02-29')).toBe(1); // 0000 is a leap year
    expect(monthsElapsed('1900-01-31', '1900-02-28')).toBe(1); // 1900 is not
    const a = assessmentOf('01-');
    (a.organisationLife as Record<string, unknown>).lastElectionOn = '0001-01-01';
    const result = await screen(a);
    // 0001-01-01 to 2026-03-31: (2026 - 1) × 12 + 2 months, then 30 of the 31 days of March.
    expect(result.criteria.find((c) => c.id === 'C04')!.evidence[0]).toMatchObject({ actual: (2026 - 1) * 12 + 2 + 0.96, met: true });
  });
});

describe('fractional months (contract, "Months")', () => {
  it.each([
    ['2017-01-10', '2017-04-10', 3, '3个月', '3 months'],
    ['2017-01-10', '2017-04-11', 3.03, '3个月1天', '3 months 1 day'],
    ['2027-01-15', '2027-03-31', 2.51, '2个月16天', '2 months 16 days'],
    ['2025-11-30', '2026-02-28', 3, '3个月', '3 months'], // + 3 months clamps to 02-28
    ['2025-11-30', '2026-03-01', 3.03, '3个月1天', '3 months 1 day'], // then 1 day of the 30 to 03-30
    ['2026-03-31', '2026-03-31', 0, '0天', '0 days'],
    ['2026-03-30', '2026-03-31', 0.03, '1天', '1 day'], // 1 of 30 days (to 04-30): 0.033 floored
    ['2024-02-29', '2026-02-28', 24, '24个月', '24 months'], // 2026-02-29 does not exist: clamped
  ])('%s → %s is %d (%s)', (from, to, value, zh, en) => {
    expect(fractionalMonths(from, to)).toBe(value);
    expect(monthsInWords(from, to)).toEqual({ zh, en });
  });

  it('"more than 3 months" is strict on it and "at least 3" inclusive: exactly 3 months is at least 3, not more than 3', () => {
    const exactly = fractionalMonths('2017-01-10', '2017-04-10');
    const oneDayMore = fractionalMonths('2017-01-10', '2017-04-11');
    expect([exactly > 3, exactly >= 3, oneDayMore > 3]).toEqual([false, true, true]);
  });
});

describe('years 0000–0099 in a batch', () => {
  it('the compiled path agrees with screen', async () => {
    const { screenMany } = await import('../src/index.js');
    const a = assessmentOf('01-');
    (a.organisationLife as Record<string, unknown>).lastElectionOn = '0000-02-29';
    (a.leadership as Record<string, unknown>).secretaryVacantSince = '0099-12-31';
    const entries = [];
    for await (const entry of screenMany([a])) entries.push(entry);
    expect(entries).toEqual([{ index: 0, ok: true, result: await screen(a) }]);
  });
});

describe('the last valid assessment date', () => {
  it('still gives a serialisable result whose plan runs into year 10000', async () => {
    const { planRectification } = await import('../src/index.js');
    const result = await screen({ org: { id: 'c', name: '村', kind: 'village' }, assessedOn: '9999-12-31', venue: { hasFixedVenue: false } });
    const json = JSON.parse(JSON.stringify(result));
    expect(json.timeline[0].start).toBe('10000-01-01');
    // 0.2: a plan never starts before assessedOn; the annual template is anchored at the next 1st.
    const plan = planRectification(result, { start: '9999-12-31' });
    expect([plan.start, plan.end]).toEqual(['9999-12-31', '10000-03-30']);
    expect(planRectification(result, { start: '9999-12-31', template: 'annual' }).start).toBe('10000-01-01');
  });
});
