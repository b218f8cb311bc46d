/**
 * The JSON Schema file agrees with the zod schema on every fixture and on random inputs,
 * except for the cross-field rules its description lists (JSON Schema cannot express them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentJsonSchema, assessmentSchema } from '../src/index.js';
import { assessmentArb } from './helpers/arbitraries.js';
import { readFixtures } from './helpers/fixtures.js';

const fileSchema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'dist', 'assessment.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its default export arrives wrapped or not depending on the loader.
const formats = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
formats(ajv);
const validate = ajv.compile(fileSchema);

/** True when zod's only complaints are the cross-field rules listed in the description. */
function onlyCrossFieldIssues(input: unknown): boolean {
  const parsed = assessmentSchema.safeParse(input);
  return !parsed.success && parsed.error.issues.every((issue) => issue.code === 'custom' && ['seats', 'seatsShort', 'absentWhileVacant', 'afterAssessedOn'].includes(String(issue.params?.key)));
}

describe('assessment JSON Schema (dist/assessment.schema.json)', () => {
  it('is the exported assessmentJsonSchema, 2020-12, listing the cross-field rules', () => {
    expect(fileSchema).toEqual(JSON.parse(JSON.stringify(assessmentJsonSchema)));
    expect(fileSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(fileSchema.description).toMatch(/seatsFilled must not exceed leadership\.seatsRequired/);
    expect(fileSchema.description).toMatch(/after assessedOn/);
    expect(fileSchema.description).toMatch(/extra must be declared/);
  });

  it.each(readFixtures().map((f) => [f.file, f.assessment] as const))('accepts fixture %s', (_file, assessment) => {
    expect(validate(assessment), JSON.stringify(validate.errors)).toBe(true);
    expect(assessmentSchema.safeParse(assessment).success).toBe(true);
  });

  it('agrees with zod on random valid and broken inputs, but for the listed rules', () => {
    const broken = fc.tuple(assessmentArb, fc.nat(), fc.nat(), fc.jsonValue()).map(([a, i, j, value]) => {
      const copy = structuredClone(a) as Record<string, unknown>;
      const keys = Object.keys(copy);
      const key = keys[i % keys.length]!;
      const inner = copy[key];
      if (inner && typeof inner === 'object' && Object.keys(inner).length > 0) {
        const innerKeys = Object.keys(inner);
        (inner as Record<string, unknown>)[innerKeys[j % innerKeys.length]!] = value;
      } else copy[key] = value;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(assessmentArb, broken), (input) => {
        const zodOk = assessmentSchema.safeParse(input).success;
        const ajvOk = validate(input);
        if (zodOk !== ajvOk) expect(ajvOk && onlyCrossFieldIssues(input), JSON.stringify(input)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['seatsFilled above seatsRequired', { leadership: { seatsRequired: 5, seatsFilled: 6 } }],
    ['a date after assessedOn', { organisationLife: { lastElectionOn: '2030-01-01' } }],
    ['a shortage date while the committee is complete', { leadership: { seatsRequired: 5, seatsFilled: 5, seatsShortSince: '2025-01-01' } }],
    ['an absent secretary on a vacant post', { leadership: { secretaryVacantSince: '2025-01-01', secretaryAbsentSince: '2025-02-01' } }],
  ])('cannot express %s (listed in its description)', (_name, patch) => {
    const input = { org: { id: '1', name: '村', kind: 'village' }, assessedOn: '2026-01-01', ...patch };
    expect(validate(input)).toBe(true);
    expect(assessmentSchema.safeParse(input).success).toBe(false);
  });

  it.each([
    ['satisfaction as a percentage', { service: { satisfactionRate: 85 } }],
    ['an impossible date', { assessedOn: '2026-02-30' }],
    ['an unknown key', { venue: { hasFixedVenu: true } }],
    ['a fractional count', { safety: { repeatPetitions: 1.5 } }],
    ['a field removed in 0.2', { safety: { petitions: 1 } }],
  ])('rejects %s like zod does', (_name, patch) => {
    const input = { org: { id: '1', name: '村', kind: 'village' }, assessedOn: '2026-01-01', ...patch };
    expect(validate(input)).toBe(false);
    expect(assessmentSchema.safeParse(input).success).toBe(false);
  });
});
