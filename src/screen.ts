/**
 * `screen`: validate one assessment, evaluate the ruleset, explain and score it.
 *
 * @module
 */
import { AssessmentError, OptionsError, isOptionsError, type Issue } from './errors.js';
import { assessmentSchema, KNOWN_KEYS, type Assessment } from './schema/assessment.js';
import { screenOptionsSchema } from './schema/options.js';
import { errorMap, message, toIssues, type Locale } from './schema/messages.js';
import { protoKeyPath } from './internals/proto.js';
import { checkExtraFacts, resolveThresholds, type Ruleset } from './ruleset.js';
import { defaultRuleset } from './rulesets.js';
import { evaluateReference } from './engine/reference.js';
import { outcomePlan, type ScreeningResult } from './outcome.js';
import { assembleResult, type ResultOptions } from './result.js';
import type { PlanTemplate } from './plan/types.js';
import { loadedPlanner, loadPlanner } from './plan/load.js';
import { compareDates } from './internals/dates.js';

export type { ScreeningResult } from './outcome.js';

/** Options of {@link screen} and `screenMany`. */
export interface ScreenOptions {
  /**
   * The ruleset to screen against.
   * @default rulesets['cn-2017-ten']
   */
  ruleset?: Ruleset;
  /**
   * Threshold overrides, partial, merged over the ruleset's defaults:
   * `{ C01: { secretaryVacantMonths: 6 } }`. An override changes the number only; the
   * direction and warning line stay (a warning line the new number passes is clamped to it).
   */
  thresholds?: { [criterionId: string]: { [name: string]: number } };
  /**
   * Score from which a result with nothing matched and nothing undetermined is `at-risk`.
   * @default 5
   */
  atRiskScore?: number;
  /**
   * Rectification plan attached to a `weak-lax` result.
   * @default { start: the day after assessedOn, template: 'intensive' }
   */
  plan?: {
    /** First day of the plan, `YYYY-MM-DD`. @default the day after assessedOn */
    start?: string;
    /** `intensive` (seed plan 1) or `annual` (seed plan 2). @default 'intensive' */
    template?: PlanTemplate;
  };
  /**
   * A province-wide 换届 schedule approved by the higher committee, given once for a whole
   * batch: an organisation without its own `organisationLife.postponementApproved` is read as
   * approved while `assessedOn` is on or before `approvedUntil` (`YYYY-MM-DD`), and as not
   * approved after it. An organisation's own value always counts.
   */
  electionRound?: {
    /** Last day of the approved postponement, `YYYY-MM-DD`. */
    approvedUntil: string;
  };
  /**
   * Language of error messages.
   * @default 'en'
   */
  locale?: Locale;
}

/** Options checked once and resolved against the ruleset; reused across a batch. @internal */
export interface PreparedOptions extends ResultOptions {
  electionRound: { approvedUntil: string } | undefined;
  locale: Locale;
}

/**
 * Validates options: an unknown key, criterion or threshold name is an {@link OptionsError}
 * naming it. @internal
 */
export function prepareOptions(options: unknown = {}): PreparedOptions {
  let requested: Locale = 'en';
  let parsed: ReturnType<typeof screenOptionsSchema.safeParse>;
  try {
    // Messages follow options.locale even when another option is bad.
    requested = (options as { locale?: unknown } | null)?.locale === 'zh-CN' ? 'zh-CN' : 'en';
    const proto = protoKeyPath((options as { thresholds?: unknown } | null)?.thresholds, ['thresholds']);
    if (proto) throw new OptionsError([{ path: proto, message: message(requested, 'reservedKey') }], requested);
    parsed = screenOptionsSchema.safeParse(options ?? {}, { error: errorMap(requested) });
    // zod words its issues when they are first read, looking at the input again: inside the try.
    if (!parsed.success) {
      throw new OptionsError(toIssues(parsed.error.issues, requested, { '': Object.keys(screenOptionsSchema.shape), plan: ['start', 'template'] }), requested);
    }
  } catch (error) {
    // A getter or a Proxy in the options threw while they were read: what is read after this
    // point is zod's copy, so nothing else can throw the same way.
    if (isOptionsError(error)) throw error;
    throw new OptionsError([unreadableIssue('options', error, requested)], requested);
  }
  const { atRiskScore = 5, plan, locale = 'en' } = parsed.data;
  const ruleset = (parsed.data.ruleset as Ruleset | undefined) ?? defaultRuleset;
  const issues: Issue[] = [];
  const thresholds = resolveThresholds(ruleset, parsed.data.thresholds, issues, locale);
  if (issues.length > 0) throw new OptionsError(issues, locale);
  return {
    ruleset,
    thresholds,
    outcomes: outcomePlan(ruleset, thresholds),
    atRiskScore,
    plan: { ...plan, template: plan?.template ?? 'intensive' },
    electionRound: parsed.data.electionRound,
    locale,
  };
}

/** The record's `org.id` when it can be read (a throwing getter reads as absent). @internal */
export function orgIdOf(input: unknown): string | undefined {
  try {
    const id = (input as { org?: { id?: unknown } } | null)?.org?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A checked assessment, or every problem found in it. @internal */
export type Checked = { ok: true; value: Assessment } | { ok: false; issues: Issue[]; orgId: string | undefined };

/**
 * Validates one assessment against the schema and the ruleset's declared extra facts,
 * returning every problem found rather than throwing (a batch with many bad records then
 * pays for no stack traces). @internal
 */
export function checkAssessment(input: unknown, prepared: PreparedOptions): Checked {
  const { locale } = prepared;
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, issues: [{ path: '', message: message(locale, 'notAnObject') }], orgId: undefined };
    }
    const parsed = assessmentSchema.safeParse(input, { error: errorMap(locale, 'assessment') });
    // Declared extra facts are checked on what the caller gave (zod's copy drops a "__proto__"
    // key) and on zod's copy, which is what the rules read: a getter that shows zod one value
    // and this check another cannot bring an unchecked value in.
    const asRecord = (extra: unknown) => (extra && typeof extra === 'object' ? (extra as Record<string, unknown>) : undefined);
    const given = checkExtraFacts(asRecord((input as { extra?: unknown }).extra), prepared.ruleset, locale);
    // zod's copy is a plain object: its own `extra` only, never one a polluted Object.prototype
    // lends it (a null-prototype record has none to lend, and the fast acceptor reads none).
    const used = parsed.success ? checkExtraFacts(asRecord(Object.hasOwn(parsed.data, 'extra') ? parsed.data.extra : undefined), prepared.ruleset, locale) : [];
    const seen = new Set(given.map((issue) => `${issue.path}\n${issue.message}`));
    const extraIssues = [...given, ...used.filter((issue) => !seen.has(`${issue.path}\n${issue.message}`))];
    if (parsed.success && extraIssues.length === 0) return { ok: true, value: parsed.data };
    const issues = [...(parsed.success ? [] : toIssues(parsed.error.issues, locale, KNOWN_KEYS)), ...extraIssues];
    return { ok: false, issues, orgId: orgIdOf(input) };
  } catch (error) {
    // The record itself threw while it was read (a getter, a Proxy, a revoked Proxy): it is
    // an invalid record like any other, never a raw exception.
    return { ok: false, issues: [unreadableIssue('record', error, locale)], orgId: orgIdOf(input) };
  }
}

/**
 * The one issue of a record or of options that threw while being read (a property getter or a
 * Proxy trap), at the root, with the thrown message when it can be read. @internal
 */
export function unreadableIssue(what: 'record' | 'options', error: unknown, locale: Locale): Issue {
  let reason: string;
  try {
    reason = error instanceof Error ? error.message : String(error);
  } catch {
    reason = '?'; // a thrown value whose message or toString throws in turn
  }
  return { path: '', message: message(locale, what === 'record' ? 'recordUnreadable' : 'optionsUnreadable', { reason }) };
}

/** As {@link checkAssessment}, throwing an {@link AssessmentError} listing every bad field. @internal */
export function validateAssessment(input: unknown, prepared: PreparedOptions): Assessment {
  const checked = checkAssessment(input, prepared);
  if (!checked.ok) throw new AssessmentError(checked.issues, checked.orgId, prepared.locale);
  return checked.value;
}

/**
 * What the options say wrong about this one record (a plan start before its `assessedOn`):
 * in a batch such a record fails alone, and `screen` rejects with an `OptionsError`. @internal
 */
export function recordOptionIssues(assessment: Assessment, prepared: PreparedOptions): Issue[] {
  const start = prepared.plan.start;
  if (start === undefined || compareDates(start, assessment.assessedOn) >= 0) return [];
  return [{ path: 'plan.start', message: message(prepared.locale, 'planStartEarly', { start, assessedOn: assessment.assessedOn }) }];
}

/**
 * The assessment as the rules read it under the options: with `electionRound`, an absent
 * `organisationLife.postponementApproved` is read from the province-wide schedule. @internal
 */
export function effectiveAssessment(assessment: Assessment, prepared: PreparedOptions): Assessment {
  const round = prepared.electionRound;
  const life = assessment.organisationLife;
  if (!round || life?.postponementApproved !== undefined) return assessment;
  const postponementApproved = compareDates(assessment.assessedOn, round.approvedUntil) <= 0;
  return { ...assessment, organisationLife: { ...life, postponementApproved } };
}

/**
 * Screens one assessment against the ruleset's criteria (json-rules-engine evaluates the
 * rules) and explains the answer: per criterion the outcome (`matched`, `not-matched`,
 * `insufficient-data`), `near`, the evidence compared and the missing inputs; then the
 * score and verdict. A `weak-lax` result is a preliminary finding (初步排查): the township
 * (street) committee proposes the list, the county organisation department examines it jointly
 * with the discipline, political-legal, petition and civil-affairs departments, and the county
 * Party standing committee decides it.
 *
 * Rejects with an `AssessmentError` (every bad field, by dotted path) or an `OptionsError`.
 *
 * @example
 * ```ts
 * import { screen } from 'weak-lax-screener';
 *
 * const result = await screen({
 *   org: { id: '990000000001', name: '青石村党总支', kind: 'village' },
 *   assessedOn: '2017-02-15',
 *   leadership: { seatsRequired: 5, seatsFilled: 5, seatsShortSince: null, secretaryVacantSince: '2016-10-01' },
 * });
 * result.verdict;   // 'weak-lax' (C01: secretary post vacant 4 months 14 days, more than 3 months)
 * result.matched;   // ['C01']
 * ```
 */
export async function screen(input: unknown, options?: ScreenOptions): Promise<ScreeningResult> {
  const prepared = prepareOptions(options);
  const assessment = effectiveAssessment(validateAssessment(input, prepared), prepared);
  const optionIssues = recordOptionIssues(assessment, prepared);
  if (optionIssues.length > 0) throw new OptionsError(optionIssues, prepared.locale);
  const result = assembleResult(assessment, prepared, await evaluateReference(prepared.ruleset, assessment, prepared.thresholds));
  // In the browser build the plan module is a chunk of its own, fetched for the first weak-lax result.
  if (result.verdict === 'weak-lax' && !loadedPlanner()) await loadPlanner();
  return result;
}
