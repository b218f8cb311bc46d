/**
 * One benchmark case, run in its own process so that its peak RSS is its own:
 * `tsx bench/case.ts <case> <records>`; prints one JSON line.
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import { records } from './records.js';
import { screen } from '../src/screen.js';
import { prepareBatch, screenMany, screenManyCompact } from '../src/batch/many.js';
import { acceptAssessment } from '../src/schema/accept.js';
import { factReader } from '../src/facts.js';
import { defaultRuleset } from '../src/rulesets.js';
import type { FactVector } from '../src/engine/compiled.js';
import { criterionCodes, scoreOf, verdictOf } from '../src/outcome.js';
import type { Assessment } from '../src/schema/assessment.js';

const [name, countText] = process.argv.slice(2) as [string, string];
const count = Number(countText);

function report(n: number, ms: number, extra: Record<string, unknown> = {}): void {
  const rss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ name, records: n, ms, perSecond: (n / ms) * 1000, peakRssMiB: rss / 2 ** 20, ...extra }) + '\n');
}

/** The facts the default ruleset reads, and their readers. */
const factNames = [...new Set(defaultRuleset.criteria.flatMap((c) => c.leaves.flatMap((l) => (l.value.kind === 'fact' ? [l.fact, l.value.fact] : [l.fact]))))];
const readers = factNames.map((name) => [name, factReader(name)] as const);

/** Dotted facts for json-rules-engine, as the reference path gives it (absent facts left out). */
function engineFacts(assessment: Assessment): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, read] of readers) {
    const value = read(assessment);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const batch = prepareBatch();

/**
 * The records of a timed loop: a pool of distinct generated records, made before the clock
 * starts and cycled, so that every case (the baseline included) times the screening, not the
 * generator (which costs about 5 µs a record, a visible share of the faster cases).
 */
const POOL_SIZE = 20_000;
let pool: unknown[] | undefined;
function* cycled(n: number): Generator<unknown> {
  pool ??= [...records(Math.min(n, POOL_SIZE))];
  for (let i = 0; i < n; i++) yield pool[i % pool.length];
}

switch (name) {
  case 'baseline': {
    // A plain json-rules-engine loop: one Engine, the ten rules, thresholds as constant
    // facts, one awaited run per record. Records are turned into dotted facts (derived months
    // included) without validation; a record that cannot be is skipped.
    const engine = new Engine([], { allowUndefinedFacts: true });
    for (const criterion of defaultRuleset.criteria) engine.addRule({ ...criterion.rule, name: criterion.id } as unknown as RuleProperties);
    for (const [id, names] of Object.entries(batch.prepared.thresholds.values)) {
      for (const [threshold, value] of Object.entries(names)) engine.addFact(`threshold.${id}.${threshold}`, value);
    }
    let matched = 0;
    const input = cycled(count + 1);
    input.next(); // build the pool before the clock starts
    const start = performance.now();
    for (const record of input) {
      let facts: Record<string, unknown>;
      try {
        facts = engineFacts(record as Assessment);
      } catch {
        continue;
      }
      const { results } = await engine.run(facts);
      matched += results.length;
    }
    report(count, performance.now() - start, { matched });
    break;
  }
  case 'reference': {
    let ok = 0;
    const input = cycled(count + 1);
    input.next();
    const start = performance.now();
    for (const record of input) {
      try {
        await screen(record);
        ok++;
      } catch {
        // a bad record
      }
    }
    report(count, performance.now() - start, { ok });
    break;
  }
  case 'core': {
    // Outcomes, near flags, score and verdict on pre-built fact vectors.
    const { compiled } = batch;
    const vectors: FactVector[] = [];
    for (const record of records(Math.min(count, 200_000))) {
      const assessment = acceptAssessment(record, {});
      if (assessment) vectors.push(compiled.extract(assessment));
    }
    const { codes, leaves, prepared } = batch;
    const verdicts = { 'weak-lax': 0, 'at-risk': 0, sound: 0, undetermined: 0 };
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        compiled.evaluate(vectors[i % vectors.length]!, leaves);
        criterionCodes(prepared.outcomes, leaves, codes);
        const score = scoreOf(prepared.ruleset, codes);
        verdicts[verdictOf(codes, codes.length, score, 5)]++;
      }
    };
    run(200_000); // warm-up
    const start = performance.now();
    run(count);
    report(count, performance.now() - start, { distinctVectors: vectors.length });
    break;
  }
  case 'core-from-records': {
    // The same, from raw parsed records: fast acceptance (zod for the rest) + fact extraction + core.
    const { compiled, prepared, leaves, codes } = batch;
    const input = [...records(Math.min(count, 200_000))];
    const run = (n: number) => {
      let weakLax = 0;
      for (let i = 0; i < n; i++) {
        const record = input[i % input.length];
        const assessment = acceptAssessment(record, {});
        if (!assessment) continue; // screenMany would validate with zod here
        compiled.evaluate(compiled.extract(assessment), leaves);
        criterionCodes(prepared.outcomes, leaves, codes);
        const score = scoreOf(prepared.ruleset, codes);
        if (verdictOf(codes, codes.length, score, prepared.atRiskScore) === 'weak-lax') weakLax++;
      }
      return weakLax;
    };
    run(100_000);
    const start = performance.now();
    run(count);
    report(count, performance.now() - start);
    break;
  }
  case 'screenManyCompact': {
    // The fast path for tables and CSV: validation (fast acceptance, zod for the rest) and
    // the compiled core; verdict, score and criterion ids out, no evidence or plans.
    let ok = 0;
    const input = cycled(count + 1);
    input.next();
    const start = performance.now();
    for await (const entry of screenManyCompact(input)) if (entry.ok) ok++;
    report(count, performance.now() - start, { ok });
    break;
  }
  case 'screenMany':
  case 'screenMany-read': {
    // End to end: records streamed from a generator, full ScreeningResults out, validation
    // included (fast acceptance, zod for the rest), every entry consumed. `screenMany-read`
    // also reads every result whole, as a caller writing JSON does: the explanation and plan
    // each result builds on first read are built there.
    const read = name === 'screenMany-read';
    let ok = 0;
    let bad = 0;
    let bytes = 0;
    const input = cycled(count + 1);
    input.next();
    const start = performance.now();
    for await (const entry of screenMany(input)) {
      if (entry.ok) ok++;
      else bad++;
      if (read) bytes += JSON.stringify(entry).length;
    }
    report(count, performance.now() - start, { ok, bad, ...(read ? { bytes } : {}) });
    break;
  }
  case 'zod': {
    // For the profile: what validating every record with zod alone would cost.
    const { prepared } = batch;
    const { validateAssessment } = await import('../src/screen.js');
    const input = [...records(Math.min(count, 100_000))];
    let ok = 0;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      try {
        validateAssessment(input[i % input.length], prepared);
        ok++;
      } catch {
        // bad record
      }
    }
    report(count, performance.now() - start, { ok });
    break;
  }
  default:
    throw new Error(`unknown case ${name}`);
}
