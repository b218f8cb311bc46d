/**
 * Selecting the rectification list: `selectTargets` (应整尽整 plus a quota for 倒排).
 *
 * @module
 */
import * as z from 'zod';
import { OptionsError } from '../errors.js';
import { errorMap, toIssues } from '../schema/messages.js';
import type { ScreeningResult } from '../outcome.js';
import { isEntry, isIterable, type BatchEntry } from './many.js';
import { relapsedIds, type RelapseMark } from './summary.js';

/** Options of {@link selectTargets}. */
export interface SelectTargetsOptions {
  /**
   * Share of all results to select, 0..1 (0.05 to 0.1 for 倒排). `0` selects the weak-lax
   * results only (应整尽整).
   */
  share: number;
  /**
   * The organisations' history (from `history()`): a selected result whose organisation
   * relapsed (反复) comes back marked `relapsed: true`. The selection itself is unchanged.
   */
  history?: Iterable<RelapseMark>;
}

/** A selected result; `relapsed` when the history given marks its organisation so. */
export type SelectedTarget = ScreeningResult & {
  /** The organisation relapsed (反复): listed again after a case that ended in 摘牌. */
  relapsed?: true;
};

const selectOptionsSchema = z.strictObject({ share: z.number().min(0).max(1), history: z.unknown().optional() });

function byScoreThenOrgId(a: ScreeningResult, b: ScreeningResult): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0;
}

/**
 * Selects the organisations to rectify: every `weak-lax` result (应整尽整), then the
 * highest-scoring others until `ceil(share × number of results)` are selected (倒排), ties
 * broken by `orgId`. When the weak-lax results alone reach or pass the quota, all of them are
 * kept and no other is added: the quota is a floor, never a cap on organisations found weak
 * and lax. `share: 0` therefore selects exactly the weak-lax results.
 *
 * Returns the selected results, weak-lax first, each part by score (highest first) then
 * `orgId`. Takes results or `screenMany`'s entries (entries with `ok: false` are not results
 * and are not counted). `share × n` is rounded to 12 significant digits before `ceil`, so that
 * 0.1 × 30 selects 3, not 4. Throws an `OptionsError` unless `share` is a number in 0..1.
 * Given the organisations' `history`, a selected result of an organisation that relapsed
 * (反复) is returned as a copy marked `relapsed: true`.
 *
 * @example
 * ```ts
 * import { selectTargets } from 'weak-lax-screener';
 *
 * // 300 results, 4 of them weak-lax: the 4, then the 26 highest-scoring others (10%).
 * const targets = selectTargets(results, { share: 0.1 });
 * targets.length;   // 30
 * selectTargets(results, { share: 0 }).length;   // 4: the weak-lax only (应整尽整)
 * ```
 */
export function selectTargets(results: Iterable<ScreeningResult | BatchEntry>, options: SelectTargetsOptions): SelectedTarget[] {
  const parsed = selectOptionsSchema.safeParse(options, { error: errorMap('en') });
  if (!parsed.success) throw new OptionsError(toIssues(parsed.error.issues, 'en', { '': ['share', 'history'] }));
  const relapsed = relapsedIds(options.history, 'selectTargets');
  if (!isIterable(results)) throw new TypeError('selectTargets: results must be an iterable');
  const weakLax: ScreeningResult[] = [];
  const others: ScreeningResult[] = [];
  let count = 0;
  for (const item of results) {
    if (isEntry(item) && !item.ok) continue;
    const result = isEntry(item) ? (item as Extract<BatchEntry, { ok: true }>).result : (item as ScreeningResult);
    count++;
    (result.verdict === 'weak-lax' ? weakLax : others).push(result);
  }
  const quota = Math.ceil(Number((parsed.data.share * count).toPrecision(12)));
  weakLax.sort(byScoreThenOrgId);
  const selected = weakLax.length >= quota ? weakLax : [...weakLax, ...others.sort(byScoreThenOrgId).slice(0, quota - weakLax.length)];
  // A marked copy, so the caller's result is not changed.
  return relapsed ? selected.map((r) => (relapsed.has(r.orgId) ? { ...r, relapsed: true as const } : r)) : selected;
}

