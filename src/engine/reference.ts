/**
 * The reference evaluator: runs the rule files through json-rules-engine itself, with the
 * operators of {@link OPERATORS}, and reads each leaf's operands and answer back from the
 * engine's result tree.
 *
 * A fresh Engine serves each screening. One Engine shared by overlapping `run()` calls can
 * drop matches (json-rules-engine issue #303: `run()` sets the engine-wide status to
 * FINISHED while another run still has priority sets to evaluate, and those are skipped).
 *
 * @module
 */
import { Engine, type RuleProperties, type RuleResult } from 'json-rules-engine';
import { factReader, type FactValue } from '../facts.js';
import type { Assessment } from '../schema/assessment.js';
import { ownPath } from '../internals/path.js';
import type { EffectiveThresholds, Ruleset } from '../ruleset.js';
import { OPERATORS, type CondNode } from './conditions.js';
import { leafLayout } from './layout.js';
import { leafResults, leafTri, type LeafResults } from './leaf.js';

/** Resolves only plain property paths (`$.a.b`): rule files never get JSONPath filters or scripts. */
function plainPathResolver(value: unknown, path: string): unknown {
  return ownPath(value, path.slice(2));
}

interface ConditionResultNode {
  all?: ConditionResultNode[];
  any?: ConditionResultNode[];
  not?: ConditionResultNode;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

function collectLeaves(node: CondNode, result: ConditionResultNode, out: LeafResults, offset: number): void {
  if (node.kind === 'leaf') {
    const i = offset + node.leaf.index;
    out.actual[i] = result.factResult as FactValue;
    out.expected[i] = result.valueResult as FactValue;
    out.met[i] = leafTri(result.factResult, result.valueResult, result.result === true);
  } else if (node.kind === 'not') {
    collectLeaves(node.child, result.not!, out, offset);
  } else {
    const children = result[node.kind]!;
    node.children.forEach((child, i) => collectLeaves(child, children[i]!, out, offset));
  }
}

/** The facts json-rules-engine gets: every fact the ruleset reads, and the effective thresholds. */
function engineFacts(ruleset: Ruleset, assessment: Assessment, thresholds: EffectiveThresholds): Record<string, unknown> {
  // Rule files name facts by their dotted names only (the loader refuses `path`), so the
  // engine gets exactly those facts, no group objects to walk.
  const facts: Record<string, unknown> = {};
  for (const criterion of ruleset.criteria) {
    for (const leaf of criterion.leaves) {
      for (const name of leaf.value.kind === 'fact' ? [leaf.fact, leaf.value.fact] : [leaf.fact]) {
        if (Object.hasOwn(facts, name)) continue;
        const value = factReader(name)(assessment);
        if (value !== undefined) facts[name] = value;
      }
    }
  }
  for (const [criterionId, names] of Object.entries(thresholds.values)) {
    for (const [name, value] of Object.entries(names)) facts[`threshold.${criterionId}.${name}`] = value;
  }
  return facts;
}

/**
 * Evaluates every criterion of `ruleset` with json-rules-engine and returns the leaf results
 * of the whole ruleset.
 */
export async function evaluateReference(ruleset: Ruleset, assessment: Assessment, thresholds: EffectiveThresholds): Promise<LeafResults> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: plainPathResolver });
  for (const [name, spec] of Object.entries(OPERATORS)) engine.addOperator(name, spec.test);
  for (const criterion of ruleset.criteria) {
    engine.addRule({ ...criterion.rule, name: criterion.id } as unknown as RuleProperties);
  }
  const { results, failureResults } = await engine.run(engineFacts(ruleset, assessment, thresholds));
  const byName = new Map<string, RuleResult>();
  for (const ruleResult of [...results, ...failureResults]) byName.set(String(ruleResult.name), ruleResult);
  const layout = leafLayout(ruleset);
  const out = leafResults(layout.count);
  ruleset.criteria.forEach((criterion, c) => {
    const ruleResult = byName.get(criterion.id);
    if (!ruleResult) throw new Error(`json-rules-engine returned no result for ${criterion.id}`);
    collectLeaves(criterion.tree, ruleResult.conditions as unknown as ConditionResultNode, out, layout.offsets[c]!);
  });
  return out;
}
