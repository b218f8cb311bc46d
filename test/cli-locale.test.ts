/**
 * The command line in Chinese: `--locale zh-CN`, or the locale variables with the usual
 * precedence (LC_ALL, then LC_MESSAGES, then LANG; `--locale` over all of them). Help, usage
 * errors, Node's own argument errors, invalid records, plan and review notes, review output
 * and `rules` all follow it; `--version` and the data formats do not change. In-process
 * through `main()` (coverage), and once as a spawned process with a worker thread, whose
 * messages must follow the run's language too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGES, MESSAGES_EN, localeFrom } from '../src/cli/messages.js';
import { readFixtures } from './helpers/fixtures.js';
import { runMain } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wls-cli-locale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** Runs `main` with the locale variables given (the others unset). */
function runMainIn(argv: string[], env: Record<string, string> = {}) {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) vi.stubEnv(name, env[name] ?? '');
  return runMain(argv);
}

const ZH = { LANG: 'zh_CN.UTF-8' };
const fixtures = readFixtures();
const gongtong = fixtures.find((f) => f.file.startsWith('42-'))!;
const weakLax = file('gongtong.json', JSON.stringify(gongtong.assessment));
const sound = file('sound.json', JSON.stringify(fixtures.find((f) => f.file.startsWith('01-'))!.assessment));
const bad = file(
  'bad.jsonl',
  `${JSON.stringify({ ...gongtong.assessment, service: { satisfactionRate: '85%' } })}\n{not json\n${JSON.stringify(gongtong.assessment)}\n`,
);

describe('which language a run speaks', () => {
  it.each([
    [[], {}, 'en'],
    [[], { LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [[], { LANG: 'zh_CN' }, 'zh-CN'],
    [[], { LANG: 'zh' }, 'zh-CN'],
    [[], { LANG: 'en_US.UTF-8' }, 'en'],
    [[], { LANG: 'zh_TW.UTF-8' }, 'en'],
    [[], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, 'en'],
    [[], { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-CN'],
    [[], { LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }, 'zh-CN'],
    [[], { LC_ALL: '', LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [['--locale', 'en'], { LANG: 'zh_CN.UTF-8' }, 'en'],
    [['--locale=zh-CN'], { LANG: 'C' }, 'zh-CN'],
    [['--locale', 'fr'], { LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
  ] as const)('%j with %j → %s', (argv, env, locale) => {
    expect(localeFrom(argv, env)).toBe(locale);
  });
});

describe('the command line in Chinese', () => {
  it('--help, with --locale zh-CN or LANG=zh_CN.UTF-8; English otherwise', async () => {
    for (const [argv, env] of [[['--help', '--locale', 'zh-CN'], {}], [['--help'], ZH]] as const) {
      const out = await runMainIn([...argv], env);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(/^用法：weak-lax-screener <命令> \[选项\]\n/);
      expect(out.stdout).toContain('退出码：0 全部排查完毕；1 有无效记录；2 用法错误或无法读取输入。');
    }
    expect((await runMainIn(['--help'], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).stdout).toMatch(/^Usage: weak-lax-screener/);
    // The run's language does not outlive the run.
    expect(MESSAGES).toBe(MESSAGES_EN);
  });

  it('--version is the same in both', async () => {
    const en = await runMainIn(['--version']);
    expect(await runMainIn(['--version'], ZH)).toEqual(en);
    expect(en.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['frobnicate'], '未知命令“frobnicate”'],
    [['screen', weakLax, '--nope'], '未知选项 --nope'],
    [['screen', weakLax, '--format'], '选项 --format 需要一个值'],
    [['screen', weakLax, '--summary=1'], '选项 --summary 不带值'],
    [['screen', weakLax, '--format', 'xml'], '--format 应为以下之一：table、json、jsonl、csv、md'],
    [['screen', join(dir, 'nowhere.json')], `无法读取 ${join(dir, 'nowhere.json')}：文件不存在`],
    [['screen', weakLax, '--ruleset', join(dir, 'no-ruleset')], '无法读取文件夹：文件或文件夹不存在'],
    [['screen', weakLax, '--at-risk-score=-1'], '选项有误：\n  - atRiskScore：不能为负数'],
    [['review', weakLax], 'review 需要两个文件：之前 之后'],
  ])('usage error %j', async (argv, message) => {
    const out = await runMainIn(argv, ZH);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`weak-lax-screener：`);
    expect(out.stderr).toContain(message);
  });

  it('an invalid record: its issues, and the note on stderr, in Chinese', async () => {
    const out = await runMainIn(['screen', bad, '--format', 'jsonl'], ZH);
    expect(out.code).toBe(1);
    const entries = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(entries[0].issues).toEqual([
      { path: 'service.satisfactionRate', message: '群众满意率应为 0 到 1 之间的比例（85% 填 0.85）；填写的是文本“85%”，是否应为 0.85？' },
    ]);
    expect(entries[1].issues[0].message).toMatch(/^第 2 行：不是有效的 JSON（/);
    expect(entries[2].ok).toBe(true);
  });

  it('plan: notes and bad records in Chinese; the plan in the language --lang asks for', async () => {
    const out = await runMainIn(['plan', sound], ZH);
    expect(out.stderr).toMatch(/：初步排查结论为“正常”，不制定整顿方案\n$/);
    const plan = await runMainIn(['plan', weakLax], ZH);
    expect(plan.stdout).toMatch(/^# .*整顿方案/);
    const records = await runMainIn(['plan', bad], ZH);
    expect(records.code).toBe(1);
    expect(records.stderr).toContain('第 #0 条记录（');
    expect(records.stderr).toContain('无效：service.satisfactionRate：群众满意率应为');
  });

  it('review: the Markdown in Chinese only, and why a pair cannot be reviewed', async () => {
    const after = file('after.json', JSON.stringify({ ...gongtong.assessment, assessedOn: '2017-12-01' }));
    const out = await runMainIn(['review', weakLax, after], ZH);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('**未转化。**');
    expect(out.stdout).toContain('| 情形 | 整顿前 | 整顿后 | 变化 |');
    expect(out.stdout).toMatch(/\| C07 \| 符合 \| 符合 \| 仍存在 \|/);
    expect(out.stdout).not.toMatch(/Converted|Before|persisting|matched/);
    const earlier = file('earlier.json', JSON.stringify({ ...gongtong.assessment, assessedOn: '2016-01-01' }));
    const backwards = await runMainIn(['review', weakLax, earlier], ZH);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(/：无法复核：后一次的排查日期（2016-01-01）应晚于前一次（2017-02-15）/);
    expect((await runMainIn(['review', weakLax, sound], ZH)).stderr).toMatch(/：没有此前的排查可供比较/);
  });

  it('rules: the warning line in Chinese', async () => {
    const out = await runMainIn(['rules'], ZH);
    expect(out.stdout).toMatch(/secretaryVacantMonths: > 3（预警线 > 1） — /);
  });

  it('a spawned run with a worker thread: the worker writes Chinese too', () => {
    const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'screen', bad, '--format', 'jsonl', '--workers', '1'], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' },
    });
    expect(result.status).toBe(1);
    const entries = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(entries[1].issues[0].message).toMatch(/^第 2 行：不是有效的 JSON/);
    expect(entries[0].issues[0].message).toMatch(/^群众满意率/);
  });
});
