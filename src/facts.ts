/**
 * Facts: the flat, dotted view of a validated assessment that rules read
 * (`service.satisfactionRate`), plus the derived month counts.
 *
 * @module
 */
import { GROUP_FIELDS, type Assessment } from './schema/assessment.js';
import { monthsElapsed } from './internals/dates.js';
import { ownPath } from './internals/path.js';

/** A fact's value; `undefined` means the input did not say (unknown). */
export type FactValue = number | boolean | string | null | undefined;

/** Facts keyed by dotted name. */
export type Facts = Record<string, FactValue>;

/**
 * Derived facts and the input path each is computed from. `missing` reports the input
 * path, since that is what a user has to fill in.
 */
export const DERIVED_FACTS: Readonly<Record<string, string>> = {
  'leadership.secretaryVacantMonths': 'leadership.secretaryVacantSince',
  'organisationLife.monthsSinceElection': 'organisationLife.lastElectionOn',
  'membership.monthsSinceCandidate': 'membership.lastCandidateOn',
};

const ORG_FACTS = ['org.kind', 'org.level'] as const;

/** Every fact name a rule may read, `extra.*` aside. */
export const FACT_NAMES: ReadonlySet<string> = new Set([
  ...ORG_FACTS,
  ...Object.entries(GROUP_FIELDS).flatMap(([group, fields]) => fields.map((field) => `${group}.${field}`)),
  ...Object.keys(DERIVED_FACTS),
]);

/**
 * True when the input at a dotted path (`membership.lastCandidateOn`) is absent from the
 * assessment. A derived fact can be unknown while its input is present (`lastCandidateOn:
 * null`, never), and `missing` names absent inputs only.
 */
export function inputAbsent(assessment: Assessment, path: string): boolean {
  return ownPath(assessment, path) === undefined;
}

/** The input path behind a fact: itself, or the field a derived fact comes from. */
export function inputPathOf(fact: string): string {
  return DERIVED_FACTS[fact] ?? fact;
}

/** Months from `date` to `assessedOn`; `whenNull` for a `null` date, unknown for an absent one. @internal */
export function monthsSince(date: string | null | undefined, assessedOn: string, whenNull: number | undefined): FactValue {
  if (date === undefined) return undefined;
  if (date === null) return whenNull;
  return monthsElapsed(date, assessedOn);
}

/**
 * Builds the facts of a validated assessment: every input field under its dotted path
 * (absent fields are `undefined`), `org.kind`/`org.level`, `extra.<name>`, and
 * - `leadership.secretaryVacantMonths`: months since the 书记 post fell vacant, 0 when filled (`null`);
 * - `organisationLife.monthsSinceElection`: months since the last 换届;
 * - `membership.monthsSinceCandidate`: months since the last 发展对象 (unknown when never: `null`).
 */
export function buildFacts(assessment: Assessment): Facts {
  const facts: Facts = { 'org.kind': assessment.org.kind, 'org.level': assessment.org.level };
  const groups = assessment as unknown as Record<string, Record<string, FactValue> | undefined>;
  for (const [group, fields] of Object.entries(GROUP_FIELDS)) {
    const values = groups[group];
    for (const field of fields) facts[`${group}.${field}`] = values?.[field];
  }
  for (const [name, value] of Object.entries(assessment.extra ?? {})) facts[`extra.${name}`] = value;
  const { assessedOn } = assessment;
  facts['leadership.secretaryVacantMonths'] = monthsSince(assessment.leadership?.secretaryVacantSince, assessedOn, 0);
  facts['organisationLife.monthsSinceElection'] = monthsSince(assessment.organisationLife?.lastElectionOn, assessedOn, undefined);
  facts['membership.monthsSinceCandidate'] = monthsSince(assessment.membership?.lastCandidateOn, assessedOn, undefined);
  return facts;
}
