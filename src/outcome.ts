/**
 * From leaf results to explained outcomes: three-valued outcomes, `near` flags, evidence,
 * missing inputs, score and verdict. Both evaluators feed this one module, so they cannot
 * disagree on anything but the leaf results themselves; the compact path of batches reads
 * the same outcome codes without building explanations.
 *
 * @module
 */
import { factLabel, factWords, inputAbsent, inputPathOf, type FactValue } from './facts.js';
import { MET, NOT_MET, OPERATORS, UNKNOWN, guardsOfLeaves, leavesOf, treeEvaluator, type TreeEvaluator } from './engine/conditions.js';
import { leafLayout, type LeafLayout } from './engine/layout.js';
import type { LeafResults } from './engine/leaf.js';
import type { Bilingual, EffectiveThresholds, Ruleset, Thresholds } from './ruleset.js';
import type { Assessment, Region } from './schema/assessment.js';
import type { ChecklistItem, TimelinePhase } from './plan/types.js';

/** A criterion's outcome. */
export type Outcome = 'matched' | 'not-matched' | 'insufficient-data';

/** The screening verdict for one organisation. */
export type Verdict = 'weak-lax' | 'at-risk' | 'sound' | 'undetermined';

/** A scalar as it appears in evidence (`null` where an operand is missing). */
export type EvidenceValue = number | boolean | string | null;

/** What one leaf condition compared, and whether it was met. */
export interface Evidence {
  /** Input path or derived fact, e.g. `service.satisfactionRate`, `leadership.secretaryVacantMonths`. */
  fact: string;
  /** The fact's Chinese and English label (书记空缺时长 / secretary post vacant for), from the field table. */
  label: Bilingual;
  /** json-rules-engine's operator name, e.g. `greaterThanInclusive`. */
  operator: string;
  /** The resolved value compared against (for a comparison with another field, that field's value); `null` when missing. A list for `in`/`notIn`. */
  threshold: EvidenceValue | EvidenceValue[];
  /** The effective warning line (预警线) of the threshold compared against, where it has one. */
  warningLine?: number;
  /** The fact's value; `null` when missing. */
  actual: EvidenceValue;
  /** `true` met (a problem found), `false` not met, `null` unknown (an operand is missing). */
  met: boolean | null;
  /** A month fact's value in words (3个月1天 / 3 months 1 day), when its date is given. */
  words?: Bilingual;
  /** Id of the top-level branch the condition belongs to, e.g. `C01.secretaryVacantMonths`. */
  branch: string;
}

/** One top-level branch of a criterion (a condition of the criterion's list) and whether it was met. */
export interface BranchResult {
  /** Branch id, e.g. `C01.secretaryVacantMonths` or `C04.termExpired`; plan measures name it in `addresses`. */
  id: string;
  /** `true` met (a problem found), `false` not met, `null` unknown. */
  met: boolean | null;
}

/** The explained result of one criterion. */
export interface CriterionResult {
  /** Criterion id, e.g. `C01`. */
  id: string;
  /** Position in the official list (① = 1). */
  no: number;
  /** Short title in Chinese and English. */
  title: Bilingual;
  /** `matched`, `not-matched`, or `insufficient-data` when its conditions are unknown. */
  outcome: Outcome;
  /** Not matched, but a known condition has crossed its warning line (预警线). */
  near: boolean;
  /** One entry per leaf condition, in rule order. */
  evidence: Evidence[];
  /** Every absent input path the criterion reads, whatever the outcome (not those behind a guard that is not met). */
  missing: string[];
  /** The criterion's top-level branches, in rule order, and whether each was met. */
  branches: BranchResult[];
}

/**
 * The explained screening of one organisation (JSON-serialisable, deterministic).
 *
 * `verdict`, `score` and `matched` are worked out when the result is made; `ruleset`,
 * `criteria`, and a weak-lax result's `checklist` and `timeline` are built the first time they
 * are read, so a batch that only counts or tabulates verdicts does not pay for explanations.
 * To every reader they are ordinary enumerable properties, in this order: the same value on
 * every read, copied by spread, `structuredClone` and `JSON.stringify`, readable after
 * `Object.freeze`, and plain values once assigned.
 */
export interface ScreeningResult {
  /** `org.id`, copied from the assessment. */
  orgId: string;
  /** `org.name`, copied from the assessment. */
  orgName: string;
  /** 村 (`village`) or 社区 (`community`), copied from the assessment. */
  kind: 'village' | 'community';
  /** `org.region`, copied from the assessment when given. */
  region?: Region;
  /** The assessment date. */
  assessedOn: string;
  /** The ruleset used and the effective threshold numbers. */
  ruleset: {
    /** Ruleset id, e.g. `cn-2017-ten`. */
    id: string;
    /** Ruleset version. */
    version: string;
    /** Effective thresholds after overrides: `{ [criterionId]: { [name]: number } }`. */
    thresholds: Thresholds;
  };
  /** `weak-lax` (a preliminary finding), `at-risk`, `sound` or `undetermined`. */
  verdict: Verdict;
  /** 0..100, higher = weaker. */
  score: number;
  /** Ids of matched criteria, in ruleset order. */
  matched: string[];
  /** Every criterion of the ruleset, in order. */
  criteria: CriterionResult[];
  /** Rectification checklist; `[]` unless the verdict is `weak-lax`. */
  checklist: ChecklistItem[];
  /** Rectification timeline; `[]` unless the verdict is `weak-lax`. */
  timeline: TimelinePhase[];
}

/** Per-criterion outcome codes, as the compact path and {@link explainCriteria} compute them. @internal */
export const CODE = {
  notMatched: 0,
  /** Not matched and near (预警). */
  near: 1,
  matched: 2,
  insufficient: 3,
} as const;

/** One {@link CODE} per criterion, in ruleset order. @internal */
export type OutcomeCodes = Uint8Array | number[];

/** Outcome words by {@link CODE}. @internal */
export const OUTCOME_OF_CODE: readonly Outcome[] = ['not-matched', 'not-matched', 'matched', 'insufficient-data'];

/** A ruleset and its effective thresholds, laid out leaf by leaf for explaining. @internal */
export interface OutcomePlan {
  readonly ruleset: Ruleset;
  readonly layout: LeafLayout;
  /** Effective warning line per leaf (after clamping), `undefined` where none. */
  readonly warningLines: ReadonlyArray<number | undefined>;
  /** Each criterion's condition tree, ready to evaluate. */
  readonly trees: readonly TreeEvaluator[];
  /** Per criterion, its branches' trees, ready to evaluate. */
  readonly branchTrees: ReadonlyArray<readonly TreeEvaluator[]>;
  /** Per criterion and leaf, the guards in front of the leaf (see `guardsOfLeaves`). */
  readonly guards: ReadonlyArray<readonly (readonly number[])[]>;
  /** Per criterion and leaf, the id of the branch the leaf belongs to. */
  readonly leafBranch: ReadonlyArray<readonly string[]>;
  /** Per criterion, the leaves that have a warning line, each with its line and its operator's test. */
  readonly nearCandidates: ReadonlyArray<readonly NearCandidate[]>;
}

/** A leaf with a warning line: its index in the criterion, the line, and the test of its operator. @internal */
export interface NearCandidate {
  readonly index: number;
  readonly line: number;
  readonly test: (actual: unknown, expected: unknown) => boolean;
}

/** Lays out a ruleset's warning lines leaf by leaf. @internal */
export function outcomePlan(ruleset: Ruleset, thresholds: EffectiveThresholds): OutcomePlan {
  const warningLines: Array<number | undefined> = [];
  const nearCandidates = ruleset.criteria.map((criterion) => {
    const candidates: NearCandidate[] = [];
    criterion.leaves.forEach((leaf, index) => {
      const line = leaf.value.kind === 'threshold' ? thresholds.warningLines[criterion.id]?.[leaf.value.name] : undefined;
      warningLines.push(line);
      if (line !== undefined) candidates.push({ index, line, test: OPERATORS[leaf.operator].test });
    });
    return candidates;
  });
  return {
    nearCandidates,
    ruleset,
    layout: leafLayout(ruleset),
    warningLines,
    trees: ruleset.criteria.map((c) => treeEvaluator(c.tree)),
    branchTrees: ruleset.criteria.map((c) => c.branches.map((b) => treeEvaluator(b.node))),
    guards: ruleset.criteria.map((c) => guardsOfLeaves(c.tree, c.leaves.length)),
    leafBranch: ruleset.criteria.map((c) => {
      const ids: string[] = [];
      for (const branch of c.branches) for (const leaf of leavesOf(branch.node)) ids[leaf.index] = branch.id;
      return ids;
    }),
  };
}

/**
 * The outcome code of criterion `c`. `near` follows the contract: a not-matched criterion
 * with a known condition past its warning line but not its threshold, counted only when that
 * condition alone stands between the criterion and a match (met, it would make the whole tree
 * met: inside an `all`, every sibling is met), so a community is never near on a village-only
 * criterion.
 */
function codeOf(plan: OutcomePlan, c: number, leaves: LeafResults): number {
  const offset = plan.layout.offsets[c]!;
  const tree = plan.trees[c]!;
  const { met, actual } = leaves;
  const overall = tree(met, offset, -1);
  if (overall === MET) return CODE.matched;
  if (overall === UNKNOWN) return CODE.insufficient;
  const candidates = plan.nearCandidates[c]!;
  for (let k = 0; k < candidates.length; k++) {
    const { index, line, test } = candidates[k]!;
    if (met[offset + index] === NOT_MET && test(actual[offset + index], line) && tree(met, offset, index) === MET) return CODE.near;
  }
  return CODE.notMatched;
}

/** Writes one {@link CODE} per criterion (ruleset order) into `codes`. @internal */
export function criterionCodes(plan: OutcomePlan, leaves: LeafResults, codes: OutcomeCodes): void {
  for (let c = 0; c < plan.ruleset.criteria.length; c++) codes[c] = codeOf(plan, c, leaves);
}

/** `min(100, Σ weight × s)` over the criteria, s = 1 matched, 0.5 near, 0 otherwise. @internal */
export function scoreOf(ruleset: Ruleset, codes: ArrayLike<number>): number {
  let score = 0;
  const criteria = ruleset.criteria;
  for (let c = 0; c < criteria.length; c++) {
    if (codes[c] === CODE.matched) score += criteria[c]!.weight;
    else if (codes[c] === CODE.near) score += criteria[c]!.weight * 0.5;
  }
  return Math.min(100, score);
}

/** The verdict: weak-lax, else undetermined, else at-risk (score ≥ atRiskScore), else sound. @internal */
export function verdictOf(codes: ArrayLike<number>, count: number, score: number, atRiskScore: number): Verdict {
  let insufficient = false;
  for (let i = 0; i < count; i++) {
    if (codes[i] === CODE.matched) return 'weak-lax';
    if (codes[i] === CODE.insufficient) insufficient = true;
  }
  if (insufficient) return 'undetermined';
  return score >= atRiskScore ? 'at-risk' : 'sound';
}

function evidenceValue(value: FactValue | readonly FactValue[]): EvidenceValue | EvidenceValue[] {
  if (Array.isArray(value)) return value.map((v: FactValue) => (v === undefined ? null : v));
  return value === undefined ? null : (value as EvidenceValue);
}

const tri = (value: number): boolean | null => (value === UNKNOWN ? null : value === MET);

/** What explaining one leaf needs, worked out once per ruleset. */
interface LeafInfo {
  fact: string;
  label: Bilingual;
  operator: string;
  /** The input path `missing` names when the fact is unknown. */
  input: string;
  /** The input path of a compared fact (`value: { fact }`), if any. */
  operandInput: string | undefined;
  /** A derived fact: its value has words. */
  derived: boolean;
  guards: readonly number[];
  branch: string;
}

const leafInfos = new WeakMap<OutcomePlan, LeafInfo[][]>();

function leafInfoOf(plan: OutcomePlan): LeafInfo[][] {
  let infos = leafInfos.get(plan);
  if (!infos) {
    infos = plan.ruleset.criteria.map((criterion, c) =>
      criterion.leaves.map((leaf, i) => ({
        fact: leaf.fact,
        label: factLabel(leaf.fact),
        operator: leaf.operator,
        input: inputPathOf(leaf.fact),
        operandInput: leaf.value.kind === 'fact' ? inputPathOf(leaf.value.fact) : undefined,
        derived: inputPathOf(leaf.fact) !== leaf.fact,
        guards: plan.guards[c]![i]!,
        branch: plan.leafBranch[c]![i]!,
      })),
    );
    leafInfos.set(plan, infos);
  }
  return infos;
}

/**
 * Explains every criterion from the leaf results: outcome, `near`, evidence (with labels and
 * month facts in words), missing inputs and branches. `codes` receives the outcome codes (as
 * {@link criterionCodes}). @internal
 */
export function explainCriteria(plan: OutcomePlan, leaves: LeafResults, codes: OutcomeCodes, assessment: Assessment): CriterionResult[] {
  const infos = leafInfoOf(plan);
  const { met, actual: actuals, expected: expecteds } = leaves;
  return plan.ruleset.criteria.map((criterion, c) => {
    const offset = plan.layout.offsets[c]!;
    const code = codeOf(plan, c, leaves);
    codes[c] = code;
    const evidence: Evidence[] = [];
    const missing: string[] = [];
    const addMissing = (path: string) => {
      // A derived fact can be unknown while its input is present (a null date that means
      // "none on record"): `missing` names absent inputs only.
      if (!missing.includes(path) && inputAbsent(assessment, path)) missing.push(path);
    };
    const info = infos[c]!;
    for (let i = 0; i < info.length; i++) {
      const leaf = info[i]!;
      const actual = actuals[offset + i];
      const expected = expecteds[offset + i];
      // Behind a guard that is not met (a village-only condition, for a community), nothing is missing.
      let guarded = false;
      for (const g of leaf.guards) if (met[offset + g] === NOT_MET) guarded = true;
      if (!guarded) {
        if (actual === undefined) addMissing(leaf.input);
        if (leaf.operandInput !== undefined && expected === undefined) addMissing(leaf.operandInput);
      }
      // Key order is part of the output: fact, label, operator, threshold, warningLine?, actual, met, words?, branch.
      const entry: Evidence = {
        fact: leaf.fact,
        label: { zh: leaf.label.zh, en: leaf.label.en },
        operator: leaf.operator,
        threshold: evidenceValue(expected!),
      } as Evidence;
      const warningLine = plan.warningLines[offset + i];
      if (warningLine !== undefined) entry.warningLine = warningLine;
      entry.actual = evidenceValue(actual) as EvidenceValue;
      entry.met = tri(met[offset + i]!);
      if (leaf.derived && actual !== undefined) {
        const words = factWords(leaf.fact, assessment);
        if (words !== undefined) entry.words = words;
      }
      entry.branch = leaf.branch;
      evidence.push(entry);
    }
    return {
      id: criterion.id,
      no: criterion.no,
      title: { zh: criterion.title.zh, en: criterion.title.en },
      outcome: OUTCOME_OF_CODE[code]!,
      near: code === CODE.near,
      evidence,
      missing,
      branches: branchesOf(plan, leaves, c),
    };
  });
}

/** Criterion `c`'s top-level branches, in rule order, and whether each was met. @internal */
export function branchesOf(plan: OutcomePlan, leaves: LeafResults, c: number): BranchResult[] {
  const trees = plan.branchTrees[c]!;
  const offset = plan.layout.offsets[c]!;
  return plan.ruleset.criteria[c]!.branches.map((branch, b) => ({ id: branch.id, met: tri(trees[b]!(leaves.met, offset, -1)) }));
}
