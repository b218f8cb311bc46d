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

/** Options of {@link selectTargets}. */
export interface SelectTargetsOptions {
  /**
   * Share of all results to select, 0..1 (0.05 to 0.1 for 倒排). `0` selects the weak-lax
   * results only (应整尽整).
   */
  share: number;
}

const selectOptionsSchema = z.strictObject({ share: z.number().min(0).max(1) });

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
export function selectTargets(results: Iterable<ScreeningResult | BatchEntry>, options: SelectTargetsOptions): ScreeningResult[] {
  const parsed = selectOptionsSchema.safeParse(options, { error: errorMap('en') });
  if (!parsed.success) throw new OptionsError(toIssues(parsed.error.issues, 'en', { '': ['share'] }));
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
  if (weakLax.length >= quota) return weakLax;
  others.sort(byScoreThenOrgId);
  return [...weakLax, ...others.slice(0, quota - weakLax.length)];
}

