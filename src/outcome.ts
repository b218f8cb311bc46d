/**
 * From leaf results to explained outcomes: three-valued logic, evidence, missing inputs,
 * `near` flags, score and verdict. Both evaluators feed this one module, so they cannot
 * disagree on anything but the leaf results themselves.
 *
 * @module
 */
import { inputPathOf, type FactValue } from './facts.js';
import { applyOperator, type CondNode, type LeafSpec } from './engine/conditions.js';
import type { LeafResult } from './engine/leaf.js';
import type { Bilingual, Criterion, EffectiveThresholds, Ruleset } from './ruleset.js';

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

type Tri = boolean | null;

function combine(node: CondNode, met: readonly Tri[]): Tri {
  switch (node.kind) {
    case 'leaf':
      return met[node.leaf.index]!;
    case 'not': {
      const value = combine(node.child, met);
      return value === null ? null : !value;
    }
    case 'any': {
      let unknown = false;
      for (const child of node.children) {
        const value = combine(child, met);
        if (value === true) return true;
        if (value === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'all': {
      let unknown = false;
      for (const child of node.children) {
        const value = combine(child, met);
        if (value === false) return false;
        if (value === null) unknown = true;
      }
      return unknown ? null : true;
    }
  }
}

function evidenceValue(value: FactValue | FactValue[]): EvidenceValue | EvidenceValue[] {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : v));
  return value === undefined ? null : value;
}

function crossedWarningLine(leaf: LeafSpec, evidence: Evidence): boolean {
  return evidence.warningLine !== undefined && applyOperator(leaf.operator, evidence.actual, evidence.warningLine);
}

/**
 * Explains one criterion from its leaf results.
 *
 * `near` follows the contract (a not-matched criterion with a known condition past its
 * warning line but not its threshold), counting only a condition that could still make the
 * criterion match: in an `all`, a crossed warning line does not count when another branch
 * is already not met (a community is never near on the village-only C11).
 *
 * `isAbsent` tells whether an input path is absent from the assessment; without it every
 * unknown operand counts as missing.
 */
export function explainCriterion(
  criterion: Criterion,
  results: readonly LeafResult[],
  thresholds: EffectiveThresholds,
  isAbsent: (inputPath: string) => boolean = () => true,
): CriterionResult {
  const met: Tri[] = [];
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  const addMissing = (fact: string) => {
    const path = inputPathOf(fact);
    // A derived fact can be unknown while its input is present: `membership.monthsSinceCandidate`
    // has no value when `lastCandidateOn` is null (never). `missing` names absent inputs only.
    if (!missing.includes(path) && isAbsent(path)) missing.push(path);
  };
  criterion.leaves.forEach((leaf, i) => {
    const result = results[i]!;
    const factMissing = result.actual === undefined;
    const valueMissing = leaf.value.kind === 'fact' && result.expected === undefined;
    if (factMissing) addMissing(leaf.fact);
    if (valueMissing && leaf.value.kind === 'fact') addMissing(leaf.value.fact);
    const value: Tri = factMissing || valueMissing ? null : result.result;
    met.push(value);
    const warningLine = leaf.value.kind === 'threshold' ? thresholds.warningLines[criterion.id]?.[leaf.value.name] : undefined;
    evidence.push({
      fact: leaf.fact,
      operator: leaf.operator,
      threshold: evidenceValue(result.expected),
      actual: evidenceValue(result.actual) as EvidenceValue,
      met: value,
      ...(warningLine !== undefined ? { warningLine } : {}),
    });
  });
  const overall = combine(criterion.tree, met);
  const outcome: Outcome = overall === true ? 'matched' : overall === false ? 'not-matched' : 'insufficient-data';
  let near = false;
  if (outcome === 'not-matched') {
    near = criterion.leaves.some((leaf, i) => {
      if (met[i] !== false || !crossedWarningLine(leaf, evidence[i]!)) return false;
      const flipped = met.slice();
      flipped[i] = true;
      return combine(criterion.tree, flipped) !== false;
    });
  }
  return { id: criterion.id, no: criterion.no, title: criterion.title, outcome, near, evidence, missing };
}

/** `min(100, Σ weight × s)`, s = 1 matched, 0.5 near, 0 otherwise. */
export function scoreOf(ruleset: Ruleset, criteria: readonly CriterionResult[]): number {
  let score = 0;
  ruleset.criteria.forEach((criterion, i) => {
    const result = criteria[i]!;
    if (result.outcome === 'matched') score += criterion.weight;
    else if (result.near) score += criterion.weight * 0.5;
  });
  return Math.min(100, score);
}

/** The verdict: weak-lax, else undetermined, else at-risk (score ≥ atRiskScore), else sound. */
export function verdictOf(criteria: readonly CriterionResult[], score: number, atRiskScore: number): Verdict {
  if (criteria.some((c) => c.outcome === 'matched')) return 'weak-lax';
  if (criteria.some((c) => c.outcome === 'insufficient-data')) return 'undetermined';
  return score >= atRiskScore ? 'at-risk' : 'sound';
}
