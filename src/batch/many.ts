/**
 * Streaming batches: `screenMany` (a stream of assessments in, one entry per record out, in
 * order) and `screenManyCompact` (verdict, score and criterion ids only, for tables and CSV at
 * province scale).
 *
 * Batches use the compiled evaluator (`engine/compiled.ts`); `screen` keeps the
 * json-rules-engine reference path. Both end in the same `assembleResult`, and the
 * differential tests hold them equal field by field. The command line's worker threads call
 * the public `screenMany`/`screenManyCompact` per chunk; options are checked and the ruleset
 * compiled once per thread (compiled rulesets are cached).
 *
 * @module
 */
import type { Issue } from '../errors.js';
import { acceptAssessment } from '../schema/accept.js';
import { assembleResult, regionOf } from '../result.js';
import {
  checkAssessment,
  effectiveAssessment,
  orgIdOf,
  prepareOptions,
  recordOptionIssues,
  unreadableIssue,
  type PreparedOptions,
  type ScreenOptions,
  type ScreeningResult,
} from '../screen.js';
import { compileRuleset, type CompiledRuleset } from '../engine/compiled.js';
import { leafResults, type LeafResults } from '../engine/leaf.js';
import { loadedPlanner, loadPlanner } from '../plan/load.js';
import { CODE, criterionCodes, scoreOf, verdictOf, type Verdict } from '../outcome.js';
import type { Assessment, Region } from '../schema/assessment.js';

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
  /** Scratch leaf results and outcome codes, reused record after record (batches run synchronously per record). */
  readonly leaves: LeafResults;
  readonly codes: Uint8Array;
}

/** Validates options (throws an `OptionsError`) and compiles the ruleset against the effective thresholds. @internal */
export function prepareBatch(options?: ScreenOptions): PreparedBatch {
  const prepared = prepareOptions(options);
  const compiled = compileRuleset(prepared.ruleset, prepared.thresholds);
  return {
    prepared,
    compiled,
    leaves: leafResults(prepared.outcomes.layout.count),
    codes: new Uint8Array(prepared.ruleset.criteria.length),
  };
}

/**
 * A record's checked assessment (the fast acceptor first, zod for anything it does not
 * recognise), or its issues. Returns the assessment itself, not a wrapper: this runs for every
 * record of a province.
 */
function check(record: unknown, batch: PreparedBatch): Assessment | InvalidEntryBody {
  const { prepared } = batch;
  let accepted = acceptAssessment(record, prepared.ruleset.extraFacts);
  if (!accepted) {
    const checked = checkAssessment(record, prepared);
    if (!checked.ok) return checked.orgId === undefined ? { ok: false, issues: checked.issues } : { ok: false, orgId: checked.orgId, issues: checked.issues };
    accepted = checked.value;
  }
  const assessment = effectiveAssessment(accepted, prepared);
  // An option that cannot hold for this record (a plan start before its assessedOn) fails it alone.
  if (prepared.plan.start !== undefined) {
    const optionIssues = recordOptionIssues(assessment, prepared);
    if (optionIssues.length > 0) return { ok: false, orgId: assessment.org.id, issues: optionIssues };
  }
  return assessment;
}

/** Screens one validated assessment with the compiled path: the same result as `screen`, synchronously. @internal */
export function screenAccepted(assessment: Assessment, batch: PreparedBatch): ScreeningResult {
  const { prepared, compiled, leaves } = batch;
  compiled.evaluate(compiled.extract(assessment), leaves);
  // The result reads its codes from the scratch leaves now, and evaluates again with
  // `compiled` if its explanation is ever read.
  return assembleResult(assessment, prepared, leaves, compiled);
}

type InvalidEntryBody = { ok: false; orgId?: string; issues: Issue[] };

/**
 * One record's entry: `screenOne`'s result on the checked assessment, or the record's issues.
 * Nothing a record does escapes as an exception. @internal
 */
export function entryOf<R>(
  record: unknown,
  index: number,
  batch: PreparedBatch,
  screenOne: (assessment: Assessment, batch: PreparedBatch) => R,
): { index: number; ok: true; result: R } | InvalidEntry {
  try {
    const checked = check(record, batch);
    if ((checked as InvalidEntryBody).ok === false) return { index, ...(checked as InvalidEntryBody) };
    return { index, ok: true, result: screenOne(checked as Assessment, batch) };
  } catch (error) {
    // Not a validation failure: the record itself threw (a getter, a Proxy). It is still
    // one bad record, reported, and the batch goes on.
    const issues = [unreadableIssue('record', error, batch.prepared.locale)];
    const orgId = orgIdOf(record);
    return orgId === undefined ? { index, ok: false, issues } : { index, ok: false, orgId, issues };
  }
}

/** Screens one record into a batch entry. @internal */
export function screenEntry(record: unknown, index: number, batch: PreparedBatch): BatchEntry {
  return entryOf(record, index, batch, screenAccepted);
}

/** True for a batch entry (rather than a bare result). @internal */
export function isEntry(item: ScreeningResult | BatchEntry): item is BatchEntry {
  return typeof (item as BatchEntry).ok === 'boolean' && typeof (item as BatchEntry).index === 'number';
}

/** True for an async iterable. @internal */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && value !== undefined && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** True for a (sync) iterable. @internal */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return value !== null && value !== undefined && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}

async function* run<E>(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: ScreenOptions | undefined,
  entry: (record: unknown, index: number, batch: PreparedBatch) => E,
  prepared?: PreparedBatch,
): AsyncGenerator<E> {
  const batch = prepared ?? prepareBatch(options);
  let index = 0;
  if (isAsyncIterable(records)) {
    for await (const record of records) yield entry(record, index++, batch);
  } else if (isIterable(records) && typeof records !== 'string') {
    for (const record of records) yield entry(record, index++, batch);
  } else {
    throw new TypeError('screenMany: records must be an iterable or an async iterable of assessments');
  }
}

/** %AsyncIteratorPrototype%: what an async generator's iterator inherits (its `Symbol.asyncIterator`, and where a runtime has it, `Symbol.asyncDispose`). */
const ASYNC_ITERATOR_PROTOTYPE = [1, 2, 3].reduce<object>((object) => Object.getPrototypeOf(object) as object, (async function* () {})());

/**
 * The entries of `records`, as {@link run} gives them, without resuming an async generator for
 * every record of an array or a sync generator: each such entry is ready when `next()` is
 * called, so it comes back as an already-resolved promise, at a fraction of the cost. The
 * protocol is the generator's: options are checked on the first `next()` (before anything is
 * read of `records`), an error rejects the `next()` that met it and ends the iteration,
 * `return()` (a consumer's `break`) closes the source, and an async iterable, or anything
 * that is not iterable, goes to {@link run}.
 */
function entries<E>(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: ScreenOptions | undefined,
  entry: (record: unknown, index: number, batch: PreparedBatch) => E,
): AsyncIterator<E> {
  let batch: PreparedBatch | undefined;
  let source: Iterator<unknown> | undefined;
  let delegate: AsyncIterator<E> | undefined;
  let index = 0;
  let done = false;
  const finished = (value?: unknown): Promise<IteratorResult<E>> => Promise.resolve({ value: value as E, done: true });
  /** Closes the source, if open; its error, or a `return()` that gives no object, is thrown. */
  const close = (): void => {
    const open = !done && source !== undefined;
    done = true;
    if (!open || typeof source!.return !== 'function') return;
    const result: unknown = source!.return();
    if (typeof result !== 'object' || result === null) throw new TypeError('the source iterator\'s return() did not return an object');
  };
  const iterator = Object.create(ASYNC_ITERATOR_PROTOTYPE) as AsyncIterator<E>;
  iterator.next = () => {
    if (delegate) return delegate.next();
    if (done) return finished();
    try {
      if (!source) {
        // The same order as `run`: the options first, then what `records` is.
        batch = prepareBatch(options);
        if (isAsyncIterable(records) || !isIterable(records) || typeof records === 'string') {
          delegate = run(records, options, entry, batch);
          return delegate.next();
        }
        source = records[Symbol.iterator]();
      }
      const step = source.next();
      if (step.done) {
        done = true;
        return finished();
      }
      return Promise.resolve({ value: entry(step.value, index++, batch!), done: false });
    } catch (error) {
      done = true;
      return Promise.reject(error);
    }
  };
  iterator.return = (value?: unknown) => {
    if (delegate) return delegate.return!(value as E);
    try {
      close();
    } catch (error) {
      return Promise.reject(error);
    }
    // As an async generator's return(): a promise given is awaited.
    return Promise.resolve(value).then((settled) => ({ value: settled as E, done: true }));
  };
  iterator.throw = (error?: unknown) => {
    if (delegate) return delegate.throw!(error);
    try {
      close();
    } catch {
      // The error thrown in wins over one from closing the source, as when a for…of is left by a throw.
    }
    return Promise.reject(error);
  };
  return iterator;
}

async function* afterPlannerLoads<E>(entries: AsyncGenerator<E>): AsyncGenerator<E> {
  await loadPlanner();
  yield* entries;
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
  // In the browser build the plan module is a chunk of its own: load it before the first result.
  return { [Symbol.asyncIterator]: () => (loadedPlanner() ? entries(records, options, screenEntry) : afterPlannerLoads(run(records, options, screenEntry))) };
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

function compactRecord(assessment: Assessment, batch: PreparedBatch): CompactResult {
  const { prepared, compiled, leaves, codes } = batch;
  const criteria = prepared.ruleset.criteria;
  compiled.evaluate(compiled.extract(assessment), leaves);
  criterionCodes(prepared.outcomes, leaves, codes);
  const score = scoreOf(prepared.ruleset, codes);
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
    ...(org.region ? { region: regionOf(org.region) } : {}),
    assessedOn: assessment.assessedOn,
    verdict: verdictOf(codes, criteria.length, score, prepared.atRiskScore),
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
  return { [Symbol.asyncIterator]: () => entries(records, options, (record, index, batch) => entryOf(record, index, batch, compactRecord)) };
}

