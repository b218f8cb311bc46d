/**
 * `plan` and `review`: records are assessments (screened first) or screening results,
 * including the entries that `screen --format json|jsonl` writes, so the commands chain.
 */
import {
  isAssessmentError,
  isReviewError,
  planRectification,
  renderPlan,
  review,
  screen,
  type Issue,
  type PlanTemplate,
  type ReviewResult,
  type ScreeningResult,
  type ScreenOptions,
} from '../index.js';
import type { InputItem } from './input.js';
import { mdCell } from './format.js';

/** A record resolved to a screening result, or why not. */
export type Resolved = { ok: true; result: ScreeningResult } | { ok: false; index: number; orgId?: string; issues: Issue[] };

function looksLikeResult(value: unknown): value is ScreeningResult {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.verdict === 'string' && Array.isArray(v.criteria) && typeof v.ruleset === 'object';
}

/** Screens assessments; passes screening results (bare or inside a batch entry) through. */
export async function* resolveResults(items: AsyncIterable<InputItem>, options: ScreenOptions): AsyncGenerator<Resolved> {
  let index = 0;
  for await (const item of items) {
    const at = index++;
    if (!item.ok) {
      yield { ok: false, index: at, issues: item.issues, ...(item.orgId ? { orgId: item.orgId } : {}) };
      continue;
    }
    const record = item.record as { ok?: unknown; result?: unknown; issues?: Issue[]; orgId?: string } | null;
    if (record && record.ok === false && Array.isArray(record.issues)) {
      yield { ok: false, index: at, issues: record.issues, ...(record.orgId ? { orgId: record.orgId } : {}) };
      continue;
    }
    const candidate = record && record.ok === true ? record.result : record;
    if (looksLikeResult(candidate)) {
      yield { ok: true, result: candidate };
      continue;
    }
    try {
      yield { ok: true, result: await screen(candidate, options) };
    } catch (error) {
      if (!isAssessmentError(error)) throw error;
      yield { ok: false, index: at, issues: error.issues, ...(error.orgId ? { orgId: error.orgId } : {}) };
    }
  }
}

/** Prints why a record was skipped, on stderr. */
export function reportInvalid(entry: Extract<Resolved, { ok: false }>): void {
  const issues = entry.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
  process.stderr.write(`record #${entry.index}${entry.orgId ? ` (${entry.orgId})` : ''} is invalid: ${issues}\n`);
}

/** Options of the `plan` command. */
export interface PlanCommandOptions {
  start?: string;
  template: PlanTemplate;
  lang: 'zh' | 'en';
  format: 'md' | 'json';
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
      process.stderr.write(`${result.orgId} ${result.orgName}: verdict ${result.verdict}, no rectification plan\n`);
      continue;
    }
    const start = options.start ?? result.timeline[0]?.start ?? result.assessedOn;
    const plan = planRectification(result, { start, template: options.template });
    if (options.format === 'json') await write(`${written ? ',' : ''}\n${JSON.stringify(plan)}`);
    else await write(`${written ? '\n---\n\n' : ''}${renderPlan(plan, { lang: options.lang })}\n`);
    written++;
  }
  if (options.format === 'json') await write(written ? '\n]\n' : ']\n');
  return invalid;
}

const STATUS_ZH: Record<string, string> = {
  resolved: '已整改', persisting: '仍存在', new: '新出现', unverified: '无法核实', unchanged: '无变化',
};

function reviewMarkdown(r: ReviewResult): string {
  const lines = [
    `## ${mdCell(r.orgId)}: ${r.before} → ${r.after}`,
    '',
    r.converted ? '**已转化（具备验收前提） Converted: the precondition for acceptance is met.**' : '**未转化 Not converted.**',
    '',
    '| 情形 Criterion | 之前 Before | 之后 After | 状态 Status |',
    '| --- | --- | --- | --- |',
    ...r.criteria.filter((c) => c.status !== 'unchanged' || c.before === 'matched').map((c) => `| ${c.id} | ${c.before} | ${c.after} | ${STATUS_ZH[c.status]} ${c.status} |`),
  ];
  if (r.followUp) lines.push('', `巩固至 Consolidate until ${r.followUp.consolidateUntil}; 回头看 look back on ${r.followUp.lookBackOn}.`);
  if (r.actions?.length) lines.push('', ...r.actions.map((a) => `- ${a.zh} / ${a.en}`));
  if (r.deadline) lines.push('', `整改期限 Deadline: ${r.deadline}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Reviews every organisation found in both inputs (matched by `orgId`), in the order of the
 * follow-up input; organisations found in only one are noted on stderr.
 */
export async function reviewCommand(
  before: AsyncIterable<Resolved>,
  after: AsyncIterable<Resolved>,
  format: 'json' | 'md',
  write: (text: string) => Promise<void>,
): Promise<number> {
  let invalid = 0;
  const earlier = new Map<string, ScreeningResult>();
  for await (const entry of before) {
    if (!entry.ok) {
      invalid++;
      reportInvalid(entry);
    } else earlier.set(entry.result.orgId, entry.result);
  }
  const reviews: ReviewResult[] = [];
  for await (const entry of after) {
    if (!entry.ok) {
      invalid++;
      reportInvalid(entry);
      continue;
    }
    const previous = earlier.get(entry.result.orgId);
    earlier.delete(entry.result.orgId);
    if (!previous) {
      process.stderr.write(`${entry.result.orgId}: no earlier assessment to review against\n`);
      continue;
    }
    try {
      reviews.push(review(previous, entry.result));
    } catch (error) {
      // One organisation that cannot be reviewed (dates out of order, another ruleset) is
      // reported like an invalid record; the others are still reviewed.
      if (!isReviewError(error)) throw error;
      invalid++;
      process.stderr.write(`${entry.result.orgId}: cannot review: ${error.message}\n`);
    }
  }
  for (const orgId of earlier.keys()) process.stderr.write(`${orgId}: no follow-up assessment\n`);
  if (format === 'json') await write(`${JSON.stringify(reviews, null, 2)}\n`);
  else await write(reviews.map(reviewMarkdown).join('\n'));
  return invalid;
}
