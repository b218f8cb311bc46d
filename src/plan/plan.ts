/**
 * `planRectification`: from a screening result to a dated rectification plan (整顿方案).
 *
 * @module
 */
import * as z from 'zod';
import { OptionsError } from '../errors.js';
import { compareDates, formatDate, parseDate } from '../internals/dates.js';
import { TEMPLATES } from '../schema/options.js';
import { dotted } from '../schema/messages.js';
import type { MeasureSpec } from '../schema/plans.js';
import type { Bilingual } from '../ruleset.js';
import type { ScreeningResult } from '../outcome.js';
import { catalogue, type PlanCatalogue } from './catalogue.js';
import { buildTimeline } from './timeline.js';
import type { ChecklistItem, PlanProblem, PlanTemplate, RectificationPlan, TimelinePhase } from './types.js';

/** Options of {@link planRectification}. */
export interface PlanOptions {
  /**
   * Requested start, `YYYY-MM-DD`. The `intensive` plan starts on it; the `annual` plan starts
   * on the first 1 April on or after it.
   */
  start: string;
  /**
   * `intensive` (seed plan 1: 91 days in five phases) or `annual` (seed plan 2: April to
   * December).
   * @default 'intensive'
   */
  template?: PlanTemplate;
}

const planOptionsSchema = z.strictObject({
  start: z.string(),
  template: z.enum(TEMPLATES).optional(),
});

/** The parts of a {@link ScreeningResult} a plan reads. */
type PlanInput = Pick<ScreeningResult, 'orgId' | 'orgName' | 'kind' | 'matched' | 'criteria'>;

function checkResult(result: unknown): PlanInput {
  const fail = (field: string, expected: string): never => {
    throw new TypeError(`planRectification: result.${field} must be ${expected} (pass a result of screen())`);
  };
  if (typeof result !== 'object' || result === null) throw new TypeError('planRectification: result must be a screening result');
  const r = result as Record<string, unknown>;
  if (typeof r.orgId !== 'string' || r.orgId === '') fail('orgId', 'a non-empty string');
  if (r.kind !== 'village' && r.kind !== 'community') fail('kind', '"village" or "community"');
  if (!Array.isArray(r.matched) || !r.matched.every((id) => typeof id === 'string')) fail('matched', 'an array of criterion ids');
  if (r.criteria !== undefined && !Array.isArray(r.criteria)) fail('criteria', 'an array');
  return result as PlanInput;
}

function checkOptions(options: unknown): { start: string; template: PlanTemplate } {
  const parsed = planOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new OptionsError(
      parsed.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? { path: issue.keys[0]!, message: 'unknown key' }
          : { path: dotted(issue.path), message: issue.path[0] === 'start' ? 'must be a YYYY-MM-DD date' : issue.message },
      ),
    );
  }
  const { start, template = 'intensive' } = parsed.data;
  if (!parseDate(start)) {
    throw new OptionsError([{ path: 'start', message: `must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(start)}` }]);
  }
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

/** What a plan's dates depend on: the template and the start. Cached, since a batch has few distinct dates. */
interface Frame {
  timeline: TimelinePhase[];
  start: string;
  end: string;
  phases: Map<string, TimelinePhase>;
  /** Dated checklist items by `${kind}|${measure id}`, copied out for each plan. */
  items: Map<string, ChecklistItem>;
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

/** A fresh copy, so that a user filling in `responsible` on one plan never touches another. */
function copyItem(item: ChecklistItem): ChecklistItem {
  return {
    ...item,
    measure: { ...item.measure },
    goal: { ...item.goal },
    role: { ...item.role },
    evidence: { ...item.evidence },
    ...(item.occurrences ? { occurrences: [...item.occurrences] } : {}),
  };
}

function build(result: PlanInput, start: string, template: PlanTemplate, data: PlanCatalogue): RectificationPlan {
  const frame = frameOf(data, template, start);
  const { start: planStart, end: planEnd, phases } = frame;
  const timeline = frame.timeline.map((p) => ({ ...p, title: { ...p.title } }));

  const dated = (spec: MeasureSpec): ChecklistItem => {
    const phase = phases.get(spec.phase[template])!;
    return {
      id: spec.id,
      criterionId: spec.criterionId,
      measure: spec.measure,
      goal: spec.goal,
      phase: phase.id,
      due: spec.due === 'plan-end' ? planEnd : phase.end,
      role: data.roles[spec.role]![result.kind],
      evidence: spec.evidence,
      source: spec.source,
      ...(spec.recurrence
        ? { occurrences: occurrencesBetween(planStart, planEnd, spec.recurrence.months, spec.recurrence.day) }
        : {}),
    };
  };
  const item = (spec: MeasureSpec): ChecklistItem => {
    const key = `${result.kind}|${spec.id}`;
    let cached = frame.items.get(key);
    if (!cached) frame.items.set(key, (cached = dated(spec)));
    return copyItem(cached);
  };

  const titles = new Map((result.criteria ?? []).map((c) => [c.id, c.title]));
  const problems: PlanProblem[] = [];
  const checklist: ChecklistItem[] = data.measures.filter((m) => m.criterionId === null).map(item);
  for (const criterionId of result.matched) {
    const title = titles.get(criterionId) ?? { zh: criterionId, en: criterionId };
    problems.push({ criterionId, title: { ...title } });
    const known = data.measures.filter((m) => m.criterionId === criterionId);
    if (known.length > 0) {
      checklist.push(...known.map(item));
    } else {
      // A criterion the catalogue does not know (a province's own) still gets an item, so
      // every matched criterion is covered.
      const g = data.generic;
      checklist.push(
        copyItem(dated({
          ...g,
          id: `${criterionId}-generic`,
          criterionId,
          due: 'phase-end',
          measure: fill(g.measure, title),
          goal: fill(g.goal, title),
          evidence: fill(g.evidence, title),
        })),
      );
    }
  }

  return {
    orgId: result.orgId,
    template,
    start: planStart,
    end: planEnd,
    timeline,
    checklist,
    ...(typeof result.orgName === 'string' ? { orgName: result.orgName } : {}),
    kind: result.kind,
    problems,
  };
}

/**
 * Plans the rectification (整顿方案) of one screened organisation: a dated timeline from the
 * template and a checklist with the steps every plan has (leading group, the "four ones",
 * investigation, one plan per village, supervision, look-back, assessment and acceptance)
 * plus the catalogue's measures for every matched criterion (a criterion the catalogue does
 * not know gets a generic item). Each item has its phase, due date (the end of its phase;
 * recurring work is due when the plan ends), responsible body by kind (镇党委 for a village,
 * 街道党工委 for a community), goal, evidence and source; recurring work lists its dated
 * `occurrences` inside the plan window (finance disclosure on the 15th of January, April,
 * July and October; monthly 支委会 and 主题党日 where C04 matched).
 *
 * Any result is accepted: whether an organisation is rectified is the township (street)
 * committee's decision (经镇党委研究决定), not the screening's, so a result that is not
 * `weak-lax` gets a plan with the common steps only (it has no matched criteria). `screen`
 * itself attaches plans to `weak-lax` results only.
 *
 * Throws an `OptionsError` naming the field for a bad `start` (not a real `YYYY-MM-DD`
 * date), an unknown `template` or an unknown option key, and a `TypeError` when `result` is
 * not a screening result.
 *
 * @example
 * ```ts
 * import { planRectification, screen } from 'weak-lax-screener';
 *
 * const result = await screen(gongtongVillage);      // 共同村, C07 matched
 * const plan = planRectification(result, { start: '2017-03-01' });
 * plan.timeline.map((p) => `${p.start}..${p.end}`);
 * // ['2017-03-01..2017-03-06', '2017-03-07..2017-03-20', '2017-03-21..2017-04-21',
 * //  '2017-04-22..2017-05-22', '2017-05-22..2017-05-30']
 * plan.checklist.find((i) => i.id === 'C07-finance-disclosure')?.occurrences;   // ['2017-04-15']
 * ```
 */
export function planRectification(result: ScreeningResult, options: PlanOptions): RectificationPlan {
  const checked = checkResult(result);
  const { start, template } = checkOptions(options);
  return build(checked, start, template, catalogue);
}

/** The plan `screen` attaches to a weak-lax result, whose inputs are already checked. @internal */
export function planForResult(result: ScreeningResult, start: string, template: PlanTemplate): RectificationPlan {
  return build(result, start, template, catalogue);
}
