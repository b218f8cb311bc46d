/**
 * Deadlines and the State Council's holiday schedule (国务院办公厅关于部分节假日安排的通知):
 * which due dates fall on a public holiday (法定节假日, including the weekend days the
 * schedule bridges into it), and the next working day when a county wants every deadline on
 * one (with 调休: a Saturday or Sunday made a working day counts as one).
 *
 * The schedule is data from the `chinese-days` package (MIT), inlined into this library's
 * build, so it needs no network at run time and works in a browser bundle. It covers the
 * years it covers, and no more: the schedule for a year is published late in the year before,
 * so a date in a year the data does not hold is reported as unchecked, never guessed.
 *
 * @module
 */
/*! Holiday schedule data from chinese-days (https://github.com/vsme/chinese-days), MIT License, Copyright (c) 2024 Yawei sun */
import schedule from 'chinese-days/dist/chinese-days.json';
import { version as scheduleVersion } from 'chinese-days/package.json';
import { addDays, dayNumber, parseDate } from '../internals/dates.js';
import type { Bilingual } from '../ruleset.js';
import type { ChecklistItem, RectificationPlan } from '../plan/types.js';

/** What the holiday schedule says about one date. */
export type CalendarDay =
  /** A public holiday (or a weekend day inside one), with its name. */
  | { kind: 'holiday'; name: Bilingual }
  /** A Saturday or Sunday that is not made a working day. */
  | { kind: 'weekend' }
  /** A working day (Monday to Friday outside holidays, or a 调休 Saturday or Sunday). */
  | { kind: 'working' }
  /** A date in a year the schedule does not cover: not checked. */
  | { kind: 'unchecked' };

/** The holiday schedule this build carries. */
export interface HolidayCalendar {
  /** Where the data comes from: the npm package and its version. */
  source: string;
  /** First year the schedule covers. */
  from: number;
  /** Last year the schedule covers. */
  to: number;
}

interface Schedule {
  holidays: Map<string, Bilingual>;
  workdays: Set<string>;
  years: Set<number>;
}

let parsed: Schedule | undefined;

/** The schedule, parsed on first use: importing the library costs nothing until a date is checked. */
function scheduleData(): Schedule {
  if (parsed) return parsed;
  const holidays = new Map<string, Bilingual>();
  for (const [date, value] of Object.entries(schedule.holidays as Record<string, string>)) {
    // "National Day,国庆节,3": English name, Chinese name, the package's own holiday number.
    const [en = '', zh = ''] = value.split(',');
    holidays.set(date, { zh, en });
  }
  return (parsed = { holidays, workdays: new Set(Object.keys(schedule.workdays as Record<string, string>)), years: coveredYears() });
}

/** Years with a schedule: those whose New Year's Day (always a holiday) is in the data. */
function coveredYears(): Set<number> {
  const years = new Set<number>();
  for (const date of Object.keys(schedule.holidays as Record<string, string>)) if (date.endsWith('-01-01')) years.add(Number(date.slice(0, 4)));
  return years;
}

function calendarInfo(): Readonly<HolidayCalendar> {
  const years = [...coveredYears()].sort((a, b) => a - b);
  return Object.freeze({ source: `chinese-days ${scheduleVersion}`, from: years[0] ?? 0, to: years.at(-1) ?? -1 });
}

/**
 * The holiday schedule this build carries: its source and the years it covers (see
 * docs/lifecycle.md). Dates outside these years are reported as unchecked.
 *
 * @example
 * ```ts
 * import { holidayCalendar } from 'weak-lax-screener';
 *
 * holidayCalendar; // { source: 'chinese-days 1.5.7', from: 2004, to: 2026 }
 * ```
 */
export const holidayCalendar: Readonly<HolidayCalendar> = /* @__PURE__ */ calendarInfo();

const days = new Map<string, CalendarDay>();

/**
 * What the schedule says about `date` (`YYYY-MM-DD`): a holiday with its name, a weekend, a
 * working day, or unchecked (a year the data does not cover, or not a date). @internal
 */
export function calendarDay(date: string): CalendarDay {
  let day = days.get(date);
  if (day) return day;
  const data = scheduleData();
  const parsedDate = parseDate(date);
  if (!parsedDate || !data.years.has(parsedDate.year)) day = { kind: 'unchecked' };
  else {
    const name = data.holidays.get(date);
    if (name) day = { kind: 'holiday', name };
    else if (data.workdays.has(date)) day = { kind: 'working' };
    else {
      // 1970-01-01 (day 0) was a Thursday: 0 = Thursday, 2 = Saturday, 3 = Sunday.
      const weekday = ((dayNumber(parsedDate) % 7) + 7) % 7;
      day = weekday === 2 || weekday === 3 ? { kind: 'weekend' } : { kind: 'working' };
    }
  }
  if (days.size > 10_000) days.clear();
  days.set(date, day);
  return day;
}

/**
 * The first working day on or after `date`, or `undefined` when the search reaches a year the
 * schedule does not cover (never guessed). @internal
 */
export function workingDayOnOrAfter(date: string): string | undefined {
  let current = date;
  // The longest run of days off is the Spring Festival (nine days in 2026): 31 is ample.
  for (let step = 0; step < 31; step++) {
    const day = calendarDay(current);
    if (day.kind === 'unchecked') return undefined;
    if (day.kind === 'working') return current;
    current = addDays(current, 1);
  }
  return undefined;
}

/** A due date the holiday check noted. */
export interface DeadlineNote {
  /** The checklist item. */
  itemId: string;
  /** For a recurring item: the occurrence (its date after any move). */
  occurrence?: string;
  /** The due date as the plan now has it. */
  due: string;
  /**
   * `holiday`: the date falls on a public holiday (left as it is); `moved`: it fell on a
   * holiday or weekend and was moved to the next working day (`from` is the original date);
   * `unchecked`: its year is not covered by the schedule, so it was neither checked nor moved.
   */
  flag: 'holiday' | 'moved' | 'unchecked';
  /** The original date of a moved deadline. */
  from?: string;
  /** The holiday's name, when the date is (or was) on a holiday. */
  holiday?: Bilingual;
}

/** The holiday check of a case's plan, recorded by `openCase`. */
export interface DeadlineCheck {
  /** The schedule used: package and version (see {@link holidayCalendar}). */
  calendar: string;
  /** The years the schedule covered when the check ran. */
  years: {
    /** First year covered. */
    from: number;
    /** Last year covered. */
    to: number;
  };
  /** Whether deadlines on a day off were moved to the next working day. */
  workingDays: boolean;
  /** Every due date that fell on a holiday, was moved, or could not be checked, in checklist order. */
  notes: DeadlineNote[];
}

/** What {@link checkDeadlines} returns. */
export interface CheckedDeadlines {
  /** The plan with its due dates as checked (moved ones moved); a new object. */
  plan: RectificationPlan;
  /** The check: every due date noted, and the schedule used. */
  check: DeadlineCheck;
}

/** Options of {@link checkDeadlines}. */
export interface DeadlineOptions {
  /**
   * Move every due date that falls on a day off (a public holiday, or a Saturday or Sunday not
   * made a working day by 调休) to the next working day. When false, dates stay and those on
   * a public holiday are flagged.
   * @default false
   */
  workingDays?: boolean;
}

/**
 * Checks every due date of a plan (each item's `due` and each occurrence of a recurring
 * item) against the holiday schedule. Without `workingDays`, a date on a public holiday is
 * flagged and left as it is; with it, a date on a holiday or a weekend day off moves to the
 * next working day (调休 working days count), and the item's `due` and `occurrences` in the
 * returned plan carry the new dates. A date in a year the schedule does not cover is flagged
 * `unchecked` and never moved. The plan given is not changed. The timeline's phase dates are
 * left as they are: they frame the work, the items' dates are the deadlines.
 *
 * @example
 * ```ts
 * import { checkDeadlines, planRectification } from 'weak-lax-screener';
 *
 * // An intensive plan from 2025-04-01: the organising phase ends on 2025-04-06, a Sunday
 * // inside the 清明 holiday (4 to 6 April 2025).
 * const { plan, check } = checkDeadlines(planRectification(result, { start: '2025-04-01' }), { workingDays: true });
 * check.notes[0]; // { itemId: 'common-leading-group', due: '2025-04-07', flag: 'moved', from: '2025-04-06', holiday: { zh: '清明', en: 'Tomb-sweeping Day' } }
 * ```
 */
export function checkDeadlines(plan: RectificationPlan, options: DeadlineOptions = {}): CheckedDeadlines {
  const workingDays = options.workingDays === true;
  const notes: DeadlineNote[] = [];
  const moved = new Map<string, { date: string; note?: Omit<DeadlineNote, 'itemId' | 'occurrence' | 'due'> }>();

  /** The date a deadline ends up on, and what to note about it. */
  const resolve = (date: string) => {
    let entry = moved.get(date);
    if (entry) return entry;
    const day = calendarDay(date);
    if (day.kind === 'unchecked') entry = { date, note: { flag: 'unchecked' } };
    else if (!workingDays) entry = day.kind === 'holiday' ? { date, note: { flag: 'holiday', holiday: day.name } } : { date };
    else if (day.kind === 'working') entry = { date };
    else {
      const next = workingDayOnOrAfter(date);
      entry = next
        ? { date: next, note: { flag: 'moved', from: date, ...(day.kind === 'holiday' ? { holiday: day.name } : {}) } }
        : { date, note: { flag: 'unchecked' } };
    }
    moved.set(date, entry);
    return entry;
  };

  const checklist = plan.checklist.map((item): ChecklistItem => {
    const occurrences = item.occurrences?.map((date) => {
      const { date: due, note } = resolve(date);
      if (note) notes.push({ itemId: item.id, occurrence: due, due, ...note });
      return due;
    });
    const { date: due, note } = resolve(item.due);
    // A recurring item's due date is its last occurrence, noted with that occurrence already.
    const noted = occurrences?.length ? occurrences.includes(due) : false;
    if (note && !noted) notes.push({ itemId: item.id, due, ...note });
    return due === item.due && occurrences === undefined ? item : { ...item, due, ...(occurrences ? { occurrences } : {}) };
  });
  return {
    plan: { ...plan, checklist },
    check: { calendar: holidayCalendar.source, years: { from: holidayCalendar.from, to: holidayCalendar.to }, workingDays, notes },
  };
}
