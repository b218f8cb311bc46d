/**
 * Issue 11, sharing: a loaded ruleset (built-in or from loadRuleset) is deeply frozen, and a
 * caller changing a result never changes the ruleset or a later result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultThresholds, loadRuleset, rulesets, screen, screenMany, type Ruleset, type ScreeningResult } from '../src/index.js';

/** Every object reachable from `value` (own properties), with its path. */
function objectsOf(value: unknown, path = '', out: [string, object][] = []): [string, object][] {
  if (typeof value !== 'object' || value === null) return out;
  out.push([path, value]);
  for (const [key, child] of Object.entries(value)) objectsOf(child, `${path}.${key}`, out);
  return out;
}

/** An invented village, weak-lax on C01 (secretary post vacant five months). */
const assessment = {
  org: { id: '990000000031', name: '示例村党支部', kind: 'village' },
  assessedOn: '2026-03-31',
  leadership: { secretaryVacantSince: '2025-10-15' },
  service: { satisfactionRate: 0.66 },
};

describe('rulesets are deeply frozen', () => {
  it.each(['cn-2017-ten', 'cn-2019-extended'] as const)('%s: every object inside is frozen', (id) => {
    const objects = objectsOf(rulesets[id]);
    expect(objects.length).toBeGreaterThan(100);
    expect(objects.filter(([, o]) => !Object.isFrozen(o)).map(([p]) => p)).toEqual([]);
    expect(() => {
      (rulesets[id].criteria[0]!.title as { en: string }).en = 'X';
    }).toThrow(TypeError);
    expect(rulesets[id].criteria[0]!.title.en).toBe('Leadership incomplete, secretary post long vacant, work stalled');
  });

  it('loadRuleset freezes what it returns, but never the caller\'s objects', () => {
    const c11 = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'cn-2019-extended', 'C11.json'), 'utf8'));
    const input = { ruleset: { id: 'mine', version: '1', criteria: ['C11'], extends: 'cn-2017-ten' }, criteria: [c11] };
    const ruleset: Ruleset = loadRuleset(input);
    expect(objectsOf(ruleset).filter(([, o]) => !Object.isFrozen(o)).map(([p]) => p)).toEqual([]);
    expect(objectsOf(input).filter(([, o]) => Object.isFrozen(o)).map(([p]) => p)).toEqual([]);
    expect(Object.isFrozen(defaultThresholds.C01)).toBe(true);
  });
});

describe('results share nothing a caller could change with the ruleset', () => {
  /** Changes a result where a caller might: its criteria's titles are its own copies. */
  function vandalise(result: ScreeningResult): void {
    result.criteria[0]!.title.en = 'X';
    expect(result.criteria[0]!.title.en).toBe('X');
    result.ruleset.thresholds.C01!.secretaryVacantMonths = 99;
    result.criteria[0]!.evidence.length = 0;
    result.matched.push('C99');
  }

  it('screen: a later result and the ruleset are unchanged', async () => {
    const first = await screen(assessment);
    const expected = structuredClone(first);
    vandalise(first);
    const again = await screen(assessment);
    expect(again).toEqual(expected);
    expect(rulesets['cn-2017-ten'].criteria[0]!.title.en).toBe('Leadership incomplete, secretary post long vacant, work stalled');
    expect(defaultThresholds.C01!.secretaryVacantMonths).toBe(3);
  });

  it('screenMany: a later result and the ruleset are unchanged', async () => {
    const run = async () => {
      const out: ScreeningResult[] = [];
      for await (const entry of screenMany([assessment, assessment])) if (entry.ok) out.push(entry.result);
      return out;
    };
    const [first, second] = await run();
    const expected = structuredClone(second!);
    vandalise(first!);
    expect(second).toEqual(expected);
    expect((await run())[0]).toEqual(expected);
    expect(rulesets['cn-2017-ten'].criteria[0]!.title.en).toBe('Leadership incomplete, secretary post long vacant, work stalled');
  });
});
