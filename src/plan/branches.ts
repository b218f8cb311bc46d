/**
 * Branch ids: the names of a criterion's top-level conditions that plan measures answer
 * (`addresses`), and the reader of the met ones from a screening result.
 *
 * @module
 */
import { rulesets } from '../rulesets.js';
/**
 * The top-level branch ids of the built-in rulesets (`cn-2019-extended`: the ten and C11,
 * C12), by criterion, in rule order, read from the loaded rule files: the list the measures
 * catalogue is checked against. @internal
 */
export const BUILT_IN_BRANCHES: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(rulesets['cn-2019-extended'].criteria.map((c) => [c.id, c.branches.map((b) => b.id)])),
);

/**
 * What an address names: a branch id of a built-in criterion (`C04.termExpired`), a
 * criterion id (`C04`, criterion-wide), or nothing known (`undefined`). @internal
 */
export function addressKind(address: string): 'branch' | 'criterion' | undefined {
  if (Object.hasOwn(BUILT_IN_BRANCHES, address)) return 'criterion';
  const criterionId = address.slice(0, address.indexOf('.'));
  if (criterionId && Object.hasOwn(BUILT_IN_BRANCHES, criterionId) && BUILT_IN_BRANCHES[criterionId]!.includes(address)) {
    return 'branch';
  }
  return undefined;
}

/**
 * The ids of a criterion's met top-level branches (`met: true`), read from its `branches`
 * (revision 0.2). `undefined` when the criterion carries no `branches` (a result from an
 * older screening or another producer): then only criterion-wide measures apply. Entries
 * that are not `{ id: string, met }` are skipped. @internal
 */
export function metBranches(criterion: object | undefined): ReadonlySet<string> | undefined {
  const branches = (criterion as { branches?: unknown } | undefined)?.branches;
  if (!Array.isArray(branches)) return undefined;
  const met = new Set<string>();
  for (const branch of branches as unknown[]) {
    if (typeof branch !== 'object' || branch === null) continue;
    const { id, met: isMet } = branch as { id?: unknown; met?: unknown };
    if (typeof id === 'string' && isMet === true) met.add(id);
  }
  return met;
}
