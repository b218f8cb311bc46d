/**
 * The browser build's stand-in for `reference.ts`: `screen` evaluates with the compiled
 * evaluator instead of json-rules-engine, which (with its dependencies) is about a third of a
 * screening bundle. The results are the same by construction: both evaluators run the leaves
 * with the one operator table of `conditions.ts` on the facts of `facts.ts`, and hand leaf
 * results to the same outcome layer; the differential tests hold them equal, and
 * test/browser-build.test.ts holds the browser build equal to the Node build on every fixture.
 *
 * tsup.config.ts puts this module in place of `reference.ts` in `dist/browser/` only; Node
 * keeps json-rules-engine as the reference.
 *
 * @module
 */
import type { Assessment } from '../schema/assessment.js';
import type { EffectiveThresholds, Ruleset } from '../ruleset.js';
import { compileRuleset } from './compiled.js';
import { leafLayout } from './layout.js';
import { leafResults, type LeafResults } from './leaf.js';

/** Evaluates every criterion of `ruleset` with the compiled evaluator: the leaf results `reference.ts` gives. */
export async function evaluateReference(ruleset: Ruleset, assessment: Assessment, thresholds: EffectiveThresholds): Promise<LeafResults> {
  const compiled = compileRuleset(ruleset, thresholds);
  const out = leafResults(leafLayout(ruleset).count);
  compiled.evaluate(compiled.extract(assessment), out);
  return out;
}
