/**
 * Dated timelines from the templates in `rules/plans/templates.json`.
 *
 * @module
 */
import { addDays, addMonthsClamped, daysInMonth, formatDate, parseDate } from '../internals/dates.js';
import type { TemplateSpec } from '../schema/plans.js';
import type { TimelinePhase } from './types.js';

/**
 * The first day of `anchorMonth` on or after `start` (for seed plan 2: the first 1 April on
 * or after the start; 2017-04-01 itself counts, 2017-04-02 gives 2018-04-01).
 */
export function anchorOnOrAfter(start: string, anchorMonth: number): string {
  const date = parseDate(start);
  if (!date) throw new RangeError(`not a YYYY-MM-DD calendar date: ${JSON.stringify(start)}`);
  const sameYear = { year: date.year, month: anchorMonth, day: 1 };
  const onOrAfter = date.month < anchorMonth || (date.month === anchorMonth && date.day === 1);
  return formatDate(onOrAfter ? sameYear : { ...sameYear, year: date.year + 1 });
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
  const anchor = parseDate(anchorOnOrAfter(start, template.anchorMonth))!;
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
