/**
 * Dated timelines from the templates in `rules/plans/templates.json`.
 *
 * @module
 */
import { addDays, addMonthsClamped, daysInMonth, formatDate, parseDate } from '../internals/dates.js';
import type { TemplateSpec } from '../schema/plans.js';
import type { TimelinePhase } from './types.js';

/**
 * The anchor of a month-based template: the first day of the month of `start` when `start`
 * is the 1st, otherwise the first day of the next month (2026-04-01 → 2026-04-01,
 * 2026-04-02 → 2026-05-01, 2026-12-15 → 2027-01-01).
 */
export function monthAnchor(start: string): string {
  const date = parseDate(start);
  if (!date) throw new RangeError(`not a YYYY-MM-DD calendar date: ${JSON.stringify(start)}`);
  const first = { year: date.year, month: date.month, day: 1 };
  return formatDate(date.day === 1 ? first : addMonthsClamped(first, 1));
}

/** The phases of `template` started on `start`, with inclusive dates. */
export function buildTimeline(template: TemplateSpec, start: string): TimelinePhase[] {
  if (template.unit === 'day') {
    return template.phases.map((phase) => ({
      id: phase.id,
      title: { ...phase.title },
      start: addDays(start, phase.from),
      end: addDays(start, phase.to),
    }));
  }
  const anchor = parseDate(monthAnchor(start))!;
  return template.phases.map((phase) => {
    const first = addMonthsClamped(anchor, phase.fromMonth);
    const last = addMonthsClamped(anchor, phase.toMonth);
    return {
      id: phase.id,
      title: { ...phase.title },
      start: formatDate(first),
      end: formatDate({ ...last, day: daysInMonth(last.year, last.month) }),
    };
  });
}
