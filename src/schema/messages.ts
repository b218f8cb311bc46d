/**
 * Every message the library gives about bad input, in English and Chinese, in tables: our own
 * issue kinds (a share given as a percentage, a cross-field rule), every issue zod can raise
 * (rendered by our own error map, with what the field table says a field expects, so zod's
 * locales are not needed), and the problems of rule files. Plans and review keep theirs in
 * `plan/messages.ts`; the error headers are in `errors.ts`; the command line's in
 * `cli/messages.ts`. test/messages.test.ts walks every table.
 *
 * Chinese messages name a field by its label (班子实有人数), never by its path, and a value by
 * what it is (文本、数字), never by a programming type name.
 *
 * @module
 */
import type { z } from 'zod';
import { RulesetError, type Issue, type Locale } from '../errors.js';
import { FIELDS, GROUPS, type FieldSpec, type GroupSpec } from './fields.js';

export type { Locale } from '../errors.js';

/** Parameters of a message. */
export type Params = Record<string, unknown>;

/** One message in English and Chinese. */
export interface Message {
  /** English. */
  readonly en: (params: Params) => string;
  /** Chinese (zh-CN). */
  readonly zh: (params: Params) => string;
}

/** A table of messages by key. */
export type MessageTable = Readonly<Record<string, Message>>;

/** The message `key` of `table` in `locale`. */
export function render(table: MessageTable, locale: Locale, key: string, params: Params = {}): string {
  const entry = table[key];
  if (!entry) return key;
  return locale === 'zh-CN' ? entry.zh(params) : entry.en(params);
}

const FIELD_BY_PATH = new Map(FIELDS.map((field) => [field.path, field]));
const GROUP_BY_PATH = new Map(GROUPS.map((group) => [group.path, group]));

/** The field at a dotted path of an assessment, if any. */
export function fieldAt(path: string): FieldSpec | undefined {
  return FIELD_BY_PATH.get(path);
}

/** A value as a message quotes it: a string shortened to 40 characters. */
function quoted(value: unknown): string {
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** What a value is, in words: 文本“85%”, 数字 -1, 列表. */
function received(input: unknown, locale: Locale, zodReceived?: unknown): string {
  const zh = locale === 'zh-CN';
  if (zodReceived === 'NaN' || (typeof input === 'number' && Number.isNaN(input))) return zh ? '非数值' : 'NaN';
  if (zodReceived === 'Infinity' || zodReceived === '-Infinity' || input === Infinity || input === -Infinity) return zh ? '无穷大' : 'an infinite number';
  if (input === undefined) return zh ? '未填写' : 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') return zh ? `文本“${quoted(input)}”` : `the string "${quoted(input)}"`;
  if (typeof input === 'number') return zh ? `数字 ${input}` : `the number ${input}`;
  if (typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return zh ? '列表' : 'a list';
  if (typeof input === 'object') return zh ? '对象' : 'an object';
  return zh ? '其他值' : `a ${typeof input}`;
}

/** Type names zod puts in `expected`, in words. */
const EXPECTED: Readonly<Record<string, { en: string; zh: string }>> = {
  number: { en: 'number', zh: '数字' },
  int: { en: 'integer', zh: '整数' },
  bigint: { en: 'integer', zh: '整数' },
  string: { en: 'string', zh: '文本' },
  boolean: { en: 'boolean', zh: 'true 或 false' },
  object: { en: 'object', zh: '对象' },
  record: { en: 'object', zh: '对象' },
  array: { en: 'array', zh: '列表' },
  tuple: { en: 'array', zh: '列表' },
  null: { en: 'null', zh: 'null' },
  date: { en: 'date', zh: '日期' },
};

function expectedWords(expected: unknown, locale: Locale): string {
  const words = EXPECTED[String(expected)];
  if (words) return locale === 'zh-CN' ? words.zh : words.en;
  return locale === 'zh-CN' ? '其他值' : String(expected);
}

/** The unit of a count or amount, as "次数", "件数", "元". */
function unitWords(field: FieldSpec, locale: Locale): string | undefined {
  if (!field.unit) return undefined;
  if (locale === 'zh-CN') return field.type === 'count' ? `${field.unit.zh}数` : `单位：${field.unit.zh}`;
  return field.unit.en;
}

/** What a field expects, from the field table: 应为整数（次数），不能为负数. */
function expectation(field: FieldSpec, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const unit = unitWords(field, locale);
  const nullable = field.nullable ? (zh ? '；没有此情况填 null' : ', or null when there is none') : '';
  switch (field.type) {
    case 'id':
      return zh ? '应为文本，不能为空' : 'must be a non-empty string';
    case 'text':
      return zh ? '应为文本' : 'must be a string';
    case 'count':
      return zh ? `应为整数${unit ? `（${unit}）` : ''}，不能为负数` : `must be a whole number (integer)${unit ? ` of ${unit}` : ''}, 0 or more`;
    case 'amount':
      return zh ? `应为数值${unit ? `（${unit}）` : ''}，不能为负数` : `must be a number${unit ? ` (${unit})` : ''}, 0 or more`;
    case 'share':
      return zh ? '应为 0 到 1 之间的比例（85% 填 0.85）' : 'must be a share between 0 and 1 (0.85 for 85%)';
    case 'boolean':
      return zh ? '应为“是”或“否”（填 true 或 false）' : 'must be true or false (a boolean)';
    case 'date':
      return (zh ? '应为真实存在的日期，格式为 YYYY-MM-DD' : 'must be a real calendar date written YYYY-MM-DD') + nullable;
    case 'enum': {
      const values = field.values ?? [];
      const labels = field.valueLabels ?? {};
      return zh
        ? `应为以下之一：${values.map((v) => (labels[v] ? `${labels[v]!.zh}（${v}）` : v)).join('、')}`
        : `must be one of ${values.map((v) => `"${v}"`).join(', ')}`;
    }
  }
}

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*[%％]\s*$/;
const NUMBER = /^\s*-?\d+(?:\.\d+)?\s*$/;
const YES = ['是', 'yes', 'true', 'y', '1'];
const NO = ['否', 'no', 'false', 'n', '0'];

/** A guess at what was meant, for a value of the wrong kind: 0.85 for "85%". */
function hint(field: FieldSpec, input: unknown): string | undefined {
  if (typeof input === 'string') {
    const percent = PERCENT.exec(input);
    if (field.type === 'share' && percent) return String(Number(percent[1]) / 100);
    if ((field.type === 'count' || field.type === 'amount' || field.type === 'share') && NUMBER.test(input)) return String(Number(input));
    if (field.type === 'boolean') {
      const word = input.trim().toLowerCase();
      if (YES.includes(word)) return 'true';
      if (NO.includes(word)) return 'false';
    }
    if (field.type === 'date') {
      const date = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(input);
      if (date) return `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
    }
    if (field.type === 'enum') {
      const value = Object.entries(field.valueLabels ?? {}).find(([, label]) => label.zh === input.trim() || label.en === input.trim().toLowerCase());
      if (value) return value[0];
    }
  }
  if (typeof input === 'number' && field.type === 'boolean' && (input === 0 || input === 1)) return String(input === 1);
  return undefined;
}

/** The message for any zod issue at a field of the assessment: what it expects, what it got, and a hint. */
function fieldMessage(field: FieldSpec, issue: RawIssue, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const label = field.label.zh;
  const input = issue.input;
  if (input === undefined && issue.received === undefined) {
    return zh ? `${label}必须填写，${expectation(field, locale)}` : `required: ${expectation(field, locale).replace(/^must be /, '')}`;
  }
  let what = expectation(field, locale);
  if (issue.code === 'too_big' && typeof issue.maximum === 'number' && issue.maximum < Number.MAX_SAFE_INTEGER) {
    what = zh ? `${what}，且不能超过 ${issue.maximum}` : `${what}, at most ${issue.maximum}`;
  }
  if (issue.code === 'invalid_format' && field.type === 'date' && typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input)) {
    return zh ? `${label}不是真实存在的日期：${input}` : `not a real calendar date: ${input}`;
  }
  const got = received(input, locale, issue.received);
  let guess = hint(field, input);
  if (guess !== undefined && field.type === 'enum') guess = zh ? `“${guess}”` : `"${guess}"`;
  if (zh) return `${label}${what}；填写的是${got}${guess !== undefined ? `，是否应为${guess.startsWith('“') ? '' : ' '}${guess}？` : ''}`;
  return `${what}; got ${got}${guess !== undefined ? `: did you mean ${guess}?` : ''}`;
}

/** The message for a zod issue at an object of the assessment (`leadership` given as a list). */
function groupMessage(group: GroupSpec, issue: RawIssue, locale: Locale): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const zh = locale === 'zh-CN';
  if (issue.input === undefined) {
    return zh ? `${group.label.zh}必须填写：应为对象，写明${group.fields.filter((f) => f.required).map((f) => f.label.zh).join('、')}` : 'required: an object';
  }
  const got = received(issue.input, locale, issue.received);
  return zh ? `${group.label.zh}应为对象，写明该组各项；填写的是${got}` : `must be an object (the ${group.label.en} fields); got ${got}`;
}

/** A zod issue as the error map receives it. */
type RawIssue = z.core.$ZodRawIssue & { input?: unknown; received?: unknown; [key: string]: unknown };

/**
 * The message of every zod issue code, wherever no field gives a better one (options, rule
 * files): params `{ issue }`, the issue as zod raises it.
 */
export const ZOD_MESSAGES: MessageTable = {
  invalid_type: {
    en: ({ issue }) => {
      const i = issue as RawIssue;
      return i.input === undefined && i.received === undefined ? `required (expected ${expectedWords(i.expected, 'en')})` : `expected ${expectedWords(i.expected, 'en')}, got ${received(i.input, 'en', i.received)}`;
    },
    zh: ({ issue }) => {
      const i = issue as RawIssue;
      return i.input === undefined && i.received === undefined ? `必须填写（应为${expectedWords(i.expected, 'zh-CN')}）` : `应为${expectedWords(i.expected, 'zh-CN')}，填写的是${received(i.input, 'zh-CN', i.received)}`;
    },
  },
  too_small: {
    en: ({ issue }) => {
      const i = issue as z.core.$ZodIssueTooSmall;
      const n = String(i.minimum);
      if (i.origin === 'string') return Number(i.minimum) === 1 ? 'must not be empty' : `must have at least ${n} characters`;
      if (i.origin === 'array' || i.origin === 'set') return `must have at least ${n} items`;
      return i.inclusive ? `must be at least ${n}` : `must be more than ${n}`;
    },
    zh: ({ issue }) => {
      const i = issue as z.core.$ZodIssueTooSmall;
      const n = String(i.minimum);
      if (i.origin === 'string') return Number(i.minimum) === 1 ? '不能为空' : `至少应有 ${n} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `至少应有 ${n} 项`;
      if (Number(i.minimum) === 0 && i.inclusive) return '不能为负数';
      return i.inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
    },
  },
  too_big: {
    en: ({ issue }) => {
      const i = issue as z.core.$ZodIssueTooBig;
      const n = String(i.maximum);
      if (i.origin === 'string') return `must have at most ${n} characters`;
      if (i.origin === 'array' || i.origin === 'set') return `must have at most ${n} items`;
      return i.inclusive ? `must be at most ${n}` : `must be less than ${n}`;
    },
    zh: ({ issue }) => {
      const i = issue as z.core.$ZodIssueTooBig;
      const n = String(i.maximum);
      if (i.origin === 'string') return `不能超过 ${n} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `不能超过 ${n} 项`;
      return i.inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
    },
  },
  invalid_value: {
    en: ({ issue }) => `expected one of ${(issue as z.core.$ZodIssueInvalidValue).values.map((v) => JSON.stringify(v)).join(', ')}`,
    zh: ({ issue }) => `应为以下之一：${(issue as z.core.$ZodIssueInvalidValue).values.map((v) => (typeof v === 'string' ? `“${v}”` : String(v))).join('、')}`,
  },
  invalid_format: {
    en: ({ issue }) => {
      const i = issue as z.core.$ZodIssueInvalidStringFormat;
      if (i.format === 'date') return 'must be a real calendar date written YYYY-MM-DD';
      if (i.format === 'regex') return `must match the pattern ${String(i.pattern)}`;
      return `must be a valid ${i.format}`;
    },
    zh: ({ issue }) => {
      const i = issue as z.core.$ZodIssueInvalidStringFormat;
      if (i.format === 'date') return '应为真实存在的日期，格式为 YYYY-MM-DD';
      return '格式不符合要求';
    },
  },
  not_multiple_of: {
    en: ({ issue }) => `must be a multiple of ${String((issue as z.core.$ZodIssueNotMultipleOf).divisor)}`,
    zh: ({ issue }) => `应为 ${String((issue as z.core.$ZodIssueNotMultipleOf).divisor)} 的整数倍`,
  },
  unrecognized_keys: {
    en: ({ issue }) => `unknown key${(issue as z.core.$ZodIssueUnrecognizedKeys).keys.length > 1 ? 's' : ''}: ${(issue as z.core.$ZodIssueUnrecognizedKeys).keys.join(', ')}`,
    zh: ({ issue }) => `无法识别的项目名称：${(issue as z.core.$ZodIssueUnrecognizedKeys).keys.join('、')}`,
  },
  invalid_union: {
    en: () => 'matches none of the forms allowed here',
    zh: () => '不符合此处允许的任何一种写法',
  },
  invalid_key: {
    en: () => 'has a key that is not allowed here',
    zh: () => '含有此处不允许的项目名称',
  },
  invalid_element: {
    en: () => 'holds a value that is not allowed here',
    zh: () => '含有此处不允许的值',
  },
  custom: {
    en: () => 'is not allowed here',
    zh: () => '不符合要求',
  },
};

/** The messages of this library's own issue kinds about an assessment or the options. */
export const ASSESSMENT_MESSAGES: MessageTable = {
  share: {
    en: (p) => {
      const value = Number(p.value);
      const hint = value > 1 && value <= 100 ? `; did you mean ${value / 100}?` : '';
      return `must be a share between 0 and 1${hint}`;
    },
    zh: (p) => {
      const value = Number(p.value);
      const hint = value > 1 && value <= 100 ? `；是否应为 ${value / 100}？` : '';
      return `${String(p.label ?? '比例')}应为 0 到 1 之间的比例${hint}`;
    },
  },
  seats: {
    en: (p) => `seatsFilled (${String(p.filled)}) must not exceed seatsRequired (${String(p.required)})`,
    zh: (p) => `班子实有人数（${String(p.filled)}）不能超过班子职数（${String(p.required)}）`,
  },
  seatsShort: {
    en: (p) =>
      p.since === null
        ? `null (no shortage) contradicts seatsFilled ${String(p.filled)} < seatsRequired ${String(p.required)}; give the date the committee fell short`
        : `a shortage date contradicts seatsFilled ${String(p.filled)} = seatsRequired ${String(p.required)}; write null when the committee is complete`,
    zh: (p) =>
      p.since === null
        ? `班子实有人数（${String(p.filled)}）少于职数（${String(p.required)}），应填写班子缺额起始日期，不能填 null`
        : `班子实有人数（${String(p.filled)}）与职数（${String(p.required)}）相等，班子已配齐，班子缺额起始日期应填 null`,
  },
  absentWhileVacant: {
    en: (p) => `the secretary post is given as vacant since ${String(p.vacant)}: a vacant post has no secretary to be absent (write null here)`,
    zh: (p) => `书记职位自 ${String(p.vacant)} 起空缺，不存在在任书记不能正常履职的情况，书记不能正常履职起始日期应填 null`,
  },
  afterAssessedOn: {
    en: (p) => `date ${String(p.value)} lies after assessedOn (${String(p.assessedOn)})`,
    zh: (p) => `${String(p.label ?? '日期')}（${String(p.value)}）晚于排查日期（${String(p.assessedOn)}）`,
  },
  unknownKey: {
    en: (p) => `unknown key${p.suggestion ? `; did you mean "${String(p.suggestion)}"?` : ''}`,
    zh: (p) =>
      `无法识别的项目名称“${String(p.key)}”` +
      (p.suggestion ? `；是否应为“${String(p.suggestion)}”${p.suggestionLabel ? `（${String(p.suggestionLabel)}）` : ''}？` : ''),
  },
  undeclaredExtra: {
    en: (p) => `extra fact "${String(p.name)}" is not declared by ruleset ${String(p.ruleset)}`,
    zh: (p) => `附加指标“${String(p.name)}”未在规则集 ${String(p.ruleset)} 中声明`,
  },
  extraType: {
    en: (p) => `extra fact "${String(p.name)}" must be a ${String(p.type)} or null`,
    zh: (p) => `附加指标“${String(p.name)}”应为${typeWords(p.type, 'zh-CN')}或 null`,
  },
  notAnObject: {
    en: () => 'expected an object (one assessment)',
    zh: () => '应为对象（一条排查记录）',
  },
  reservedKey: {
    en: () => 'reserved key "__proto__"',
    zh: () => '“__proto__”是保留名称，不能用作项目名称',
  },
  notARuleset: {
    en: () => 'must be a ruleset from `rulesets` or `loadRuleset()`',
    zh: () => '应为 rulesets 中的内置规则集或 loadRuleset() 载入的规则集',
  },
  unknownCriterion: {
    en: (p) => `unknown criterion "${String(p.criterionId)}" in ruleset ${String(p.ruleset)}${p.suggestion ? `; did you mean "${String(p.suggestion)}"?` : ''}`,
    zh: (p) => `规则集 ${String(p.ruleset)} 中没有标准“${String(p.criterionId)}”${p.suggestion ? `；是否应为“${String(p.suggestion)}”？` : ''}`,
  },
  unknownThreshold: {
    en: (p) =>
      `criterion ${String(p.criterionId)} has no threshold "${String(p.name)}"` +
      (p.suggestion ? `; did you mean "${String(p.suggestion)}"?` : p.known ? ` (known: ${String(p.known)})` : ' (it has no thresholds)'),
    zh: (p) =>
      `标准 ${String(p.criterionId)} 没有阈值“${String(p.name)}”` +
      (p.suggestion ? `；是否应为“${String(p.suggestion)}”？` : p.known ? `（可用：${String(p.known)}）` : '（该项没有阈值）'),
  },
  planStartEarly: {
    en: (p) => `the plan must not start before the assessment date ${String(p.assessedOn)}, got ${String(p.start)}`,
    zh: (p) => `整顿方案的开始日期（${String(p.start)}）不能早于排查日期（${String(p.assessedOn)}）`,
  },
  recordUnreadable: {
    en: (p) => `could not read the record: ${String(p.reason)}`,
    zh: (p) => `无法读取该记录：${String(p.reason)}`,
  },
  optionsUnreadable: {
    en: (p) => `could not read the options: ${String(p.reason)}`,
    zh: (p) => `无法读取选项：${String(p.reason)}`,
  },
};

/** An extra fact's type (`number`, `boolean`, `string`) in words. */
export function typeWords(type: unknown, locale: Locale): string {
  if (locale !== 'zh-CN') return String(type);
  return type === 'number' ? '数字' : type === 'boolean' ? 'true 或 false' : type === 'string' ? '文本' : '其他值';
}

/** A message for one of this library's own issue kinds about an assessment or the options, in `locale`. */
export function message(locale: Locale, key: string, params: Params = {}): string {
  return render(ASSESSMENT_MESSAGES, locale, key, params);
}

/**
 * A zod error map rendering every issue in `locale`: our own issue kinds by their
 * `params.key`; at a field of an assessment (`subject: 'assessment'`), what the field table
 * says the field expects; elsewhere (options, rule files), the issue in general words.
 */
export function errorMap(locale: Locale, subject: 'assessment' | 'other' = 'other'): z.core.$ZodErrorMap {
  return (raw) => {
    const issue = raw as RawIssue;
    const path = dotted(issue.path ?? []);
    const field = subject === 'assessment' ? FIELD_BY_PATH.get(path) : undefined;
    if (issue.code === 'custom' && issue.params && typeof issue.params.key === 'string') {
      return message(locale, issue.params.key, { ...issue.params, ...(field ? { label: field.label.zh } : {}) });
    }
    if (field) return fieldMessage(field, issue, locale);
    const group = subject === 'assessment' ? GROUP_BY_PATH.get(path) : undefined;
    return (group && groupMessage(group, issue, locale)) ?? render(ZOD_MESSAGES, locale, issue.code ?? 'custom', { issue });
  };
}

/** Dotted path of a zod path (`['leadership', 'seatsFilled']` → `leadership.seatsFilled`). */
export function dotted(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const suggestions = new WeakMap<readonly string[], Map<string, string | undefined>>();

/**
 * The known key closest to `key` (case-insensitive edit distance ≤ 3), if any. Remembered
 * per list of known keys: a batch written for an older contract repeats the same unknown key
 * on every record.
 */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let byKey = suggestions.get(known);
  if (!byKey) suggestions.set(known, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key);
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (byKey.size < 10_000) byKey.set(key, best);
  return best;
}

/** The label of the field or group a key of the object at `base` names, for a hint. */
function labelAt(base: string, key: string): string | undefined {
  const path = base ? `${base}.${key}` : key;
  return (FIELD_BY_PATH.get(path) ?? GROUP_BY_PATH.get(path))?.label.zh;
}

/**
 * Converts zod issues to ours: every unknown key becomes its own issue whose path names the
 * key itself, with the closest known key as a hint.
 */
export function toIssues(
  issues: readonly z.core.$ZodIssue[],
  locale: Locale,
  knownKeys: Readonly<Record<string, readonly string[]>>,
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const base = dotted(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = suggest(key, knownKeys[base] ?? []);
        const suggestionLabel = suggestion === undefined ? undefined : labelAt(base, suggestion);
        out.push({ path: base ? `${base}.${key}` : key, message: message(locale, 'unknownKey', { key, suggestion, suggestionLabel }) });
      }
    } else {
      out.push({ path: base, message: issue.message });
    }
  }
  return out;
}

/**
 * A language set for the length of one synchronous call (loading a ruleset, a lifecycle
 * function) rather than handed down through every check below it: `run` sets it, restoring
 * the previous one afterwards, and `current` reads it. @internal
 */
export interface LocaleScope {
  /** Runs `body` with `locale` ('zh-CN', else English) as the current language. */
  run<T>(locale: unknown, body: () => T): T;
  /** The language of the call in progress (English outside any). */
  current(): Locale;
}

/** A new {@link LocaleScope}. @internal */
export function localeScope(): LocaleScope {
  let current: Locale = 'en';
  return {
    run(locale, body) {
      const previous = current;
      current = locale === 'zh-CN' ? 'zh-CN' : 'en';
      try {
        return body();
      } finally {
        current = previous;
      }
    },
    current: () => current,
  };
}

// Rule files: the language of a load's errors.
const rulesetScope = localeScope();

/** Runs `load` (synchronous) with ruleset errors in `locale`. */
export function inLocale<T>(locale: Locale | undefined, load: () => T): T {
  return rulesetScope.run(locale, load);
}

/** The language of ruleset errors during the current load. */
export function currentRulesetLocale(): Locale {
  return rulesetScope.current();
}

/** What a limit of {@link RULESET_LIMITS} was passed with, in words. */
const LIMIT_WHAT: Readonly<Record<string, { en: (n: string) => string; zh: (n: string) => string }>> = {
  fileTooLarge: { en: () => 'the file is too large', zh: () => '文件过大' },
  contentTooLarge: {
    en: () => 'the file is too large (size estimated as JSON; a cyclic object never fits)',
    zh: () => '文件过大（按 JSON 估算大小；循环引用的对象无法容纳）',
  },
  fileBytes: { en: (n) => `the file has ${n} bytes`, zh: (n) => `文件有 ${n} 字节` },
  criterionFiles: { en: (n) => `${n} criterion files`, zh: (n) => `${n} 个标准文件` },
  criterionObjects: { en: (n) => `${n} criterion objects`, zh: (n) => `${n} 个标准对象` },
  criteriaWithBase: { en: (n) => `${n} criteria with the base ruleset's`, zh: (n) => `连同基础规则集共 ${n} 项标准` },
  conditionsInAll: { en: (n) => `${n} conditions in all criteria`, zh: (n) => `全部标准共 ${n} 个条件` },
  nestTooDeep: { en: () => 'conditions nest too deep', zh: () => '条件嵌套过深' },
  tooManyConditions: { en: () => 'too many conditions in one criterion', zh: () => '一项标准的条件过多' },
};

/** The messages of rule files (ruleset.json and criterion files). Reading a folder has its own (`load-folder.ts`), the plan catalogue too (`plan/messages.ts`). */
export const RULESET_MESSAGES: MessageTable = {
  unknownKey: { en: () => 'unknown key', zh: () => '无法识别的项目名称' },
  reservedKey: ASSESSMENT_MESSAGES.reservedKey!,
  notARuleset: ASSESSMENT_MESSAGES.notARuleset!,
  overLimit: {
    en: (p) => `${LIMIT_WHAT[String(p.what)]?.en(String(p.count)) ?? String(p.what)}: over the limit ${String(p.limit)} = ${String(p.value)}`,
    zh: (p) => `${LIMIT_WHAT[String(p.what)]?.zh(String(p.count)) ?? String(p.what)}：超过上限 ${String(p.limit)} = ${String(p.value)}`,
  },
  notPlainData: {
    en: () => 'cannot be read as plain data (a property getter or proxy threw)',
    zh: () => '无法作为普通数据读取（读取某个属性时出错）',
  },
  pathRefused: {
    en: (p) => `"path" is not accepted: write the dotted fact name instead ("${String(p.dotted)}")`,
    zh: (p) => `不接受“path”：请直接写带点的指标名称（“${String(p.dotted)}”）`,
  },
  paramsRefused: {
    en: () => '"params" is not accepted: facts take no parameters',
    zh: () => '不接受“params”：指标不带参数',
  },
  rootNotCombinator: {
    en: () => 'the root must be "all", "any" or "not" (json-rules-engine takes no single condition there)',
    zh: () => '条件的最外层应为“all”“any”或“not”（json-rules-engine 不接受单个条件作为最外层）',
  },
  extraNotDeclared: {
    en: (p) => `extra fact "${String(p.name)}" is not declared in ruleset.json extraFacts`,
    zh: (p) => `附加指标“${String(p.name)}”未在 ruleset.json 的 extraFacts 中声明`,
  },
  unknownFact: {
    en: (p) => `unknown fact "${String(p.fact)}": not an assessment field, a derived fact or a declared extra fact`,
    zh: (p) => `未知指标“${String(p.fact)}”：既不是排查记录中的项目，也不是派生指标或已声明的附加指标`,
  },
  notOwnThreshold: {
    en: (p) => `"${String(p.reference)}" does not name a threshold declared in this file's "thresholds"`,
    zh: (p) => `“${String(p.reference)}”不是本文件 thresholds 中声明的阈值`,
  },
  thresholdNeedsOrdering: {
    en: (p) => `a named threshold needs an ordering operator, not "${String(p.operator)}"`,
    zh: (p) => `具名阈值只能用于比较大小的运算符，不能用于“${String(p.operator)}”`,
  },
  operatorTakesNoList: {
    en: (p) => `operator "${String(p.operator)}" does not take a list`,
    zh: (p) => `运算符“${String(p.operator)}”不接受列表`,
  },
  operatorNeedsList: {
    en: (p) => `operator "${String(p.operator)}" needs a list`,
    zh: (p) => `运算符“${String(p.operator)}”需要一个列表`,
  },
  operatorNeedsNumber: {
    en: (p) => `operator "${String(p.operator)}" needs a number or a threshold`,
    zh: (p) => `运算符“${String(p.operator)}”需要一个数字或阈值`,
  },
  duplicateBranch: {
    en: (p) => `two branches are both "${String(p.id)}": give one a different "name"`,
    zh: (p) => `两个分支的编号都是“${String(p.id)}”：请给其中一个另起名称（name）`,
  },
  thresholdUnused: {
    en: () => 'threshold is declared but no condition uses it',
    zh: () => '声明了该阈值，但没有条件使用它',
  },
  thresholdBothDirections: {
    en: () => 'threshold is used in both directions',
    zh: () => '该阈值同时用于“高于”和“低于”两个方向',
  },
  warningLineSide: {
    en: (p) => `warning line ${String(p.warningLine)} is on the wrong side of the threshold ${String(p.threshold)} (${p.upward ? 'must be lower' : 'must be higher'})`,
    zh: (p) => `预警线 ${String(p.warningLine)} 位于阈值 ${String(p.threshold)} 的错误一侧（应${p.upward ? '低于' : '高于'}阈值）`,
  },
  noSuchThreshold: {
    en: (p) => `criterion ${String(p.criterionId)} has no threshold "${String(p.name)}"`,
    zh: (p) => `标准 ${String(p.criterionId)} 没有阈值“${String(p.name)}”`,
  },
  unknownBase: {
    en: (p) => `unknown base ruleset "${String(p.id)}"`,
    zh: (p) => `找不到基础规则集“${String(p.id)}”`,
  },
  extraTypeConflict: {
    en: (p) => `conflicts with the base ruleset's type ${String(p.type)}`,
    zh: (p) => `与基础规则集声明的类型（${typeWords(p.type, 'zh-CN')}）不一致`,
  },
  duplicateCriterion: {
    en: (p) => `duplicate criterion id "${String(p.id)}"`,
    zh: (p) => `标准编号“${String(p.id)}”重复`,
  },
  notListed: {
    en: (p) => `criterion "${String(p.id)}" is not listed in ${String(p.file)} "criteria"`,
    zh: (p) => `标准“${String(p.id)}”未列入 ${String(p.file)} 的 criteria`,
  },
  unknownCriterion: {
    en: (p) => `unknown criterion "${String(p.id)}"`,
    zh: (p) => `未知标准“${String(p.id)}”`,
  },
  undefinedCriterion: {
    en: (p) => `no rule file defines criterion "${String(p.id)}"`,
    zh: (p) => `没有规则文件定义标准“${String(p.id)}”`,
  },
  folderNeedsNode: {
    en: () =>
      'reading a ruleset folder needs Node: in Node, import loadRuleset from "weak-lax-screener" (or "weak-lax-screener/node"); in a browser, pass the files\' contents as objects ({ ruleset, criteria })',
    zh: () =>
      '读取规则集文件夹需要 Node：在 Node 中从“weak-lax-screener”（或“weak-lax-screener/node”）导入 loadRuleset；在浏览器中请以对象形式传入各文件的内容（{ ruleset, criteria }）',
  },
  notObjects: {
    en: () => 'expected a folder path or { ruleset, criteria }',
    zh: () => '应为文件夹路径或 { ruleset, criteria }',
  },
  criteriaNotArray: {
    en: () => 'must be an array of criterion objects',
    zh: () => '应为由各标准对象组成的列表',
  },
  basesNotArray: {
    en: () => 'must be an array of rulesets',
    zh: () => '应为由规则集组成的列表',
  },
  objectsUnreadable: {
    en: () => 'cannot be read as plain data (a property getter or proxy threw)',
    zh: () => '无法作为普通数据读取（某个属性读取时出错）',
  },
};

/**
 * A {@link RulesetError} naming `file` and `field`, its message `key` of `table` (the rule-file
 * messages unless told otherwise) in the language of the current load.
 */
export function rulesetError(file: string, field: string, key: string, params: Params = {}, table: MessageTable = RULESET_MESSAGES): RulesetError {
  const locale = rulesetScope.current();
  return new RulesetError(file, field, render(table, locale, key, params), locale);
}
