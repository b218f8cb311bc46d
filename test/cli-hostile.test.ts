/**
 * Hostile input at the command line (issue 11): one bad record in `plan` or `review` is
 * reported and the rest go on; a closed pipe ends the run quietly; data never reaches the
 * terminal or a Markdown document as control sequences or markup; `--workers` takes only
 * digits and starts threads as chunks need them; no bad input ever prints a stack trace.
 *
 * The spawned runs read dist/cli.js, built by `npm test` (its `pretest` runs `npm run build`);
 * run `npm run build` first when running this file alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main, workersOption } from '../src/cli/index.js';
import { runChunks, WorkerPool } from '../src/cli/chunks.js';
import { UsageError } from '../src/cli/errors.js';
import { screen } from '../src/index.js';
import { readFixtures } from './helpers/fixtures.js';
import { runMain } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'wls-cli-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: dir });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace or an internal error: never for bad input. */
const STACK = /internal error|^\s+at /m;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const fixtures = readFixtures();
const seedCase = fixtures.find((f) => f.file.startsWith('42-'))!.assessment; // weak-lax
const { id: seedCaseId, name: seedCaseName } = seedCase.org;
const sound = fixtures.find((f) => f.expected.verdict === 'sound')!.assessment;
const weakLaxResult = await screen(seedCase);

describe('plan: one malformed record is reported and the rest go on (exit 1)', () => {
  const other = { ...seedCase, org: { ...seedCase.org, id: '990000000002', name: '乙村党支部' } };
  const records: Array<[string, unknown]> = [
    ['a weak-lax assessment', seedCase],
    ['a result of kind castle', { ...weakLaxResult, kind: 'castle' }],
    ['a number', 5],
    ['null', null],
    ['a string', 'village'],
    ['an array', [1, 2]],
    ['an entry whose result is a stub', { index: 0, ok: true, result: { verdict: 'weak-lax' } }],
    ['an entry with malformed issues', { index: 1, ok: false, issues: 'broken' }],
    ['an invalid entry of screen output', { index: 2, ok: false, orgId: '990000000009', issues: [{ path: 'venue', message: 'x' }] }],
    ['a result whose criteria are not objects', { ...weakLaxResult, orgId: '990000000003', criteria: [null, 5] }],
    ['a result whose timeline starts on no date', { ...weakLaxResult, orgId: '990000000004', timeline: [{ start: 'soon' }] }],
    ['an invalid assessment', { ...seedCase, venue: { hasFixedVenu: true } }],
    ['a weak-lax result from screen output', { index: 3, ok: true, result: { ...weakLaxResult, orgId: '990000000005' } }],
    ['a second weak-lax assessment', other],
  ];
  const text = records.map(([, r]) => JSON.stringify(r)).join('\n') + '\n{broken json\n';

  it.each(['md', 'json'])('--format %s: the good records are planned, each bad one named on stderr', async (format) => {
    const out = await runMain(['plan', file(`mixed-${format}.jsonl`, text), '--format', format]);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(STACK);
    const invalid = out.stderr.split('\n').filter((l) => l.startsWith('record #'));
    expect(invalid.map((l) => Number(/^record #(\d+)/.exec(l)![1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14]);
    expect(out.stderr).toContain(`record #1 (${seedCaseId}) is invalid: kind: must be one of village, community`);
    expect(out.stderr).toMatch(/record #6 is invalid: result\.orgId: must be a non-empty string; .*result\.kind: must be one of village, community/);
    expect(out.stderr).toContain('record #7 is invalid: issues: must be a list of issues { path, message }');
    expect(out.stderr).toContain('record #8 (990000000009) is invalid: venue: x');
    expect(out.stderr).toContain('record #9 (990000000003) is invalid: criteria.0: must be an object; criteria.1: must be an object');
    expect(out.stderr).toContain('record #10 (990000000004) is invalid: timeline.0.start: must be a date YYYY-MM-DD');
    expect(out.stderr).toMatch(/record #14 is invalid: \(root\): line 15: not valid JSON/);
    const planned = format === 'json' ? JSON.parse(out.stdout).map((p: { orgId: string }) => p.orgId) : [...out.stdout.matchAll(/^# (.*)整顿方案$/gm)].map((m) => m[1]);
    expect(planned).toEqual(format === 'json' ? [seedCaseId, '990000000005', '990000000002'] : [seedCaseName, seedCaseName, '乙村党支部']);
  });

  it('a JSON array with one bad element plans the others', async () => {
    const out = await runMain(['plan', file('mixed.json', JSON.stringify([seedCase, { kind: 'castle', verdict: 'weak-lax' }, other])), '--format', 'json']);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(STACK);
    expect(JSON.parse(out.stdout)).toHaveLength(2);
  });
});

describe('review: duplicates and malformed records', () => {
  const org = (id: string) => ({ ...sound.org, id });
  const at = (id: string, assessedOn: string) => JSON.stringify({ ...sound, org: org(id), assessedOn });

  it('a second record of an organisation is reported (exit 1) and the first is reviewed', async () => {
    const before = file('dup-before.jsonl', [at('990001', '2026-01-10'), at('990002', '2026-01-10'), at('990001', '2026-02-20')].join('\n'));
    const after = file('dup-after.jsonl', [at('990001', '2026-03-31'), at('990002', '2026-03-31'), at('990002', '2026-04-30'), '{"kind":"castle","verdict":"sound"}'].join('\n'));
    const out = await runMain(['review', before, after, '--format', 'json']);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(STACK);
    expect(out.stderr).toContain('record #2 (990001) is invalid: orgId: org id 990001 was already given by record #0; only that first record is reviewed');
    expect(out.stderr).toContain('record #2 (990002) is invalid: orgId: org id 990002 was already given by record #1');
    expect(out.stderr).toMatch(/record #3 is invalid: orgId: must be a non-empty string/);
    const reviews = JSON.parse(out.stdout) as Array<{ orgId: string; before: string; after: string }>;
    expect(reviews.map((r) => [r.orgId, r.before, r.after])).toEqual([
      ['990001', '2026-01-10', '2026-03-31'],
      ['990002', '2026-01-10', '2026-03-31'],
    ]);
  });
});

describe('malformed results, field by field', () => {
  it.each([
    ['not an object', [1], [{ path: '', message: 'a screening result must be an object' }]],
    ['a region that is not an object', { region: 'x' }, [{ path: 'region', message: 'must be an object' }]],
    ['a region part that is not text', { region: { county: 5 } }, [{ path: 'region.county', message: 'must be a string' }]],
    ['matched ids that are not text', { matched: ['C01', 7] }, [{ path: 'matched.1', message: 'must be a non-empty string' }]],
    ['matched that is no list', { matched: 'C01' }, [{ path: 'matched', message: 'must be a list of criterion ids' }]],
    ['thresholds of a criterion that are no object', { ruleset: { ...weakLaxResult.ruleset, thresholds: { C01: 3 } } }, [{ path: 'ruleset.thresholds.C01', message: 'must be an object' }]],
    ['a threshold that is no number', { ruleset: { ...weakLaxResult.ruleset, thresholds: { C01: { secretaryVacantMonths: '3' } } } }, [{ path: 'ruleset.thresholds.C01.secretaryVacantMonths', message: 'must be a number' }]],
    ['a ruleset that is no object', { ruleset: null }, [{ path: 'ruleset', message: 'must be { id, version, thresholds }' }]],
    ['thresholds that are no object', { ruleset: { id: 'x', version: '1', thresholds: [] } }, [{ path: 'ruleset.thresholds', message: 'must be an object' }]],
    ['a title that is not bilingual', { criteria: [{ ...weakLaxResult.criteria[0], title: 'C01' }] }, [{ path: 'criteria.0.title', message: 'must be { zh, en } texts' }]],
    ['an outcome that is no outcome', { criteria: [{ ...weakLaxResult.criteria[0], outcome: 'maybe' }] }, [{ path: 'criteria.0.outcome', message: 'must be one of matched, not-matched, insufficient-data' }]],
    ['criteria that are no list', { criteria: {} }, [{ path: 'criteria', message: 'must be a list of criteria' }]],
    ['a timeline that is no list', { timeline: {}, checklist: 'x' }, [{ path: 'timeline', message: 'must be a list' }, { path: 'checklist', message: 'must be a list' }]],
    ['a timeline entry that is no object', { timeline: [1] }, [{ path: 'timeline.0', message: 'must be an object' }]],
    ['a date that is no date', { assessedOn: '2026-02-30' }, [{ path: 'assessedOn', message: 'must be a date YYYY-MM-DD' }]],
    ['a score that is no number', { score: Number.NaN }, [{ path: 'score', message: 'must be a number' }]],
  ])('%s', async (_name, change, issues) => {
    const { resultIssues } = await import('../src/cli/results.js');
    const value = Array.isArray(change) ? change : { ...weakLaxResult, ...change };
    expect(resultIssues(value)).toEqual(issues);
    expect(resultIssues(JSON.parse(JSON.stringify(weakLaxResult)))).toEqual([]);
  });

  it('a result that passes the check but that the library refuses is an invalid record, not a crash', async () => {
    const out = await runMain(['review', file('r-before.json', JSON.stringify(weakLaxResult)), file('r-after.json', JSON.stringify({ ...weakLaxResult, ruleset: { ...weakLaxResult.ruleset, id: 'other' } }))]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`^${seedCaseId}: cannot review: different rulesets`, 'm'));
    expect(out.stderr).not.toMatch(STACK);
  });
});

describe('standard output closed while writing, in-process', () => {
  it('the run stops and ends quietly with exit code 0; nothing more is written', async () => {
    const path = file('closing.jsonl', Array.from({ length: 400 }, (_, i) => JSON.stringify({ ...sound, org: { ...sound.org, id: `99${i}` } })).join('\n'));
    let writes = 0;
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => {
      writes++;
      process.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      return false;
    });
    const code = await main(['screen', path, '--format', 'jsonl']);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(writes).toBe(1);
  });

  it('another write error is a usage error (exit 2), not a stack', async () => {
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => {
      process.stdout.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }));
      return false;
    });
    const code = await main(['schema']);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(stderr).toBe('weak-lax-screener: cannot write to standard output: EIO\nRun with --help for usage.\n');
  });
});

describe('progress on a terminal', () => {
  it('counts screened and invalid records on stderr when it is a terminal', async () => {
    const path = file('progress.jsonl', `${JSON.stringify(sound)}\n{broken\n`);
    const stream = process.stderr as unknown as Record<string, unknown>;
    const own = ['isTTY', 'columns', 'cursorTo', 'moveCursor', 'clearLine', 'clearScreenDown'].filter((k) => !Object.hasOwn(stream, k));
    Object.assign(stream, { isTTY: true, columns: 80, cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true });
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['screen', path, '--format', 'csv']);
    } finally {
      vi.restoreAllMocks();
      for (const key of own) delete stream[key];
    }
    expect(code).toBe(1);
    expect(stderr).toContain('screened 2 records, 1 invalid\n');
  });
});

describe('closing standard output early', () => {
  const many = file(
    'many.jsonl',
    Array.from({ length: 2000 }, (_, i) => {
      const a = fixtures[i % fixtures.length]!.assessment;
      return JSON.stringify({ ...a, org: { ...a.org, id: `99${i}` } });
    }).join('\n') + '\n',
  );
  const weakLax = file('weak-lax.jsonl', Array.from({ length: 300 }, (_, i) => JSON.stringify({ ...seedCase, org: { ...seedCase.org, id: `99${i}` } })).join('\n') + '\n');

  it.each([
    ['screen table', ['screen', many]],
    ['screen csv, two workers', ['screen', many, '--format', 'csv', '--workers', '2']],
    ['screen md', ['screen', many, '--format', 'md']],
    ['plan', ['plan', weakLax]],
  ])('%s | head -1 ends quietly with exit code 0', (_name, args) => {
    const command = `"${process.execPath}" "${cli}" ${args.map((a) => `"${a}"`).join(' ')} | head -1 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`;
    const result = spawnSync('bash', ['-c', command], { encoding: 'utf8', cwd: dir });
    expect(result.stderr).toBe('exit 0\n');
  });
});

describe('data never reaches output as control sequences or markup', () => {
  const evilName = '\u001b]8;;https://evil.example\u0007甲村\u001b]8;;\u0007\n| 99 | 伪造 |<script>[x](javascript:alert(1))';
  const evil = { ...seedCase, org: { ...seedCase.org, id: '99\u001b[2J01', name: evilName, region: { county: '乙县\r\n## 伪造', township: '丙镇|`code`' } } };
  const input = file('evil.jsonl', `${JSON.stringify(evil)}\n${JSON.stringify({ ...evil, venue: { hasFixedVenu: true } })}\n`);

  it('table: one line per record, no control character', async () => {
    const out = await runMain(['screen', input]);
    expect(out.code).toBe(1);
    expect(out.stdout).not.toMatch(CONTROL);
    expect(out.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('md: one table row per record, nothing that renders as a link, tag or heading', async () => {
    const out = await runMain(['screen', input, '--format', 'md']);
    const rows = out.stdout.split('\n').filter((l) => l.startsWith('| 99'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(1, -1).split(/(?<!\\)\|/)).toHaveLength(8);
    for (const md of [out.stdout, (await runMain(['plan', input])).stdout]) {
      expect(md).not.toMatch(CONTROL);
      expect(md).not.toMatch(/(?<!\\)<script/);
      expect(md).not.toMatch(/(?<!\\)\[x(?<!\\)\]/);
      expect(md).not.toMatch(/^#+ 伪造/m);
    }
  });

  it('--summary in table and md', async () => {
    const table = (await runMain(['screen', input, '--summary'])).stdout;
    expect(table).not.toMatch(CONTROL);
    expect(table).toContain('乙县 ## 伪造');
    const md = (await runMain(['screen', input, '--summary', '--format', 'md'])).stdout;
    expect(md).toContain('| —/—/乙县 \\#\\# 伪造/丙镇\\|\\`code\\` |');
    expect(md).not.toMatch(/^#+ 伪造/m);
  });

  it('notes on stderr are one line each, with no control character', async () => {
    const soundEvil = { ...sound, org: { ...sound.org, name: '丁村\u001b[31m\n伪造一行' } };
    const out = await runMain(['plan', file('evil-sound.json', JSON.stringify(soundEvil))]);
    expect(out.code).toBe(0);
    expect(out.stderr).not.toMatch(CONTROL);
    expect(out.stderr.trim().split('\n')).toEqual([`${sound.org.id} 丁村[31m 伪造一行: verdict sound, no rectification plan`]);
  });

  it('rules --format md and table: a ruleset folder written elsewhere is data too', async () => {
    const rules = join(dir, 'evil-rules');
    cpSync(join(root, 'rules', 'cn-2017-ten'), rules, { recursive: true });
    const c10 = JSON.parse(readFileSync(join(rules, 'C10.json'), 'utf8'));
    c10.title = { zh: '无场所|<img src=x onerror=alert(1)>', en: 'No venue\n## [link](javascript:x)\u001b[31m' };
    c10.sources = ['seed | `x`'];
    writeFileSync(join(rules, 'C10.json'), JSON.stringify(c10));
    const md = await runMain(['rules', '--ruleset', rules, '--format', 'md']);
    expect(md.code).toBe(0);
    const row = md.stdout.split('\n').find((l) => l.startsWith('| C10 '))!;
    expect(row).toBe('| C10 | 无场所\\|\\<img src=x onerror=alert(1)\\> | No venue \\#\\# \\[link\\](javascript:x)\\[31m | — |  |  | seed \\| \\`x\\` |');
    const table = await runMain(['rules', '--ruleset', rules]);
    expect(table.stdout).not.toMatch(CONTROL);
    const summary = (await runMain(['screen', input, '--summary', '--format', 'md', '--ruleset', rules])).stdout;
    expect(summary).toContain('| C10 无场所\\|\\<img src=x onerror=alert(1)\\> |');
  });
});

describe('--workers', () => {
  it.each(['', '0x2', '1e1', ' 2', '2.0', '-1', '65', '+2', '２'])('%j is a usage error', async (value) => {
    expect(() => workersOption(value)).toThrow(new UsageError('--workers must be a whole number from 0 to 64, written in digits'));
    const out = await runMain(['screen', file('one.json', JSON.stringify(sound)), '--workers', value]);
    expect(out.code).toBe(2);
  });

  it.each([['0', 0], ['2', 2], ['64', 64], ['007', 7]])('%j is %i', (value, n) => {
    expect(workersOption(value)).toBe(n);
  });

  it('threads start only as chunks need them: one chunk, one thread, whatever the pool size', async () => {
    // A stand-in worker that answers every chunk at once.
    const script = new URL(`file://${file('echo-worker.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => parentPort.postMessage({ id: m.id, output: { text: '', notes: [], entries: 1, invalid: 0 } }));\n")}`);
    const setup = { options: {}, format: 'csv' as const, summary: false };
    const chunks = async function* (n: number) {
      for (let i = 0; i < n; i++) yield { input: { items: [] }, firstIndex: i };
    };
    for (const [chunkCount, most] of [[1, 1], [3, 3], [10, 10]] as const) {
      const pool = new WorkerPool(script, setup, 64);
      let emitted = 0;
      await runChunks(chunks(chunkCount), (input, firstIndex) => pool.run(input, firstIndex), 128, async () => {
        emitted++;
      });
      expect(emitted).toBe(chunkCount);
      expect(pool.started).toBeLessThanOrEqual(most);
      expect(pool.started).toBeGreaterThanOrEqual(1);
      await pool.close();
    }
  });

  it('--workers 64 on one record screens it', () => {
    const out = run(['screen', file('one.jsonl', JSON.stringify(seedCase)), '--workers', '64', '--format', 'csv']);
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[1]).toMatch(new RegExp(`^${seedCaseId},${seedCaseName},.*,weak-lax,`));
  });
});

describe('--version and bad input without stack traces', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await runMain(['-v'])).stdout).toBe(`${version}\n`);
  });

  it('a directory, from the real process: one message, exit 2', () => {
    const out = run(['screen', '.']);
    expect(out).toEqual({ code: 2, stdout: '', stderr: 'weak-lax-screener: not a file: .\nRun with --help for usage.\n' });
  });

  // In-process: main() resolves to 2 with one message, or rejects (what bin.ts prints as an internal error).
  it.each([
    ['a missing file', ['screen', '@nope.jsonl']],
    ['JSON that ends early', ['screen', '@broken.json'], ['broken.json', '[{"org":']],
    ['a CSV with a stray quote', ['screen', '@quote.csv'], ['quote.csv', 'org.id,org.name\n"99,甲"村\n']],
    ['thresholds that are not JSON', ['screen', '@ok.json', '--thresholds', '@bad-t.json'], ['bad-t.json', '{']],
    ['thresholds naming no criterion', ['screen', '@ok.json', '--thresholds', '@t.json'], ['t.json', '{"C99":{"x":1},"__proto__":{"polluted":1}}']],
    ['a ruleset that is not a folder', ['rules', '--ruleset', '@ok.json']],
    ['an unknown option', ['screen', '@ok.json', '--frobnicate']],
  ] as Array<[string, string[], [string, string]?]>)('%s: one message, exit 2', async (_name, args, extra) => {
    file('ok.json', JSON.stringify(sound));
    if (extra) file(extra[0], extra[1]);
    const out = await runMain(args.map((a) => (a.startsWith('@') ? join(dir, a.slice(1)) : a)));
    expect(out.code).toBe(2);
    expect(out.stderr).not.toMatch(STACK);
    expect(out.stderr).toMatch(/^weak-lax-screener: [^\n]+\nRun with --help for usage\.\n$|^weak-lax-screener: /);
    expect(out.stdout).toBe('');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
