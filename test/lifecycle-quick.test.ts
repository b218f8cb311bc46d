/**
 * readCase's fast check of a stored case must accept only what the zod schema accepts (when it
 * says no, zod runs and names the fields): mutate stored cases at random and compare.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickCase, rectificationCaseSchema } from '../src/lifecycle/schema.js';
import { storedCases } from './helpers/lifecycle.js';

type Json = unknown;

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function paths(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) (out.push([...prefix, k]), paths(v, [...prefix, k], out));
  return out;
}

const VALUES: Json[] = [null, undefined, 0, -1, 1.5, 101, Number.NaN, '', 'x', '2025-02-30', '2025-04-01', '99999-01-01', true, false, [], {}, ['2025-04-01'], { zh: '甲', en: 'a' }];

function mutate(root: Json, path: Array<string | number>, kind: 'set' | 'delete' | 'add', value: Json): Json {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (kind === 'add') {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) (target as Record<string, unknown>).unexpected = value;
    else parent[last] = value;
  } else parent[last] = value;
  return copy;
}

describe('the fast check of a stored case', () => {
  const cases = storedCases().map((c) => JSON.parse(JSON.stringify(c)) as Json);
  // The screening's own evidence, missing lists and plan are read by neither check: leave them out, so the runs hit what is checked.
  const screeningOwn = (p: Array<string | number>) =>
    ['screening', 'followUp', 'earlierFollowUps'].includes(String(p[0])) && p.some((k) => ['evidence', 'missing', 'checklist', 'timeline', 'thresholds'].includes(String(k)));
  const allPaths = cases.map((c) => paths(c).filter((p) => !screeningOwn(p)));

  it('accepts every stored fixture case (so the fast path is the one taken)', () => {
    for (const c of cases) expect(quickCase(c)).toBe(true);
  });

  it('never accepts what zod refuses', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: cases.length - 1 }),
        fc.nat(),
        fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
        fc.constantFrom(...VALUES),
        (which, at, kind, value) => {
          const list = allPaths[which]!;
          const mutated = mutate(cases[which], list[at % list.length]!, kind, value);
          if (quickCase(mutated)) expect(rectificationCaseSchema.safeParse(mutated).success).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses a few mutations zod refuses too', () => {
    const base = cases[0] as Record<string, unknown>;
    for (const [path, value] of [
      [['progress', 0, 'status'], 'finished'],
      [['plan', 'checklist', 3, 'due'], '2025-02-30'],
      [['listing', 0, 'by'], ''],
      [['screening', 'criteria', 0, 'outcome'], 'maybe'],
      [['acceptance', 'township', 'score'], 120],
    ] as const) {
      const mutated = mutate(base, [...path], 'set', value);
      expect(quickCase(mutated)).toBe(false);
      expect(rectificationCaseSchema.safeParse(mutated).success).toBe(false);
    }
  });
});
