/**
 * Review of aa08baf, 0a0fbc8, b7bfc05. Invented places only; organisation ids start with 99.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { screen, screenMany, summarize, type BatchEntry, type ScreeningResult } from '../src/index.js';
import { acceptAssessment, acceptInterpreted } from '../src/schema/accept.js';
import { assessmentSchema } from '../src/schema/assessment.js';
import { fixture } from './helpers/fixtures.js';

const org = { id: '99001', name: 'Lantern Hollow', kind: 'village' };
const clean = { org: { id: '99002', name: 'Quillmere', kind: 'village' }, assessedOn: '2020-01-01' };

/** Seats filled above seats required (zod refuses), then a group whose getter runs `inner` while the record is being accepted. */
function reentrant(inner: () => void): unknown {
  return {
    org,
    assessedOn: '2020-01-01',
    leadership: { seatsRequired: 2, seatsFilled: 3 },
    unity: {
      get conflictReports() {
        inner();
        return 0;
      },
    },
  };
}

describe('aa08baf: the generated acceptor is not reentrant', () => {
  it('a getter that accepts another record meanwhile wipes the slots of the record being accepted', () => {
    const record = reentrant(() => acceptAssessment(clean, {}));
    expect(assessmentSchema.safeParse(record).success).toBe(false);
    expect(acceptInterpreted(record, {})).toBeUndefined();
    // Fails at aa08baf: the outer record is accepted, seats 3 of 2 and all.
    expect(acceptAssessment(record, {})).toBeUndefined();
  });

  it('through the public API: screen refuses the record, screenMany screens it', async () => {
    const record = reentrant(() => void screenMany([clean])[Symbol.asyncIterator]().next());
    await expect(screen(record)).rejects.toThrow(/must not exceed seatsRequired/);
    const entries: BatchEntry[] = [];
    for await (const entry of screenMany([clean, record])) entries.push(entry);
    expect(entries[0]!.ok).toBe(true);
    // Fails at aa08baf: { ok: true, result } for a record screen() rejects.
    expect(entries[1]!.ok).toBe(false);
  });

  it('the call inside the call still gets the right answer, and a record that throws leaves the acceptor usable', async () => {
    let inner: BatchEntry | undefined;
    const record = reentrant(() => void screenMany([clean])[Symbol.asyncIterator]().next().then((step) => (inner = step.value as BatchEntry)));
    for await (const _ of screenMany([record])) void _;
    await Promise.resolve();
    expect(inner?.ok).toBe(true);
    const throwing = { ...clean, unity: { get conflictReports(): number { throw new Error('unreadable'); } } };
    expect(() => acceptAssessment(throwing, {})).toThrow('unreadable');
    expect(acceptAssessment(clean, {})).toEqual(assessmentSchema.parse(clean));
  });
});

async function resultOf(): Promise<ScreeningResult> {
  for await (const entry of screenMany([{ ...fixture('04-').assessment, org: { ...org } }])) if (entry.ok) return entry.result;
  throw new Error('not screened');
}

describe('b7bfc05: the state rides on a hook that callers may replace', () => {
  it('an Object.create child with its own inspect hook still reads its parts, and summarize counts it', async () => {
    const result = await resultOf();
    const shown = Object.create(result, { [inspect.custom]: { value: () => 'Lantern Hollow (shown)' } }) as ScreeningResult;
    expect(inspect(shown)).toBe('Lantern Hollow (shown)');
    // Fails at b7bfc05: TypeError "not a screening result of this library".
    expect(shown.criteria).toEqual(result.criteria);
    expect(summarize([shown]).byCriterion).toEqual(summarize([result]).byCriterion);
  });

  it('a child may set its own hook by assignment', async () => {
    const child = Object.create(await resultOf()) as Record<symbol, unknown>;
    // Fails at b7bfc05: the inherited hook is read-only, so assignment throws in strict code.
    expect(() => {
      child[inspect.custom] = () => 'child';
    }).not.toThrow();
  });

  it('a Proxy that binds the functions it hands out still reads the result', async () => {
    const result = await resultOf();
    const bound = new Proxy(result, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(receiver) : value;
      },
    });
    // Fails at b7bfc05: the hook is non-configurable and non-writable, so the trap breaks a Proxy invariant (TypeError).
    expect(bound.criteria).toEqual(result.criteria);
  });
});
