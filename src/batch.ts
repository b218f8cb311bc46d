/**
 * Batches: `screenMany` (a stream of assessments in, one entry per record out, in order),
 * `summarize` (counts for a report) and `selectTargets` (the rectification list: 应整尽整
 * plus a quota for 倒排).
 *
 * Batches use the compiled evaluator (`engine/compiled.ts`); `screen` keeps the
 * json-rules-engine reference path. Both end in the same `resultFromCriteria`, and the
 * differential tests hold them equal field by field.
 *
 * `screenManyCompact` runs the compiled core only (verdict, score, criterion ids), for
 * tables and CSV at province scale. The command line's worker threads call the public
 * `screenMany`/`screenManyCompact` per chunk; options are checked and the ruleset compiled
 * once per thread (compiled rulesets are cached).
 *
 * @module
 */
import * as z from 'zod';
import { OptionsError, isAssessmentError, type Issue } from './errors.js';
import { acceptAssessment } from './schema/accept.js';
import { errorMap, toIssues } from './schema/messages.js';
import {
  orgIdOf,
  prepareOptions,
  resultFromCriteria,
  validateAssessment,
  type PreparedOptions,
  type ScreenOptions,
  type ScreeningResult,
} from './screen.js';
import { CODE, compileRuleset, verdictOfCodes, type CompileMode, type CompiledRuleset } from './engine/compiled.js';
import type { Bilingual } from './ruleset.js';
import type { Region } from './schema/assessment.js';
import type { Verdict } from './outcome.js';

/**
 * One entry of {@link screenMany}'s output, for the record at `index` (0-based, input order):
 * its result, or why it could not be screened.
 */
export type BatchEntry =
  | {
      /** 0-based position of the record in the input. */
      index: number;
      /** The record was screened. */
      ok: true;
      /** Its screening result, as `screen` gives it. */
      result: ScreeningResult;
    }
  | InvalidEntry;

/** A batch entry for a record that could not be screened. */
export interface InvalidEntry {
  /** 0-based position of the record in the input. */
  index: number;
  /** The record could not be screened. */
  ok: false;
  /** The record's `org.id`, when it could be read. */
  orgId?: string;
  /** Every problem found, as `screen` reports them in an `AssessmentError`. */
  issues: Issue[];
}

/** Options validated and the ruleset compiled, once per batch. @internal */
export interface PreparedBatch {
  readonly prepared: PreparedOptions;
  readonly compiled: CompiledRuleset;
  /** Scratch outcome codes, one per criterion, reused record after record (batches run synchronously per record). */
  readonly codes: Uint8Array;
}

/**
 * Validates options (throws an `OptionsError`) and compiles the ruleset against the effective
 * thresholds. `mode` forces an evaluator mode (tests); by default code generation is used
 * where allowed. @internal
 */
export function prepareBatch(options?: ScreenOptions, mode?: CompileMode): PreparedBatch {
  const prepared = prepareOptions(options);
  return {
    prepared,
    compiled: compileRuleset(prepared.ruleset, prepared.thresholds, mode),
    codes: new Uint8Array(prepared.ruleset.criteria.length),
  };
}

/**
 * Screens one record with the compiled path: the same result as `screen`, synchronously.
 * Throws an `AssessmentError` for a bad record. @internal
 */
export function screenRecord(record: unknown, batch: PreparedBatch): ScreeningResult {
  const { prepared, compiled } = batch;
  const assessment = acceptAssessment(record, prepared.ruleset.extraFacts) ?? validateAssessment(record, prepared);
  return resultFromCriteria(assessment, prepared, compiled.explain(compiled.extract(assessment), assessment));
}

/** Screens one record into a batch entry; nothing a record does escapes as an exception. @internal */
export function screenEntry(record: unknown, index: number, batch: PreparedBatch): BatchEntry {
  return entryOf(record, index, batch, screenRecord);
}

/** One record's entry: `screenOne`'s result, or the record's issues. */
function entryOf<R>(
  record: unknown,
  index: number,
  batch: PreparedBatch,
  screenOne: (record: unknown, batch: PreparedBatch) => R,
): { index: number; ok: true; result: R } | InvalidEntry {
  try {
    return { index, ok: true, result: screenOne(record, batch) };
  } catch (error) {
    let issues: Issue[];
    let orgId: string | undefined;
    if (isAssessmentError(error)) {
      issues = error.issues;
      orgId = error.orgId;
    } else {
      // Not a validation failure: the record itself threw (a getter, a Proxy). It is still
      // one bad record, reported, and the batch goes on.
      const reason = error instanceof Error ? error.message : String(error);
      issues = [
        {
          path: '',
          message: batch.prepared.locale === 'zh-CN' ? `无法读取该记录：${reason}` : `could not read the record: ${reason}`,
        },
      ];
      orgId = orgIdOf(record);
    }
    return orgId === undefined ? { index, ok: false, issues } : { index, ok: false, orgId, issues };
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && value !== undefined && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return value !== null && value !== undefined && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}

async function* run<E>(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: ScreenOptions | undefined,
  entry: (record: unknown, index: number, batch: PreparedBatch) => E,
): AsyncGenerator<E> {
  const batch = prepareBatch(options);
  let index = 0;
  if (isAsyncIterable(records)) {
    for await (const record of records) yield entry(record, index++, batch);
  } else if (isIterable(records) && typeof records !== 'string') {
    for (const record of records) yield entry(record, index++, batch);
  } else {
    throw new TypeError('screenMany: records must be an iterable or an async iterable of assessments');
  }
}

/**
 * Screens many assessments: one {@link BatchEntry} per input record, in input order, with a
 * 0-based `index`: `{ index, ok: true, result }`, or `{ index, ok: false, orgId?, issues }`
 * for a record that fails validation (the same issues `screen` would report). A bad record
 * never stops the batch.
 *
 * - `records`: any iterable (an array, a generator) or async iterable (a stream of parsed
 *   JSON Lines). It is pulled one record at a time as the output is consumed, so memory
 *   follows the stream, not the input size. Elements of a sync iterable are taken as they
 *   are (a Promise is not awaited). An error thrown by the source itself (a failing reader)
 *   is not a record: it rejects the iteration.
 * - `options`: as for `screen`, validated once: bad options reject the first `next()` with an
 *   `OptionsError`, before any record is read. Something that is not iterable rejects the first
 *   `next()` with a `TypeError`.
 *
 * Uses the compiled evaluator, which gives the same results as `screen` (the
 * json-rules-engine reference path), much faster.
 *
 * @example
 * ```ts
 * import { screenMany, summarize } from 'weak-lax-screener';
 *
 * const entries = [];
 * for await (const entry of screenMany(assessments, { thresholds: { C08: { petitions: 8 } } })) {
 *   if (entry.ok) console.log(entry.result.orgId, entry.result.verdict, entry.result.score);
 *   else console.error(`record ${entry.index} (${entry.orgId ?? 'no id'}):`, entry.issues);
 *   entries.push(entry);
 * }
 * console.log(summarize(entries).byVerdict);   // { 'weak-lax': 12, 'at-risk': 30, sound: 400, undetermined: 7 }
 * ```
 */
export function screenMany(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options?: ScreenOptions,
): AsyncIterable<BatchEntry> {
  return { [Symbol.asyncIterator]: () => run(records, options, screenEntry) };
}

/**
 * The verdict of one organisation without its explanation (no evidence, missing inputs or
 * plan): what a province-wide table, CSV or ranking needs. Equal to the same fields of the
 * full {@link ScreeningResult}.
 */
export interface CompactResult {
  /** `org.id`. */
  orgId: string;
  /** `org.name`. */
  orgName: string;
  /** 村 (`village`) or 社区 (`community`). */
  kind: 'village' | 'community';
  /** `org.region`, when given. */
  region?: Region;
  /** The assessment date. */
  assessedOn: string;
  /** As in the full result. */
  verdict: Verdict;
  /** As in the full result. */
  score: number;
  /** Matched criteria, in ruleset order. */
  matched: string[];
  /** Criteria not matched but near (预警), in ruleset order. */
  near: string[];
  /** Criteria with insufficient data, in ruleset order. */
  insufficient: string[];
}

/** One entry of {@link screenManyCompact}: a compact result, or the record's issues. */
export type CompactEntry =
  | {
      /** 0-based position of the record in the input. */
      index: number;
      /** The record was screened. */
      ok: true;
      /** Its compact result. */
      result: CompactResult;
    }
  | InvalidEntry;

function compactRecord(record: unknown, batch: PreparedBatch): CompactResult {
  const { prepared, compiled, codes } = batch;
  const assessment = acceptAssessment(record, prepared.ruleset.extraFacts) ?? validateAssessment(record, prepared);
  const criteria = prepared.ruleset.criteria;
  const score = compiled.core(compiled.extract(assessment), codes);
  const matched: string[] = [];
  const near: string[] = [];
  const insufficient: string[] = [];
  for (let i = 0; i < criteria.length; i++) {
    const code = codes[i];
    if (code === CODE.matched) matched.push(criteria[i]!.id);
    else if (code === CODE.near) near.push(criteria[i]!.id);
    else if (code === CODE.insufficient) insufficient.push(criteria[i]!.id);
  }
  const { org } = assessment;
  return {
    orgId: org.id,
    orgName: org.name,
    kind: org.kind,
    ...(org.region ? { region: { ...org.region } } : {}),
    assessedOn: assessment.assessedOn,
    verdict: verdictOfCodes(codes, criteria.length, score, prepared.atRiskScore),
    score,
    matched,
    near,
    insufficient,
  };
}

/**
 * Like {@link screenMany}, but each result is a {@link CompactResult}: verdict, score and the
 * ids of matched, near and insufficient criteria, without evidence or plans. Several times
 * faster, for screening a province into a table, a CSV file or a ranking; the same options,
 * the same entries for bad records, the same order.
 *
 * @example
 * ```ts
 * import { screenManyCompact } from 'weak-lax-screener';
 *
 * for await (const entry of screenManyCompact(readJsonLines('province.jsonl'))) {
 *   if (entry.ok && entry.result.verdict === 'weak-lax') console.log(entry.result.orgId, entry.result.matched);
 * }
 * ```
 */
export function screenManyCompact(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options?: ScreenOptions,
): AsyncIterable<CompactEntry> {
  return { [Symbol.asyncIterator]: () => run(records, options, (record, index, batch) => entryOf(record, index, batch, compactRecord)) };
}

// ---------------------------------------------------------------------------------------
// Summaries

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
}

type ResultLike = ScreeningResult | BatchEntry;

function isEntry(item: ResultLike): item is BatchEntry {
  return typeof (item as BatchEntry).ok === 'boolean' && typeof (item as BatchEntry).index === 'number';
}

const REGION_PARTS = ['province', 'city', 'county', 'township'] as const;

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
    for (const criterion of result.criteria) {
      let count = this.criteria.get(criterion.id);
      if (!count) {
        count = { id: criterion.id, no: criterion.no, title: criterion.title, matched: 0, near: 0, insufficient: 0 };
        this.criteria.set(criterion.id, count);
      }
      if (criterion.outcome === 'matched') count.matched++;
      else if (criterion.outcome === 'insufficient-data') count.insufficient++;
      else if (criterion.near) count.near++;
    }
    this.addRegion('county', 3, result);
    this.addRegion('township', 4, result);
  }

  private addRegion(level: 'county' | 'township', depth: number, result: ScreeningResult): void {
    const region = result.region ?? {};
    const parts = REGION_PARTS.slice(0, depth).map((part) => region[part]);
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
    group.total++;
    group.byVerdict[result.verdict]++;
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
    };
  }
}

/**
 * Counts a batch for a report: by verdict, by criterion (matched, near, insufficient) and
 * by region level (county, township). Takes results, or `screenMany`'s entries (an entry
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
 * // { province: '河南省', city: '周口市', county: '扶沟县', township: '城关镇', total: 12,
 * //   byVerdict: { 'weak-lax': 1, 'at-risk': 2, sound: 9, undetermined: 0 } }
 * ```
 */
export function summarize(results: Iterable<ScreeningResult | BatchEntry>): ScreeningSummary;
export function summarize(results: AsyncIterable<ScreeningResult | BatchEntry>): Promise<ScreeningSummary>;
export function summarize(
  results: Iterable<ScreeningResult | BatchEntry> | AsyncIterable<ScreeningResult | BatchEntry>,
): ScreeningSummary | Promise<ScreeningSummary> {
  const builder = new SummaryBuilder();
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

// ---------------------------------------------------------------------------------------
// Selecting the rectification list

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

