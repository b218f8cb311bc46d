/**
 * `renderPlan`: a rectification plan as Markdown, in the structure of the seed's plans
 * (一、指导思想 二、方法步骤 三、整顿要求), with a task table and a Mermaid `gantt` chart.
 *
 * @module
 */
import { OptionsError } from '../errors.js';
import { parseDate } from '../internals/dates.js';
import type { Bilingual } from '../ruleset.js';
import { catalogue } from './catalogue.js';
import type { ChecklistItem, RectificationPlan, TimelinePhase } from './types.js';

/** Options of {@link renderPlan}. */
export interface RenderOptions {
  /** Language of the document: `zh` (Chinese, as the seed's plans) or `en`. */
  lang: 'zh' | 'en';
}

type Lang = RenderOptions['lang'];

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for section numbers). */
function zhNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones === 0 ? '' : ZH_DIGITS[ones]}`;
}

/** A table cell: `|` escaped, line breaks flattened (a break would end the row). */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
}

/** Text for a Mermaid gantt task name: `:` `;` `#` and line breaks would break the line's syntax. */
function ganttText(text: string): string {
  return text.replace(/[:;#]/g, ' ').replace(/\s+/g, ' ').trim();
}

function zhDate(date: string, withYear = true): string {
  const d = parseDate(date)!;
  return `${withYear ? `${d.year}年` : ''}${d.month}月${d.day}日`;
}

function span(phase: { start: string; end: string }, lang: Lang): string {
  if (lang === 'en') return `${phase.start} to ${phase.end}`;
  const sameYear = phase.start.slice(0, 4) === phase.end.slice(0, 4);
  return `${zhDate(phase.start)}至${zhDate(phase.end, !sameYear)}`;
}

const TEXT = {
  zh: {
    title: (name: string) => `# ${name}整顿方案`,
    intro: (template: string, when: string, role: string) =>
      `> 模板:${template},${when}。本方案依据排查结果生成,供${role}研究参考:排查结果是初步排查,是否列为整顿对象由${role}研究决定。`,
    guidingHeading: '## 一、指导思想',
    guiding: (problems: string, org: string) =>
      `以解决${problems}为重点,以增强${org}的凝聚力、战斗力和号召力,转变工作作风,提高为民服务意识为目标,针对每个具体问题逐一提出整顿措施,明确目标、时限和责任人,做到整顿一个、转化一个、巩固一个。`,
    noProblems: '排查发现的突出问题',
    stepsHeading: '## 二、方法步骤',
    gantt: '整顿时间安排',
    section: '整顿阶段',
    phase: (n: number, title: string, when: string) => `### (${zhNumber(n)})${title}(${when})`,
    item: (item: ChecklistItem) =>
      `- ${item.measure.zh}。目标:${item.goal.zh}。时限:${zhDate(item.due)}。佐证:${item.evidence.zh}。${
        item.occurrences?.length ? `日期:${item.occurrences.map((d) => zhDate(d)).join('、')}。` : ''
      }`,
    noItems: '- (本阶段无单列任务)',
    requirementsHeading: '## 三、整顿要求',
    tableHeading: '### (一)明确目标、时限和责任人',
    header: ['问题', '整改措施', '目标', '时限', '责任单位'],
    common: '共性步骤',
    times: '逐次',
    responsibility: '### (二)落实整顿责任',
    responsibilityText: (role: string, org: string) =>
      `集中整顿工作由${role}牵头具体组织实施,${org}为整顿责任主体,要根据实际进行专题研究,做到摸透情况、任务到人、责任到人,限时整顿。`,
    supervision: '### (三)加强督导检查',
    supervisionText: (role: string) =>
      `整顿期间,${role}组成工作组,定期督导检查、定期通报;对整顿效果不明显的,责令整改并通报。整顿达不到要求的,驻点领导不换点、工作队伍不撤离,确保整顿一个、转化一个、巩固一个。考核验收由${role}初步考核后,报县(区)委组织部考核验收。`,
  },
  en: {
    title: (name: string) => `# Rectification plan: ${name}`,
    intro: (template: string, when: string, role: string) =>
      `> Template: ${template}, ${when}. Generated from a screening result for the ${role} to consider: the screening is preliminary, and the ${role} decides whether to list the organisation for rectification.`,
    guidingHeading: '## 1. Guiding principles',
    guiding: (problems: string, org: string) =>
      `Focus on solving ${problems}; strengthen the cohesion, fighting capacity and appeal of ${org}, change the working style and serve the residents better. Every problem gets its own measures, each with a goal, a deadline and a responsible person, so that each organisation is rectified, turned around and kept that way (整顿一个、转化一个、巩固一个).`,
    noProblems: 'the problems the screening found',
    stepsHeading: '## 2. Methods and steps',
    gantt: 'Rectification timeline',
    section: 'Phases',
    phase: (n: number, title: string, when: string) => `### 2.${n} ${title} (${when})`,
    item: (item: ChecklistItem) =>
      `- ${item.measure.en}. Goal: ${item.goal.en}. Due: ${item.due}. Evidence: ${item.evidence.en}.${
        item.occurrences?.length ? ` Dates: ${item.occurrences.join(', ')}.` : ''
      }`,
    noItems: '- (no separate tasks in this phase)',
    requirementsHeading: '## 3. Requirements',
    tableHeading: '### 3.1 Goals, deadlines and responsibilities',
    header: ['Problem', 'Measure', 'Goal', 'Deadline', 'Responsible'],
    common: 'Common step',
    times: 'each',
    responsibility: '### 3.2 Responsibility',
    responsibilityText: (role: string, org: string) =>
      `The ${role} leads and organises the rectification; ${org} is the body responsible for carrying it out: study the situation, assign every task and responsibility to a person, and finish on time.`,
    supervision: '### 3.3 Supervision',
    supervisionText: (role: string) =>
      `During the rectification the ${role} sends a work group that inspects and reports regularly; where results are poor it orders rectification (责令整改) and circulates a notice. Until the organisation meets the standard, the stationed leader stays and the work team does not withdraw (驻点领导不换点、工作队伍不撤离). The ${role} makes a first assessment, then the county (district) organisation department assesses and accepts (考核验收).`,
  },
} as const;

function checkPlan(plan: unknown): RectificationPlan {
  const fail = (field: string): never => {
    throw new TypeError(`renderPlan: plan.${field} is missing or malformed (pass a result of planRectification())`);
  };
  if (typeof plan !== 'object' || plan === null) throw new TypeError('renderPlan: plan must be a rectification plan');
  const p = plan as Partial<RectificationPlan>;
  if (typeof p.orgId !== 'string') fail('orgId');
  if (typeof p.start !== 'string' || !parseDate(p.start)) fail('start');
  if (typeof p.end !== 'string' || !parseDate(p.end)) fail('end');
  if (!Array.isArray(p.timeline)) fail('timeline');
  if (!Array.isArray(p.checklist)) fail('checklist');
  return plan as RectificationPlan;
}

function gantt(timeline: readonly TimelinePhase[], lang: Lang): string[] {
  const t = TEXT[lang];
  return [
    '```mermaid',
    'gantt',
    `    title ${ganttText(t.gantt)}`,
    '    dateFormat YYYY-MM-DD',
    // Phase dates are inclusive, as in the seed.
    '    inclusiveEndDates',
    `    section ${ganttText(t.section)}`,
    ...timeline.map(
      (phase) => `    ${ganttText(phase.title[lang])} :${phase.id.replace(/[^A-Za-z0-9_-]/g, '_')}, ${phase.start}, ${phase.end}`,
    ),
    '```',
  ];
}

/**
 * Renders a rectification plan as Markdown in the structure of the seed's plans: 一、指导思想
 * (guiding principles), 二、方法步骤 (methods and steps: a Mermaid `gantt` chart of the phases,
 * then each dated phase with its tasks), 三、整顿要求 (requirements: a table problem → measure →
 * goal → deadline → responsible body, then responsibility and supervision). `|` in table cells
 * is escaped. Deterministic: the same plan gives the same text.
 *
 * Throws an `OptionsError` naming `lang` when it is not `zh` or `en`, and a `TypeError` when
 * `plan` is not a rectification plan.
 *
 * @example
 * ```ts
 * import { planRectification, renderPlan, screen } from 'weak-lax-screener';
 *
 * const result = await screen(gongtongVillage);
 * const markdown = renderPlan(planRectification(result, { start: '2017-03-01' }), { lang: 'zh' });
 * // # 共同村党总支整顿方案
 * // ## 一、指导思想 …
 * // ### (一)成立组织、加强领导(2017年3月1日至3月6日) …
 * ```
 */
export function renderPlan(plan: RectificationPlan, options: RenderOptions): string {
  const lang = (options as Partial<RenderOptions> | undefined)?.lang;
  if (lang !== 'zh' && lang !== 'en') {
    throw new OptionsError([{ path: 'lang', message: `must be "zh" or "en", got ${JSON.stringify(lang)}` }]);
  }
  const p = checkPlan(plan);
  const t = TEXT[lang];
  const name = p.orgName ?? p.orgId;
  const committee: Bilingual = p.kind ? catalogue.roles.committee![p.kind] : (p.checklist[0]?.role ?? { zh: '党(工)委', en: 'Party committee' });
  const role = committee[lang];
  const template = catalogue.templates[p.template]?.title[lang] ?? p.template;
  const titles = new Map((p.problems ?? []).map((problem) => [problem.criterionId, problem.title]));
  const problemOf = (item: ChecklistItem): string => {
    if (item.criterionId === null) return t.common;
    const title = titles.get(item.criterionId);
    return title ? `${item.criterionId} ${title[lang]}` : item.criterionId;
  };
  const problemList = (p.problems ?? []).map((problem) => (lang === 'zh' ? `“${problem.title.zh}”` : `“${problem.title.en}”`));
  const problems = problemList.length > 0 ? problemList.join(lang === 'zh' ? '、' : ', ') : t.noProblems;

  const lines: string[] = [
    t.title(name),
    '',
    t.intro(template, span(p, lang), role),
    '',
    t.guidingHeading,
    '',
    t.guiding(problems, name),
    '',
    t.stepsHeading,
    '',
    ...gantt(p.timeline, lang),
  ];
  p.timeline.forEach((phase, i) => {
    const items = p.checklist.filter((item) => item.phase === phase.id);
    lines.push('', t.phase(i + 1, phase.title[lang], span(phase, lang)), '', ...(items.length ? items.map(t.item) : [t.noItems]));
  });
  lines.push('', t.requirementsHeading, '', t.tableHeading, '');
  lines.push(`| ${t.header.join(' | ')} |`, `| ${t.header.map(() => '---').join(' | ')} |`);
  for (const item of p.checklist) {
    const deadline = item.occurrences?.length ? `${item.due} (${t.times}: ${item.occurrences.join(', ')})` : item.due;
    const responsible = item.responsible ? `${item.role[lang]} (${item.responsible})` : item.role[lang];
    const cells = [problemOf(item), item.measure[lang], item.goal[lang], deadline, responsible];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  lines.push('', t.responsibility, '', t.responsibilityText(role, name), '', t.supervision, '', t.supervisionText(role), '');
  return lines.join('\n');
}
