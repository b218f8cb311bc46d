/**
 * Path of the first `__proto__` key in a parsed JSON value, or `undefined`. JSON.parse makes
 * it an own key, but copying it into a new object (as zod's record parsing does) sets a
 * prototype instead, so the entry would vanish silently: such input is rejected up front.
 */
export function protoKeyPath(value: unknown, path: readonly string[] = []): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key].join('.');
    const found = protoKeyPath((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
