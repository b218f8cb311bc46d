import { describe, expect, it } from 'vitest';
import { screen } from '../src/index.js';
import { readFixtures } from './helpers/fixtures.js';

const fixtures = readFixtures();

describe('fixture villages (hand-checked expected results)', () => {
  it('has the fixture classes the core issue asks for', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(16);
    const matchedAlone = new Set(fixtures.filter((f) => f.expected.matched.length === 1).map((f) => f.expected.matched[0]));
    expect([...matchedAlone].sort()).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10']);
    expect(fixtures.some((f) => f.assessment.org.kind === 'community')).toBe(true);
    expect(fixtures.some((f) => f.expected.matched.length > 1)).toBe(true);
    expect(fixtures.some((f) => f.expected.verdict === 'weak-lax' && f.expected.insufficient.length > 0)).toBe(true);
    expect(fixtures.some((f) => f.expected.verdict === 'undetermined')).toBe(true);
    expect(fixtures.some((f) => Object.keys(f.assessment).length === 2)).toBe(true);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (_file, f) => {
    const result = await screen(f.assessment, f.options);
    expect(result.verdict).toBe(f.expected.verdict);
    expect(result.score).toBe(f.expected.score);
    expect(result.matched).toEqual(f.expected.matched);
    expect(result.criteria.filter((c) => c.near).map((c) => c.id)).toEqual(f.expected.near);
    expect(result.criteria.filter((c) => c.outcome === 'insufficient-data').map((c) => c.id)).toEqual(
      f.expected.insufficient,
    );
    for (const [id, missing] of Object.entries(f.expected.missing ?? {})) {
      expect(result.criteria.find((c) => c.id === id)?.missing, `${id} missing`).toEqual(missing);
    }
    expect(result.orgId).toBe(f.assessment.org.id);
    expect(result.assessedOn).toBe(f.assessment.assessedOn);
  });
});
