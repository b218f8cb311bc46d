/**
 * CSV in and out. In: UTF-8 or GB18030 text, a header of dotted field paths
 * (`leadership.seatsFilled`) or Chinese labels, one record a row, cells read as a spreadsheet
 * user means them (`cells.ts`). Out: RFC 4180 quoting, and no cell that a spreadsheet would
 * run as a formula.
 */
import { pipeline, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { ExtraFacts } from './columns.js';
import { decodeText, type Encoding } from './decode.js';
import type { InputItem } from './items.js';
import { MESSAGES, type MessageTable } from './messages.js';
import { UsageError } from './errors.js';
import { sheetRecords, type SheetRow } from './sheet.js';

export { checkHeader } from './columns.js';

/**
 * The rows of a CSV text stream, numbered as a spreadsheet shows them: every record counts,
 * an empty line too (Excel shows it as an empty row), and a quoted cell spanning several lines
 * is one row. Text that is not CSV (an unmatched quote) is a {@link UsageError}.
 */
export async function* csvRows(text: AsyncIterable<string>): AsyncGenerator<SheetRow> {
  const parser = parseCsv({ skip_empty_lines: false, relax_column_count: true, trim: false });
  // An error of the source (the encoding check) destroys the parser with it, and so reaches the loop below.
  pipeline(Readable.from(text), parser, () => {});
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield { row: ++row, cells };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(MESSAGES.csvUnreadable((error as Error).message));
  }
}

/**
 * Records of a CSV byte stream in UTF-8 or GB18030 (see {@link decodeText}): the header is
 * checked once, each row read cell by cell as a spreadsheet user means it ({@link sheetRecords});
 * a row with the wrong number of cells is an invalid record; bytes the encoding does not allow
 * and text that is not CSV are a {@link UsageError}.
 */
export function csvRecords(
  bytes: AsyncIterable<Uint8Array | string>,
  path: string,
  options: { extraFacts?: ExtraFacts; encoding?: Encoding; messages?: MessageTable } = {},
): AsyncGenerator<InputItem> {
  const messages = options.messages ?? MESSAGES;
  return sheetRecords(csvRows(decodeText(bytes, path, options.encoding, messages)), {
    messages,
    sameCellCount: true,
    ...(options.extraFacts ? { extraFacts: options.extraFacts } : {}),
  });
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
