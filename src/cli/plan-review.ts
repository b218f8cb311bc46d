/**
 * `plan` and `review`: records are assessments (screened first) or screening results,
 * including the entries that `screen --format json|jsonl` writes, so the commands chain.
 * One record that cannot be used (unreadable, invalid, a malformed result, a second record
 * of the same organisation in `review`) is reported on stderr and the others go on.
 */
import {
  isAssessmentError,
  isScreenerError,
  planRectification,
  renderPlan,
  review,
  screen,
  type Issue,
  type Locale,
  type PlanTemplate,
  type ReviewResult,
  type ScreeningResult,
  type ScreenOptions,
} from '../index.js';
import { terminalText } from '../internals/text.js';
import type { InputItem } from './items.js';
import { mdCell } from './format.js';
import { MESSAGES } from './messages.js';
import { resultIssues, entryIssues } from './results.js';

/**
 * A record resolved to a screening result, or why not. `given` marks a result read from the
 * input rather than screened here: a failure to plan or review it is the input's fault, not
 * a bug.
 */
export type Resolved =
  | { ok: true; index: number; result: ScreeningResult; given: boolean }
  | { ok: false; index: number; orgId?: string; issues: Issue[] };

const has = (value: object, key: string) => Object.hasOwn(value, key);

/** Screens assessments; passes screening results (bare or inside a batch entry) through, once checked. */
export async function* resolveResults(items: AsyncIterable<InputItem>, options: ScreenOptions): AsyncGenerator<Resolved> {
  let index = 0;
  for await (const item of items) {
    const at = index++;
    if (!item.ok) {
      yield { ok: false, index: at, issues: item.issues, ...(item.orgId !== undefined ? { orgId: item.orgId } : {}) };
      continue;
    }
    const record = item.record;
    const object = typeof record === 'object' && record !== null && !Array.isArray(record) ? record : undefined;
    // A batch entry of `screen --format json|jsonl`: { index, ok, result } or { index, ok, orgId, issues }.
    if (object && has(object, 'ok') && typeof (object as { ok: unknown }).ok === 'boolean') {
      const entry = object as { ok: boolean; result?: unknown; issues?: unknown; orgId?: unknown };
      if (!entry.ok) {
        const orgId = typeof entry.orgId === 'string' ? { orgId: entry.orgId } : {};
        const issues = entryIssues(entry.issues);
        yield { ok: false, index: at, ...orgId, issues: issues ?? [{ path: 'issues', message: MESSAGES.entryIssues }] };
        continue;
      }
      yield given(entry.result, at, 'result');
      continue;
    }
    // A bare screening result: it has the result's own keys, which an assessment never has.
    if (object && (has(object, 'verdict') || has(object, 'orgId'))) {
      yield given(object, at, '');
      continue;
    }
    try {
      yield { ok: true, index: at, result: await screen(record, options), given: false };
    } catch (error) {
      if (!isAssessmentError(error)) throw error;
      yield { ok: false, index: at, issues: error.issues, ...(error.orgId ? { orgId: error.orgId } : {}) };
    }
  }
}

/** A screening result read from the input, checked before the library plans or reviews it. */
function given(value: unknown, index: number, path: string): Resolved {
  const issues = resultIssues(value, path);
  if (issues.length === 0) return { ok: true, index, result: value as ScreeningResult, given: true };
  const orgId = (value as { orgId?: unknown } | null)?.orgId;
  return { ok: false, index, issues, ...(typeof orgId === 'string' ? { orgId } : {}) };
}

/** Writes a note on stderr, made safe for a terminal. */
export function note(text: string): void {
  process.stderr.write(`${terminalText(text)}\n`);
}

/** Prints why a record was skipped, on stderr. */
export function reportInvalid(entry: Extract<Resolved, { ok: false }>): void {
  const issues = entry.issues.map((i) => `${i.path || MESSAGES.root}${MESSAGES.colon}${i.message}`).join(MESSAGES.issueSeparator);
  note(MESSAGES.invalidRecord(entry.index, entry.orgId, issues));
}

/**
 * What a failure to plan or review one record means: a result given in the input that the
 * library refuses (or cannot read) is that record's problem, and so is any deliberate error
 * of the library (`ScreenerError`); anything else from a result screened here is a bug.
 */
function recordFailure(error: unknown, entry: Extract<Resolved, { ok: true }>): Extract<Resolved, { ok: false }> {
  if (!isScreenerError(error) && !(entry.given && error instanceof Error)) throw error;
  return { ok: false, index: entry.index, orgId: entry.result.orgId, issues: [{ path: '', message: (error as Error).message }] };
}

/** Options of the `plan` command. */
export interface PlanCommandOptions {
  start?: string;
  template: PlanTemplate;
  lang: 'zh' | 'en';
  format: 'md' | 'json';
  /** Language of the messages about records that cannot be planned. */
  locale: Locale;
}

/**
 * Writes a plan for every weak-lax result (Markdown documents separated by a rule, or a
 * JSON array); other verdicts are noted on stderr. Returns the number of invalid records.
 */
export async function planCommand(results: AsyncIterable<Resolved>, options: PlanCommandOptions, write: (text: string) => Promise<void>): Promise<number> {
  let invalid = 0;
  let written = 0;
  if (options.format === 'json') await write('[');
  for await (const entry of results) {
    if (!entry.ok) {
      invalid++;
      reportInvalid(entry);
      continue;
    }
    const { result } = entry;
    if (result.verdict !== 'weak-lax') {
      note(MESSAGES.noPlan(result.orgId, result.orgName, result.verdict));
      continue;
    }
    let text: string;
    try {
      const start = options.start ?? result.timeline[0]?.start ?? result.assessedOn;
      const plan = planRectification(result, { start, template: options.template, locale: options.locale });
      text =
        options.format === 'json'
          ? `${written ? ',' : ''}\n${JSON.stringify(plan)}`
          : `${written ? '\n---\n\n' : ''}${renderPlan(plan, { lang: options.lang, locale: options.locale })}\n`;
    } catch (error) {
      invalid++;
      reportInvalid(recordFailure(error, entry));
      continue;
    }
    await write(text);
    written++;
  }
  if (options.format === 'json') await write(written ? '\n]\n' : ']\n');
  return invalid;
}

const STATUS_ZH: Record<string, string> = {
  resolved: '已整改', persisting: '仍存在', new: '新出现', unverified: '无法核实', unchanged: '无变化',
};

const OUTCOME_ZH: Record<string, string> = { matched: '符合', 'not-matched': '不符合', 'insufficient-data': '数据不足' };

/** A review in Chinese only (`--locale zh-CN`). */
function reviewMarkdownZh(r: ReviewResult): string {
  const lines = [
    `## ${mdCell(r.orgId)}：${r.before} → ${r.after}`,
    '',
    r.converted ? '**已转化，具备验收前提。**' : '**未转化。**',
    '',
    '| 情形 | 整顿前 | 整顿后 | 变化 |',
    '| --- | --- | --- | --- |',
    ...r.criteria
      .filter((c) => c.status !== 'unchanged' || c.before === 'matched')
      .map((c) => `| ${mdCell(c.id)} | ${OUTCOME_ZH[c.before]} | ${OUTCOME_ZH[c.after]} | ${STATUS_ZH[c.status]} |`),
  ];
  if (r.followUp) lines.push('', `巩固至 ${r.followUp.consolidateUntil}；回头看日期 ${r.followUp.lookBackOn}。`);
  if (r.actions?.length) lines.push('', ...r.actions.map((a) => `- ${mdCell(a.zh)}`));
  if (r.deadline) lines.push('', `整改期限：${r.deadline}`);
  return `${lines.join('\n')}\n`;
}

function reviewMarkdown(r: ReviewResult): string {
  const lines = [
    `## ${mdCell(r.orgId)}: ${r.before} → ${r.after}`,
    '',
    r.converted ? '**已转化（具备验收前提） Converted: the precondition for acceptance is met.**' : '**未转化 Not converted.**',
    '',
    '| 情形 Criterion | 之前 Before | 之后 After | 状态 Status |',
    '| --- | --- | --- | --- |',
    ...r.criteria
      .filter((c) => c.status !== 'unchanged' || c.before === 'matched')
      .map((c) => `| ${mdCell(c.id)} | ${c.before} | ${c.after} | ${STATUS_ZH[c.status]} ${c.status} |`),
  ];
  if (r.followUp) lines.push('', `巩固至 Consolidate until ${r.followUp.consolidateUntil}; 回头看 look back on ${r.followUp.lookBackOn}.`);
  if (r.actions?.length) lines.push('', ...r.actions.map((a) => `- ${mdCell(a.zh)} / ${mdCell(a.en)}`));
  if (r.deadline) lines.push('', `整改期限 Deadline: ${r.deadline}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Reviews every organisation found in both inputs (matched by `orgId`), in the order of the
 * follow-up input; organisations found in only one are noted on stderr. A second record of
 * an organisation in either input is an invalid record: the first is reviewed.
 */
export async function reviewCommand(
  before: AsyncIterable<Resolved>,
  after: AsyncIterable<Resolved>,
  format: 'json' | 'md',
  write: (text: string) => Promise<void>,
  locale: Locale = 'en',
): Promise<number> {
  let invalid = 0;
  const fail = (entry: Extract<Resolved, { ok: false }>) => {
    invalid++;
    reportInvalid(entry);
  };
  const duplicate = (entry: Extract<Resolved, { ok: true }>, firstIndex: number): Extract<Resolved, { ok: false }> => ({
    ok: false,
    index: entry.index,
    orgId: entry.result.orgId,
    issues: [{ path: 'orgId', message: MESSAGES.duplicateOrgId(entry.result.orgId, firstIndex) }],
  });
  const earlier = new Map<string, Extract<Resolved, { ok: true }>>();
  for await (const entry of before) {
    if (!entry.ok) fail(entry);
    else if (earlier.has(entry.result.orgId)) fail(duplicate(entry, earlier.get(entry.result.orgId)!.index));
    else earlier.set(entry.result.orgId, entry);
  }
  const reviews: ReviewResult[] = [];
  const seen = new Map<string, number>();
  const unpaired = new Set(earlier.keys());
  for await (const entry of after) {
    if (!entry.ok) {
      fail(entry);
      continue;
    }
    const { orgId } = entry.result;
    if (seen.has(orgId)) {
      fail(duplicate(entry, seen.get(orgId)!));
      continue;
    }
    seen.set(orgId, entry.index);
    const previous = earlier.get(orgId);
    unpaired.delete(orgId);
    if (!previous) {
      note(MESSAGES.noEarlier(orgId));
      continue;
    }
    try {
      reviews.push(review(previous.result, entry.result, { locale }));
    } catch (error) {
      // One organisation that cannot be reviewed (dates out of order, another ruleset) is
      // reported like an invalid record; the others are still reviewed.
      if (!isScreenerError(error) && !((previous.given || entry.given) && error instanceof Error)) throw error;
      invalid++;
      note(MESSAGES.cannotReview(orgId, (error as Error).message));
    }
  }
  for (const orgId of unpaired) note(MESSAGES.noFollowUp(orgId));
  if (format === 'json') await write(`${JSON.stringify(reviews, null, 2)}\n`);
  else await write(reviews.map(locale === 'zh-CN' ? reviewMarkdownZh : reviewMarkdown).join('\n'));
  return invalid;
}
