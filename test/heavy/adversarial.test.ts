/**
 * Issue 11, the standing adversarial suite (heavy tier, `npm run test:heavy`): the properties
 * of test/adversarial/ with many more runs and bigger inputs. ADVERSARIAL_SEED=n tries other
 * inputs.
 */
import { editArb } from '../adversarial/hostile-values.js';
import { assessmentSuite, cliSuite, optionsSuite, ruleFileSuite } from '../adversarial/suites.js';
import { HEAVY_TIER } from '../adversarial/tiers.js';

assessmentSuite(HEAVY_TIER);
optionsSuite(HEAVY_TIER, editArb(HEAVY_TIER.sizes));
cliSuite(HEAVY_TIER);
ruleFileSuite(HEAVY_TIER, editArb({ depth: 2_000, string: 20_000 }));
