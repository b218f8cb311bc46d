/**
 * fast-check arbitraries for assessments: every group and field optional, values clustered
 * around the thresholds and warning lines, dates near month ends.
 */
import fc from 'fast-check';

const count = (max = 15) => fc.oneof(fc.integer({ min: 0, max }), fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12));
const date = (minYear: number, maxYear: number) =>
  fc
    .record({
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(29, 30, 31)),
    })
    .map(({ year, month, day }) => {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
    });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });

/** Drops `undefined` values, so that an absent field is absent, not `undefined`. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
const group = <T extends Record<string, unknown>>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  opt(fc.record(fields).map(compact));

/** A valid assessment (dates on or before assessedOn, seats consistent), with random gaps. */
export const assessmentArb = fc
  .record({
    id: fc.stringMatching(/^[0-9]{12}$/),
    kind: fc.constantFrom('village', 'community'),
    assessedOn: date(2019, 2027),
    township: opt(fc.constantFrom('岔路镇', '南塔街道', '许家洞镇')),
    seatsRequired: opt(fc.integer({ min: 3, max: 9 })),
    seatsShort: fc.integer({ min: 0, max: 3 }),
    vacantSince: opt(fc.option(date(2015, 2027), { nil: null })),
    electionOn: opt(date(2012, 2027)),
    candidateOn: opt(fc.option(date(2015, 2027), { nil: null })),
    rest: fc.record({
      secretary: group({ rating: opt(fc.constantFrom('excellent', 'competent', 'basic', 'incompetent')), disengaged: opt(fc.boolean()) }),
      unity: group({ conflictReports: opt(count(5)), workDisrupted: opt(fc.boolean()) }),
      organisationLife: group({
        branchAssemblies: opt(count(6)), committeeMeetings: opt(count(14)), partyClasses: opt(count(4)),
        lifeMeetingHeld: opt(fc.boolean()), memberReviewHeld: opt(fc.boolean()),
      }),
      service: group({ satisfactionRate: opt(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.59, 0.6, 0.69, 0.7, 1))) }),
      elections: group({
        voteBuyingCases: opt(count(3)), clanInterference: opt(fc.boolean()), religiousInterference: opt(fc.boolean()), criminalInfiltration: opt(fc.boolean()),
      }),
      affairs: group({
        affairsDisclosures: opt(count(6)), financeDisclosures: opt(count(6)), supervisionCommitteeActive: opt(fc.boolean()), fourTwoMethodApplied: opt(fc.boolean()),
      }),
      safety: group({
        criminalCases: opt(count(8)), massIncidents: opt(count(2)), petitions: opt(count(14)), collectivePetitions: opt(count(5)), unresolvedDisputes: opt(count(8)),
      }),
      conduct: group({ disciplineCases: opt(count(2)), corruptionCases: opt(count(2)) }),
      venue: group({ hasFixedVenue: opt(fc.boolean()) }),
      economy: group({ collectiveIncome: opt(fc.oneof(fc.integer({ min: 0, max: 200000 }), fc.constantFrom(49999, 50000, 99999, 100000))) }),
      workStalled: opt(fc.boolean()),
    }),
  })
  .map((r) => {
    const notAfter = (d: string | null | undefined) => (typeof d === 'string' && d > r.assessedOn ? r.assessedOn : d);
    const leadership = compact({
      seatsRequired: r.seatsRequired,
      seatsFilled: r.seatsRequired === undefined ? undefined : Math.max(0, r.seatsRequired - r.seatsShort),
      secretaryVacantSince: notAfter(r.vacantSince),
      workStalled: r.rest.workStalled,
    });
    const { workStalled: _w, organisationLife, ...groups } = r.rest;
    const life = compact({ ...organisationLife, lastElectionOn: notAfter(r.electionOn) });
    const membership = r.candidateOn === undefined ? undefined : { lastCandidateOn: notAfter(r.candidateOn) };
    return compact({
      org: compact({ id: r.id, name: `测试村${r.id.slice(-3)}`, kind: r.kind, region: r.township ? { township: r.township } : undefined }),
      assessedOn: r.assessedOn,
      leadership: Object.keys(leadership).length ? leadership : undefined,
      organisationLife: Object.keys(life).length ? life : undefined,
      membership,
      ...groups,
    }) as Record<string, unknown> & { org: { id: string }; assessedOn: string };
  });
