/**
 * Freezes `value` and every object reachable from it through own properties (iteratively, each
 * object once), and returns it. A loaded ruleset is shared by every screening that uses it:
 * nothing reachable from it may change.
 */
export function deepFreeze<T>(value: T): T {
  const seen = new WeakSet<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || seen.has(current)) continue;
    seen.add(current);
    Object.freeze(current);
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (descriptor && 'value' in descriptor) stack.push(descriptor.value);
    }
  }
  return value;
}
