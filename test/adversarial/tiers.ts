/**
 * The two tiers of the adversarial suite. The default tier runs in `npm test` (a fixed seed, a
 * few seconds on the 2-core machine); the heavy tier in `npm run test:heavy`, with many more runs
 * and bigger inputs (seed from ADVERSARIAL_SEED when set, to try new inputs; fast-check prints
 * the seed and path of any failure to replay it).
 */
import type { Tier } from './suites.js';

export const DEFAULT_TIER: Tier = {
  name: 'default',
  seed: 20_260_311,
  runs: { assessments: 40, options: 40, csv: 15, jsonLines: 15, ruleObjects: 40, ruleFolders: 12 },
  batch: 4,
  rows: 6,
  sizes: { depth: 2_000, string: 20_000 },
};

export const HEAVY_TIER: Tier = {
  name: 'heavy',
  seed: Number(process.env.ADVERSARIAL_SEED ?? 11_011),
  runs: { assessments: 800, options: 1_500, csv: 500, jsonLines: 250, ruleObjects: 2_000, ruleFolders: 400 },
  batch: 10,
  rows: 40,
  sizes: { depth: 100_000, string: 1_000_000 },
};
