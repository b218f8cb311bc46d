/**
 * Every message the command line writes, in two tables of the same keys: English and Chinese
 * (zh-CN). A key added to one must be added to the other (the type says so, and
 * test/messages.test.ts reads every Chinese message). Output headers (table and Markdown column
 * names) are bilingual already and live with their formats.
 *
 * The language is chosen once per run (`useLocale`): `--locale`, else the usual locale
 * variables (LC_ALL, then LC_MESSAGES, then LANG), else English. Code reads `MESSAGES`, which
 * follows it.
 */
import type { Locale } from '../index.js';

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
  case open|progress|status|ledger
                    rectification cases after the list is decided: open, record progress,
                    status, the monthly ledger (weak-lax-screener case --help)

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
  --locale L        language of messages, help and review: en or zh-CN
                    (default: from LC_ALL, LC_MESSAGES or LANG, zh_CN.UTF-8 giving zh-CN; else en)
  --summary         screen: counts by verdict, criterion, county and township instead of rows
  --workers N       screen: worker threads, 0 to 64 (default: all cores for inputs of 8 MB or more, else 0)
  --start DATE      plan: start date (default: the day after assessedOn)
  --template T      plan: intensive (default, seed plan 1) or annual (seed plan 2)
  --lang L          plan: zh (default) or en
  -h, --help        this help
  -v, --version     the version of weak-lax-screener

Exit codes: 0 all screened, 1 some records invalid, 2 usage error or unreadable input.
`;

const USAGE_ZH = `用法：weak-lax-screener <命令> [选项]

命令
  screen 文件|-     排查（JSON、JSON Lines、CSV（UTF-8 或 GB18030）或 .xlsx 工作簿；列名可用
                    带点号的项目路径或模板中的中文列名；“-”为标准输入）
  template          写出电子表格填报模板（.xlsx；--format csv 时只写表头行）
  plan 文件|-       为排查记录或排查结果中初步排查为软弱涣散的党组织制定整顿方案
  review 之前 之后  按组织编码，比较整顿后的排查（或排查结果）与此前的排查
  schema            输出排查记录的 JSON Schema（2020-12）
  rules             列出规则集各项标准的阈值、预警线和依据
  case open|progress|status|ledger
                    名单确定后的整顿工作：建立整顿档案、记录进展、查看进度、生成月度台账
                    （详见 weak-lax-screener case --help）

选项
  --format F        screen：table（默认）、json、jsonl、csv、md、xlsx；template：xlsx（默认）、csv
                    plan：md（默认）或 json；review：md（默认）或 json；rules：table、json、md
  --input-format F  json、jsonl、csv 或 xlsx（默认按文件扩展名判断；标准输入时自动识别）
  --encoding E      CSV 输入的编码：utf-8 或 gb18030（默认自动识别；GBK 按 GB18030 读取）
  --sheet NAME      .xlsx 输入：读取的工作表（默认为第一个）
  --output FILE     写入文件 FILE（工作簿只在标准输出不是终端时才写到标准输出）
  --no-bom          csv 输出：不加 UTF-8 字节顺序标记（默认加上，便于 Excel 打开）
  --ruleset DIR     规则集文件夹（ruleset.json，另加每项标准一个 JSON 文件）
  --thresholds FILE 覆盖阈值的 JSON 文件，如 {"C01": {"secretaryVacantMonths": 6}}
  --at-risk-score N 结论为“有风险”的起始分数（默认 5）
  --locale L        提示、帮助和复核结果的语言：en 或 zh-CN
                    （默认按环境变量 LC_ALL、LC_MESSAGES、LANG 确定，zh_CN.UTF-8 为 zh-CN；否则为 en）
  --summary         screen：按结论、标准、县和乡镇（街道）汇总计数，不逐条输出
  --workers N       screen：工作线程数，0 到 64（默认：输入达 8 MB 时用全部处理器核心，否则为 0）
  --start DATE      plan：整顿开始日期（默认为排查日期的次日）
  --template T      plan：intensive（默认，集中整顿，约三个月）或 annual（年度整顿，约九个月）
  --lang L          plan：方案语言，zh（默认）或 en
  -h, --help        显示本帮助
  -v, --version     显示 weak-lax-screener 的版本号

退出码：0 全部排查完毕；1 有无效记录；2 用法错误或无法读取输入。
`;

const VERDICTS_ZH: Readonly<Record<string, string>> = { 'weak-lax': '软弱涣散', 'at-risk': '有风险', sound: '正常', undetermined: '待定' };

/** Why a file cannot be read, by the system's error code, in Chinese. */
const WHY_ZH: Readonly<Record<string, string>> = {
  ENOENT: '文件不存在',
  EACCES: '没有读取权限',
  EPERM: '没有读取权限',
  EISDIR: '是文件夹，不是文件',
  ENOTDIR: '路径中有一项不是文件夹',
  EIO: '输入输出错误',
  EPIPE: '读取方已关闭',
};

/** The messages of the command line (English). */
export const MESSAGES_EN = {
  usage: USAGE,
  /** Before every message of the command itself on stderr. */
  prefix: 'weak-lax-screener: ',
  seeHelp: 'Run with --help for usage.',
  internalError: (detail: string) => `internal error (please report it): ${detail}`,

  // Arguments and options.
  unknownCommand: (command: string) => `unknown command "${command}"`,
  unknownOption: (option: string) => `unknown option ${option}`,
  optionNeedsValue: (option: string) => `option ${option} needs a value`,
  optionTakesNoValue: (option: string) => `option ${option} takes no value`,
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
  ledgerWorkbookNoWriter: 'the ledger workbook (--format xlsx) is written by the command line only: use --output FILE there, or --format md or json',
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
  resultText: 'must be a non-empty string',
  resultAnyText: 'must be a string',
  resultDate: 'must be a date YYYY-MM-DD',
  resultNumber: 'must be a number',
  resultOneOf: (allowed: readonly string[]) => `must be one of ${allowed.join(', ')}`,
  resultBilingual: 'must be { zh, en } texts',
  resultObject: 'must be an object',
  resultList: 'must be a list',
  resultIds: 'must be a list of criterion ids',
  resultRuleset: 'must be { id, version, thresholds }',
  resultCriteria: 'must be a list of criteria',

  // Notes on stderr.
  invalidRecord: (index: number, orgId: string | undefined, issues: string) => `record #${index}${orgId ? ` (${orgId})` : ''} is invalid: ${issues}`,
  root: '(root)',
  colon: ': ',
  issueSeparator: '; ',
  noPlan: (orgId: string, orgName: string, verdict: string) => `${orgId} ${orgName}: verdict ${verdict}, no rectification plan`,
  noEarlier: (orgId: string) => `${orgId}: no earlier assessment to review against`,
  noFollowUp: (orgId: string) => `${orgId}: no follow-up assessment`,
  cannotReview: (orgId: string, reason: string) => `${orgId}: cannot review: ${reason}`,
  screened: (count: number, invalid: number) => `screened ${count} records${invalid ? `, ${invalid} invalid` : ''}`,
  progress: 'screening {value} records · {speed}/s',

  // Output of `rules` (text table).
  warningLine: (line: string) => ` (warning line ${line})`,

  // The case commands (case open|progress|status|ledger).
  caseUsage: `Usage:
  weak-lax-screener case open RESULTS [--start DATE] [--template intensive|annual] [--working-days]
  weak-lax-screener case progress CASES ENTRIES
  weak-lax-screener case progress CASES --org ID --item ITEM --on DATE --status started|done [--occurrence DATE] [--evidence TEXT] [--note TEXT]
  weak-lax-screener case status CASES --as-of DATE [--format md|json] [--lang zh|en]
  weak-lax-screener case ledger CASES --as-of DATE [--format md|json|xlsx] [--lang zh|en] [--output FILE]
`,
  casePrefix: 'weak-lax-screener case: ',
  caseOneOf: (option: string, allowed: readonly string[]) => `--${option} must be one of ${allowed.join(', ')}`,
  caseDateRequired: (option: string) => `--${option} DATE is required`,
  caseDate: (option: string) => `--${option} must be a date YYYY-MM-DD`,
  caseCannotRead: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
  caseNotJson: (path: string, line: number, reason: string) => `${path} is neither JSON nor JSON Lines (line ${line}: ${reason})`,
  caseNotACase: (path: string, index: number, issues: string) => `${path}: case #${index} is not a valid case: ${issues}`,
  caseOpenArguments: 'case open takes one file of screening results (screen --format json or jsonl)',
  caseRecordNotScreened: (index: number) => `record #${index}: not screened (invalid record), no case`,
  caseNotWeakLax: (orgId: string, orgName: string, verdict: string) => `${orgId} ${orgName}: verdict ${verdict}, no case`,
  caseRecordRefused: (index: number, detail: string) => `record #${index}: no case: ${detail}`,
  caseProgressArguments: 'case progress takes CASES and a file of ENTRIES, or CASES with --org, --item, --on and --status',
  caseOrgItem: '--org and --item go together',
  caseEntryOrgId: (index: number) => `entry #${index}: needs an "orgId"`,
  caseEntryRecord: (index: number, record: string) => `entry #${index}: unknown record "${record}" (progress, listing, close, acceptance, followUp, delisting or lookBack)`,
  caseEntryNoCase: (index: number, orgId: string, year: string | undefined) => `entry #${index}: no case of ${orgId}${year !== undefined ? ` in ${year}` : ''}`,
  caseEntryRefused: (index: number, orgId: string, issues: string) => `entry #${index} (${orgId}) refused: ${issues}`,
  caseStatusArguments: 'case status takes one file of cases',
  caseLedgerArguments: 'case ledger takes one file of cases',
  caseSubcommand: 'case needs a subcommand',
  caseUnknownSubcommand: (sub: string) => `unknown case subcommand "${sub}"`,
};

/** A table of command-line messages: the keys of the English one, each with its shape. */
export type Messages = { readonly [K in keyof typeof MESSAGES_EN]: (typeof MESSAGES_EN)[K] extends (...args: infer A) => string ? (...args: A) => string : string };

/** The messages of the command line in Chinese (zh-CN). */
export const MESSAGES_ZH: Messages = {
  usage: USAGE_ZH,
  prefix: 'weak-lax-screener：',
  seeHelp: '用法见 --help。',
  internalError: (detail) => `内部错误（请报告此问题）：${detail}`,

  unknownCommand: (command) => `未知命令“${command}”`,
  unknownOption: (option) => `未知选项 ${option}`,
  optionNeedsValue: (option) => `选项 ${option} 需要一个值`,
  optionTakesNoValue: (option) => `选项 ${option} 不带值`,
  oneOf: (option, allowed) => `--${option} 应为以下之一：${allowed.join('、')}`,
  atRiskScore: '--at-risk-score 应为数字',
  workers: '--workers 应为 0 到 64 之间的整数，用阿拉伯数字书写',
  startDate: '--start 应为真实存在的日期，格式为 YYYY-MM-DD',
  screenArguments: 'screen 需要一个文件，或用“-”表示标准输入',
  planArguments: 'plan 需要一个文件，或用“-”表示标准输入',
  reviewArguments: 'review 需要两个文件：之前 之后',
  summaryFormat: '--summary 只能输出 table、json 或 md',

  cannotRead: (path, reason) => `无法读取 ${path}：${WHY_ZH[reason] ?? reason}`,
  notAFile: (path) => `不是文件：${path}`,
  cannotWrite: (reason) => `无法写入标准输出：${WHY_ZH[reason] ?? reason}`,
  unknownInputFormat: (path) => `无法判断 ${path} 的格式：请用 --input-format json|jsonl|csv 指定`,
  notJson: (path, reason) => `${path} 不是有效的 JSON：${reason}`,
  jsonNotUtf8: (path, line) => `${path} 不是有效的 UTF-8 编码（首次出现在第 ${line} 行）：请另存为 UTF-8`,
  csvNotUtf8: (path, line) =>
    `${path} 不是有效的 UTF-8 编码（首次出现在第 ${line} 行）；Excel 以中文（GBK/GB18030）编码保存的 CSV 需加 --encoding gb18030，或另存为“CSV UTF-8”`,
  csvUnreadable: (reason) => `无法解析 CSV：${reason}`,
  csvReservedColumn: (column, part) => `CSV 列“${column}”：“${part}”不能用作项目名称`,
  csvEmptyPart: (column) => `CSV 列“${column}”：列名应为以点分隔的项目路径（见 weak-lax-screener schema），各段都不能为空`,
  csvDuplicateColumn: (column, first, second) => `CSV 列“${column}”出现了两次（第 ${first} 列和第 ${second} 列）：其中一列的数据会丢失`,
  csvNestedColumn: (column, inner) => `CSV 列“${column}”和“${inner}”不能同时出现：“${column}”已包含“${inner}”的各项`,

  csvRowCells: (cells, header) => `CSV 这一行有 ${cells} 个单元格，表头有 ${header} 个`,
  lineNotJson: (line, reason) => `第 ${line} 行：不是有效的 JSON（${reason}）`,
  lineNotUtf8: (line) => `第 ${line} 行：不是有效的 UTF-8 编码（请将文件另存为 UTF-8）`,
  lineOnlyOddSpace: (line) => `第 ${line} 行：只有空格和制表符以外的空白字符（如全角空格 U+3000 或换页符）；请删除该行或在该行写一条记录`,
  duplicateOrgId: (orgId, firstIndex) => `组织编码 ${orgId} 已由第 #${firstIndex} 条记录给出；只复核第一条`,
  entryIssues: '应为由问题 { path, message } 组成的列表',

  resultNotObject: '排查结果应为对象',
  resultText: '应为非空文本',
  resultAnyText: '应为文本',
  resultDate: '应为 YYYY-MM-DD 格式的日期',
  resultNumber: '应为数字',
  resultOneOf: (allowed) => `应为以下之一：${allowed.join('、')}`,
  resultBilingual: '应为中英文文本 { zh, en }',
  resultObject: '应为对象',
  resultList: '应为列表',
  resultIds: '应为由标准编号组成的列表',
  resultRuleset: '应为 { id, version, thresholds }',
  resultCriteria: '应为由各项标准组成的列表',

  invalidRecord: (index, orgId, issues) => `第 #${index} 条记录${orgId ? `（${orgId}）` : ''}无效：${issues}`,
  root: '（整条记录）',
  colon: '：',
  issueSeparator: '；',
  noPlan: (orgId, orgName, verdict) => `${orgId} ${orgName}：初步排查结论为“${VERDICTS_ZH[verdict] ?? verdict}”，不制定整顿方案`,
  noEarlier: (orgId) => `${orgId}：没有此前的排查可供比较`,
  noFollowUp: (orgId) => `${orgId}：没有整顿后的排查`,
  cannotReview: (orgId, reason) => `${orgId}：无法复核：${reason}`,
  screened: (count, invalid) => `已排查 ${count} 条记录${invalid ? `，其中 ${invalid} 条无效` : ''}`,
  progress: '正在排查 {value} 条记录 · 每秒 {speed} 条',

  warningLine: (line) => `（预警线 ${line}）`,

  caseUsage: `用法：
  weak-lax-screener case open 排查结果 [--start 日期] [--template intensive|annual] [--working-days]
  weak-lax-screener case progress 档案 进展记录
  weak-lax-screener case progress 档案 --org 组织编码 --item 任务 --on 日期 --status started|done [--occurrence 日期] [--evidence 佐证材料] [--note 备注]
  weak-lax-screener case status 档案 --as-of 日期 [--format md|json] [--lang zh|en]
  weak-lax-screener case ledger 档案 --as-of 日期 [--format md|json|xlsx] [--lang zh|en] [--output 文件]
`,
  casePrefix: 'weak-lax-screener case：',
  caseOneOf: (option, allowed) => `--${option} 应为以下之一：${allowed.join('、')}`,
  caseDateRequired: (option) => `缺少 --${option} 日期`,
  caseDate: (option) => `--${option} 应为 YYYY-MM-DD 格式的日期`,
  caseCannotRead: (path, reason) => `无法读取 ${path}：${WHY_ZH[reason] ?? reason}`,
  caseNotJson: (path, line, reason) => `${path} 既不是 JSON，也不是 JSON Lines（第 ${line} 行：${reason}）`,
  caseNotACase: (path, index, issues) => `${path}：第 #${index} 个档案不是有效的整顿档案：${issues}`,
  caseOpenArguments: 'case open 需要一个排查结果文件（screen --format json 或 jsonl 的输出）',
  caseRecordNotScreened: (index) => `第 #${index} 条记录：无效记录，未排查，不建立档案`,
  caseNotWeakLax: (orgId, orgName, verdict) => `${orgId} ${orgName}：初步排查结论为“${VERDICTS_ZH[verdict] ?? verdict}”，不建立整顿档案`,
  caseRecordRefused: (index, detail) => `第 #${index} 条记录：未建立档案：${detail}`,
  caseProgressArguments: 'case progress 需要档案文件和进展记录文件，或档案文件加 --org、--item、--on 和 --status',
  caseOrgItem: '--org 和 --item 须同时给出',
  caseEntryOrgId: (index) => `第 #${index} 条进展记录：缺少“orgId”（组织编码）`,
  caseEntryRecord: (index, record) => `第 #${index} 条进展记录：无法识别的记录类型“${record}”（应为 progress、listing、close、acceptance、followUp、delisting 或 lookBack）`,
  caseEntryNoCase: (index, orgId, year) => `第 #${index} 条进展记录：没有组织编码为 ${orgId}${year !== undefined ? `、${year}年` : ''}的整顿档案`,
  caseEntryRefused: (index, orgId, issues) => `第 #${index} 条进展记录（${orgId}）未记入：${issues}`,
  caseStatusArguments: 'case status 需要一个档案文件',
  caseLedgerArguments: 'case ledger 需要一个档案文件',
  caseSubcommand: 'case 后面需要子命令（open、progress、status 或 ledger）',
  caseUnknownSubcommand: (sub) => `未知的 case 子命令“${sub}”`,

  // Spreadsheets in and out.
  templateArguments: 'template 不读取文件：请用 --output 文件名 写出模板，或重定向标准输出',
  encodingOption: '--encoding 只能是 utf-8 或 gb18030',
  encodingCsvOnly: '--encoding 只适用于 CSV 输入',
  sheetXlsxOnly: '--sheet 只适用于 .xlsx 输入',
  workbookToTerminal: '工作簿不能写到终端：请用 --output 文件名，或把标准输出重定向到文件',
  ledgerWorkbookNoWriter: '台账工作簿（--format xlsx）只能在命令行中生成：请在命令行中用 --output 文件名，或改用 --format md 或 json',
  cannotWriteFile: (path, reason) => `无法写入 ${path}：${reason}`,
  csvNotGb18030: (path, line) => `${path} 既不是有效的 UTF-8，也不是有效的 GB18030（第${line}行起）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”`,
  xlsxUnreadable: (path, reason) => `无法读取工作簿 ${path}：${reason}`,
  xlsOldFormat: (path) => `${path} 是 Excel 97-2003 工作簿（.xls）：请另存为 .xlsx（Excel 工作簿）或“CSV UTF-8（逗号分隔）”`,
  sheetNotFound: (path, sheet, names) => `${path} 中没有名为“${sheet}”的工作表；现有工作表：${names.map((n) => `“${n}”`).join('、')}`,
  unknownColumn: (header, column, suggestion) =>
    `第${column}列“${header}”不是可识别的列名：请使用模板中的中文列名（如“班子实有人数”）或带点号的字段路径（如班子配备中的班子实有人数写作 leadership.seatsFilled）${suggestion ? `；是否应为“${suggestion}”？` : ''}`,
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

/** The messages of the current run's language; see {@link useLocale}. */
export let MESSAGES: Messages = MESSAGES_EN;

/** The language of the current run's messages. */
export let LOCALE: Locale = 'en';

/** Chooses the language of the messages for this run (and, in a worker thread, for that thread). */
export function useLocale(locale: Locale): void {
  LOCALE = locale;
  MESSAGES = locale === 'zh-CN' ? MESSAGES_ZH : MESSAGES_EN;
}

/**
 * The language of a run: `--locale` if given (checked later, with the other options), else the
 * first set of LC_ALL, LC_MESSAGES and LANG: `zh_CN.UTF-8`, `zh_CN`, `zh-CN`, `zh_SG` or plain
 * `zh` give Chinese, anything else English.
 */
export function localeFrom(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Locale {
  const flag = argv.findIndex((arg) => arg === '--locale' || arg.startsWith('--locale='));
  const given = flag < 0 ? undefined : argv[flag]!.startsWith('--locale=') ? argv[flag]!.slice('--locale='.length) : argv[flag + 1];
  if (given === 'zh-CN' || given === 'en') return given;
  const variable = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return variable !== undefined && /^zh(?:[_-](?:CN|SG|Hans)\b|$|[.@])/i.test(variable) ? 'zh-CN' : 'en';
}

/** A table of command-line messages (the spreadsheet readers take one for the issues they write). */
export type MessageTable = Messages;
/** The messages that reading a spreadsheet may write into a record's issues. */
export type SpreadsheetMessages = Messages;

/** The message table of a locale (for a reader that runs apart from the run's {@link useLocale}). */
export function messagesFor(locale: string | undefined): Messages {
  return locale === 'zh-CN' ? MESSAGES_ZH : MESSAGES_EN;
}
