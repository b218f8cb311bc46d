/**
 * The value at a dotted path (`leadership.seatsFilled`), following own properties only:
 * `undefined` where any step is missing, not an object, or inherited.
 */
export function ownPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
