/**
 * Rows of a spreadsheet (a CSV file or an `.xlsx` sheet) as records: the first row that holds
 * something is the header, checked once ({@link resolveColumns}); every later row whose cells
 * are not all empty is one record, each cell read by {@link readCell}. Rows keep the number
 * the spreadsheet shows (the header is row 1 in a sheet that starts with it), so a problem is
 * reported where the clerk can find it.
 */
import { cellText, readCell, type Cell } from './cells.js';
import { columnLetter, resolveColumns, type Column, type ExtraFacts } from './columns.js';
import type { InputItem } from './items.js';
import type { MessageTable } from './messages.js';
import type { Issue } from '../index.js';

/** One row of a spreadsheet: its number as shown (1-based) and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: readonly Cell[];
  /** The workbook counts dates from 1904 (old Excel for Mac), not 1900. */
  date1904?: boolean;
}

/** Settings of {@link sheetRecords}. */
export interface SheetOptions {
  extraFacts?: ExtraFacts;
  messages: MessageTable;
  /** CSV: a row with more or fewer cells than the header is an invalid record. */
  sameCellCount?: boolean;
}

function isEmpty(cell: Cell): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function orgIdOf(record: Record<string, unknown>): string | undefined {
  const org = Object.hasOwn(record, 'org') ? record.org : undefined;
  const id = org && typeof org === 'object' && Object.hasOwn(org, 'id') ? (org as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function place(record: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let target = record;
  for (let k = 0; k < parts.length - 1; k++) {
    const key = parts[k]!;
    if (!Object.hasOwn(target, key)) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]!] = value;
}

/** A row as a record (own properties only), or the problems of its cells, each at its field's path. */
export function rowItem(columns: ReadonlyArray<Column | undefined>, row: SheetRow, messages: MessageTable): InputItem {
  const record: Record<string, unknown> = {};
  const issues: Issue[] = [];
  row.cells.forEach((cell, i) => {
    const column = columns[i];
    if (column === undefined) {
      if (!isEmpty(cell)) issues.push({ path: '', message: messages.cellNoHeader(columnLetter(i)) });
      return;
    }
    const read = readCell(cell, column, messages, row.date1904);
    if ('problem' in read) issues.push({ path: column.path, message: read.problem });
    else if (read.value !== undefined) place(record, column.parts, read.value);
  });
  const orgId = orgIdOf(record);
  if (issues.length > 0) return { ok: false, issues, row: row.row, ...(orgId !== undefined ? { orgId } : {}) };
  return { ok: true, record, row: row.row };
}

/** Records of spreadsheet rows; a header that names no field is a usage error before any record. */
export async function* sheetRecords(rows: AsyncIterable<SheetRow>, options: SheetOptions): AsyncGenerator<InputItem> {
  let columns: Array<Column | undefined> | undefined;
  let headerCells = 0;
  for await (const row of rows) {
    if (row.cells.every(isEmpty)) continue;
    if (!columns) {
      columns = resolveColumns(row.cells.map(cellText), options.extraFacts, options.messages);
      headerCells = row.cells.length;
      continue;
    }
    const item = rowItem(columns, row, options.messages);
    if (options.sameCellCount && row.cells.length !== headerCells) {
      const orgId = item.ok ? orgIdOf(item.record as Record<string, unknown>) : item.orgId;
      yield { ok: false, issues: [{ path: '', message: options.messages.csvRowCells(row.cells.length, headerCells) }], row: row.row, ...(orgId !== undefined ? { orgId } : {}) };
    } else yield item;
  }
}
