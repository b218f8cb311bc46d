/**
 * Rows of one sheet of an `.xlsx` workbook, read as a stream with exceljs's `WorkbookReader`
 * (rows are handed on as they are parsed; shared strings are kept, the cells are not). The
 * sheet is the first one in the workbook's own order, or the one `--sheet` names. Styles are
 * not read (reading them took a third of the time): a date cell comes as its serial day
 * number, which the cell reader takes as a date in a date column (in the workbook's 1900 or
 * 1904 date system); a formula cell gives its saved result.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { loadExcelJS } from './exceljs.js';
import type { Cell } from './cells.js';
import { UsageError } from './errors.js';
import type { MessageTable } from './messages.js';
import type { SheetRow } from './sheet.js';

/** The first bytes of an Excel 97-2003 (.xls, OLE compound) file. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function firstBytes(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(4);
    const read = readSync(fd, bytes, 0, 4, 0);
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** An exceljs cell value as a {@link Cell}: rich text joined, a formula's saved result, a hyperlink's text. */
export function cellOf(value: unknown): Cell {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: unknown }>).map((run) => String(run.text ?? '')).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined || v.result === null) return { error: '' };
    return cellOf(v.result);
  }
  if (typeof v.error === 'string') return { error: v.error };
  if ('text' in v) return cellOf(v.text);
  return String(value);
}

interface WorksheetLike extends AsyncIterable<{ number: number; values: unknown }> {
  name: string;
}

/**
 * The rows of a sheet of the workbook at `path` (`-` for standard input), each with the row
 * number Excel shows. A file that is not an `.xlsx` workbook, or has no such sheet, is a
 * {@link UsageError}.
 */
export async function* xlsxRows(
  path: string,
  sheet: string | undefined,
  messages: MessageTable,
  bytes?: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<SheetRow> {
  if (path !== '-') {
    const head = firstBytes(path);
    if (OLE.every((b, i) => head[i] === b)) throw new UsageError(messages.xlsOldFormat(path));
  }
  const stream: Readable = bytes ? Readable.from(bytes) : path === '-' ? process.stdin : createReadStream(path);
  const ExcelJS = await loadExcelJS();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const model = () => (reader as unknown as { model?: { sheets?: Array<{ name: string }>; properties?: { date1904?: boolean } } }).model;
  let found = false;
  try {
    for await (const worksheet of reader as unknown as AsyncIterable<WorksheetLike>) {
      const wanted = sheet ?? model()?.sheets?.[0]?.name ?? worksheet.name;
      // The sheets after the one read are passed over, not cut off: exceljs may be writing one
      // of them to a temporary file, which it removes only when it gets to the end.
      if (found || worksheet.name !== wanted) continue;
      found = true;
      // Dates are serial day numbers (styles are not read: a date column says what is a date).
      const date1904 = model()?.properties?.date1904 === true;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
        yield date1904 ? { row: row.number, cells, date1904 } : { row: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(messages.xlsxUnreadable(path, (error as Error).message));
  } finally {
    if (stream !== process.stdin) stream.destroy();
  }
  if (!found) {
    const names = model()?.sheets?.map((s) => s.name) ?? [];
    if (sheet !== undefined) throw new UsageError(messages.sheetNotFound(path, sheet, names));
  }
}
