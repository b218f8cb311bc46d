/** Global brands, readable across the ESM and CommonJS copies of this library. */
export const RULESET_BRAND = Symbol.for('weak-lax-screener.ruleset');

/**
 * True when `value` carries the ruleset brand set by the loader and has a loaded ruleset's
 * shape (a frozen object with an id, a version, criteria with their condition trees, and
 * declared extra facts): an object that only copies the brand is refused, never half-read.
 */
export function hasRulesetBrand(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || (value as Record<PropertyKey, unknown>)[RULESET_BRAND] !== true) return false;
  const r = value as { id?: unknown; version?: unknown; criteria?: unknown; extraFacts?: unknown };
  return (
    Object.isFrozen(value) &&
    typeof r.id === 'string' &&
    typeof r.version === 'string' &&
    typeof r.extraFacts === 'object' &&
    r.extraFacts !== null &&
    Array.isArray(r.criteria) &&
    r.criteria.every((c: unknown) => {
      const criterion = c as { id?: unknown; tree?: unknown; leaves?: unknown; branches?: unknown; thresholds?: unknown } | null;
      return (
        typeof criterion === 'object' &&
        criterion !== null &&
        typeof criterion.id === 'string' &&
        typeof criterion.tree === 'object' &&
        Array.isArray(criterion.leaves) &&
        Array.isArray(criterion.branches) &&
        typeof criterion.thresholds === 'object'
      );
    })
  );
}
