/** Global brands, readable across the ESM and CommonJS copies of this library. */
export const RULESET_BRAND = Symbol.for('weak-lax-screener.ruleset');

/** True when `value` carries the ruleset brand set by the loader. */
export function hasRulesetBrand(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<PropertyKey, unknown>)[RULESET_BRAND] === true;
}
