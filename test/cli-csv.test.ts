/**
 * CSV in the command line (issue 11): a header that would reach a prototype or lose a cell
 * is a usage error named once; records are built from own properties only; output cells
 * never run as formulas and read back unchanged; bytes that are not UTF-8 are never decoded
 * into U+FFFD silently.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHeader, csvField } from '../src/cli/csv.js';
import { readCell } from '../src/cli/cells.js';
import { resolveHeader } from '../src/cli/columns.js';
import { MESSAGES } from '../src/cli/messages.js';
import { UsageError } from '../src/cli/errors.js';
import { firstInvalidUtf8, isUtf8, lineOfFirstInvalid } from '../src/cli/utf8.js';
import { runMain, scratch } from './helpers/cli.js';

const { file } = scratch('wls-cli-csv-');
afterEach(() => vi.restoreAllMocks());



const HEAD = 'org.id,org.name,org.kind,assessedOn';
const ROWS = '99001,甲村,village,2026-03-31\n99002,乙村,village,2026-03-31\n';
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanPrototype = prototypeKeys();

describe('CSV headers', () => {
  it.each([
    ['__proto__.x', '__proto__'],
    ['extra.__proto__', '__proto__'],
    ['org.constructor.prototype', 'constructor'],
    ['prototype', 'prototype'],
    ['leadership.constructor', 'constructor'],
  ])('a column %j is a usage error naming it, once for the file (exit 2), and pollutes nothing', async (column, part) => {
    const csv = `${HEAD},${column}\n${ROWS.replace(/\n/g, ',1\n')}`;
    for (const out of [await runMain(['screen', file('reserved.csv', csv), '--format', 'jsonl']), await runMain(['screen', '-', '--format', 'jsonl'], csv)]) {
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toBe(`weak-lax-screener: CSV column "${column}": "${part}" cannot name a field\nRun with --help for usage.\n`);
    }
    expect(prototypeKeys()).toEqual(cleanPrototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a column given twice is a usage error naming it: neither cell is dropped silently', async () => {
    const out = await runMain(['screen', file('dup.csv', `${HEAD},org.name\n99001,甲村,village,2026-03-31,乙村\n`), '--format', 'csv']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^weak-lax-screener: CSV column "org\.name" appears twice \(columns 2 and 5\)/);
    expect(out.stderr.match(/weak-lax-screener:/g)).toHaveLength(1);
  });

  it('a column that also has fields, or a name with an empty part, is a usage error', () => {
    expect(() => checkHeader(['org', 'org.id'])).toThrow(new UsageError('CSV columns "org" and "org.id" cannot both be given: "org" holds the fields of "org.id"'));
    expect(() => checkHeader(['org.id', 'org'])).toThrow(UsageError);
    expect(() => checkHeader(['org..id'])).toThrow(/CSV column "org\.\.id": a column name is a dotted field path/);
    expect(() => checkHeader(['leadership.'])).toThrow(UsageError);
    expect(checkHeader(['org.id', '', 'org.name', ''])).toEqual([['org', 'id'], undefined, ['org', 'name'], undefined]);
  });

  it('a column named after an Object method names no field: a usage error once for the file, and nothing is read', async () => {
    for (const column of ['org.toString', 'hasOwnProperty']) {
      const out = await runMain(['screen', file('method.csv', `${HEAD},${column}\n99001,甲村,village,2026-03-31,x\n`), '--format', 'jsonl']);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(new RegExp(`^weak-lax-screener: column E "${column}" names no field`));
    }
  });

  it('a nameless column is ignored while its cells are empty, and named by validation when not', async () => {
    const out = await runMain(['screen', file('trailing.csv', `${HEAD},\n99001,甲村,village,2026-03-31,\n99002,乙村,village,2026-03-31,x\n`), '--format', 'jsonl']);
    expect(out.code).toBe(1);
    const entries = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.map((e) => e.ok)).toEqual([true, false]);
  });
});

describe('CSV output never runs as a formula, and reads back unchanged', () => {
  it.each([
    ['=HYPERLINK("http://evil","点此")', `"'=HYPERLINK(""http://evil"",""点此"")"`],
    ['+86-10-1234', "'+86-10-1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['甲村党支部', '甲村党支部'],
    ['a,b', '"a,b"'],
    ['', ''],
  ])('%j is written as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('numbers are written as they are', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0)).toBe('0');
  });

  it("the reader removes one ' before = + - @, and only there", () => {
    const name = resolveHeader('org.name')!;
    const count = resolveHeader('leadership.seatsFilled')!;
    expect(readCell("'=1+1", name, MESSAGES)).toEqual({ value: '=1+1' });
    expect(readCell("'-5", count, MESSAGES)).toEqual({ value: -5 });
    expect(readCell("''=x", name, MESSAGES)).toEqual({ value: "''=x" });
    expect(readCell("'abc", name, MESSAGES)).toEqual({ value: "'abc" });
    expect(readCell("'", name, MESSAGES)).toEqual({ value: "'" });
  });

  it('screen --format csv of hostile names: no cell starts a formula, and the CLI reads every cell back as it was', async () => {
    const names = ['=HYPERLINK("http://evil","点此")', '+1', '-1', '@x', '甲,"乙"\n丙'];
    const jsonl = names.map((name, i) => JSON.stringify({ org: { id: `=99${i}`, name, kind: 'village', region: { county: '@县', township: '-镇' } }, assessedOn: '2026-03-31' })).join('\n');
    const out = await runMain(['screen', file('hostile-names.jsonl', jsonl), '--format', 'csv']);
    expect(out.code).toBe(0);
    // Read back with the CLI's own cell reader, as text cells.
    const { parse } = await import('csv-parse/sync');
    const text = resolveHeader('org.name')!;
    const [header, ...body] = parse(out.stdout.replace(/^\uFEFF/, '')) as string[][];
    expect(header).toEqual(['id', 'name', 'region', 'verdict', 'score', 'matched', 'near', 'insufficient']);
    expect(body.map((row) => row.map((cell) => (readCell(cell, text, MESSAGES) as { value: unknown }).value))).toEqual(
      names.map((name, i) => [`=99${i}`, name.trim(), '@县/-镇', 'undetermined', '0', undefined, undefined, 'C01;C02;C03;C04;C05;C06;C07;C08;C09;C10']),
    );
    // Parsed by an independent RFC 4180 reader: no field starts with a formula character.
    const fields = (parse(out.stdout) as string[][]).flat();
    expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f))).toEqual([]);
  });
});

describe('bytes that are not UTF-8', () => {
  // 甲村 in GBK, as Excel saves a CSV on a Chinese Windows.
  const gbk = Buffer.from([0xbc, 0xd7, 0xb4, 0xe5]);
  const gbkCsv = Buffer.concat([Buffer.from(`${HEAD}\n99001,`), gbk, Buffer.from(',village,2026-03-31\n')]);

  it('read as UTF-8 (--encoding utf-8), a GBK CSV file is a usage error naming the line and the way out, from a file and from stdin', async () => {
    for (const out of [
      await runMain(['screen', file('gbk.csv', gbkCsv), '--format', 'csv', '--encoding', 'utf-8']),
      await runMain(['screen', '-', '--format', 'csv', '--input-format', 'csv', '--encoding', 'utf-8'], gbkCsv),
    ]) {
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(/is not valid UTF-8 \(first at line 2\); a CSV saved by Excel in the Chinese \(GBK\/GB18030\) encoding needs --encoding gb18030/);
      expect(out.stderr).not.toContain('\uFFFD');
    }
  });

  it('is found however far into the file it comes', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `99${String(i).padStart(4, '0')},甲村,village,2026-03-31`).join('\n');
    const out = await runMain(['screen', file('late-gbk.csv', Buffer.concat([Buffer.from(`${HEAD}\n${rows}\n99999,`), gbk, Buffer.from(',village,2026-03-31\n')])), '--format', 'csv']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/first at line 3002\)/);
  });

  it('a JSON document is a usage error naming the line', async () => {
    const json = Buffer.concat([Buffer.from('[\n{"org": {"id": "99001", "name": "'), gbk, Buffer.from('", "kind": "village"}, "assessedOn": "2026-03-31"}\n]\n')]);
    for (const out of [await runMain(['screen', file('gbk.json', json)]), await runMain(['screen', '-'], json)]) {
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/is not valid UTF-8 \(first at line 2\): save it as UTF-8/);
    }
  });

  it.each([
    ['ASCII and Chinese', [0x41, 0xe7, 0x94, 0xb2, 0x0a], -1],
    ['a four-byte character', [0xf0, 0x9f, 0x98, 0x80], -1],
    ['GBK 甲', [0x41, 0xbc, 0xd7], 1],
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a surrogate', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['an overlong four-byte form', [0xf0, 0x80, 0x80, 0x80], 0],
    ['a bad continuation', [0xe7, 0x94, 0x41], 0],
    ['a sequence cut off at the end', [0x41, 0xe7, 0x94], 1],
    ['a lone continuation byte', [0x80], 0],
  ])('%s: the first malformed byte is at %i, as the native check agrees', (_name, list, at) => {
    const bytes = Uint8Array.from(list);
    expect(firstInvalidUtf8(bytes)).toBe(at);
    expect(isUtf8(bytes)).toBe(at < 0);
  });

  it('names the line of the first malformed byte, skipping the rest of a sequence begun earlier when told', () => {
    expect(lineOfFirstInvalid(Uint8Array.from([0x41, 0x0a, 0x42, 0x0a, 0xff]))).toBe(3);
    expect(lineOfFirstInvalid(Uint8Array.from([0x94, 0xb2, 0x0a, 0xff]), 10, true)).toBe(12);
    expect(lineOfFirstInvalid(Uint8Array.from([0x94, 0xb2, 0x0a, 0xff]), 10)).toBe(11);
  });

  it('a UTF-8 CSV with a byte order mark is read, the mark removed', async () => {
    const out = await runMain(['screen', file('bom.csv', `\uFEFF${HEAD}\n${ROWS}`), '--format', 'jsonl']);
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n').map((l) => JSON.parse(l).result.orgId)).toEqual(['99001', '99002']);
  });
});
