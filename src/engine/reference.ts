/**
 * The reference evaluator: runs the rule files through json-rules-engine itself and reads
 * each leaf's fact and value back from the engine's result tree.
 *
 * A fresh Engine serves each screening. One Engine shared by overlapping `run()` calls can
 * drop matches (json-rules-engine issue #303: `run()` sets the engine-wide status to
 * FINISHED while another run still has priority sets to evaluate, and those are skipped).
 */
import { Engine, type RuleProperties, type RuleResult } from 'json-rules-engine';
import type { Facts, FactValue } from '../facts.js';
import { ownPath } from '../internals/path.js';
import type { Criterion, EffectiveThresholds, Ruleset } from '../ruleset.js';
import type { CondNode } from './conditions.js';
import type { LeafResult } from './leaf.js';

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

function collectLeaves(node: CondNode, result: ConditionResultNode, out: LeafResult[]): void {
  if (node.kind === 'leaf') {
    out.push({
      actual: result.factResult as FactValue,
      expected: result.valueResult as LeafResult['expected'],
      result: result.result === true,
    });
  } else if (node.kind === 'not') {
    collectLeaves(node.child, result.not!, out);
  } else {
    const children = result[node.kind]!;
    node.children.forEach((child, i) => collectLeaves(child, children[i]!, out));
  }
}

function engineFacts(facts: Facts, thresholds: EffectiveThresholds): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const groups = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(facts)) {
    if (value === undefined) continue;
    out.set(name, value);
    // Group objects, so that a rule may also say { fact: "service", path: "$.satisfactionRate" }.
    const dot = name.indexOf('.');
    const group = name.slice(0, dot);
    if (!groups.has(group)) groups.set(group, {});
    groups.get(group)![name.slice(dot + 1)] = value;
  }
  for (const [group, values] of groups) out.set(group, values);
  for (const [criterionId, names] of Object.entries(thresholds.values)) {
    for (const [name, value] of Object.entries(names)) out.set(`threshold.${criterionId}.${name}`, value);
  }
  return out;
}

/**
 * Evaluates every criterion of `ruleset` with json-rules-engine and returns, per criterion
 * in ruleset order, the leaf results in rule order.
 */
export async function evaluateReference(
  ruleset: Ruleset,
  facts: Facts,
  thresholds: EffectiveThresholds,
): Promise<LeafResult[][]> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: plainPathResolver });
  for (const criterion of ruleset.criteria) {
    engine.addRule({ ...criterion.rule, name: criterion.id } as unknown as RuleProperties);
  }
  const { results, failureResults } = await engine.run(Object.fromEntries(engineFacts(facts, thresholds)));
  const byName = new Map<string, RuleResult>();
  for (const ruleResult of [...results, ...failureResults]) byName.set(String(ruleResult.name), ruleResult);
  return ruleset.criteria.map((criterion: Criterion) => {
    const ruleResult = byName.get(criterion.id);
    if (!ruleResult) throw new Error(`json-rules-engine returned no result for ${criterion.id}`);
    const out: LeafResult[] = [];
    collectLeaves(criterion.tree, ruleResult.conditions as unknown as ConditionResultNode, out);
    return out;
  });
}
