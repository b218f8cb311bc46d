import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  closeProblem,
  recordAcceptance,
  recordDelisting,
  recordFollowUp,
  recordListing,
  recordLookBack,
  recordProgress,
  screen,
  type CaseStatus,
  type RectificationCase,
  type ScreeningResult,
} from '../../src/index.js';

/** One case of a lifecycle fixture: how it was made, the stored case, and its hand-checked statuses. */
export interface LifecycleCase {
  assessment: Record<string, unknown> & { org: { id: string }; assessedOn: string };
  followUpAssessments: Array<Record<string, unknown>>;
  open: Record<string, unknown>;
  /** The entries, in the order they were recorded (as `case progress` reads them, without orgId). */
  events: Array<Record<string, unknown> & { record: string }>;
  /** The case as the host stores it. */
  case: RectificationCase;
  expected: Array<{ asOf: string; status: CaseStatus }>;
}

/** A village's year in the life. */
export interface LifecycleFixture {
  file: string;
  title: string;
  notes: string[];
  cases: LifecycleCase[];
}

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'lifecycle');

/** The lifecycle fixtures, in file order (fresh copies). */
export function lifecycleFixtures(): LifecycleFixture[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: name, ...JSON.parse(readFileSync(join(dir, name), 'utf8')) }) as LifecycleFixture);
}

/** Every stored case of the fixtures (fresh copies). */
export function storedCases(): RectificationCase[] {
  return lifecycleFixtures().flatMap((f) => f.cases.map((c) => c.case));
}

/** Applies one event (the fixture's and the CLI's entry format) with its record function. */
export function applyEvent(c: RectificationCase, event: Record<string, unknown>, followUps: readonly ScreeningResult[]): RectificationCase {
  const { record, ...fields } = event;
  const entry = fields as never;
  switch (record) {
    case 'listing':
      return recordListing(c, entry);
    case 'progress':
      return recordProgress(c, entry);
    case 'close': {
      const { id, ...rest } = fields;
      return closeProblem(c, id as string, rest as never);
    }
    case 'acceptance':
      return recordAcceptance(c, entry);
    case 'followUp':
      return recordFollowUp(c, followUps.find((f) => f.assessedOn === fields.assessedOn)!);
    case 'delisting':
      return recordDelisting(c, entry);
    case 'lookBack':
      return recordLookBack(c, entry);
    default:
      throw new Error(`unknown event ${String(record)}`);
  }
}

/** The weak-lax result of the first fixture (篁竹坳村, C01 and C10 matched, assessed 2025-02-20). */
export async function villageA(): Promise<ScreeningResult> {
  return screen(lifecycleFixtures()[0]!.cases[0]!.assessment);
}

/** Its follow-up screening (sound, 2025-07-10). */
export async function villageAFollowUp(): Promise<ScreeningResult> {
  return screen(lifecycleFixtures()[0]!.cases[0]!.followUpAssessments[0]);
}

/** Freezes a value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
