/**
 * exceljs, loaded on first need. It is a third of the command line's start-up time (about
 * 0.3 s of 0.7 s on the 2-core machine), and only spreadsheet input, the template and
 * workbook output use it; the build puts it in a chunk of its own that other runs never read.
 */
import type ExcelJSModule from 'exceljs';

/** The exceljs module (its CommonJS exports). */
export type ExcelJS = typeof ExcelJSModule;

let loaded: Promise<ExcelJS> | undefined;

/** exceljs, imported the first time it is asked for. */
export function loadExcelJS(): Promise<ExcelJS> {
  loaded ??= import('exceljs').then((module) => (module as { default?: ExcelJS }).default ?? (module as unknown as ExcelJS));
  return loaded;
}
