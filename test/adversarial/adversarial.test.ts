/**
 * Issue 11, the standing adversarial suite, default tier (in `npm test`): hostile assessments,
 * options, CSV and JSON Lines files at the command line, and rule files, each property with a
 * fixed seed and a few dozen runs. The heavy tier (test/heavy/adversarial.test.ts) runs the
 * same properties with many more runs and bigger inputs. What each run must hold: suites.ts;
 * the classes and counts: docs/hostile-input.md.
 */
import { editArb } from './hostile-values.js';
import { assessmentSuite, cliSuite, optionsSuite, ruleFileSuite } from './suites.js';
import { DEFAULT_TIER } from './tiers.js';

assessmentSuite(DEFAULT_TIER);
optionsSuite(DEFAULT_TIER, editArb(DEFAULT_TIER.sizes));
cliSuite(DEFAULT_TIER);
ruleFileSuite(DEFAULT_TIER, editArb({ depth: 200, string: 2_000 }));
