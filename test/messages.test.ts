/**
 * Chinese all the way through: every message of every table (library and command line) is
 * read in Chinese, with placeholder parameters and without them, and must hold a CJK
 * character, no English type name (number, string, boolean, object, array, undefined, NaN)
 * and no field path or key without the field's label beside it. Then real errors: an invalid
 * assessment with every kind of bad value in every field, options, rule files, plans and
 * review, each read in zh-CN the same way.
 */
import { describe, expect, it } from 'vitest';
import {
  assessmentFields,
  fieldGroups,
  isAssessmentError,
  isOptionsError,
  isReviewError,
  isRulesetError,
  loadRuleset,
  planRectification,
  renderPlan,
  review,
  screen,
  type Locale,
} from '../src/index.js';
import { ERROR_TEXT } from '../src/errors.js';
import { ASSESSMENT_MESSAGES, RULESET_MESSAGES, ZOD_MESSAGES, errorMap, type MessageTable } from '../src/schema/messages.js';
import { CATALOGUE_MESSAGES, PLAN_MESSAGES, REVIEW_MESSAGES } from '../src/plan/messages.js';
import { DELIST_REASONS, LIFECYCLE_MESSAGES } from '../src/lifecycle/messages.js';
import { FOLDER_MESSAGES } from '../src/load-folder.js';
import { MESSAGES_EN, MESSAGES_ZH } from '../src/cli/messages.js';
import { fixture } from './helpers/fixtures.js';

const CJK = /[\u4e00-\u9fff]/;
const TYPE_NAME = /\b(?:number|string|boolean|object|array|undefined|NaN)\b/;

/** Field paths and keys that name a field, each with the label a Chinese message must give beside it. */
const NAMES: Array<{ name: RegExp; label: string }> = [
  ...assessmentFields.flatMap((field) => {
    const key = field.path.slice(field.path.lastIndexOf('.') + 1);
    // Short keys (id, name, kind, city) are ordinary words; camelCase keys and paths are not.
    const names = [field.path, ...(/[A-Z]/.test(key) ? [key] : [])];
    return names.map((name) => ({ name: new RegExp(`(?<![\\w.])${name.replace(/\./g, '\\.')}(?![\\w])`), label: field.label.zh }));
  }),
  ...fieldGroups.filter((group) => !group.path.includes('.')).map((group) => ({ name: new RegExp(`(?<![\\w.-])${group.path}(?![\\w])`), label: group.label.zh })),
];

/** What is wrong with one Chinese text, if anything. */
function problems(text: string): string[] {
  const found: string[] = [];
  if (!CJK.test(text)) found.push('no Chinese');
  const typeName = TYPE_NAME.exec(text);
  if (typeName) found.push(`English type name "${typeName[0]}"`);
  for (const { name, label } of NAMES) {
    if (name.test(text) && !text.includes(label)) found.push(`bare field path ${name.source} without its label ${label}`);
  }
  return found;
}

const expectChinese = (text: string, where: string) => expect(problems(text), `${where}: ${text}`).toEqual([]);

/** Half-width ,;:()" beside a Chinese character or full-width mark (official style writes ，；：（）“”). */
const CHINESE = String.raw`[\p{Script=Han}\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b\u201c\u201d]`;
const HALF_WIDTH_BESIDE_CHINESE = new RegExp(`${CHINESE}[,;:()"]|[,;:()"]${CHINESE}`, 'u');

/** Parameters in which every key gives `value(key)`: placeholders take every optional branch, empty texts and nulls the others. */
const params = (value: (key: string) => unknown) =>
  new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? value(key) : undefined), has: () => true }) as Record<string, unknown>;
const PARAMS = [params((key) => `«${key}»`), params(() => ''), params(() => null)];

const LIBRARY_TABLES: Record<string, MessageTable> = {
  ASSESSMENT_MESSAGES,
  RULESET_MESSAGES,
  FOLDER_MESSAGES,
  CATALOGUE_MESSAGES,
  PLAN_MESSAGES,
  REVIEW_MESSAGES,
  LIFECYCLE_MESSAGES,
};

describe('every message of every table has Chinese', () => {
  for (const [name, table] of Object.entries(LIBRARY_TABLES)) {
    it.each(Object.keys(table))(`${name}.%s`, (key) => {
      const entry = table[key]!;
      for (const given of PARAMS) {
        expectChinese(entry.zh(given), `${name}.${key}`);
        expect(entry.zh(given)).not.toMatch(HALF_WIDTH_BESIDE_CHINESE);
        expect(entry.en(given)).not.toMatch(CJK);
      }
    });
  }

  it('the half-width check finds a half-width mark beside Chinese, and only there', () => {
    expect('名单已于 2025-03-28 确定(县委常委会)').toMatch(HALF_WIDTH_BESIDE_CHINESE);
    expect('不能早于排查日期:2025-03-15').toMatch(HALF_WIDTH_BESIDE_CHINESE);
    expect('应为“zh”或"en"').toMatch(HALF_WIDTH_BESIDE_CHINESE);
    expect('可选 2025-07-15, 2025-10-15（共两次）').not.toMatch(HALF_WIDTH_BESIDE_CHINESE);
  });

  // caseStatus gives its reasons in both languages at once; the English keeps the grade as
  // recorded (合格) and the term 销号, as the contract's reasons do, and nothing else Chinese.
  it.each(Object.keys(DELIST_REASONS))('DELIST_REASONS.%s', (key) => {
    const entry = DELIST_REASONS[key as keyof typeof DELIST_REASONS] as MessageTable[string];
    for (const given of PARAMS) {
      expectChinese(entry.zh(given), `DELIST_REASONS.${key}`);
      expect(entry.zh(given)).not.toMatch(HALF_WIDTH_BESIDE_CHINESE);
      expect(entry.en(given).replace(/合格|销号/g, '')).not.toMatch(CJK);
    }
  });

  it.each(Object.keys(ERROR_TEXT).filter((key) => key !== 'colon'))('error header %s', (key) => {
    const entry = ERROR_TEXT[key as keyof typeof ERROR_TEXT];
    expectChinese(entry.zh('990000000001'), key);
    expectChinese(entry.zh(), key);
  });

  it('command line: the Chinese table has exactly the English keys', () => {
    expect(Object.keys(MESSAGES_ZH).sort()).toEqual(Object.keys(MESSAGES_EN).sort());
  });

  it.each(Object.keys(MESSAGES_ZH))('command line: %s', (key) => {
    const entry = MESSAGES_ZH[key as keyof typeof MESSAGES_ZH] as string | ((...args: unknown[]) => string);
    if (typeof entry === 'string') {
      // The prefix is the command's own name; the separator is a full-width semicolon.
      if (key === 'prefix' || key === 'casePrefix' || key === 'colon' || key === 'issueSeparator') expect(entry).toMatch(/^(?:weak-lax-screener(?: case)?：|：|；)$/);
      else expectChinese(entry, key);
      return;
    }
    // A list placeholder prints as its one element, so it serves where a text or a number is expected too.
    for (const fill of [['«x»'], ['']]) expectChinese(entry(...Array.from({ length: entry.length }, () => fill)), key);
  });
});

/** Every issue code zod raises, in several shapes. */
const ZOD_ISSUES: Array<Record<string, unknown>> = [
  ...['number', 'int', 'string', 'boolean', 'object', 'array', 'null', 'record', 'date', 'bigint', 'symbol', 'custom'].flatMap((expected) =>
    [undefined, 'x', 5, true, null, [], {}].map((input) => ({ code: 'invalid_type', expected, input })),
  ),
  { code: 'invalid_type', expected: 'number', input: null, received: 'NaN' },
  { code: 'invalid_type', expected: 'number', input: null, received: 'Infinity' },
  ...['number', 'int', 'string', 'array', 'set', 'date'].flatMap((origin) =>
    [true, false].flatMap((inclusive) => [0, 1, 5].flatMap((n) => [
      { code: 'too_small', origin, inclusive, minimum: n, input: -1 },
      { code: 'too_big', origin, inclusive, maximum: n, input: 99 },
    ])),
  ),
  { code: 'invalid_value', values: ['village', 'community'], input: 'town' },
  { code: 'invalid_value', values: [1], input: 2 },
  ...['date', 'regex', 'email', 'starts_with'].map((format) => ({ code: 'invalid_format', format, pattern: /^a$/, input: 'b' })),
  { code: 'not_multiple_of', divisor: 5, input: 3 },
  { code: 'unrecognized_keys', keys: ['weigth', 'extend'] },
  { code: 'invalid_union', errors: [] },
  { code: 'invalid_key', origin: 'record' },
  { code: 'invalid_element', origin: 'map' },
  { code: 'custom' },
];

describe('zod issues', () => {
  it('the table has every issue code zod 4 raises', () => {
    const codes = ['invalid_type', 'too_big', 'too_small', 'invalid_format', 'not_multiple_of', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value', 'custom'];
    expect(Object.keys(ZOD_MESSAGES).sort()).toEqual(codes.sort());
  });

  it.each(ZOD_ISSUES.map((issue) => [JSON.stringify(issue), issue] as const))('outside the assessment: %s', (_name, issue) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = errorMap(locale)(issue as never) as string;
      if (locale === 'zh-CN') expectChinese(text, 'zod');
      else expect(text).not.toMatch(CJK);
    }
  });

  it.each(ZOD_ISSUES.map((issue) => [JSON.stringify(issue), issue] as const))('at every field of the assessment: %s', (_name, issue) => {
    for (const field of assessmentFields) {
      const text = errorMap('zh-CN', 'assessment')({ ...issue, path: field.path.split('.') } as never) as string;
      expectChinese(text, field.path);
      expect(text.startsWith(field.label.zh), text).toBe(true);
    }
  });
});

/** A valid assessment, and every kind of bad value each field type can be given. */
const base = () => structuredClone(fixture('01-').assessment) as Record<string, Record<string, unknown>>;
const BAD_VALUES: unknown[] = ['85%', '3', '', 'yes', '是', '2026/3/31', '2026-02-30', '称职', -1, 1.5, 85, 1e20, Number.NaN, true, null, [], {}];

function withValue(path: string, value: unknown): Record<string, unknown> {
  const record = base() as Record<string, unknown>;
  const keys = path.split('.');
  let at = record;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return record;
}

async function zhIssues(input: unknown, options: Record<string, unknown> = {}) {
  const error = await screen(input, { ...options, locale: 'zh-CN' } as never).then(
    () => undefined,
    (e: unknown) => e,
  );
  return error;
}

describe('real errors in zh-CN', () => {
  it.each(assessmentFields.map((field) => [field.path, field] as const))('every bad value of %s', async (path) => {
    let bad = 0;
    for (const value of BAD_VALUES) {
      const error = await zhIssues(withValue(path, value));
      if (error === undefined) continue;
      expect(isAssessmentError(error), String(error)).toBe(true);
      const { issues, message } = error as { issues: Array<{ path: string; message: string }>; message: string };
      bad++;
      for (const issue of issues) expectChinese(issue.message, `${path} = ${JSON.stringify(value)}`);
      expect(message.split('\n')[0]).toMatch(/^排查记录有误/);
    }
    expect(bad).toBeGreaterThan(5);
  });

  it('a missing required field, a group given as a list, an unknown key, a cross-field rule', async () => {
    const record = base() as Record<string, unknown>;
    delete (record.org as Record<string, unknown>).kind;
    record.venue = [true];
    (record.leadership as Record<string, unknown>) = { seatsRequired: 5, seatsFilled: 6, seatFilled: 1, secretaryVacantSince: '2099-01-01' };
    record.extra = { x: {} };
    const error = (await zhIssues(record)) as { issues: Array<{ path: string; message: string }> };
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath['org.kind']).toBe('村或社区必须填写，应为以下之一：村（village）、社区（community）');
    expect(byPath.venue).toBe('活动场所应为对象，写明该组各项；填写的是列表');
    expect(byPath['leadership.seatFilled']).toBe('无法识别的项目名称“seatFilled”；是否应为“seatsFilled”（班子实有人数）？');
    expect(byPath['leadership.seatsFilled']).toBe('班子实有人数（6）不能超过班子职数（5）');
    expect(byPath['leadership.secretaryVacantSince']).toMatch(/^书记空缺起始日期（2099-01-01）晚于排查日期（/);
    for (const issue of error.issues) expectChinese(issue.message, issue.path);
  });

  it('"85%" as a share gets the hint 0.85, in both languages', async () => {
    const zh = (await zhIssues(withValue('service.satisfactionRate', '85%'))) as { issues: Array<{ message: string }> };
    expect(zh.issues[0]!.message).toBe('群众满意率应为 0 到 1 之间的比例（85% 填 0.85）；填写的是文本“85%”，是否应为 0.85？');
    const en = await screen(withValue('service.satisfactionRate', '85%')).catch((e: { issues: Array<{ message: string }> }) => e);
    expect((en as { issues: Array<{ message: string }> }).issues[0]!.message).toBe('must be a share between 0 and 1 (0.85 for 85%); got the string "85%": did you mean 0.85?');
  });

  it('options', async () => {
    const error = await zhIssues(base(), { atRiskScore: -1, plan: { start: 'x', templat: 1 }, ruleset: {}, thresholds: { C01: { secretaryVacantMonth: 6 } } });
    expect(isOptionsError(error)).toBe(true);
    const { issues, message } = error as { issues: Array<{ path: string; message: string }>; message: string };
    expect(message.split('\n')[0]).toBe('选项有误：');
    expect(issues.length).toBeGreaterThanOrEqual(4);
    for (const issue of issues) expectChinese(issue.message, issue.path);
  });

  it('rule files', () => {
    const bad = [
      { ruleset: { id: 'x', version: '1', criteria: ['X01'], extend: 'cn-2017-ten' }, criteria: [] },
      { ruleset: { id: 'x', version: 1, criteria: [] }, criteria: [] },
      { ruleset: { id: 'x', version: '1', criteria: ['X01'] }, criteria: [{ id: 'X01' }] },
      { ruleset: { id: 'x', version: '1', criteria: ['X02'] }, criteria: [] },
      'a/folder',
    ];
    for (const objects of bad) {
      let error: unknown;
      try {
        loadRuleset(objects as never, { locale: 'zh-CN' });
      } catch (e) {
        error = e;
      }
      expect(isRulesetError(error)).toBe(true);
      const message = (error as Error).message;
      expectChinese(message.slice(message.indexOf('：') + 1), JSON.stringify(objects));
    }
  });

  it('plans and review', async () => {
    const result = await screen(fixture('04-').assessment);
    const errors: unknown[] = [];
    const collect = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        errors.push(e);
      }
    };
    const zh = { locale: 'zh-CN' as Locale };
    collect(() => planRectification({ ...result, kind: 'town' } as never, { start: '2026-04-01', ...zh }));
    collect(() => planRectification(result, { start: '2000-01-01', ...zh }));
    collect(() => planRectification(result, { start: '2026-02-30', ...zh }));
    collect(() => renderPlan({} as never, { lang: 'zh', ...zh }));
    collect(() => renderPlan({} as never, { lang: 'fr' as never, ...zh }));
    collect(() => review(result, result, zh));
    collect(() => review(result, { ...result, orgId: 'other' }, zh));
    collect(() => review(null as never, result, zh));
    expect(errors).toHaveLength(8);
    expect(isReviewError(errors[5])).toBe(true);
    for (const error of errors) {
      const message = (error as Error).message;
      expectChinese(message.includes('：\n') ? message.split('\n').slice(1).join('\n') : message, message);
    }
  });
});
