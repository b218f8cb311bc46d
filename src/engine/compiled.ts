/**
 * The compiled evaluator: the same leaves as the reference path, prepared once per (ruleset,
 * effective thresholds) into a flat list of slots and comparison values, so that a batch pays
 * for json-rules-engine's generality (an Engine, an almanac, promises per condition) only once.
 *
 * Facts travel as a {@link FactVector}: one array slot per fact the ruleset reads, filled from
 * a validated assessment by the readers of `facts.ts`. `evaluate` writes the three-valued
 * result and both operands of every leaf with the operators of {@link OPERATORS}; combining
 * leaves into outcomes, `near`, score and verdict is the outcome layer's job, as it is for the
 * reference path.
 *
 * @module
 */
import { prototypeClean, vectorReader, type FactValue } from '../facts.js';
import type { Assessment } from '../schema/assessment.js';
import type { EffectiveThresholds, Ruleset } from '../ruleset.js';
import { MET, NOT_MET, OPERATORS, UNKNOWN } from './conditions.js';
import { leafLayout } from './layout.js';
import type { LeafResults } from './leaf.js';

/** Fact values in slot order ({@link CompiledRuleset.factNames}); `undefined` = unknown. */
export type FactVector = FactValue[];

/** A ruleset compiled against one set of effective thresholds. */
export interface CompiledRuleset {
  readonly ruleset: Ruleset;
  /** Dotted fact name of each slot of a {@link FactVector}. */
  readonly factNames: readonly string[];
  /** Reads the facts the ruleset needs from a validated assessment (derived facts included). */
  extract(assessment: Assessment): FactVector;
  /** Evaluates every leaf of the ruleset on `facts`, writing into `out`. */
  evaluate(facts: FactVector, out: LeafResults): void;
}

/** One leaf, ready to run: the slot of its fact, and its comparison value or the slot holding it. */
interface LeafPlan {
  slot: number;
  /** Slot of a compared fact, or -1 for a constant. */
  operandSlot: number;
  constant: FactValue | readonly FactValue[];
  test: (actual: unknown, expected: unknown) => boolean;
}

function compile(ruleset: Ruleset, thresholds: EffectiveThresholds): CompiledRuleset {
  const factNames: string[] = [];
  const slotOf = (fact: string): number => {
    let slot = factNames.indexOf(fact);
    if (slot < 0) slot = factNames.push(fact) - 1;
    return slot;
  };
  const leaves: LeafPlan[] = [];
  for (const criterion of ruleset.criteria) {
    for (const spec of criterion.leaves) {
      const value = spec.value;
      leaves.push({
        slot: slotOf(spec.fact),
        operandSlot: value.kind === 'fact' ? slotOf(value.fact) : -1,
        constant: value.kind === 'literal' ? value.value : value.kind === 'threshold' ? thresholds.values[criterion.id]?.[value.name] : undefined,
        test: OPERATORS[spec.operator].test,
      });
    }
  }
  if (leaves.length !== leafLayout(ruleset).count) throw new Error('compiled.ts: leaf count differs from the layout');
  return {
    ruleset,
    factNames,
    extract: vectorReader(factNames),
    evaluate(facts, out) {
      const { met, actual, expected } = out;
      for (let i = 0; i < leaves.length; i++) {
        const leaf = leaves[i]!;
        const x = facts[leaf.slot];
        const r = leaf.operandSlot < 0 ? leaf.constant : facts[leaf.operandSlot];
        actual[i] = x;
        expected[i] = r;
        met[i] = x === undefined || r === undefined ? UNKNOWN : leaf.test(x, r) ? MET : NOT_MET;
      }
    },
  };
}

const cache = new WeakMap<Ruleset, Map<string, CompiledRuleset>>();

/** Compiles `ruleset` against effective thresholds; cached per ruleset and thresholds. */
export function compileRuleset(ruleset: Ruleset, thresholds: EffectiveThresholds): CompiledRuleset {
  // Compiled apart while Object.prototype has a name facts are read under: then facts are read
  // by the interpreted reader (see prototypeClean).
  const key = JSON.stringify(thresholds.values) + (prototypeClean() ? '' : ' own properties');
  let byKey = cache.get(ruleset);
  if (!byKey) cache.set(ruleset, (byKey = new Map()));
  let compiled = byKey.get(key);
  if (!compiled) byKey.set(key, (compiled = compile(ruleset, thresholds)));
  return compiled;
}
