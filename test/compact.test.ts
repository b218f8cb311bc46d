/**
 * screenManyCompact is the fast path for tables and CSV: every compact result must equal
 * the same fields of screenMany's full result, and bad records must get the same entries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesets, screenMany, screenManyCompact, type ScreenOptions } from '../src/index.js';
import { assessmentArb, badRecordArb, thresholdsArb } from './helpers/arbitraries.js';
import { readFixtures } from './helpers/fixtures.js';
import { compactOf } from './helpers/compare.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function expectSame(records: unknown[], options?: ScreenOptions): Promise<void> {
  const full = await collect(screenMany(records, options));
  const compact = await collect(screenManyCompact(records, options));
  expect(JSON.stringify(compact)).toBe(JSON.stringify(full.map(compactOf)));
}

describe('screenManyCompact', () => {
  it('gives the fixtures their hand-checked verdicts, scores and lists', async () => {
    const fixtures = readFixtures();
    const compact = await collect(screenManyCompact(fixtures.map((f) => f.assessment)));
    compact.forEach((entry, i) => {
      const { expected } = fixtures[i]!;
      if (fixtures[i]!.options) return; // options differ per fixture; covered below
      expect(entry.ok && [entry.result.verdict, entry.result.score, entry.result.matched, entry.result.near, entry.result.insufficient]).toEqual([
        expected.verdict, expected.score, expected.matched, expected.near, expected.insufficient,
      ]);
    });
  });

  it('equals the full results on random batches, bad records, overrides and the extended ruleset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 9, arbitrary: assessmentArb }, { weight: 1, arbitrary: badRecordArb }), { maxLength: 30 }),
        fc.option(thresholdsArb, { nil: undefined }),
        fc.boolean(),
        async (records, thresholds, extended) => {
          await expectSame(records, { ...(thresholds ? { thresholds } : {}), ...(extended ? { ruleset: rulesets['cn-2019-extended'] } : {}) });
        },
      ),
      { numRuns: 150, seed: 5001 },
    );
  });

  it('validates options up front like screenMany', async () => {
    await expect(collect(screenManyCompact([], { atRiskScor: 1 } as never))).rejects.toMatchObject({ code: 'ERR_OPTIONS' });
  });
});
