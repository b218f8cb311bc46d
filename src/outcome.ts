/**
 * From leaf results to explained outcomes: three-valued outcomes, `near` flags, evidence,
 * missing inputs, score and verdict. Both evaluators feed this one module, so they cannot
 * disagree on anything but the leaf results themselves; the compact path of batches reads
 * the same outcome codes without building explanations.
 *
 * @module
 */
import { inputPathOf, type FactValue } from './facts.js';
import { MET, NOT_MET, OPERATORS, UNKNOWN, treeEvaluator, type TreeEvaluator } from './engine/conditions.js';
import { leafLayout, type LeafLayout } from './engine/layout.js';
import type { LeafResults } from './engine/leaf.js';
import type { Bilingual, EffectiveThresholds, Ruleset, Thresholds } from './ruleset.js';
import type { Region } from './schema/assessment.js';
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
  /** json-rules-engine's operator name, e.g. `greaterThanInclusive`. */
  operator: string;
  /** The resolved value compared against (for a comparison with another field, that field's value); `null` when missing. A list for `in`/`notIn`. */
  threshold: EvidenceValue | EvidenceValue[];
  /** The fact's value; `null` when missing. */
  actual: EvidenceValue;
  /** `true` met, `false` not met, `null` unknown (an operand is missing). */
  met: boolean | null;
  /** The effective warning line (预警线) of the threshold compared against, where it has one. */
  warningLine?: number;
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
  /** Every absent input path the criterion references, whatever the outcome. */
  missing: string[];
}

/** The explained screening of one organisation (JSON-serialisable, deterministic). */
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
}

/** Lays out a ruleset's warning lines leaf by leaf. @internal */
export function outcomePlan(ruleset: Ruleset, thresholds: EffectiveThresholds): OutcomePlan {
  const warningLines: Array<number | undefined> = [];
  for (const criterion of ruleset.criteria) {
    for (const leaf of criterion.leaves) {
      warningLines.push(leaf.value.kind === 'threshold' ? thresholds.warningLines[criterion.id]?.[leaf.value.name] : undefined);
    }
  }
  return { ruleset, layout: leafLayout(ruleset), warningLines, trees: ruleset.criteria.map((c) => treeEvaluator(c.tree)) };
}

/**
 * The outcome code of criterion `c`. `near` follows the contract: a not-matched criterion
 * with a known condition past its warning line but not its threshold, counted only when that
 * condition alone stands between the criterion and a match (met, it would make the whole tree
 * met: inside an `all`, every sibling is met), so a community is never near on a village-only
 * criterion.
 */
function codeOf(plan: OutcomePlan, c: number, leaves: LeafResults): number {
  const criterion = plan.ruleset.criteria[c]!;
  const offset = plan.layout.offsets[c]!;
  const tree = plan.trees[c]!;
  const { met, actual } = leaves;
  const overall = tree(met, offset, -1);
  if (overall === MET) return CODE.matched;
  if (overall === UNKNOWN) return CODE.insufficient;
  const specs = criterion.leaves;
  for (let i = 0; i < specs.length; i++) {
    const line = plan.warningLines[offset + i];
    if (
      line !== undefined &&
      met[offset + i] === NOT_MET &&
      OPERATORS[specs[i]!.operator].test(actual[offset + i], line) &&
      tree(met, offset, i) === MET
    ) {
      return CODE.near;
    }
  }
  return CODE.notMatched;
}

/** Writes one {@link CODE} per criterion (ruleset order) into `codes`. @internal */
export function criterionCodes(plan: OutcomePlan, leaves: LeafResults, codes: Uint8Array): void {
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

/**
 * Explains every criterion from the leaf results: outcome, `near`, evidence and missing
 * inputs. `codes` receives the outcome codes (as {@link criterionCodes}); `isAbsent` tells
 * whether an input path is absent from the assessment. @internal
 */
export function explainCriteria(
  plan: OutcomePlan,
  leaves: LeafResults,
  codes: Uint8Array,
  isAbsent: (inputPath: string) => boolean,
): CriterionResult[] {
  return plan.ruleset.criteria.map((criterion, c) => {
    const offset = plan.layout.offsets[c]!;
    const code = codeOf(plan, c, leaves);
    codes[c] = code;
    const evidence: Evidence[] = [];
    const missing: string[] = [];
    const addMissing = (fact: string) => {
      const path = inputPathOf(fact);
      // A derived fact can be unknown while its input is present (a null date that means
      // "never"): `missing` names absent inputs only.
      if (!missing.includes(path) && isAbsent(path)) missing.push(path);
    };
    criterion.leaves.forEach((leaf, i) => {
      const actual = leaves.actual[offset + i];
      const expected = leaves.expected[offset + i];
      const met = leaves.met[offset + i];
      if (actual === undefined) addMissing(leaf.fact);
      if (leaf.value.kind === 'fact' && expected === undefined) addMissing(leaf.value.fact);
      const warningLine = plan.warningLines[offset + i];
      evidence.push({
        fact: leaf.fact,
        operator: leaf.operator,
        threshold: evidenceValue(expected!),
        actual: evidenceValue(actual) as EvidenceValue,
        met: met === UNKNOWN ? null : met === MET,
        ...(warningLine !== undefined ? { warningLine } : {}),
      });
    });
    return {
      id: criterion.id,
      no: criterion.no,
      title: { zh: criterion.title.zh, en: criterion.title.en },
      outcome: OUTCOME_OF_CODE[code]!,
      near: code === CODE.near,
      evidence,
      missing,
    };
  });
}
