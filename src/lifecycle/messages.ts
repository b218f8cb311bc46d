/**
 * Every message of the lifecycle functions, in English and Chinese: their refusals
 * ({@link LIFECYCLE_MESSAGES}) and the reasons 摘牌 is not allowed ({@link DELIST_REASONS}, given
 * in both languages at once); and the language of the call in progress. The lifecycle functions
 * are synchronous: each runs its body with {@link inCaseLocale}, so that a message made anywhere
 * below it is in the caller's language. test/messages.test.ts walks both tables.
 *
 * @module
 */
import type { Locale } from '../errors.js';
import type { Bilingual } from '../ruleset.js';
import { localeScope, render, type MessageTable, type Params } from '../schema/messages.js';

/** Options every lifecycle function takes besides its own. */
export interface LifecycleOptions {
  /**
   * Language of the `CaseError` or `OptionsError` message and of its issues.
   * @default 'en'
   */
  locale?: Locale;
}

const LISTING_STAGE_ZH: Readonly<Record<string, string>> = { proposed: '初步提出', examined: '联审', decided: '研究确定', 'not-listed': '未列入' };
const REVIEW_STATUS: Readonly<Record<string, Bilingual>> = {
  persisting: { zh: '仍存在', en: 'persisting' },
  new: { zh: '新出现', en: 'new' },
  unverified: { zh: '无法核实', en: 'unverified' },
};
/** What each value a case or an entry may take means, for the Chinese message naming the values allowed. */
const VALUE_ZH: Readonly<Record<string, string>> = {
  proposed: '乡镇（街道）党（工）委初步提出',
  examined: '县委组织部联审',
  decided: '县委常委会研究确定',
  'not-listed': '未列入整顿对象',
  started: '已开始',
  done: '已完成',
  township: '乡镇（街道）党（工）委评定',
  county: '县委组织部批复',
  stable: '整顿成果巩固',
  relapsed: '出现反复',
  village: '村',
  community: '社区',
  'weak-lax': '软弱涣散',
  'at-risk': '有风险',
  sound: '正常',
  undetermined: '数据不足无法判定',
  matched: '符合',
  'not-matched': '不符合',
  'insufficient-data': '数据不足',
  intensive: '集中整顿三个月',
  annual: '年度整顿九个月',
  holiday: '适逢节假日',
  moved: '已顺延至工作日',
  unchecked: '未核对节假日',
  en: '英文',
  'zh-CN': '中文',
};
const stageZh = (stage: unknown) => LISTING_STAGE_ZH[String(stage)] ?? String(stage);

/** A list given as an array, joined as each language lists (`a, b` and `a、b`); any other value as text. */
const list = (value: unknown, separator: string) => (Array.isArray(value) ? value.map(String).join(separator) : String(value ?? ''));

/** A share as a percentage (0.51 → 51); a value that is not a number as given. */
const percent = (value: unknown) => (typeof value === 'number' ? String(Math.round(value * 1000) / 10) : String(value ?? ''));

/** What was given instead of a date or a language, in Chinese: 填写的是“2025-02-30”, 未填写. */
function zhGot(value: unknown): string {
  if (value === undefined || value === null || value === '') return '未填写';
  if (typeof value === 'string') return `填写的是“${value}”`;
  if (typeof value === 'number') return `填写的是数字 ${value}`;
  return '填写的不是文本';
}

/** ① for 1 … ⑳ for 20; beyond, the number. */
function circled(no: unknown): string {
  return typeof no === 'number' && no >= 1 && no <= 20 ? String.fromCharCode(0x2460 + no - 1) : String(no ?? '');
}

/** A field of a ledger by its meaning, for the refusals of `renderLedger`. */
const LEDGER_PART_ZH: Readonly<Record<string, string>> = { asOf: '截止日期', rows: '任务明细', townships: '各乡镇（街道）汇总', cases: '各整顿对象' };

/** The lifecycle's messages, by key. */
export const LIFECYCLE_MESSAGES = {
  notACase: { en: () => 'expected a rectification case (an object)', zh: () => '应为一个整顿档案（对象）' },
  date: { en: () => 'must be a real calendar date written YYYY-MM-DD', zh: () => '应为真实存在的日期，格式为 YYYY-MM-DD' },
  dateGot: {
    en: (p) => `must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(p.got)}`,
    zh: (p) => `应为真实存在的日期，格式为 YYYY-MM-DD；${zhGot(p.got)}`,
  },
  notEmpty: { en: () => 'must not be empty', zh: () => '不能为空' },
  oneOf: {
    en: (p) => `expected one of ${Array.isArray(p.values) ? p.values.map((v) => JSON.stringify(v)).join(', ') : String(p.values ?? '')}`,
    zh: (p) =>
      `应为以下之一：${Array.isArray(p.values) ? p.values.map((v) => (VALUE_ZH[String(v)] ? `${VALUE_ZH[String(v)]}（${String(v)}）` : `“${String(v)}”`)).join('、') : String(p.values ?? '')}`,
  },
  score: { en: () => 'must be a score from 0 to 100', zh: () => '应为 0 到 100 之间的分数' },
  share: {
    en: (p) => `must be a share from 0 to 1${p.hint !== undefined ? `; did you mean ${p.hint}?` : ''}`,
    zh: (p) => `应为 0 到 1 之间的比例${p.hint !== undefined ? `；是否应为 ${p.hint}？` : ''}`,
  },
  untilBeforeSince: { en: () => 'must not be before since', zh: () => '驻村结束日期不能早于开始日期' },
  beforeScreening: {
    en: (p) => `must not be before the screening (assessed on ${p.assessedOn}), got ${p.on}`,
    zh: (p) => `不能早于排查日期（${p.assessedOn}）；填写的是 ${p.on}`,
  },
  noItem: { en: (p) => `no item "${p.itemId}" in the plan`, zh: (p) => `整顿方案中没有任务“${p.itemId}”` },
  itemRecurs: {
    en: (p) => `item "${p.itemId}" recurs: name the occurrence the entry answers, one of ${list(p.list, ', ')}`,
    zh: (p) => `任务“${p.itemId}”须按期多次完成：请注明本条记录对应哪一个完成时限（${list(p.list, '、')}）`,
  },
  notOccurrence: {
    en: (p) => `${p.occurrence} is not an occurrence of item "${p.itemId}" (${list(p.list, ', ')})`,
    zh: (p) => `任务“${p.itemId}”没有 ${p.occurrence} 这一完成时限（应为 ${list(p.list, '、')} 之一）`,
  },
  itemNotRecurring: {
    en: (p) => `item "${p.itemId}" does not recur: leave occurrence out`,
    zh: (p) => `任务“${p.itemId}”只需完成一次：不必注明对应的完成时限`,
  },
  caseOrgId: { en: (p) => `must be the case's orgId "${p.orgId}"`, zh: (p) => `应为本档案党组织的组织编码“${p.orgId}”` },
  duplicateItem: { en: (p) => `item id "${p.id}" appears twice`, zh: (p) => `任务编号“${p.id}”出现了两次` },
  duplicateProblem: { en: (p) => `problem "${p.id}" appears twice`, zh: (p) => `问题“${p.id}”出现了两次` },
  afterScreening: {
    en: (p) => `must be after the screening (assessed on ${p.assessedOn})`,
    zh: (p) => `应晚于排查日期（${p.assessedOn}）`,
  },
  notDecided: {
    en: () => `the list is not decided yet: record the county standing committee's decision (stage "decided") first`,
    zh: () => '整顿对象名单尚未确定：请先记录县委常委会研究确定名单',
  },
  beforeDecided: { en: (p) => `must not be before the list was decided (${p.decided})`, zh: (p) => `不能早于县委常委会确定名单的日期（${p.decided}）` },
  closedByDelisting: { en: (p) => `the case was closed when the sign was taken off on ${p.on}`, zh: (p) => `该党组织已于 ${p.on} 摘牌，整顿已结束` },
  notListed: {
    en: (p) => `the organisation was not listed (${p.on}): a new screening opens a new case`,
    zh: (p) => `该党组织未列入整顿对象名单（${p.on}）：再次排查时另建档案`,
  },
  decidedThenNotListed: {
    en: (p) => `the list was decided on ${p.on}: a listed organisation leaves the list when its sign is taken off (recordDelisting)`,
    zh: (p) => `名单已于 ${p.on} 确定：已列入的党组织只能经摘牌退出`,
  },
  alreadyDecided: { en: (p) => `the list was already decided on ${p.on}`, zh: (p) => `名单已于 ${p.on} 确定` },
  stageOrder: {
    en: (p) => `"${p.stage}" cannot follow "${p.last}" (proposed, then examined, then decided)`,
    zh: (p) => `“${stageZh(p.stage)}”不能在“${stageZh(p.last)}”之后（依次为乡镇（街道）党（工）委初步提出、县委组织部联审、县委常委会研究确定）`,
  },
  beforePreviousListing: {
    en: (p) => `must not be before the previous listing entry (${p.stage}, ${p.on})`,
    zh: (p) => `不能早于上一个名单环节（${stageZh(p.stage)}，${p.on}）`,
  },
  notWeakLax: {
    en: (p) => `only a weak-lax result opens a case; this one is ${p.verdict}`,
    zh: (p) => `只有初步排查为软弱涣散的党组织才建立整顿档案；该结果为“${VALUE_ZH[String(p.verdict)] ?? String(p.verdict)}”`,
  },
  startBefore: {
    en: (p) => `must not be before the assessment date ${p.assessedOn}, got ${p.start}`,
    zh: (p) => `整顿开始日期不能早于排查日期（${p.assessedOn}）；填写的是 ${p.start}`,
  },
  noProblem: {
    en: (p) => `no problem "${p.id}" in the case (${list(p.list, ', ')})`,
    zh: (p) => `本档案中没有问题“${p.id}”（现有问题：${list(p.list, '、')}）`,
  },
  problemClosed: { en: (p) => `problem "${p.id}" was already closed on ${p.on}`, zh: (p) => `问题“${p.id}”已于 ${p.on} 销号` },
  countyScore: {
    en: () => 'the score belongs to the township grade; the county approves the grade',
    zh: () => '分数由乡镇（街道）党（工）委评定等次时给出；县委组织部批复等次，不另打分',
  },
  countyShare: {
    en: () => 'the dissatisfied share belongs to the township grade; the county approves the grade',
    zh: () => '不满意票比例随乡镇（街道）党（工）委评定等次记录；县委组织部批复等次，不另记录',
  },
  townshipFirst: {
    en: () => 'the township (street) committee has not graded yet: the county grade follows it',
    zh: () => '乡镇（街道）党（工）委尚未评定验收等次：县委组织部在其后批复',
  },
  beforeTownshipGrade: { en: (p) => `must not be before the township grade (${p.on})`, zh: (p) => `不能早于乡镇（街道）党（工）委评定等次的日期（${p.on}）` },
  beforeCountyGrade: { en: (p) => `must not be before the current county grade (${p.on})`, zh: (p) => `不能早于县委组织部已批复的日期（${p.on}）` },
  beforeGrade: { en: (p) => `must not be before the current grade (${p.on})`, zh: (p) => `不能早于已评定等次的日期（${p.on}）` },
  passNeeds70: {
    en: (p) => `the grade "pass" needs a score of 70 or more, got ${p.score}`,
    zh: (p) => `评定为“合格”须综合得分 70 分以上；得分为 ${p.score} 分`,
  },
  overHalfDissatisfied: {
    en: (p) => `over half dissatisfied votes (${p.share}) is a fail outright, whatever the grade given (${p.grade})`,
    zh: (p) => `不满意票占 ${percent(p.share)}%，超过半数的直接评定为不合格，不能评定为“${p.grade}”`,
  },
  followUpOrg: {
    en: (p) => `must be the case's organisation "${p.orgId}", got "${p.got}"`,
    zh: (p) => `应为本档案党组织的组织编码“${p.orgId}”；填写的是“${p.got}”`,
  },
  followUpAfter: {
    en: (p) => `must be after the case's screening (${p.assessedOn}), got ${p.got}`,
    zh: (p) => `复查日期应晚于本档案的排查日期（${p.assessedOn}）；填写的是 ${p.got}`,
  },
  followUpAfterCurrent: { en: (p) => `must be after the current follow-up (${p.on})`, zh: (p) => `复查日期应晚于已记录的复查日期（${p.on}）` },
  alreadyDelisted: { en: (p) => `the sign was already taken off on ${p.on}`, zh: (p) => `已于 ${p.on} 摘牌` },
  cannotDelist: { en: (p) => `cannot take the sign off on ${p.on}: ${p.reason}`, zh: (p) => `${p.on} 尚不具备摘牌条件：${p.reason}` },
  lookBackNeedsDelisting: {
    en: () => 'the look-back follows the sign taken off, which is not recorded',
    zh: () => '“回头看”在摘牌之后开展，本档案尚未记录摘牌',
  },
  lookBackBefore: { en: (p) => `must not be before the sign was taken off (${p.on})`, zh: (p) => `不能早于摘牌日期（${p.on}）` },
  lookBackRecorded: { en: (p) => `the look-back was already recorded on ${p.on}`, zh: (p) => `已于 ${p.on} 记录“回头看”` },
  lang: {
    en: (p) => `must be "zh" or "en", got ${JSON.stringify(p.got)}`,
    zh: (p) => `月报语言应为“zh”（中文）或“en”（英文）；${zhGot(p.got)}`,
  },
  notIterable: {
    en: (p) => `${p.fn}: cases must be an iterable of rectification cases`,
    zh: (p) => `${p.fn}：应传入整顿档案的列表`,
  },
  notALedger: {
    en: () => 'renderLedger: ledger must be a ledger',
    zh: () => 'renderLedger：应传入 ledger() 生成的整顿台账',
  },
  ledgerPart: {
    en: (p) => `renderLedger: ledger.${p.part} is missing or malformed (pass a result of ledger())`,
    zh: (p) => `renderLedger：整顿台账的${LEDGER_PART_ZH[String(p.part)] ?? '内容'}缺失或有误，应传入 ledger() 生成的结果`,
  },
} satisfies MessageTable;

/** A key of {@link LIFECYCLE_MESSAGES}. @internal */
export type LifecycleMessageKey = keyof typeof LIFECYCLE_MESSAGES;

/**
 * Why 摘牌 is not allowed on a date: `caseStatus` gives every reason in both languages (its
 * `reasons`), and a refused `recordDelisting` quotes them. The English keeps the grade as
 * recorded (合格) and the term 销号, as the contract's reasons do.
 */
export const DELIST_REASONS = {
  problemOpen: { en: (p) => `problem "${p.name}" (${p.id}) is not closed (销号)`, zh: (p) => `问题“${p.name}”尚未销号` },
  noTownshipGrade: { en: () => 'the township (street) committee has not graded the rectification', zh: () => '乡镇（街道）党（工）委尚未评定验收等次' },
  noCountyGrade: { en: () => 'the county organisation department has not approved the grade', zh: () => '县委组织部尚未批复验收结果' },
  townshipGrade: {
    en: (p) => `the township grade is ${p.grade}, not 合格 (pass)`,
    zh: (p) => `乡镇（街道）党（工）委评定等次为“${p.grade}”，未达到“合格”`,
  },
  townshipScore: { en: (p) => `the township score ${p.score} is under 70`, zh: (p) => `综合得分${p.score}分，低于70分` },
  dissatisfied: {
    en: (p) => `dissatisfied votes are ${percent(p.share)}%, over half: a fail outright`,
    zh: (p) => `不满意票占${percent(p.share)}%，超过50%，直接认定为不合格`,
  },
  countyGrade: {
    en: (p) => `the county grade is ${p.grade}, not 合格 (pass)`,
    zh: (p) => `县委组织部批复等次为“${p.grade}”，未达到“合格”`,
  },
  followUpIncomparable: {
    en: (p) => `the follow-up screening of ${p.on} cannot be compared with the screening`,
    zh: (p) => `${p.onZh}复查结果无法与排查结果比对`,
  },
  notConverted: {
    en: (p) => `the follow-up screening of ${p.on} is not converted: ${list(p.left, '; ')}`,
    zh: (p) => `${p.onZh}复查未达到转化要求：${list(p.left, '；')}`,
  },
  /** One criterion left by a follow-up that is not converted (`status` persisting, new or unverified). */
  criterionLeft: {
    en: (p) => `${p.id} ${REVIEW_STATUS[String(p.status)]?.en ?? String(p.status ?? '')}`,
    zh: (p) =>
      `${typeof p.title === 'string' && p.title !== '' ? `第${circled(p.no)}项“${p.title}”` : String(p.id ?? '')}${REVIEW_STATUS[String(p.status)]?.zh ?? '未转化'}`,
  },
} satisfies MessageTable;

/** A reason of {@link DELIST_REASONS} in both languages. @internal */
export function delistReason(key: keyof typeof DELIST_REASONS, params: Params = {}): Bilingual {
  return { zh: render(DELIST_REASONS, 'zh-CN', key, params), en: render(DELIST_REASONS, 'en', key, params) };
}

const scope = localeScope();

/** Runs `body` (synchronous) with the lifecycle's messages in `locale`. @internal */
export function inCaseLocale<T>(locale: unknown, body: () => T): T {
  return scope.run(locale, body);
}

/** The language of the lifecycle call in progress. @internal */
export function caseLocale(): Locale {
  return scope.current();
}

/** The lifecycle message `key` in the language of the call in progress. @internal */
export function lm(key: LifecycleMessageKey, params: Params = {}): string {
  return render(LIFECYCLE_MESSAGES, scope.current(), key, params);
}
