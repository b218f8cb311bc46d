/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings. Dates carry no time zone: everything
 * is computed in UTC on whole days, so the host's zone never shifts a date.
 */

/** A calendar date split into its parts (month 1..12). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a leap year of the proleptic Gregorian calendar (year 0000 included, as in ISO 8601). */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1..12) of `year`, leap years included. Plain arithmetic: Date.UTC maps years 0–99 to 1900–1999. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS[month - 1]!;
}

/** The number written by the ASCII digits `text[from..to)`, or -1 when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Parses a `YYYY-MM-DD` string into a real calendar date, or `undefined` (2017-02-30 is not
 * a date). Four-digit years as inputs have them; five-digit ones only so that a plan starting
 * after 9999-12-31 (an assessment on the last valid day) still has dates rather than a crash.
 * Checked with arithmetic on character codes: this runs for every date of every record.
 */
export function parseDate(text: string): CalendarDate | undefined {
  const y = text.length - 6;
  if ((y !== 4 && y !== 5) || text.charCodeAt(y) !== 45 || text.charCodeAt(y + 3) !== 45) return undefined;
  const year = digits(text, 0, y);
  const month = digits(text, y + 1, y + 3);
  const day = digits(text, y + 4, y + 6);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * True when `text` is a real calendar date written `YYYY-MM-DD` with a four-digit year: what
 * zod's `z.iso.date()` accepts (year 0000 included), without its long leap-year regex.
 */
export function isInputDate(text: string): boolean {
  return text.length === 10 && parseDate(text) !== undefined;
}

/** True when `text` is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(text: string): boolean {
  return parseDate(text) !== undefined;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats a calendar date as `YYYY-MM-DD`. */
export function formatDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

function mustParse(text: string): CalendarDate {
  const date = parseDate(text);
  if (!date) throw new RangeError(`not a YYYY-MM-DD calendar date: ${JSON.stringify(text)}`);
  return date;
}

let lastText: string | undefined;
let lastDate: CalendarDate | undefined;

/**
 * {@link mustParse} remembering the last date it parsed: the derived month facts of a record
 * all count up to the same `assessedOn`. Its result is never handed outside this module.
 */
function parseLast(text: string): CalendarDate {
  if (text !== lastText) {
    lastDate = mustParse(text);
    lastText = text;
  }
  return lastDate!;
}

/** `date` plus `months` calendar months, the day clamped to the end of the target month. */
export function addMonthsClamped(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Whole calendar months elapsed from `from` to `to`: the largest n for which `from` plus
 * n months (clamped to the month's end) is on or before `to`. 2017-01-10 → 2017-04-10 is 3,
 * → 2017-04-09 is 2; 2017-01-31 → 2017-02-28 is 1. Negative spans give 0.
 */
export function monthsElapsed(fromText: string, toText: string): number {
  return elapsed(mustParse(fromText), mustParse(toText));
}

function elapsed(from: CalendarDate, to: CalendarDate): number {
  if (compare(from, to) >= 0) return 0;
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  if (compare(addMonthsClamped(from, months), to) > 0) months -= 1;
  return months;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, any year), by plain arithmetic. */
export function dayNumber(date: CalendarDate): number {
  // Howard Hinnant's days_from_civil: years start in March, so the leap day ends the year.
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whole months and the remaining days from `from` to `to`, and the length of the month those days fall in. */
export interface MonthsAndDays {
  /** Whole calendar months elapsed (see {@link monthsElapsed}). */
  months: number;
  /** Days from `from` plus `months` months (clamped) to `to`. */
  days: number;
  /** Days from `from` plus `months` months to `from` plus `months + 1` months (both clamped). */
  monthLength: number;
}

/** The whole months and remaining days from `from` to `to` (0 and 0 when `to` is not after `from`). */
export function monthsAndDays(fromText: string, toText: string): MonthsAndDays {
  const from = mustParse(fromText);
  const to = parseLast(toText);
  const months = elapsed(from, to);
  const start = addMonthsClamped(from, months);
  const days = compare(from, to) >= 0 ? 0 : dayNumber(to) - dayNumber(start);
  return { months, days, monthLength: dayNumber(addMonthsClamped(from, months + 1)) - dayNumber(start) };
}

/**
 * Months from `from` to `to` as the contract's derived month facts count them: whole months m
 * plus the fraction d / D, floored to two decimals (2017-01-10 → 2017-04-11 is 3 + 1/30 =
 * 3.03; 2027-01-15 → 2027-03-31 is 2 + 16/31 = 2.51). "More than n months" is then `> n` and
 * "at least n months" `>= n` on this value.
 */
export function fractionalMonths(fromText: string, toText: string): number {
  const { months, days, monthLength } = monthsAndDays(fromText, toText);
  return (months * 100 + Math.floor((days * 100) / monthLength)) / 100;
}

/** `text` plus `days` days (may be negative). */
export function addDays(text: string, days: number): string {
  const { year, month, day } = mustParse(text);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + days); // setUTCFullYear keeps years 0–99 as they are
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Compares two `YYYY-MM-DD` strings: calendar order (lexicographic within the same year width). */
export function compareDates(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length; // a five-digit year is later
  return a < b ? -1 : a > b ? 1 : 0;
}
