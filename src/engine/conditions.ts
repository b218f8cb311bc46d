/**
 * The condition tree both evaluators share, the one table of operators and the one
 * three-valued combinator. json-rules-engine runs the operators of {@link OPERATORS} (they
 * replace its built-in ones of the same names), the compiled evaluator calls the same
 * functions, and the outcome layer combines leaf values with {@link evaluateTree} for both.
 *
 * @module
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

/** A node of a normalised condition tree; `name` is the rule file's condition name, if any. */
export type CondNode =
  | { kind: 'all' | 'any'; children: CondNode[]; name?: string }
  | { kind: 'not'; child: CondNode; name?: string }
  | { kind: 'leaf'; leaf: LeafSpec; name?: string };

/** A top-level branch of a criterion: its id (`C01.secretaryVacantMonths`) and its tree. */
export interface BranchSpec {
  readonly id: string;
  readonly node: CondNode;
}

/**
 * A guard: a leaf on the organisation itself (`org.kind is village`) rather than on an
 * indicator. It is never a branch of its own, and what lies behind a guard that is not met
 * is not missing data.
 */
export function isGuard(leaf: LeafSpec): boolean {
  return leaf.fact.startsWith('org.');
}

/**
 * The top-level branches of a criterion's tree, with their ids: the children of a root `any`,
 * else the root itself. A branch is named by its `name` in the rule file; else a leaf by its
 * threshold's name, or by the last segment of its fact; else by its position (1, 2, …).
 */
export function branchesOf(criterionId: string, tree: CondNode): BranchSpec[] {
  const nodes = tree.kind === 'any' ? tree.children : [tree];
  return nodes.map((node, i) => {
    let name = node.name;
    if (name === undefined && node.kind === 'leaf') {
      const { leaf } = node;
      name = leaf.value.kind === 'threshold' ? leaf.value.name : leaf.fact.slice(leaf.fact.lastIndexOf('.') + 1);
    }
    return { id: `${criterionId}.${name ?? String(i + 1)}`, node };
  });
}

/**
 * For each leaf of a tree (by index), the guards among the siblings of its enclosing `all`
 * nodes: when one of them is not met, the leaf's missing inputs do not count.
 */
export function guardsOfLeaves(tree: CondNode, count: number): number[][] {
  const out: number[][] = Array.from({ length: count }, () => []);
  const visit = (node: CondNode, guards: readonly number[]) => {
    if (node.kind === 'leaf') {
      out[node.leaf.index]!.push(...guards.filter((g) => g !== node.leaf.index));
    } else if (node.kind === 'not') {
      visit(node.child, guards);
    } else {
      const own = node.kind === 'all' ? node.children.flatMap((c) => (c.kind === 'leaf' && isGuard(c.leaf) ? [c.leaf.index] : [])) : [];
      for (const child of node.children) visit(child, [...guards, ...own]);
    }
  };
  visit(tree, []);
  return out;
}


/** One operator: its test, and for the ordering operators the direction in which a value is worse. */
export interface OperatorSpec {
  /** True when `actual` (the fact) stands in this relation to `expected`. */
  readonly test: (actual: unknown, expected: unknown) => boolean;
  /** `up` for "at least"/"more than" (higher is worse), `down` for "under"; absent for the others. */
  readonly direction?: 'up' | 'down';
  /** The operator takes a list (`in`, `notIn`). */
  readonly list?: boolean;
}

/** json-rules-engine's numeric check: the fact must parse as a number. */
function isNumeric(value: unknown): boolean {
  return typeof value === 'number' ? value === value : Number.parseFloat(value as string).toString() !== 'NaN';
}

/**
 * The operators rule files may use, with json-rules-engine's own semantics (numeric operators
 * first check that the fact parses as a number). The one home of what each operator means.
 */
export const OPERATORS: Readonly<Record<Operator, OperatorSpec>> = {
  equal: { test: (a, b) => a === b },
  notEqual: { test: (a, b) => a !== b },
  in: { test: (a, b) => (b as unknown[]).indexOf(a) > -1, list: true },
  notIn: { test: (a, b) => (b as unknown[]).indexOf(a) === -1, list: true },
  lessThan: { test: (a, b) => isNumeric(a) && (a as number) < (b as number), direction: 'down' },
  lessThanInclusive: { test: (a, b) => isNumeric(a) && (a as number) <= (b as number), direction: 'down' },
  greaterThan: { test: (a, b) => isNumeric(a) && (a as number) > (b as number), direction: 'up' },
  greaterThanInclusive: { test: (a, b) => isNumeric(a) && (a as number) >= (b as number), direction: 'up' },
};

/** A three-valued truth value: met, not met, or unknown (an operand is missing). */
export type Tri = 0 | 1 | 2;
/** The condition holds. */
export const MET = 1;
/** The condition does not hold. */
export const NOT_MET = 0;
/** An operand is missing: the condition is neither met nor not met. */
export const UNKNOWN = 2;

/** A condition tree made ready to evaluate: see {@link evaluateTree}. */
export type TreeEvaluator = (met: ArrayLike<number>, offset: number, forced: number) => Tri;

const evaluators = new WeakMap<CondNode, TreeEvaluator>();

/**
 * The one three-valued combinator: `any` is met when one branch is met, not met when all are
 * not met, otherwise unknown; `all` is not met when one branch is not met, met when all are
 * met, otherwise unknown; `not` of unknown is unknown. Made once per tree into nested
 * closures (an `any` or `all` is a loop over its children, reading a leaf child by its
 * index). Leaf values are read from `met` at `offset + leaf.index`; the leaf numbered `forced`
 * is read as met instead (-1: none).
 */
export function treeEvaluator(node: CondNode): TreeEvaluator {
  let evaluator = evaluators.get(node);
  if (evaluator) return evaluator;
  if (node.kind === 'leaf') {
    const index = node.leaf.index;
    evaluator = (met, offset, forced) => (index === forced ? MET : (met[offset + index] as Tri));
  } else if (node.kind === 'not') {
    const child = treeEvaluator(node.child);
    evaluator = (met, offset, forced) => {
      const value = child(met, offset, forced);
      return value === UNKNOWN ? UNKNOWN : value === MET ? NOT_MET : MET;
    };
  } else {
    // `any` stops at the first met branch, `all` at the first not-met one. A leaf child is read
    // where it stands (its index, -1 for a nested node), without a call.
    const decisive: Tri = node.kind === 'any' ? MET : NOT_MET;
    const otherwise: Tri = node.kind === 'any' ? NOT_MET : MET;
    const indices = node.children.map((child) => (child.kind === 'leaf' ? child.leaf.index : -1));
    const nested = node.children.map((child) => (child.kind === 'leaf' ? undefined : treeEvaluator(child)));
    evaluator = (met, offset, forced) => {
      let result: Tri = otherwise;
      for (let i = 0; i < indices.length; i++) {
        const index = indices[i]!;
        const value = index < 0 ? nested[i]!(met, offset, forced) : index === forced ? MET : (met[offset + index] as Tri);
        if (value === decisive) return decisive;
        if (value === UNKNOWN) result = UNKNOWN;
      }
      return result;
    };
  }
  evaluators.set(node, evaluator);
  return evaluator;
}

/** The three-valued value of a tree (see {@link treeEvaluator}). */
export function evaluateTree(node: CondNode, met: ArrayLike<number>, offset: number, forced = -1): Tri {
  return treeEvaluator(node)(met, offset, forced);
}

/** Collects the leaves of a tree in rule order. */
export function leavesOf(node: CondNode, out: LeafSpec[] = []): LeafSpec[] {
  if (node.kind === 'leaf') out.push(node.leaf);
  else if (node.kind === 'not') leavesOf(node.child, out);
  else for (const child of node.children) leavesOf(child, out);
  return out;
}
