/**
 * Every number of a built-in rule file is read the way its cited words say (contract,
 * "Revision 0.2"). By the Chinese legal convention 以上、以下、以内、不少于、不超过、满 include
 * the number and 超过、不满、低于、少于 exclude it, so 书记出缺超过3个月 is `greaterThan` 3 and
 * 1件以上 is `greaterThanInclusive` 1. The test reads the rule files themselves (not the
 * bundle) and checks, for every named threshold:
 * - its `source` states the threshold in comparison words, and every comparison word there
 *   agrees with the operator that uses the threshold in strictness and direction and names
 *   the threshold's default; the part after 预警线 does the same for the warning line;
 * - a condition's `description` and the criterion's `operationalisation.zh` use no
 *   comparison word that disagrees with the operator or names another number;
 * and, for every Chinese text of a rule file, that no half-width ，；：（）” stands next to
 * a Chinese character.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesets } from '../src/index.js';

const RULES = fileURLToPath(new URL('../rules/', import.meta.url));

type Strictness = 'strict' | 'inclusive';
type Direction = 'up' | 'down';

/** A comparison word: whether it includes the number, which way it points, and on which side its number stands. */
interface ComparisonWord {
  word: string;
  strictness: Strictness;
  direction: Direction;
  /** `after`: 超过3个月; `before`: 1件以上. */
  number: 'after' | 'before';
  /** Only a comparison with a number beside it (满24个月, not 满意率 or 届满; 3个月以上, not 以上情形). */
  needsNumber: boolean;
}

const word = (w: string, strictness: Strictness, direction: Direction, number: 'after' | 'before', needsNumber = false): ComparisonWord => ({
  word: w,
  strictness,
  direction,
  number,
  needsNumber,
});

/**
 * The convention's words, and the negated forms that contain one of them (不低于 contains
 * 低于 but means the opposite), longest first so that 不少于 is never read as 少于, 不超过
 * never as 超过, 不满 never as 满.
 */
const WORDS: readonly ComparisonWord[] = [
  word('不少于', 'inclusive', 'up', 'after'),
  word('不超过', 'inclusive', 'down', 'after'),
  word('未超过', 'inclusive', 'down', 'after'),
  word('不低于', 'inclusive', 'up', 'after'),
  word('不高于', 'inclusive', 'down', 'after'),
  word('不满', 'strict', 'down', 'after', true),
  word('未满', 'strict', 'down', 'after', true),
  word('以上', 'inclusive', 'up', 'before', true),
  word('以下', 'inclusive', 'down', 'before', true),
  word('以内', 'inclusive', 'down', 'before', true),
  word('超过', 'strict', 'up', 'after'),
  word('高于', 'strict', 'up', 'after'),
  word('低于', 'strict', 'down', 'after'),
  word('少于', 'strict', 'down', 'after'),
  word('满', 'inclusive', 'up', 'after', true),
].sort((a, b) => b.word.length - a.word.length);

/** A number with its unit, as the sources write them: 3个月, 60%, 5万元, 2年, 5件次. */
const NUMBER = String.raw`(\d+(?:\.\d+)?)(%|％|万元|元|个月|年|件次|件|次|天|个|名|人)?`;
const NUMBER_AFTER = new RegExp(`^${NUMBER}`);
const NUMBER_BEFORE = new RegExp(`${NUMBER}$`);

/** One comparison found in a text. */
interface Comparison {
  word: ComparisonWord;
  /** The number it compares with, in the threshold's unit (60% → 0.6, 5万元 → 50000, 2年 → 24 months); `undefined` when none stands beside it. */
  value: number | undefined;
  /** The words as written, for messages: 超过3个月. */
  text: string;
}

function valueOf(digits: string, unit: string | undefined, thresholdUnit: string | undefined): number {
  const n = Number(digits);
  if (unit === '%' || unit === '％') return n / 100;
  if (unit === '万元') return n * 10_000;
  if (unit === '年' && thresholdUnit === 'months') return n * 12;
  return n;
}

/** The comparisons of the legal convention in `text`, left to right, longer words first at each position. */
function comparisonsIn(text: string, thresholdUnit?: string): Comparison[] {
  const found: Comparison[] = [];
  let i = 0;
  while (i < text.length) {
    let matched: Comparison | undefined;
    for (const w of WORDS) {
      if (!text.startsWith(w.word, i)) continue;
      const number = w.number === 'after' ? NUMBER_AFTER.exec(text.slice(i + w.word.length)) : NUMBER_BEFORE.exec(text.slice(0, i));
      if (w.needsNumber && !number) continue;
      const value = number ? valueOf(number[1]!, number[2], thresholdUnit) : undefined;
      const written = w.number === 'after' ? w.word + (number?.[0] ?? '') : (number?.[0] ?? '') + w.word;
      matched = { word: w, value, text: written };
      break;
    }
    if (matched) {
      found.push(matched);
      i += matched.word.word.length;
    } else {
      i += 1;
    }
  }
  return found;
}

/** Strictness and direction of the ordering operators; the others take no threshold. */
const SENSE: Record<string, { strictness: Strictness; direction: Direction } | undefined> = {
  greaterThan: { strictness: 'strict', direction: 'up' },
  greaterThanInclusive: { strictness: 'inclusive', direction: 'up' },
  lessThan: { strictness: 'strict', direction: 'down' },
  lessThanInclusive: { strictness: 'inclusive', direction: 'down' },
};

interface Leaf {
  fact: string;
  operator: string;
  value: unknown;
  description?: string;
}

interface ThresholdSpec {
  default: number;
  warningLine?: number;
  unit?: string;
  source: string;
}

/** A criterion file as far as this test reads it. */
interface RuleFile {
  id: string;
  operationalisation?: { zh: string; en: string };
  thresholds: Record<string, ThresholdSpec>;
  conditions: unknown;
}

function leavesOf(node: unknown): Leaf[] {
  if (node === null || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) if (Array.isArray(n[key])) return (n[key] as unknown[]).flatMap(leavesOf);
  if (n.not !== undefined) return leavesOf(n.not);
  return typeof n.fact === 'string' ? [n as unknown as Leaf] : [];
}

/** The threshold a leaf compares with (`{ "fact": "threshold.C01.secretaryVacantMonths" }`), if any. */
function thresholdOf(rule: RuleFile, leaf: Leaf): string | undefined {
  const ref = (leaf.value as { fact?: unknown } | null)?.fact;
  const prefix = `threshold.${rule.id}.`;
  return typeof ref === 'string' && ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** Checks the comparisons of one text against a sense and a number; returns what disagrees. */
function disagreements(
  where: string,
  comparisons: readonly Comparison[],
  sense: { strictness: Strictness; direction: Direction },
  operator: string,
  expected: number,
): string[] {
  const out: string[] = [];
  for (const c of comparisons) {
    if (c.word.strictness !== sense.strictness) {
      out.push(`${where}: 「${c.text}」 ${c.word.strictness === 'strict' ? 'excludes' : 'includes'} the number, but ${operator} ${sense.strictness === 'strict' ? 'excludes' : 'includes'} it`);
    }
    if (c.word.direction !== sense.direction) {
      out.push(`${where}: 「${c.text}」 points ${c.word.direction}, but ${operator} points ${sense.direction}`);
    }
    if (c.value === undefined) out.push(`${where}: 「${c.text}」 has no number beside it`);
    else if (!near(c.value, expected)) out.push(`${where}: 「${c.text}」 says ${c.value}, but the number is ${expected}`);
  }
  return out;
}

/** Everything in one criterion file whose words disagree with its operators and numbers. */
function wordingProblems(rule: RuleFile): string[] {
  const problems: string[] = [];
  const leaves = leavesOf(rule.conditions);
  const thresholdSense = new Map<string, { sense: { strictness: Strictness; direction: Direction }; operator: string }>();

  for (const [name, spec] of Object.entries(rule.thresholds)) {
    const where = `${rule.id}.thresholds.${name}.source`;
    const users = leaves.filter((leaf) => thresholdOf(rule, leaf) === name);
    if (users.length === 0) {
      problems.push(`${rule.id}.thresholds.${name}: no condition uses it`);
      continue;
    }
    const operators = [...new Set(users.map((leaf) => leaf.operator))];
    const sense = SENSE[operators[0]!];
    if (operators.length > 1 || !sense) {
      problems.push(`${rule.id}.thresholds.${name}: used with ${operators.join(', ')}`);
      continue;
    }
    const operator = operators[0]!;
    thresholdSense.set(name, { sense, operator });

    const [own, ...rest] = spec.source.split('预警线');
    const ownComparisons = comparisonsIn(own!, spec.unit);
    if (ownComparisons.length === 0) problems.push(`${where}: states no comparison (超过、以上、低于、少于、不少于、满 …)`);
    problems.push(...disagreements(where, ownComparisons, sense, operator, spec.default));

    if (rest.length > 0) {
      const warning = rest.join('预警线');
      if (spec.warningLine === undefined) {
        problems.push(`${where}: states a warning line (预警线), but the threshold has none`);
      } else {
        const warningComparisons = comparisonsIn(warning, spec.unit);
        if (warningComparisons.length === 0) problems.push(`${where}: states the warning line in no comparison word`);
        problems.push(...disagreements(`${where} (预警线)`, warningComparisons, sense, operator, spec.warningLine));
      }
    } else if (spec.warningLine !== undefined) {
      problems.push(`${where}: the threshold has a warning line (${spec.warningLine}) that its source does not state`);
    }
  }

  leaves.forEach((leaf) => {
    if (leaf.description === undefined) return;
    const comparisons = comparisonsIn(leaf.description);
    if (comparisons.length === 0) return;
    const name = thresholdOf(rule, leaf);
    const spec = name === undefined ? undefined : rule.thresholds[name];
    const sense = SENSE[leaf.operator];
    const where = `${rule.id} condition on ${leaf.fact}: description`;
    if (!spec || !sense) {
      problems.push(`${where}: 「${comparisons[0]!.text}」 on a condition that compares with no threshold`);
      return;
    }
    problems.push(...disagreements(where, comparisonsIn(leaf.description, spec.unit), sense, leaf.operator, spec.default));
  });

  // The operationalisation names several numbers: each comparison must be one of the criterion's thresholds, read its way.
  const text = rule.operationalisation?.zh ?? '';
  for (const c of comparisonsIn(text)) {
    const fits = Object.entries(rule.thresholds).some(([name, spec]) => {
      const used = thresholdSense.get(name);
      if (!used) return false;
      const [again] = comparisonsIn(c.text, spec.unit);
      return (
        again !== undefined &&
        again.value !== undefined &&
        near(again.value, spec.default) &&
        c.word.strictness === used.sense.strictness &&
        c.word.direction === used.sense.direction
      );
    });
    if (!fits) problems.push(`${rule.id}.operationalisation.zh: 「${c.text}」 is no threshold of ${rule.id} read its way`);
  }
  return problems;
}

/** Half-width ，；：（）” beside a Chinese character (or full-width punctuation) in any Chinese text of a rule file. */
const CHINESE = String.raw`[\p{Script=Han}\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b\u201c\u201d]`;
const HALF_WIDTH_BESIDE_CHINESE = new RegExp(`${CHINESE}[,;:()"]|[,;:()"]${CHINESE}`, 'gu');

/** Every half-width mark next to Chinese in the strings of a rule file (English texts, under `en`, aside). */
function halfWidthPunctuation(file: string, json: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string, key: string) => {
    if (typeof value === 'string') {
      if (key === 'en' || !/\p{Script=Han}/u.test(value)) return;
      for (const m of value.matchAll(HALF_WIDTH_BESIDE_CHINESE)) out.push(`${file} ${path}: 「${m[0]}」 in 「${value}」`);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}.${i}`, key));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, k);
    }
  };
  walk(json, '', '');
  return out;
}

/** The built-in rulesets' folders under rules/ (each has a ruleset.json) and their files. */
const builtIn = readdirSync(RULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(RULES, entry.name, 'ruleset.json')))
  .map((entry) => {
    const dir = join(RULES, entry.name);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: `rules/${entry.name}/${f}`, json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown }));
    return { folder: entry.name, files };
  });
const criterionFiles = builtIn.flatMap(({ files }) => files.filter((f) => !f.file.endsWith('/ruleset.json')));
const thresholdCount = criterionFiles.reduce((n, f) => n + Object.keys((f.json as RuleFile).thresholds).length, 0);

const c01 = criterionFiles.find((f) => f.file.endsWith('/C01.json'))!.json as RuleFile;
const c05 = criterionFiles.find((f) => f.file.endsWith('/C05.json'))!.json as RuleFile;
const c12 = criterionFiles.find((f) => f.file.endsWith('/C12.json'))!.json as RuleFile;

/** A deep copy of a rule file with one threshold's source (and optionally more) changed. */
function tampered(rule: RuleFile, change: (copy: RuleFile) => void): RuleFile {
  const copy = structuredClone(rule);
  change(copy);
  return copy;
}

describe('the words that compare (以上、超过 …)', () => {
  it.each([
    ['书记出缺超过3个月', '超过3个月', 'strict', 'up', 3],
    ['查实1件以上', '1件以上', 'inclusive', 'up', 1],
    ['满意率低于60%', '低于60%', 'strict', 'down', 0.6],
    ['党课每年不少于2次', '不少于2次', 'inclusive', 'up', 2],
    ['一般不超过1年', '不超过1年', 'inclusive', 'down', 12],
    ['满24个月未发展党员', '满24个月', 'inclusive', 'up', 24],
    ['不满18周岁', '不满18', 'strict', 'down', 18],
    ['少于6次', '少于6次', 'strict', 'down', 6],
    ['5万元以下', '5万元以下', 'inclusive', 'down', 50_000],
    ['满意率不低于90%', '不低于90%', 'inclusive', 'up', 0.9],
  ] as const)('reads 「%s」 as 「%s」', (text, written, strictness, direction, value) => {
    const found = comparisonsIn(text, 'months');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ text: written, value, word: { strictness, direction } });
  });

  it('takes 满 and 以上 as comparisons only beside a number', () => {
    expect(comparisonsIn('群众满意率')).toEqual([]);
    expect(comparisonsIn('任期届满')).toEqual([]);
    expect(comparisonsIn('不满意票')).toEqual([]);
    expect(comparisonsIn('以上情形，以下简称“两委”')).toEqual([]);
    expect(comparisonsIn('12个月内')).toEqual([]);
  });
});

describe('every built-in rule reads its numbers as its cited words say', () => {
  it('reads every built-in ruleset and every threshold in it', () => {
    expect(builtIn.map((r) => r.folder).sort()).toEqual(Object.keys(rulesets).sort());
    for (const { folder, files } of builtIn) {
      expect((files.find((f) => f.file.endsWith('/ruleset.json'))!.json as { id: string }).id).toBe(folder);
    }
    // 3 (C01) + 1 (C03) + 6 (C04) + 1 (C05) + 1 (C06) + 2 (C07) + 6 (C08) + 2 (C09) + 1 (C11) + 1 (C12)
    expect(thresholdCount).toBe(24);
  });

  it.each(criterionFiles.map((f) => [f.file, f.json as RuleFile] as const))('%s', (_file, rule) => {
    expect(wordingProblems(rule)).toEqual([]);
  });

  it('reads C01 as more than 3 months (超过) and C12 as at least 24 months (满), both with their warning lines', () => {
    const vacant = comparisonsIn(c01.thresholds.secretaryVacantMonths!.source, 'months');
    expect(vacant.map((c) => [c.text, c.word.strictness, c.value])).toEqual([
      ['超过3个月', 'strict', 3],
      ['超过1个月', 'strict', 1],
    ]);
    const admission = comparisonsIn(c12.thresholds.monthsSinceAdmission!.source, 'months');
    expect(admission.map((c) => [c.text, c.word.strictness, c.value])).toEqual([
      ['2年以上', 'inclusive', 24],
      ['满24个月', 'inclusive', 24],
      ['满18个月', 'inclusive', 18],
    ]);
  });
});

describe('the check fails on wording that disagrees (tampered copies)', () => {
  it('fails 以上 on a greaterThan rule (书记出缺3个月以上 read as more than 3 months)', () => {
    const rule = tampered(c01, (r) => {
      r.thresholds.secretaryVacantMonths!.source = '书记出缺3个月以上（domain S1）；预警线为空缺超过1个月';
    });
    expect(wordingProblems(rule)).toEqual([
      'C01.thresholds.secretaryVacantMonths.source: 「3个月以上」 includes the number, but greaterThan excludes it',
    ]);
  });

  it('fails a strict word in the warning line, a description or the operationalisation of a greaterThan rule', () => {
    const rule = tampered(c01, (r) => {
      r.thresholds.secretaryVacantMonths!.source = '书记出缺超过3个月；预警线为空缺满1个月';
      leavesOf(r.conditions)[0]!.description = '书记长期缺职：书记出缺不少于3个月';
      r.operationalisation!.zh = '书记职位空缺3个月以上。';
    });
    expect(wordingProblems(rule)).toEqual([
      'C01.thresholds.secretaryVacantMonths.source (预警线): 「满1个月」 includes the number, but greaterThan excludes it',
      'C01 condition on leadership.secretaryVacantMonths: description: 「不少于3个月」 includes the number, but greaterThan excludes it',
      'C01.operationalisation.zh: 「3个月以上」 is no threshold of C01 read its way',
    ]);
  });

  it('fails a word that points the wrong way, a wrong number and a source without a comparison', () => {
    const rule = tampered(c05, (r) => {
      r.thresholds.satisfactionRate!.source = '群众满意率超过60%；预警线为低于75%';
    });
    expect(wordingProblems(rule)).toEqual([
      'C05.thresholds.satisfactionRate.source: 「超过60%」 points up, but lessThan points down',
      'C05.thresholds.satisfactionRate.source (预警线): 「低于75%」 says 0.75, but the number is 0.7',
    ]);
    const silent = tampered(c05, (r) => {
      r.thresholds.satisfactionRate!.source = '群众满意率低（domain S1）';
    });
    expect(wordingProblems(silent)).toEqual([
      'C05.thresholds.satisfactionRate.source: states no comparison (超过、以上、低于、少于、不少于、满 …)',
      'C05.thresholds.satisfactionRate.source: the threshold has a warning line (0.7) that its source does not state',
    ]);
  });

  it('fails an inclusive operator under strict words (低于 on lessThanInclusive)', () => {
    const rule = tampered(c05, (r) => {
      leavesOf(r.conditions)[0]!.operator = 'lessThanInclusive';
    });
    expect(wordingProblems(rule)).toEqual([
      'C05.thresholds.satisfactionRate.source: 「低于60%」 excludes the number, but lessThanInclusive includes it',
      'C05.thresholds.satisfactionRate.source (预警线): 「低于70%」 excludes the number, but lessThanInclusive includes it',
      'C05.operationalisation.zh: 「低于60%」 is no threshold of C05 read its way',
    ]);
  });
});

describe('Chinese text of the rule files is in full-width punctuation', () => {
  it.each(builtIn.flatMap(({ files }) => files).map((f) => [f.file, f.json] as const))('%s', (file, json) => {
    expect(halfWidthPunctuation(file, json)).toEqual([]);
  });

  it('finds half-width marks beside Chinese, and leaves English texts alone', () => {
    const json = {
      seedWording: '村(居)务财务不公开',
      thresholds: { x: { source: '书记出缺超过3个月,预警线为超过1个月;见“支部工作条例”:第三条' } },
      operationalisation: { zh: '书记职位空缺超过3个月。', en: 'Vacant (书记) for more than 3 months.' },
    };
    expect(halfWidthPunctuation('X.json', json).map((line) => line.split(': ')[1])).toEqual([
      '「村(」 in 「村(居)务财务不公开」',
      '「居)」 in 「村(居)务财务不公开」',
      '「月,」 in 「书记出缺超过3个月,预警线为超过1个月;见“支部工作条例”:第三条」',
      '「月;」 in 「书记出缺超过3个月,预警线为超过1个月;见“支部工作条例”:第三条」',
      '「”:」 in 「书记出缺超过3个月,预警线为超过1个月;见“支部工作条例”:第三条」',
    ]);
  });
});
