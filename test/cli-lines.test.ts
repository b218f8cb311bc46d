/**
 * The one line reader of the CLI (issue 9 item 5, issue 11): the same records and the same
 * `index` for every record from a file and from standard input, in one chunk or many,
 * whatever a line holds; a long line read in linear time; the format of standard input
 * guessed the same however its bytes arrive.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readChunks, readRecords, sniff } from '../src/cli/input.js';
import { byteChunks, isBlankLine, jsonLinesChunks, linesOfBytes, withoutBom } from '../src/cli/lines.js';
import type { InputItem } from '../src/cli/items.js';
import { runMain, scratch } from './helpers/cli.js';

const { file } = scratch('wls-cli-lines-');
afterEach(() => vi.restoreAllMocks());

const record = (i: number) => JSON.stringify({ org: { id: `99${String(i).padStart(4, '0')}`, name: `第${i}村`, kind: 'village' }, assessedOn: '2026-03-31' });
const bytes = (text: string) => new TextEncoder().encode(text);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Cuts text (as UTF-8 bytes) into pieces of `size` bytes, cutting through characters. */
function pieces(text: string | Uint8Array, size: number): Uint8Array[] {
  const all = typeof text === 'string' ? bytes(text) : text;
  const out: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

describe('what a blank line is', () => {
  it.each([
    ['', true],
    ['   ', true],
    ['\t \r', true],
    ['\u3000', false], // ideographic space: a record (an invalid one), never dropped
    ['\f', false],
    ['\u00a0', false],
    [' {} ', false],
  ])('%j is blank: %s', (text, blank) => {
    const b = bytes(text);
    expect(isBlankLine(b, 0, b.length)).toBe(blank);
  });

  it('a line of other spacing is an invalid record that says so; spacing around JSON is forgiven', () => {
    const items = linesOfBytes(bytes(`${record(1)}\n\u3000\n\f\n \t\r\n${record(2)}\u3000\n`), 1);
    expect(items.map((i) => i.ok)).toEqual([true, false, false, true]);
    expect(items[1]).toEqual({ ok: false, issues: [{ path: '', message: expect.stringMatching(/^line 2: holds only spacing other than spaces and tabs \(such as a full-width space U\+3000/) }] });
    expect(items[2]).toMatchObject({ issues: [{ message: expect.stringMatching(/^line 3: /) }] });
  });

  it('a line that is not UTF-8 is an invalid record; the lines around it are read', () => {
    const text = Buffer.concat([Buffer.from(`${record(1)}\n{"org":"`), Buffer.from([0xb9, 0xfa]), Buffer.from(`"}\n${record(2)}\n`)]);
    const items = linesOfBytes(text, 1);
    expect(items.map((i) => i.ok)).toEqual([true, false, true]);
    expect(items[1]).toEqual({ ok: false, issues: [{ path: '', message: 'line 2: not valid UTF-8 (save the file as UTF-8)' }] });
  });
});

describe('byte chunks', () => {
  it('cuts only after newlines, keeps every byte, and drops a BOM split over several pieces', async () => {
    const text = `\uFEFF${Array.from({ length: 50 }, (_, i) => record(i)).join('\n')}\n`;
    for (const size of [1, 7, 64, 1000]) {
      // Each chunk is handed to another thread as it comes (its buffer moved, as the CLI does);
      // the chunks after it must not have shared that buffer.
      const chunks: Uint8Array[] = [];
      for await (const chunk of byteChunks(Readable.from(pieces(text, size)), 300)) chunks.push(structuredClone(chunk, { transfer: [chunk.buffer as ArrayBuffer] }));
      expect(Buffer.concat(chunks).toString('utf8'), `pieces of ${size}`).toBe(text.slice(1));
      for (const chunk of chunks.slice(0, -1)) expect(chunk[chunk.length - 1]).toBe(0x0a);
      // Each ends at the first newline at or after its 300th byte.
      for (const chunk of chunks.slice(0, -1)) expect(chunk.indexOf(0x0a, 299)).toBe(chunk.length - 1);
    }
  });

  it('a file read straight into its chunks gives the same chunks as a stream of it, cut anywhere', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => (i % 17 === 0 ? `{"long":"${'乙'.repeat(300 + i)}"}` : i % 13 === 0 ? '' : record(i)));
    const text = `\uFEFF${lines.join('\n')}`; // no newline at the end
    const path = file('straight.jsonl', text);
    for (const size of [1, 50, 400, 5000]) {
      const chunked = await collect(readChunks(path, 'jsonl', {}, { records: 5, bytes: size }));
      const streamed = await collect(jsonLinesChunks(Readable.from(pieces(text, 33)), size));
      const view = (chunks: Awaited<ReturnType<typeof collect<{ input: unknown; firstIndex: number }>>>) =>
        chunks.map(({ input, firstIndex }) => ({ firstIndex, firstLine: (input as { firstLine: number }).firstLine, text: Buffer.from((input as { bytes: Uint8Array }).bytes).toString('utf8') }));
      expect(view(chunked), `size ${size}`).toEqual(view(streamed));
      expect(view(chunked).map((c) => c.text).join('')).toBe(text.slice(1));
    }
  });

  it('a long line arriving in many pieces becomes one chunk, joined once', async () => {
    const line = `{"org":{"id":"99","name":"${'甲'.repeat(200_000)}"}}`;
    const source = pieces(line, 4096);
    const chunks = await collect(byteChunks(Readable.from(source), 2000));
    expect(chunks).toHaveLength(1);
    expect(Buffer.from(chunks[0]!).toString('utf8')).toBe(line);
  });

  it('a BOM alone, or fewer than three bytes, passes through correctly', async () => {
    expect(Buffer.concat(await collect(withoutBom(Readable.from([Uint8Array.of(0xef), Uint8Array.of(0xbb, 0xbf)]))))).toHaveLength(0);
    expect([...Buffer.concat(await collect(withoutBom(Readable.from([Uint8Array.of(0x7b, 0x7d)]))))]).toEqual([0x7b, 0x7d]);
  });
});

describe('the same records and indexes from every reader', () => {
  // Lines holding only a full-width space or a form feed early on, blank lines, CRLF, a BOM.
  const lines = ['\uFEFF' + record(0), '\u3000', '', '\f', '   ', record(1), '{broken', ...Array.from({ length: 40 }, (_, i) => record(i + 2)), '\u3000\u3000', record(42)];
  const text = lines.join('\r\n') + '\n';
  const path = file('odd-lines.jsonl', text);
  const expected = [
    [0, true], [1, false], [2, false], [3, true], [4, false],
    ...Array.from({ length: 40 }, (_, i) => [i + 5, true]),
    [45, false], [46, true],
  ];
  const size = { records: 5, bytes: 400 }; // many chunks of a few records

  it('chunks of raw bytes count records as the parser finds them', async () => {
    const chunks = await collect(jsonLinesChunks(Readable.from([text]), size.bytes));
    expect(chunks.length).toBeGreaterThan(5);
    const items: Array<[number, boolean]> = [];
    for (const { input, firstIndex } of chunks) {
      const parsed = linesOfBytes((input as { bytes: Uint8Array }).bytes, (input as { firstLine: number }).firstLine);
      parsed.forEach((item, i) => items.push([firstIndex + i, item.ok]));
    }
    expect(items).toEqual(expected);
  });

  it('readRecords (plan, review) and readChunks (screen) agree, from a file and from standard input', async () => {
    const fromRecords = (await collect(readRecords(path, undefined, {}, size))).map((item: InputItem, i) => [i, item.ok]);
    expect(fromRecords).toEqual(expected);
    const chunked = await collect(readChunks(path, undefined, {}, size));
    expect(chunked.length).toBeGreaterThan(5);
    const fromChunks = chunked.flatMap(({ input, firstIndex }) =>
      'bytes' in input ? linesOfBytes(input.bytes, input.firstLine).map((item, i) => [firstIndex + i, item.ok]) : [],
    );
    expect(fromChunks).toEqual(expected);
  });

  it('screen gives every record the same index from a file and from stdin, in one chunk or many', async () => {
    const runs = [
      await runMain(['screen', path, '--format', 'jsonl']),
      await runMain(['screen', path, '--format', 'jsonl'], undefined, { chunkSize: size }),
      await runMain(['screen', '-', '--format', 'jsonl'], pieces(text, 97), { chunkSize: size }),
      await runMain(['screen', '-', '--format', 'jsonl', '--input-format', 'jsonl'], [text]),
    ];
    for (const run of runs) {
      expect(run.code).toBe(1);
      const entries = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(entries.map((e) => [e.index, e.ok])).toEqual(expected);
      expect(entries[1].issues[0].message).toMatch(/^line 2: holds only spacing/);
      expect(entries[46].result.orgId).toBe('990042');
      expect(run.stdout).toBe(runs[0]!.stdout);
    }
  });

  it('--summary counts the same records in one chunk or many', async () => {
    const one = JSON.parse((await runMain(['screen', path, '--summary', '--format', 'json'])).stdout);
    const many = JSON.parse((await runMain(['screen', path, '--summary', '--format', 'json'], undefined, { chunkSize: size })).stdout);
    expect(many).toEqual(one);
    expect(one.total + one.invalid).toBe(47);
    expect(one.invalid).toBe(4);
  });
});

describe('guessing the format of standard input', () => {
  const records = Array.from({ length: 5 }, (_, i) => JSON.parse(record(i)));
  const cases: Array<[string, string, 'json' | 'jsonl' | 'csv', number]> = [
    ['JSON Lines', records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'jsonl', 5],
    ['JSON Lines after blank lines', '\n\r\n  \n' + records.map((r) => JSON.stringify(r)).join('\n'), 'jsonl', 5],
    ['a JSON array', JSON.stringify(records, null, 2), 'json', 5],
    ['one pretty JSON object', JSON.stringify(records[0], null, 2), 'json', 1],
    ['one object on one line, no newline', JSON.stringify(records[0]), 'jsonl', 1],
    ['CSV', 'org.id,org.name,org.kind,assessedOn\n99001,甲村,village,2026-03-31\n99002,乙村,village,2026-03-31\n', 'csv', 2],
    ['CSV with a BOM', '\uFEFForg.id,org.name,org.kind,assessedOn\n99001,甲村,village,2026-03-31\n', 'csv', 1],
    ['nothing', '', 'jsonl', 0],
  ];

  it.each(cases)('%s: the same format and records in every chunking', async (_name, text, format, count) => {
    const all = bytes(text);
    for (const size of [1, 2, 3, 5, 16, 100, all.length || 1]) {
      const guessed = await sniff(Readable.from(pieces(all, size)));
      expect(guessed.format, `pieces of ${size}`).toBe(format);
      expect(Buffer.concat(await collect(guessed.bytes)).toString('utf8')).toBe(text.replace(/^\uFEFF/, ''));
    }
    const out = await runMain(['screen', '-', '--format', 'jsonl'], pieces(all, 3));
    expect(out.stdout.trim() ? out.stdout.trim().split('\n') : []).toHaveLength(count);
    expect(out.code).toBe(0);
  });

  it('a line of other spacing (U+3000, a form feed) before the records tells nothing of the format: standard input reads as the named file does', async () => {
    const body = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    // Each text, with its lines of spacing that are invalid records (hand-counted).
    for (const [text, invalid] of [['\u3000\n' + body, 1], ['\n\f\n \u3000 \n' + body, 2], ['\u3000', 1], ['\u3000\n\u00a0', 2]] as const) {
      const all = bytes(text);
      for (const size of [1, 2, 3, 5, 16, all.length]) expect((await sniff(Readable.from(pieces(all, size)))).format, `pieces of ${size}`).toBe('jsonl');
      // Each line of spacing is an invalid record, in its place, from the file as from standard input.
      const fromFile = await runMain(['screen', file(`spacing-${text.length}.jsonl`, text), '--format', 'jsonl']);
      const fromStdin = await runMain(['screen', '-', '--format', 'jsonl'], pieces(all, 3));
      expect(fromStdin.stdout).toBe(fromFile.stdout);
      expect([fromStdin.code, fromFile.code]).toEqual([1, 1]);
      const entries = fromFile.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ok: boolean });
      expect(entries.filter((e) => !e.ok)).toHaveLength(invalid);
      expect(entries.filter((e) => e.ok)).toHaveLength(text.includes('{') ? records.length : 0);
    }
  });

  it('reads no further than the first line, and stops at its limit when the line does not end', async () => {
    const text = `${record(1)}\n${record(2)}\n`;
    let pulled = 0;
    async function* source() {
      for (const piece of pieces(text, 10)) {
        pulled++;
        yield piece;
      }
    }
    await sniff(source());
    expect(pulled).toBe(Math.ceil((Buffer.byteLength(record(1)) + 1) / 10)); // up to the first newline only
    const endless = await sniff(Readable.from(pieces(`{"a":"${'x'.repeat(5000)}`, 100)), 1000);
    expect(endless.format).toBe('json');
  });
});

describe('a read error part-way through a JSON Lines file', () => {
  // A disk or network error: the run stops with a usage error naming the file and the reason,
  // never as if the file had ended there.
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
