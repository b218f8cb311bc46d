/**
 * Reading a rectification case back: the zod schemas of the case and of every entry, and the
 * checks across fields that the record functions rely on (dates not before the screening,
 * progress naming items of the plan). A bad case is a `CaseError` naming each field.
 *
 * @module
 */
import { z } from 'zod';
import { CaseError, type Issue } from '../errors.js';
import { compareDates, isInputDate, isIsoDate } from '../internals/dates.js';
import { errorMap, toIssues } from '../schema/messages.js';
import type { ChecklistItem } from '../plan/types.js';
import type { RectificationCase } from './types.js';

const DATE_MESSAGE = 'must be a real calendar date written YYYY-MM-DD';
/** A date an entry carries: a real calendar date with a four-digit year. */
const date = z.string().refine(isInputDate, { message: DATE_MESSAGE });
/** A date of a plan (a plan may run past 9999-12-31 by a few days). */
const planDate = z.string().refine(isIsoDate, { message: DATE_MESSAGE });
const text = z.string().min(1, { message: 'must not be empty' });
const bilingual = z.looseObject({ zh: z.string(), en: z.string() });
const kind = z.enum(['village', 'community']);
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
export const screeningSchema = z.looseObject({
  orgId: text,
  orgName: z.string(),
  kind,
  region: region.optional(),
  assessedOn: date,
  verdict: z.enum(['weak-lax', 'at-risk', 'sound', 'undetermined']),
  score: z.number(),
  matched: z.array(z.string()),
  criteria: z.array(
    z.looseObject({
      id: z.string(),
      title: bilingual,
      outcome: z.enum(['matched', 'not-matched', 'insufficient-data']),
      branches: z.array(z.looseObject({ id: z.string(), met: z.boolean().nullable() })).optional(),
    }),
  ),
  ruleset: z.looseObject({ id: z.string(), version: z.string(), thresholds: z.record(z.string(), z.record(z.string(), z.number())) }),
});

const checklistItem = z.looseObject({
  id: text,
  criterionId: z.string().nullable(),
  measure: bilingual,
  role: bilingual,
  phase: z.string(),
  due: planDate,
  responsible: z.string().optional(),
  occurrences: z.array(planDate).optional(),
});

const plan = z.looseObject({
  orgId: text,
  template: z.enum(['intensive', 'annual']),
  start: planDate,
  end: planDate,
  timeline: z.array(z.looseObject({ id: z.string(), start: planDate, end: planDate })),
  checklist: z.array(checklistItem),
});

const grade = z.enum(['合格', '基本合格', '不合格']);
const score = z.number().min(0, { message: 'must be a score from 0 to 100' }).max(100, { message: 'must be a score from 0 to 100' });
const share = z
  .number()
  .min(0, { message: 'must be a share from 0 to 1' })
  .refine((value) => value <= 1, { error: (issue) => `must be a share from 0 to 1${Number(issue.input) <= 100 ? `; did you mean ${Number(issue.input) / 100}?` : ''}` });

/** `recordListing`'s entry. */
export const listingEntrySchema = z.strictObject({
  stage: z.enum(['proposed', 'examined', 'decided', 'not-listed']),
  on: date,
  by: text,
  note: z.string().optional(),
});

/** `recordProgress`'s entry. */
export const progressEntrySchema = z.strictObject({
  itemId: text,
  occurrence: date.optional(),
  on: date,
  status: z.enum(['started', 'done']),
  evidence: z.string().optional(),
  note: z.string().optional(),
});

/** `closeProblem`'s entry. */
export const closeEntrySchema = z.strictObject({ on: date, evidence: z.string().optional() });

/** `recordAcceptance`'s entry. */
export const acceptanceEntrySchema = z.strictObject({
  level: z.enum(['township', 'county']),
  on: date,
  grade,
  score: score.optional(),
  dissatisfiedShare: share.optional(),
});

/** `recordDelisting`'s entry. */
export const delistingSchema = z.strictObject({ on: date, by: text });

/** `recordLookBack`'s entry. */
export const lookBackSchema = z.strictObject({ on: date, outcome: z.enum(['stable', 'relapsed']), note: z.string().optional() });

/** The "four ones" given to `openCase`. */
export const contactsSchema = z.strictObject({
  countyLeader: z.string().optional(),
  townshipLeader: z.string().optional(),
  firstSecretary: z
    .strictObject({ name: text, from: text, since: date, until: date.optional() })
    .refine((s) => s.until === undefined || compareDates(s.until, s.since) >= 0, {
      message: 'must not be before since',
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
      flag: z.enum(['holiday', 'moved', 'unchecked']),
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
  return toIssues(error.issues, 'en', known).map((issue) => ({
    path: prefix ? (issue.path ? `${prefix}.${issue.path}` : prefix) : issue.path,
    message: issue.message,
  }));
}

/** Validates `value` against `schema`; the issues (under `prefix`) or the value as given. */
export function check<T>(schema: z.ZodType, value: unknown, prefix = ''): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  const parsed = schema.safeParse(value, { error: errorMap('en') });
  // The value as given, not zod's copy: cases share their unchanged parts, and a case of
  // 30 items is read many times in a ledger.
  return parsed.success ? { ok: true, value: value as T } : { ok: false, issues: zodIssues(parsed.error, prefix) };
}

/** The issue for a date before the screening's assessment date, if any. */
export function beforeScreening(on: string, assessedOn: string, path: string): Issue | undefined {
  return compareDates(on, assessedOn) < 0
    ? { path, message: `must not be before the screening (assessed on ${assessedOn}), got ${on}` }
    : undefined;
}

/** The issues of a progress entry's item and occurrence against the plan (paths under `prefix`). */
export function itemIssues(items: ReadonlyMap<string, ChecklistItem>, itemId: string, occurrence: string | undefined, prefix = ''): Issue[] {
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const item = items.get(itemId);
  if (!item) return [{ path: at('itemId'), message: `no item "${itemId}" in the plan` }];
  const occurrences = item.occurrences ?? [];
  if (occurrences.length > 0) {
    if (occurrence === undefined) {
      return [{ path: at('occurrence'), message: `item "${itemId}" recurs: name the occurrence the entry answers, one of ${occurrences.join(', ')}` }];
    }
    if (!occurrences.includes(occurrence)) {
      return [{ path: at('occurrence'), message: `${occurrence} is not an occurrence of item "${itemId}" (${occurrences.join(', ')})` }];
    }
  } else if (occurrence !== undefined) {
    return [{ path: at('occurrence'), message: `item "${itemId}" does not recur: leave occurrence out` }];
  }
  return [];
}

/** The plan's items by id. */
export function itemsById(c: RectificationCase): Map<string, ChecklistItem> {
  return new Map(c.plan.checklist.map((item) => [item.id, item]));
}

function crossFieldIssues(c: RectificationCase): Issue[] {
  const issues: Issue[] = [];
  const assessedOn = c.screening.assessedOn;
  const push = (issue: Issue | undefined) => issue && issues.push(issue);
  if (c.screening.orgId !== c.orgId) push({ path: 'screening.orgId', message: `must be the case's orgId "${c.orgId}"` });
  if (c.plan.orgId !== c.orgId) push({ path: 'plan.orgId', message: `must be the case's orgId "${c.orgId}"` });
  c.listing.forEach((e, i) => push(beforeScreening(e.on, assessedOn, `listing.${i}.on`)));
  const items = itemsById(c);
  if (items.size !== c.plan.checklist.length) {
    const seen = new Set<string>();
    c.plan.checklist.forEach((item, i) => {
      if (seen.has(item.id)) push({ path: `plan.checklist.${i}.id`, message: `item id "${item.id}" appears twice` });
      seen.add(item.id);
    });
  }
  c.progress.forEach((e, i) => {
    push(beforeScreening(e.on, assessedOn, `progress.${i}.on`));
    issues.push(...itemIssues(items, e.itemId, e.occurrence, `progress.${i}`));
  });
  const problems = new Set<string>();
  c.problems.forEach((p, i) => {
    if (problems.has(p.id)) push({ path: `problems.${i}.id`, message: `problem "${p.id}" appears twice` });
    problems.add(p.id);
    if (p.closedOn) push(beforeScreening(p.closedOn, assessedOn, `problems.${i}.closedOn`));
  });
  const followUps = [...(c.earlierFollowUps ?? []).map((f, i) => [f, `earlierFollowUps.${i}`] as const), ...(c.followUp ? [[c.followUp, 'followUp'] as const] : [])];
  for (const [f, path] of followUps) {
    if (f.orgId !== c.orgId) push({ path: `${path}.orgId`, message: `must be the case's orgId "${c.orgId}"` });
    if (compareDates(f.assessedOn, assessedOn) <= 0) push({ path: `${path}.assessedOn`, message: `must be after the screening (assessed on ${assessedOn})` });
  }
  if (c.acceptance?.township) push(beforeScreening(c.acceptance.township.on, assessedOn, 'acceptance.township.on'));
  if (c.acceptance?.county) push(beforeScreening(c.acceptance.county.on, assessedOn, 'acceptance.county.on'));
  c.earlierAcceptances?.forEach((e, i) => push(beforeScreening(e.on, assessedOn, `earlierAcceptances.${i}.on`)));
  if (c.delisting) push(beforeScreening(c.delisting.on, assessedOn, 'delisting.on'));
  if (c.lookBack) push(beforeScreening(c.lookBack.on, assessedOn, 'lookBack.on'));
  return issues;
}

/**
 * Reads a rectification case back (from the host's store, parsed from JSON): checks its shape
 * and the rules across its fields, and returns it as given. Throws a `CaseError` whose
 * `issues` name every bad field (`progress.3.on`, `plan.checklist.2.due`, an unknown key by
 * its own name). Every lifecycle function reads its case through this.
 *
 * @example
 * ```ts
 * import { readCase } from 'weak-lax-screener';
 *
 * const stored = readCase(JSON.parse(await readFile('case-990199101201.json', 'utf8')));
 * ```
 */
export function readCase(value: unknown): RectificationCase {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CaseError([{ path: '', message: 'expected a rectification case (an object)' }]);
  }
  const orgId = typeof (value as { orgId?: unknown }).orgId === 'string' ? ((value as { orgId: string }).orgId) : undefined;
  const parsed = caseSchema.safeParse(value, { error: errorMap('en') });
  if (!parsed.success) throw new CaseError(zodIssues(parsed.error, '', { '': CASE_KEYS }), orgId);
  const c = value as RectificationCase;
  const issues = crossFieldIssues(c);
  if (issues.length > 0) throw new CaseError(issues, orgId);
  return c;
}
