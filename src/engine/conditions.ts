/**
 * The normalised condition tree both evaluators share, and json-rules-engine's operator
 * semantics restated for the compiled path and for warning lines.
 */
import type { Operator } from '../schema/ruleset.js';
import type { FactValue } from '../facts.js';

/** What a leaf compares its fact with. */
export type LeafValue =
  | { kind: 'literal'; value: FactValue | FactValue[] }
  | { kind: 'fact'; fact: string }
  | { kind: 'threshold'; name: string; fact: string };

/** A leaf condition, numbered in rule order (depth first). */
export interface LeafSpec {
  index: number;
  /** Dotted fact name (`fact` joined with a plain `path`). */
  fact: string;
  operator: Operator;
  value: LeafValue;
}

/** A node of a normalised condition tree. */
export type CondNode =
  | { kind: 'all' | 'any'; children: CondNode[] }
  | { kind: 'not'; child: CondNode }
  | { kind: 'leaf'; leaf: LeafSpec };

/** Joins a json-rules-engine `fact` and plain `path` (`$.a.b`) into one dotted name. */
export function joinFactPath(fact: string, path?: string): string {
  return path ? `${fact}${path.slice(1)}` : fact;
}

function isNumeric(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

/**
 * Evaluates `operator` exactly as json-rules-engine's default operators do
 * (numeric operators first check that the fact parses as a number).
 */
export function applyOperator(operator: Operator, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case 'equal':
      return actual === expected;
    case 'notEqual':
      return actual !== expected;
    case 'in':
      return (expected as unknown[]).indexOf(actual) > -1;
    case 'notIn':
      return (expected as unknown[]).indexOf(actual) === -1;
    case 'lessThan':
      return isNumeric(actual) && (actual as number) < (expected as number);
    case 'lessThanInclusive':
      return isNumeric(actual) && (actual as number) <= (expected as number);
    case 'greaterThan':
      return isNumeric(actual) && (actual as number) > (expected as number);
    case 'greaterThanInclusive':
      return isNumeric(actual) && (actual as number) >= (expected as number);
  }
}

/** Operators that order numbers, the only ones a named threshold may be used with. */
export const ORDERING_OPERATORS: ReadonlySet<Operator> = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

/** True for "at least"/"more than" operators, where a higher value is worse. */
export function isUpward(operator: Operator): boolean {
  return operator === 'greaterThan' || operator === 'greaterThanInclusive';
}

/** Collects the leaves of a tree in rule order. */
export function leavesOf(node: CondNode, out: LeafSpec[] = []): LeafSpec[] {
  if (node.kind === 'leaf') out.push(node.leaf);
  else if (node.kind === 'not') leavesOf(node.child, out);
  else for (const child of node.children) leavesOf(child, out);
  return out;
}
