/**
 * A file that fails to read part-way (a disk or network error): the run stops with a usage
 * error naming the file and the reason (exit 2), never as if the file had ended there.
 */
import { open } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runMain, scratch } from './helpers/cli.js';

const { file } = scratch('wls-cli-read-error-');
afterEach(() => vi.restoreAllMocks());

const record = (i: number) => JSON.stringify({ org: { id: `99${String(i).padStart(4, '0')}`, name: `第${i}村`, kind: 'village' }, assessedOn: '2026-03-31' });

describe('a read error part-way through a JSON Lines file', () => {
  it.each(['csv', 'jsonl'])('--format %s: exit 2 with the file and the reason on stderr, whatever was written before', async (format) => {
    const path = file(`records-${format}.jsonl`, Array.from({ length: 3000 }, (_, i) => record(i)).join('\n') + '\n');
    // The file handle's class, from a handle of our own.
    const handle = await open(path, 'r');
    const proto = Object.getPrototypeOf(handle) as { read: (...args: unknown[]) => Promise<unknown> };
    await handle.close();
    const read = proto.read;
    let calls = 0;
    vi.spyOn(proto, 'read').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (++calls === 3) return Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' }));
      return read.apply(this, args);
    });
    const out = await runMain(['screen', path, '--format', format, '--workers', '0'], undefined, { chunkSize: { bytes: 1024, records: 10 } });
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`cannot read ${path}: EIO`);
    // What was screened before the error may have been written; the exit code says it is not all.
    expect(out.stdout.split('\n').filter((line) => line.includes('99')).length).toBeLessThan(3000);
  });
});
