/**
 * The heavy differential run (`npm run test:heavy`): 100,000 seeded random records (about 8%
 * bad ones, a quarter with threshold overrides), the compiled path against the reference path.
 * The reference path manages a few thousand records/s per core, so the records are split
 * across worker threads, one per core. Each worker compares by JSON text (results are plain
 * JSON data, so equal text means equal fields in the same order) and reports mismatches back,
 * which are replayed here with `expect().toEqual` for a readable diff.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { viaCompiled, viaReference } from '../helpers/compare.js';

describe('100,000 seeded random records, the compiled path against the reference', () => {
  it('agree on every field of every result and every error', async () => {
    const total = 100_000;
    const workers = Math.max(2, Math.min(4, availableParallelism()));
    const started = Date.now();
    const script = fileURLToPath(new URL('../helpers/differential-worker.mjs', import.meta.url));
    const reports = await Promise.all(
      Array.from({ length: workers }, (_, i) => {
        const count = Math.floor(total / workers) + (i < total % workers ? 1 : 0);
        return new Promise<{ checked: number; valid: number; invalid: number; withThresholds: number; mismatches: { record: unknown; options: never }[] }>(
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
    for (const { record, options } of reports.flatMap((r) => r.mismatches)) {
      // Replayed here for a readable diff.
      expect(viaCompiled(record, options)).toEqual(await viaReference(record, options));
    }
    expect(reports.flatMap((r) => r.mismatches)).toEqual([]);
    console.info(`differential: ${checked} records (${invalid} bad, ${withThresholds} with overrides) on ${workers} workers in ${Date.now() - started} ms`);
  }, 300_000);
});

