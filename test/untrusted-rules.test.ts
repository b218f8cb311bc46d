/**
 * Rule files are untrusted input: a province's files must not run code, reach prototypes or
 * smuggle in anything the loader does not understand. Each rejection names file and field.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAssessmentError, isOptionsError, isRulesetError, loadRuleset, screen, screenMany, type RulesetError } from '../src/index.js';

const require = createRequire(import.meta.url);
const c01 = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'cn-2017-ten', 'C01.json'), 'utf8'));
const rulesetJson = { id: 'untrusted', version: '1', criteria: ['C01'] };

function load(criterion: unknown, ruleset: unknown = rulesetJson): RulesetError {
  try {
    loadRuleset({ ruleset, criteria: [criterion] });
  } catch (error) {
    expect(isRulesetError(error), String(error)).toBe(true);
    return error as RulesetError;
  }
  throw new Error('expected a RulesetError');
}

const leaf = (patch: Record<string, unknown>) => ({ ...c01, conditions: { any: [{ fact: 'leadership.workStalled', operator: 'equal', value: true, ...patch }] } });

describe('untrusted rule files', () => {
  it.each([
    ['JSONPath filter expression', { fact: 'leadership', path: '$[?(@.workStalled)]' }, 'conditions.any.0.path'],
    ['JSONPath script', { fact: 'leadership', path: '$..[(@.length-1)]' }, 'conditions.any.0.path'],
    ['recursive descent', { fact: 'leadership', path: '$..workStalled' }, 'conditions.any.0.path'],
    ['array index', { fact: 'leadership', path: '$.workStalled[0]' }, 'conditions.any.0.path'],
    ['unknown operator', { operator: 'regex' }, 'conditions.any.0.operator'],
    ['operator decorator', { operator: 'everyFact:equal' }, 'conditions.any.0.operator'],
    ['meaningless operator on scalar facts', { operator: 'contains' }, 'conditions.any.0.operator'],
    ['condition priority (short-circuits leaves)', { priority: 2 }, 'conditions.any.0.priority'],
    ['fact params (dynamic facts)', { params: { x: 1 } }, 'conditions.any.0.params'],
    ['unknown fact', { fact: 'process.env' }, 'conditions.any.0.fact'],
    ['value fact path script', { operator: 'equal', value: { fact: 'leadership', path: '$..*' } }, 'conditions.any.0.value.path'],
    // Both evaluators must read a rule alike: json-rules-engine resolves `path` and `params`,
    // the compiled evaluator reads dotted fact names only (issue 9 item 4).
    ['plain path on a leaf', { fact: 'leadership', path: '$.workStalled' }, 'conditions.any.0.path'],
    ['plain path on a fact reference', { operator: 'equal', value: { fact: 'leadership', path: '$.workStalled' } }, 'conditions.any.0.value.path'],
    ['params on a fact reference', { operator: 'equal', value: { fact: 'leadership.workStalled', params: { x: 1 } } }, 'conditions.any.0.value.params'],
    ['shared-condition reference', { condition: 'stalled' }, 'conditions.any.0.condition'],
  ])('rejects a %s', (_name, patch, field) => {
    const error = load(leaf(patch));
    expect(error.file).toBe('criteria[0] (C01)');
    expect(error.field).toBe(field);
  });

  it('refuses a path on a threshold reference, naming the dotted name to write (issue 9 item 4 reproducer)', async () => {
    // Loaded before: screenMany resolved the path and said weak-lax, screen() saw no value.
    const x01 = {
      id: 'X01', no: 1, title: { zh: '信访多', en: 'Many petitions' }, seedWording: '信访多的',
      thresholds: { petitions: { default: 10, source: 'test' } },
      name: 'X01',
      conditions: { any: [{ fact: 'safety.repeatPetitions', operator: 'greaterThanInclusive', value: JSON.parse('{"fact":"threshold.X01","path":"$.petitions"}') }] },
      event: { type: 'criterion-matched' },
    };
    const error = load(x01, { id: 'petitions', version: '1', criteria: ['X01'] });
    expect(error).toMatchObject({ file: 'criteria[0] (X01)', field: 'conditions.any.0.value.path' });
    expect(error.message).toContain('write the dotted fact name instead ("threshold.X01.petitions")');
    // Written as the error says, both evaluators agree: 12 petitions ≥ 10 is weak-lax.
    const fixed = { ...x01, conditions: { any: [{ fact: 'safety.repeatPetitions', operator: 'greaterThanInclusive', value: { fact: 'threshold.X01.petitions' } }] } };
    const ruleset = loadRuleset({ ruleset: { id: 'petitions', version: '1', criteria: ['X01'] }, criteria: [fixed] });
    const record = { org: { id: '99', name: '示例村', kind: 'village' }, assessedOn: '2026-01-01', safety: { repeatPetitions: 12 } };
    const one = await screen(record, { ruleset });
    const many: unknown[] = [];
    for await (const entry of screenMany([record], { ruleset })) many.push(entry);
    expect(one.verdict).toBe('weak-lax');
    expect(many).toEqual([{ index: 0, ok: true, result: one }]);
  });

  it('refuses a single condition as the root (json-rules-engine would throw at screening time)', () => {
    const error = load({ ...c01, conditions: { fact: 'leadership.workStalled', operator: 'equal', value: true } });
    expect(error).toMatchObject({ field: 'conditions' });
    expect(error.message).toMatch(/root must be "all", "any" or "not"/);
  });

  it('rejects a threshold without a default', () => {
    const error = load({ ...c01, thresholds: { secretaryVacantMonths: { warningLine: 1, source: 'x' } } });
    expect(error.field).toBe('thresholds.secretaryVacantMonths.default');
  });

  it('rejects reserved names and __proto__ keys anywhere', () => {
    expect(load({ ...c01, thresholds: { ...c01.thresholds, constructor: { default: 1, source: 'x' } } }).field).toBe('thresholds.constructor');
    const proto = JSON.parse(`{"id":"C01","__proto__":{"weight":0}}`);
    expect(load(proto).field).toBe('__proto__');
    const extraProto = JSON.parse('{"id":"u","version":"1","criteria":["C01"],"extraFacts":{"__proto__":"number"}}');
    expect(load(c01, extraProto)).toMatchObject({ file: 'ruleset', field: 'extraFacts.__proto__' });
    expect(load(c01, { ...rulesetJson, extraFacts: { constructor: 'number' } }).field).toBe('extraFacts.constructor');
  });

  it('never takes inherited properties for declared names', async () => {
    const identity = { org: { id: '1', name: '村', kind: 'village' }, assessedOn: '2026-01-01' };
    for (const name of ['constructor', 'toString', '__proto__']) {
      // JSON.parse makes "__proto__" an own key, as a record read from a file would have it.
      const error = await screen(JSON.parse(JSON.stringify({ ...identity, extra: { [name]: 1 } }))).catch((e: unknown) => e);
      expect(isAssessmentError(error)).toBe(true);
      const thresholds = JSON.parse(JSON.stringify({ C01: { [name]: 1 } }));
      const options = await screen(identity, { thresholds }).catch((e: unknown) => e);
      expect(isOptionsError(options), name).toBe(true);
    }
  });

  it('runs on json-rules-engine 7 with jsonpath-plus ≥ 10.3.0 (CVE-2024-21534, CVE-2025-1302)', () => {
    const engine = require('json-rules-engine/package.json').version as string;
    const jsonpath = require('jsonpath-plus/package.json').version as string;
    expect(Number(engine.split('.')[0])).toBe(7);
    const [major, minor] = jsonpath.split('.').map(Number) as [number, number];
    expect(major > 10 || (major === 10 && minor >= 3)).toBe(true);
    const docs = readFileSync(join(import.meta.dirname, '..', 'docs', 'rulesets.md'), 'utf8');
    expect(docs).toContain(`json-rules-engine ${engine}`);
    expect(docs).toContain(`jsonpath-plus ${jsonpath}`);
  });
});
