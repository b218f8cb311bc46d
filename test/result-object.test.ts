/**
 * The result object: `ruleset`, `criteria` and a weak-lax result's `checklist` and `timeline`
 * are built on first read (src/result.ts). To a caller they must be plain data: the same keys
 * in the same order, the same value on every read and in every copy, writable, readable after
 * the caller freezes the result, and counted the same by a summary whether read or not.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { screen, screenMany, screenManyCompact, summarize, type ScreeningResult } from '../src/index.js';
import { readFixtures, fixture } from './helpers/fixtures.js';

const KEYS = ['orgId', 'orgName', 'kind', 'region', 'assessedOn', 'ruleset', 'verdict', 'score', 'matched', 'criteria', 'checklist', 'timeline'];

async function batchOf(assessments: unknown[]): Promise<ScreeningResult[]> {
  const out: ScreeningResult[] = [];
  for await (const entry of screenMany(assessments)) if (entry.ok) out.push(entry.result);
  return out;
}

/** A weak-lax village (C01: secretary post vacant 3 months 1 day) and a sound one, both with a region. */
const weakLax = fixture('04-').assessment;
const sound = fixture('01-').assessment;

/** Freezes every object reachable through own keys, symbols included, reading each value as a state store does. */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
}

describe('a result is plain data to its reader', () => {
  it.each([
    ['screen', async (a: unknown) => screen(a)],
    ['screenMany', async (a: unknown) => (await batchOf([a]))[0]!],
  ])('%s: keys in contract order, nothing hidden in sight, every copy equal', async (_, make) => {
    for (const assessment of [weakLax, sound]) {
      const result = await make(assessment);
      expect(Object.keys(result)).toEqual(assessment.org && 'region' in assessment.org ? KEYS : KEYS.filter((k) => k !== 'region'));
      // Besides its keys, two symbols that no copy sees: the hook that lets console.log show it as
      // data, and the state its parts are built from.
      const symbols = Reflect.ownKeys(result).slice(Object.keys(result).length);
      expect(Reflect.ownKeys(result).slice(0, Object.keys(result).length)).toEqual(Object.keys(result));
      expect(symbols).toHaveLength(2);
      expect(symbols).toContain(Symbol.for('nodejs.util.inspect.custom'));
      for (const symbol of symbols) expect(Object.getOwnPropertyDescriptor(result, symbol)!.enumerable).toBe(false);
      const json = JSON.parse(JSON.stringify(result));
      expect(structuredClone(result)).toEqual(json);
      expect({ ...result }).toEqual(json);
      expect(result).toEqual(json);
    }
  });

  it('the region has the field table\'s key order, whatever order the input gave, in every batch and in screen', async () => {
    const org = weakLax.org as unknown as { region: Record<string, string> };
    const backwards = { ...weakLax, org: { ...org, region: Object.fromEntries(Object.entries(org.region).reverse()) } };
    const order = ['province', 'city', 'county', 'township'].filter((key) => key in org.region);
    expect(Object.keys(backwards.org.region)).toEqual([...order].reverse());
    expect(Object.keys((await screen(backwards)).region!)).toEqual(order);
    expect(Object.keys((await batchOf([backwards]))[0]!.region!)).toEqual(order);
    for await (const entry of screenManyCompact([backwards])) expect(entry.ok && Object.keys(entry.result.region!)).toEqual(order);
  });

  it('console.log and the REPL show the data, not accessors', async () => {
    const [result] = await batchOf([weakLax]);
    const shown = inspect(result, { depth: 4 });
    expect(shown).not.toContain('Getter');
    expect(shown).toBe(inspect(JSON.parse(JSON.stringify(result)), { depth: 4 }));
    expect(shown).toContain("verdict: 'weak-lax'");
  });

  it('each part is the same object on every read', async () => {
    const [result] = await batchOf([weakLax]);
    expect(result!.verdict).toBe('weak-lax');
    expect(result!.criteria).toBe(result!.criteria);
    expect(result!.ruleset).toBe(result!.ruleset);
    expect(result!.checklist).toBe(result!.checklist);
    expect(result!.timeline).toBe(result!.timeline);
  });

  it('screenMany equals screen on every fixture village, read in any order', async () => {
    const fixtures = readFixtures().filter((f) => !f.ruleset && !f.options);
    const batch = await batchOf(fixtures.map((f) => f.assessment));
    expect(batch).toHaveLength(fixtures.length);
    for (const [i, f] of fixtures.entries()) {
      const result = batch[i]!;
      // The plan first, then the explanation: each is built from what the result keeps.
      const checklist = result.checklist;
      expect(result.criteria.map((c) => c.id)).toHaveLength(10);
      expect({ ...result, checklist }).toEqual(await screen(f.assessment));
      expect(result.verdict).toBe(f.expected.verdict);
    }
  });

  it('a result frozen before it is read still reads, whole (Object.freeze, or a deep freeze through every own key)', async () => {
    const expected = JSON.parse(JSON.stringify(await screen(weakLax)));
    const shallow = await screen(weakLax);
    Object.freeze(shallow);
    expect(shallow.checklist.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(shallow))).toEqual(expected);
    const [deep] = await batchOf([weakLax]);
    deepFreeze(deep);
    expect(Object.isFrozen(deep!.criteria[0]!.evidence[0])).toBe(true);
    expect(deep!.checklist).toBe(deep!.checklist);
    expect(JSON.parse(JSON.stringify(deep))).toEqual(expected);
  });

  it('reads through a Proxy (a reactive store), an Object.create child and a copy of its descriptors', async () => {
    const expected = JSON.parse(JSON.stringify(await screen(weakLax)));
    const [viaProxy, viaChild, viaCopy] = await batchOf([weakLax, weakLax, weakLax]);
    const proxy = new Proxy(viaProxy!, {});
    expect(JSON.parse(JSON.stringify(proxy))).toEqual(expected);
    expect(summarize([proxy]).byCriterion.find((c) => c.id === 'C01')!.matched).toBe(1);
    expect(Object.create(viaChild!).criteria).toEqual(expected.criteria);
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(viaCopy!)) as ScreeningResult;
    expect(JSON.parse(JSON.stringify(copy))).toEqual(expected);
  });

  it('on a frozen result, assigning a part is ignored, as for any frozen property', async () => {
    const [result] = await batchOf([weakLax]);
    Object.freeze(result);
    const before = result!.criteria;
    Reflect.set(result!, 'criteria', []);
    expect(result!.criteria).toBe(before);
    expect(result!.criteria).toHaveLength(10);
  });

  it('each part can be replaced, and is then the caller\'s value', async () => {
    const [result] = await batchOf([weakLax]);
    result!.criteria = [];
    result!.checklist = [];
    result!.ruleset = { id: 'x', version: '0', thresholds: {} };
    expect(result!.criteria).toEqual([]);
    expect(JSON.parse(JSON.stringify(result))).toMatchObject({ criteria: [], checklist: [], ruleset: { id: 'x' } });
    expect(Object.getOwnPropertyDescriptor(result, 'criteria')).toEqual({ value: [], writable: true, enumerable: true, configurable: true });
    expect(Object.keys(result!)).toEqual(KEYS);
  });

  it('what the caller changes before reading the plan does not change the plan', async () => {
    const untouched = (await screen(weakLax)).checklist;
    const result = await screen(weakLax);
    result.matched.length = 0;
    for (const criterion of result.criteria) {
      criterion.outcome = 'not-matched';
      for (const branch of criterion.branches) branch.met = false;
    }
    result.orgName = '改名村党支部';
    expect(result.checklist).toEqual(untouched);
    expect(untouched.some((item) => item.addresses.includes('C01.secretaryVacantMonths'))).toBe(true);
  });
});

describe('a summary counts a result the same, read or not', () => {
  it('unread, read, copied as JSON, and a changed explanation counted as changed', async () => {
    const assessments = readFixtures()
      .filter((f) => !f.ruleset && !f.options)
      .map((f) => f.assessment);
    const unread = summarize(await batchOf(assessments));
    const read = await batchOf(assessments);
    for (const result of read) void result.criteria;
    expect(summarize(read)).toEqual(unread);
    expect(summarize(read.map((r) => JSON.parse(JSON.stringify(r)) as ScreeningResult))).toEqual(unread);
    const c01 = unread.byCriterion.find((c) => c.id === 'C01')!;
    expect(c01.matched).toBeGreaterThan(0);

    // A caller who sets C01 aside in every result: the summary counts what the results now say.
    const changed = await batchOf(assessments);
    for (const result of changed) {
      const criterion = result.criteria.find((c) => c.id === 'C01')!;
      criterion.outcome = 'not-matched';
      criterion.near = false;
    }
    const recount = summarize(changed).byCriterion.find((c) => c.id === 'C01')!;
    expect(recount).toMatchObject({ matched: 0, near: 0 });
    const replaced = await batchOf(assessments);
    for (const result of replaced) result.criteria = result.criteria.filter((c) => c.id !== 'C01');
    expect(summarize(replaced).byCriterion.map((c) => c.id)).not.toContain('C01');
  });
});

async function resultOf(): Promise<ScreeningResult> {
  for await (const entry of screenMany([{ ...fixture('04-').assessment, org: { ...fixture('04-').assessment.org, id: '99003' } }])) if (entry.ok) return entry.result;
  throw new Error('not screened');
}

describe('a result whose inspect hook the caller replaces, inherits or binds', () => {
  it('an Object.create child with its own inspect hook still reads its parts, and summarize counts it', async () => {
    const result = await resultOf();
    const shown = Object.create(result, { [inspect.custom]: { value: () => '灯影村（显示）' } }) as ScreeningResult;
    expect(inspect(shown)).toBe('灯影村（显示）');
    // Were the state carried by the hook, the child's own hook would hide it.
    expect(shown.criteria).toEqual(result.criteria);
    expect(summarize([shown]).byCriterion).toEqual(summarize([result]).byCriterion);
  });

  it('a child may set its own hook by assignment', async () => {
    const child = Object.create(await resultOf()) as Record<symbol, unknown>;
    // An inherited read-only hook would make this assignment throw in strict code.
    expect(() => {
      child[inspect.custom] = () => 'child';
    }).not.toThrow();
  });

  it('a Proxy that binds the functions it hands out still reads the result', async () => {
    const result = await resultOf();
    const bound = new Proxy(result, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(receiver) : value;
      },
    });
    // Were the hook non-configurable and non-writable, the trap would break a Proxy invariant (TypeError).
    expect(bound.criteria).toEqual(result.criteria);
  });
});
