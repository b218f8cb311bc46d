/**
 * fast-check arbitraries for assessments, shared by the differential tests and their worker
 * threads: missing data everywhere (every group and field may be absent), counts and shares
 * at and around thresholds and warning lines, dates whole months back from `assessedOn` ±1
 * day, month ends and 29 February, and (on request) bad records of many kinds.
 */
import fc from 'fast-check';
import { FIELDS, INDICATOR_GROUPS, keyOf, type FieldSpec, type GroupSpec } from '../../src/schema/fields.js';
import { assessmentSchema } from '../../src/schema/assessment.js';

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

const bool = fc.boolean();

const REGIONS = [
  { province: '青川省', city: '石泉市', county: '枫桥县', township: '青石镇' },
  { province: '青川省', city: '石泉市', county: '枫桥县', township: '柳溪乡' },
  { province: '青川省', city: '云岭州', county: '白沙县', township: '云岭民族乡' },
  { province: '青川省', city: '云岭州', county: '白沙县', township: '东湖街道' },
  { county: '松涛县' },
];

/** Values of a count field: around every threshold and warning line, and the field's bound where it has one. */
function countArb(field: FieldSpec): fc.Arbitrary<number> {
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  const near = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13].filter((n) => n <= max);
  return fc.oneof(fc.constantFrom(...near), fc.integer({ min: 0, max: Math.min(max, 40) }), fc.constantFrom(max, Math.max(0, max - 1)));
}

const share = fc.oneof(
  fc.constantFrom(0, 0.3, 0.59, 0.5999999999999999, 0.6, 0.6000000000000001, 0.65, 0.69, 0.7, 0.7000000000000001, 0.71, 0.85, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

/** A valid value of one field, by its type; dates relative to assessedOn (resolved later). */
function valueArb(field: FieldSpec): fc.Arbitrary<unknown> {
  let arb: fc.Arbitrary<unknown>;
  switch (field.type) {
    case 'count':
      arb = countArb(field);
      break;
    case 'amount': {
      const max = field.max ?? Number.MAX_VALUE;
      arb = fc.oneof(fc.constantFrom(0, 49_999, 50_000, 99_999, 100_000, max), fc.nat(300_000).filter((n) => n <= max));
      break;
    }
    case 'share':
      arb = share;
      break;
    case 'boolean':
      arb = bool;
      break;
    case 'date':
      arb = relativeDateArb.map((spec) => ({ relative: spec }));
      break;
    case 'enum':
      arb = fc.constantFrom(...field.values!);
      break;
    case 'id':
    case 'text':
      arb = fc.constantFrom('甲', 'x');
      break;
  }
  return field.nullable ? fc.oneof(fc.constant(null), arb) : arb;
}

/** A group of optional fields, each present or absent. */
function groupArb(group: GroupSpec): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(group.fields.map((f) => [keyOf(f.path), valueArb(f)])), { requiredKeys: [] });
}

/** The raw material of one assessment; dates are resolved against assessedOn in `toAssessment`. */
const specArb = fc.record({
  id: fc.integer({ min: 1, max: 999_999 }),
  kind: fc.constantFrom('village', 'community'),
  level: fc.option(fc.constantFrom('committee', 'general-branch', 'branch'), { nil: undefined }),
  region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
  assessedOn: assessedOnArb,
  groups: fc.record(Object.fromEntries(INDICATOR_GROUPS.map((g) => [g.path, fc.option(groupArb(g), { nil: undefined })])), { requiredKeys: [] }),
});

type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function toAssessment(spec: Spec): Record<string, unknown> {
  const { assessedOn } = spec;
  const org: Record<string, unknown> = { id: `99${String(spec.id).padStart(10, '0')}`, name: `样例${spec.id}村党支部`, kind: spec.kind };
  if (spec.level !== undefined) org.level = spec.level;
  if (spec.region !== undefined) org.region = { ...spec.region };
  const out: Record<string, unknown> = { org, assessedOn };
  for (const group of INDICATOR_GROUPS) {
    const values = (spec.groups as Record<string, Record<string, unknown> | undefined>)[group.path];
    if (!values) continue;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      copy[key] = value !== null && typeof value === 'object' && 'relative' in value ? resolveDate(assessedOn, (value as { relative: RelativeDate }).relative) : value;
    }
    out[group.path] = copy;
  }
  // Valid records keep the cross-field rules: seatsFilled <= seatsRequired; a shortage date
  // only while a seat is short; no absent secretary on a vacant post.
  const l = out.leadership as { seatsFilled?: unknown; seatsRequired?: unknown; seatsShortSince?: unknown; secretaryVacantSince?: unknown; secretaryAbsentSince?: unknown } | undefined;
  if (l && typeof l.seatsFilled === 'number' && typeof l.seatsRequired === 'number') {
    if (l.seatsFilled > l.seatsRequired) [l.seatsFilled, l.seatsRequired] = [l.seatsRequired, l.seatsFilled];
    if (l.seatsShortSince === null && (l.seatsFilled as number) < (l.seatsRequired as number)) l.seatsFilled = l.seatsRequired;
    if (typeof l.seatsShortSince === 'string' && l.seatsFilled === l.seatsRequired) l.seatsShortSince = null;
  }
  if (l && typeof l.secretaryVacantSince === 'string' && typeof l.secretaryAbsentSince === 'string') l.secretaryAbsentSince = null;
  return out;
}

/** A valid assessment (cn-2017-ten and cn-2019-extended accept it), missing data included. */
export const assessmentArb: fc.Arbitrary<Record<string, unknown>> = specArb.map(toAssessment);

/** Values just outside what a field of this type accepts (and other wrong types). */
function badValues(field: FieldSpec): unknown[] {
  const common = [undefined, {}, [], field.nullable ? 'null' : null];
  switch (field.type) {
    case 'count':
      return [...common, -1, 1.5, '2', Number.MAX_SAFE_INTEGER + 1, Number.NaN, ...(field.max !== undefined ? [field.max + 1] : [])];
    case 'amount':
      return [...common, -1, -0.5, Number.POSITIVE_INFINITY, Number.NaN, '5', ...(field.max !== undefined ? [field.max + 0.5] : [])];
    case 'share':
      return [...common, -1e-9, 1.0000001, 85, 100, 101, '0.8', Number.NaN];
    case 'boolean':
      return [...common, 'yes', 1, 0, 'true'];
    case 'date':
      return [...common, '2017-02-29', '2017-2-1', '2017/02/01', '10000-01-01', '2099-01-01', 20170101];
    case 'enum':
      return [...common, 'bad', (field.values![0] ?? '').toUpperCase(), 1];
    case 'id':
      return [...common, '', 5];
    case 'text':
      return [...common, 5, true];
  }
}

/** A valid record with one field of the table set to a value outside its type or bounds. */
const badFieldArb = fc
  .tuple(assessmentArb, fc.nat(FIELDS.length - 1), fc.nat(20))
  .map(([a, f, v]) => {
    const field = FIELDS[f]!;
    const values = badValues(field);
    const value = values[v % values.length];
    const copy = structuredClone(a);
    const keys = field.path.split('.');
    let target = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys[keys.length - 1]!] = value;
    return copy;
  })
  // `undefined` and, for nullable date fields, a string "null" may still be valid somewhere; keep only records zod rejects.
  .filter((record) => !assessmentSchema.safeParse(record).success);

/** Ways to spoil a valid record; each gives a record `screen` rejects (or a non-object). */
const MUTATIONS: ReadonlyArray<(a: Record<string, unknown>) => unknown> = [
  (a) => ({ ...a, leadership: { ...(a.leadership as object), seatFilled: 3 } }),
  (a) => ({ ...a, unknownGroup: {} }),
  (a) => ({ ...a, safety: { ...(a.safety as object), repeatPetitions: -1 } }),
  (a) => ({ ...a, safety: { ...(a.safety as object), repeatPetitions: 2.5 } }),
  (a) => ({ ...a, safety: { ...(a.safety as object), petitions: 3 } }),
  (a) => ({ ...a, leadership: { seatsRequired: 5, seatsFilled: 5, seatsShortSince: '2015-01-01' } }),
  (a) => ({ ...a, leadership: { seatsRequired: 5, seatsFilled: 4, seatsShortSince: null } }),
  (a) => ({ ...a, leadership: { secretaryVacantSince: '2015-01-01', secretaryAbsentSince: '2015-02-01' } }),
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

/** A bad record: a valid one spoiled in one way (a mutation above, or any field of the table out of its bounds). */
export const badRecordArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(assessmentArb, fc.nat(MUTATIONS.length - 1)).map(([a, i]) => MUTATIONS[i]!(a)),
  badFieldArb,
);

/** Threshold overrides for cn-2017-ten, including values that pass (and clamp) warning lines. */
export const thresholdsArb = fc.record(
  {
    C01: fc.record(
      { secretaryVacantMonths: fc.constantFrom(0, 1, 2, 4, 6, 0.5), secretaryAbsentMonths: fc.constantFrom(0, 2, 6), seatsShortMonths: fc.constantFrom(0, 1, 6) },
      { requiredKeys: [] },
    ),
    C03: fc.record({ confirmedConflicts: fc.constantFrom(1, 2, 4) }),
    C04: fc.record(
      {
        monthsSinceElection: fc.constantFrom(48, 60, 61, 66, 72),
        termMonths: fc.constantFrom(36, 60, 72),
        partyClasses: fc.constantFrom(0, 2, 3),
        committeeMeetings: fc.constantFrom(4, 12, 13),
        themedPartyDays: fc.constantFrom(3, 12, 13),
      },
      { requiredKeys: [] },
    ),
    C05: fc.record({ satisfactionRate: fc.constantFrom(0.5, 0.65, 0.7, 0.75) }),
    C08: fc.record(
      { repeatPetitions: fc.constantFrom(2, 3, 5, 6, 8), petitionBacklog: fc.constantFrom(1, 3), massIncidents: fc.constantFrom(1, 2) },
      { requiredKeys: [] },
    ),
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
