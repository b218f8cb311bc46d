/**
 * Reading a rectification case back: the zod schemas of the case and of every entry, and the
 * checks across fields that the record functions rely on (dates not before the screening,
 * progress naming items of the plan). A bad case is a `CaseError` naming each field.
 *
 * @module
 */
import * as z from 'zod';
import { CaseError, type Issue } from '../errors.js';
import { compareDates, isInputDate, isIsoDate } from '../internals/dates.js';
import { errorMap, toIssues } from '../schema/messages.js';
import type { ChecklistItem } from '../plan/types.js';
import type { RectificationCase } from './types.js';
import { caseLocale, inCaseLocale, lm, type LifecycleOptions } from './messages.js';

const DATE_MESSAGE = { error: () => lm('date') };
/** A date an entry carries: a real calendar date with a four-digit year. */
const date = z.string().refine(isInputDate, DATE_MESSAGE);
/** A date of a plan (a plan may run past 9999-12-31 by a few days). */
const planDate = z.string().refine(isIsoDate, DATE_MESSAGE);
const text = z.string().min(1, { error: () => lm('notEmpty') });
/** One of `values`, refused with what each value means (in Chinese). @internal */
export const oneOfValues = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: () => lm('oneOf', { values }) });
const bilingual = z.object({ zh: z.string(), en: z.string() });
const kind = oneOfValues(['village', 'community']);
const region = z.strictObject({
  province: z.string().optional(),
  city: z.string().optional(),
  county: z.string().optional(),
  township: z.string().optional(),
});

/**
 * The parts of a screening result the lifecycle reads. The rest is the result's own, written
 * by `screen`, and passes unchecked (a later version may add fields to it).
 */
export const screeningSchema = z.object({
  orgId: text,
  orgName: z.string(),
  kind,
  region: region.optional(),
  assessedOn: date,
  verdict: oneOfValues(['weak-lax', 'at-risk', 'sound', 'undetermined']),
  score: z.number(),
  matched: z.array(z.string()),
  criteria: z.array(
    z.object({
      id: z.string(),
      title: bilingual,
      outcome: oneOfValues(['matched', 'not-matched', 'insufficient-data']),
      branches: z.array(z.object({ id: z.string(), met: z.boolean().nullable() })).optional(),
    }),
  ),
  // The thresholds are `review`'s to compare (it checks them when a follow-up is recorded).
  ruleset: z.object({ id: z.string(), version: z.string() }),
});

const checklistItem = z.object({
  id: text,
  criterionId: z.string().nullable(),
  measure: bilingual,
  role: bilingual,
  phase: z.string(),
  due: planDate,
  responsible: z.string().optional(),
  occurrences: z.array(planDate).optional(),
});

const plan = z.object({
  orgId: text,
  template: oneOfValues(['intensive', 'annual']),
  start: planDate,
  end: planDate,
  timeline: z.array(z.object({ id: z.string(), start: planDate, end: planDate })),
  checklist: z.array(checklistItem),
});

const grade = oneOfValues(['合格', '基本合格', '不合格']);
const score = z.number().min(0, { error: () => lm('score') }).max(100, { error: () => lm('score') });
const share = z
  .number()
  .min(0, { error: () => lm('share') })
  .refine((value) => value <= 1, { error: (issue) => lm('share', Number(issue.input) <= 100 ? { hint: Number(issue.input) / 100 } : {}) });

/** `recordListing`'s entry. */
export const listingEntrySchema = z.strictObject({
  stage: oneOfValues(['proposed', 'examined', 'decided', 'not-listed']),
  on: date,
  by: text,
  note: z.string().optional(),
});

/** `recordProgress`'s entry. */
export const progressEntrySchema = z.strictObject({
  itemId: text,
  occurrence: date.optional(),
  on: date,
  status: oneOfValues(['started', 'done']),
  evidence: z.string().optional(),
  note: z.string().optional(),
});

/** `closeProblem`'s entry. */
export const closeEntrySchema = z.strictObject({ on: date, evidence: z.string().optional() });

/** `recordAcceptance`'s entry. */
export const acceptanceEntrySchema = z.strictObject({
  level: oneOfValues(['township', 'county']),
  on: date,
  grade,
  score: score.optional(),
  dissatisfiedShare: share.optional(),
});

/** `recordDelisting`'s entry. */
export const delistingSchema = z.strictObject({ on: date, by: text });

/** `recordLookBack`'s entry. */
export const lookBackSchema = z.strictObject({ on: date, outcome: oneOfValues(['stable', 'relapsed']), note: z.string().optional() });

/** The "four ones" given to `openCase`. */
export const contactsSchema = z.strictObject({
  countyLeader: z.string().optional(),
  townshipLeader: z.string().optional(),
  firstSecretary: z
    .strictObject({ name: text, from: text, since: date, until: date.optional() })
    .refine((s) => s.until === undefined || compareDates(s.until, s.since) >= 0, {
      error: () => lm('untilBeforeSince'),
      path: ['until'],
    })
    .optional(),
  pairedUnit: z.string().optional(),
});

const deadlineCheck = z.strictObject({
  calendar: z.string(),
  years: z.strictObject({ from: z.number().int(), to: z.number().int() }),
  workingDays: z.boolean(),
  notes: z.array(
    z.strictObject({
      itemId: z.string(),
      occurrence: planDate.optional(),
      due: planDate,
      flag: oneOfValues(['holiday', 'moved', 'unchecked']),
      from: planDate.optional(),
      holiday: bilingual.optional(),
    }),
  ),
});

const CASE_KEYS = [
  'orgId', 'orgName', 'kind', 'region', 'screening', 'listing', 'contacts', 'plan', 'progress', 'problems', 'followUp',
  'acceptance', 'delisting', 'lookBack', 'earlierAcceptances', 'earlierFollowUps', 'deadlineCheck',
] as const;

const caseSchema = z.strictObject({
  orgId: text,
  orgName: z.string(),
  kind,
  region: region.optional(),
  screening: screeningSchema,
  listing: z.array(listingEntrySchema),
  contacts: contactsSchema.optional(),
  plan,
  progress: z.array(progressEntrySchema),
  problems: z.array(z.strictObject({ id: text, closedOn: date.optional(), evidence: z.string().optional() })),
  followUp: screeningSchema.optional(),
  acceptance: z
    .strictObject({
      township: z.strictObject({ on: date, grade, score: score.optional(), dissatisfiedShare: share.optional() }).optional(),
      county: z.strictObject({ on: date, grade }).optional(),
    })
    .optional(),
  delisting: delistingSchema.optional(),
  lookBack: lookBackSchema.optional(),
  earlierAcceptances: z.array(acceptanceEntrySchema).optional(),
  earlierFollowUps: z.array(screeningSchema).optional(),
  deadlineCheck: deadlineCheck.optional(),
});

/** Issues of a zod validation, with dotted paths (an unknown key named itself), under `prefix`. */
export function zodIssues(error: z.ZodError, prefix = '', known: Readonly<Record<string, readonly string[]>> = {}): Issue[] {
  return toIssues(error.issues, caseLocale(), known).map((issue) => ({
    path: prefix ? (issue.path ? `${prefix}.${issue.path}` : prefix) : issue.path,
    message: issue.message,
  }));
}

/** Validates `value` against `schema`; the issues (under `prefix`) or the value as given. */
export function check<T>(schema: z.ZodType, value: unknown, prefix = ''): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  const parsed = schema.safeParse(value, { error: errorMap(caseLocale()) });
  // The value as given, not zod's copy: cases share their unchanged parts, and a case of
  // 30 items is read many times in a ledger.
  return parsed.success ? { ok: true, value: value as T } : { ok: false, issues: zodIssues(parsed.error, prefix) };
}

/** The issue for a date before the screening's assessment date, if any. */
export function beforeScreening(on: string, assessedOn: string, path: string): Issue | undefined {
  return compareDates(on, assessedOn) < 0
    ? { path, message: lm('beforeScreening', { assessedOn, on }) }
    : undefined;
}

/** The issues of a progress entry's item and occurrence against the plan (paths under `prefix`). */
export function itemIssues(items: ReadonlyMap<string, ChecklistItem>, itemId: string, occurrence: string | undefined, prefix = ''): Issue[] {
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const item = items.get(itemId);
  if (!item) return [{ path: at('itemId'), message: lm('noItem', { itemId }) }];
  const occurrences = item.occurrences ?? [];
  if (occurrences.length > 0) {
    if (occurrence === undefined) {
      return [{ path: at('occurrence'), message: lm('itemRecurs', { itemId, list: occurrences }) }];
    }
    if (!occurrences.includes(occurrence)) {
      return [{ path: at('occurrence'), message: lm('notOccurrence', { occurrence, itemId, list: occurrences }) }];
    }
  } else if (occurrence !== undefined) {
    return [{ path: at('occurrence'), message: lm('itemNotRecurring', { itemId }) }];
  }
  return [];
}

/** The plan's items by id. */
export function itemsById(c: RectificationCase): Map<string, ChecklistItem> {
  return new Map(c.plan.checklist.map((item) => [item.id, item]));
}

function crossFieldIssues(c: RectificationCase): Issue[] {
  // Paths are written only for an issue found: a ledger reads tens of thousands of valid cases.
  const issues: Issue[] = [];
  const assessedOn = c.screening.assessedOn;
  const early = (on: string) => compareDates(on, assessedOn) < 0;
  const tooEarly = (on: string, path: string) => issues.push(beforeScreening(on, assessedOn, path)!);
  if (c.screening.orgId !== c.orgId) issues.push({ path: 'screening.orgId', message: lm('caseOrgId', { orgId: c.orgId }) });
  if (c.plan.orgId !== c.orgId) issues.push({ path: 'plan.orgId', message: lm('caseOrgId', { orgId: c.orgId }) });
  for (let i = 0; i < c.listing.length; i++) if (early(c.listing[i]!.on)) tooEarly(c.listing[i]!.on, `listing.${i}.on`);
  const items = itemsById(c);
  if (items.size !== c.plan.checklist.length) {
    const seen = new Set<string>();
    c.plan.checklist.forEach((item, i) => {
      if (seen.has(item.id)) issues.push({ path: `plan.checklist.${i}.id`, message: lm('duplicateItem', { id: item.id }) });
      seen.add(item.id);
    });
  }
  for (let i = 0; i < c.progress.length; i++) {
    const e = c.progress[i]!;
    if (early(e.on)) tooEarly(e.on, `progress.${i}.on`);
    const item = items.get(e.itemId);
    // The common case, checked without allocating: a known item, its occurrence as it should be.
    const recurs = (item?.occurrences?.length ?? 0) > 0;
    if (item && (recurs ? e.occurrence !== undefined && item.occurrences!.includes(e.occurrence) : e.occurrence === undefined)) continue;
    for (const issue of itemIssues(items, e.itemId, e.occurrence, `progress.${i}`)) issues.push(issue);
  }
  if (c.problems.length > 1) {
    const problems = new Set<string>();
    c.problems.forEach((p, i) => {
      if (problems.has(p.id)) issues.push({ path: `problems.${i}.id`, message: lm('duplicateProblem', { id: p.id }) });
      problems.add(p.id);
    });
  }
  c.problems.forEach((p, i) => {
    if (p.closedOn !== undefined && early(p.closedOn)) tooEarly(p.closedOn, `problems.${i}.closedOn`);
  });
  const followUp = (f: ScreeningResultLike, path: () => string) => {
    if (f.orgId !== c.orgId) issues.push({ path: `${path()}.orgId`, message: lm('caseOrgId', { orgId: c.orgId }) });
    if (compareDates(f.assessedOn, assessedOn) <= 0) issues.push({ path: `${path()}.assessedOn`, message: lm('afterScreening', { assessedOn }) });
  };
  c.earlierFollowUps?.forEach((f, i) => followUp(f, () => `earlierFollowUps.${i}`));
  if (c.followUp) followUp(c.followUp, () => 'followUp');
  if (c.acceptance?.township && early(c.acceptance.township.on)) tooEarly(c.acceptance.township.on, 'acceptance.township.on');
  if (c.acceptance?.county && early(c.acceptance.county.on)) tooEarly(c.acceptance.county.on, 'acceptance.county.on');
  c.earlierAcceptances?.forEach((e, i) => early(e.on) && tooEarly(e.on, `earlierAcceptances.${i}.on`));
  if (c.delisting && early(c.delisting.on)) tooEarly(c.delisting.on, 'delisting.on');
  if (c.lookBack && early(c.lookBack.on)) tooEarly(c.lookBack.on, 'lookBack.on');
  return issues;
}

/** What the cross-field check reads of a follow-up screening. */
type ScreeningResultLike = { orgId: string; assessedOn: string };

/*
 * A fast check of the same shape, for ledgers of tens of thousands of cases: it accepts only
 * what `caseSchema` accepts (a test holds it to that), and when it says no, zod runs and
 * names the fields. zod stays the one home of the messages.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isText = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isDate = (v: unknown): boolean => typeof v === 'string' && isInputDate(v);
const isPlanDate = (v: unknown): boolean => typeof v === 'string' && isIsoDate(v);
const optional = (v: unknown, test: (v: unknown) => boolean): boolean => v === undefined || test(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const oneOf = (values: readonly string[]) => (v: unknown): boolean => typeof v === 'string' && values.includes(v);
const arrayOf = (v: unknown, test: (v: unknown) => boolean): boolean => {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (!test(item)) return false;
  return true;
};
/** Only the keys given (a strict object). */
const only = (o: Obj, keys: ReadonlySet<string>): boolean => {
  for (const key of Object.keys(o)) if (!keys.has(key)) return false;
  return true;
};
const keySet = (...keys: string[]): ReadonlySet<string> => new Set(keys);

const KIND = oneOf(['village', 'community']);
const GRADE = oneOf(['合格', '基本合格', '不合格']);
const REGION_KEYS = keySet('province', 'city', 'county', 'township');
const isBilingual = (v: unknown) => isObj(v) && isStr(v.zh) && isStr(v.en);
const isRegion = (v: unknown) =>
  isObj(v) && only(v, REGION_KEYS) && optional(v.province, isStr) && optional(v.city, isStr) && optional(v.county, isStr) && optional(v.township, isStr);
const isBranch = (v: unknown) => isObj(v) && isStr(v.id) && (typeof v.met === 'boolean' || v.met === null);
const OUTCOME = oneOf(['matched', 'not-matched', 'insufficient-data']);
const isBranches = (v: unknown) => arrayOf(v, isBranch);
const isCriterion = (v: unknown) => isObj(v) && isStr(v.id) && isBilingual(v.title) && OUTCOME(v.outcome) && optional(v.branches, isBranches);
const VERDICT = oneOf(['weak-lax', 'at-risk', 'sound', 'undetermined']);
const isScreening = (v: unknown) =>
  isObj(v) &&
  isText(v.orgId) &&
  isStr(v.orgName) &&
  KIND(v.kind) &&
  optional(v.region, isRegion) &&
  isDate(v.assessedOn) &&
  VERDICT(v.verdict) &&
  isNum(v.score) &&
  arrayOf(v.matched, isStr) &&
  arrayOf(v.criteria, isCriterion) &&
  isObj(v.ruleset) &&
  isStr(v.ruleset.id) &&
  isStr(v.ruleset.version);
const isPlanDates = (v: unknown) => arrayOf(v, isPlanDate);
const isItem = (v: unknown) =>
  isObj(v) &&
  isText(v.id) &&
  (v.criterionId === null || isStr(v.criterionId)) &&
  isBilingual(v.measure) &&
  isBilingual(v.role) &&
  isStr(v.phase) &&
  isPlanDate(v.due) &&
  optional(v.responsible, isStr) &&
  optional(v.occurrences, isPlanDates);
const isPhase = (v: unknown) => isObj(v) && isStr(v.id) && isPlanDate(v.start) && isPlanDate(v.end);
const TEMPLATE = oneOf(['intensive', 'annual']);
const isPlan = (v: unknown) =>
  isObj(v) && isText(v.orgId) && TEMPLATE(v.template) && isPlanDate(v.start) && isPlanDate(v.end) && arrayOf(v.timeline, isPhase) && arrayOf(v.checklist, isItem);
const LISTING_KEYS = keySet('stage', 'on', 'by', 'note');
const STAGE = oneOf(['proposed', 'examined', 'decided', 'not-listed']);
const isListing = (v: unknown) => isObj(v) && only(v, LISTING_KEYS) && STAGE(v.stage) && isDate(v.on) && isText(v.by) && optional(v.note, isStr);
const PROGRESS_KEYS = keySet('itemId', 'occurrence', 'on', 'status', 'evidence', 'note');
const PROGRESS_STATUS = oneOf(['started', 'done']);
const isProgress = (v: unknown) =>
  isObj(v) &&
  only(v, PROGRESS_KEYS) &&
  isText(v.itemId) &&
  optional(v.occurrence, isDate) &&
  isDate(v.on) &&
  PROGRESS_STATUS(v.status) &&
  optional(v.evidence, isStr) &&
  optional(v.note, isStr);
const PROBLEM_KEYS = keySet('id', 'closedOn', 'evidence');
const isProblem = (v: unknown) => isObj(v) && only(v, PROBLEM_KEYS) && isText(v.id) && optional(v.closedOn, isDate) && optional(v.evidence, isStr);
const isScore = (v: unknown) => isNum(v) && v >= 0 && v <= 100;
const isShare = (v: unknown) => isNum(v) && v >= 0 && v <= 1;
const TOWNSHIP_KEYS = keySet('on', 'grade', 'score', 'dissatisfiedShare');
const COUNTY_KEYS = keySet('on', 'grade');
const isTownship = (v: unknown) => isObj(v) && only(v, TOWNSHIP_KEYS) && isDate(v.on) && GRADE(v.grade) && optional(v.score, isScore) && optional(v.dissatisfiedShare, isShare);
const isCounty = (v: unknown) => isObj(v) && only(v, COUNTY_KEYS) && isDate(v.on) && GRADE(v.grade);
const ACCEPTANCE_KEYS = keySet('township', 'county');
const isAcceptance = (v: unknown) => isObj(v) && only(v, ACCEPTANCE_KEYS) && optional(v.township, isTownship) && optional(v.county, isCounty);
const ENTRY_KEYS = keySet('level', 'on', 'grade', 'score', 'dissatisfiedShare');
const LEVEL = oneOf(['township', 'county']);
const isAcceptanceEntry = (v: unknown) =>
  isObj(v) && only(v, ENTRY_KEYS) && LEVEL(v.level) && isDate(v.on) && GRADE(v.grade) && optional(v.score, isScore) && optional(v.dissatisfiedShare, isShare);
const DELISTING_KEYS = keySet('on', 'by');
const isDelisting = (v: unknown) => isObj(v) && only(v, DELISTING_KEYS) && isDate(v.on) && isText(v.by);
const LOOKBACK_KEYS = keySet('on', 'outcome', 'note');
const OUTCOME_LOOKBACK = oneOf(['stable', 'relapsed']);
const isLookBack = (v: unknown) => isObj(v) && only(v, LOOKBACK_KEYS) && isDate(v.on) && OUTCOME_LOOKBACK(v.outcome) && optional(v.note, isStr);
const SECRETARY_KEYS = keySet('name', 'from', 'since', 'until');
const isSecretary = (v: unknown) =>
  isObj(v) &&
  only(v, SECRETARY_KEYS) &&
  isText(v.name) &&
  isText(v.from) &&
  isDate(v.since) &&
  (v.until === undefined || (isDate(v.until) && compareDates(v.until as string, v.since as string) >= 0));
const CONTACT_KEYS = keySet('countyLeader', 'townshipLeader', 'firstSecretary', 'pairedUnit');
const isContacts = (v: unknown) =>
  isObj(v) && only(v, CONTACT_KEYS) && optional(v.countyLeader, isStr) && optional(v.townshipLeader, isStr) && optional(v.firstSecretary, isSecretary) && optional(v.pairedUnit, isStr);
const NOTE_KEYS = keySet('itemId', 'occurrence', 'due', 'flag', 'from', 'holiday');
const FLAG = oneOf(['holiday', 'moved', 'unchecked']);
const isNote = (v: unknown) =>
  isObj(v) && only(v, NOTE_KEYS) && isStr(v.itemId) && optional(v.occurrence, isPlanDate) && isPlanDate(v.due) && FLAG(v.flag) && optional(v.from, isPlanDate) && optional(v.holiday, isBilingual);
const CHECK_KEYS = keySet('calendar', 'years', 'workingDays', 'notes');
const YEARS_KEYS = keySet('from', 'to');
const isDeadlineCheck = (v: unknown) =>
  isObj(v) &&
  only(v, CHECK_KEYS) &&
  isStr(v.calendar) &&
  isObj(v.years) &&
  only(v.years, YEARS_KEYS) &&
  Number.isInteger(v.years.from) &&
  Number.isInteger(v.years.to) &&
  typeof v.workingDays === 'boolean' &&
  arrayOf(v.notes, isNote);
const CASE_KEY_SET: ReadonlySet<string> = new Set(CASE_KEYS);
const isAcceptanceEntries = (v: unknown) => arrayOf(v, isAcceptanceEntry);
const isScreenings = (v: unknown) => arrayOf(v, isScreening);

/** True only for a value `caseSchema` accepts. @internal */
export function quickCase(v: unknown): boolean {
  return (
    isObj(v) &&
    only(v, CASE_KEY_SET) &&
    isText(v.orgId) &&
    isStr(v.orgName) &&
    KIND(v.kind) &&
    optional(v.region, isRegion) &&
    isScreening(v.screening) &&
    arrayOf(v.listing, isListing) &&
    optional(v.contacts, isContacts) &&
    isPlan(v.plan) &&
    arrayOf(v.progress, isProgress) &&
    arrayOf(v.problems, isProblem) &&
    optional(v.followUp, isScreening) &&
    optional(v.acceptance, isAcceptance) &&
    optional(v.delisting, isDelisting) &&
    optional(v.lookBack, isLookBack) &&
    optional(v.earlierAcceptances, isAcceptanceEntries) &&
    optional(v.earlierFollowUps, isScreenings) &&
    optional(v.deadlineCheck, isDeadlineCheck)
  );
}

/** The zod schema of a stored case (for tests holding the fast check to it). @internal */
export const rectificationCaseSchema = caseSchema;

/**
 * Reads a rectification case back (from the host's store, parsed from JSON): checks its shape
 * and the rules across its fields, and returns it as given. Throws a `CaseError` whose
 * `issues` name every bad field (`progress.3.on`, `plan.checklist.2.due`, an unknown key by
 * its own name). Every lifecycle function reads its case through this.
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * import { readCase } from 'weak-lax-screener';
 *
 * const stored = readCase(JSON.parse(await readFile('case-990199101201.json', 'utf8')));
 * ```
 */
export function readCase(value: unknown, options?: LifecycleOptions): RectificationCase {
  return inCaseLocale(options?.locale ?? caseLocale(), () => readCaseIn(value));
}

function readCaseIn(value: unknown): RectificationCase {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CaseError([{ path: '', message: lm('notACase') }], undefined, caseLocale());
  }
  const orgId = typeof (value as { orgId?: unknown }).orgId === 'string' ? ((value as { orgId: string }).orgId) : undefined;
  if (!quickCase(value)) {
    const parsed = caseSchema.safeParse(value, { error: errorMap(caseLocale()) });
    if (!parsed.success) throw new CaseError(zodIssues(parsed.error, '', { '': CASE_KEYS }), orgId, caseLocale());
  }
  const c = value as RectificationCase;
  const issues = crossFieldIssues(c);
  if (issues.length > 0) throw new CaseError(issues, orgId, caseLocale());
  return c;
}
