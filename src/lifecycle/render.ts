/**
 * `renderLedger`: the monthly report (整顿工作月报) from a ledger, in Markdown: the overall
 * picture, progress by township with a chart each (Mermaid), overdue tasks, each case and its
 * conditions for 摘牌, and deadlines on holidays.
 *
 * @module
 */
import { OptionsError } from '../errors.js';
import { isInputDate } from '../internals/dates.js';
import type { Region } from '../schema/assessment.js';
import { markdownText, mermaidText } from '../internals/text.js';
import { holidayCalendar } from './holidays.js';
import { zhDate } from './status.js';
import { caseLocale, inCaseLocale, lm, type LifecycleOptions } from './messages.js';
import type { CaseStage, Ledger, LedgerCase, LedgerRow, LedgerRowStatus, TownshipSummary } from './types.js';

/** Options of {@link renderLedger}. */
export interface RenderLedgerOptions extends LifecycleOptions {
  /** Language of the report: `zh` (Chinese, official style) or `en`. */
  lang: 'zh' | 'en';
}

type Lang = RenderLedgerOptions['lang'];

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一. */
function zhNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones === 0 ? '' : ZH_DIGITS[ones]}`;
}

const STAGE: Record<Lang, Record<CaseStage, string>> = {
  zh: {
    screened: '初步排查（待研究确定）',
    listed: '已列入整顿对象',
    rectifying: '正在整顿',
    accepted: '已验收（待摘牌）',
    delisted: '已摘牌',
    'looked-back': '已摘牌，已回头看',
    'not-listed': '经研究未列入',
  },
  en: {
    screened: 'screened (list not yet decided)',
    listed: 'listed',
    rectifying: 'rectifying',
    accepted: 'accepted (awaiting 摘牌)',
    delisted: 'delisted (摘牌)',
    'looked-back': 'delisted, looked back',
    'not-listed': 'not listed',
  },
};

/** Chart slices, in order. */
const SLICES: ReadonlyArray<{ status: LedgerRowStatus; zh: string; en: string }> = [
  { status: 'done', zh: '已完成', en: 'done' },
  { status: 'overdue', zh: '逾期未完成', en: 'overdue' },
  { status: 'started', zh: '正在推进', en: 'in progress' },
  { status: 'pending', zh: '未到期', en: 'not yet due' },
  { status: 'closed', zh: '已结案未完成', en: 'not done, case closed' },
];

const LISTED: readonly CaseStage[] = ['listed', 'rectifying', 'accepted', 'delisted', 'looked-back'];

function regionKey(region: Region | undefined): string {
  return JSON.stringify([region?.province ?? null, region?.city ?? null, region?.county ?? null, region?.township ?? null]);
}

function percent(done: number, total: number): string {
  return total === 0 ? '—' : `${Math.round((done / total) * 1000) / 10}%`;
}

function date(value: string, lang: Lang): string {
  return lang === 'zh' ? zhDate(value) : value;
}

/** The county cell: province, city and county as an address is written (云岫市雾岫县). */
function countyCell(region: Partial<Region> | undefined, lang: Lang): string {
  const parts = [region?.province, region?.city, region?.county].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return lang === 'zh' ? '未注明' : 'not given';
  return markdownText(parts.join(lang === 'zh' ? '' : ', '));
}

function townshipName(region: Partial<Region> | undefined, lang: Lang): string {
  return region?.township ?? (lang === 'zh' ? '未注明乡镇（街道）' : 'township not given');
}

/** Appends `items` to `lines` one by one: a report may have a million lines, too many for push(...items). */
function append(lines: string[], items: readonly string[]): void {
  for (const item of items) lines.push(item);
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: ReadonlySet<number> = new Set()): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (right.has(i) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function checkLedger(value: unknown): Ledger {
  const fail = (part: string): never => {
    throw new TypeError(lm('ledgerPart', { part }));
  };
  if (typeof value !== 'object' || value === null) throw new TypeError(lm('notALedger'));
  const l = value as Partial<Ledger>;
  if (typeof l.asOf !== 'string' || !isInputDate(l.asOf)) fail('asOf');
  if (!Array.isArray(l.rows)) fail('rows');
  if (!Array.isArray(l.townships)) fail('townships');
  if (!Array.isArray(l.cases)) fail('cases');
  return value as Ledger;
}

/** The opening paragraph. */
function overview(l: Ledger, lang: Lang): string {
  const count = (stages: readonly CaseStage[]) => l.cases.filter((c) => stages.includes(c.status.stage)).length;
  const listed = l.cases.filter((c) => LISTED.includes(c.status.stage));
  const villages = listed.filter((c) => c.kind === 'village').length;
  const communities = listed.length - villages;
  const itemsTotal = l.cases.reduce((n, c) => n + c.status.itemsTotal, 0);
  const itemsDone = l.cases.reduce((n, c) => n + c.status.itemsDone, 0);
  const overdue = l.cases.reduce((n, c) => n + c.status.overdue.length, 0);
  const overdueOrgs = l.cases.filter((c) => c.status.overdue.length > 0).length;
  const problems = l.cases.reduce((n, c) => n + c.problems, 0);
  const open = l.cases.reduce((n, c) => n + c.status.openProblems.length, 0);
  const screened = count(['screened']);
  const notListed = count(['not-listed']);
  const byStage = LISTED.map((stage) => [stage, count([stage])] as const).filter(([, n]) => n > 0);
  if (lang === 'zh') {
    const kinds = communities === 0 ? (villages > 0 ? '（均为村党组织）' : '') : villages === 0 ? '（均为社区党组织）' : `（村${villages}个、社区${communities}个）`;
    const stages = byStage.length > 0 ? `，其中${byStage.map(([stage, n]) => `${STAGE.zh[stage].replace(/（.*）/, '')}${n}个`).join('、')}` : '';
    const others = [
      screened > 0 ? `另有初步排查对象${screened}个，待县委常委会研究确定` : '',
      notListed > 0 ? `经研究未列入整顿对象${notListed}个` : '',
    ].filter(Boolean);
    return [
      `截至${zhDate(l.asOf)}，列入整顿的软弱涣散基层党组织共${listed.length}个${kinds}${stages}。${others.length ? `${others.join('；')}。` : ''}`,
      `整改任务共${itemsTotal}项（定期开展的任务逐次计算），已完成${itemsDone}项，完成率${percent(itemsDone, itemsTotal)}；` +
        (overdue > 0 ? `逾期未完成${overdue}项，涉及${overdueOrgs}个村（社区）。` : '无逾期未完成任务。') +
        `排查发现的问题共${problems}个，已销号${problems - open}个，尚未销号${open}个。`,
    ].join('');
  }
  const others = [
    screened > 0 ? `${screened} more found in the preliminary screening await the county standing committee's decision` : '',
    notListed > 0 ? `${notListed} ${notListed === 1 ? 'was' : 'were'} not listed` : '',
  ].filter(Boolean);
  return [
    `As of ${l.asOf}, ${listed.length} weak and lax organisation${listed.length === 1 ? ' is' : 's are'} listed for rectification (${villages} village${villages === 1 ? '' : 's'}, ${communities} communit${communities === 1 ? 'y' : 'ies'})`,
    byStage.length > 0 ? `: ${byStage.map(([stage, n]) => `${n} ${STAGE.en[stage]}`).join(', ')}. ` : '. ',
    others.length ? `${others.join('; ')}. ` : '',
    `Of ${itemsTotal} tasks (recurring tasks counted once per occurrence), ${itemsDone} are done (${percent(itemsDone, itemsTotal)}); `,
    overdue > 0 ? `${overdue} ${overdue === 1 ? 'is' : 'are'} overdue, in ${overdueOrgs} organisation${overdueOrgs === 1 ? '' : 's'}. ` : 'none is overdue. ',
    `Of ${problems} problems found, ${problems - open} ${problems - open === 1 ? 'is' : 'are'} closed (销号) and ${open} open.`,
  ].join('');
}

function townshipTable(l: Ledger, lang: Lang): string[] {
  const header =
    lang === 'zh'
      ? ['县（市、区）', '乡镇（街道）', '整顿对象（个）', '已摘牌（个）', '已完成任务（项）', '任务总数（项）', '完成率', '逾期（项）', '未销号问题（个）']
      : ['County', 'Township', 'Cases', 'Delisted', 'Tasks done', 'Tasks', 'Done', 'Overdue', 'Open problems'];
  const rows = l.townships.map((t: TownshipSummary) => [
    countyCell(t, lang),
    markdownText(townshipName(t, lang)),
    String(t.cases),
    String(t.delisted),
    String(t.itemsDone),
    String(t.itemsTotal),
    percent(t.itemsDone, t.itemsTotal),
    String(t.overdue),
    String(t.openProblems),
  ]);
  return table(header, rows, new Set([2, 3, 4, 5, 6, 7, 8]));
}

function charts(l: Ledger, lang: Lang): string[] {
  const counts = new Map<string, Record<LedgerRowStatus, number>>();
  for (const row of l.rows) {
    const key = regionKey(row.region);
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { done: 0, overdue: 0, started: 0, pending: 0, closed: 0 }));
    c[row.status]++;
  }
  const lines: string[] = [];
  l.townships.forEach((t, i) => {
    const c = counts.get(regionKey(t));
    const name = townshipName(t, lang);
    lines.push('', lang === 'zh' ? `### （${zhNumber(i + 1)}）${markdownText(name)}` : `### 2.${i + 1} ${markdownText(name)}`, '');
    if (!c || SLICES.every((s) => c[s.status] === 0)) {
      lines.push(lang === 'zh' ? '暂无整改任务。' : 'No tasks.');
      return;
    }
    lines.push(
      '```mermaid',
      'pie showData',
      `    title ${mermaidText(lang === 'zh' ? `${name}整改任务完成情况` : `${name} tasks`)}`,
      ...SLICES.filter((s) => c[s.status] > 0).map((s) => `    "${s[lang]}" : ${c[s.status]}`),
      '```',
    );
  });
  return lines;
}

function measureOf(row: LedgerRow, lang: Lang): string {
  return markdownText(row.measure[lang]);
}

/** Tasks a report lists at most in one list; the ledger itself has them all. */
const LISTED_AT_MOST = 100;

/** The note under a list cut at {@link LISTED_AT_MOST}. */
function cutNote(total: number, mostOverdue: boolean, lang: Lang): string[] {
  if (total <= LISTED_AT_MOST) return [];
  const zh = mostOverdue ? `逾期时间最长的${LISTED_AT_MOST}项` : `前${LISTED_AT_MOST}项`;
  const en = mostOverdue ? `the ${LISTED_AT_MOST} most overdue` : `the first ${LISTED_AT_MOST}`;
  return ['', lang === 'zh' ? `（共${total}项，此处列出${zh}，完整清单见台账。）` : `(${total} in all; ${en} are listed here, the ledger has them all.)`];
}

function overdueSection(l: Ledger, lang: Lang): string[] {
  const all = l.rows.filter((r) => r.status === 'overdue').sort((a, b) => b.daysOverdue - a.daysOverdue);
  if (all.length === 0) return [lang === 'zh' ? `截至${zhDate(l.asOf)}，无逾期未完成任务。` : `As of ${l.asOf}, no task is overdue.`];
  const overdue = all.slice(0, LISTED_AT_MOST);
  const header =
    lang === 'zh'
      ? ['村（社区）', '乡镇（街道）', '整改措施', '责任单位', '完成时限', '逾期天数']
      : ['Organisation', 'Township', 'Measure', 'Responsible', 'Due', 'Days overdue'];
  const lines = table(
    header,
    overdue.map((r) => [
      markdownText(r.orgName),
      markdownText(townshipName(r.region, lang)),
      measureOf(r, lang),
      markdownText(r.role[lang]),
      date(r.due, lang),
      String(r.daysOverdue),
    ]),
    new Set([5]),
  );
  append(lines, cutNote(all.length, true, lang));
  return lines;
}

function conditions(c: LedgerCase, lang: Lang): string {
  const name = markdownText(c.orgName);
  if (c.status.canDelist) {
    return lang === 'zh'
      ? `${name}：已具备摘牌条件，可由乡镇（街道）党（工）委向县委组织部请示摘牌。`
      : `${name}: the conditions for 摘牌 hold; the township (street) committee may ask the county organisation department to take the sign off.`;
  }
  const reasons = c.status.reasons.map((r) => markdownText(r[lang]));
  return lang === 'zh' ? `${name}：尚不具备摘牌条件。${reasons.join('；')}。` : `${name}: not yet ready for 摘牌: ${reasons.join('; ')}.`;
}

function casesSection(l: Ledger, lang: Lang): string[] {
  const header =
    lang === 'zh'
      ? ['村（社区）', '乡镇（街道）', '所处阶段', '任务完成（项）', '逾期（项）', '尚未销号的问题', '下一完成时限']
      : ['Organisation', 'Township', 'Stage', 'Tasks done', 'Overdue', 'Open problems', 'Next due'];
  const none = lang === 'zh' ? '无' : 'none';
  const lines = table(
    header,
    l.cases.map((c) => [
      markdownText(c.orgName),
      markdownText(townshipName(c.region, lang)),
      STAGE[lang][c.status.stage],
      `${c.status.itemsDone}/${c.status.itemsTotal}`,
      String(c.status.overdue.length),
      c.openProblems.length ? c.openProblems.map((p) => markdownText(p.label[lang])).join(lang === 'zh' ? '；' : '; ') : none,
      c.status.nextDue ? date(c.status.nextDue, lang) : '—',
    ]),
    new Set([4]),
  );
  const open = l.cases.filter((c) => ['listed', 'rectifying', 'accepted'].includes(c.status.stage));
  if (open.length > 0) {
    lines.push('', lang === 'zh' ? '摘牌条件：' : 'Conditions for 摘牌:', '');
    append(lines, open.map((c, i) => `${i + 1}. ${conditions(c, lang)}`));
  }
  return lines;
}

function calendarSection(l: Ledger, lang: Lang): string[] {
  const open = l.rows.filter((r) => r.status !== 'done' && r.status !== 'closed');
  const line = (r: LedgerRow, extra: string) => `- ${markdownText(r.orgName)}${lang === 'zh' ? '：' : ': '}${measureOf(r, lang)}${extra}`;
  const lines: string[] = [];
  const holidays = open.filter((r) => r.calendar === 'holiday');
  if (holidays.length > 0) {
    lines.push(lang === 'zh' ? '以下完成时限适逢法定节假日，请提前安排：' : 'These deadlines fall on a public holiday; plan ahead:', '');
    append(lines, holidays.slice(0, LISTED_AT_MOST).map((r) => line(r, lang === 'zh' ? `（${zhDate(r.due)}，${r.holiday?.zh ?? ''}）` : ` (${r.due}, ${r.holiday?.en ?? ''})`)));
    append(lines, cutNote(holidays.length, false, lang));
    lines.push('');
  }
  const moved = open.filter((r) => r.movedFrom !== undefined);
  if (moved.length > 0) {
    lines.push(lang === 'zh' ? '以下完成时限原适逢节假日或休息日，已顺延至下一个工作日：' : 'These deadlines fell on a holiday or weekend and were moved to the next working day:', '');
    append(lines, moved.slice(0, LISTED_AT_MOST).map((r) => line(r, lang === 'zh' ? `（原定${zhDate(r.movedFrom!)}，顺延至${zhDate(r.due)}）` : ` (from ${r.movedFrom} to ${r.due})`)));
    append(lines, cutNote(moved.length, false, lang));
    lines.push('');
  }
  const unchecked = open.filter((r) => r.calendar === 'unchecked');
  if (unchecked.length > 0) {
    lines.push(
      lang === 'zh'
        ? `以下完成时限所在年度的全国节假日安排尚未掌握（现有安排截至${holidayCalendar.to}年），未核对是否适逢节假日：`
        : `The national holiday schedule for the year of these deadlines is not yet known (the schedule held runs to ${holidayCalendar.to}); they were not checked:`,
      '',
    );
    append(lines, unchecked.slice(0, LISTED_AT_MOST).map((r) => line(r, lang === 'zh' ? `（${zhDate(r.due)}）` : ` (${r.due})`)));
    append(lines, cutNote(unchecked.length, false, lang));
    lines.push('');
  }
  return lines.length > 0 ? lines.slice(0, -1) : [];
}

/**
 * The monthly report (整顿工作月报) of a ledger in Markdown: the overall picture; progress by
 * township (a table, and a Mermaid pie chart of task status for each township); overdue tasks,
 * most overdue first (at most 100 listed, with the total: the ledger has them all); each case with its stage, progress, open problems, next deadline and
 * its conditions for 摘牌; and deadlines that fall on a public holiday, were moved to a working
 * day, or lie in a year whose holiday schedule is not yet known (again at most 100 each). In Chinese (`zh`) it is
 * written in official style; in English (`en`) as a working translation.
 *
 * Every name, measure and reason is escaped for Markdown and, in charts, for Mermaid: nothing
 * from a case reaches either as syntax. Throws an `OptionsError` for an unknown `lang` and a
 * `TypeError` for something that is not a ledger.
 *
 * With `locale: 'zh-CN'` in the options, these errors are in Chinese (default `'en'`); `lang`
 * is the report's language.
 *
 * @example
 * ```ts
 * import { ledger, renderLedger } from 'weak-lax-screener';
 *
 * const report = renderLedger(ledger(cases, { asOf: '2025-10-31' }), { lang: 'zh' });
 * report.split('\n')[0];   // '# 整顿工作月报'
 * ```
 */
export function renderLedger(ledgerValue: Ledger, options: RenderLedgerOptions): string {
  return inCaseLocale((options as LifecycleOptions | null | undefined)?.locale, () => renderLedgerIn(ledgerValue, options));
}

function renderLedgerIn(ledgerValue: Ledger, options: RenderLedgerOptions): string {
  const lang = (options as { lang?: unknown } | undefined)?.lang;
  if (lang !== 'zh' && lang !== 'en') throw new OptionsError([{ path: 'lang', message: lm('lang', { got: lang }) }], caseLocale());
  const l = checkLedger(ledgerValue);
  const sections: Array<[string, string[]]> = [
    [lang === 'zh' ? '总体情况' : 'Overview', [overview(l, lang)]],
    [lang === 'zh' ? '各乡镇（街道）整顿进展' : 'Progress by township', townshipTable(l, lang).concat(charts(l, lang))],
    [lang === 'zh' ? '逾期未完成任务' : 'Overdue tasks', overdueSection(l, lang)],
    [lang === 'zh' ? '各整顿对象进展' : 'Each organisation', casesSection(l, lang)],
  ];
  const calendar = calendarSection(l, lang);
  if (calendar.length > 0) sections.push([lang === 'zh' ? '完成时限与节假日' : 'Deadlines and holidays', calendar]);
  const lines =
    lang === 'zh'
      ? ['# 整顿工作月报', '', `（截至${zhDate(l.asOf)}）`]
      : ['# Monthly rectification report', '', `(as of ${l.asOf})`];
  sections.forEach(([title, body], i) => {
    lines.push('', lang === 'zh' ? `## ${zhNumber(i + 1)}、${title}` : `## ${i + 1}. ${title}`, '');
    append(lines, body);
  });
  if (l.cases.some((c) => c.status.stage === 'screened')) {
    lines.push(
      '',
      lang === 'zh'
        ? '注：初步排查对象由乡镇（街道）党（工）委初步提出，县委组织部会同有关部门联审，县委常委会研究确定。'
        : 'Note: organisations found in the preliminary screening are proposed by the township (street) committee, examined jointly by the county organisation department with the departments concerned, and decided by the county Party standing committee.',
    );
  }
  return `${lines.join('\n')}\n`;
}
