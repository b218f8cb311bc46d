/**
 * `weak-lax-screener case open|progress|status|ledger`: rectification cases on JSON files.
 * Self-contained (the command line's main module calls {@link caseCommand}); it only calls
 * the library's public API, reads the files it is given and writes to the `write` callback.
 *
 *   case open RESULTS [--start DATE] [--template T] [--working-days]
 *       a case for every weak-lax result in RESULTS (screen --format json|jsonl output, or
 *       results); writes the cases as a JSON array
 *   case progress CASES ENTRIES
 *   case progress CASES --org ID --item ITEM --on DATE --status started|done [--occurrence DATE] [--evidence T] [--note T]
 *       applies entries (progress, listing, close, acceptance, followUp, delisting, lookBack)
 *       to the cases; writes all the cases; a refused entry is reported and the rest applied
 *   case status CASES --as-of DATE [--format md|json] [--lang zh|en]
 *   case ledger CASES --as-of DATE [--format md|json|xlsx] [--lang zh|en]
 *
 * Exit codes: 0 done; 1 some entries refused or records skipped (each reported on stderr);
 * 2 usage error or unreadable input.
 */
import { readFileSync } from 'node:fs';
import {
  caseStatus,
  closeProblem,
  isCaseError,
  isScreenerError,
  ledger,
  openCase,
  readCase,
  recordAcceptance,
  recordDelisting,
  recordFollowUp,
  recordListing,
  recordLookBack,
  recordProgress,
  renderLedger,
  type Ledger,
  type PlanTemplate,
  type RectificationCase,
  type ScreeningResult,
} from '../index.js';
import { markdownText, terminalText } from '../internals/text.js';
import { writeSheets, type PlainCell, type PlainSheet } from './xlsx-write.js';
import { LOCALE, MESSAGES } from './messages.js';

/** The run's language (--locale, else the environment) for the library's messages. */
const LOCALE_OPTION = () => ({ locale: LOCALE });

/** The options the `case` commands read, as `node:util` `parseArgs` gives them. */
export interface CaseCommandValues {
  /** status: md (default) or json; ledger: md (default), json or xlsx. */
  format?: string;
  /** Language of status and ledger: zh (default) or en. */
  lang?: string;
  /** open: the plan's first day. */
  start?: string;
  /** open: intensive (default) or annual. */
  template?: string;
  /** open: move deadlines on days off to the next working day. */
  'working-days'?: boolean;
  /** status, ledger: the date. */
  'as-of'?: string;
  /** progress (one entry from flags): the organisation. */
  org?: string;
  /** progress: the checklist item. */
  item?: string;
  /** progress: the occurrence of a recurring item. */
  occurrence?: string;
  /** progress: the date. */
  on?: string;
  /** progress: started or done. */
  status?: string;
  /** progress: the evidence. */
  evidence?: string;
  /** progress: a remark. */
  note?: string;
  /** ledger --format xlsx: the workbook file. */
  output?: string;
}

/** The `parseArgs` option descriptors of the `case` commands, for the command line's parser. */
export const CASE_OPTIONS = {
  format: { type: 'string' },
  lang: { type: 'string' },
  start: { type: 'string' },
  template: { type: 'string' },
  'working-days': { type: 'boolean' },
  'as-of': { type: 'string' },
  org: { type: 'string' },
  item: { type: 'string' },
  occurrence: { type: 'string' },
  on: { type: 'string' },
  status: { type: 'string' },
  evidence: { type: 'string' },
  note: { type: 'string' },
  output: { type: 'string' },
} as const;


class CaseUsageError extends Error {}

type Write = (text: string) => Promise<void> | void;
type Warn = (text: string) => void;
/** Writes a binary output (a workbook) through the stream it is given: `--output FILE`, or standard output when that is not a terminal. */
export type WriteBinary = (write: (stream: NodeJS.WritableStream) => Promise<void>) => Promise<void>;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new CaseUsageError(MESSAGES.caseOneOf(name, allowed));
  return value as T;
}

function date(name: string, value: string | undefined): string {
  if (value === undefined) throw new CaseUsageError(MESSAGES.caseDateRequired(name));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CaseUsageError(MESSAGES.caseDate(name));
  return value;
}

/** The records of a file (or `-`): a JSON array, one JSON object, or JSON Lines. */
function readJsonRecords(path: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new CaseUsageError(MESSAGES.caseCannotRead(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
  }
  try {
    const document: unknown = JSON.parse(text);
    return Array.isArray(document) ? document : [document];
  } catch {
    const records: unknown[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        records.push(JSON.parse(line));
      } catch (error) {
        throw new CaseUsageError(MESSAGES.caseNotJson(path, i + 1, (error as Error).message));
      }
    });
    return records;
  }
}

function issuesText(error: { issues: ReadonlyArray<{ path: string; message: string }> }): string {
  return error.issues.map((i) => `${i.path || MESSAGES.root}${MESSAGES.colon}${i.message}`).join(MESSAGES.issueSeparator);
}

function readCases(path: string): RectificationCase[] {
  return readJsonRecords(path).map((record, i) => {
    try {
      return readCase(record, LOCALE_OPTION());
    } catch (error) {
      if (!isCaseError(error)) throw error;
      throw new CaseUsageError(MESSAGES.caseNotACase(path, i, issuesText(error)));
    }
  });
}

function casesJson(cases: readonly RectificationCase[]): string {
  return `${JSON.stringify(cases, null, 2)}\n`;
}

async function open(args: string[], values: CaseCommandValues, write: Write, warn: Warn): Promise<number> {
  if (args.length !== 1) throw new CaseUsageError(MESSAGES.caseOpenArguments);
  const template = oneOf<PlanTemplate>('template', values.template, ['intensive', 'annual'], 'intensive');
  if (values.start !== undefined) date('start', values.start);
  let skipped = 0;
  const cases: RectificationCase[] = [];
  readJsonRecords(args[0]!).forEach((record, i) => {
    const entry = record as { ok?: unknown; result?: unknown; issues?: unknown } | null;
    if (entry && entry.ok === false) {
      skipped++;
      warn(`${MESSAGES.caseRecordNotScreened(i)}\n`);
      return;
    }
    const result = (entry && entry.ok === true ? entry.result : record) as ScreeningResult;
    if (result && typeof result === 'object' && 'verdict' in result && result.verdict !== 'weak-lax') {
      warn(`${MESSAGES.caseNotWeakLax(String(result.orgId), String(result.orgName), String(result.verdict))}\n`);
      return;
    }
    try {
      cases.push(
        openCase(result, {
          ...LOCALE_OPTION(),
          template,
          ...(values.start !== undefined ? { start: values.start } : {}),
          ...(values['working-days'] ? { workingDays: true } : {}),
        }),
      );
    } catch (error) {
      if (!isScreenerError(error)) throw error;
      skipped++;
      const detail = isCaseError(error) || error.code === 'ERR_OPTIONS' ? issuesText(error as unknown as { issues: Array<{ path: string; message: string }> }) : error.message;
      warn(`${MESSAGES.caseRecordRefused(i, detail)}\n`);
    }
  });
  await write(casesJson(cases));
  return skipped > 0 ? 1 : 0;
}

type Entry = Record<string, unknown> & { orgId?: unknown; record?: unknown; year?: unknown };

/** Applies one entry to a case with the record function it names. */
function apply(c: RectificationCase, entry: Entry): RectificationCase {
  const { orgId: _orgId, record = 'progress', year: _year, ...rest } = entry;
  // The record functions check every field; here the entry is only passed on.
  const fields = rest as never;
  switch (record) {
    case 'progress':
      return recordProgress(c, fields, LOCALE_OPTION());
    case 'listing':
      return recordListing(c, fields, LOCALE_OPTION());
    case 'close': {
      const { id, ...close } = rest;
      return closeProblem(c, id as string, close as never, LOCALE_OPTION());
    }
    case 'acceptance':
      return recordAcceptance(c, fields, LOCALE_OPTION());
    case 'followUp':
      return recordFollowUp(c, rest.result as ScreeningResult, LOCALE_OPTION());
    case 'delisting':
      return recordDelisting(c, fields, LOCALE_OPTION());
    case 'lookBack':
      return recordLookBack(c, fields, LOCALE_OPTION());
    default:
      throw new Error(`unreachable: record ${String(record)}`);
  }
}

const RECORDS: ReadonlySet<unknown> = new Set(['progress', 'listing', 'close', 'acceptance', 'followUp', 'delisting', 'lookBack']);

async function progress(args: string[], values: CaseCommandValues, write: Write, warn: Warn): Promise<number> {
  const fromFlags = values.org !== undefined || values.item !== undefined;
  if (args.length !== (fromFlags ? 1 : 2)) {
    throw new CaseUsageError(MESSAGES.caseProgressArguments);
  }
  const cases = readCases(args[0]!);
  let entries: unknown[];
  if (fromFlags) {
    if (values.org === undefined || values.item === undefined) throw new CaseUsageError(MESSAGES.caseOrgItem);
    entries = [
      {
        orgId: values.org,
        itemId: values.item,
        on: date('on', values.on),
        status: oneOf('status', values.status ?? '', ['started', 'done'] as const, 'done'),
        ...(values.occurrence !== undefined ? { occurrence: date('occurrence', values.occurrence) } : {}),
        ...(values.evidence !== undefined ? { evidence: values.evidence } : {}),
        ...(values.note !== undefined ? { note: values.note } : {}),
      },
    ];
  } else entries = readJsonRecords(args[1]!);

  let refused = 0;
  entries.forEach((value, i) => {
    const entry = value as Entry;
    if (typeof entry !== 'object' || entry === null || typeof entry.orgId !== 'string') {
      refused++;
      warn(`${MESSAGES.caseEntryOrgId(i)}\n`);
      return;
    }
    if (!RECORDS.has(entry.record ?? 'progress')) {
      refused++;
      warn(`${MESSAGES.caseEntryRecord(i, String(entry.record))}\n`);
      return;
    }
    // The organisation's latest case, or the one of the year the entry names.
    let index = -1;
    cases.forEach((c, j) => {
      if (c.orgId !== entry.orgId) return;
      if (entry.year !== undefined && Number(c.screening.assessedOn.slice(0, 4)) !== entry.year) return;
      if (index < 0 || c.screening.assessedOn > cases[index]!.screening.assessedOn) index = j;
    });
    if (index < 0) {
      refused++;
      warn(`${MESSAGES.caseEntryNoCase(i, String(entry.orgId), entry.year !== undefined ? String(entry.year) : undefined)}\n`);
      return;
    }
    try {
      cases[index] = apply(cases[index]!, entry);
    } catch (error) {
      if (!isCaseError(error)) throw error;
      refused++;
      warn(`${MESSAGES.caseEntryRefused(i, String(entry.orgId), issuesText(error))}\n`);
    }
  });
  await write(casesJson(cases));
  return refused > 0 ? 1 : 0;
}

async function status(args: string[], values: CaseCommandValues, write: Write): Promise<number> {
  if (args.length !== 1) throw new CaseUsageError(MESSAGES.caseStatusArguments);
  const asOf = date('as-of', values['as-of']);
  const format = oneOf('format', values.format, ['md', 'json'] as const, 'md');
  const lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
  const cases = readCases(args[0]!);
  const statuses = cases.map((c) => ({ orgId: c.orgId, orgName: c.orgName, year: Number(c.screening.assessedOn.slice(0, 4)), status: caseStatus(c, { asOf, ...LOCALE_OPTION() }) }));
  if (format === 'json') {
    await write(`${JSON.stringify(statuses, null, 2)}\n`);
    return 0;
  }
  await write(cases.map((c, i) => statusMarkdown(c, statuses[i]!.status, lang)).join('\n'));
  return 0;
}

function statusMarkdown(c: RectificationCase, s: ReturnType<typeof caseStatus>, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const measures = new Map(c.plan.checklist.map((item) => [item.id, item.measure[lang]]));
  const cell = markdownText;
  const stage = STAGE_WORDS[lang][s.stage];
  const lines = [
    `## ${cell(c.orgName)}${zh ? `（${cell(c.orgId)}，${c.screening.assessedOn.slice(0, 4)}年）` : ` (${cell(c.orgId)}, ${c.screening.assessedOn.slice(0, 4)})`}`,
    '',
    zh ? `- 所处阶段：${stage}` : `- Stage: ${stage}`,
    zh ? `- 任务完成：${s.itemsDone}/${s.itemsTotal}项；逾期${s.overdue.length}项` : `- Tasks done: ${s.itemsDone}/${s.itemsTotal}; overdue: ${s.overdue.length}`,
    ...s.overdue.map((o) => `  - ${cell(measures.get(o.itemId) ?? o.itemId)}${zh ? `（完成时限${o.due}，逾期${o.daysOverdue}天）` : ` (due ${o.due}, ${o.daysOverdue} days overdue)`}`),
    zh ? `- 尚未销号的问题：${s.openProblems.length ? s.openProblems.join('、') : '无'}` : `- Open problems: ${s.openProblems.length ? s.openProblems.join(', ') : 'none'}`,
    zh ? `- 下一完成时限：${s.nextDue ?? '无'}` : `- Next due: ${s.nextDue ?? 'none'}`,
    s.canDelist
      ? zh ? '- 摘牌条件：已具备' : '- Conditions for 摘牌: met'
      : zh ? `- 摘牌条件：尚不具备。${s.reasons.map((r) => cell(r.zh)).join('；')}。` : `- Conditions for 摘牌: not met: ${s.reasons.map((r) => cell(r.en)).join('; ')}.`,
  ];
  return `${lines.join('\n')}\n`;
}

const STAGE_WORDS = {
  zh: { screened: '初步排查（待研究确定）', listed: '已列入整顿对象', rectifying: '正在整顿', accepted: '已验收（待摘牌）', delisted: '已摘牌', 'looked-back': '已摘牌，已回头看', 'not-listed': '经研究未列入' },
  en: { screened: 'screened (list not yet decided)', listed: 'listed', rectifying: 'rectifying', accepted: 'accepted (awaiting 摘牌)', delisted: 'delisted (摘牌)', 'looked-back': 'delisted, looked back', 'not-listed': 'not listed' },
} as const;

/** A cell of the ledger workbook: text, a number, a date (written as a date cell), or empty. */
export type LedgerCell = PlainCell;

/** One sheet of the ledger workbook. */
export type LedgerSheet = PlainSheet;

const STATUS_WORDS = {
  zh: { done: '已完成', started: '正在推进', pending: '未到期', overdue: '逾期', closed: '已结案' },
  en: { done: 'done', started: 'in progress', pending: 'not yet due', overdue: 'overdue', closed: 'case closed' },
} as const;

/**
 * The ledger as workbook sheets: every row (overdue ones marked, done ones muted) and the
 * townships' summary, for {@link writeSheets}.
 */
export function ledgerWorkbook(l: Ledger, lang: 'zh' | 'en'): LedgerSheet[] {
  const zh = lang === 'zh';
  const rows: LedgerSheet = {
    name: zh ? '台账' : 'Ledger',
    columns: (zh
      ? [['县（市、区）', 12], ['乡镇（街道）', 12], ['村（社区）', 18], ['问题', 8], ['整改措施', 48], ['责任单位', 14], ['完成时限', 12], ['状态', 10], ['完成日期', 12], ['逾期天数', 8]]
      : [['County', 12], ['Township', 12], ['Organisation', 18], ['Criterion', 8], ['Measure', 48], ['Responsible', 14], ['Due', 12], ['Status', 10], ['Done on', 12], ['Days overdue', 8]]
    ).map(([header, width]) => ({ header: header as string, width: width as number })),
    rows: l.rows.map((r) => [
      r.region?.county ?? null,
      r.region?.township ?? null,
      r.orgName,
      r.criterionId,
      r.measure[lang],
      r.role[lang],
      { date: r.due },
      STATUS_WORDS[lang][r.status],
      r.doneOn ? { date: r.doneOn } : null,
      r.daysOverdue,
    ]),
    styles: l.rows.map((r) => (r.status === 'overdue' ? 'overdue' : r.status === 'done' ? 'done' : undefined)),
  };
  const townships: LedgerSheet = {
    name: zh ? '乡镇汇总' : 'Townships',
    columns: (zh
      ? [['县（市、区）', 12], ['乡镇（街道）', 12], ['整顿对象', 10], ['已摘牌', 8], ['已完成任务', 10], ['任务总数', 10], ['逾期', 8], ['未销号问题', 10]]
      : [['County', 12], ['Township', 12], ['Cases', 10], ['Delisted', 8], ['Tasks done', 10], ['Tasks', 10], ['Overdue', 8], ['Open problems', 10]]
    ).map(([header, width]) => ({ header: header as string, width: width as number })),
    rows: l.townships.map((t) => [t.county ?? null, t.township ?? null, t.cases, t.delisted, t.itemsDone, t.itemsTotal, t.overdue, t.openProblems]),
    styles: l.townships.map((t) => (t.overdue > 0 ? 'overdue' : undefined)),
  };
  return [rows, townships];
}

async function ledgerCommand(args: string[], values: CaseCommandValues, write: Write, binary: WriteBinary | undefined): Promise<number> {
  if (args.length !== 1) throw new CaseUsageError(MESSAGES.caseLedgerArguments);
  const asOf = date('as-of', values['as-of']);
  const format = oneOf('format', values.format, ['md', 'json', 'xlsx'] as const, 'md');
  const lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
  const l = ledger(readCases(args[0]!), { asOf, ...LOCALE_OPTION() });
  if (format === 'json') await write(`${JSON.stringify(l, null, 2)}\n`);
  else if (format === 'md') await write(renderLedger(l, { lang }));
  else {
    if (!binary) throw new CaseUsageError(MESSAGES.ledgerWorkbookNoWriter);
    await binary((stream) => writeSheets(stream, ledgerWorkbook(l, lang)));
  }
  return 0;
}

/**
 * Runs `case SUBCOMMAND …`: `args` are the positionals after `case`, `values` the parsed
 * options (see {@link CASE_OPTIONS}), `write` receives standard output, `warn` the messages
 * for standard error, `binary` writes a workbook (`ledger --format xlsx`; without it that
 * format is a usage error). Resolves to the exit code: usage errors of the `case` commands
 * are reported through `warn` (exit 2), never thrown; the command line's own (a workbook to a
 * terminal) reach its usual handler.
 */
export async function caseCommand(
  args: string[],
  values: CaseCommandValues,
  write: Write,
  warn: Warn = (text) => void process.stderr.write(text),
  binary?: WriteBinary,
): Promise<number> {
  const [sub, ...rest] = args;
  // Names and ids come from the files: no control character of theirs reaches the terminal.
  const report = warn;
  warn = (text) => report(text.split('\n').map(terminalText).join('\n'));
  try {
    switch (sub) {
      case 'open':
        return await open(rest, values, write, warn);
      case 'progress':
        return await progress(rest, values, write, warn);
      case 'status':
        return await status(rest, values, write);
      case 'ledger':
        return await ledgerCommand(rest, values, write, binary);
      default:
        throw new CaseUsageError(sub === undefined ? MESSAGES.caseSubcommand : MESSAGES.caseUnknownSubcommand(sub));
    }
  } catch (error) {
    if (error instanceof CaseUsageError) {
      warn(`${MESSAGES.casePrefix}${error.message}\n${MESSAGES.caseUsage}`);
      return 2;
    }
    if (isScreenerError(error) && error.code === 'ERR_OPTIONS') {
      warn(`${MESSAGES.casePrefix}${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
