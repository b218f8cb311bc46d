/**
 * Path of the first `__proto__` key in a parsed JSON value, or `undefined`. JSON.parse makes
 * it an own key, but copying it into a new object (as zod's record parsing does) sets a
 * prototype instead, so the entry would vanish silently: such input is rejected up front.
 *
 * The walk is iterative (a 20,000-deep object must not overflow the stack), keeps each step's
 * key and parent rather than a copy of the whole path, and visits each object once (a cycle
 * or a shared subtree is not walked again).
 */
export function protoKeyPath(value: unknown, path: readonly string[] = []): string | undefined {
  interface Step {
    value: unknown;
    key: string | undefined;
    parent: Step | undefined;
  }
  const pathOf = (step: Step | undefined): string[] => {
    const keys: string[] = [];
    for (let s = step; s?.key !== undefined; s = s.parent) keys.push(s.key);
    return [...path, ...keys.reverse()];
  };
  const seen = new WeakSet<object>();
  const stack: Step[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const current = step.value;
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const keys = Object.keys(current);
    if (keys.includes('__proto__')) return [...pathOf(step), '__proto__'].join('.');
    // Pushed in reverse so that the first key is walked first.
    for (let i = keys.length - 1; i >= 0; i--) {
      stack.push({ value: (current as Record<string, unknown>)[keys[i]!], key: keys[i]!, parent: step });
    }
  }
  return undefined;
}
