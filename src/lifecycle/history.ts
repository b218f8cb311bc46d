/**
 * `history`: organisations across years, for the next year's screening: which came back after
 * 摘牌 (反复) and which stayed on the list.
 *
 * @module
 */
import { compareDates } from '../internals/dates.js';
import { readCase } from './schema.js';
import { inCaseLocale, lm, type LifecycleOptions } from './messages.js';
import type { HistoryEntry, RectificationCase } from './types.js';

/** A case in which the organisation was listed: its year, decision and 摘牌 dates. */
interface Listed {
  year: number;
  decidedOn: string;
  delistedOn: string | undefined;
}

/**
 * Each organisation's listings across years, from its cases (of any years, in any order):
 * - `years`: the years (of each case's screening `assessedOn`) in which it was listed, that is
 *   in which the county standing committee decided to list it; a screening result alone, or a
 *   case never decided, is not a listing;
 * - `relapsed` (反复): listed again after a case that ended in 摘牌 (decided after that 摘牌);
 * - `persistent`: listed in consecutive years without 摘牌 between the two decisions.
 *
 * One entry per organisation with at least one listing, by `orgId`. Throws a `CaseError` for a
 * case that fails validation.
 *
 * With `{ locale: 'zh-CN' }` as the last argument, the errors are in Chinese: the header and
 * every issue (default `'en'`).
 *
 * @example
 * ```ts
 * import { history, selectTargets } from 'weak-lax-screener';
 *
 * const past = history([...cases2025, ...cases2026]);
 * past.find((h) => h.orgId === '990109201201');  // { orgId: '990109201201', years: [2025, 2026], relapsed: true, persistent: false }
 * selectTargets(results2027, { share: 0, history: past });   // relapsed organisations marked
 * ```
 */
export function history(cases: Iterable<RectificationCase>, options?: LifecycleOptions): HistoryEntry[] {
  return inCaseLocale(options?.locale, () => historyIn(cases));
}

function historyIn(cases: Iterable<RectificationCase>): HistoryEntry[] {
  if (cases === null || typeof cases !== 'object' || typeof (cases as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(lm('notIterable', { fn: 'history' }));
  }
  const byOrg = new Map<string, Listed[]>();
  for (const value of cases) {
    const c = readCase(value);
    const decided = c.listing.find((e) => e.stage === 'decided');
    if (!decided) continue;
    let listed = byOrg.get(c.orgId);
    if (!listed) byOrg.set(c.orgId, (listed = []));
    listed.push({ year: Number(c.screening.assessedOn.slice(0, 4)), decidedOn: decided.on, delistedOn: c.delisting?.on });
  }
  const entries: HistoryEntry[] = [];
  for (const [orgId, listed] of byOrg) {
    listed.sort((a, b) => compareDates(a.decidedOn, b.decidedOn));
    const delistings = listed.map((l) => l.delistedOn).filter((d): d is string => d !== undefined);
    const relapsed = listed.some((later) => delistings.some((d) => compareDates(later.decidedOn, d) > 0));
    const persistent = listed.some((a) =>
      listed.some(
        (b) =>
          b.year === a.year + 1 &&
          compareDates(b.decidedOn, a.decidedOn) > 0 &&
          !delistings.some((d) => compareDates(d, a.decidedOn) >= 0 && compareDates(d, b.decidedOn) <= 0),
      ),
    );
    entries.push({ orgId, years: [...new Set(listed.map((l) => l.year))].sort((a, b) => a - b), relapsed, persistent });
  }
  return entries.sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0));
}
