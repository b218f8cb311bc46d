import type { FactValue } from '../facts.js';
import type { Tri } from './conditions.js';

/**
 * What an evaluator reports for the leaf conditions of a whole ruleset, leaf by leaf in
 * ruleset order (criterion after criterion, each in rule order): the three-valued result and
 * the two operands. Both evaluators fill it; the outcome layer explains it.
 */
export interface LeafResults {
  /** Per leaf: met, not met, or unknown (an operand is missing). A plain array, so that a result keeping it can be frozen whole. */
  met: number[];
  /** Per leaf: the fact's value; `undefined` when absent. */
  actual: FactValue[];
  /** Per leaf: the value compared against (a threshold, a literal or another fact's value); `undefined` when that fact is absent. */
  expected: Array<FactValue | readonly FactValue[]>;
}

/** Empty leaf results for `count` leaves. */
export function leafResults(count: number): LeafResults {
  return { met: new Array<number>(count).fill(0), actual: new Array<FactValue>(count), expected: new Array<FactValue>(count) };
}

/** The three-valued value of a leaf: unknown when an operand is missing, else the operator's answer. */
export function leafTri(actual: unknown, expected: unknown, result: boolean): Tri {
  return actual === undefined || expected === undefined ? 2 : result ? 1 : 0;
}
