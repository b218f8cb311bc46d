/**
 * `renderPlan`: a rectification plan as Markdown, in the structure of the seed's plans
 * (一、指导思想 二、方法步骤 三、整顿要求), worded as an official document, with a task table and
 * a Mermaid `gantt` chart.
 *
 * @module
 */
import { OptionsError, type Locale } from '../errors.js';
import { parseDate } from '../internals/dates.js';
import { markdownText, mermaidText } from '../internals/text.js';
import { catalogue } from './catalogue.js';
import { PLAN_MESSAGES } from './messages.js';
import { render as renderMessage } from '../schema/messages.js';
import type { ChecklistItem, RectificationPlan, TimelinePhase } from './types.js';

/** Options of {@link renderPlan}. */
export interface RenderOptions {
  /** Language of the document: `zh` (Chinese, as the seed's plans) or `en`. */
  lang: 'zh' | 'en';
  /**
   * Language of the error message when the plan or the options are bad.
   * @default 'en'
   */
  locale?: Locale;
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

/** A table cell or inline text: data made inert (no link, tag, control character or cell break). */
export const escapeCell = markdownText;

/** Text for a Mermaid gantt task name: nothing that would end its line or start a directive. */
const ganttText = mermaidText;

/** The texts of a checklist item made inert, for the phase lists (table cells are escaped as cells). */
function escapedItem(item: ChecklistItem): ChecklistItem {
  const both = (text: { zh: string; en: string }) => ({ zh: escapeCell(text.zh), en: escapeCell(text.en) });
  return {
    ...item,
    measure: both(item.measure),
    goal: both(item.goal),
    evidence: both(item.evidence),
    role: both(item.role),
    due: escapeCell(item.due),
    ...(item.occurrences ? { occurrences: item.occurrences.map(escapeCell) } : {}),
  };
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

/**
 * Full-width punctuation in Chinese text from rule files (a criterion title such as
 * 村(居)务财务不公开): half-width brackets and marks next to Chinese read as a draft.
 */
function fullWidth(text: string): string {
  if (!/[\u4e00-\u9fff]/.test(text)) return text;
  return text.replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，').replace(/;/g, '；').replace(/:/g, '：');
}

/**
 * The first day on which the guiding principles cite the 20th Party Congress: the day after
 * it closed (2022-10-22), when the first plenary session of the 20th Central Committee met.
 * An earlier plan gets neutral wording rather than an anachronism.
 */
const TWENTIETH_CONGRESS = '2022-10-23';

/** Who decides the list (contract, "The ten criteria"), with the township organ named by its kind. */
const WHO_DECIDES = {
  zh: (township: string) =>
    `本方案依据初步排查结果拟定。排查结果是初步结论，整顿对象由${township}初步提出，县委组织部会同纪检监察、政法、信访、民政等部门联审，县委常委会研究确定；名单确定后，按本方案组织实施。`,
  en: (township: string) =>
    `This plan follows from a screening, which is a preliminary finding: the ${township} proposes the list, the county Party organisation department examines it jointly with the discipline-inspection, political-legal, petition and civil-affairs departments, and the county Party standing committee decides it. The plan is carried out once the list is decided.`,
} as const;

interface GuidingContext {
  current: boolean;
  kind: 'village' | 'community' | undefined;
  problems: string;
  org: string;
}

const TEXT = {
  zh: {
    title: (name: string) => `# ${name}整顿方案`,
    preamble: '根据上级党组织关于持续整顿软弱涣散基层党组织的部署要求，结合排查情况，制定本方案。',
    guidingHeading: '## 一、指导思想',
    guiding: ({ current, kind, problems, org }: GuidingContext) =>
      current
        ? `以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届历次全会精神，认真落实新时代党的建设总要求和新时代党的组织路线，${
            kind === 'community'
              ? '坚持党建引领城市基层治理，依据《中国共产党支部工作条例（试行）》等规定'
              : kind === 'village'
                ? '依据《中国共产党农村基层组织工作条例》等规定'
                : '依据《中国共产党农村基层组织工作条例》《中国共产党支部工作条例（试行）》等规定'
          }，以解决${problems}为重点，着力增强党组织政治功能和组织功能，把${org}建设成为有效实现党的领导的坚强战斗堡垒，做到整顿一个、转化一个、巩固一个。`
        : `深入贯彻落实党中央关于抓基层、打基础的决策部署和上级党组织的工作要求，依据党章和党内有关规定，以解决${problems}为重点，以增强党组织的凝聚力、战斗力和号召力为目标，把${org}建设成为坚强战斗堡垒，做到整顿一个、转化一个、巩固一个。`,
    problems: (titles: string[]) => `${titles.map((t) => `“${t}”`).join('')}等突出问题`,
    noProblems: '排查发现的突出问题',
    stepsHeading: '## 二、方法步骤',
    steps: (template: string, start: string, end: string, phases: number) =>
      `整顿工作按${template}安排，自${start}开始，至${end}结束，分${zhNumber(phases)}个阶段进行。`,
    gantt: '整顿时间安排',
    section: '整顿阶段',
    phase: (n: number, title: string, when: string) => `### （${zhNumber(n)}）${title}（${when}）`,
    item: (item: ChecklistItem) =>
      `- ${item.measure.zh}。目标：${item.goal.zh}。时限：${zhDate(item.due)}。责任单位：${item.role.zh}。佐证材料：${item.evidence.zh}。${
        item.occurrences?.length ? `具体日期：${item.occurrences.map((d) => zhDate(d)).join('、')}。` : ''
      }`,
    noItems: '- 本阶段无单列任务，按方案推进各项整改。',
    requirementsHeading: '## 三、整顿要求',
    tableHeading: '### （一）明确目标、时限和责任',
    header: ['问题', '整改措施', '目标', '时限', '责任单位'],
    common: '共性措施',
    deadline: (due: string, occurrences: readonly string[] | undefined) =>
      (occurrences?.length ?? 0) > 1 ? `${zhDate(due)}（各次：${occurrences!.map((d) => zhDate(d)).join('、')}）` : zhDate(due),
    responsible: (role: string, person: string) => `${role}（${person}）`,
    responsibility: '### （二）落实整顿责任',
    responsibilityText: (township: string, org: string) =>
      `整顿工作由${township}牵头具体组织实施，${org}为整顿责任主体，要根据实际进行专题研究，做到摸透情况、任务到人、责任到人，限时整顿。县委组织部加强统筹指导，有关部门按照职责分工抓好落实。`,
    supervision: '### （三）加强督导检查',
    supervisionText: (township: string) =>
      `整顿期间，${township}组成工作组定期督导检查、定期通报，对整顿效果不明显的，责令整改并通报。整顿达不到要求的，驻点领导不换点、工作队伍不撤离，确保整顿一个、转化一个、巩固一个。`,
    acceptance: '### （四）严格考核验收',
    acceptanceText: (township: string) =>
      `整顿结束后，由${township}组织初步考核，报县委组织部考核验收。验收合格的按程序销号摘牌，并继续跟踪问效1年；验收不合格的继续整顿，直至验收合格。`,
  },
  en: {
    title: (name: string) => `# Rectification plan: ${name}`,
    preamble: 'This plan is drawn up under the higher Party organisations\' requirements for the continued rectification of weak and lax grassroots Party organisations, in the light of the screening.',
    guidingHeading: '## 1. Guiding principles',
    guiding: ({ current, kind, problems, org }: GuidingContext) =>
      current
        ? `Guided by Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era, fully implementing the guiding principles of the Party's 20th National Congress and of the plenary sessions of the 20th Central Committee, carrying out the general requirements for Party building in the new era and the Party's organisational line for the new era, ${
            kind === 'community'
              ? 'with Party building leading urban grassroots governance, and in accordance with the Regulations on the Work of Party Branches of the Communist Party of China (for Trial Implementation) and other rules'
              : kind === 'village'
                ? 'and in accordance with the Regulations on the Work of Rural Grassroots Organisations of the Communist Party of China and other rules'
                : 'and in accordance with the Regulations on the Work of Rural Grassroots Organisations and the Regulations on the Work of Party Branches (for Trial Implementation) and other rules'
          }, the rectification focuses on solving ${problems}. It strengthens the political and organisational functions of the Party organisation and makes ${org} a strong bastion through which the Party's leadership is effectively exercised: each organisation rectified, turned around and kept that way (整顿一个、转化一个、巩固一个).`
        : `Carrying out the Party Central Committee's decisions on strengthening the grassroots and the requirements of the higher Party organisations, and in accordance with the Party Constitution and the Party's rules, the rectification focuses on solving ${problems}, to strengthen the cohesion, fighting capacity and appeal of the Party organisation and make ${org} a strong bastion: each organisation rectified, turned around and kept that way (整顿一个、转化一个、巩固一个).`,
    problems: (titles: string[]) => titles.map((t) => `“${t}”`).join(', '),
    noProblems: 'the problems the screening found',
    stepsHeading: '## 2. Methods and steps',
    steps: (template: string, start: string, end: string, phases: number) =>
      `The rectification follows the template “${template}”, from ${start} to ${end}, in ${phases} phases.`,
    gantt: 'Rectification timeline',
    section: 'Phases',
    phase: (n: number, title: string, when: string) => `### 2.${n} ${title} (${when})`,
    item: (item: ChecklistItem) =>
      `- ${item.measure.en}. Goal: ${item.goal.en}. Due: ${item.due}. Responsible: ${item.role.en}. Evidence: ${item.evidence.en}.${
        item.occurrences?.length ? ` Dates: ${item.occurrences.join(', ')}.` : ''
      }`,
    noItems: '- No separate tasks in this phase; the rectification goes on as planned.',
    requirementsHeading: '## 3. Requirements',
    tableHeading: '### 3.1 Goals, deadlines and responsibilities',
    header: ['Problem', 'Measure', 'Goal', 'Deadline', 'Responsible'],
    common: 'Common step',
    deadline: (due: string, occurrences: readonly string[] | undefined) =>
      (occurrences?.length ?? 0) > 1 ? `${due} (each: ${occurrences!.join(', ')})` : due,
    responsible: (role: string, person: string) => `${role} (${person})`,
    responsibility: '### 3.2 Responsibility',
    responsibilityText: (township: string, org: string) =>
      `The ${township} leads and organises the rectification; ${org} is the body responsible for carrying it out: study the situation, assign every task and responsibility to a person, and finish on time. The county Party organisation department guides the whole, and the departments concerned each do their part.`,
    supervision: '### 3.3 Supervision',
    supervisionText: (township: string) =>
      `During the rectification the ${township} sends a work group that inspects and reports regularly; where results are poor it orders rectification (责令整改) and circulates a notice. Until the organisation meets the standard, the stationed leader stays and the work team does not withdraw (驻点领导不换点、工作队伍不撤离).`,
    acceptance: '### 3.4 Assessment and acceptance',
    acceptanceText: (township: string) =>
      `When the rectification ends, the ${township} makes a first assessment and reports to the county Party organisation department, which assesses and accepts (考核验收). An organisation that passes is taken off the list by the prescribed procedure and followed up for one more year; one that fails goes on with the rectification until it passes.`,
  },
} as const;

function checkPlan(plan: unknown, locale: Locale): RectificationPlan {
  const fail = (field: string): never => {
    throw new TypeError(renderMessage(PLAN_MESSAGES, locale, 'planField', { field }));
  };
  if (typeof plan !== 'object' || plan === null) throw new TypeError(renderMessage(PLAN_MESSAGES, locale, 'planNotPlan'));
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
      (phase) => `    ${ganttText(phase.title[lang])} :${phase.id.replace(/[^A-Za-z0-9_-]/g, '_')}, ${ganttText(phase.start)}, ${ganttText(phase.end)}`,
    ),
    '```',
  ];
}

/**
 * Renders a rectification plan as Markdown in the structure of the seed's plans, worded as an
 * official document: a preamble that states who decides the list (the township (street)
 * committee proposes, the county organisation department examines jointly with the
 * discipline, political-legal, petition and civil-affairs departments, the county Party
 * standing committee decides); 一、指导思想 (guiding principles in current official language
 * for a plan starting on or after 2022-10-23, neutral wording before); 二、方法步骤 (methods and
 * steps: a Mermaid `gantt` chart of the phases, then each dated phase with its tasks);
 * 三、整顿要求 (requirements: a table problem → measure → goal → deadline → responsible organ,
 * then responsibility, supervision, and assessment and acceptance). `|` in table cells is
 * escaped. Deterministic: the same plan gives the same text.
 *
 * Throws an `OptionsError` naming `lang` when it is not `zh` or `en`, and a `TypeError` when
 * `plan` is not a rectification plan.
 *
 * @example
 * ```ts
 * import { planRectification, renderPlan, screen } from 'weak-lax-screener';
 *
 * const result = await screen(baishaVillage);   // 白沙村党支部, 青石镇
 * const markdown = renderPlan(planRectification(result, { start: '2026-04-01' }), { lang: 'zh' });
 * // # 白沙村党支部整顿方案
 * // … 整顿对象由镇党委初步提出，县委组织部会同纪检监察、政法、信访、民政等部门联审，县委常委会研究确定 …
 * // ## 一、指导思想
 * // 以习近平新时代中国特色社会主义思想为指导 …
 * // ### （一）成立组织、加强领导（2026年4月1日至4月6日） …
 * ```
 */
export function renderPlan(plan: RectificationPlan, options: RenderOptions): string {
  const lang = (options as Partial<RenderOptions> | undefined)?.lang;
  const locale = (options as Partial<RenderOptions> | undefined)?.locale === 'zh-CN' ? 'zh-CN' : 'en';
  if (lang !== 'zh' && lang !== 'en') throw new OptionsError([{ path: 'lang', message: renderMessage(PLAN_MESSAGES, locale, 'lang', { lang }) }], locale);
  const p = checkPlan(plan, locale);
  const t = TEXT[lang];
  const local = (text: string) => (lang === 'zh' ? fullWidth(text) : text);
  const name = escapeCell(p.orgName ?? p.orgId);
  const township = escapeCell((p.townshipOrgan ?? catalogue.organs.township.fallback.organ)[lang]);
  const template = escapeCell(catalogue.templates[p.template]?.title[lang] ?? p.template);
  const titles = new Map((p.problems ?? []).map((problem) => [problem.criterionId, problem.title]));
  const problemOf = (item: ChecklistItem): string => {
    if (item.criterionId === null) return t.common;
    const title = titles.get(item.criterionId);
    return title ? local(title[lang]) : item.criterionId;
  };
  const problemTitles = (p.problems ?? []).map((problem) => escapeCell(local(problem.title[lang])));
  const problems = problemTitles.length > 0 ? t.problems(problemTitles) : t.noProblems;
  const guiding = t.guiding({ current: p.start >= TWENTIETH_CONGRESS, kind: p.kind, problems, org: name });
  const phaseTitle = (phase: TimelinePhase) => escapeCell(local(phase.title[lang]));
  const [first, last] = lang === 'zh' ? [zhDate(p.start), zhDate(p.end)] : [p.start, p.end];

  const lines: string[] = [
    t.title(name),
    '',
    `${t.preamble}${lang === 'zh' ? '' : ' '}${WHO_DECIDES[lang](township)}`,
    '',
    t.guidingHeading,
    '',
    guiding,
    '',
    t.stepsHeading,
    '',
    t.steps(template, first, last, p.timeline.length),
    '',
    ...gantt(p.timeline, lang),
  ];
  p.timeline.forEach((phase, i) => {
    const items = p.checklist.filter((item) => item.phase === phase.id);
    lines.push('', t.phase(i + 1, phaseTitle(phase), span(phase, lang)), '', ...(items.length ? items.map((item) => t.item(escapedItem(item))) : [t.noItems]));
  });
  lines.push('', t.requirementsHeading, '', t.tableHeading, '');
  lines.push(`| ${t.header.join(' | ')} |`, `| ${t.header.map(() => '---').join(' | ')} |`);
  for (const item of p.checklist) {
    const responsible = item.responsible ? t.responsible(item.role[lang], item.responsible) : item.role[lang];
    const cells = [problemOf(item), item.measure[lang], item.goal[lang], t.deadline(item.due, item.occurrences), responsible];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  lines.push(
    '',
    t.responsibility,
    '',
    t.responsibilityText(township, name),
    '',
    t.supervision,
    '',
    t.supervisionText(township),
    '',
    t.acceptance,
    '',
    t.acceptanceText(township),
    '',
  );
  return lines.join('\n');
}
