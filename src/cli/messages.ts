/**
 * Every message the command line writes, in one table, so that it can be translated
 * (a zh-CN table beside this one) without hunting through the code. Output headers
 * (table and Markdown column names) are bilingual already and live with their formats.
 */

const USAGE = `Usage: weak-lax-screener <command> [options]

Commands
  screen FILE|-     screen assessments: JSON, JSON Lines, CSV (UTF-8 or GB18030) or .xlsx, with
                    dotted field paths or the template's Chinese labels as column headers
  template          write the spreadsheet input template (.xlsx, or --format csv for its header row)
  plan FILE|-       rectification plans for the weak-lax organisations among assessments or results
  review BEFORE AFTER
                    compare follow-up assessments (or results) with earlier ones, by org id
  schema            print the assessment JSON Schema (2020-12)
  rules             list the criteria, thresholds and warning lines of the ruleset

Options
  --format F        screen: table (default), json, jsonl, csv, md, xlsx; template: xlsx (default), csv
                    plan: md (default) or json; review: md (default) or json; rules: table, json, md
  --input-format F  json, jsonl, csv or xlsx (default: from the file name; guessed on stdin)
  --encoding E      CSV input: utf-8 or gb18030 (default: detected; GBK is read as GB18030)
  --sheet NAME      .xlsx input: the sheet to read (default: the first)
  --output FILE     write to FILE (a workbook goes to standard output only when it is not a terminal)
  --no-bom          csv output: no UTF-8 byte order mark (by default there is one, for Excel)
  --ruleset DIR     a ruleset folder (ruleset.json + one JSON file per criterion)
  --thresholds FILE JSON threshold overrides, e.g. {"C01": {"secretaryVacantMonths": 6}}
  --at-risk-score N score from which a result is at-risk (default 5)
  --locale L        language of error messages: en (default) or zh-CN
  --summary         screen: counts by verdict, criterion, county and township instead of rows
  --workers N       screen: worker threads, 0 to 64 (default: all cores for inputs of 8 MB or more, else 0)
  --start DATE      plan: start date (default: the day after assessedOn)
  --template T      plan: intensive (default, seed plan 1) or annual (seed plan 2)
  --lang L          plan: zh (default) or en
  -h, --help        this help
  -v, --version     the version of weak-lax-screener

Exit codes: 0 all screened, 1 some records invalid, 2 usage error or unreadable input.
`;

/** The messages of the command line (English). */
export const MESSAGES = {
  usage: USAGE,
  /** Before every message of the command itself on stderr. */
  prefix: 'weak-lax-screener: ',
  seeHelp: 'Run with --help for usage.',
  internalError: (detail: string) => `internal error (please report it): ${detail}`,

  // Arguments and options.
  unknownCommand: (command: string) => `unknown command "${command}"`,
  oneOf: (option: string, allowed: readonly string[]) => `--${option} must be one of ${allowed.join(', ')}`,
  atRiskScore: '--at-risk-score must be a number',
  workers: '--workers must be a whole number from 0 to 64, written in digits',
  startDate: '--start must be a real calendar date YYYY-MM-DD',
  screenArguments: 'screen takes one FILE or - for standard input',
  planArguments: 'plan takes one FILE or - for standard input',
  reviewArguments: 'review takes two files: BEFORE AFTER',
  summaryFormat: '--summary writes table, json or md',
  templateArguments: 'template takes no file: write it with --output FILE or redirect standard output',
  encodingOption: '--encoding must be utf-8 or gb18030',
  encodingCsvOnly: '--encoding applies to CSV input only',
  sheetXlsxOnly: '--sheet applies to .xlsx input only',
  workbookToTerminal: 'a workbook is not written to a terminal: use --output FILE or redirect standard output to a file',
  cannotWriteFile: (path: string, reason: string) => `cannot write ${path}: ${reason}`,

  // Reading input.
  cannotRead: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
  notAFile: (path: string) => `not a file: ${path}`,
  cannotWrite: (reason: string) => `cannot write to standard output: ${reason}`,
  unknownInputFormat: (path: string) => `cannot tell the format of ${path}: use --input-format json|jsonl|csv`,
  notJson: (path: string, reason: string) => `${path} is not valid JSON: ${reason}`,
  jsonNotUtf8: (path: string, line: number) => `${path} is not valid UTF-8 (first at line ${line}): save it as UTF-8`,
  csvNotUtf8: (path: string, line: number) =>
    `${path} is not valid UTF-8 (first at line ${line}); a CSV saved by Excel in the Chinese (GBK/GB18030) encoding needs --encoding gb18030, or save it as "CSV UTF-8"`,
  csvUnreadable: (reason: string) => `cannot parse CSV: ${reason}`,
  csvNotGb18030: (path: string, line: number) =>
    `${path} is neither valid UTF-8 nor valid GB18030 (first at line ${line}): save it from Excel as "CSV UTF-8"`,
  xlsxUnreadable: (path: string, reason: string) => `cannot read the workbook ${path}: ${reason}`,
  xlsOldFormat: (path: string) => `${path} is an Excel 97-2003 workbook (.xls): save it as .xlsx (Excel Workbook) or as "CSV UTF-8"`,
  sheetNotFound: (path: string, sheet: string, names: readonly string[]) => `${path} has no sheet "${sheet}"; its sheets: ${names.map((n) => `"${n}"`).join(', ')}`,
  unknownColumn: (header: string, column: string, suggestion: string | undefined) =>
    `column ${column} "${header}" names no field: write the field's dotted path (leadership.seatsFilled) or its Chinese label as in the template (班子实有人数)${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  sameFieldTwice: (path: string, first: string, firstColumn: string, second: string, secondColumn: string) =>
    `columns ${firstColumn} "${first}" and ${secondColumn} "${second}" both name ${path}: one of them would be lost`,
  csvReservedColumn: (column: string, part: string) => `CSV column "${column}": "${part}" cannot name a field`,
  csvEmptyPart: (column: string) => `CSV column "${column}": a column name is a dotted field path such as leadership.seatsFilled, with no empty part`,
  csvDuplicateColumn: (column: string, first: number, second: number) =>
    `CSV column "${column}" appears twice (columns ${first} and ${second}): one of them would be lost`,
  csvNestedColumn: (column: string, inner: string) => `CSV columns "${column}" and "${inner}" cannot both be given: "${column}" holds the fields of "${inner}"`,

  // Invalid records (reported in the output, the run goes on).
  csvRowCells: (cells: number, header: number) => `CSV row has ${cells} cells, the header ${header}`,
  cellNoHeader: (column: string) => `a value under column ${column}, which has no header`,
  cellExcelError: (error: string) => `the cell holds the Excel error ${error}: put the value itself in it`,
  cellFormulaNoValue: 'the cell holds a formula with no saved value: open and save the workbook in Excel, or type the value itself',
  cellNotNumber: (text: string) => `"${text}" is not a number`,
  cellNotBoolean: (text: string) => `"${text}" is not yes or no: write 是 or 否 (TRUE/FALSE and 1/0 also do), or leave the cell empty when unknown`,
  cellNotDate: (text: string) => `"${text}" is not a date: write 2026-03-31, 2026/3/31 or 2026年3月31日, or use an Excel date cell`,
  cellNoneInCount: '无 is not a number: write 0 when there were none, or leave the cell empty when unknown',
  cellNoneInBoolean: '无 is not yes or no: write 否 (or 是), or leave the cell empty when unknown',
  cellNoneHere: '无 cannot be read here: leave the cell empty when unknown',
  cellScientificId: (text: string) =>
    `"${text}" is an id that Excel turned into a number in scientific notation, and its last digits are lost: format the column as text (Format Cells → Text), type the ids again and save`,
  row: (row: number) => `row ${row}`,
  lineNotJson: (line: number, reason: string) => `line ${line}: not valid JSON (${reason})`,
  lineNotUtf8: (line: number) => `line ${line}: not valid UTF-8 (save the file as UTF-8)`,
  lineOnlyOddSpace: (line: number) =>
    `line ${line}: holds only spacing other than spaces and tabs (such as a full-width space U+3000 or a form feed); delete the line or write a record on it`,
  duplicateOrgId: (orgId: string, firstIndex: number) => `org id ${orgId} was already given by record #${firstIndex}; only that first record is reviewed`,
  entryIssues: 'must be a list of issues { path, message }',

  // Screening results given to plan and review instead of assessments.
  resultNotObject: 'a screening result must be an object',
  resultField: (expected: string) => `must be ${expected}`,

  // Notes on stderr.
  invalidRecord: (index: number, orgId: string | undefined, issues: string) => `record #${index}${orgId ? ` (${orgId})` : ''} is invalid: ${issues}`,
  noPlan: (orgId: string, orgName: string, verdict: string) => `${orgId} ${orgName}: verdict ${verdict}, no rectification plan`,
  noEarlier: (orgId: string) => `${orgId}: no earlier assessment to review against`,
  noFollowUp: (orgId: string) => `${orgId}: no follow-up assessment`,
  cannotReview: (orgId: string, reason: string) => `${orgId}: cannot review: ${reason}`,
  screened: (count: number, invalid: number) => `screened ${count} records${invalid ? `, ${invalid} invalid` : ''}`,
  progress: 'screening {value} records · {speed}/s',
} as const;

type Widen<T> = T extends string ? string : T;
/** The message table's shape: every key of {@link MESSAGES}, texts as plain strings. */
export type MessageTable = { readonly [K in keyof typeof MESSAGES]: Widen<(typeof MESSAGES)[K]> };
/** The messages that reading a spreadsheet may write into a record's issues. */
export type SpreadsheetMessages = MessageTable;

/**
 * Chinese (zh-CN) for the messages of spreadsheet input and output, key for key with
 * {@link MESSAGES}: `--locale zh-CN` uses them for what a clerk's spreadsheet gets wrong.
 */
export const MESSAGES_ZH_CN: Partial<MessageTable> = {
  templateArguments: 'template 不读取文件：请用 --output 文件名 写出模板，或重定向标准输出',
  encodingOption: '--encoding 只能是 utf-8 或 gb18030',
  encodingCsvOnly: '--encoding 只适用于 CSV 输入',
  sheetXlsxOnly: '--sheet 只适用于 .xlsx 输入',
  workbookToTerminal: '工作簿不能写到终端：请用 --output 文件名，或把标准输出重定向到文件',
  cannotWriteFile: (path, reason) => `无法写入 ${path}：${reason}`,
  csvNotGb18030: (path, line) => `${path} 既不是有效的 UTF-8，也不是有效的 GB18030（第${line}行起）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”`,
  xlsxUnreadable: (path, reason) => `无法读取工作簿 ${path}：${reason}`,
  xlsOldFormat: (path) => `${path} 是 Excel 97-2003 工作簿（.xls）：请另存为 .xlsx（Excel 工作簿）或“CSV UTF-8（逗号分隔）”`,
  sheetNotFound: (path, sheet, names) => `${path} 中没有名为“${sheet}”的工作表；现有工作表：${names.map((n) => `“${n}”`).join('、')}`,
  unknownColumn: (header, column, suggestion) =>
    `第${column}列“${header}”不是可识别的列名：请使用模板中的中文列名（如“班子实有人数”）或带点号的字段路径（如 leadership.seatsFilled）${suggestion ? `；是否应为“${suggestion}”？` : ''}`,
  sameFieldTwice: (path, first, firstColumn, second, secondColumn) => `第${firstColumn}列“${first}”和第${secondColumn}列“${second}”是同一项（${path}），其中一列的内容会丢失`,
  cellNoHeader: (column) => `第${column}列没有列名，但该单元格有内容`,
  cellExcelError: (error) => `单元格是 Excel 错误值 ${error}：请填写数值本身`,
  cellFormulaNoValue: '单元格是没有保存计算结果的公式：请在 Excel 中打开并保存工作簿，或直接填写数值',
  cellNotNumber: (text) => `“${text}”不是数字`,
  cellNotBoolean: (text) => `“${text}”不是“是”或“否”：请填写“是”或“否”（也可填 TRUE/FALSE 或 1/0），情况不明时留空`,
  cellNotDate: (text) => `“${text}”不是日期：请填写 2026-03-31、2026/3/31 或 2026年3月31日，或使用 Excel 日期单元格`,
  cellNoneInCount: '“无”不是数字：没有发生请填 0，情况不明时留空',
  cellNoneInBoolean: '“无”不是“是”或“否”：请填写“否”（或“是”），情况不明时留空',
  cellNoneHere: '此处不能填“无”：情况不明时留空',
  cellScientificId: (text) => `“${text}”是被 Excel 转成科学计数法的编码，末尾几位已经丢失：请把该列设置为“文本”格式（设置单元格格式 → 文本），重新录入编码后保存`,
  row: (row) => `第${row}行`,
};

/** The message table for a locale: Chinese where {@link MESSAGES_ZH_CN} has it, else English. */
export function messagesFor(locale: string | undefined): MessageTable {
  return locale === 'zh-CN' ? { ...MESSAGES, ...MESSAGES_ZH_CN } : MESSAGES;
}
