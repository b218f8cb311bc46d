/**
 * Worker thread for the bulk differential test: samples `count` seeded cases and compares
 * the reference path with both compiled modes on each. The reference path runs about 2,500
 * records/s on one core, so the 100,000 cases are split across worker threads (one per core)
 * rather than run concurrently on one thread (overlapping json-rules-engine runs are slower,
 * not faster: every condition is a promise). Each worker costs about 1 ms per record, almost
 * all of it the reference path.
 */
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { mixedCaseArb } from './arbitraries.js';
import { viaCompiled, viaReference } from './compare.js';

const { seed, count } = workerData as { seed: number; count: number };
const cases = fc.sample(mixedCaseArb, { seed, numRuns: count });
let valid = 0;
let invalid = 0;
let withThresholds = 0;
const mismatches: unknown[] = [];
for (const { record, thresholds } of cases) {
  const options = thresholds ? { thresholds } : undefined;
  if (options) withThresholds++;
  const reference = await viaReference(record, options);
  if (reference.ok) valid++;
  else invalid++;
  // Results are plain JSON data, so identical JSON text means equal field by field (and in
  // the same key order); this is much cheaper than a deep comparison of 100,000 pairs.
  const expected = JSON.stringify(reference);
  const compiled = viaCompiled(record, options);
  if (JSON.stringify(compiled) !== expected && mismatches.length < 5) mismatches.push({ record, options });
}
parentPort!.postMessage({ checked: cases.length, valid, invalid, withThresholds, mismatches });
