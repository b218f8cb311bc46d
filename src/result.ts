/**
 * The result object of one screening, put together from either evaluator's leaf results.
 *
 * Verdict, score and the matched criteria are worked out at once. The rest is built the first
 * time it is read: `ruleset` (with its copy of the effective thresholds), the explanation
 * (`criteria`: outcomes, evidence, missing inputs, branches) and a weak-lax result's plan
 * (`checklist`, `timeline`). To every reader (JSON.stringify, spread, structuredClone, deep
 * equality, Object.keys) these are ordinary enumerable properties in their place among the
 * keys, with the same value on every read; set, they become plain writable values. A batch
 * written as CSV, counted for a summary or filtered by verdict never pays for explanations it
 * does not read; one that reads them pays what it always did.
 *
 * What they are built from stays with the result in a hidden property (a non-enumerable
 * symbol, which no copy, JSON or deep equality sees): the checked assessment (already a copy,
 * never the caller's object), the options, and the leaf results (kept from the reference path;
 * the compiled path evaluates again when asked, which costs less than keeping a copy of every
 * record's leaves).
 *
 * @module
 */
import type { Assessment, Region } from './schema/assessment.js';
import type { EffectiveThresholds, Ruleset, Thresholds } from './ruleset.js';
import { leafResults, type LeafResults } from './engine/leaf.js';
import type { CompiledRuleset } from './engine/compiled.js';
import { CODE, branchesOf, criterionCodes, explainCriteria, scoreOf, verdictOf, type CriterionResult, type OutcomePlan, type ScreeningResult, type Verdict } from './outcome.js';
import type { ChecklistItem, PlanTemplate, TimelinePhase } from './plan/types.js';
import { loadedPlanner } from './plan/load.js';
import { addDays } from './internals/dates.js';

/** What a result is put together from besides the assessment and leaf results: options checked once per batch. @internal */
export interface ResultOptions {
  readonly ruleset: Ruleset;
  readonly thresholds: EffectiveThresholds;
  /** The ruleset laid out leaf by leaf for the outcome layer. */
  readonly outcomes: OutcomePlan;
  readonly atRiskScore: number;
  readonly plan: { readonly start?: string; readonly template: PlanTemplate };
}

type PlanParts = { checklist: ChecklistItem[]; timeline: TimelinePhase[] };

/** What a result keeps to itself, and what it has built so far. */
interface State {
  readonly assessment: Assessment;
  readonly options: ResultOptions;
  /** The evaluator's leaf results, when they were handed over… */
  readonly leaves: LeafResults | undefined;
  /** …or the compiled ruleset that gives them again. */
  readonly compiled: CompiledRuleset | undefined;
  /** One outcome code per criterion (see `CODE`). */
  readonly codes: number[];
  readonly score: number;
  readonly verdict: Verdict;
  ruleset: ScreeningResult['ruleset'] | undefined;
  criteria: CriterionResult[] | undefined;
  plan: PlanParts | undefined;
}

/**
 * The hidden own property holding a result's state: keyed by a symbol and not enumerable, so
 * no copy, JSON or deep equality sees it, yet read through a Proxy (a reactive store wrapping
 * the result), by an object made with `Object.create(result)` and by a copy of its property
 * descriptors, as the accessors need.
 */
const STATE = Symbol('weak-lax-screener.result');

type Holder = { [STATE]?: State };

/**
 * What was built for a result whose state the caller froze (a deep freeze through every own
 * key reaches it): kept here, so that a second read still gives the same value.
 */
const builtWhenFrozen = new WeakMap<State, { criteria?: CriterionResult[]; ruleset?: ScreeningResult['ruleset']; plan?: PlanParts }>();

function stateOf(result: object): State {
  const state = (result as Holder)[STATE];
  if (typeof state !== 'object' || state === null) throw new TypeError('not a screening result of this library');
  return state;
}

/** The part `key` of a result, built once. */
function built<K extends 'criteria' | 'ruleset' | 'plan'>(state: State, key: K, build: (state: State) => NonNullable<State[K]>): NonNullable<State[K]> {
  const known = state[key] ?? (builtWhenFrozen.get(state)?.[key] as State[K] | undefined);
  if (known !== undefined) return known as NonNullable<State[K]>;
  const value = build(state);
  if (!Reflect.set(state, key, value)) builtWhenFrozen.set(state, { ...builtWhenFrozen.get(state), [key]: value });
  return value;
}

/** The loaded planner; `screen` and `screenMany` load it before they hand out a weak-lax result. */
function planner() {
  const loaded = loadedPlanner();
  if (!loaded) throw new Error('the plan module is not loaded: await loadPlanner() before handing out a weak-lax result');
  return loaded;
}

/** The leaf results: kept from the reference path, or the compiled path's again. */
function leavesOf(state: State): LeafResults {
  if (state.leaves) return state.leaves;
  const leaves = leafResults(state.options.outcomes.layout.count);
  state.compiled!.evaluate(state.compiled!.extract(state.assessment), leaves);
  return leaves;
}

/** A fresh explanation of every criterion. */
function explain(state: State): CriterionResult[] {
  return explainCriteria(state.options.outcomes, leavesOf(state), new Array<number>(state.codes.length), state.assessment);
}

// Two levels of plain numbers: a spread copy is a deep copy, and much cheaper than
// structuredClone.
function cloneThresholds(values: Thresholds): Thresholds {
  const out: Thresholds = {};
  for (const id of Object.keys(values)) out[id] = { ...values[id] };
  return out;
}

function rulesetPart(state: State): ScreeningResult['ruleset'] {
  const { ruleset, thresholds } = state.options;
  return { id: ruleset.id, version: ruleset.version, thresholds: cloneThresholds(thresholds.values) };
}

function planOf(state: State): PlanParts {
  return built(state, 'plan', makePlan);
}

function makePlan(state: State): PlanParts {
  const { assessment, options } = state;
  // The plan reads the result as it was put together, from parts of its own, so that what a
  // caller changes in the result before reading the plan does not change the plan. Of the
  // criteria it reads only the matched ones' titles and branches, not their evidence.
  const leaves = leavesOf(state);
  const criteria = [];
  for (let c = 0; c < state.codes.length; c++) {
    if (state.codes[c] !== CODE.matched) continue;
    const { id, title } = options.ruleset.criteria[c]!;
    criteria.push({ id, title: { zh: title.zh, en: title.en }, branches: branchesOf(options.outcomes, leaves, c) });
  }
  const snapshot = { ...head(state), matched: matchedOf(state), criteria };
  // Contract: the intensive template from the day after assessedOn unless options.plan says otherwise.
  const { checklist, timeline } = planner()(snapshot, options.plan.start ?? addDays(assessment.assessedOn, 1), options.plan.template);
  return { checklist, timeline };
}

type LazyKey = 'ruleset' | 'criteria' | 'checklist' | 'timeline';

/**
 * The accessor of one lazy key, made once and shared by every result: accessors made per
 * result (closures) give each result a hidden class of its own, which keeps results alive until
 * the next full garbage collection and made a batch several times slower. Added to the object
 * in key order (not put in place of a placeholder, which turns the object into a slow
 * dictionary). Assigned, the key becomes a plain value; on a frozen result the assignment is
 * ignored, as on a frozen data property in sloppy mode.
 */
function lazyPart(key: LazyKey, read: (state: State) => unknown): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: object) {
      return read(stateOf(this));
    },
    set(this: object, value: unknown) {
      Reflect.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
    },
  };
}

const LAZY_RULESET = lazyPart('ruleset', (state) => built(state, 'ruleset', rulesetPart));
const LAZY_CRITERIA = lazyPart('criteria', (state) => built(state, 'criteria', explain));
const LAZY_CHECKLIST = lazyPart('checklist', (state) => planOf(state).checklist);
const LAZY_TIMELINE = lazyPart('timeline', (state) => planOf(state).timeline);

/**
 * The descriptor of a result's hidden state, one object for every result: its `value` is set
 * just before each definition and cleared after. A descriptor made per result (an object
 * literal with symbol keys, as `defineProperties` takes) cost more than the rest of the
 * result together (bench/RESULTS.md).
 */
const STATE_DESCRIPTOR: PropertyDescriptor = { value: undefined, writable: false, enumerable: false, configurable: false };

/**
 * Node's `util.inspect` (`console.log`, the REPL) shows an accessor as `[Getter/Setter]`; a
 * result shows itself as the plain data it is instead. Not enumerable, so no copy or deep
 * equality sees it; `Symbol.for` keeps this module free of Node built-ins.
 */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const INSPECT_HOOK: PropertyDescriptor = {
  enumerable: false,
  configurable: true,
  writable: true,
  value(this: object) {
    return { ...this };
  },
};

/**
 * A copy of the region. Both ways of checking an assessment (zod and the fast acceptors) give
 * its objects the field table's key order, whatever order the input gave them in, so the copy
 * has that order too. @internal
 */
export function regionOf(region: Region): Region {
  return { ...region };
}

/** The result's keys before `ruleset`, each a fresh copy. */
function head(state: State): Pick<ScreeningResult, 'orgId' | 'orgName' | 'kind' | 'region' | 'assessedOn'> {
  const { org } = state.assessment;
  return org.region
    ? { orgId: org.id, orgName: org.name, kind: org.kind, region: regionOf(org.region), assessedOn: state.assessment.assessedOn }
    : { orgId: org.id, orgName: org.name, kind: org.kind, assessedOn: state.assessment.assessedOn };
}

/** The ids of the matched criteria, in ruleset order. */
function matchedOf(state: State): string[] {
  const ids: string[] = [];
  const { codes } = state;
  for (let c = 0; c < codes.length; c++) if (codes[c] === CODE.matched) ids.push(state.options.ruleset.criteria[c]!.id);
  return ids;
}

/**
 * Puts a result together from either evaluator's leaf results: both end here.
 *
 * - `leaves` of the reference path are handed over: the result keeps them to explain itself.
 * - The compiled path passes its scratch leaves and `compiled`: the result reads the codes
 *   now and evaluates again if its explanation is ever read, so the scratch arrays can be
 *   reused for the next record. @internal
 */
export function assembleResult(assessment: Assessment, options: ResultOptions, leaves: LeafResults, compiled?: CompiledRuleset): ScreeningResult {
  const { ruleset, outcomes } = options;
  const codes = new Array<number>(ruleset.criteria.length);
  criterionCodes(outcomes, leaves, codes);
  const score = scoreOf(ruleset, codes);
  const verdict = verdictOf(codes, codes.length, score, options.atRiskScore);
  const state: State = {
    assessment,
    options,
    leaves: compiled ? undefined : leaves,
    compiled,
    codes,
    score,
    verdict,
    ruleset: undefined,
    criteria: undefined,
    plan: undefined,
  };
  const result = head(state) as ScreeningResult;
  Object.defineProperty(result, 'ruleset', LAZY_RULESET);
  result.verdict = verdict;
  result.score = score;
  result.matched = matchedOf(state);
  // criteria, then the two hidden properties (symbols come after every key in any case).
  // One property at a time, from descriptors made once: see STATE_DESCRIPTOR.
  Object.defineProperty(result, 'criteria', LAZY_CRITERIA);
  Object.defineProperty(result, INSPECT, INSPECT_HOOK);
  STATE_DESCRIPTOR.value = state;
  Object.defineProperty(result, STATE, STATE_DESCRIPTOR);
  STATE_DESCRIPTOR.value = undefined;
  if (verdict === 'weak-lax') {
    Object.defineProperty(result, 'checklist', LAZY_CHECKLIST);
    Object.defineProperty(result, 'timeline', LAZY_TIMELINE);
  } else {
    result.checklist = [];
    result.timeline = [];
  }
  return result;
}

/**
 * The outcome codes of a result of this library whose explanation has been neither read nor
 * replaced, and its ruleset: what a summary counts, without building the explanation.
 * `undefined` for any other result (then read `criteria`). @internal
 */
export function unreadOutcomes(result: ScreeningResult): { codes: readonly number[]; ruleset: Ruleset } | undefined {
  const state = typeof result === 'object' && result !== null ? (result as Holder)[STATE] : undefined;
  if (typeof state !== 'object' || state === null || state.criteria !== undefined || builtWhenFrozen.get(state)?.criteria !== undefined) return undefined;
  if (Object.getOwnPropertyDescriptor(result, 'criteria')?.get !== LAZY_CRITERIA.get) return undefined;
  return { codes: state.codes, ruleset: state.options.ruleset };
}
