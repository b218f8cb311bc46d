/**
 * `planRectification`: from a screening result to a dated rectification plan (整顿方案).
 *
 * @module
 */
import * as z from 'zod';
import { OptionsError, type Issue, type Locale } from '../errors.js';
import { compareDates, formatDate, parseDate } from '../internals/dates.js';
import { TEMPLATES } from '../schema/options.js';
import { dotted, errorMap, render } from '../schema/messages.js';
import { PLAN_MESSAGES } from './messages.js';
import type { MeasureSpec, MeasureText, TownshipLevel } from '../schema/plans.js';
import type { Bilingual } from '../ruleset.js';
import type { CriterionResult, ScreeningResult } from '../outcome.js';
import { catalogue, type PlanCatalogue } from './catalogue.js';
import { buildTimeline } from './timeline.js';
import { metBranches } from './branches.js';
import { fillTownship, organOf, townshipLevel } from './organs.js';
import type { ChecklistItem, PlanProblem, PlanTemplate, RectificationPlan, TimelinePhase } from './types.js';

/** Options of {@link planRectification}. */
export interface PlanOptions {
  /**
   * Requested start, `YYYY-MM-DD`, on or after the result's `assessedOn`. The `intensive` plan
   * starts on it; the `annual` plan on the first day of its month when it is the 1st,
   * otherwise on the first day of the next month.
   */
  start: string;
  /**
   * `intensive` (seed plan 1: 91 days in five phases) or `annual` (seed plan 2: nine months in
   * four phases, the last two overlapping).
   * @default 'intensive'
   */
  template?: PlanTemplate;
  /**
   * Language of the error message when the result or the options are bad.
   * @default 'en'
   */
  locale?: Locale;
}

const planOptionsSchema = z.strictObject({
  start: z.string(),
  template: z.enum(TEMPLATES).optional(),
  locale: z.enum(['en', 'zh-CN']).optional(),
});

const LOCALES: readonly unknown[] = ['en', 'zh-CN'];

/** The language the caller asked for, even when the options are otherwise bad. */
function localeOf(options: unknown): Locale {
  const locale = (options as { locale?: unknown } | null | undefined)?.locale;
  return LOCALES.includes(locale) ? (locale as Locale) : 'en';
}

/** The parts of a {@link ScreeningResult} a plan reads. */
/** What a plan reads of a result: of its criteria, only the matched ones' titles and branches. @internal */
export type PlanInput = Pick<ScreeningResult, 'orgId' | 'orgName' | 'kind' | 'matched' | 'assessedOn' | 'region'> & {
  criteria?: ReadonlyArray<Pick<CriterionResult, 'id' | 'title' | 'branches'>>;
};

function checkResult(result: unknown, locale: Locale): PlanInput {
  const fail = (key: string): never => {
    throw new TypeError(render(PLAN_MESSAGES, locale, key));
  };
  if (typeof result !== 'object' || result === null) fail('resultNotScreening');
  const r = result as Record<string, unknown>;
  if (typeof r.orgId !== 'string' || r.orgId === '') fail('resultOrgId');
  if (r.kind !== 'village' && r.kind !== 'community') fail('resultKind');
  if (typeof r.assessedOn !== 'string' || !parseDate(r.assessedOn)) fail('resultAssessedOn');
  if (!Array.isArray(r.matched) || !r.matched.every((id) => typeof id === 'string')) fail('resultMatched');
  if (r.criteria !== undefined && !Array.isArray(r.criteria)) fail('resultCriteria');
  return result as PlanInput;
}

/**
 * The issue for a plan `start` before the assessment date, or `undefined` when the start may
 * be used: a plan never starts before the screening it answers. Both dates must be real
 * `YYYY-MM-DD` dates. @internal
 */
export function planStartIssue(start: string, assessedOn: string, locale: Locale = 'en'): Issue | undefined {
  return compareDates(start, assessedOn) < 0 ? { path: 'start', message: render(PLAN_MESSAGES, locale, 'startEarly', { start, assessedOn }) } : undefined;
}

function checkOptions(options: unknown, assessedOn: string, locale: Locale): { start: string; template: PlanTemplate } {
  const parsed = planOptionsSchema.safeParse(options ?? {}, { error: errorMap(locale) });
  if (!parsed.success) {
    throw new OptionsError(
      parsed.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? { path: issue.keys[0]!, message: render(PLAN_MESSAGES, locale, 'unknownKey') }
          : { path: dotted(issue.path), message: issue.path[0] === 'start' ? render(PLAN_MESSAGES, locale, 'startNotDate', { start: (options as { start?: unknown }).start }) : issue.message },
      ),
      locale,
    );
  }
  const { start, template = 'intensive' } = parsed.data;
  if (!parseDate(start)) throw new OptionsError([{ path: 'start', message: render(PLAN_MESSAGES, locale, 'startNotDate', { start }) }], locale);
  const early = planStartIssue(start, assessedOn, locale);
  if (early) throw new OptionsError([early], locale);
  return { start, template };
}

/** Dates `day` of each month in `months` that lie inside [start, end]. */
function occurrencesBetween(start: string, end: string, months: readonly number[], day: number): string[] {
  const from = parseDate(start)!;
  const to = parseDate(end)!;
  const dates: string[] = [];
  for (let index = from.year * 12 + from.month - 1; index <= to.year * 12 + to.month - 1; index++) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    if (!months.includes(month)) continue;
    const date = formatDate({ year, month, day });
    if (compareDates(date, start) >= 0 && compareDates(date, end) <= 0) dates.push(date);
  }
  return dates;
}

function fill(text: Bilingual, title: Bilingual): Bilingual {
  return { zh: text.zh.replaceAll('{title}', title.zh), en: text.en.replaceAll('{title}', title.en) };
}

/** A measure's text for this kind of organisation and its township level. */
function worded(text: MeasureText, kind: Kind, level: TownshipLevel): Bilingual {
  return fillTownship('zh' in text ? text : text[kind], level);
}

/** What a plan's dates depend on: the template and the start. Cached, since a batch has few distinct dates. */
interface Frame {
  timeline: TimelinePhase[];
  start: string;
  end: string;
  phases: Map<string, TimelinePhase>;
  /** Dated checklist items by `${kind}|${township organ}|${measure id}`, copied out for each plan. */
  items: Map<string, Omit<ChecklistItem, 'addresses'>>;
}

const frames = new Map<string, Frame>();
const MAX_FRAMES = 4096;

function frameOf(data: PlanCatalogue, template: PlanTemplate, start: string): Frame {
  const key = `${template}|${start}`;
  let frame = frames.get(key);
  if (!frame) {
    const timeline = buildTimeline(data.templates[template], start);
    frame = {
      timeline,
      start: timeline.map((p) => p.start).reduce((a, b) => (compareDates(a, b) <= 0 ? a : b)),
      end: timeline.map((p) => p.end).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b)),
      phases: new Map(timeline.map((p) => [p.id, p])),
      items: new Map(),
    };
    if (frames.size >= MAX_FRAMES) frames.clear();
    frames.set(key, frame);
  }
  return frame;
}

/** Township levels by township name: a batch has few distinct townships. Read only, never handed out. */
const levels = new Map<string, TownshipLevel>();

function levelOf(data: PlanCatalogue, township: unknown): TownshipLevel {
  if (typeof township !== 'string' || data !== catalogue) return townshipLevel(township, data.organs);
  let level = levels.get(township);
  if (!level) {
    if (levels.size >= MAX_FRAMES) levels.clear();
    levels.set(township, (level = townshipLevel(township, data.organs)));
  }
  return level;
}

/** A fresh copy, so that a user filling in `responsible` on one plan never touches another. */
function copyItem(item: Omit<ChecklistItem, 'addresses'>, addresses: readonly string[]): ChecklistItem {
  return {
    id: item.id,
    criterionId: item.criterionId,
    addresses: [...addresses],
    measure: { ...item.measure },
    goal: { ...item.goal },
    phase: item.phase,
    due: item.due,
    role: { ...item.role },
    evidence: { ...item.evidence },
    source: item.source,
    ...(item.occurrences ? { occurrences: [...item.occurrences] } : {}),
  };
}

type Kind = 'village' | 'community';
type DatedSpec = Pick<MeasureSpec, 'id' | 'criterionId' | 'measure' | 'goal' | 'phase' | 'role' | 'evidence' | 'source' | 'recurrence'>;

function build(result: PlanInput, start: string, template: PlanTemplate, data: PlanCatalogue): RectificationPlan {
  const frame = frameOf(data, template, start);
  const { start: planStart, end: planEnd, phases } = frame;
  const timeline = frame.timeline.map((p) => ({ ...p, title: { ...p.title } }));
  const kind = result.kind;
  const level = levelOf(data, result.region?.township);
  const township = level.organ;

  const dated = (spec: DatedSpec): Omit<ChecklistItem, 'addresses'> => {
    const phase = phases.get(spec.phase[template])!;
    const occurrences = spec.recurrence
      ? occurrencesBetween(planStart, planEnd, spec.recurrence.months, spec.recurrence.day)
      : undefined;
    return {
      id: spec.id,
      criterionId: spec.criterionId,
      measure: worded(spec.measure, kind, level),
      goal: worded(spec.goal, kind, level),
      phase: phase.id,
      // Recurring work is due on its last occurrence (the plan's end when none falls inside it).
      due: occurrences ? (occurrences.at(-1) ?? planEnd) : phase.end,
      role: organOf(spec.role, kind, township, data.organs),
      evidence: worded(spec.evidence, kind, level),
      source: spec.source,
      ...(occurrences ? { occurrences } : {}),
    };
  };
  const item = (spec: MeasureSpec, addresses: readonly string[]): ChecklistItem => {
    const key = `${kind}|${township.zh}|${spec.id}`;
    let cached = frame.items.get(key);
    if (!cached) frame.items.set(key, (cached = dated(spec)));
    return copyItem(cached, addresses);
  };

  const criteria = new Map((result.criteria ?? []).map((c) => [c.id, c]));
  const problems: PlanProblem[] = [];
  const checklist: ChecklistItem[] = data.common.map((m) => item(m, []));
  for (const criterionId of result.matched) {
    const criterion = criteria.get(criterionId);
    const title = criterion?.title ?? { zh: criterionId, en: criterionId };
    problems.push({ criterionId, title: { ...title } });
    // Only the measures answering a met branch, and the criterion-wide ones (contract, "Plans").
    const met = metBranches(criterion);
    const chosen: ChecklistItem[] = [];
    for (const measure of data.byCriterion.get(criterionId) ?? []) {
      if (measure.kinds && !measure.kinds.includes(kind)) continue;
      const answered = measure.addresses.filter((a) => a === criterionId || met?.has(a) === true);
      if (answered.length > 0) chosen.push(item(measure, answered));
    }
    if (chosen.length === 0) {
      // A criterion the catalogue does not know (a province's own), or one whose met branches
      // no measure answers, still gets an item, so every matched criterion is covered.
      const g = data.generic;
      chosen.push(
        copyItem(
          dated({
            ...g,
            id: `${criterionId}-generic`,
            criterionId,
            measure: fill(worded(g.measure, kind, level), title),
            goal: fill(worded(g.goal, kind, level), title),
            evidence: fill(worded(g.evidence, kind, level), title),
          }),
          [criterionId],
        ),
      );
    }
    checklist.push(...chosen);
  }

  return {
    orgId: result.orgId,
    template,
    start: planStart,
    end: planEnd,
    timeline,
    checklist,
    ...(typeof result.orgName === 'string' ? { orgName: result.orgName } : {}),
    kind,
    townshipOrgan: { ...township },
    problems,
  };
}

/**
 * Plans the rectification (整顿方案) of one screened organisation: a dated timeline from the
 * template and a checklist with the steps every plan has (leading group, joint examination
 * of the list, the "four ones", investigation, one plan per organisation, supervision,
 * look-back, two-level assessment and acceptance) and, for each matched criterion, the
 * measures that answer a condition that was met (a criterion's `branches`; a village whose
 * secretary is in post gets no measure for a vacant post) plus its criterion-wide measures.
 * A result without `branches` gets the criterion-wide measures only; a matched criterion no
 * measure applies to gets a generic item. Each item names the conditions it answers
 * (`addresses`), its phase, due date (the end of its phase; recurring work is due on its last
 * occurrence), the responsible organ (the township organ read from `org.region.township`,
 * 县委组织部 for county-level steps, 纪检监察机关 for discipline cases, the organisation
 * itself for its own meetings and disclosures), goal, evidence and source. Recurring work
 * lists its `occurrences` inside the plan window: finance disclosure on the 15th of January,
 * April, July and October; the 支委会 on the 5th and the 主题党日 on the 10th of every month.
 *
 * Any result is accepted: a screening is a preliminary finding, and the list is proposed by
 * the township (street) committee, examined jointly by the county organisation department
 * and decided by the county Party standing committee, so a result that is not `weak-lax`
 * gets a plan with the common steps only. `screen` itself attaches plans to `weak-lax`
 * results only.
 *
 * Throws an `OptionsError` naming the field for a bad `start` (not a real `YYYY-MM-DD` date,
 * or before the result's `assessedOn`), an unknown `template` or an unknown option key, and a
 * `TypeError` when `result` is not a screening result.
 *
 * @example
 * ```ts
 * import { planRectification, screen } from 'weak-lax-screener';
 *
 * const result = await screen(baishaVillage);   // 白沙村, 青石镇; C07 matched on finance disclosure
 * const plan = planRectification(result, { start: '2026-04-01' });
 * plan.timeline.map((p) => `${p.start}..${p.end}`);
 * // ['2026-04-01..2026-04-06', '2026-04-07..2026-04-20', '2026-04-21..2026-05-22',
 * //  '2026-05-23..2026-06-22', '2026-06-22..2026-06-30']
 * plan.checklist.find((i) => i.id === 'C07-finance-disclosure');
 * // { addresses: ['C07.financeDisclosures'], role: { zh: '村党组织', … }, occurrences: ['2026-04-15'], due: '2026-04-15', … }
 * ```
 */
export function planRectification(result: ScreeningResult, options: PlanOptions): RectificationPlan {
  const locale = localeOf(options);
  const checked = checkResult(result, locale);
  const { start, template } = checkOptions(options, checked.assessedOn, locale);
  return build(checked, start, template, catalogue);
}

/**
 * The plan `screen` attaches to a weak-lax result, whose inputs are already checked (the
 * caller checks the start against `assessedOn` with {@link planStartIssue}). @internal
 */
export function planForResult(result: PlanInput, start: string, template: PlanTemplate): RectificationPlan {
  return build(result, start, template, catalogue);
}
