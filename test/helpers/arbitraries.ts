/**
 * fast-check arbitraries for assessments, shared by the differential tests and their worker
 * threads: missing data everywhere (every group and field may be absent), counts and shares
 * at and around thresholds and warning lines, dates whole months back from `assessedOn` ±1
 * day, month ends and 29 February, and (on request) bad records of many kinds.
 */
import fc from 'fast-check';

const MONTHS_BACK = [0, 1, 2, 3, 4, 5, 6, 11, 12, 17, 18, 19, 23, 24, 25, 59, 60, 61, 65, 66, 67, 120];
const DAY_CHOICES = [1, 9, 10, 15, 27, 28, 29, 30, 31];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
function fmt(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
function shiftDays(text: string, days: number): string {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) + days * 86_400_000);
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
/** `months` whole months before `assessedOn` (day clamped to the month's end), then `dayDelta` days. */
function monthsBefore(assessedOn: string, months: number, dayDelta: number, dayOverride?: number): string {
  const [y, m, d] = assessedOn.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(dayOverride ?? d, daysIn(year, month));
  return shiftDays(fmt(year, month, day), dayDelta);
}

const assessedOnArb = fc
  .record({ year: fc.integer({ min: 2016, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.constantFrom(...DAY_CHOICES) })
  .map(({ year, month, day }) => fmt(year, month, Math.min(day, daysIn(year, month))));

/** A date relative to assessedOn: months back, ±1 day, sometimes forced to a month end. */
const relativeDateArb = fc.record({
  months: fc.oneof(fc.constantFrom(...MONTHS_BACK), fc.nat(150)),
  dayDelta: fc.constantFrom(-1, 0, 0, 0, 1),
  monthEnd: fc.boolean(),
});
type RelativeDate = { months: number; dayDelta: number; monthEnd: boolean };
function resolveDate(assessedOn: string, spec: RelativeDate): string {
  const date = monthsBefore(assessedOn, spec.months, spec.dayDelta, spec.monthEnd ? 31 : undefined);
  // Keep valid records valid: no date after assessedOn.
  return date > assessedOn ? assessedOn : date;
}

const count = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13), fc.nat(40));
const share = fc.oneof(
  fc.constantFrom(0, 0.3, 0.59, 0.5999999999999999, 0.6, 0.6000000000000001, 0.65, 0.69, 0.7, 0.7000000000000001, 0.71, 0.85, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const bool = fc.boolean();
const opt = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { requiredKeys: [] });

const REGIONS = [
  { province: '河南省', city: '周口市', county: '扶沟县', township: '城关镇' },
  { province: '河南省', city: '周口市', county: '扶沟县', township: '练寺镇' },
  { province: '陕西省', city: '咸阳市', county: '淳化县', township: '城关镇' },
  { province: '湖南省', city: '郴州市', county: '苏仙区', township: '苏仙街道' },
  { county: '西吉县' },
];

/** The raw material of one assessment; dates are resolved against assessedOn in `toAssessment`. */
const specArb = fc.record({
  id: fc.integer({ min: 1, max: 999_999 }),
  kind: fc.constantFrom('village', 'community'),
  level: fc.option(fc.constantFrom('committee', 'general-branch', 'branch'), { nil: undefined }),
  region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
  assessedOn: assessedOnArb,
  leadership: fc.option(
    opt({
      seatsRequired: count,
      seatsFilled: count,
      secretaryVacantSince: fc.oneof(fc.constant(null), relativeDateArb),
      workStalled: bool,
    }),
    { nil: undefined },
  ),
  secretary: fc.option(opt({ rating: fc.constantFrom('excellent', 'competent', 'basic', 'incompetent'), disengaged: bool }), { nil: undefined }),
  unity: fc.option(opt({ conflictReports: count, workDisrupted: bool }), { nil: undefined }),
  organisationLife: fc.option(
    opt({
      lastElectionOn: relativeDateArb,
      branchAssemblies: count,
      committeeMeetings: count,
      partyClasses: count,
      lifeMeetingHeld: bool,
      memberReviewHeld: bool,
    }),
    { nil: undefined },
  ),
  service: fc.option(opt({ satisfactionRate: share }), { nil: undefined }),
  elections: fc.option(
    opt({ voteBuyingCases: count, clanInterference: bool, religiousInterference: bool, criminalInfiltration: bool }),
    { nil: undefined },
  ),
  affairs: fc.option(
    opt({ affairsDisclosures: count, financeDisclosures: count, supervisionCommitteeActive: bool, fourTwoMethodApplied: bool }),
    { nil: undefined },
  ),
  safety: fc.option(
    opt({ criminalCases: count, massIncidents: count, petitions: count, collectivePetitions: count, unresolvedDisputes: count }),
    { nil: undefined },
  ),
  conduct: fc.option(opt({ disciplineCases: count, corruptionCases: count }), { nil: undefined }),
  venue: fc.option(opt({ hasFixedVenue: bool }), { nil: undefined }),
  economy: fc.option(opt({ collectiveIncome: fc.oneof(fc.constantFrom(0, 49_999, 50_000, 99_999, 100_000), fc.nat(300_000)) }), {
    nil: undefined,
  }),
  membership: fc.option(opt({ lastCandidateOn: fc.oneof(fc.constant(null), relativeDateArb) }), { nil: undefined }),
});

type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function toAssessment(spec: Spec): Record<string, unknown> {
  const { assessedOn } = spec;
  const org: Record<string, unknown> = { id: String(spec.id).padStart(12, '0'), name: `样例${spec.id}村党支部`, kind: spec.kind };
  if (spec.level !== undefined) org.level = spec.level;
  if (spec.region !== undefined) org.region = { ...spec.region };
  const out: Record<string, unknown> = { org, assessedOn };
  if (spec.leadership) {
    const l: Record<string, unknown> = { ...spec.leadership };
    if (l.secretaryVacantSince !== undefined && l.secretaryVacantSince !== null) {
      l.secretaryVacantSince = resolveDate(assessedOn, l.secretaryVacantSince as RelativeDate);
    }
    // Valid records keep seatsFilled <= seatsRequired.
    if (typeof l.seatsFilled === 'number' && typeof l.seatsRequired === 'number' && l.seatsFilled > l.seatsRequired) {
      [l.seatsFilled, l.seatsRequired] = [l.seatsRequired, l.seatsFilled];
    }
    out.leadership = l;
  }
  for (const group of ['secretary', 'unity', 'service', 'elections', 'affairs', 'safety', 'conduct', 'venue', 'economy'] as const) {
    if (spec[group]) out[group] = { ...spec[group] };
  }
  if (spec.organisationLife) {
    const o: Record<string, unknown> = { ...spec.organisationLife };
    if (o.lastElectionOn !== undefined) o.lastElectionOn = resolveDate(assessedOn, o.lastElectionOn as RelativeDate);
    out.organisationLife = o;
  }
  if (spec.membership) {
    const m: Record<string, unknown> = { ...spec.membership };
    if (m.lastCandidateOn !== undefined && m.lastCandidateOn !== null) m.lastCandidateOn = resolveDate(assessedOn, m.lastCandidateOn as RelativeDate);
    out.membership = m;
  }
  return out;
}

/** A valid assessment (cn-2017-ten and cn-2019-extended accept it), missing data included. */
export const assessmentArb: fc.Arbitrary<Record<string, unknown>> = specArb.map(toAssessment);

/** Ways to spoil a valid record; each gives a record `screen` rejects (or a non-object). */
const MUTATIONS: ReadonlyArray<(a: Record<string, unknown>) => unknown> = [
  (a) => ({ ...a, leadership: { ...(a.leadership as object), seatFilled: 3 } }),
  (a) => ({ ...a, unknownGroup: {} }),
  (a) => ({ ...a, safety: { ...(a.safety as object), petitions: -1 } }),
  (a) => ({ ...a, safety: { ...(a.safety as object), petitions: 2.5 } }),
  (a) => ({ ...a, service: { satisfactionRate: 85 } }),
  (a) => ({ ...a, service: { satisfactionRate: '0.8' } }),
  (a) => ({ ...a, leadership: { seatsRequired: 5, seatsFilled: 6 } }),
  (a) => ({ ...a, organisationLife: { lastElectionOn: '2099-01-01' } }),
  (a) => ({ ...a, assessedOn: '2017-02-29' }),
  (a) => ({ ...a, assessedOn: '2017-2-1' }),
  (a) => ({ ...a, org: { ...(a.org as object), kind: 'town' } }),
  (a) => ({ ...a, org: { ...(a.org as object), id: '' } }),
  (a) => ({ ...a, org: { ...(a.org as object), region: { county: 5 } } }),
  (a) => ({ ...a, extra: { collectiveIncome: 1 } }),
  (a) => ({ ...a, venue: { hasFixedVenue: 'yes' } }),
  (a) => ({ ...a, venue: { hasFixedVenue: undefined } }),
  (a) => ({ ...a, secretary: { rating: 'bad' } }),
  (a) => ({ ...a, economy: { collectiveIncome: -5 } }),
  (a) => ({ ...a, conduct: null }),
  (a) => ({ ...a, leadership: [] }),
  (a) => {
    const { org: _org, ...rest } = a;
    return rest;
  },
  () => null,
  () => 42,
  () => 'a string',
  () => [],
];

/** A bad record: a valid one spoiled in one way. */
export const badRecordArb: fc.Arbitrary<unknown> = fc
  .tuple(assessmentArb, fc.nat(MUTATIONS.length - 1))
  .map(([a, i]) => MUTATIONS[i]!(a));

/** Threshold overrides for cn-2017-ten, including values that pass (and clamp) warning lines. */
export const thresholdsArb = fc.record(
  {
    C01: fc.record({ secretaryVacantMonths: fc.constantFrom(0, 1, 2, 4, 6, 0.5) }),
    C03: fc.record({ conflictReports: fc.constantFrom(1, 2, 4) }),
    C04: fc.record(
      { monthsSinceElection: fc.constantFrom(48, 60, 61, 72), partyClasses: fc.constantFrom(0, 2, 3), committeeMeetings: fc.constantFrom(4, 12, 13) },
      { requiredKeys: [] },
    ),
    C05: fc.record({ satisfactionRate: fc.constantFrom(0.5, 0.65, 0.7, 0.75) }),
    C08: fc.record({ petitions: fc.constantFrom(3, 5, 6, 8, 12), massIncidents: fc.constantFrom(1, 2) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/**
 * Threshold sets for the bulk comparison: a fixed pool, as a batch has one options object
 * (each distinct set is compiled once; the property tests cover the full variety).
 */
const THRESHOLD_POOL = fc.sample(thresholdsArb, { seed: 2017, numRuns: 24 });

/** A record for the bulk comparison: ~92% valid, ~8% bad; a quarter with threshold overrides. */
export const mixedCaseArb = fc.record({
  record: fc.oneof({ weight: 23, arbitrary: assessmentArb }, { weight: 2, arbitrary: badRecordArb }),
  thresholds: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...THRESHOLD_POOL) }),
});
