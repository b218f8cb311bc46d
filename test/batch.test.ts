/** screenMany: count and order kept, bad records reported in place, any iterable, options once. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { screenMany, screen, isOptionsError, type BatchEntry } from '../src/index.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/villages/', import.meta.url));
const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(fixturesDir + name, 'utf8')) as { options?: object; assessment: { org: { id: string } } });
const plain = fixtures.filter((f) => !f.options).map((f) => f.assessment);

async function collect(iterable: AsyncIterable<BatchEntry>): Promise<BatchEntry[]> {
  const out: BatchEntry[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}

const throwing = {
  get org(): never {
    throw new Error('disk gone');
  },
};

const bad: unknown[] = [
  null,
  42,
  'text',
  [],
  { ...plain[0], leadership: { seatFilled: 3 } },
  { org: { id: 'X1', name: 'n', kind: 'village' }, assessedOn: '2017-02-29' },
  throwing,
];

describe('screenMany', () => {
  it('keeps count and order, with bad records mixed in, and matches screen', async () => {
    const records: unknown[] = [];
    plain.forEach((record, i) => {
      records.push(record);
      if (i % 5 === 0) records.push(bad[(i / 5) % bad.length]);
    });
    const entries = await collect(screenMany(records));
    expect(entries).toHaveLength(records.length);
    expect(entries.map((e) => e.index)).toEqual(records.map((_, i) => i));
    for (const [i, entry] of entries.entries()) {
      const record = records[i];
      if (plain.includes(record as never)) {
        expect(entry.ok).toBe(true);
        expect(entry.ok && entry.result).toEqual(await screen(record));
      } else {
        expect(entry.ok).toBe(false);
        if (!entry.ok) expect(entry.issues.length).toBeGreaterThan(0);
      }
    }
  });

  it('reports each bad record with the issues screen gives, and its orgId when readable', async () => {
    const entries = await collect(screenMany(bad));
    expect(entries.map((e) => e.ok)).toEqual(bad.map(() => false));
    for (const [i, record] of bad.entries()) {
      const entry = entries[i]!;
      if (entry.ok) throw new Error('unexpected');
      if (record === throwing) {
        expect(entry.issues).toEqual([{ path: '', message: 'could not read the record: disk gone' }]);
        expect('orgId' in entry).toBe(false);
        continue;
      }
      const error = await screen(record).then(
        () => undefined,
        (e: { issues: unknown; orgId?: string }) => e,
      );
      expect(entry.issues).toEqual(error!.issues);
      if (error!.orgId === undefined) expect('orgId' in entry).toBe(false);
      else expect(entry.orgId).toBe(error!.orgId);
    }
    expect(entries[4]).toMatchObject({ ok: false, orgId: plain[0]!.org.id, issues: [{ path: 'leadership.seatFilled' }] });
    expect(entries[0]).toEqual({ index: 0, ok: false, issues: [{ path: '', message: 'expected an object (one assessment)' }] });
  });

  it('takes an async iterable, pulling one record at a time', async () => {
    let pulled = 0;
    async function* source() {
      for (const record of plain) {
        pulled++;
        yield record;
      }
    }
    const iterator = screenMany(source())[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ index: 0, ok: true });
    expect(pulled).toBe(1);
    await iterator.return?.();
    const all = await collect(screenMany(source()));
    expect(all).toHaveLength(plain.length);
  });

  it('takes a generator and stops pulling when the consumer stops', async () => {
    let closed = false;
    function* source() {
      try {
        for (let i = 0; ; i++) yield plain[i % plain.length];
      } finally {
        closed = true;
      }
    }
    let n = 0;
    for await (const entry of screenMany(source())) {
      expect(entry.index).toBe(n);
      if (++n === 100) break;
    }
    expect(closed).toBe(true);
  });

  it('validates options once, before reading any record', async () => {
    let pulled = 0;
    function* source() {
      pulled++;
      yield plain[0];
    }
    const iterable = screenMany(source(), { thresholds: { C01: { secretaryVacantMonth: 6 } } });
    const error = await iterable[Symbol.asyncIterator]().next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOptionsError(error)).toBe(true);
    expect((error as { issues: { path: string }[] }).issues[0]!.path).toBe('thresholds.C01.secretaryVacantMonth');
    expect(pulled).toBe(0);
    await expect(collect(screenMany(plain, { bogus: true } as never))).rejects.toMatchObject({ code: 'ERR_OPTIONS' });
  });

  it('applies options to every record', async () => {
    const fixture = fixtures.find((f) => f.options)!;
    const [entry] = await collect(screenMany([fixture.assessment], fixture.options));
    expect(entry!.ok && entry!.result).toEqual(await screen(fixture.assessment, fixture.options));
  });

  it('rejects something that is not iterable on first iteration', async () => {
    await expect(collect(screenMany(42 as never))).rejects.toThrow(TypeError);
    await expect(collect(screenMany(null as never))).rejects.toThrow(TypeError);
  });

  it('lets a failing source reject the iteration (it is not a record)', async () => {
    async function* source() {
      yield plain[0];
      throw new Error('read failed');
    }
    const seen: BatchEntry[] = [];
    await expect(
      (async () => {
        for await (const entry of screenMany(source())) seen.push(entry);
      })(),
    ).rejects.toThrow('read failed');
    expect(seen).toHaveLength(1);
  });

  it('a sync source: its error rejects the next() that pulled it, and the iteration is then done', async () => {
    function* source() {
      yield plain[0];
      throw new Error('read failed');
    }
    const iterator = screenMany(source())[Symbol.asyncIterator]();
    expect(await iterator.next()).toMatchObject({ done: false, value: { index: 0, ok: true } });
    await expect(iterator.next()).rejects.toThrow('read failed');
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('a sync source is not opened by return() before the first next(), and each iteration starts afresh', async () => {
    let opened = 0;
    const iterable = {
      *[Symbol.iterator]() {
        opened++;
        yield* plain.slice(0, 3);
      },
    };
    const batch = screenMany(iterable);
    const first = batch[Symbol.asyncIterator]();
    expect(await first.return!()).toEqual({ done: true, value: undefined });
    expect(await first.next()).toEqual({ done: true, value: undefined });
    expect(opened).toBe(0);
    expect((await collect(batch)).map((e) => e.index)).toEqual([0, 1, 2]);
    expect((await collect(batch)).map((e) => e.index)).toEqual([0, 1, 2]);
    expect(opened).toBe(2);
  });

  it('keeps the async generator\'s protocol: an awaited return value, the thrown error first, options before the input is looked at', async () => {
    const iterator = screenMany(plain)[Symbol.asyncIterator]();
    // %AsyncIteratorPrototype%, as an async generator's iterator inherits it (three steps up from one).
    const generator = (async function* () {})();
    expect(Object.getPrototypeOf(iterator)).toBe(Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(generator))));
    expect((iterator as unknown as AsyncIterableIterator<unknown>)[Symbol.asyncIterator]()).toBe(iterator);
    await iterator.next();
    expect(await iterator.return!(Promise.resolve(5) as never)).toEqual({ value: 5, done: true });

    function* failingClose() {
      try {
        yield plain[0];
        yield plain[1];
      } finally {
        // eslint-disable-next-line no-unsafe-finally
        throw new Error('close failed');
      }
    }
    const closing = screenMany(failingClose())[Symbol.asyncIterator]();
    await closing.next();
    await expect(closing.throw!(new Error('mine'))).rejects.toThrow('mine');

    const odd = { get [Symbol.iterator](): never { throw new Error('iterator getter'); } };
    const first = screenMany(odd as never, { bogus: true } as never)[Symbol.asyncIterator]();
    await expect(first.next()).rejects.toMatchObject({ code: 'ERR_OPTIONS' });
  });

  it('handles an empty input', async () => {
    expect(await collect(screenMany([]))).toEqual([]);
  });
});
