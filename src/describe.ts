/**
 * Evidence in words, for officials: the fact's label, its value as a person would write it
 * (4个月2天, 68%, 基本称职, 是) and the comparison in the words of the rule (超过3个月), never a bare
 * field path or operator name. A met condition is a problem found (存在问题), not a pass.
 *
 * @module
 */
import { FIELDS, type FieldSpec } from './schema/fields.js';
import { DERIVED_FACTS } from './facts.js';
import type { CriterionResult, Evidence, EvidenceValue } from './outcome.js';
import { OPERATORS } from './engine/conditions.js';
import type { Bilingual } from './ruleset.js';

const FIELD_BY_PATH = new Map(FIELDS.map((field) => [field.path, field]));
const MONTH_FACTS = new Set(DERIVED_FACTS.map((fact) => fact.name));

/** How a value of a fact is written. */
interface ValueStyle {
  field: FieldSpec | undefined;
  months: boolean;
}

function styleOf(fact: string): ValueStyle {
  return { field: FIELD_BY_PATH.get(fact), months: MONTH_FACTS.has(fact) };
}

/** "1 case", not "1 cases". */
function singular(unit: string): string {
  if (unit === 'people') return 'person';
  return unit.endsWith('s') ? unit.slice(0, -1) : unit;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** One value in words: 68%, 3次, 基本称职, 是, 3个月. */
function valueWords(value: EvidenceValue | EvidenceValue[], style: ValueStyle): Bilingual {
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueWords(v, style));
    return { zh: parts.map((p) => p.zh).join('或'), en: parts.map((p) => p.en).join(' or ') };
  }
  const { field } = style;
  if (value === null) return { zh: '无记录', en: 'none on record' };
  if (typeof value === 'boolean') return value ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  if (typeof value === 'string') {
    const label = field?.valueLabels?.[value];
    return label ? { zh: label.zh, en: label.en } : { zh: value, en: value };
  }
  if (style.months) return { zh: `${formatNumber(value)}个月`, en: `${formatNumber(value)} month${value === 1 ? '' : 's'}` };
  if (field?.type === 'share') return { zh: `${formatNumber(value * 100)}%`, en: `${formatNumber(value * 100)}%` };
  const unit = field?.unit;
  return unit ? { zh: `${formatNumber(value)}${unit.zh}`, en: `${formatNumber(value)} ${value === 1 ? singular(unit.en) : unit.en}` } : { zh: formatNumber(value), en: formatNumber(value) };
}

/** The comparison in words, met or not: 超过3个月 / 未超过3个月. */
const COMPARISONS: Readonly<Record<string, { met: Bilingual; notMet: Bilingual }>> = {
  greaterThan: { met: { zh: '超过', en: 'more than' }, notMet: { zh: '未超过', en: 'not more than' } },
  greaterThanInclusive: { met: { zh: '达到', en: 'at least' }, notMet: { zh: '不足', en: 'under' } },
  lessThan: { met: { zh: '低于', en: 'under' }, notMet: { zh: '不低于', en: 'not under' } },
  lessThanInclusive: { met: { zh: '不超过', en: 'at most' }, notMet: { zh: '超过', en: 'more than' } },
};

/**
 * One condition of the evidence in words, Chinese and English: the label and the value in
 * words, then the comparison with the number the rule uses.
 *
 * - met: `书记空缺时长4个月2天，超过3个月` / `secretary post vacant for 4 months 2 days, more than 3 months`
 * - not met: `群众满意率68%，不低于60%` / `public satisfaction rate 68%, not under 60%`
 * - a yes/no or listed value: `工作处于停滞状态：是` / `work stalled: yes`
 * - missing: `书记空缺起始日期：缺少数据` / `…: data missing`
 *
 * @example
 * ```ts
 * import { describeEvidence, screen } from 'weak-lax-screener';
 *
 * const result = await screen(assessment);
 * for (const e of result.criteria[0].evidence.filter((e) => e.met)) console.log(describeEvidence(e).zh);
 * // 书记空缺时长4个月2天，超过3个月
 * ```
 */
export function describeEvidence(evidence: Evidence): Bilingual {
  const style = styleOf(evidence.fact);
  const label = evidence.label;
  if (evidence.met === null && evidence.actual === null) {
    return { zh: `${label.zh}：缺少数据`, en: `${label.en}: data missing` };
  }
  const value = evidence.words ?? valueWords(evidence.actual, style);
  const comparison = COMPARISONS[evidence.operator];
  if (comparison && typeof evidence.threshold === 'number') {
    const words = evidence.met === false ? comparison.notMet : comparison.met;
    const threshold = valueWords(evidence.threshold, style);
    if (evidence.met === null) {
      return { zh: `${label.zh}${value.zh}，标准为${words.zh}${threshold.zh}，缺少比较数据`, en: `${label.en} ${value.en}, compared with ${threshold.en}: data missing` };
    }
    return { zh: `${label.zh}${value.zh}，${words.zh}${threshold.zh}`, en: `${label.en} ${value.en}, ${words.en} ${threshold.en}` };
  }
  return { zh: `${label.zh}：${value.zh}`, en: `${label.en}: ${value.en}` };
}

/**
 * The warning line (预警线) of a condition in words, where it has one: `预警线：超过1个月` /
 * `warning line: more than 1 month`.
 */
export function describeWarningLine(evidence: Evidence): Bilingual | undefined {
  const comparison = COMPARISONS[evidence.operator];
  if (evidence.warningLine === undefined || !comparison) return undefined;
  const line = valueWords(evidence.warningLine, styleOf(evidence.fact));
  return { zh: `预警线：${comparison.met.zh}${line.zh}`, en: `warning line: ${comparison.met.en} ${line.en}` };
}

/**
 * The Chinese and English label of an input field or derived fact (`leadership.seatsFilled`
 * → 班子实有人数 / seats filled), for naming missing data; `undefined` for an unknown path.
 */
export function fieldLabel(path: string): Bilingual | undefined {
  const field = FIELD_BY_PATH.get(path);
  if (field) return { zh: field.label.zh, en: field.label.en };
  const derived = DERIVED_FACTS.find((fact) => fact.name === path);
  return derived ? { zh: derived.label.zh, en: derived.label.en } : undefined;
}

/**
 * What the problems of a criterion are, for a report: the conditions of its met branches
 * (guards such as "villages only" left out), each in words. Empty unless the criterion is
 * matched.
 */
export function problemsOf(criterion: Pick<CriterionResult, 'branches' | 'evidence'>): Bilingual[] {
  const met = new Set(criterion.branches.filter((b) => b.met === true).map((b) => b.id));
  return criterion.evidence.filter((e) => met.has(e.branch) && e.met === true && !e.fact.startsWith('org.')).map(describeEvidence);
}

/**
 * Why a criterion is near, for a report: each known condition past its warning line but not
 * its threshold, in words with the warning line. Empty unless the criterion is near.
 */
export function warningsOf(criterion: Pick<CriterionResult, 'near' | 'evidence'>): Bilingual[] {
  if (!criterion.near) return [];
  return criterion.evidence
    .filter((e) => e.met === false && e.warningLine !== undefined && OPERATORS[e.operator as keyof typeof OPERATORS]?.test(e.actual, e.warningLine))
    .map((e) => {
      const text = describeEvidence(e);
      const line = describeWarningLine(e)!;
      return { zh: `${text.zh}（${line.zh}）`, en: `${text.en} (${line.en})` };
    });
}

/**
 * What one condition of the evidence means for an official, within its criterion: a problem
 * found (its branch is met and so is the condition: 存在问题), no problem found, or data
 * missing. A condition met inside a branch that is not (延期换届未经批准 while the term has not
 * run out) is no problem.
 */
export function evidenceStatus(evidence: Pick<Evidence, 'met' | 'branch'>, criterion: Pick<CriterionResult, 'branches'>): Bilingual {
  if (evidence.met === null) return { zh: '缺少数据', en: 'data missing' };
  const branchMet = criterion.branches.some((b) => b.id === evidence.branch && b.met === true);
  return evidence.met && branchMet ? { zh: '存在问题', en: 'problem found' } : { zh: '未发现问题', en: 'no problem found' };
}
