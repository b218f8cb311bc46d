/**
 * Facts: what rules read. Every input field under its dotted path
 * (`service.satisfactionRate`), `org.kind` and `org.level`, the declared `extra.<name>`
 * facts, and the derived facts, each defined once here. Both evaluators read facts through
 * {@link factReader}: json-rules-engine gets them as an object, the compiled evaluator as a
 * vector of slots.
 *
 * @module
 */
import { FIELDS, INDICATOR_GROUPS, type FieldText } from './schema/fields.js';
import type { Assessment } from './schema/assessment.js';
import { fractionalMonths, monthsAndDays } from './internals/dates.js';
import { generateVectorReader } from './facts-code.js';

/** A fact's value; `undefined` means the input did not say (unknown). */
export type FactValue = number | boolean | string | null | undefined;

/** Facts keyed by dotted name. */
export type Facts = Record<string, FactValue>;

/** Reads one fact from a validated assessment. */
export type FactReader = (assessment: Assessment) => FactValue;

/** A derived fact: computed from one input field and `assessedOn`. */
export interface DerivedFact {
  /** Dotted name rules use, e.g. `leadership.secretaryVacantMonths`. */
  readonly name: string;
  /** The input field it is computed from; `missing` names this path when it is absent. */
  readonly input: string;
  /** Chinese and English label for evidence and reports. */
  readonly label: FieldText;
  /** The value when the input is `null`: a number, or `undefined` (unknown). */
  readonly whenNull: number | undefined;
  /** The value from a present, non-null input date. */
  readonly compute: (date: string, assessedOn: string) => number;
  /** The value in words (4个月2天 / 4 months 2 days), from the same input date. */
  readonly words: (date: string, assessedOn: string) => FieldText;
}

/** "4个月2天" / "4 months 2 days": the time from `date` to `assessedOn` in words. */
export function monthsInWords(date: string, assessedOn: string): FieldText {
  const { months, days } = monthsAndDays(date, assessedOn);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (months === 0) return { zh: `${days}天`, en: plural(days, 'day') };
  return {
    zh: days === 0 ? `${months}个月` : `${months}个月${days}天`,
    en: days === 0 ? plural(months, 'month') : `${plural(months, 'month')} ${plural(days, 'day')}`,
  };
}

/** A derived month fact: months from an input date to `assessedOn`, whole months plus the fraction of the next. */
function monthsSince(name: string, input: string, label: FieldText, whenNull: number | undefined): DerivedFact {
  return { name, input, label, whenNull, compute: fractionalMonths, words: monthsInWords };
}

/**
 * The derived facts, each once. A `null` date means "no such problem" for the three C01 facts
 * (0 months) and "none on record" for the others (unknown: a rule reads the null itself).
 */
export const DERIVED_FACTS: readonly DerivedFact[] = [
  monthsSince('leadership.secretaryVacantMonths', 'leadership.secretaryVacantSince', { zh: '书记空缺时长', en: 'secretary post vacant for' }, 0),
  monthsSince('leadership.secretaryAbsentMonths', 'leadership.secretaryAbsentSince', { zh: '书记不能正常履职时长', en: 'secretary unable to work for' }, 0),
  monthsSince('leadership.seatsShortMonths', 'leadership.seatsShortSince', { zh: '班子缺额时长', en: 'committee short for' }, 0),
  monthsSince('organisationLife.monthsSinceElection', 'organisationLife.lastElectionOn', { zh: '距上次换届时长', en: 'time since the last election' }, undefined),
  monthsSince('membership.monthsSinceAdmission', 'membership.lastAdmittedOn', { zh: '距上次发展党员时长', en: 'time since the last admission' }, undefined),
];

const DERIVED_BY_NAME = new Map(DERIVED_FACTS.map((fact) => [fact.name, fact]));

/** Input fields rules may read: the organisation's kind and level and every indicator field. */
const INPUT_FACTS = FIELDS.filter((f) => f.path === 'org.kind' || f.path === 'org.level' || INDICATOR_GROUPS.some((g) => f.path.startsWith(`${g.path}.`)));
const INPUT_BY_NAME = new Map(INPUT_FACTS.map((f) => [f.path, f]));

/** The names facts are read under: every input group and field, and `extra`. */
const READ_NAMES = [...new Set([...INPUT_FACTS.flatMap((f) => f.path.split('.')), 'extra'])];

/**
 * True when `Object.prototype` has none of the names facts are read under. The generated fact
 * reader reads them without an own-property check (which would cost half its time), so it is
 * made, and used, only while this holds: a compiled ruleset is looked up again for every batch
 * (`compileRuleset`), and one compiled while a name is there (put on `Object.prototype` by
 * other code) reads with the interpreted reader, own properties only. @internal
 */
export function prototypeClean(): boolean {
  for (const name of READ_NAMES) if (name in Object.prototype) return false;
  return true;
}

/** Every fact name a rule may read, `extra.*` aside. */
export const FACT_NAMES: ReadonlySet<string> = new Set([...INPUT_BY_NAME.keys(), ...DERIVED_BY_NAME.keys()]);

/** The input path behind a fact: itself, or the field a derived fact comes from. */
export function inputPathOf(fact: string): string {
  return DERIVED_BY_NAME.get(fact)?.input ?? fact;
}

/** The Chinese and English label of a fact (an input field's label, a derived fact's own, or the name of an extra fact). */
export function factLabel(fact: string): FieldText {
  const known = INPUT_BY_NAME.get(fact)?.label ?? DERIVED_BY_NAME.get(fact)?.label;
  return known ?? { zh: fact, en: fact };
}

/**
 * A derived fact's value in words (4个月2天 / 4 months 2 days), when its input date is given;
 * `undefined` for any other fact, or when the date is absent or null.
 */
export function factWords(fact: string, assessment: Assessment): FieldText | undefined {
  const derived = DERIVED_BY_NAME.get(fact);
  if (!derived) return undefined;
  const date = readFact(factSource(derived.input), assessment);
  return typeof date === 'string' ? derived.words(date, assessment.assessedOn) : undefined;
}

/**
 * Where a fact comes from: an input field (`group.key`), a declared extra fact, or a derived
 * fact computed from an input field. Made once per fact name; {@link readFact} reads it.
 */
export interface FactSource {
  readonly group: string;
  readonly key: string;
  /** The derived fact computed from `group.key`, if this is one. */
  readonly derived: DerivedFact | undefined;
}

const sources = new Map<string, FactSource>();

/**
 * The source of one fact: an input field, `extra.<name>` or a derived fact. Throws for a
 * name that is none of these (the rule loader refuses such names first).
 */
export function factSource(name: string): FactSource {
  let source = sources.get(name);
  if (!source) {
    const derived = DERIVED_BY_NAME.get(name);
    const path = derived?.input ?? name;
    if (!derived && !INPUT_BY_NAME.has(name) && !name.startsWith('extra.')) throw new Error(`unknown fact "${name}"`);
    const dot = path.lastIndexOf('.');
    source = { group: path.slice(0, dot), key: path.slice(dot + 1), derived };
    sources.set(name, source);
  }
  return source;
}

type Groups = Record<string, Record<string, FactValue> | undefined>;

/** A fact's value from its group's values (own properties only; `undefined` when absent). */
function factValue(values: Record<string, FactValue> | undefined, key: string, derived: DerivedFact | undefined, assessedOn: string): FactValue {
  const value = values !== undefined && Object.hasOwn(values, key) ? values[key] : undefined;
  if (derived === undefined || value === undefined) return value;
  return value === null ? derived.whenNull : derived.compute(value as string, assessedOn);
}

/** Reads one fact of a validated assessment (own properties only; `undefined` when absent). */
export function readFact(source: FactSource, assessment: Assessment): FactValue {
  return factValue((assessment as unknown as Groups)[source.group], source.key, source.derived, assessment.assessedOn);
}

/** Reads the facts of a compiled ruleset into a vector, one slot per fact. */
export type VectorReader = (assessment: Assessment) => FactValue[];

/**
 * Reads a list of facts into a vector, slot by slot, as {@link readFact} reads each: the facts
 * of one input group are read from one lookup of the group, which matters when every record of
 * a province is read. The compiled evaluator's `extract`: generated code made from this plan
 * (`facts-code.ts`) where code can be made from strings and {@link prototypeClean} holds, else an
 * interpreted loop (as `generate` returning `undefined` gives it, which the differential tests
 * use).
 */
export function vectorReader(names: readonly string[], generate: typeof generateVectorReader = generateVectorReader): VectorReader {
  const groups = new Map<string, Array<{ slot: number; key: string; derived: DerivedFact | undefined }>>();
  names.forEach((name, slot) => {
    const { group, key, derived } = factSource(name);
    let reads = groups.get(group);
    if (!reads) groups.set(group, (reads = []));
    reads.push({ slot, key, derived });
  });
  const plan = [...groups].map(([group, reads]) => ({ group, reads }));
  const generated = prototypeClean() ? (generate(plan, names.length) as VectorReader | undefined) : undefined;
  if (generated) return generated;
  return (assessment) => {
    const vector: FactValue[] = new Array(names.length);
    const { assessedOn } = assessment;
    for (const { group, reads } of plan) {
      const values = (assessment as unknown as Groups)[group];
      for (const { slot, key, derived } of reads) vector[slot] = factValue(values, key, derived, assessedOn);
    }
    return vector;
  };
}

/** The reader of one fact (see {@link factSource}). */
export function factReader(name: string): FactReader {
  const source = factSource(name);
  return (assessment) => readFact(source, assessment);
}

/**
 * True when the input at a dotted path (`membership.lastCandidateOn`) is absent from the
 * assessment. A derived fact can be unknown while its input is present (`lastCandidateOn:
 * null`, never), and `missing` names absent inputs only.
 */
export function inputAbsent(assessment: Assessment, path: string): boolean {
  let source = inputSources.get(path);
  if (!source) {
    const dot = path.lastIndexOf('.');
    inputSources.set(path, (source = { group: path.slice(0, dot), key: path.slice(dot + 1), derived: undefined }));
  }
  return readFact(source, assessment) === undefined;
}

const inputSources = new Map<string, FactSource>();
