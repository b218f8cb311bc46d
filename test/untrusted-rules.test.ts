/**
 * Rule files are untrusted input: a province's files must not run code, reach prototypes or
 * smuggle in anything the loader does not understand. Each rejection names file and field.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAssessmentError, isOptionsError, isRulesetError, loadRuleset, screen, type RulesetError } from '../src/index.js';

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
  ])('rejects a %s', (_name, patch, field) => {
    const error = load(leaf(patch));
    expect(error.file).toBe('criteria[0] (C01)');
    expect(error.field).toBe(field);
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
