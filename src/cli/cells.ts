/**
 * Reading a spreadsheet cell as an Excel user means it. One function, {@link readCell},
 * serves CSV cells (text) and `.xlsx` cells (text, numbers, booleans, dates), so both give
 * the same record. What it accepts comes from the field table: the type of each field, its
 * enumerated values with their Chinese and English words (`valueLabels`), and whether null is
 * allowed.
 *
 * - empty (or only spacing): absent;
 * - `null` (any case): null; `无`: null where the field allows null, otherwise an error (for a
 *   count: "write 0");
 * - booleans: 是/否, TRUE/FALSE (any case), 1/0, an Excel TRUE/FALSE cell;
 * - enumerations: the Chinese word (村, 社区, 优秀 …), the English word or the value itself;
 * - dates: 2026-03-31, 2026-3-31, 2026/3/31, 2026.3.31, 2026年3月31日 (a time after it is
 *   ignored), or an Excel date cell (a date, or its serial day number in an `.xlsx` date column);
 * - numbers: digits, full-width digits, thousands separators (12,345); 88% as 0.88 for a
 *   share;
 * - ids and text: as typed (trimmed); a whole number in an `.xlsx` cell as its exact digits;
 *   an id in scientific notation (5.11923E+11, what Excel makes of a long number in a CSV) is
 *   an error that says to format the column as text;
 * - one leading `'` before `=`, `+`, `-` or `@` is removed (how the CSV writer keeps such a
 *   cell from running as a formula).
 */
import type { Column } from './columns.js';
import type { SpreadsheetMessages } from './messages.js';

/** A cell as read: CSV text, or an `.xlsx` value (an Excel error as `{ error }`; a formula with no saved value as `{ error: '' }`). */
export type Cell = string | number | boolean | Date | { error: string } | null | undefined;

/** What reading a cell gives: a value (`undefined` is absent) or the problem, in words. */
export type CellResult = { value: unknown } | { problem: string };

const ABSENT: CellResult = { value: undefined };

/** The text of a cell, for messages. */
export function cellText(cell: Cell): string {
  if (cell instanceof Date) return isoDate(cell);
  if (cell && typeof cell === 'object') return cell.error;
  return String(cell ?? '');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` from parts, padded; validation decides whether the date is real. */
function dateOf(year: string, month: string, day: string): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const DATE_FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/**
 * A date from Excel's serial day number: 25569 is 1970-01-01 in the 1900 date system (serial
 * 1 is 1900-01-01, counting Excel's phantom 29 February 1900), 24107 in the 1904 system.
 */
function fromSerial(serial: number, date1904: boolean): string {
  return isoDate(new Date(Math.round((Math.floor(serial) - (date1904 ? 24107 : 25569)) * 86_400_000)));
}

/** A plain number in text: digits, a decimal point, a sign, thousands separators in threes. */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const SCIENTIFIC = /^[-+]?\d+(\.\d+)?e[-+]?\d+$/i;
const PERCENT = /^([-+]?(\d+(\.\d*)?|\.\d+))%$/;

function numberOf(text: string): number | undefined {
  if (NUMBER.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ''));
  return undefined;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

const TRUE_WORDS = new Set(['是', 'true', '1']);
const FALSE_WORDS = new Set(['否', 'false', '0']);

/** The enumerated value a word names (the Chinese or English word, or the value), per field. */
const enumWords = new WeakMap<object, Map<string, string>>();
function enumValue(column: Column, word: string): string | undefined {
  const field = column.field!;
  let words = enumWords.get(field);
  if (!words) {
    words = new Map();
    for (const value of field.values ?? []) {
      words.set(value.toLowerCase(), value);
      const label = field.valueLabels?.[value];
      if (label) {
        words.set(label.zh.normalize('NFKC'), value);
        words.set(label.en.toLowerCase(), value);
      }
    }
    enumWords.set(field, words);
  }
  return words.get(word.toLowerCase());
}

/** The kind of value a column holds, for reading. */
function kindOf(column: Column): 'id' | 'text' | 'count' | 'amount' | 'share' | 'boolean' | 'date' | 'enum' | 'number' {
  if (column.field) return column.field.type;
  return column.extra === 'number' ? 'number' : column.extra === 'boolean' ? 'boolean' : 'text';
}

/**
 * One cell of `column` as a value of the assessment, or the problem with it in words
 * (`messages` in the CLI's locale). See the module's description for every form accepted.
 */
export function readCell(cell: Cell, column: Column, messages: SpreadsheetMessages, date1904 = false): CellResult {
  if (cell === undefined || cell === null) return ABSENT;
  if (typeof cell === 'object' && !(cell instanceof Date)) return { problem: cell.error === '' ? messages.cellFormulaNoValue : messages.cellExcelError(cell.error) };
  const kind = kindOf(column);
  const nullable = column.field?.nullable === true || column.extra !== undefined;

  if (typeof cell === 'boolean') return kind === 'boolean' ? { value: cell } : { value: String(cell).toUpperCase() };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { problem: messages.cellNotDate(String(cell)) };
    return { value: isoDate(cell) };
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { problem: messages.cellNotNumber(String(cell)) };
    switch (kind) {
      case 'id':
      case 'text':
        // A whole number (an id Excel stored as a number) as its exact digits, never 5.11923E+11.
        return { value: Number.isInteger(cell) ? BigInt(cell).toString() : String(cell) };
      case 'boolean':
        return cell === 1 ? { value: true } : cell === 0 ? { value: false } : { problem: messages.cellNotBoolean(String(cell)) };
      case 'date':
        // A date cell whose format the reader did not see: Excel stores dates as serial days.
        return cell >= 1 && cell < 2_958_466 ? { value: fromSerial(cell, date1904) } : { problem: messages.cellNotDate(String(cell)) };
      case 'enum':
        return { value: String(cell) };
      default:
        return { value: cell };
    }
  }

  // Text: a CSV cell, or an .xlsx text cell.
  let text = cell;
  if (text.length > 1 && text[0] === "'" && '=+-@'.includes(text[1]!)) text = text.slice(1);
  text = text.trim();
  if (text === '') return ABSENT;
  if (text.toLowerCase() === 'null') return { value: null };
  // Full-width digits, letters and brackets as their ASCII forms (ASCII text needs no folding).
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC').trim() : text;
  if (folded === '无') {
    if (nullable) return { value: null };
    if (kind === 'count' || kind === 'amount' || kind === 'share' || kind === 'number') return { problem: messages.cellNoneInCount };
    if (kind === 'boolean') return { problem: messages.cellNoneInBoolean };
    if (kind === 'date' || kind === 'enum') return { problem: messages.cellNoneHere };
  }
  switch (kind) {
    case 'id':
      if (SCIENTIFIC.test(folded)) return { problem: messages.cellScientificId(text) };
      return { value: text };
    case 'text':
      return { value: text };
    case 'boolean': {
      const word = folded.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { problem: messages.cellNotBoolean(text) };
    }
    case 'enum': {
      const value = enumValue(column, folded);
      return value === undefined ? { value: text } : { value };
    }
    case 'date': {
      for (const form of DATE_FORMS) {
        const match = form.exec(folded);
        if (match) return { value: dateOf(match[1]!, match[2]!, match[3]!) };
      }
      return { problem: messages.cellNotDate(text) };
    }
    case 'share': {
      const percent = PERCENT.exec(folded);
      if (percent) return { value: Number((Number(percent[1]) / 100).toPrecision(15)) };
      const number = numberOf(folded);
      return number === undefined ? { value: text } : { value: number };
    }
    default: {
      const number = numberOf(folded);
      return number === undefined ? { value: text } : { value: number };
    }
  }
}
