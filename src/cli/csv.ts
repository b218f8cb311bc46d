/**
 * CSV in and out. In: a header of dotted field paths (`leadership.seatsFilled`), one record a
 * row, cells typed by the assessment JSON Schema. Out: RFC 4180 quoting, and no cell that a
 * spreadsheet would run as a formula.
 */
import { pipeline, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { assessmentJsonSchema } from '../index.js';
import { unreadable, type InputItem } from './items.js';
import { MESSAGES } from './messages.js';
import { UsageError } from './errors.js';
import { lineOfFirstInvalid } from './utf8.js';

/** How a column's cells are typed. */
export type CellType = 'number' | 'integer' | 'boolean' | 'string';

/** Column types from the assessment JSON Schema, plus the ruleset's declared extra facts. */
export function columnTypes(extraFacts: Readonly<Record<string, 'number' | 'boolean' | 'string'>> = {}): Map<string, CellType> {
  const types = new Map<string, CellType>();
  const walk = (schema: Record<string, unknown>, prefix: string) => {
    const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [key, child] of Object.entries(properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      const variants = (child.anyOf as Record<string, unknown>[] | undefined) ?? [child];
      const type = variants.map((v) => v.type).find((t) => t !== 'null');
      if (type === 'object') walk(child, path);
      else if (type === 'number' || type === 'integer' || type === 'boolean' || type === 'string') types.set(path, type);
    }
  };
  walk(assessmentJsonSchema as Record<string, unknown>, '');
  for (const [name, type] of Object.entries(extraFacts)) types.set(`extra.${name}`, type);
  return types;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * One CSV cell as a value: an empty cell is absent (`undefined`), `null` is null,
 * `true`/`false` are booleans, and a number where the column holds numbers. Anything else
 * stays a string, for validation to name. One leading `'` before `=`, `+`, `-` or `@` is
 * removed: it is how {@link csvField} (and a spreadsheet) keeps such a cell from running as a
 * formula, so the CLI's own output reads back unchanged.
 */
export function cellValue(cell: string, type: CellType | undefined): unknown {
  if (cell === '') return undefined;
  if (cell.length > 1 && cell[0] === "'" && '=+-@'.includes(cell[1]!)) cell = cell.slice(1);
  if (cell === 'null') return null;
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  if ((type === 'number' || type === 'integer') && NUMBER.test(cell.trim())) return Number(cell.trim());
  return cell;
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

/**
 * Builds a nested record from dotted column names (`leadership.seatsFilled`), own
 * properties only: nothing is read from or written through a prototype. The header is
 * checked first ({@link checkHeader}).
 */
export function rowToRecord(header: readonly string[], row: readonly string[], types: Map<string, CellType>): Record<string, unknown> {
  return recordBuilder(header, types)(row);
}

/** A function from a row to its record, for a checked header (see {@link rowToRecord}). */
export function recordBuilder(header: readonly string[], types: Map<string, CellType>): (row: readonly string[]) => Record<string, unknown> {
  const paths = checkHeader(header);
  const columnTypesOf = header.map((column) => types.get(column));
  return (row) => {
    const record: Record<string, unknown> = {};
    paths.forEach((parts, i) => {
      const value = cellValue(row[i] ?? '', columnTypesOf[i]);
      if (value === undefined) return;
      if (parts === undefined) {
        record[''] = value; // a cell under a nameless column: validation names it
        return;
      }
      let target = record;
      for (let k = 0; k < parts.length - 1; k++) {
        const key = parts[k]!;
        if (!Object.hasOwn(target, key)) target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      target[parts[parts.length - 1]!] = value;
    });
    return record;
  };
}

function orgIdOf(record: Record<string, unknown>): string | undefined {
  const org = Object.hasOwn(record, 'org') ? record.org : undefined;
  const id = org && typeof org === 'object' && Object.hasOwn(org, 'id') ? (org as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The text of a CSV byte stream, checked to be UTF-8 (a byte order mark removed): a file
 * that is not is a {@link UsageError} naming the line, never decoded into U+FFFD.
 */
async function* utf8Text(bytes: AsyncIterable<Uint8Array | string>, path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let continued = false;
  const fail = (chunk: Uint8Array): never => {
    throw new UsageError(MESSAGES.csvNotUtf8(path, lineOfFirstInvalid(chunk, lines, continued)));
  };
  for await (const data of bytes) {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      fail(chunk);
    }
    for (let i = text!.indexOf('\n'); i >= 0; i = text!.indexOf('\n', i + 1)) lines++;
    // A sequence cut by the chunk's end continues in the next chunk.
    const tail = chunk.length > 0 ? chunk[chunk.length - 1]! : 0;
    continued = tail >= 0x80;
    yield text!;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    fail(new Uint8Array([0x80]));
  }
}

/**
 * Records of a CSV byte stream. The header is checked once ({@link checkHeader}); a row with
 * the wrong number of cells is an invalid record; input that is not UTF-8 or not CSV is a
 * {@link UsageError}.
 */
export async function* csvRecords(bytes: AsyncIterable<Uint8Array | string>, path: string, types: Map<string, CellType>): AsyncGenerator<InputItem> {
  const parser = parseCsv({ skip_empty_lines: true, relax_column_count: true, trim: false });
  // An error of the source (the UTF-8 check) destroys the parser with it, and so reaches the loop below.
  pipeline(Readable.from(utf8Text(bytes, path)), parser, () => {});
  let header: string[] | undefined;
  let build: ((row: readonly string[]) => Record<string, unknown>) | undefined;
  let failure: unknown;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = row.map((c) => c.trim());
        build = recordBuilder(header, types);
        continue;
      }
      const record = build!(row);
      if (row.length !== header.length) yield unreadable(MESSAGES.csvRowCells(row.length, header.length), orgIdOf(record));
      else yield { ok: true, record };
    }
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) return;
  if (failure instanceof UsageError) throw failure;
  throw new UsageError(MESSAGES.csvUnreadable((failure as Error).message));
}

/** Text cells a spreadsheet would run as a formula (or that hide a leading control). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: RFC 4180 quoting (a field holding `"`, `,`, CR or LF is quoted, `"`
 * doubled), and a text that begins with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so
 * that no spreadsheet runs it as a formula. Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
