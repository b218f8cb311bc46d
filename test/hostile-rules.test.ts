/**
 * Issue 11, the rule loader and options under attack: names every object inherits, prototype
 * pollution through options, `extends` and symbolic links out of the ruleset's folder, file
 * text in error messages, and the documented limits (docs/rulesets.md, "Limits") against
 * deep, wide, huge and cyclic rule files. Each case ends in a result or a typed error.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isOptionsError,
  isRulesetError,
  screen,
  screenMany,
  type OptionsError,
  type Ruleset,
  type RulesetError,
  type ScreenOptions,
} from '../src/index.js';
import { loadRuleset } from '../src/node.js';
import { loadRuleset as loadCore } from '../src/rulesets.js';
import { RULESET_LIMITS } from '../src/schema/rule-input.js';

const root = join(import.meta.dirname, '..');
const c01 = JSON.parse(readFileSync(join(root, 'rules', 'cn-2017-ten', 'C01.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'hostile-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function rulesetError(run: () => unknown): RulesetError {
  try {
    run();
  } catch (error) {
    if (isRulesetError(error)) return error;
    throw error;
  }
  throw new Error('expected a RulesetError');
}

async function optionsError(options: unknown): Promise<OptionsError> {
  const error = await screen(record(), options as ScreenOptions).catch((e: unknown) => e);
  if (!isOptionsError(error)) throw new Error(`expected an OptionsError, got ${String(error)}`);
  return error;
}

const record = (extra: Record<string, unknown> = {}) => ({
  org: { id: '990000000001', name: '示例村', kind: 'village' },
  assessedOn: '2026-03-31',
  ...extra,
});

/** A criterion reading service.satisfactionRate against a warning-lined threshold, `leaves` times under one `all` (or `any`). */
function sharedThresholdCriterion(id: string, leaves: number, combinator: 'all' | 'any' = 'all') {
  return {
    id, no: 1, title: { zh: '满意率低', en: 'Low satisfaction' }, seedWording: '群众满意率低的',
    thresholds: { satisfactionRate: { default: 0.6, warningLine: 0.7, source: 'test' } },
    name: id,
    conditions: {
      // Branches of an `any` need names of their own (they are named after their threshold).
      [combinator]: Array.from({ length: leaves }, (_, i) => ({
        fact: 'service.satisfactionRate', operator: 'lessThan', value: { fact: `threshold.${id}.satisfactionRate` },
        ...(combinator === 'any' ? { name: `branch${i}` } : {}),
      })),
    },
    event: { type: 'criterion-matched' },
  };
}

function writeFolder(name: string, ruleset: unknown, files: Record<string, unknown>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ruleset.json'), typeof ruleset === 'string' ? ruleset : JSON.stringify(ruleset));
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('names every object inherits', () => {
  const reserved = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'];

  it.each(reserved)('refuses %s as a criterion id, a threshold name, an extra fact and a ruleset-level override', (name) => {
    const id = /^[A-Za-z]/.test(name) ? name : 'C01';
    if (id === name) {
      const asId = rulesetError(() => loadRuleset({ ruleset: { id: 'r', version: '1', criteria: [name] }, criteria: [{ ...c01, id: name }] }));
      expect(asId).toMatchObject({ file: 'ruleset', field: 'criteria.0' });
      expect(asId.message).toMatch(/reserved name/);
    }
    if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
      const asThreshold = rulesetError(() =>
        loadRuleset({ ruleset: { id: 'r', version: '1', criteria: ['C01'] }, criteria: [{ ...c01, thresholds: { ...c01.thresholds, [name]: { default: 1, source: 'x' } } }] }),
      );
      expect(asThreshold.field).toBe(`thresholds.${name}`);
      const asOverride = rulesetError(() => loadRuleset({ ruleset: { id: 'r', version: '1', criteria: [], extends: 'cn-2017-ten', thresholds: { C01: { [name]: 1 } } }, criteria: [] }));
      expect(asOverride).toMatchObject({ file: 'ruleset', field: `thresholds.C01.${name}` });
    }
    const asExtra = rulesetError(() => loadRuleset({ ruleset: { id: 'r', version: '1', criteria: ['C01'], extraFacts: { [name]: 'number' } }, criteria: [c01] }));
    expect(asExtra.field).toBe(`extraFacts.${name}`);
  });

  it('reads a declared threshold named like a Function property ("name", "length") as its number, on both paths', async () => {
    const x01 = {
      id: 'X01', no: 1, title: { zh: '信访多', en: 'Many petitions' }, seedWording: '信访多的',
      thresholds: { name: { default: 100, source: 'test' }, length: { default: 7, source: 'test' } },
      name: 'X01',
      conditions: {
        any: [
          { fact: 'safety.repeatPetitions', operator: 'greaterThanInclusive', value: { fact: 'threshold.X01.name' } },
          { fact: 'safety.criminalCases', operator: 'greaterThanInclusive', value: { fact: 'threshold.X01.length' } },
        ],
      },
      event: { type: 'criterion-matched' },
    };
    const ruleset = loadRuleset({ ruleset: { id: 'names', version: '1', criteria: ['X01'] }, criteria: [x01] });
    const input = record({ safety: { repeatPetitions: 99, criminalCases: 1 } });
    const one = await screen(input, { ruleset });
    expect(one.ruleset.thresholds).toEqual({ X01: { name: 100, length: 7 } });
    expect(one.criteria[0]!.evidence.map((e) => e.threshold)).toEqual([100, 7]);
    expect(one.verdict).toBe('sound');
    for await (const entry of screenMany([input], { ruleset, thresholds: { X01: { name: 50 } } })) {
      expect(entry.ok && entry.result.ruleset.thresholds).toEqual({ X01: { name: 50, length: 7 } });
      expect(entry.ok && entry.result.verdict).toBe('weak-lax');
    }
  });

  it('never pollutes Object or Object.prototype through threshold options', async () => {
    const before = [Object.getOwnPropertyNames(Object), Object.getOwnPropertyNames(Object.prototype)];
    const attempts = [
      { thresholds: { constructor: { polluted: 1 } } },
      { thresholds: { C01: { constructor: 1 } } },
      { thresholds: JSON.parse('{"__proto__": {"polluted": 1}}') },
      { thresholds: JSON.parse('{"C01": {"__proto__": {"polluted": 1}}}') },
      { thresholds: { toString: { polluted: 1 }, valueOf: { polluted: 1 } } },
    ];
    for (const options of attempts) {
      expect((await optionsError(options)).issues[0]!.path).toMatch(/^thresholds\./);
    }
    for (const options of attempts) {
      const batch = (async () => {
        for await (const entry of screenMany([record()], options as ScreenOptions)) void entry;
      })();
      expect(isOptionsError(await batch.catch((e: unknown) => e))).toBe(true);
    }
    expect([Object.getOwnPropertyNames(Object), Object.getOwnPropertyNames(Object.prototype)]).toEqual(before);
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives an OptionsError, not a RangeError, for 20,000-deep and cyclic thresholds', async () => {
    let deep: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 20_000; i++) deep = { C01: deep };
    expect((await optionsError({ thresholds: deep })).issues[0]!.path).toBe('thresholds.C01.C01');
    const cyclic: Record<string, unknown> = {};
    cyclic.C01 = cyclic;
    expect((await optionsError({ thresholds: cyclic })).issues[0]!.path).toBe('thresholds.C01.C01');
  });
});

describe('extends and links stay inside the ruleset folder', () => {
  const x01 = { ...sharedThresholdCriterion('X01', 1), no: 11 };
  // A folder outside the rules root, whose contents must never be loaded or echoed.
  const secretDir = writeFolder('outside/secret', { id: 'secret', version: 'TOP-SECRET-VERSION', criteria: [] }, {});
  writeFileSync(join(scratch, 'outside', 'passwd'), 'root:x:0:0:TOP-SECRET-LINE:/root:/bin/bash\n');

  it.each([
    ['../../secret', /must be the id of a built-in ruleset or of a sibling folder/],
    ['../outside/secret', /must be the id/],
    [secretDir, /must be the id/],
    ['a..b', /must not contain "\.\."/],
    ['sub/folder', /must be the id/],
  ])('refuses extends %j', (target, message) => {
    const dir = writeFolder(`rules-${Math.random().toString(36).slice(2)}/county`, { id: 'county', version: '1', criteria: ['X01'], extends: target }, { 'X01.json': x01 });
    const error = rulesetError(() => loadRuleset(dir));
    expect(error).toMatchObject({ file: join(dir, 'ruleset.json'), field: 'extends' });
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('TOP-SECRET');
  });

  it('extends a real sibling folder, and refuses a sibling that is a link (here to a folder outside)', () => {
    const rules = join(scratch, 'rules-siblings');
    writeFolder('rules-siblings/province', { id: 'province', version: '1', criteria: ['X01'], extends: 'cn-2017-ten' }, { 'X01.json': x01 });
    const county = writeFolder('rules-siblings/county', { id: 'county', version: '1', criteria: [], extends: 'province' }, {});
    expect(loadRuleset(county).criteria.map((c) => c.id)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'X01']);
    symlinkSync(secretDir, join(rules, 'secret'));
    const linked = writeFolder('rules-siblings/town', { id: 'town', version: '1', criteria: [], extends: 'secret' }, {});
    const error = rulesetError(() => loadRuleset(linked));
    expect(error.field).toBe('extends');
    expect(error.message).toMatch(/symbolic link/);
    expect(error.message).not.toContain('TOP-SECRET');
  });

  it('refuses a rule file that is a symbolic link, without reading or quoting its target', () => {
    const dir = writeFolder('rules-links/county', { id: 'county', version: '1', criteria: ['X01'] }, {});
    symlinkSync(join(scratch, 'outside', 'passwd'), join(dir, 'X01.json'));
    const error = rulesetError(() => loadRuleset(dir));
    expect(error).toMatchObject({ file: join(dir, 'X01.json'), field: '' });
    expect(error.message).toMatch(/symbolic link/);
    expect(error.message).not.toContain('TOP-SECRET');
  });

  it('refuses a FIFO in a rule file\'s place without waiting for a writer', () => {
    const dir = writeFolder('rules-fifo/county', { id: 'county', version: '1', criteria: ['X01'] }, {});
    execFileSync('mkfifo', [join(dir, 'X01.json')]);
    expect(rulesetError(() => loadRuleset(dir)).message).toMatch(/not a regular file/);
  });

  it('names line and column of a JSON syntax error and never quotes the file', () => {
    const cases: [string, string][] = [
      ['root:x:0:0:TOP-SECRET-LINE:/root:/bin/bash\n', 'line 1, column 1'],
      ['{\n  "id": "X01",\n  "TOP-SECRET": "hunter2" x\n}', 'line 3, column 27'],
      ['{"id": "TOP-SECRET', 'the file ends too early'],
      ['{"a": [1, 2,]}', 'line 1, column 13'],
    ];
    for (const [i, [text, where]] of cases.entries()) {
      const dir = writeFolder(`rules-json-${i}/county`, { id: 'county', version: '1', criteria: ['X01'] }, { 'X01.json': text });
      const error = rulesetError(() => loadRuleset(dir));
      expect(error.message).toContain(where);
      expect(error.message).not.toMatch(/TOP-SECRET|hunter2|root:x/);
    }
  });

  it('reads a rule file that starts with a byte-order mark (as Windows editors save UTF-8)', () => {
    const dir = writeFolder('rules-bom/county', `\uFEFF${JSON.stringify({ id: 'county', version: '1', criteria: ['X01'] })}`, { 'X01.json': `\uFEFF${JSON.stringify(x01)}` });
    expect(loadRuleset(dir).criteria.map((c) => c.id)).toEqual(['X01']);
  });

  it('in the core (browser) entry, a folder path is a RulesetError pointing to the Node entry', () => {
    const error = rulesetError(() => loadCore(join(root, 'examples', 'profiles', 'example-province')));
    expect(error.message).toMatch(/needs Node.*weak-lax-screener\/node/);
  });
});

describe('limits (docs/rulesets.md)', () => {
  const rulesetFor = (ids: string[]) => ({ id: 'limits', version: '1', criteria: ids });

  it('are listed in docs/rulesets.md with the numbers the loader checks', () => {
    const docs = readFileSync(join(root, 'docs', 'rulesets.md'), 'utf8');
    for (const [name, value] of Object.entries(RULESET_LIMITS)) expect(docs).toContain(`| \`${name}\` | ${value.toLocaleString('en')} |`);
  });

  it.each([
    ['97 KB', 97_000],
    ['242 KB', 242_000],
    ['291 KB', 291_000],
  ])('refuses the %s rule file of issue 11 by its size, as objects and from disk', (_label, bytes) => {
    const leaf = JSON.stringify(sharedThresholdCriterion('X01', 1).conditions.all![0]).length + 1;
    const criterion = sharedThresholdCriterion('X01', Math.round(bytes / leaf));
    const text = JSON.stringify(criterion);
    const size = Buffer.byteLength(text);
    expect(Math.abs(size - bytes) / bytes).toBeLessThan(0.02);
    const fromObjects = rulesetError(() => loadRuleset({ ruleset: rulesetFor(['X01']), criteria: [criterion] }));
    expect(fromObjects.message).toMatch(/over the limit fileBytes = 65,536/);
    const dir = writeFolder(`rules-size-${bytes}/big`, rulesetFor(['X01']), { 'X01.json': text });
    const fromDisk = rulesetError(() => loadRuleset(dir));
    expect(fromDisk).toMatchObject({ file: join(dir, 'X01.json') });
    expect(fromDisk.message).toMatch(new RegExp(`the file has ${size.toLocaleString('en')} bytes: over the limit fileBytes`));
  });

  it('screens correctly with a ruleset at the limits (64 leaves × 16 criteria on one warning-lined threshold)', async () => {
    const ids = Array.from({ length: 16 }, (_, i) => `X${String(i).padStart(2, '0')}`);
    // Half `all` (issue 11's shape), half `any` (where a rate past the warning line is near).
    const criteria = ids.map((id, i) => sharedThresholdCriterion(id, RULESET_LIMITS.leavesPerCriterion, i % 2 ? 'any' : 'all'));
    const ruleset = loadRuleset({ ruleset: rulesetFor(ids), criteria });
    expect(ruleset.criteria.reduce((n, c) => n + c.leaves.length, 0)).toBe(RULESET_LIMITS.leavesPerRuleset);
    // [rate, outcome of every criterion, near of the `all`s, near of the `any`s]: in an `all`, the
    // other failing leaves rule out near (docs/rulesets.md 4.2).
    for (const [rate, outcome, nearAll, nearAny] of [[0.5, 'matched', false, false], [0.65, 'not-matched', false, true], [0.8, 'not-matched', false, false]] as const) {
      const input = record({ service: { satisfactionRate: rate } });
      const one = await screen(input, { ruleset });
      expect(one.criteria.map((c) => [c.outcome, c.near])).toEqual(ids.map((_, i) => [outcome, i % 2 ? nearAny : nearAll]));
      for await (const entry of screenMany([input], { ruleset })) expect(entry).toEqual({ index: 0, ok: true, result: one });
    }
  });

  it('refuses one leaf too many per criterion, one criterion too many, and one leaf too many per ruleset', () => {
    const tooMany = rulesetError(() => loadRuleset({ ruleset: rulesetFor(['X01']), criteria: [sharedThresholdCriterion('X01', RULESET_LIMITS.leavesPerCriterion + 1)] }));
    expect(tooMany).toMatchObject({ field: `conditions.all.${RULESET_LIMITS.leavesPerCriterion}` });
    expect(tooMany.message).toMatch(/over the limit leavesPerCriterion = 64/);

    const ids = Array.from({ length: RULESET_LIMITS.criteriaPerRuleset - 9 }, (_, i) => `X${i}`);
    const criteria = ids.map((id) => sharedThresholdCriterion(id, 1));
    // With the ten it extends, 65 criteria.
    const wide = rulesetError(() => loadRuleset({ ruleset: { ...rulesetFor(ids), extends: 'cn-2017-ten' }, criteria }));
    expect(wide.message).toMatch(/65 criteria with the base ruleset's: over the limit criteriaPerRuleset = 64/);
    expect(loadRuleset({ ruleset: { ...rulesetFor(ids.slice(1)), extends: 'cn-2017-ten' }, criteria: criteria.slice(1) }).criteria).toHaveLength(64);

    const heavyIds = Array.from({ length: 17 }, (_, i) => `X${i}`);
    const heavy = rulesetError(() => loadRuleset({ ruleset: rulesetFor(heavyIds), criteria: heavyIds.map((id) => sharedThresholdCriterion(id, 64)) }));
    expect(heavy.message).toMatch(/1,088 conditions in all criteria: over the limit leavesPerRuleset = 1,024/);
  });

  it('refuses 1,000 nested all (and 33 levels) by depth, as objects and from disk', () => {
    const nested = (levels: number) => {
      let node: unknown = { fact: 'leadership.workStalled', operator: 'equal', value: true };
      for (let i = 0; i < levels; i++) node = { all: [node] };
      return { ...c01, thresholds: {}, conditions: node };
    };
    expect(loadRuleset({ ruleset: rulesetFor(['C01']), criteria: [nested(RULESET_LIMITS.conditionDepth)] }).criteria[0]!.leaves).toHaveLength(1);
    const over = rulesetError(() => loadRuleset({ ruleset: rulesetFor(['C01']), criteria: [nested(RULESET_LIMITS.conditionDepth + 1)] }));
    expect(over.message).toMatch(/over the limit conditionDepth = 32/);
    expect(over.field).toBe(`conditions${'.all.0'.repeat(RULESET_LIMITS.conditionDepth)}`);
    expect(rulesetError(() => loadRuleset({ ruleset: rulesetFor(['C01']), criteria: [nested(1000)] })).message).toMatch(/conditionDepth/);
    const dir = writeFolder('rules-deep/deep', rulesetFor(['C01']), { 'C01.json': nested(1000) });
    expect(rulesetError(() => loadRuleset(dir)).message).toMatch(/conditionDepth/);
  });

  it('refuses cyclic and exponentially shared objects by their size', () => {
    const cyclic: Record<string, unknown> = { ...c01 };
    const all: unknown[] = [];
    cyclic.conditions = { all };
    all.push(cyclic.conditions);
    expect(rulesetError(() => loadRuleset({ ruleset: rulesetFor(['C01']), criteria: [cyclic] })).message).toMatch(/fileBytes/);
    let shared: unknown = { fact: 'leadership.workStalled', operator: 'equal', value: true };
    for (let i = 0; i < 30; i++) shared = { any: [shared, shared] };
    expect(rulesetError(() => loadRuleset({ ruleset: rulesetFor(['C01']), criteria: [{ ...c01, conditions: shared }] })).message).toMatch(/fileBytes/);
  });

  it('reads a getter once: the ruleset holds what was validated; a throwing getter is a RulesetError', async () => {
    let reads = 0;
    const criterion = { ...c01 };
    Object.defineProperty(criterion, 'weight', { enumerable: true, get: () => (reads++ === 0 ? 10 : -5) });
    const ruleset: Ruleset = loadRuleset({ ruleset: rulesetFor(['C01']), criteria: [criterion] });
    expect(reads).toBe(1);
    expect(ruleset.criteria[0]!.weight).toBe(10);
    const throwing = Object.defineProperty({ ...c01 }, 'title', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(rulesetError(() => loadRuleset({ ruleset: rulesetFor(['C01']), criteria: [throwing] })).message).toMatch(/getter or proxy threw/);
  });
});

describe('the example profile still loads from disk through links the caller chose', () => {
  it('follows a link given as the folder itself', () => {
    const copy = join(scratch, 'profiles', 'example-province');
    cpSync(join(root, 'examples', 'profiles', 'example-province'), copy, { recursive: true });
    symlinkSync(copy, join(scratch, 'profiles', 'current'));
    expect(loadRuleset(join(scratch, 'profiles', 'current')).id).toBe('example-province');
  });
});
