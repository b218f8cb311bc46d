/**
 * Counting a batch for a report: `summarize` (by verdict, criterion, county and township) and
 * `mergeSummaries` (adding the counts of parts, such as the chunks of a stream screened on
 * several threads).
 *
 * @module
 */
import { OptionsError } from '../errors.js';
import type { Bilingual } from '../ruleset.js';
import { CODE, type Verdict, type ScreeningResult } from '../outcome.js';
import { unreadOutcomes } from '../result.js';
import { isAsyncIterable, isEntry, isIterable, type BatchEntry } from './many.js';

/** Counts by verdict; every verdict is present, zero or not. */
export type VerdictCounts = Record<Verdict, number>;

/** How often one criterion was matched, near or lacked data across a batch. */
export interface CriterionCount {
  /** Criterion id. */
  id: string;
  /** Position in the official list. */
  no: number;
  /** Short title in Chinese and English. */
  title: Bilingual;
  /** Results where the criterion is `matched`. */
  matched: number;
  /** Results where it is not matched but near (预警). */
  near: number;
  /** Results where it is `insufficient-data`. */
  insufficient: number;
}

/**
 * One region at one level. The region is named by the parts of `org.region` down to that
 * level (a township also names its county, city and province, since township names repeat
 * across counties); a part absent from the input is absent here, and the results that do not
 * name the level at all form one group whose own part is absent.
 */
export interface RegionCount {
  /** Province (省), when the results name it. */
  province?: string;
  /** City (市、州). */
  city?: string;
  /** County or district (县、区). */
  county?: string;
  /** Township or street (乡镇、街道); township level only. */
  township?: string;
  /** Results in this region. */
  total: number;
  /** Results in this region by verdict. */
  byVerdict: VerdictCounts;
  /** Results of organisations that relapsed (反复), when `summarize` was given a history. */
  relapsed?: number;
}

/** What {@link summarize} returns (JSON-serialisable, deterministic). */
export interface ScreeningSummary {
  /** Results counted (successfully screened records). */
  total: number;
  /** Batch entries with `ok: false` (records that could not be screened). */
  invalid: number;
  /** Results by verdict. */
  byVerdict: VerdictCounts;
  /** Per criterion, in ruleset order (first seen first, if results mix rulesets). */
  byCriterion: CriterionCount[];
  /**
   * Per county (县/区) and per township (乡镇/街道). Groups are sorted by province, city,
   * county, township (code-unit order, so the same input always gives the same order), with
   * a missing part after every named one.
   */
  byRegion: {
    /** Per county (县/区). */
    county: RegionCount[];
    /** Per township (乡镇/街道). */
    township: RegionCount[];
  };
  /**
   * Results of organisations that `history` marks `relapsed` (反复: listed again after a case
   * that ended in 摘牌), when `summarize` was given a history.
   */
  relapsed?: number;
}

/** An organisation's history as `history()` returns it: only `orgId` and `relapsed` are read here. */
export interface RelapseMark {
  /** The organisation. */
  orgId: string;
  /** Listed again after a case that ended in 摘牌. */
  relapsed: boolean;
}

/** The ids of the organisations a history marks relapsed. @internal */
export function relapsedIds(history: Iterable<RelapseMark> | undefined, caller: string): Set<string> | undefined {
  if (history === undefined) return undefined;
  const fail = (message: string): never => {
    throw new OptionsError([{ path: 'history', message: `${caller}: ${message}` }]);
  };
  if (history === null || typeof (history as Iterable<unknown>)[Symbol.iterator] !== 'function') fail('must be an iterable of history() entries');
  const ids = new Set<string>();
  for (const entry of history) {
    if (typeof entry?.orgId !== 'string' || typeof entry.relapsed !== 'boolean') fail('each entry needs an orgId and relapsed (pass the result of history())');
    if (entry.relapsed) ids.add(entry.orgId);
  }
  return ids;
}

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /** The organisations' history (from `history()`): relapsed organisations are counted in `relapsed`. */
  history?: Iterable<RelapseMark>;
}

type ResultLike = ScreeningResult | BatchEntry;


const REGION_PARTS = ['province', 'city', 'county', 'township'] as const;

function addVerdicts(into: VerdictCounts, from: VerdictCounts): void {
  for (const verdict of Object.keys(into) as Verdict[]) into[verdict] += from[verdict] ?? 0;
}

function zeroVerdicts(): VerdictCounts {
  return { 'weak-lax': 0, 'at-risk': 0, sound: 0, undetermined: 0 };
}

function compareParts(a: RegionCount, b: RegionCount): number {
  for (const part of REGION_PARTS) {
    const x = a[part];
    const y = b[part];
    if (x === y) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Accumulates a summary one result at a time (for streams). @internal */
export class SummaryBuilder {
  private total = 0;
  private invalid = 0;
  private readonly byVerdict = zeroVerdicts();
  private readonly criteria = new Map<string, CriterionCount>();
  private readonly regions = { county: new Map<string, RegionCount>(), township: new Map<string, RegionCount>() };
  private relapsed = 0;

  /** `relapsed`: the organisations to count as relapsed; without it no `relapsed` counts are kept. */
  constructor(private readonly relapsedOrgs?: ReadonlySet<string>) {}

  /** Adds the counts of a summary (of another part of the same batch). */
  merge(summary: ScreeningSummary): void {
    this.total += summary.total;
    this.invalid += summary.invalid;
    this.relapsed += summary.relapsed ?? 0;
    addVerdicts(this.byVerdict, summary.byVerdict);
    for (const count of summary.byCriterion) {
      const existing = this.criteria.get(count.id);
      if (existing) {
        existing.matched += count.matched;
        existing.near += count.near;
        existing.insufficient += count.insufficient;
      } else {
        this.criteria.set(count.id, { ...count, title: { ...count.title } });
      }
    }
    for (const level of ['county', 'township'] as const) {
      for (const group of summary.byRegion[level]) {
        const region = this.region(level, REGION_PARTS.map((part) => group[part]).slice(0, level === 'county' ? 3 : 4));
        region.total += group.total;
        addVerdicts(region.byVerdict, group.byVerdict);
        if (group.relapsed !== undefined) region.relapsed = (region.relapsed ?? 0) + group.relapsed;
      }
    }
  }

  add(item: ResultLike): void {
    let result: ScreeningResult;
    if (isEntry(item)) {
      if (!item.ok) {
        this.invalid++;
        return;
      }
      result = item.result;
    } else {
      result = item;
    }
    this.total++;
    this.byVerdict[result.verdict]++;
    const relapsed = this.relapsedOrgs?.has(result.orgId) === true;
    if (relapsed) this.relapsed++;
    // A result whose explanation nobody has read is counted from its outcome codes, without
    // building the explanation; any other from what its criteria say.
    const unread = unreadOutcomes(result);
    if (unread) {
      const { codes, ruleset } = unread;
      for (let c = 0; c < codes.length; c++) {
        const count = this.criterion(ruleset.criteria[c]!);
        if (codes[c] === CODE.matched) count.matched++;
        else if (codes[c] === CODE.insufficient) count.insufficient++;
        else if (codes[c] === CODE.near) count.near++;
      }
    } else {
      for (const criterion of result.criteria) {
        const count = this.criterion(criterion);
        if (criterion.outcome === 'matched') count.matched++;
        else if (criterion.outcome === 'insufficient-data') count.insufficient++;
        else if (criterion.near) count.near++;
      }
    }
    this.addRegion('county', 3, result, relapsed);
    this.addRegion('township', 4, result, relapsed);
  }

  /** The count of a criterion, made on first sight. */
  private criterion(criterion: { id: string; no: number; title: Bilingual }): CriterionCount {
    let count = this.criteria.get(criterion.id);
    if (!count) {
      count = { id: criterion.id, no: criterion.no, title: { zh: criterion.title.zh, en: criterion.title.en }, matched: 0, near: 0, insufficient: 0 };
      this.criteria.set(criterion.id, count);
    }
    return count;
  }

  private addRegion(level: 'county' | 'township', depth: number, result: ScreeningResult, relapsed: boolean): void {
    const region = result.region ?? {};
    const group = this.region(level, REGION_PARTS.slice(0, depth).map((part) => region[part]));
    group.total++;
    group.byVerdict[result.verdict]++;
    if (this.relapsedOrgs) group.relapsed = (group.relapsed ?? 0) + (relapsed ? 1 : 0);
  }

  /** The group of a region at one level, named by its parts down to that level. */
  private region(level: 'county' | 'township', parts: ReadonlyArray<string | undefined>): RegionCount {
    const key = JSON.stringify(parts);
    let group = this.regions[level].get(key);
    if (!group) {
      group = {} as RegionCount;
      parts.forEach((value, i) => {
        if (value !== undefined) group![REGION_PARTS[i]!] = value;
      });
      group.total = 0;
      group.byVerdict = zeroVerdicts();
      this.regions[level].set(key, group);
    }
    return group;
  }

  summary(): ScreeningSummary {
    const copy = (group: RegionCount): RegionCount => ({ ...group, byVerdict: { ...group.byVerdict } });
    return {
      total: this.total,
      invalid: this.invalid,
      byVerdict: { ...this.byVerdict },
      byCriterion: [...this.criteria.values()].map((count) => ({ ...count })),
      byRegion: {
        county: [...this.regions.county.values()].sort(compareParts).map(copy),
        township: [...this.regions.township.values()].sort(compareParts).map(copy),
      },
      ...(this.relapsedOrgs || this.relapsed > 0 ? { relapsed: this.relapsed } : {}),
    };
  }
}

/**
 * Counts a batch for a report: by verdict, by criterion (matched, near, insufficient) and
 * by region level (county, township). Given the organisations' `history` (from `history()`),
 * it also counts the results of relapsed organisations (反复), overall and per region. Takes results, or `screenMany`'s entries (an entry
 * with `ok: false` counts as `invalid`); from an async iterable (such as `screenMany`'s
 * output directly) it returns a Promise and holds only the counts, never the results.
 *
 * @example
 * ```ts
 * import { screenMany, summarize } from 'weak-lax-screener';
 *
 * const summary = await summarize(screenMany(assessments));
 * summary.byVerdict;        // { 'weak-lax': 3, 'at-risk': 5, sound: 40, undetermined: 2 }
 * summary.invalid;          // 1 (a record that failed validation)
 * summary.byCriterion[0];   // { id: 'C01', no: 1, title: {…}, matched: 2, near: 1, insufficient: 4 }
 * summary.byRegion.township[0];
 * // { province: '青川省', city: '石泉市', county: '枫桥县', township: '青石镇', total: 12,
 * //   byVerdict: { 'weak-lax': 1, 'at-risk': 2, sound: 9, undetermined: 0 } }
 * ```
 */
export function summarize(results: Iterable<ScreeningResult | BatchEntry>, options?: SummarizeOptions): ScreeningSummary;
export function summarize(results: AsyncIterable<ScreeningResult | BatchEntry>, options?: SummarizeOptions): Promise<ScreeningSummary>;
export function summarize(
  results: Iterable<ScreeningResult | BatchEntry> | AsyncIterable<ScreeningResult | BatchEntry>,
  options?: SummarizeOptions,
): ScreeningSummary | Promise<ScreeningSummary> {
  const builder = new SummaryBuilder(relapsedIds(options?.history, 'summarize'));
  if (isAsyncIterable(results)) {
    return (async () => {
      for await (const item of results) builder.add(item);
      return builder.summary();
    })();
  }
  if (!isIterable(results)) throw new TypeError('summarize: results must be an iterable or an async iterable');
  for (const item of results) builder.add(item);
  return builder.summary();
}


/**
 * Adds the counts of summaries of parts of one batch (for example the chunks of a stream
 * screened on several threads): the same summary as `summarize` over all the parts' results.
 *
 * @example
 * ```ts
 * import { mergeSummaries, summarize } from 'weak-lax-screener';
 *
 * const total = mergeSummaries(summarize(firstHalf), summarize(secondHalf));
 * ```
 */
export function mergeSummaries(...summaries: ScreeningSummary[]): ScreeningSummary {
  const builder = new SummaryBuilder();
  for (const summary of summaries) builder.merge(summary);
  return builder.summary();
}
