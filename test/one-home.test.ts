/**
 * One home for each rule: a bound in the field table, an operator in the operator table and the
 * month arithmetic behind the derived facts are each changed on a copy (a mocked module), and every path
 * follows together: `screen` (json-rules-engine), `screenMany` and `screenManyCompact` (the
 * compiled path), the command line and the JSON Schema. Each case first checks that the
 * unchanged library answers otherwise, so the test can fail.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type * as Fields from '../src/schema/fields.js';
import type * as Conditions from '../src/engine/conditions.js';
import type * as Dates from '../src/internals/dates.js';
import { assessmentOf } from './helpers/fixtures.js';

type Lib = typeof import('../src/index.js');

const dir = mkdtempSync(join(tmpdir(), 'wls-one-home-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.doUnmock('../src/schema/fields.js');
  vi.doUnmock('../src/engine/conditions.js');
  vi.doUnmock('../src/internals/dates.js');
  vi.restoreAllMocks();
  vi.resetModules();
});

/** A fresh copy of the library (after the mocks above are registered). */
async function freshLibrary(): Promise<{ lib: Lib; main: (argv: string[]) => Promise<number> }> {
  vi.resetModules();
  const lib = await import('../src/index.js');
  const { main } = await import('../src/cli/index.js');
  return { lib, main };
}

interface Answers {
  screen: string[] | string;
  screenMany: string[] | string;
  compact: string[] | string;
  cli: string[] | string;
}

/** The matched criteria (or the first issue's path) of one record by every path. */
async function answers(record: unknown): Promise<Answers> {
  const { lib, main } = await freshLibrary();
  const bad = (issues: { path: string }[]) => `invalid: ${issues[0]!.path}`;
  let screenAnswer: Answers['screen'];
  try {
    screenAnswer = (await lib.screen(record)).matched;
  } catch (error) {
    screenAnswer = bad((error as { issues: { path: string }[] }).issues);
  }
  const [entry] = await collect(lib.screenMany([record]));
  const [compact] = await collect(lib.screenManyCompact([record]));
  const file = join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, `${JSON.stringify(record)}\n`);
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await main(['screen', file, '--format', 'jsonl', '--workers', '0']);
  vi.restoreAllMocks();
  const cli = JSON.parse(stdout.trim()) as typeof entry;
  const of = (e: typeof entry | typeof compact) => (e!.ok ? e!.result.matched : bad(e!.issues));
  return { screen: screenAnswer, screenMany: of(entry), compact: of(compact), cli: of(cli) };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const everywhere = (answer: string[] | string): Answers => ({ screen: answer, screenMany: answer, compact: answer, cli: answer });

describe('one home for each rule', () => {
  it('a bound added in the field table reaches screen, screenMany, screenManyCompact, the CLI and the JSON Schema', async () => {
    const record = assessmentOf('01-');
    (record.leadership as Record<string, unknown>).seatsRequired = 150;
    (record.leadership as Record<string, unknown>).seatsFilled = 150;
    expect(await answers(record)).toEqual(everywhere([]));

    vi.doMock('../src/schema/fields.js', async (importOriginal) => {
      const real = await importOriginal<typeof Fields>();
      const INDICATOR_GROUPS = real.INDICATOR_GROUPS.map((group) => ({
        ...group,
        fields: group.fields.map((field) => (field.path === 'leadership.seatsRequired' ? { ...field, max: 99 } : field)),
      }));
      return {
        ...real,
        INDICATOR_GROUPS,
        GROUPS: [real.ORG_GROUP, real.REGION_GROUP, ...INDICATOR_GROUPS],
        FIELDS: [...real.ORG_GROUP.fields, ...real.REGION_GROUP.fields, real.ASSESSED_ON, ...INDICATOR_GROUPS.flatMap((g) => g.fields)],
      };
    });
    expect(await answers(record)).toEqual(everywhere('invalid: leadership.seatsRequired'));
    const { lib } = await freshLibrary();
    const schema = lib.assessmentJsonSchema as { properties: { leadership: { properties: { seatsRequired: { maximum?: number } } } } };
    expect(schema.properties.leadership.properties.seatsRequired.maximum).toBe(99);
  });

  it('an operator changed in the operator table reaches every path', async () => {
    // C05: satisfactionRate exactly 0.6 is not under 0.6.
    const record = assessmentOf('01-');
    (record.service as Record<string, unknown>).satisfactionRate = 0.6;
    expect(await answers(record)).toEqual(everywhere([]));

    vi.doMock('../src/engine/conditions.js', async (importOriginal) => {
      const real = await importOriginal<typeof Conditions>();
      // "under" read as "at most": then C05's 0.6 and C07's 4 disclosures of 4 both match.
      return { ...real, OPERATORS: { ...real.OPERATORS, lessThan: { ...real.OPERATORS.lessThan, test: (a: unknown, b: unknown) => (a as number) <= (b as number) } } };
    });
    expect(await answers(record)).toEqual(everywhere(['C05', 'C07']));
  });

  it('month arithmetic changed in its one home reaches every path through the derived facts', async () => {
    // C01: the secretary post vacant since exactly 2 months before assessedOn is not matched.
    const record = assessmentOf('01-');
    const [y, m, d] = String(record.assessedOn).split('-').map(Number) as [number, number, number];
    const twoMonthsBefore = `${m > 2 ? y : y - 1}-${String(((m + 9) % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    (record.leadership as Record<string, unknown>).secretaryVacantSince = twoMonthsBefore;
    expect(await answers(record)).toEqual(everywhere([]));

    vi.doMock('../src/internals/dates.js', async (importOriginal) => {
      const real = await importOriginal<typeof Dates>();
      // Month arithmetic counted a year longer: the vacancy reads as 14 months (C01), and the
      // election of 58 months ago as 70 (C04: the term has run out, postponement not approved).
      return { ...real, fractionalMonths: (from: string, to: string) => real.fractionalMonths(from, to) + 12 };
    });
    expect(await answers(record)).toEqual(everywhere(['C01', 'C04']));
  });
});
