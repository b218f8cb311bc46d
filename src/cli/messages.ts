/**
 * Every message the command line writes, in one table, so that it can be translated
 * (a zh-CN table beside this one) without hunting through the code. Output headers
 * (table and Markdown column names) are bilingual already and live with their formats.
 */

const USAGE = `Usage: weak-lax-screener <command> [options]

Commands
  screen FILE|-     screen assessments (JSON, JSON Lines or CSV with dotted column names)
  plan FILE|-       rectification plans for the weak-lax organisations among assessments or results
  review BEFORE AFTER
                    compare follow-up assessments (or results) with earlier ones, by org id
  schema            print the assessment JSON Schema (2020-12)
  rules             list the criteria, thresholds and warning lines of the ruleset
  case open|progress|status|ledger
                    rectification cases after the list is decided: open, record progress,
                    status, the monthly ledger (weak-lax-screener case --help)

Options
  --format F        screen: table (default), json, jsonl, csv, md
                    plan: md (default) or json; review: md (default) or json; rules: table, json, md
  --input-format F  json, jsonl or csv (default: from the file name; guessed on stdin)
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
  csvReservedColumn: (column: string, part: string) => `CSV column "${column}": "${part}" cannot name a field`,
  csvEmptyPart: (column: string) => `CSV column "${column}": a column name is a dotted field path such as leadership.seatsFilled, with no empty part`,
  csvDuplicateColumn: (column: string, first: number, second: number) =>
    `CSV column "${column}" appears twice (columns ${first} and ${second}): one of them would be lost`,
  csvNestedColumn: (column: string, inner: string) => `CSV columns "${column}" and "${inner}" cannot both be given: "${column}" holds the fields of "${inner}"`,

  // Invalid records (reported in the output, the run goes on).
  csvRowCells: (cells: number, header: number) => `CSV row has ${cells} cells, the header ${header}`,
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
