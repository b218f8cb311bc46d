/**
 * Opening a rectification case and recording what happens to it: the list's decision, the
 * progress of the plan (台账), problems closed (销号), the two-level acceptance (验收), a
 * follow-up screening, 摘牌 and 回头看. Each function is synchronous and returns a new case;
 * the case given is never changed (the new one shares its unchanged parts with it).
 *
 * @module
 */
import * as z from 'zod';
import { CaseError, OptionsError, isReviewError, type Issue } from '../errors.js';
import { addDays, compareDates, isInputDate } from '../internals/dates.js';
import type { ScreeningResult } from '../outcome.js';
import { planRectification } from '../plan/plan.js';
import type { PlanTemplate } from '../plan/types.js';
import { review } from '../review.js';
import { errorMap } from '../schema/messages.js';
import { checkDeadlines } from './holidays.js';
import { caseLocale, inCaseLocale, lm, type LifecycleOptions } from './messages.js';
import {
  acceptanceEntrySchema,
  beforeScreening,
  check,
  closeEntrySchema,
  contactsSchema,
  delistingSchema,
  itemIssues,
  itemsById,
  listingEntrySchema,
  lookBackSchema,
  oneOfValues,
  progressEntrySchema,
  readCase,
  screeningSchema,
  zodIssues,
} from './schema.js';
import { statusAt } from './status.js';
import type {
  AcceptanceEntry,
  CaseProblem,
  Contacts,
  Delisting,
  ListingEntry,
  LookBack,
  ProgressEntry,
  RectificationCase,
} from './types.js';

/** Options of {@link openCase}. */
export interface OpenCaseOptions extends LifecycleOptions {
  /**
   * First day of the plan, `YYYY-MM-DD`, not before the screening's `assessedOn`. Give the day
   * after the list is decided when it is known.
   * @default the day after the screening's assessedOn (as `screen` plans)
   */
  start?: string;
  /**
   * `intensive` (seed plan 1, 91 days) or `annual` (seed plan 2).
   * @default 'intensive'
   */
  template?: PlanTemplate;
  /** The list's decision so far (each entry checked as `recordListing` checks it). */
  listing?: ListingEntry[];
  /** The "four ones" (四个一). */
  contacts?: Contacts;
  /**
   * Move every due date that falls on a day off (a public holiday, or a weekend not made a
   * working day by 调休) to the next working day. Without it, due dates on a public holiday
   * are only flagged. Either way the check is kept in the case's `deadlineCheck`; dates in a
   * year the holiday schedule does not cover are flagged unchecked and never moved.
   * @default false
   */
  workingDays?: boolean;
}

const openOptionsSchema = z.strictObject({
  start: z.string().optional(),
  template: oneOfValues(['intensive', 'annual']).optional(),
  listing: z.array(z.unknown()).optional(),
  contacts: z.unknown().optional(),
  workingDays: z.boolean().optional(),
  locale: oneOfValues(['en', 'zh-CN']).optional(),
});
const OPEN_OPTION_KEYS = Object.keys(openOptionsSchema.shape);

function refuse(issues: Issue[], orgId: string): never {
  throw new CaseError(issues, orgId, caseLocale());
}

/** Fails with the entry's shape issues, or returns it. */
function entryOf<T>(schema: z.ZodType, value: unknown, orgId: string, prefix = ''): T {
  const checked = check<T>(schema, value, prefix);
  if (!checked.ok) refuse(checked.issues, orgId);
  return checked.value;
}

/** The problems of a screening: every met branch of every matched criterion, in ruleset order. */
export function problemsOf(result: ScreeningResult): CaseProblem[] {
  const problems: CaseProblem[] = [];
  for (const criterion of result.criteria) {
    if (criterion.outcome !== 'matched') continue;
    const met = (criterion.branches ?? []).filter((b) => b.met === true);
    // A result without branch ids (written before 0.2) still names its criterion.
    if (met.length === 0) problems.push({ id: criterion.id });
    else for (const branch of met) problems.push({ id: branch.id });
  }
  return problems;
}

/** The date of the `decided` listing entry, if any. */
function decidedOn(c: RectificationCase): string | undefined {
  return c.listing.find((e) => e.stage === 'decided')?.on;
}

/** Common checks of an entry's date: real, not before the screening, and the case's order. */
function dateIssues(c: RectificationCase, on: string, options: { decided?: boolean; open?: boolean } = {}, path = 'on'): Issue[] {
  if (!isInputDate(on)) return []; // the shape check has said so
  const early = beforeScreening(on, c.screening.assessedOn, path);
  if (early) return [early];
  const issues: Issue[] = [];
  if (options.decided) {
    const decided = decidedOn(c);
    if (decided === undefined) issues.push({ path, message: lm('notDecided') });
    else if (compareDates(on, decided) < 0) issues.push({ path, message: lm('beforeDecided', { decided }) });
  }
  if (options.open && c.delisting && compareDates(on, c.delisting.on) > 0) {
    issues.push({ path, message: lm('closedByDelisting', { on: c.delisting.on }) });
  }
  return issues;
}

const STAGE_RANK = { proposed: 0, examined: 1, decided: 2 } as const;

/** The issues of appending a listing entry to `listing` (paths under `prefix`). */
function listingIssues(c: RectificationCase, entry: ListingEntry, prefix = ''): Issue[] {
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const issues = dateIssues(c, entry.on, {}, at('on'));
  const last = c.listing.at(-1);
  if (!last) return issues;
  if (last.stage === 'not-listed') {
    issues.push({ path: at('stage'), message: lm('notListed', { on: last.on }) });
  } else if (last.stage === 'decided') {
    issues.push({
      path: at('stage'),
      message: entry.stage === 'not-listed' ? lm('decidedThenNotListed', { on: last.on }) : lm('alreadyDecided', { on: last.on }),
    });
  } else if (entry.stage !== 'not-listed' && STAGE_RANK[entry.stage] < STAGE_RANK[last.stage]) {
    issues.push({ path: at('stage'), message: lm('stageOrder', { stage: entry.stage, last: last.stage }) });
  }
  if (isInputDate(entry.on) && compareDates(entry.on, last.on) < 0) {
    issues.push({ path: at('on'), message: lm('beforePreviousListing', { stage: last.stage, on: last.on }) });
  }
  return issues;
}

/**
 * Opens a rectification case for a `weak-lax` screening result: its problems are the met
 * branches of its matched criteria (by branch id, e.g. `C01.secretaryVacantMonths`), its plan
 * is `planRectification(result, { start, template })` with every due date checked against
 * the holiday schedule (see `workingDays`), and `listing` and `contacts` are recorded as
 * given (each listing entry checked as {@link recordListing} checks it).
 *
 * Throws a `CaseError` when the result is not `weak-lax` (path `verdict`) or not a screening
 * result, or for a bad listing entry or contacts (`listing.0.on`, `contacts.firstSecretary.since`);
 * an `OptionsError` for a bad `start` (not a date, or before `assessedOn`), `template` or an
 * unknown option.
 *
 * With `locale: 'zh-CN'` in the options, the errors are in Chinese: the header and every
 * issue (default `'en'`).
 *
 * @example
 * ```ts
 * import { openCase, screen } from 'weak-lax-screener';
 *
 * const result = await screen(assessment);              // weak-lax, C01 and C10 matched
 * const c = openCase(result, {
 *   start: '2025-04-01',
 *   listing: [{ stage: 'proposed', on: '2025-03-05', by: '萤川镇党委' }],
 *   contacts: { countyLeader: '县级领导甲', pairedUnit: '县某局' },
 * });
 * c.problems;   // [{ id: 'C01.secretaryVacantMonths' }, { id: 'C10.hasFixedVenue' }]
 * ```
 */
export function openCase(result: ScreeningResult, options: OpenCaseOptions = {}): RectificationCase {
  return inCaseLocale((options as { locale?: unknown } | null | undefined)?.locale, () => openCaseIn(result, options));
}

function openCaseIn(result: ScreeningResult, options: OpenCaseOptions): RectificationCase {
  const checked = check<ScreeningResult>(screeningSchema, result);
  const orgId = typeof (result as { orgId?: unknown } | null)?.orgId === 'string' ? result.orgId : '';
  if (!checked.ok) refuse(checked.issues, orgId);
  if (result.verdict !== 'weak-lax') {
    refuse([{ path: 'verdict', message: lm('notWeakLax', { verdict: result.verdict }) }], orgId);
  }
  const parsedOptions = openOptionsSchema.safeParse(options ?? {}, { error: errorMap(caseLocale()) });
  if (!parsedOptions.success) throw new OptionsError(zodIssues(parsedOptions.error, '', { '': OPEN_OPTION_KEYS }), caseLocale());
  const { start = addDays(result.assessedOn, 1), template = 'intensive', workingDays = false } = parsedOptions.data;
  if (!isInputDate(start)) throw new OptionsError([{ path: 'start', message: lm('dateGot', { got: start }) }], caseLocale());
  if (compareDates(start, result.assessedOn) < 0) {
    throw new OptionsError([{ path: 'start', message: lm('startBefore', { assessedOn: result.assessedOn, start }) }], caseLocale());
  }
  const contacts = options.contacts === undefined ? undefined : entryOf<Contacts>(contactsSchema, options.contacts, orgId, 'contacts');
  const { plan, check: deadlineCheck } = checkDeadlines(planRectification(result, { start, template, locale: caseLocale() }), { workingDays });
  let c: RectificationCase = {
    orgId: result.orgId,
    orgName: result.orgName,
    kind: result.kind,
    ...(result.region ? { region: result.region } : {}),
    screening: result,
    listing: [],
    ...(contacts ? { contacts } : {}),
    plan,
    progress: [],
    problems: problemsOf(result),
    deadlineCheck,
  };
  (options.listing ?? []).forEach((value, i) => {
    const entry = entryOf<ListingEntry>(listingEntrySchema, value, orgId, `listing.${i}`);
    const issues = listingIssues(c, entry, `listing.${i}`);
    if (issues.length > 0) refuse(issues, orgId);
    c = { ...c, listing: [...c.listing, entry] };
  });
  return c;
}

/**
 * Records a step of the list's decision: 乡镇（街道）党（工）委初步提出 (`proposed`),
 * 县委组织部会同有关部门联审 (`examined`), 县委常委会研究确定 (`decided`), or `not-listed`.
 * Steps may be skipped (a host that records only the decision), never reversed.
 *
 * Throws a `CaseError` for an entry dated before the screening or before the previous listing
 * entry (path `on`), a step that goes back, a second decision, or any step after `decided` or
 * `not-listed` (path `stage`: a listed organisation leaves the list by 摘牌).
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * const listed = recordListing(c, { stage: 'decided', on: '2025-03-28', by: '栖云县委常委会' });
 * ```
 */
export function recordListing(c: RectificationCase, entry: ListingEntry, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale, () => recordListingIn(c, entry));
}

function recordListingIn(c: RectificationCase, entry: ListingEntry): RectificationCase {
  const current = readCase(c);
  const checked = entryOf<ListingEntry>(listingEntrySchema, entry, current.orgId);
  const issues = listingIssues(current, checked);
  if (issues.length > 0) refuse(issues, current.orgId);
  return { ...current, listing: [...current.listing, { ...checked }] };
}

/**
 * Records progress on a checklist item (台账): `started` or `done`, on a date, with its
 * evidence. A recurring item takes one entry per occurrence: `occurrence` names the due date
 * the entry answers. Entries are appended, never replaced; the first `done` entry counts.
 *
 * Throws a `CaseError` for an entry dated before the screening, before the list was decided,
 * or after 摘牌 (path `on`); an unknown item (`itemId`); a recurring item without its
 * occurrence, an occurrence not in the plan, or an occurrence for an item that does not
 * recur (`occurrence`).
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * const next = recordProgress(c, { itemId: 'C07-finance-disclosure', occurrence: '2025-07-15', on: '2025-07-15', status: 'done', evidence: '公开栏照片' });
 * ```
 */
export function recordProgress(c: RectificationCase, entry: ProgressEntry, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale, () => recordProgressIn(c, entry));
}

function recordProgressIn(c: RectificationCase, entry: ProgressEntry): RectificationCase {
  const current = readCase(c);
  const checked = entryOf<ProgressEntry>(progressEntrySchema, entry, current.orgId);
  const issues = [
    ...itemIssues(itemsById(current), checked.itemId, checked.occurrence),
    ...dateIssues(current, checked.on, { decided: true, open: true }),
  ];
  if (issues.length > 0) refuse(issues, current.orgId);
  return { ...current, progress: [...current.progress, { ...checked }] };
}

/**
 * Closes a problem (销号): the met branch `id` (e.g. `C01.secretaryVacantMonths`) is rectified
 * on `on`, shown by `evidence`.
 *
 * Throws a `CaseError` for an unknown problem or one already closed (path `id`), or an entry
 * dated before the screening, before the list was decided, or after 摘牌 (path `on`).
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * const next = closeProblem(c, 'C01.secretaryVacantMonths', { on: '2025-05-20', evidence: '镇党委任职通知' });
 * ```
 */
export function closeProblem(c: RectificationCase, id: string, entry: { on: string; evidence?: string }, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale, () => closeProblemIn(c, id, entry));
}

function closeProblemIn(c: RectificationCase, id: string, entry: { on: string; evidence?: string }): RectificationCase {
  const current = readCase(c);
  const checked = entryOf<{ on: string; evidence?: string }>(closeEntrySchema, entry, current.orgId);
  const issues: Issue[] = [];
  const index = current.problems.findIndex((p) => p.id === id);
  if (index < 0) {
    issues.push({ path: 'id', message: lm('noProblem', { id: String(id), list: current.problems.map((p) => p.id) }) });
  } else if (current.problems[index]!.closedOn !== undefined) {
    issues.push({ path: 'id', message: lm('problemClosed', { id, on: current.problems[index]!.closedOn }) });
  }
  issues.push(...dateIssues(current, checked.on, { decided: true, open: true }));
  if (issues.length > 0) refuse(issues, current.orgId);
  const problems = current.problems.map((p, i) =>
    i === index ? { ...p, closedOn: checked.on, ...(checked.evidence !== undefined ? { evidence: checked.evidence } : {}) } : p,
  );
  return { ...current, problems };
}

/**
 * Records an acceptance grade (验收): the township (street) committee's grade (`township`,
 * with its score and the share of dissatisfied votes) or the county organisation department's
 * approval (`county`). A later grade of the same level supersedes the current one (after
 * 基本合格 or 不合格 the organisation is graded again); a new township grade needs a new
 * county approval. Superseded grades are kept in `earlierAcceptances`.
 *
 * Throws a `CaseError` for: an entry dated before the screening, before the list was decided,
 * or after 摘牌 (path `on`); a county grade with no township grade (path `level`) or dated
 * before it (path `on`; the same day is allowed); a grade dated before the one it supersedes
 * (path `on`); 合格 with a score under 70 (path `score`); any grade but 不合格 with a dissatisfied
 * share over 0.5 (不满意票超过50%直接认定为不合格; path `dissatisfiedShare`); a county grade with a
 * score or share (those belong to the township grade).
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * let next = recordAcceptance(c, { level: 'township', on: '2025-12-10', grade: '合格', score: 86, dissatisfiedShare: 0.1 });
 * next = recordAcceptance(next, { level: 'county', on: '2025-12-18', grade: '合格' });
 * ```
 */
export function recordAcceptance(c: RectificationCase, entry: AcceptanceEntry, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale, () => recordAcceptanceIn(c, entry));
}

function recordAcceptanceIn(c: RectificationCase, entry: AcceptanceEntry): RectificationCase {
  const current = readCase(c);
  const checked = entryOf<AcceptanceEntry>(acceptanceEntrySchema, entry, current.orgId);
  const issues = dateIssues(current, checked.on, { decided: true, open: true });
  const { township, county } = current.acceptance ?? {};
  const dated = isInputDate(checked.on);
  if (checked.level === 'county') {
    if (checked.score !== undefined) issues.push({ path: 'score', message: lm('countyScore') });
    if (checked.dissatisfiedShare !== undefined) issues.push({ path: 'dissatisfiedShare', message: lm('countyShare') });
    if (!township) issues.push({ path: 'level', message: lm('townshipFirst') });
    else if (dated && compareDates(checked.on, township.on) < 0) issues.push({ path: 'on', message: lm('beforeTownshipGrade', { on: township.on }) });
    if (county && dated && compareDates(checked.on, county.on) < 0) issues.push({ path: 'on', message: lm('beforeCountyGrade', { on: county.on }) });
  } else {
    if (checked.grade === '合格' && checked.score !== undefined && checked.score < 70) {
      issues.push({ path: 'score', message: lm('passNeeds70', { score: checked.score }) });
    }
    for (const earlier of [township, county]) {
      if (earlier && dated && compareDates(checked.on, earlier.on) < 0) issues.push({ path: 'on', message: lm('beforeGrade', { on: earlier.on }) });
    }
  }
  if (checked.grade !== '不合格' && checked.dissatisfiedShare !== undefined && checked.dissatisfiedShare > 0.5) {
    issues.push({ path: 'dissatisfiedShare', message: lm('overHalfDissatisfied', { share: checked.dissatisfiedShare, grade: checked.grade }) });
  }
  if (issues.length > 0) refuse(issues, current.orgId);

  const superseded: AcceptanceEntry[] = [];
  let acceptance;
  if (checked.level === 'county') {
    if (county) superseded.push({ level: 'county', ...county });
    acceptance = { ...current.acceptance, county: { on: checked.on, grade: checked.grade } };
  } else {
    if (township) superseded.push({ level: 'township', ...township });
    if (county) superseded.push({ level: 'county', ...county });
    const { level: _level, ...grade } = checked;
    acceptance = { township: grade };
  }
  return {
    ...current,
    acceptance,
    ...(superseded.length > 0 ? { earlierAcceptances: [...(current.earlierAcceptances ?? []), ...superseded] } : {}),
  };
}

/**
 * Records a follow-up screening of the same organisation (复查), compared with the case's
 * screening by `review`: `canDelist` needs it converted when one is recorded. A later
 * follow-up supersedes the current one (kept in `earlierFollowUps`).
 *
 * Throws a `CaseError` for a result that is not a screening result, of another organisation
 * (path `orgId`), assessed on or before the case's screening, before the list was decided,
 * after 摘牌 or before the current follow-up (path `assessedOn`), or that `review` cannot
 * compare (another ruleset or thresholds; path `ruleset`).
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * const next = recordFollowUp(c, await screen(assessmentInNovember));
 * ```
 */
export function recordFollowUp(c: RectificationCase, result: ScreeningResult, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale, () => recordFollowUpIn(c, result));
}

function recordFollowUpIn(c: RectificationCase, result: ScreeningResult): RectificationCase {
  const current = readCase(c);
  const checked = check<ScreeningResult>(screeningSchema, result);
  if (!checked.ok) refuse(checked.issues, current.orgId);
  const issues: Issue[] = [];
  if (result.orgId !== current.orgId) issues.push({ path: 'orgId', message: lm('followUpOrg', { orgId: current.orgId, got: result.orgId }) });
  if (compareDates(result.assessedOn, current.screening.assessedOn) <= 0) {
    issues.push({ path: 'assessedOn', message: lm('followUpAfter', { assessedOn: current.screening.assessedOn, got: result.assessedOn }) });
  } else {
    issues.push(...dateIssues(current, result.assessedOn, { decided: true, open: true }, 'assessedOn'));
  }
  if (current.followUp && compareDates(result.assessedOn, current.followUp.assessedOn) <= 0) {
    issues.push({ path: 'assessedOn', message: lm('followUpAfterCurrent', { on: current.followUp.assessedOn }) });
  }
  if (issues.length === 0) {
    try {
      review(current.screening, result, { locale: caseLocale() });
    } catch (error) {
      if (!isReviewError(error)) throw error;
      issues.push({ path: 'ruleset', message: error.message });
    }
  }
  if (issues.length > 0) refuse(issues, current.orgId);
  return {
    ...current,
    followUp: result,
    ...(current.followUp ? { earlierFollowUps: [...(current.earlierFollowUps ?? []), current.followUp] } : {}),
  };
}

/**
 * Records 摘牌: the sign is taken off on `on`, approved by `by` (县委组织部). Allowed only
 * when `caseStatus(c, { asOf: on }).canDelist` holds: every problem closed, the township and
 * county grades 合格, a township score of 70 or more and no more than half dissatisfied votes,
 * and a recorded follow-up screening converted.
 *
 * Throws a `CaseError` for an entry dated before the screening, a second 摘牌, or one whose
 * conditions do not hold on its date (one issue per reason, path `on`).
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * const next = recordDelisting(c, { on: '2025-12-26', by: '栖云县委组织部' });
 * ```
 */
export function recordDelisting(c: RectificationCase, entry: Delisting, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale, () => recordDelistingIn(c, entry));
}

function recordDelistingIn(c: RectificationCase, entry: Delisting): RectificationCase {
  const current = readCase(c);
  const checked = entryOf<Delisting>(delistingSchema, entry, current.orgId);
  const issues = dateIssues(current, checked.on);
  if (current.delisting) issues.push({ path: 'on', message: lm('alreadyDelisted', { on: current.delisting.on }) });
  if (issues.length > 0) refuse(issues, current.orgId);
  const status = statusAt(current, checked.on);
  if (!status.canDelist) {
    refuse(status.reasons.map((reason) => ({ path: 'on', message: lm('cannotDelist', { on: checked.on, reason: caseLocale() === 'zh-CN' ? reason.zh : reason.en }) })), current.orgId);
  }
  return { ...current, delisting: { ...checked } };
}

/**
 * Records the look-back review (回头看) after 摘牌: `stable` or `relapsed` (反弹回潮).
 *
 * Throws a `CaseError` for an entry dated before the screening, a look-back with no 摘牌 or
 * dated before it, or a second look-back (path `on`).
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * const next = recordLookBack(c, { on: '2026-06-20', outcome: 'stable' });
 * ```
 */
export function recordLookBack(c: RectificationCase, entry: LookBack, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale, () => recordLookBackIn(c, entry));
}

function recordLookBackIn(c: RectificationCase, entry: LookBack): RectificationCase {
  const current = readCase(c);
  const checked = entryOf<LookBack>(lookBackSchema, entry, current.orgId);
  const issues = dateIssues(current, checked.on);
  if (!current.delisting) issues.push({ path: 'on', message: lm('lookBackNeedsDelisting') });
  else if (isInputDate(checked.on) && compareDates(checked.on, current.delisting.on) < 0) {
    issues.push({ path: 'on', message: lm('lookBackBefore', { on: current.delisting.on }) });
  }
  if (current.lookBack) issues.push({ path: 'on', message: lm('lookBackRecorded', { on: current.lookBack.on }) });
  if (issues.length > 0) refuse(issues, current.orgId);
  return { ...current, lookBack: { ...checked } };
}
