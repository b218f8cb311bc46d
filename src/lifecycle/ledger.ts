/**
 * `ledger`: the monthly ledger (台账) of many cases on one date: a row per checklist item or
 * occurrence, a summary per township, and each case's status.
 *
 * @module
 */
import { compareDates } from '../internals/dates.js';
import type { Region } from '../schema/assessment.js';
import { calendarDay, type DeadlineNote } from './holidays.js';
import { readCase } from './schema.js';
import { inCaseLocale, lm, type LifecycleOptions } from './messages.js';
import { checkAsOf, isClosed, problemLabel, stageAt, statusAt } from './status.js';
import type { ChecklistItem } from '../plan/types.js';
import type { CaseStage, Ledger, LedgerCase, LedgerRow, LedgerRowStatus, RectificationCase, TownshipSummary } from './types.js';

const REGION_PARTS = ['province', 'city', 'county', 'township'] as const;

/** Region order: part by part, a missing part after every named one (as `summarize` sorts). */
function compareRegions(a: Region | undefined, b: Region | undefined): number {
  for (const part of REGION_PARTS) {
    const x = a?.[part];
    const y = b?.[part];
    if (x === y) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const NO_NOTES: readonly DeadlineNote[] = [];

/** Every stage at zero. @internal */
export function zeroStages(): Record<CaseStage, number> {
  return { screened: 0, listed: 0, rectifying: 0, accepted: 0, delisted: 0, 'looked-back': 0, 'not-listed': 0 };
}

/** One row; a function of its own, so that its one allocation site learns that rows live long. */
function row(
  c: RectificationCase,
  stage: CaseStage,
  closed: boolean,
  moved: ReadonlyMap<string, string>,
  item: ChecklistItem,
  occurrence: string | undefined,
  due: string,
  doneOn: string | undefined,
  started: boolean,
  daysOverdue: number,
): LedgerRow {
  const day = calendarDay(due);
  let status: LedgerRowStatus;
  if (doneOn !== undefined) status = 'done';
  else if (closed) status = 'closed';
  else if (daysOverdue > 0) status = 'overdue';
  else status = started ? 'started' : 'pending';
  // Every row has every key (absent ones undefined): one object shape for a million rows.
  return {
    orgId: c.orgId,
    orgName: c.orgName,
    region: c.region,
    stage,
    itemId: item.id,
    criterionId: item.criterionId,
    occurrence,
    measure: item.measure,
    role: item.role,
    responsible: item.responsible,
    due,
    status,
    doneOn,
    daysOverdue,
    calendar: day.kind === 'holiday' || day.kind === 'unchecked' ? day.kind : undefined,
    holiday: day.kind === 'holiday' ? day.name : undefined,
    movedFrom: moved.size === 0 ? undefined : moved.get(occurrence === undefined ? item.id : `${item.id}\u0000${occurrence}`),
  } satisfies Record<keyof LedgerRow, unknown>;
}

/**
 * The ledger (台账) of `cases` on `asOf`, reading only entries dated on or before it:
 * - `rows`: one per checklist item, or per occurrence of a recurring item, of every case
 *   (organisation, criterion, measure, responsible body, due date, status, days overdue, and
 *   whether the due date falls on a public holiday or could not be checked against the
 *   holiday schedule);
 * - `townships`: one per township, keyed by province, city, county and township (two towns
 *   named 城关镇 in different counties are two rows): cases, cases by stage, items done, total
 *   and overdue, open problems, and cases delisted (摘牌);
 * - `cases`: each case's status.
 *
 * Cases screened after `asOf` did not exist yet and are left out. Cases and rows are ordered
 * by province, city, county, township, then organisation id and screening date; rows of a
 * case follow its plan. Rows and cases share their texts (measures, responsible bodies,
 * regions) with the cases given: treat the ledger as read-only.
 *
 * Throws a `CaseError` for a case that fails validation and an `OptionsError` for a bad `asOf`.
 *
 * With `locale: 'zh-CN'` in the options, the errors are in Chinese: the header and every
 * issue (default `'en'`).
 *
 * @example
 * ```ts
 * import { ledger, renderLedger } from 'weak-lax-screener';
 *
 * const monthly = ledger(cases, { asOf: '2025-10-31' });
 * monthly.townships[0];  // { city: '云岫市', county: '雾岫县', township: '萤川镇', cases: 2, itemsDone: 26, overdue: 2, delisted: 1, … }
 * renderLedger(monthly, { lang: 'zh' });   // 整顿工作月报 in Markdown
 * ```
 */
export function ledger(cases: Iterable<RectificationCase>, options: { asOf: string } & LifecycleOptions): Ledger {
  return inCaseLocale((options as LifecycleOptions | null | undefined)?.locale, () => ledgerIn(cases, options));
}

function ledgerIn(cases: Iterable<RectificationCase>, options: { asOf: string }): Ledger {
  const asOf = checkAsOf(options);
  if (cases === null || typeof cases !== 'object' || typeof (cases as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(lm('notIterable', { fn: 'ledger' }));
  }
  const read: RectificationCase[] = [];
  for (const c of cases) {
    const checked = readCase(c);
    if (compareDates(checked.screening.assessedOn, asOf) <= 0) read.push(checked);
  }
  read.sort(
    (a, b) =>
      compareRegions(a.region, b.region) ||
      (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0) ||
      compareDates(a.screening.assessedOn, b.screening.assessedOn),
  );

  const rows: LedgerRow[] = [];
  const ledgerCases: LedgerCase[] = [];
  const townships = new Map<string, TownshipSummary>();
  for (const c of read) {
    const moved = new Map<string, string>();
    for (const note of c.deadlineCheck?.notes ?? NO_NOTES) {
      if (note.flag === 'moved' && note.from) moved.set(note.occurrence === undefined ? note.itemId : `${note.itemId}\u0000${note.occurrence}`, note.from);
    }
    const stage = stageAt(c, asOf);
    const closed = isClosed(stage);
    const status = statusAt(c, asOf, (item, occurrence, due, doneOn, started, daysOverdue) => {
      rows.push(row(c, stage, closed, moved, item, occurrence, due, doneOn, started, daysOverdue));
    });

    ledgerCases.push({
      orgId: c.orgId,
      orgName: c.orgName,
      kind: c.kind,
      region: c.region,
      year: Number(c.screening.assessedOn.slice(0, 4)),
      status,
      problems: c.problems.length,
      openProblems: status.openProblems.map((id) => ({ id, label: problemLabel(c.screening, id) })),
    });

    const key = JSON.stringify(REGION_PARTS.map((part) => c.region?.[part] ?? null));
    let township = townships.get(key);
    if (!township) {
      township = {} as TownshipSummary;
      for (const part of REGION_PARTS) if (c.region?.[part] !== undefined) township[part] = c.region[part];
      Object.assign(township, { cases: 0, byStage: zeroStages(), itemsTotal: 0, itemsDone: 0, overdue: 0, openProblems: 0, delisted: 0 });
      townships.set(key, township);
    }
    township.cases++;
    township.byStage[stage]++;
    township.itemsTotal += status.itemsTotal;
    township.itemsDone += status.itemsDone;
    township.overdue += status.overdue.length;
    township.openProblems += status.openProblems.length;
    if (stage === 'delisted' || stage === 'looked-back') township.delisted++;
  }
  return { asOf, rows, townships: [...townships.values()], cases: ledgerCases };
}
