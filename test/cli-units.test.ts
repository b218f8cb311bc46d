/**
 * The command line in-process: CSV typing, input sniffing and every command through
 * `main()`, so that coverage sees the CLI code (test/heavy/cli.test.ts spawns the built binary
 * for the exit codes and the real process).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readRecords } from '../src/cli/input.js';
import { csvField } from '../src/cli/csv.js';
import { readCell } from '../src/cli/cells.js';
import { resolveColumns, resolveHeader } from '../src/cli/columns.js';
import { MESSAGES } from '../src/cli/messages.js';
import { rowItem } from '../src/cli/sheet.js';
import { displayWidth, mdCell } from '../src/cli/format.js';
import { readFixtures } from './helpers/fixtures.js';
import { runMain } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wls-cli-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const fixtures = readFixtures().slice(0, 4);
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const jsonl = file('four.jsonl', fixtures.map((f) => JSON.stringify(f.assessment)).join('\n'));


async function collect(iterable: AsyncIterable<unknown>) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('CSV cells and columns', () => {
  const extra = { absentMonths: 'number' } as const;
  const column = (path: string) => resolveHeader(path, extra)!;
  it.each([
    ['', 'assessedOn', undefined],
    ['null', 'org.name', null],
    ['true', 'venue.hasFixedVenue', true],
    ['false', 'venue.hasFixedVenue', false],
    ['12', 'leadership.seatsFilled', 12],
    ['0.85', 'service.satisfactionRate', 0.85],
    ['430503100201', 'org.id', '430503100201'],
    ['12 months', 'leadership.seatsFilled', '12 months'],
    ['3', 'extra.absentMonths', 3],
  ] as const)('%j in column %s is %j', (cell, path, value) => {
    expect(readCell(cell, column(path), MESSAGES)).toEqual({ value });
  });

  it('types columns from the field table and the declared extra facts', () => {
    expect(column('org.id').field?.type).toBe('id');
    expect(column('leadership.seatsFilled').field?.type).toBe('count');
    expect(column('service.satisfactionRate').field?.type).toBe('share');
    expect(column('leadership.secretaryVacantSince').field?.type).toBe('date');
    expect(column('venue.hasFixedVenue').field?.type).toBe('boolean');
    expect(column('extra.absentMonths').extra).toBe('number');
    expect(resolveHeader('extra.undeclared', extra)).toBeUndefined();
  });

  it('nests dotted columns and leaves empty cells absent', () => {
    const columns = resolveColumns(['org.id', 'org.region.county', 'leadership.seatsFilled', 'service.satisfactionRate']);
    expect(rowItem(columns, { row: 2, cells: ['430503100201', '苏仙区', '5', ''] }, MESSAGES)).toEqual({
      ok: true,
      row: 2,
      record: { org: { id: '430503100201', region: { county: '苏仙区' } }, leadership: { seatsFilled: 5 } },
    });
  });

  it('reports a row with the wrong number of cells as an invalid record', async () => {
    const path = file('ragged.csv', 'org.id,org.name\n1,村\n2\n');
    const items = await collect(readRecords(path, undefined));
    expect(items).toEqual([
      { ok: true, record: { org: { id: '1', name: '村' } }, row: 2 },
      { ok: false, issues: [{ path: '', message: 'CSV row has 1 cells, the header 2' }], orgId: '2', row: 3 },
    ]);
  });
});

describe('formats', () => {
  it('quotes CSV fields and escapes Markdown cells', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(5)).toBe('5');
    expect(mdCell('a|b\nc')).toBe('a\\|b c');
  });
  it('counts CJK characters as two columns', () => {
    expect(displayWidth('甲乙村')).toBe(6);
    expect(displayWidth('C01')).toBe(3);
  });
});

describe('main(), in-process', () => {
  it('screens a JSON Lines file in every format', async () => {
    for (const format of ['table', 'json', 'jsonl', 'csv', 'md']) {
      const out = await runMain(['screen', jsonl, '--format', format]);
      expect(out.code, format).toBe(0);
      for (const f of fixtures) expect(out.stdout, format).toContain(f.assessment.org.id);
    }
  });

  it('sniffs standard input: JSON array, JSON Lines, pretty JSON, CSV', async () => {
    const records = fixtures.map((f) => f.assessment);
    const inputs = [JSON.stringify(records), records.map((r) => JSON.stringify(r)).join('\n'), JSON.stringify(records[0], null, 2), 'org.id,org.name,org.kind,assessedOn\n1,村,village,2026-01-01\n'];
    const counts = [];
    for (const stdin of inputs) {
      const out = await runMain(['screen', '-', '--format', 'jsonl'], stdin);
      expect(out.code).toBe(0);
      counts.push(out.stdout.trim().split('\n').length);
    }
    expect(counts).toEqual([4, 4, 1, 1]);
  });

  it('reports invalid records with exit code 1 and usage errors with 2', async () => {
    const bad = file('bad.jsonl', `${JSON.stringify(fixtures[0]!.assessment)}\n{oops\n`);
    const out = await runMain(['screen', bad, '--format', 'md']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('无效记录 Invalid records (1)');
    expect((await runMain(['screen', jsonl, '--at-risk-score', 'x'])).code).toBe(2);
    expect((await runMain(['screen', jsonl, '--locale', 'fr'])).stderr).toMatch(/--locale must be one of en, zh-CN/);
    expect((await runMain(['screen', file('x.txt', '')])).stderr).toMatch(/cannot tell the format/);
    expect((await runMain(['screen', dir])).stderr).toMatch(/not a file/);
    expect((await runMain(['screen', jsonl, '--bogus'])).code).toBe(2);
    expect((await runMain(['plan'])).code).toBe(2);
    expect((await runMain(['review', jsonl])).code).toBe(2);
    expect((await runMain(['screen', jsonl, '--thresholds', file('bad-t.json', '{')])).stderr).toMatch(/not valid JSON/);
    expect((await runMain(['screen', jsonl, '--thresholds', join(dir, 'none.json')])).stderr).toMatch(/cannot read/);
  });

  it('plans, reviews, prints rules and the schema', async () => {
    const gongtong = readFixtures().find((f) => f.file.startsWith('42-'))!;
    const input = file('gongtong.json', JSON.stringify(gongtong.assessment));
    const plan = await runMain(['plan', input, '--lang', 'en', '--template', 'annual']);
    expect(plan.stdout).toContain('# Rectification plan');
    expect((await runMain(['plan', input, '--start', '1 March'])).code).toBe(2);
    expect((await runMain(['plan', input, '--start', '2017-02-30'])).stderr).toMatch(/--start must be a real calendar date YYYY-MM-DD/);
    const after = file('after.json', JSON.stringify({ ...gongtong.assessment, assessedOn: '2017-12-01' }));
    const review = await runMain(['review', input, after]);
    expect(review.stdout).toMatch(/Not converted/);
    expect((await runMain(['review', input, jsonl])).stderr).toMatch(/no earlier assessment/);
    expect((await runMain(['rules', '--ruleset', join(import.meta.dirname, '..', 'rules', 'cn-2019-extended')])).stdout).toContain('C12');
    expect(JSON.parse((await runMain(['schema'])).stdout).type).toBe('object');
    expect((await runMain(['--help'])).stdout).toContain('Usage: weak-lax-screener');
    expect((await runMain([])).code).toBe(2);
  });

  it('summarises in table, json and md, equal to summarize()', async () => {
    const { screenMany, summarize } = await import('../src/index.js');
    const expected = await summarize(screenMany(fixtures.map((f) => f.assessment)));
    expect(JSON.parse((await runMain(['screen', jsonl, '--summary', '--format', 'json'])).stdout)).toEqual(expected);
    const table = (await runMain(['screen', jsonl, '--summary'])).stdout;
    expect(table).toContain(`已排查 screened: ${expected.total}`);
    expect(table).toContain('乡镇(街道) Township');
    const md = (await runMain(['screen', jsonl, '--summary', '--format', 'md'])).stdout;
    expect(md).toContain(`bar [${expected.byCriterion.map((c) => c.matched).join(', ')}]`);
    expect(md).toContain('## 各乡镇(街道) By township');
    const empty = await runMain(['screen', file('empty.jsonl', ''), '--summary', '--format', 'json']);
    expect(JSON.parse(empty.stdout)).toMatchObject({ total: 0, invalid: 0 });
  });

  it('plans as JSON and reviews as JSON, noting what it cannot pair', async () => {
    const gongtong = readFixtures().find((f) => f.file.startsWith('42-'))!;
    const input = file('g.json', JSON.stringify(gongtong.assessment));
    const plans = JSON.parse((await runMain(['plan', input, '--format', 'json'])).stdout);
    expect(plans[0]).toMatchObject({ orgId: gongtong.assessment.org.id, template: 'intensive', start: '2017-02-16' });
    const later = file('g-later.json', JSON.stringify({ ...gongtong.assessment, assessedOn: '2017-12-01' }));
    const reviews = await runMain(['review', input, later, '--format', 'json']);
    expect(JSON.parse(reviews.stdout)[0]).toMatchObject({ orgId: gongtong.assessment.org.id, converted: false });
    const lonely = await runMain(['review', jsonl, later]);
    expect(lonely.stderr).toMatch(/no follow-up assessment/);
  });
});

describe('main(): the case commands', () => {
  it('prints the monthly ledger of stored cases', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const lifeDir = join(import.meta.dirname, '..', 'fixtures', 'lifecycle');
    const cases = readdirSync(lifeDir)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => JSON.parse(readFileSync(join(lifeDir, name), 'utf8')).cases.map((c: { case: unknown }) => c.case));
    const input = file('cases.json', JSON.stringify(cases.filter((c: { screening: { assessedOn: string } }) => c.screening.assessedOn <= '2025-10-31')));
    const out = await runMain(['case', 'ledger', input, '--as-of', '2025-10-31']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('# 整顿工作月报');
    expect(out.stdout).toContain('逾期未完成任务');
    expect((await runMain(['case'])).code).toBe(2);
  });
});
