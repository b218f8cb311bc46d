/**
 * Running one record through both paths and comparing what comes out: the reference
 * (`screen`, json-rules-engine) and the compiled path (`screenRecord`, as `screenMany` uses
 * it) in a given mode. Results must be deep-equal and serialise to the same JSON text (same
 * key order); failures must be the same error with the same issues.
 */
import { isDeepStrictEqual } from 'node:util';
import { screen, type ScreenOptions, type ScreeningResult } from '../../src/screen.js';
import { prepareBatch, screenEntry } from '../../src/batch/many.js';
import { AssessmentError, isScreenerError } from '../../src/errors.js';
import type { BatchEntry, CompactEntry } from '../../src/index.js';

export type PathOutcome =
  | { ok: true; result: ScreeningResult }
  | { ok: false; name: string; message: string; code?: string; issues?: unknown; orgId?: unknown };

function failure(error: unknown): PathOutcome {
  const e = error as { name?: string; message?: string; code?: string; issues?: unknown; orgId?: unknown };
  return isScreenerError(error)
    ? { ok: false, name: String(e.name), message: String(e.message), code: e.code, issues: e.issues, orgId: e.orgId }
    : { ok: false, name: String(e?.name), message: String(e?.message ?? error) };
}

export async function viaReference(record: unknown, options?: ScreenOptions): Promise<PathOutcome> {
  try {
    return { ok: true, result: await screen(record, options) };
  } catch (error) {
    return failure(error);
  }
}

const batches = new Map<string, ReturnType<typeof prepareBatch>>();

/** Options are prepared once per distinct options object, as in a batch. */
function batchFor(options: ScreenOptions | undefined) {
  if (options?.ruleset) return prepareBatch(options);
  const key = JSON.stringify(options ?? {});
  let batch = batches.get(key);
  if (!batch) batches.set(key, (batch = prepareBatch(options)));
  return batch;
}

/** The compiled path as `screenMany` runs it; a bad record's issues as the error `screen` would throw. */
export function viaCompiled(record: unknown, options: ScreenOptions | undefined): PathOutcome {
  try {
    const entry = screenEntry(record, 0, batchFor(options));
    return entry.ok ? { ok: true, result: entry.result } : failure(new AssessmentError(entry.issues, entry.orgId, options?.locale));
  } catch (error) {
    return failure(error);
  }
}

export function sameOutcome(a: PathOutcome, b: PathOutcome): boolean {
  return isDeepStrictEqual(a, b) && JSON.stringify(a) === JSON.stringify(b);
}

/** The compact entry (screenManyCompact) that a full entry of screenMany stands for: the same fields, nothing more. */
export function compactOf(entry: BatchEntry): CompactEntry {
  if (!entry.ok) return entry;
  const { result: r } = entry;
  const ids = (test: (c: (typeof r.criteria)[number]) => boolean) => r.criteria.filter(test).map((c) => c.id);
  return {
    index: entry.index,
    ok: true,
    result: {
      orgId: r.orgId,
      orgName: r.orgName,
      kind: r.kind,
      ...(r.region ? { region: r.region } : {}),
      assessedOn: r.assessedOn,
      verdict: r.verdict,
      score: r.score,
      matched: r.matched,
      near: ids((c) => c.near),
      insufficient: ids((c) => c.outcome === 'insufficient-data'),
    },
  };
}
