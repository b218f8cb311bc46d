/**
 * A fast acceptor for batches: recognises an assessment that `assessmentSchema` (and the
 * ruleset's declared `extra` facts) would accept, and returns the same parsed value, about
 * fifty times faster than running zod. It never rejects anything: whatever it does not
 * recognise as plainly valid (an unknown key, a wrong type, a value out of range, a class
 * instance, a key present with `undefined`, …) returns `undefined`, and the caller then
 * validates with zod as `screen` does, so a bad record gets exactly the same issues.
 *
 * Validation is therefore never weakened: the acceptor accepts a subset of what zod accepts,
 * with the same output (same keys, same key order). The tests hold it to zod on random and
 * mutated inputs, and a drift check below switches it off (everything goes to zod) if the
 * schema's keys no longer match the table here.
 *
 * @module
 */
import { GROUP_FIELDS, KNOWN_KEYS, type Assessment } from './assessment.js';
import { daysInMonth } from '../internals/dates.js';
import type { ExtraFactType } from '../ruleset.js';

type FieldKind = 'count' | 'boolean' | 'date' | 'dateOrNull' | 'share' | 'amount' | readonly string[];

const RATINGS = ['excellent', 'competent', 'basic', 'incompetent'] as const;

/** Every indicator group and field, in schema order, with what zod requires of it. */
const GROUPS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, FieldKind]>]> = [
  ['leadership', [['seatsRequired', 'count'], ['seatsFilled', 'count'], ['secretaryVacantSince', 'dateOrNull'], ['workStalled', 'boolean']]],
  ['secretary', [['rating', RATINGS], ['disengaged', 'boolean']]],
  ['unity', [['conflictReports', 'count'], ['workDisrupted', 'boolean']]],
  [
    'organisationLife',
    [
      ['lastElectionOn', 'date'],
      ['branchAssemblies', 'count'],
      ['committeeMeetings', 'count'],
      ['partyClasses', 'count'],
      ['lifeMeetingHeld', 'boolean'],
      ['memberReviewHeld', 'boolean'],
    ],
  ],
  ['service', [['satisfactionRate', 'share']]],
  ['elections', [['voteBuyingCases', 'count'], ['clanInterference', 'boolean'], ['religiousInterference', 'boolean'], ['criminalInfiltration', 'boolean']]],
  ['affairs', [['affairsDisclosures', 'count'], ['financeDisclosures', 'count'], ['supervisionCommitteeActive', 'boolean'], ['fourTwoMethodApplied', 'boolean']]],
  ['safety', [['criminalCases', 'count'], ['massIncidents', 'count'], ['petitions', 'count'], ['collectivePetitions', 'count'], ['unresolvedDisputes', 'count']]],
  ['conduct', [['disciplineCases', 'count'], ['corruptionCases', 'count']]],
  ['venue', [['hasFixedVenue', 'boolean']]],
  ['economy', [['collectiveIncome', 'amount']]],
  ['membership', [['lastCandidateOn', 'dateOrNull']]],
];
const ROOT_KEYS = ['org', 'assessedOn', ...GROUPS.map(([group]) => group), 'extra'];
const ORG_KEYS = ['id', 'name', 'kind', 'level', 'region'];
const REGION_KEYS = ['province', 'city', 'county', 'township'];
const KINDS = ['village', 'community'];
const LEVELS = ['committee', 'general-branch', 'branch'];

const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((key, i) => key === b[i]);

/** False when the schema has changed under this table: then every record goes to zod. */
export const ACCEPTOR_IN_STEP: boolean =
  sameList(KNOWN_KEYS[''], ROOT_KEYS) &&
  sameList(KNOWN_KEYS.org, ORG_KEYS) &&
  sameList(KNOWN_KEYS['org.region'], REGION_KEYS) &&
  sameList(Object.keys(GROUP_FIELDS), GROUPS.map(([group]) => group)) &&
  GROUPS.every(([group, fields]) => sameList(GROUP_FIELDS[group], fields.map(([field]) => field)));

/**
 * What zod's `z.iso.date()` accepts (a real calendar date with a four-digit year, 0000
 * included), checked with arithmetic instead of zod's long leap-year regex.
 */
function isDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (const i of DIGIT_POSITIONS) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const year = +text.slice(0, 4);
  const month = +text.slice(5, 7);
  const day = +text.slice(8, 10);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9];
const ROOT_SET = new Set(ROOT_KEYS);
const ORG_SET = new Set(ORG_KEYS);
const REGION_SET = new Set(REGION_KEYS);
const GROUP_SETS = new Map(GROUPS.map(([group, fields]) => [group, new Set(fields.map(([field]) => field))]));

type Plain = Record<string, unknown>;

/** A plain object (from JSON.parse or a literal) with only `known` keys, none set to `undefined`. */
function plainWith(value: unknown, known: ReadonlySet<string>): value is Plain {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!known.has(key) || (value as Plain)[key] === undefined) return false;
  }
  return true;
}

function fieldOk(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'count':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isDate(value);
    case 'dateOrNull':
      return value === null || (typeof value === 'string' && isDate(value));
    case 'share':
      return typeof value === 'number' && value >= 0 && value <= 1;
    case 'amount':
      return typeof value === 'number' && value >= 0 && value <= Number.MAX_VALUE;
    default:
      return kind.includes(value as string);
  }
}

/**
 * Returns the parsed assessment when `input` is plainly valid (for a ruleset declaring
 * `extraFacts`), else `undefined`: then validate with zod. Never returns a value zod would
 * reject. The value returned is deep-equal to zod's output; unlike zod's, it shares the
 * input's indicator groups and `extra` (read, never written, by the evaluator) rather than
 * copying them, and only `org` (whose `region` goes into results) is rebuilt in schema order.
 */
export function acceptAssessment(input: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>): Assessment | undefined {
  if (!ACCEPTOR_IN_STEP || !plainWith(input, ROOT_SET)) return undefined;
  const org = input.org;
  if (!plainWith(org, ORG_SET)) return undefined;
  const { id, name, kind, level, region } = org;
  if (typeof id !== 'string' || id.length === 0 || typeof name !== 'string' || name.length === 0) return undefined;
  if (!KINDS.includes(kind as string) || (level !== undefined && !LEVELS.includes(level as string))) return undefined;
  const outOrg: Plain = { id, name, kind };
  if (level !== undefined) outOrg.level = level;
  if (region !== undefined) {
    if (!plainWith(region, REGION_SET)) return undefined;
    const { province, city, county, township } = region;
    const outRegion: Plain = {};
    if (province !== undefined) {
      if (typeof province !== 'string') return undefined;
      outRegion.province = province;
    }
    if (city !== undefined) {
      if (typeof city !== 'string') return undefined;
      outRegion.city = city;
    }
    if (county !== undefined) {
      if (typeof county !== 'string') return undefined;
      outRegion.county = county;
    }
    if (township !== undefined) {
      if (typeof township !== 'string') return undefined;
      outRegion.township = township;
    }
    outOrg.region = outRegion;
  }
  const assessedOn = input.assessedOn;
  if (typeof assessedOn !== 'string' || !isDate(assessedOn)) return undefined;
  for (let g = 0; g < GROUPS.length; g++) {
    const entry = GROUPS[g]!;
    const values = input[entry[0]];
    if (values === undefined) continue;
    if (!plainWith(values, GROUP_SETS.get(entry[0])!)) return undefined;
    const fields = entry[1];
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!;
      const value = values[field[0]];
      if (value === undefined) continue;
      const fieldKind = field[1];
      if (!fieldOk(fieldKind, value)) return undefined;
      // Cross-field rule: no date after assessedOn (both are valid YYYY-MM-DD here).
      if ((fieldKind === 'date' || fieldKind === 'dateOrNull') && value !== null && (value as string) > assessedOn) return undefined;
    }
  }
  const leadership = input.leadership as { seatsRequired?: number; seatsFilled?: number } | undefined;
  if (leadership?.seatsFilled !== undefined && leadership.seatsRequired !== undefined && leadership.seatsFilled > leadership.seatsRequired) {
    return undefined;
  }
  const extra = input.extra;
  if (extra !== undefined) {
    if (typeof extra !== 'object' || extra === null) return undefined;
    const proto = Object.getPrototypeOf(extra);
    if (proto !== Object.prototype && proto !== null) return undefined;
    for (const key of Reflect.ownKeys(extra)) {
      if (typeof key !== 'string' || key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(extra, key)) return undefined;
      if (!Object.hasOwn(extraFacts, key)) return undefined;
      const value = (extra as Plain)[key];
      if (value !== null) {
        if (typeof value !== extraFacts[key]) return undefined;
        if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
      }
    }
  }
  const out: Plain = { ...input };
  out.org = outOrg;
  return out as Assessment;
}
