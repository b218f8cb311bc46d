/**
 * `review`: compare a follow-up screening with an earlier one of the same organisation, the
 * precondition check before acceptance (验收).
 *
 * @module
 */
import { ReviewError, type Locale } from './errors.js';
import { addMonthsClamped, compareDates, formatDate, parseDate } from './internals/dates.js';
import type { Outcome } from './outcome.js';
import type { Bilingual } from './ruleset.js';
import type { ScreeningResult } from './outcome.js';
import { reviewSettings } from './plan/catalogue.js';
import { REVIEW_MESSAGES } from './plan/messages.js';
import { render } from './schema/messages.js';

/**
 * What became of one criterion between two assessments:
 * - `resolved`: matched → not-matched;
 * - `persisting`: matched → matched;
 * - `new`: not matched (not-matched or insufficient-data) → matched;
 * - `unverified`: matched → insufficient-data (the follow-up lacks the data to show it fixed);
 * - `unchanged`: anything else.
 */
export type ReviewStatus = 'resolved' | 'persisting' | 'new' | 'unverified' | 'unchanged';

/** One criterion in a {@link ReviewResult}. */
export interface CriterionReview {
  /** Criterion id. */
  id: string;
  /** Outcome in the earlier result. */
  before: Outcome;
  /** Outcome in the follow-up result. */
  after: Outcome;
  /** `resolved`, `persisting`, `new`, `unverified` or `unchanged`. */
  status: ReviewStatus;
}

/** The comparison of two screenings of one organisation. */
export interface ReviewResult {
  /** The organisation reviewed. */
  orgId: string;
  /** `assessedOn` of the earlier result. */
  before: string;
  /** `assessedOn` of the follow-up result. */
  after: string;
  /** Every criterion of the ruleset, in ruleset order. */
  criteria: CriterionReview[];
  /**
   * `before` was `weak-lax` and no criterion is `persisting`, `new` or `unverified`. The
   * precondition for acceptance (验收), not acceptance itself: acceptance is a two-level
   * assessment (the township or street committee, then the county or district organisation
   * department) with grades this library does not compute.
   */
  converted: boolean;
  /**
   * When converted: consolidate for one year after the follow-up assessment
   * (`consolidateUntil`) and look back (回头看) six months after it (`lookBackOn`).
   */
  followUp?: {
    /** End of the year of consolidation (继续跟踪问效1年), `YYYY-MM-DD`. */
    consolidateUntil: string;
    /** Date of the look-back review (回头看), `YYYY-MM-DD`. */
    lookBackOn: string;
  };
  /**
   * When not converted. After a rectification (`before` weak-lax): 驻点领导不换点、工作队伍不撤离
   * (the stationed leader and work team stay) and 责令整改 (rectification ordered), plus
   * reassessing unverified criteria and measures for new ones where that applies. When
   * `before` was not weak-lax and a criterion is new: refer the organisation to the township
   * (street) committee, which proposes the list for the county to examine and decide.
   */
  actions?: Bilingual[];
  /** With the actions after a failed rectification: three months after the follow-up assessment. */
  deadline?: string;
}

const OUTCOMES: ReadonlySet<string> = new Set(['matched', 'not-matched', 'insufficient-data']);

function checkResult(value: unknown, name: 'before' | 'after', locale: Locale): ScreeningResult {
  const fail = (key: string): never => {
    throw new ReviewError(render(REVIEW_MESSAGES, locale, key, { name }));
  };
  if (typeof value !== 'object' || value === null) fail('notResult');
  const r = value as Partial<ScreeningResult>;
  if (typeof r.orgId !== 'string') fail('orgId');
  if (typeof r.assessedOn !== 'string' || !parseDate(r.assessedOn)) fail('assessedOn');
  if (typeof r.ruleset?.id !== 'string' || typeof r.ruleset.version !== 'string' || typeof r.ruleset.thresholds !== 'object') fail('ruleset');
  if (typeof r.verdict !== 'string') fail('verdict');
  if (!Array.isArray(r.criteria) || !r.criteria.every((c) => typeof c?.id === 'string' && OUTCOMES.has(c.outcome))) fail('criteria');
  return value as ScreeningResult;
}

/** The first threshold whose number differs (`C01.secretaryVacantMonths`, 3, 6), or undefined. */
function thresholdDifference(
  a: ScreeningResult['ruleset']['thresholds'],
  b: ScreeningResult['ruleset']['thresholds'],
): { name: string; before: number | undefined; after: number | undefined } | undefined {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const id of ids) {
    const names = [...new Set([...Object.keys(a[id] ?? {}), ...Object.keys(b[id] ?? {})])];
    for (const name of names) {
      const x = a[id]?.[name];
      const y = b[id]?.[name];
      if (x !== y) return { name: `${id}.${name}`, before: x, after: y };
    }
  }
  return undefined;
}

/** Options of {@link review}. */
export interface ReviewOptions {
  /**
   * Language of the `ReviewError` message when the two results cannot be compared.
   * @default 'en'
   */
  locale?: Locale;
}

function statusOf(before: Outcome, after: Outcome): ReviewStatus {
  if (before === 'matched') {
    if (after === 'not-matched') return 'resolved';
    if (after === 'matched') return 'persisting';
    return 'unverified';
  }
  return after === 'matched' ? 'new' : 'unchanged';
}

function monthsAfter(date: string, months: number): string {
  return formatDate(addMonthsClamped(parseDate(date)!, months));
}

/**
 * Reviews a rectification: compares a follow-up screening (`after`) with the earlier one
 * (`before`) of the same organisation, ruleset and thresholds. Per criterion the status is
 * `resolved`, `persisting`, `new`, `unverified` or `unchanged`; the organisation is
 * `converted` (转化) when it was weak-lax and nothing persists, is new or is unverified (a
 * follow-up without data proves nothing).
 *
 * Converted: `followUp` gives the end of one year of consolidation and a look-back (回头看)
 * six months after the follow-up assessment. Not converted after a rectification: `actions`
 * (驻点领导不换点、工作队伍不撤离; 责令整改) and a new `deadline` three months after the
 * follow-up assessment (periods and texts: `rules/plans/review.json`).
 *
 * `converted` is the precondition for acceptance (验收), not acceptance itself: acceptance is
 * a two-level assessment (the township or street committee, then the county or district
 * organisation department) with grades the library does not compute.
 *
 * Throws a `ReviewError` (`code: 'ERR_REVIEW'`) for results of different organisations,
 * rulesets (id or version) or thresholds, when `after.assessedOn` is not later than
 * `before.assessedOn`, or when either argument is not a screening result.
 *
 * @example
 * ```ts
 * import { review, screen } from 'weak-lax-screener';
 *
 * const before = await screen(gongtong2017);            // C07 matched: weak-lax
 * const after = await screen(gongtong2017FollowUp);     // finances disclosed every quarter
 * const r = review(before, after);
 * r.criteria.find((c) => c.id === 'C07')?.status;       // 'resolved'
 * r.converted;                                          // true
 * r.followUp;   // { consolidateUntil: '2018-06-05', lookBackOn: '2017-12-05' } for after.assessedOn 2017-06-05
 * ```
 */
export function review(before: ScreeningResult, after: ScreeningResult, options?: ReviewOptions): ReviewResult {
  const locale: Locale = options?.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const fail = (key: string, params: Record<string, unknown> = {}): never => {
    throw new ReviewError(render(REVIEW_MESSAGES, locale, key, params));
  };
  const b = checkResult(before, 'before', locale);
  const a = checkResult(after, 'after', locale);
  if (b.orgId !== a.orgId) fail('differentOrganisations', { before: b.orgId, after: a.orgId });
  if (b.ruleset.id !== a.ruleset.id || b.ruleset.version !== a.ruleset.version) {
    fail('differentRulesets', { before: `${b.ruleset.id}@${b.ruleset.version}`, after: `${a.ruleset.id}@${a.ruleset.version}` });
  }
  const difference = thresholdDifference(b.ruleset.thresholds, a.ruleset.thresholds);
  if (difference) fail('differentThresholds', difference);
  if (compareDates(a.assessedOn, b.assessedOn) <= 0) fail('notLater', { before: b.assessedOn, after: a.assessedOn });
  const afterById = new Map(a.criteria.map((c) => [c.id, c.outcome]));
  if (afterById.size !== b.criteria.length || b.criteria.some((c) => !afterById.has(c.id))) fail('differentCriteria');

  const criteria = b.criteria.map((c): CriterionReview => {
    const afterOutcome = afterById.get(c.id)!;
    return { id: c.id, before: c.outcome, after: afterOutcome, status: statusOf(c.outcome, afterOutcome) };
  });
  const has = (status: ReviewStatus) => criteria.some((c) => c.status === status);
  const wasWeakLax = b.verdict === 'weak-lax';
  const converted = wasWeakLax && !has('persisting') && !has('new') && !has('unverified');
  const base = { orgId: b.orgId, before: b.assessedOn, after: a.assessedOn, criteria, converted };
  const settings = reviewSettings;

  if (converted) {
    return {
      ...base,
      followUp: {
        consolidateUntil: monthsAfter(a.assessedOn, settings.consolidateMonths),
        lookBackOn: monthsAfter(a.assessedOn, settings.lookBackMonths),
      },
    };
  }
  if (wasWeakLax) {
    const { stay, order, reassess, newProblems } = settings.actions;
    const actions = [stay, order, ...(has('unverified') ? [reassess] : []), ...(has('new') ? [newProblems] : [])];
    return {
      ...base,
      actions: actions.map((action) => ({ ...action.text })),
      deadline: monthsAfter(a.assessedOn, settings.deadlineMonths),
    };
  }
  // Not rectified before: nothing to convert. A new problem goes to the township committee, which proposes the list.
  return has('new') ? { ...base, actions: [{ ...settings.actions.refer.text }] } : base;
}
