/**
 * The command line, run as a spawned process against dist/cli.js (built by the global setup):
 * every output format, every input kind, every exit code. In the heavy tier (`npm run
 * test:heavy`, which CI runs) since it takes a fifth of `npm test`'s time; `npm test` keeps the
 * CLI's code covered in-process (cli-units, cli-csv, cli-text, cli-lines) and spawns it in
 * cli-hostile and lifecycle-cli.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFixtures } from '../helpers/fixtures.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'wls-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  // LANG=C: the messages these tests read are the English ones, whatever the machine's locale.
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: dir, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
/** As {@link run}, without waiting: independent runs of one test go side by side. */
function runAsync(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: unknown }).code as number | null) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const fixtures = readFixtures().slice(0, 6);
const assessments = fixtures.map((f) => f.assessment);
const jsonl = assessments.map((a) => JSON.stringify(a)).join('\n') + '\n';
const jsonFile = file('batch.json', JSON.stringify(assessments));
const jsonlFile = file('batch.jsonl', jsonl);
const badJsonl = file('bad.jsonl', `${JSON.stringify(assessments[0])}\n{not json\n${JSON.stringify({ ...assessments[1], venue: { hasFixedVenu: true } })}\n${JSON.stringify(assessments[2])}\n`);

/** A CSV of the first fixtures with dotted column names. */
function toCsv(records: Array<Record<string, unknown>>): string {
  const flat = records.map((r) => {
    const out: Record<string, string> = {};
    const walk = (value: unknown, prefix: string) => {
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
      else out[prefix] = value === null ? 'null' : String(value);
    };
    walk(r, '');
    return out;
  });
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const cell = (v = '') => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...flat.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
const csvFile = file('batch.csv', toCsv(assessments));

describe('weak-lax-screener screen', () => {
  it('reads JSON, JSON Lines, CSV and standard input alike', async () => {
    const outputs = await Promise.all([
      runAsync(['screen', jsonFile, '--format', 'jsonl']),
      runAsync(['screen', jsonlFile, '--format', 'jsonl']),
      runAsync(['screen', csvFile, '--format', 'jsonl']),
      runAsync(['screen', '-', '--format', 'jsonl'], jsonl),
      runAsync(['screen', '-', '--format', 'jsonl'], JSON.stringify(assessments, null, 2)),
      runAsync(['screen', '-', '--format', 'jsonl', '--input-format', 'csv'], readFileSync(csvFile, 'utf8')),
    ]);
    for (const out of outputs) {
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const entries = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
      expect(entries.map((e) => [e.index, e.ok, e.result.verdict, e.result.score])).toEqual(
        fixtures.map((f, i) => [i, true, f.expected.verdict, f.expected.score]),
      );
    }
    expect(outputs[2]!.stdout).toBe(outputs[1]!.stdout); // CSV typed like JSON: ids stay strings, counts become numbers
  });

  it('writes csv: one row per organisation', () => {
    const out = run(['screen', jsonlFile, '--format', 'csv']);
    expect(out.code).toBe(0);
    // trimEnd, not trim: trim() also takes away the byte order mark this test looks for.
    const lines = out.stdout.trimEnd().split('\n');
    // A UTF-8 byte order mark first, so that Excel on a Chinese Windows reads it as UTF-8; a near column.
    expect(lines[0]).toBe('\uFEFFid,name,region,verdict,score,matched,near,insufficient');
    expect(lines).toHaveLength(fixtures.length + 1);
    const f = fixtures[1]!;
    expect(lines[2]).toBe(
      [f.assessment.org.id, f.assessment.org.name, Object.values((f.assessment.org as { region?: Record<string, string> }).region ?? {}).join('/'), f.expected.verdict, f.expected.score, f.expected.matched.join(';'), f.expected.near.join(';'), f.expected.insufficient.join(';')].join(','),
    );
  });

  it('writes json, table and md', () => {
    const json = JSON.parse(run(['screen', jsonlFile, '--format', 'json']).stdout);
    expect(json).toHaveLength(fixtures.length);
    expect(json[0]).toMatchObject({ index: 0, ok: true, result: { orgId: fixtures[0]!.assessment.org.id } });
    const table = run(['screen', jsonlFile]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+名称 Name\s+结论 Verdict/);
    expect(table.stdout).toContain('软弱涣散 weak-lax');
    const md = run(['screen', jsonlFile, '--format', 'md']).stdout;
    expect(md).toContain('| ID | 名称 Name |');
    expect(md.match(/^\| \d{12} \|/gm)).toHaveLength(fixtures.length);
  });

  it('exit code 1: invalid records are reported in place and the batch goes on', () => {
    const out = run(['screen', badJsonl, '--format', 'jsonl']);
    expect(out.code).toBe(1);
    const entries = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(entries.map((e) => [e.index, e.ok])).toEqual([[0, true], [1, false], [2, false], [3, true]]);
    expect(entries[1].issues[0].message).toMatch(/line 2: not valid JSON/);
    expect(entries[2]).toMatchObject({ orgId: assessments[1]!.org.id, issues: [{ path: 'venue.hasFixedVenu' }] });
    const csv = run(['screen', badJsonl, '--format', 'csv']);
    expect(csv.code).toBe(1);
    expect(csv.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('exit code 2: usage errors and unreadable input', async () => {
    const thresholds = file('t.json', JSON.stringify({ C01: { secretaryVacantMonth: 6 } }));
    const [none, noFile, unknown, format, missing, broken, bad, noRuleset, help] = await Promise.all([
      runAsync([]),
      runAsync(['screen']),
      runAsync(['frobnicate']),
      runAsync(['screen', jsonlFile, '--format', 'xml']),
      runAsync(['screen', join(dir, 'nope.json')]),
      runAsync(['screen', file('broken.json', '{"org": ')]),
      runAsync(['screen', jsonlFile, '--thresholds', thresholds]),
      runAsync(['screen', jsonlFile, '--ruleset', join(dir, 'no-such-ruleset')]),
      runAsync(['--help']),
    ]);
    expect(none.code).toBe(2);
    expect(noFile.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    expect(format.stderr).toMatch(/--format must be one of table, json, jsonl, csv, md/);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: ENOENT/);
    expect(broken.stderr).toMatch(/is not valid JSON/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/thresholds\.C01\.secretaryVacantMonth/);
    expect(noRuleset.code).toBe(2);
    expect(help.code).toBe(0);
  });

  it('applies --thresholds and --ruleset', () => {
    const vacant = fixtures.findIndex((f) => f.file.startsWith('03-')); // vacant exactly 3 months: matched
    const thresholds = file('t6.json', JSON.stringify({ C01: { secretaryVacantMonths: 6 } }));
    const entries = run(['screen', jsonlFile, '--format', 'jsonl', '--thresholds', thresholds]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries[vacant].result.matched).not.toContain('C01');
    expect(entries[vacant].result.ruleset.thresholds.C01).toEqual({ secretaryVacantMonths: 6, secretaryAbsentMonths: 3, seatsShortMonths: 3 });
    const profile = join(import.meta.dirname, '..', '..', 'examples', 'profiles', 'example-province');
    const withProfile = JSON.parse(run(['screen', jsonlFile, '--format', 'json', '--ruleset', profile]).stdout);
    expect(withProfile[0].result.ruleset.id).toBe('example-province');
  });
});

describe('weak-lax-screener plan, review, schema, rules', () => {
  const gongtong = readFixtures().find((f) => f.file.startsWith('42-'))!;

  it('plan renders Markdown for weak-lax organisations and notes the others', () => {
    const input = file('plan.jsonl', [gongtong.assessment, fixtures[0]!.assessment].map((a) => JSON.stringify(a)).join('\n'));
    const out = run(['plan', input, '--start', '2017-03-01']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('## 一、指导思想');
    expect(out.stdout).toContain('```mermaid\ngantt');
    expect(out.stdout).toContain(':organise, 2017-03-01, 2017-03-06');
    expect(out.stderr).toMatch(/verdict sound, no rectification plan/);
    const json = JSON.parse(run(['plan', input, '--format', 'json', '--template', 'annual', '--start', '2017-03-15']).stdout);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ template: 'annual', start: '2017-04-01', end: '2017-12-31' });
  });

  it('review pairs organisations by id, from assessments or from screen output', () => {
    const before = gongtong.assessment;
    const after = structuredClone(before) as typeof before & Record<string, Record<string, unknown>>;
    after.assessedOn = '2017-12-01';
    after.affairs = { affairsDisclosures: 4, financeDisclosures: 4, supervisionCommitteeActive: true, fourTwoMethodApplied: true };
    const beforeFile = file('before.json', JSON.stringify(before));
    const screened = file('before-results.jsonl', run(['screen', beforeFile, '--format', 'jsonl']).stdout);
    const afterFile = file('after.json', JSON.stringify(after));
    for (const earlier of [beforeFile, screened]) {
      const out = run(['review', earlier, afterFile, '--format', 'json']);
      expect(out.code).toBe(0);
      const [result] = JSON.parse(out.stdout);
      expect(result).toMatchObject({ orgId: before.org.id, before: before.assessedOn, after: '2017-12-01' });
      expect(result.criteria.find((c: { id: string }) => c.id === 'C07').status).toBe('resolved');
    }
    const same = run(['review', beforeFile, beforeFile]); // same date: a ReviewError for that organisation
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/cannot review: after\.assessedOn .* must be later/);
  });

  it('schema prints the JSON Schema; rules lists thresholds', () => {
    const schema = JSON.parse(run(['schema']).stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const rules = run(['rules']).stdout;
    // Each threshold with the comparison its rule makes: more than (>), at least (≥), under (<).
    expect(rules).toContain('secretaryVacantMonths: > 3 (warning line > 1)');
    expect(rules).toContain('confirmedConflicts: ≥ 1 —');
    expect(rules).toContain('satisfactionRate: < 0.6 (warning line < 0.7)');
    const md = run(['rules', '--format', 'md']).stdout;
    expect(md).toContain('| C05 | 凝聚力不强、服务水平不高、群众满意率低 |');
    expect(md).toContain('| C04 | 长期不换届、制度形同虚设、不开展活动 | Overdue election, systems nominal, no organisational life | monthsSinceElection | \\> 72 | \\> 66 |'); // \> is a Markdown-escaped >
    expect(JSON.parse(run(['rules', '--format', 'json']).stdout).criteria).toHaveLength(10);
  });
});

describe('weak-lax-screener: review and custom rulesets, record by record', () => {
  const profile = join(import.meta.dirname, '..', '..', 'examples', 'profiles', 'example-province');

  it('types a declared extra column from standard input as from a file', () => {
    const csv = 'org.id,org.name,org.kind,assessedOn,extra.secretaryAbsentMonths\ne1,甲村,village,2017-02-15,7\n';
    const fromFile = run(['screen', file('extra.csv', csv), '--ruleset', profile, '--format', 'csv']);
    const fromStdin = run(['screen', '-', '--ruleset', profile, '--format', 'csv'], csv);
    expect(fromFile.code).toBe(0);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stdout).toContain('weak-lax');
  });

  it('reports an organisation that cannot be reviewed and reviews the others (exit 1)', () => {
    const base = readFixtures()[0]!.assessment;
    const org = (id: string) => ({ ...base.org, id });
    const before = file('b.jsonl', [JSON.stringify({ ...base, org: org('a1') }), JSON.stringify({ ...base, org: org('a2') })].join('\n'));
    const after = file('a.jsonl', [JSON.stringify({ ...base, org: org('a2'), assessedOn: '2026-12-31' }), JSON.stringify({ ...base, org: org('a1'), assessedOn: '2026-03-30' })].join('\n'));
    const out = run(['review', before, after, '--format', 'json']);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).map((r: { orgId: string }) => r.orgId)).toEqual(['a2']);
    expect(out.stderr).toMatch(/a1: cannot review: after\.assessedOn/);
  });
});
