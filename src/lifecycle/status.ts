/**
 * `caseStatus`: where a rectification case stands on a date, read only from the entries dated
 * on or before it.
 *
 * @module
 */
import { OptionsError } from '../errors.js';
import { compareDates, dayNumber, isInputDate, parseDate } from '../internals/dates.js';
import type { ScreeningResult } from '../outcome.js';
import type { ChecklistItem } from '../plan/types.js';
import { review, type ReviewResult } from '../review.js';
import type { Bilingual } from '../ruleset.js';
import { readCase } from './schema.js';
import { render } from '../schema/messages.js';
import { DELIST_REASONS, caseLocale, delistReason, inCaseLocale, lm, type LifecycleOptions } from './messages.js';
import type { AcceptanceEntry, CaseStage, CaseStatus, CountyGrade, OverdueItem, RectificationCase, TownshipGrade } from './types.js';

/**
 * Sees one item, or one occurrence of a recurring item, as the status reads it: its due date,
 * the first `done` entry on or before asOf, whether it was started, and days overdue (0 when
 * not overdue). Arguments rather than an object: a ledger visits millions. @internal
 */
export type UnitVisitor = (
  item: ChecklistItem,
  occurrence: string | undefined,
  due: string,
  doneOn: string | undefined,
  started: boolean,
  daysOverdue: number,
) => void;

const CLOSED: ReadonlySet<CaseStage> = new Set(['not-listed', 'delisted', 'looked-back']);

/** True for the stages in which the case is closed: nothing is overdue or due any more. @internal */
export function isClosed(stage: CaseStage): boolean {
  return CLOSED.has(stage);
}

const before = (date: string, asOf: string) => compareDates(date, asOf) <= 0;

/** A date in Chinese: 2025年3月28日. @internal */
export function zhDate(date: string): string {
  const d = parseDate(date);
  return d ? `${d.year}年${d.month}月${d.day}日` : date;
}

/**
 * A problem's name for people: the criterion's title and what its branch measures, e.g.
 * 班子配备不齐、书记长期缺职、工作停滞（书记空缺时长）. @internal
 */
export function problemLabel(screening: ScreeningResult, id: string): Bilingual {
  return intern(label(screening, id));
}

/**
 * One shared object per distinct text: a ledger of 60,000 cases names the same few problems
 * and reasons over and over. Bounded, so a long-running host does not grow it for ever.
 */
const interned = new Map<string, Bilingual>();
function intern(text: Bilingual): Bilingual {
  const key = `${text.zh}\u0000${text.en}`;
  const known = interned.get(key);
  if (known) return known;
  if (interned.size >= 10_000) interned.clear();
  interned.set(key, Object.freeze(text));
  return text;
}

function label(screening: ScreeningResult, id: string): Bilingual {
  const criterionId = id.split('.')[0]!;
  const criterion = screening.criteria.find((c) => c.id === criterionId);
  if (!criterion) return { zh: id, en: id };
  // A criterion of one branch is named by its title alone (无固定活动场所).
  if (id === criterionId || (criterion.branches?.length ?? 0) <= 1) return { zh: criterion.title.zh, en: criterion.title.en };
  const labels = { zh: [] as string[], en: [] as string[] };
  for (const evidence of Array.isArray(criterion.evidence) ? criterion.evidence : []) {
    const { branch, label, threshold } = evidence as { branch?: unknown; label?: Partial<Bilingual>; threshold?: unknown };
    if (branch !== id || typeof label?.zh !== 'string' || typeof label.en !== 'string') continue;
    // A yes/no fact reads as the answer that is the problem: 村务监督委员会发挥作用：否.
    const zh = typeof threshold === 'boolean' ? `${label.zh}：${threshold ? '是' : '否'}` : label.zh;
    const en = typeof threshold === 'boolean' ? `${label.en}: ${threshold ? 'yes' : 'no'}` : label.en;
    if (!labels.zh.includes(zh)) labels.zh.push(zh);
    if (!labels.en.includes(en)) labels.en.push(en);
  }
  if (labels.zh.length === 0) return { zh: criterion.title.zh, en: criterion.title.en };
  return { zh: `${criterion.title.zh}（${labels.zh.join('，')}）`, en: `${criterion.title.en} (${labels.en.join(', ')})` };
}

/** The township and county grades in force on `asOf` (a new township grade needs a new county grade). */
function gradesAt(c: RectificationCase, asOf: string): { township?: TownshipGrade; county?: CountyGrade } {
  if (!c.earlierAcceptances?.length) {
    // One township grade and its county grade at most: no history to order.
    const township = c.acceptance?.township;
    if (!township || !before(township.on, asOf)) return {};
    const county = c.acceptance?.county;
    return county && before(county.on, asOf) && compareDates(county.on, township.on) >= 0 ? { township, county } : { township };
  }
  const all: AcceptanceEntry[] = [...c.earlierAcceptances];
  if (c.acceptance?.township) all.push({ level: 'township', ...c.acceptance.township });
  if (c.acceptance?.county) all.push({ level: 'county', ...c.acceptance.county });
  const ordered = all
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => before(entry.on, asOf))
    .sort((a, b) => compareDates(a.entry.on, b.entry.on) || (a.entry.level === b.entry.level ? 0 : a.entry.level === 'township' ? -1 : 1) || a.index - b.index);
  let township: TownshipGrade | undefined;
  let county: CountyGrade | undefined;
  for (const { entry } of ordered) {
    const { level, ...grade } = entry;
    if (level === 'township') {
      township = grade;
      county = undefined;
    } else if (township) county = { on: grade.on, grade: grade.grade };
  }
  return { ...(township ? { township } : {}), ...(county ? { county } : {}) };
}

/** The latest follow-up screening assessed on or before `asOf`. */
function followUpAt(c: RectificationCase, asOf: string): ScreeningResult | undefined {
  if (!c.earlierFollowUps?.length) return c.followUp && before(c.followUp.assessedOn, asOf) ? c.followUp : undefined;
  let latest: ScreeningResult | undefined;
  for (const f of [...(c.earlierFollowUps ?? []), ...(c.followUp ? [c.followUp] : [])]) {
    if (before(f.assessedOn, asOf) && (!latest || compareDates(f.assessedOn, latest.assessedOn) > 0)) latest = f;
  }
  return latest;
}

// Shared by every case that has no grade yet (a ledger of 60,000 cases): read-only.
const NO_TOWNSHIP_GRADE: Bilingual = Object.freeze(delistReason('noTownshipGrade'));
const NO_COUNTY_GRADE: Bilingual = Object.freeze(delistReason('noCountyGrade'));

/** Every reason 摘牌 is not allowed on `asOf`, in the contract's order (texts shared between cases: read-only). */
function delistReasons(c: RectificationCase, asOf: string, openProblems: readonly string[]): Bilingual[] {
  const reasons: Bilingual[] = [];
  for (const id of openProblems) {
    const name = problemLabel(c.screening, id);
    reasons.push(intern({ zh: render(DELIST_REASONS, 'zh-CN', 'problemOpen', { name: name.zh, id }), en: render(DELIST_REASONS, 'en', 'problemOpen', { name: name.en, id }) }));
  }
  const { township, county } = gradesAt(c, asOf);
  if (!township) {
    reasons.push(NO_TOWNSHIP_GRADE);
  } else {
    if (township.grade !== '合格') reasons.push(delistReason('townshipGrade', { grade: township.grade }));
    if (township.score !== undefined && township.score < 70) reasons.push(delistReason('townshipScore', { score: township.score }));
    if (township.dissatisfiedShare !== undefined && township.dissatisfiedShare > 0.5) {
      reasons.push(delistReason('dissatisfied', { share: township.dissatisfiedShare }));
    }
  }
  if (!county) {
    reasons.push(NO_COUNTY_GRADE);
  } else if (county.grade !== '合格') {
    reasons.push(delistReason('countyGrade', { grade: county.grade }));
  }
  const followUp = followUpAt(c, asOf);
  if (followUp) {
    let result: ReviewResult | undefined;
    try {
      result = review(c.screening, followUp);
    } catch {
      result = undefined;
    }
    const on = { on: followUp.assessedOn, onZh: zhDate(followUp.assessedOn) };
    if (!result) {
      reasons.push(delistReason('followUpIncomparable', on));
    } else if (!result.converted) {
      const criteria = new Map(followUp.criteria.map((criterion) => [criterion.id, criterion]));
      const left = result.criteria
        .filter((r) => r.status === 'persisting' || r.status === 'new' || r.status === 'unverified')
        .map((r) => {
          const criterion = criteria.get(r.id);
          return delistReason('criterionLeft', { id: r.id, status: r.status, ...(criterion ? { no: criterion.no, title: criterion.title.zh } : {}) });
        });
      reasons.push({
        zh: render(DELIST_REASONS, 'zh-CN', 'notConverted', { ...on, left: left.map((l) => l.zh) }),
        en: render(DELIST_REASONS, 'en', 'notConverted', { ...on, left: left.map((l) => l.en) }),
      });
    }
  }
  return reasons;
}

/** The stage on `asOf`. @internal */
export function stageAt(c: RectificationCase, asOf: string): CaseStage {
  let last: string | undefined;
  let decided = false;
  for (const entry of c.listing) {
    if (!before(entry.on, asOf)) continue;
    last = entry.stage;
    if (entry.stage === 'decided') decided = true;
  }
  if (last === 'not-listed') return 'not-listed';
  if (c.lookBack && before(c.lookBack.on, asOf)) return 'looked-back';
  if (c.delisting && before(c.delisting.on, asOf)) return 'delisted';
  if (gradesAt(c, asOf).county) return 'accepted';
  if (decided) return c.progress.some((e) => before(e.on, asOf)) ? 'rectifying' : 'listed';
  return 'screened';
}

/**
 * The status of a case already read, on a real date `asOf`; `visit` sees every item and
 * occurrence (the ledger's rows). @internal
 */
export function statusAt(c: RectificationCase, asOf: string, visit?: UnitVisitor): CaseStatus {
  const stage = stageAt(c, asOf);
  const closed = isClosed(stage);

  const entries = new Map<string, { doneOn: string | undefined; started: boolean }>();
  for (const entry of c.progress) {
    if (!before(entry.on, asOf)) continue;
    const key = entry.occurrence === undefined ? entry.itemId : `${entry.itemId}\u0000${entry.occurrence}`;
    let record = entries.get(key);
    if (!record) entries.set(key, (record = { doneOn: undefined, started: false }));
    if (entry.status === 'started') record.started = true;
    else if (record.doneOn === undefined || compareDates(entry.on, record.doneOn) < 0) record.doneOn = entry.on;
  }

  const asOfDay = dayNumber(parseDate(asOf)!);
  let itemsDone = 0;
  let itemsTotal = 0;
  let nextDue: string | undefined;
  const overdue: OverdueItem[] = [];
  const unit = (item: ChecklistItem, occurrence: string | undefined, due: string) => {
    itemsTotal++;
    const record = entries.get(occurrence === undefined ? item.id : `${item.id}\u0000${occurrence}`);
    const doneOn = record?.doneOn;
    let daysOverdue = 0;
    if (doneOn !== undefined) itemsDone++;
    else if (!closed) {
      if (compareDates(due, asOf) < 0) {
        daysOverdue = asOfDay - dayNumber(parseDate(due)!);
        overdue.push(occurrence === undefined ? { itemId: item.id, due, daysOverdue } : { itemId: item.id, occurrence, due, daysOverdue });
      } else if (nextDue === undefined || compareDates(due, nextDue) < 0) nextDue = due;
    }
    visit?.(item, occurrence, due, doneOn, record?.started ?? false, daysOverdue);
  };
  for (const item of c.plan.checklist) {
    const occurrences = item.occurrences;
    if (occurrences && occurrences.length > 0) for (const occurrence of occurrences) unit(item, occurrence, occurrence);
    else unit(item, undefined, item.due);
  }
  // By due date, then plan order (the sort is stable).
  overdue.sort((a, b) => compareDates(a.due, b.due));

  const openProblems = c.problems.filter((p) => p.closedOn === undefined || !before(p.closedOn, asOf)).map((p) => p.id);
  const reasons = delistReasons(c, asOf, openProblems);
  return {
    stage,
    itemsDone,
    itemsTotal,
    overdue,
    openProblems,
    ...(nextDue !== undefined ? { nextDue } : {}),
    canDelist: reasons.length === 0,
    reasons,
  };
}

/** Checks an `asOf` option. @internal */
export function checkAsOf(options: unknown, name = 'asOf'): string {
  const asOf = (options as { asOf?: unknown } | null | undefined)?.asOf;
  if (typeof asOf !== 'string' || !isInputDate(asOf)) {
    throw new OptionsError([{ path: name, message: lm('dateGot', { got: asOf }) }], caseLocale());
  }
  return asOf;
}

/**
 * The status of a rectification case on `asOf`, read only from the entries dated on or before
 * it:
 * - `stage`, the first that holds: `not-listed`, `looked-back`, `delisted`, `accepted` (the
 *   county has graded), `rectifying` (decided, and any progress), `listed` (decided), `screened`;
 * - `itemsDone` / `itemsTotal`: an item is done when it has a `done` entry; a recurring item
 *   counts once per occurrence;
 * - `overdue`: every item or occurrence due before `asOf` with no `done` entry, with its days
 *   overdue, by due date (none once the case is closed by 摘牌 or not listed);
 * - `openProblems`, `nextDue` (the earliest due date on or after `asOf` not done);
 * - `canDelist` and every reason it is false: a problem not closed; the township or county
 *   grade missing or not 合格; a township score under 70; a dissatisfied share over 0.5; a
 *   follow-up screening recorded and `review` not converted.
 *
 * Throws a `CaseError` for a case that fails validation, an `OptionsError` for a bad `asOf`.
 *
 * With `locale: 'zh-CN'` in the options, the errors are in Chinese: the header and every
 * issue (default `'en'`).
 *
 * @example
 * ```ts
 * import { caseStatus } from 'weak-lax-screener';
 *
 * const status = caseStatus(c, { asOf: '2025-10-31' });
 * status.stage;       // 'rectifying'
 * status.overdue;     // [{ itemId: 'C07-finance-disclosure', occurrence: '2025-10-15', due: '2025-10-15', daysOverdue: 16 }]
 * status.reasons[0];  // { zh: '问题“……”尚未销号', en: 'problem "…" (C08.petitionBacklog) is not closed (销号)' }
 * ```
 */
export function caseStatus(c: RectificationCase, options: { asOf: string } & LifecycleOptions): CaseStatus {
  return inCaseLocale((options as LifecycleOptions | null | undefined)?.locale, () => {
    const asOf = checkAsOf(options);
    return statusAt(readCase(c), asOf);
  });
}
