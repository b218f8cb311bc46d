/**
 * The command line with worker threads, spawned against dist/cli.js: the same output, in input
 * order, with and without threads, in every format and in a workbook. Each threaded run takes
 * a second or more on a 2-core machine, so these live in the heavy tier (`npm run test:heavy`,
 * run by CI); the default tier tests the pool in-process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readFixtures } from '../helpers/fixtures.js';
import { screenMany, summarize } from '../../src/index.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'wls-cli-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  // LANG=C: the messages these tests read are the English ones, whatever the machine's locale.
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: dir, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('weak-lax-screener screen at scale: worker threads and --summary', () => {
  const many = file('many.jsonl', Array.from({ length: 60 }, (_, i) => {
    const f = readFixtures()[i % 42]!;
    return i === 17 ? '{broken' : JSON.stringify({ ...f.assessment, org: { ...f.assessment.org, id: `${f.assessment.org.id}-${i}` } });
  }).join('\n') + '\n');

  it('gives the same output, in input order, with and without worker threads', () => {
    for (const format of ['csv', 'jsonl', 'md', 'table']) {
      const inline = run(['screen', many, '--format', format, '--workers', '0']);
      const threaded = run(['screen', many, '--format', format, '--workers', '2']);
      expect(inline.code, format).toBe(1); // line 18 is not JSON
      expect(threaded.code, format).toBe(1);
      expect(threaded.stdout, format).toBe(inline.stdout);
    }
    const entries = run(['screen', many, '--format', 'jsonl', '--workers', '2']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.map((e) => e.index)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(entries[17]).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/^line 18: not valid JSON/) }] });
  });

  it('--summary counts verdicts, criteria and regions, the same with workers', async () => {
    const json = JSON.parse(run(['screen', many, '--summary', '--format', 'json']).stdout);
    expect(json.total + json.invalid).toBe(60);
    expect(json.invalid).toBe(1);
    // The merged chunk counts equal the library's own summary of the same records.
    const records = readFileSync(many, 'utf8').trim().split('\n').filter((_, i) => i !== 17).map((l) => JSON.parse(l));
    expect(json).toEqual({ ...(await summarize(screenMany(records))), invalid: 1 });
    expect(json.byCriterion.map((c: { id: string }) => c.id)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10']);
    expect(JSON.parse(run(['screen', many, '--summary', '--format', 'json', '--workers', '2']).stdout)).toEqual(json);
    const md = run(['screen', many, '--summary', '--format', 'md']).stdout;
    expect(md).toContain('```mermaid\nxychart-beta');
    expect(md).toContain(`bar [${json.byCriterion.map((c: { matched: number }) => c.matched).join(', ')}]`);
    expect(run(['screen', many, '--summary', '--format', 'csv']).code).toBe(2);
    expect(run(['screen', many, '--workers', 'lots']).code).toBe(2);
  });
});

describe('screen --format xlsx with worker threads', () => {
  it('worker threads give the same workbook (the built CLI, two threads, several chunks)', async () => {
    const records = Array.from({ length: 40 }, () => readFixtures().map((f) => JSON.stringify(f.assessment))).flat();
    const input = file('threads.jsonl', records.join('\n'));
    const books = [];
    for (const workers of ['0', '2']) {
      const path = join(dir, `threads-${workers}.xlsx`);
      const run = spawnSync(process.execPath, [cli, 'screen', input, '--format', 'xlsx', '--workers', workers, '--output', path], { encoding: 'utf8' });
      expect([run.status, run.stderr]).toEqual([0, '']);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      books.push(wb.worksheets.map((s) => [s.name, s.getSheetValues().map((r) => JSON.stringify(r))]));
    }
    expect(records.length).toBeGreaterThan(2000); // two chunks of 2,000 records at least
    expect(books[0]![0]![1]).toHaveLength(records.length + 2); // index 0 is empty, then the header
    expect(books[1]).toEqual(books[0]);
  });

});
