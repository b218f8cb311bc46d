/**
 * Spreadsheet columns: a header cell names a field by its dotted path
 * (`leadership.seatsFilled`) or by its Chinese label from the field table (`班子实有人数`).
 * Labels are matched after NFKC normalisation (full- and half-width brackets, digits and
 * letters alike), with spacing removed and curly and straight quotes alike, so what a clerk
 * types or pastes still finds its field. A header that names no field is a usage error,
 * once for the file, with the closest path or label as a hint.
 */
import { FIELDS, type FieldSpec } from '../schema/fields.js';
import { UsageError } from './errors.js';
import { MESSAGES, type MessageTable } from './messages.js';

/** What a column holds: a field of the table, or a declared extra fact. */
export interface Column {
  /** Dotted path in the assessment. */
  readonly path: string;
  /** Its parts, for building the record. */
  readonly parts: readonly string[];
  /** The field, for an input field. */
  readonly field?: FieldSpec;
  /** The declared type, for `extra.<name>`. */
  readonly extra?: 'number' | 'boolean' | 'string';
}

/** Declared extra facts of a ruleset. */
export type ExtraFacts = Readonly<Record<string, 'number' | 'boolean' | 'string'>>;

/**
 * A header or label as it is compared: NFKC (（ → (, full-width digits and letters → ASCII),
 * no spacing at all, curly quotes as straight ones.
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[“”„‟〝〞＂]/g, '"')
    .replace(/[‘’‚‛＇]/g, "'");
}

const BY_PATH = new Map(FIELDS.map((field) => [field.path, field]));
const BY_LABEL = new Map(FIELDS.map((field) => [headerKey(field.label.zh), field]));
if (BY_LABEL.size !== FIELDS.length) throw new Error('field labels are not unique after normalisation');

function columnOf(path: string, extraFacts: ExtraFacts): Column | undefined {
  const field = BY_PATH.get(path);
  if (field) return { path, parts: path.split('.'), field };
  if (path.startsWith('extra.')) {
    const name = path.slice('extra.'.length);
    if (Object.hasOwn(extraFacts, name)) return { path, parts: ['extra', name], extra: extraFacts[name]! };
  }
  return undefined;
}

/** The column a header names, or `undefined`. */
export function resolveHeader(header: string, extraFacts: ExtraFacts = {}): Column | undefined {
  const trimmed = header.trim();
  const byPath = columnOf(trimmed, extraFacts);
  if (byPath) return byPath;
  const field = BY_LABEL.get(headerKey(trimmed));
  return field ? { path: field.path, parts: field.path.split('.'), field } : undefined;
}

/** Names that must never become keys: they reach `Object.prototype` or a constructor. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a CSV header once for the file: a column with an empty or reserved part
 * (`__proto__`, `constructor`, `prototype`), a column given twice, or a column that also has
 * fields of its own (`org` beside `org.id`) is a {@link UsageError} naming it, since one of
 * the cells would be lost or would reach where data does not belong. Returns each column's
 * path; a column with no name at all is `undefined` (its cells must stay empty).
 */
export function checkHeader(header: readonly string[]): Array<string[] | undefined> {
  const seen = new Map<string, number>();
  const paths = header.map((column, i) => {
    if (column === '') return undefined;
    const parts = column.split('.');
    if (parts.some((part) => part === '')) throw new UsageError(MESSAGES.csvEmptyPart(column));
    const reserved = parts.find((part) => RESERVED.has(part));
    if (reserved !== undefined) throw new UsageError(MESSAGES.csvReservedColumn(column, reserved));
    const first = seen.get(column);
    if (first !== undefined) throw new UsageError(MESSAGES.csvDuplicateColumn(column, first + 1, i + 1));
    seen.set(column, i);
    return parts;
  });
  for (const parts of paths) {
    for (let n = 1; n < (parts?.length ?? 0); n++) {
      const prefix = parts!.slice(0, n).join('.');
      if (seen.has(prefix)) throw new UsageError(MESSAGES.csvNestedColumn(prefix, parts!.join('.')));
    }
  }
  return paths;
}

/** The letter a spreadsheet shows for the 0-based column `index` (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * The path or label closest to an unknown header: a label containing it or contained in it
 * (满意率 → 群众满意率), else the nearest by edit distance (at most 3 for a path, a third
 * of the length for a label).
 */
export function suggestHeader(header: string, extraFacts: ExtraFacts = {}): string | undefined {
  const key = headerKey(header);
  if (key === '') return undefined;
  const ascii = /^[\x20-\x7e]*$/.test(key);
  let best: string | undefined;
  let bestDistance = Infinity;
  if (ascii) {
    const paths = [...BY_PATH.keys(), ...Object.keys(extraFacts).map((name) => `extra.${name}`)];
    for (const path of paths) {
      const distance = editDistance(key.toLowerCase(), path.toLowerCase());
      if (distance < bestDistance && distance <= 3) [best, bestDistance] = [path, distance];
    }
    return best;
  }
  for (const field of FIELDS) {
    const label = headerKey(field.label.zh);
    if (label.includes(key) || key.includes(label)) return field.label.zh;
    const distance = editDistance(key, label);
    if (distance < bestDistance && distance <= Math.max(1, Math.floor(label.length / 3))) [best, bestDistance] = [field.label.zh, distance];
  }
  return best;
}

/**
 * The columns of a header row, checked once for the file: a dotted name that would reach a
 * prototype or lose a cell is refused as before ({@link checkHeader}); a header that names no
 * field, and two headers naming the same field (`org.id` and `组织编码`), are usage errors.
 * A column with no header is `undefined` (its cells must stay empty).
 */
export function resolveColumns(header: readonly string[], extraFacts: ExtraFacts = {}, messages: MessageTable = MESSAGES): Array<Column | undefined> {
  const trimmed = header.map((cell) => cell.trim());
  checkHeader(trimmed);
  const seen = new Map<string, number>();
  return trimmed.map((cell, i) => {
    if (cell === '') return undefined;
    const column = resolveHeader(cell, extraFacts);
    if (!column) throw new UsageError(messages.unknownColumn(cell, columnLetter(i), suggestHeader(cell, extraFacts)));
    const first = seen.get(column.path);
    if (first !== undefined) throw new UsageError(messages.sameFieldTwice(column.path, trimmed[first]!, columnLetter(first), cell, columnLetter(i)));
    seen.set(column.path, i);
    return column;
  });
}
