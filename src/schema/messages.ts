/**
 * Turning zod issues into this library's `Issue`s: dotted paths naming the offending key,
 * one issue per unknown key with a "did you mean" hint, and messages in English or Chinese.
 */
import * as z from 'zod';
import { en as enLocale, zhCN as zhCNLocale } from 'zod/v4/locales';
import type { Issue } from '../errors.js';

/** Language of error messages. */
export type Locale = 'en' | 'zh-CN';

type Params = Record<string, unknown>;

const CUSTOM: Record<string, { en: (p: Params) => string; zh: (p: Params) => string }> = {
  share: {
    en: (p) => {
      const value = Number(p.value);
      const hint = value > 1 && value <= 100 ? `; did you mean ${value / 100}?` : '';
      return `must be a share between 0 and 1${hint}`;
    },
    zh: (p) => {
      const value = Number(p.value);
      const hint = value > 1 && value <= 100 ? `；是否应为 ${value / 100}？` : '';
      return `应为 0 到 1 之间的比例${hint}`;
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
        : `班子实有人数（${String(p.filled)}）与职数（${String(p.required)}）相等，班子已配齐，缺额起始日期应填 null`,
  },
  absentWhileVacant: {
    en: (p) => `the secretary post is given as vacant since ${String(p.vacant)}: a vacant post has no secretary to be absent (write null here)`,
    zh: (p) => `书记职位自${String(p.vacant)}起空缺，不存在在任书记不能正常履职的情况，此处应填 null`,
  },
  afterAssessedOn: {
    en: (p) => `date ${String(p.value)} lies after assessedOn (${String(p.assessedOn)})`,
    zh: (p) => `日期 ${String(p.value)} 晚于排查日期 assessedOn（${String(p.assessedOn)}）`,
  },
  unknownKey: {
    en: (p) => `unknown key${p.suggestion ? `; did you mean "${String(p.suggestion)}"?` : ''}`,
    zh: (p) => `未知字段${p.suggestion ? `；是否应为“${String(p.suggestion)}”？` : ''}`,
  },
  undeclaredExtra: {
    en: (p) => `extra fact "${String(p.name)}" is not declared by ruleset ${String(p.ruleset)}`,
    zh: (p) => `附加指标“${String(p.name)}”未在规则集 ${String(p.ruleset)} 中声明`,
  },
  extraType: {
    en: (p) => `extra fact "${String(p.name)}" must be a ${String(p.type)} or null`,
    zh: (p) => `附加指标“${String(p.name)}”应为 ${String(p.type)} 或 null`,
  },
  date: {
    en: () => 'must be a real calendar date written YYYY-MM-DD',
    zh: () => '应为真实存在的日期，格式为 YYYY-MM-DD',
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
  notAnObject: {
    en: () => 'expected an object (one assessment)',
    zh: () => '应为对象（一条排查记录）',
  },
};

/** A message for one of this library's own issue kinds, in `locale`. */
export function message(locale: Locale, key: string, params: Params = {}): string {
  const entry = CUSTOM[key];
  if (!entry) return key;
  return locale === 'zh-CN' ? entry.zh(params) : entry.en(params);
}

// The two locales by their own modules: `z.locales` would pull all of zod's locales into a bundle.
const zhCN = zhCNLocale().localeError;
const en = enLocale().localeError;

/** A zod error map rendering our custom issues and zod's own in `locale`. */
export function errorMap(locale: Locale): z.core.$ZodErrorMap {
  const fallback = locale === 'zh-CN' ? zhCN : en;
  return (issue) => {
    if (issue.code === 'custom' && issue.params && typeof issue.params.key === 'string') {
      return message(locale, issue.params.key, issue.params);
    }
    if (issue.code === 'invalid_format' && issue.format === 'date') return message(locale, 'date');
    return fallback(issue);
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
        out.push({ path: base ? `${base}.${key}` : key, message: message(locale, 'unknownKey', { suggestion }) });
      }
    } else {
      out.push({ path: base, message: issue.message });
    }
  }
  return out;
}
