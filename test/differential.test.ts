/**
 * Differential tests: the compiled evaluator (both modes) against the json-rules-engine
 * reference path (`screen`), field by field on the full ScreeningResult.
 *
 * - fixtures and fast-check properties compare full results with vitest's deep equality
 *   (and identical JSON text, so key order too), with and without threshold overrides, for
 *   cn-2017-ten and for a ruleset using every condition shape;
 * - the bulk test compares 100,000 seeded random records (about 8% bad ones, a quarter with
 *   threshold overrides). The reference path manages about 2,000 records/s per core, so the
 *   records are split across worker threads, one per core (running reference evaluations
 *   concurrently on one thread is slower, not faster). Each worker compares by JSON text
 *   (results are plain JSON data, so equal text means equal fields in the same order; the
 *   properties above use deep equality) and reports mismatches back, which are replayed here
 *   with `expect().toEqual` for a readable diff. Measured on the 2-core machine: about 50 s
 *   (about 110 s while other test suites shared the cores), nearly all json-rules-engine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { screen } from '../src/screen.js';
import { rulesets } from '../src/rulesets.js';
import { loadRuleset } from '../src/load-folder.js';
import { prepareOptions, validateAssessment } from '../src/screen.js';
import { buildFacts } from '../src/facts.js';
import { evaluateReference } from '../src/engine/reference.js';
import { CODE, compileRuleset, verdictOfCodes, type CompileMode } from '../src/engine/compiled.js';
import { acceptAssessment, ACCEPTOR_IN_STEP } from '../src/schema/accept.js';
import { assessmentSchema } from '../src/schema/assessment.js';
import { assessmentArb, badRecordArb, thresholdsArb } from './helpers/arbitraries.js';
import { shapesAssessmentArb, shapesRuleset } from './helpers/shapes-ruleset.js';
import { viaCompiled, viaReference } from './helpers/compare.js';

const MODES: readonly CompileMode[] = ['codegen', 'closures'];
const extendedDir = fileURLToPath(new URL('../fixtures/extended/', import.meta.url));
const fixturesDir = fileURLToPath(new URL('../fixtures/villages/', import.meta.url));
const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, ...JSON.parse(readFileSync(fixturesDir + name, 'utf8')) }));

async function expectSame(record: unknown, options: Parameters<typeof screen>[1], mode: CompileMode): Promise<void> {
  const reference = await viaReference(record, options);
  const compiled = viaCompiled(record, options, mode);
  expect(compiled).toEqual(reference);
  expect(JSON.stringify(compiled)).toBe(JSON.stringify(reference));
}

describe.each(MODES)('compiled evaluator (%s) against the reference path', (mode) => {
  it.each(fixtures)('fixture $name', async (fixture) => {
    await expectSame(fixture.assessment, fixture.options, mode);
    const compiled = viaCompiled(fixture.assessment, fixture.options, mode);
    expect(compiled.ok && compiled.result.verdict).toBe(fixture.expected.verdict);
    expect(compiled.ok && compiled.result.score).toBe(fixture.expected.score);
  });

  it('random assessments, missing data and boundary values included', async () => {
    await fc.assert(fc.asyncProperty(assessmentArb, (record) => expectSame(record, undefined, mode)), { numRuns: 600, seed: 4001 });
  });

  it('random assessments with threshold overrides (warning lines clamped)', async () => {
    await fc.assert(
      fc.asyncProperty(assessmentArb, thresholdsArb, (record, thresholds) => expectSame(record, { thresholds }, mode)),
      { numRuns: 400, seed: 4002 },
    );
  });

  it('the extended ruleset (C11, C12) and a provincial profile, with overrides', async () => {
    const profile = loadRuleset(fileURLToPath(new URL('../examples/profiles/example-province/', import.meta.url)));
    const extended = rulesets['cn-2019-extended'];
    await fc.assert(
      fc.asyncProperty(assessmentArb, fc.boolean(), fc.integer({ min: 0, max: 8 }), async (record, useProfile, absent) => {
        const ruleset = useProfile ? profile : extended;
        const withExtra = useProfile && absent > 2 ? { ...record, extra: { secretaryAbsentMonths: absent } } : record;
        await expectSame(withExtra, { ruleset }, mode);
        await expectSame(withExtra, { ruleset, thresholds: { C11: { collectiveIncome: 80_000 }, C12: { monthsSinceCandidate: 12 } } }, mode);
      }),
      { numRuns: 300, seed: 4005 },
    );
    for (const name of readdirSync(extendedDir).filter((n) => n.endsWith('.json'))) {
      const fixture = JSON.parse(readFileSync(extendedDir + name, 'utf8'));
      await expectSame(fixture.assessment, { ...fixture.options, ruleset: extended }, mode);
    }
  });

  it('bad records: the same AssessmentError issues', async () => {
    await fc.assert(
      fc.asyncProperty(badRecordArb, fc.constantFrom('en', 'zh-CN') as fc.Arbitrary<'en' | 'zh-CN'>, (record, locale) =>
        expectSame(record, { locale }, mode),
      ),
      { numRuns: 300, seed: 4003 },
    );
  });

  it('a ruleset with all, not, nesting, in/notIn, field comparisons, paths and extra facts', async () => {
    await fc.assert(
      fc.asyncProperty(shapesAssessmentArb, (record) => expectSame(record, { ruleset: shapesRuleset }, mode)),
      { numRuns: 500, seed: 4004 },
    );
  });

  it('the same leaf results as json-rules-engine, and core() agrees with explain()', async () => {
    await fc.assert(
      fc.asyncProperty(shapesAssessmentArb, async (record) => {
        const prepared = prepareOptions({ ruleset: shapesRuleset });
        const compiled = compileRuleset(prepared.ruleset, prepared.thresholds, mode);
        const assessment = validateAssessment(record, prepared);
        const facts = buildFacts(assessment);
        const vector = compiled.extract(assessment);
        expect(vector).toEqual(compiled.fromFacts(facts));
        expect(compiled.leafResults(vector)).toEqual(await evaluateReference(prepared.ruleset, facts, prepared.thresholds));
        const codes = new Uint8Array(prepared.ruleset.criteria.length);
        const score = compiled.core(vector, codes);
        const explained = compiled.explain(vector, assessment);
        const expectedCodes = explained.map((c) =>
          c.outcome === 'matched' ? CODE.matched : c.outcome === 'insufficient-data' ? CODE.insufficient : c.near ? CODE.near : CODE.notMatched,
        );
        expect([...codes]).toEqual(expectedCodes);
        const reference = await screen(record, { ruleset: shapesRuleset });
        expect(score).toBe(reference.score);
        expect(verdictOfCodes(codes, codes.length, score, prepared.atRiskScore)).toBe(reference.verdict);
      }),
      { numRuns: 300, seed: 4005 },
    );
  });
});

describe('fast acceptor (batch validation) against zod', () => {
  it('is in step with the schema', () => {
    expect(ACCEPTOR_IN_STEP).toBe(true);
  });

  it('accepts only what zod accepts, with the same value; valid records take the fast path', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          assessmentArb.map((record) => ({ record, plainlyValid: true })),
          fc.oneof(badRecordArb, shapesAssessmentArb).map((record) => ({ record, plainlyValid: false })),
        ),
        ({ record, plainlyValid }) => {
          const accepted = acceptAssessment(record, {});
          const parsed = assessmentSchema.safeParse(record);
          if (accepted !== undefined) {
            expect(parsed.success).toBe(true);
            expect(accepted).toEqual(parsed.data);
            expect(JSON.stringify(accepted.org)).toBe(JSON.stringify(parsed.data!.org));
          }
          if (plainlyValid) expect(accepted).toBeDefined();
        },
      ),
      { numRuns: 3000, seed: 4006 },
    );
  });

  it('checks declared extra facts as checkExtraFacts does', () => {
    const declared = shapesRuleset.extraFacts;
    fc.assert(
      fc.property(shapesAssessmentArb, (record) => {
        const accepted = acceptAssessment(record, declared);
        const prepared = prepareOptions({ ruleset: shapesRuleset });
        let valid = true;
        try {
          validateAssessment(record, prepared);
        } catch {
          valid = false;
        }
        expect(accepted !== undefined).toBe(valid);
      }),
      { numRuns: 500, seed: 4007 },
    );
    expect(acceptAssessment({ org: { id: '1', name: 'n', kind: 'village' }, assessedOn: '2020-01-01', extra: { income: '5' } }, declared)).toBeUndefined();
    expect(acceptAssessment({ org: { id: '1', name: 'n', kind: 'village' }, assessedOn: '2020-01-01', extra: { other: 5 } }, declared)).toBeUndefined();
  });

  it('leaves anything unusual to zod', () => {
    const base = { org: { id: '1', name: 'n', kind: 'village' }, assessedOn: '2020-01-01' };
    expect(acceptAssessment(base, {})).toEqual(base);
    class Record_ {
      org = base.org;
      assessedOn = base.assessedOn;
    }
    for (const odd of [
      new Record_(),
      { ...base, venue: { hasFixedVenue: undefined } },
      { ...base, service: { satisfactionRate: Number.NaN } },
      { ...base, safety: { petitions: 2 ** 53 } },
      { ...base, economy: { collectiveIncome: Number.POSITIVE_INFINITY } },
      JSON.parse('{"org":{"id":"1","name":"n","kind":"village"},"assessedOn":"2020-01-01","__proto__":{}}'),
    ]) {
      expect(acceptAssessment(odd, {})).toBeUndefined();
    }
  });
});

describe('closure fallback where code generation is forbidden', () => {
  it('is chosen automatically under --disallow-code-generation-from-strings and gives the reference results', () => {
    const script = fileURLToPath(new URL('./helpers/no-codegen.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { codegenAllowed: boolean; mode: string; compared: number; mismatches: number };
    expect(report).toEqual({ codegenAllowed: false, mode: 'closures', compared: fixtures.length, mismatches: 0 });
  });
});

describe('100,000 seeded random records, both modes against the reference', () => {
  it('agree on every field of every result and every error', async () => {
    const total = 100_000;
    const workers = Math.max(2, Math.min(4, availableParallelism()));
    const started = Date.now();
    const script = fileURLToPath(new URL('./helpers/differential-worker.mjs', import.meta.url));
    const reports = await Promise.all(
      Array.from({ length: workers }, (_, i) => {
        const count = Math.floor(total / workers) + (i < total % workers ? 1 : 0);
        return new Promise<{ checked: number; valid: number; invalid: number; withThresholds: number; mismatches: { mode: CompileMode; record: unknown; options: never }[] }>(
          (resolve, reject) => {
            const worker = new Worker(script, { workerData: { seed: 20_170_215 + i, count } });
            worker.once('message', resolve);
            worker.once('error', reject);
          },
        );
      }),
    );
    const checked = reports.reduce((n, r) => n + r.checked, 0);
    const invalid = reports.reduce((n, r) => n + r.invalid, 0);
    const withThresholds = reports.reduce((n, r) => n + r.withThresholds, 0);
    expect(checked).toBe(total);
    expect(invalid).toBeGreaterThan(total * 0.03);
    expect(withThresholds).toBeGreaterThan(total * 0.15);
    for (const { mode, record, options } of reports.flatMap((r) => r.mismatches)) {
      // Replayed here for a readable diff.
      await expectSame(record, options, mode);
    }
    expect(reports.flatMap((r) => r.mismatches)).toEqual([]);
    console.info(`differential: ${checked} records (${invalid} bad, ${withThresholds} with overrides) on ${workers} workers in ${Date.now() - started} ms`);
  }, 300_000);
});

describe('fast acceptance: dates', () => {
  it('accepts exactly the dates zod accepts (every day of leap-rule years, odd forms)', () => {
    const years = [0, 1, 4, 100, 400, 1899, 1900, 1901, 2000, 2001, 2096, 2100, 2104, 9996, 9999];
    const forms = ['2017-1-01', '２０１７-01-01', '2017-01-01 ', '20170101', '2017/01/01', '+2017-01-01', '2017-0a-01', '10000-01-01'];
    const dates = years.flatMap((y) =>
      Array.from({ length: 14 * 33 }, (_, i) => `${String(y).padStart(4, '0')}-${String(Math.floor(i / 33)).padStart(2, '0')}-${String(i % 33).padStart(2, '0')}`),
    );
    for (const date of [...dates, ...forms]) {
      const record = { org: { id: '1', name: '村', kind: 'village' }, assessedOn: date };
      expect(acceptAssessment(record, {}) !== undefined, date).toBe(assessmentSchema.safeParse(record).success);
    }
  });
});
