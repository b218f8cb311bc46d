/**
 * Every message of the lifecycle functions, in English and Chinese, and the language of the
 * call in progress. The lifecycle functions are synchronous: each runs its body with
 * {@link inCaseLocale}, so that a message made anywhere below it is in the caller's language.
 * test/messages.test.ts walks the table.
 *
 * @module
 */
import type { Locale } from '../errors.js';
import { render, type MessageTable, type Params } from '../schema/messages.js';

/** Options every lifecycle function takes besides its own. */
export interface LifecycleOptions {
  /**
   * Language of the `CaseError` or `OptionsError` message and of its issues.
   * @default 'en'
   */
  locale?: Locale;
}

const LISTING_STAGE_ZH: Readonly<Record<string, string>> = { proposed: '初步提出', examined: '联审', decided: '研究确定', 'not-listed': '未列入' };
const VERDICT_ZH: Readonly<Record<string, string>> = { 'weak-lax': '软弱涣散', 'at-risk': '有风险', sound: '正常', undetermined: '数据不足，暂无法判定' };
const stageZh = (stage: unknown) => LISTING_STAGE_ZH[String(stage)] ?? String(stage);

/** The lifecycle's messages, by key. */
export const LIFECYCLE_MESSAGES: MessageTable = {
  notACase: { en: () => 'expected a rectification case (an object)', zh: () => '应为一个整顿档案（对象）' },
  date: { en: () => 'must be a real calendar date written YYYY-MM-DD', zh: () => '应为真实存在的日期，格式为 YYYY-MM-DD' },
  dateGot: {
    en: (p) => `must be a real calendar date YYYY-MM-DD, got ${p.got}`,
    zh: (p) => `应为真实存在的日期，格式为 YYYY-MM-DD；填写的是 ${p.got}`,
  },
  notEmpty: { en: () => 'must not be empty', zh: () => '不能为空' },
  score: { en: () => 'must be a score from 0 to 100', zh: () => '应为 0 到 100 之间的分数' },
  share: {
    en: (p) => `must be a share from 0 to 1${p.hint !== undefined ? `; did you mean ${p.hint}?` : ''}`,
    zh: (p) => `应为 0 到 1 之间的比例${p.hint !== undefined ? `；是否应为 ${p.hint}？` : ''}`,
  },
  untilBeforeSince: { en: () => 'must not be before since', zh: () => '驻村结束日期不能早于开始日期' },
  unknownKey: { en: () => 'unknown key', zh: () => '无法识别的项目' },
  beforeScreening: {
    en: (p) => `must not be before the screening (assessed on ${p.assessedOn}), got ${p.on}`,
    zh: (p) => `不能早于排查日期（${p.assessedOn}）；填写的是 ${p.on}`,
  },
  noItem: { en: (p) => `no item "${p.itemId}" in the plan`, zh: (p) => `整顿方案中没有任务“${p.itemId}”` },
  itemRecurs: {
    en: (p) => `item "${p.itemId}" recurs: name the occurrence the entry answers, one of ${p.list}`,
    zh: (p) => `任务“${p.itemId}”是例行任务：请注明对应的是哪一次，可选 ${p.list}`,
  },
  notOccurrence: {
    en: (p) => `${p.occurrence} is not an occurrence of item "${p.itemId}" (${p.list})`,
    zh: (p) => `${p.occurrence} 不是任务“${p.itemId}”的某一次（可选 ${p.list}）`,
  },
  itemNotRecurring: {
    en: (p) => `item "${p.itemId}" does not recur: leave occurrence out`,
    zh: (p) => `任务“${p.itemId}”不是例行任务：不要填写对应的次数`,
  },
  caseOrgId: { en: (p) => `must be the case's orgId "${p.orgId}"`, zh: (p) => `应为本档案的组织编码“${p.orgId}”` },
  duplicateItem: { en: (p) => `item id "${p.id}" appears twice`, zh: (p) => `任务编号“${p.id}”出现了两次` },
  duplicateProblem: { en: (p) => `problem "${p.id}" appears twice`, zh: (p) => `问题“${p.id}”出现了两次` },
  afterScreening: {
    en: (p) => `must be after the screening (assessed on ${p.assessedOn})`,
    zh: (p) => `应晚于排查日期（${p.assessedOn}）`,
  },
  notDecided: {
    en: () => `the list is not decided yet: record the county standing committee's decision (stage "decided") first`,
    zh: () => '整顿对象名单尚未确定：请先记录县委常委会研究确定名单（阶段“decided”）',
  },
  beforeDecided: { en: (p) => `must not be before the list was decided (${p.decided})`, zh: (p) => `不能早于名单确定日期（${p.decided}）` },
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
    zh: (p) => `“${stageZh(p.stage)}”不能在“${stageZh(p.last)}”之后（依次为初步提出、联审、研究确定）`,
  },
  beforePreviousListing: {
    en: (p) => `must not be before the previous listing entry (${p.stage}, ${p.on})`,
    zh: (p) => `不能早于上一个名单环节（${stageZh(p.stage)}，${p.on}）`,
  },
  notWeakLax: {
    en: (p) => `only a weak-lax result opens a case; this one is ${p.verdict}`,
    zh: (p) => `只有初步排查为软弱涣散的党组织才建立整顿档案；该结果为“${VERDICT_ZH[String(p.verdict)] ?? String(p.verdict)}”`,
  },
  startBefore: {
    en: (p) => `must not be before the assessment date ${p.assessedOn}, got ${p.start}`,
    zh: (p) => `不能早于排查日期 ${p.assessedOn}；填写的是 ${p.start}`,
  },
  noProblem: { en: (p) => `no problem "${p.id}" in the case (${p.list})`, zh: (p) => `本档案中没有问题“${p.id}”（现有：${p.list}）` },
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
  beforeTownshipGrade: { en: (p) => `must not be before the township grade (${p.on})`, zh: (p) => `不能早于乡镇（街道）评定等次的日期（${p.on}）` },
  beforeCountyGrade: { en: (p) => `must not be before the current county grade (${p.on})`, zh: (p) => `不能早于县委组织部已批复的日期（${p.on}）` },
  beforeGrade: { en: (p) => `must not be before the current grade (${p.on})`, zh: (p) => `不能早于已评定等次的日期（${p.on}）` },
  passNeeds70: { en: (p) => `the grade "pass" needs a score of 70 or more, got ${p.score}`, zh: (p) => `评定为合格需达到 70 分以上；分数为 ${p.score}` },
  overHalfDissatisfied: {
    en: (p) => `over half dissatisfied votes (${p.share}) is a fail outright, whatever the grade given (${p.grade})`,
    zh: (p) => `不满意票超过半数（${p.share}）的，直接评定为不合格，不能评定为${p.grade}`,
  },
  followUpOrg: {
    en: (p) => `must be the case's organisation "${p.orgId}", got "${p.got}"`,
    zh: (p) => `应为本档案的党组织“${p.orgId}”；填写的是“${p.got}”`,
  },
  followUpAfter: {
    en: (p) => `must be after the case's screening (${p.assessedOn}), got ${p.got}`,
    zh: (p) => `应晚于本档案的排查日期（${p.assessedOn}）；填写的是 ${p.got}`,
  },
  followUpAfterCurrent: { en: (p) => `must be after the current follow-up (${p.on})`, zh: (p) => `应晚于已记录的整顿后排查（${p.on}）` },
  alreadyDelisted: { en: (p) => `the sign was already taken off on ${p.on}`, zh: (p) => `已于 ${p.on} 摘牌` },
  cannotDelist: { en: (p) => `cannot take the sign off on ${p.on}: ${p.reason}`, zh: (p) => `${p.on} 尚不具备摘牌条件：${p.reason}` },
  lookBackNeedsDelisting: {
    en: () => 'the look-back follows the sign taken off, which is not recorded',
    zh: () => '“回头看”在摘牌之后开展，本档案尚未记录摘牌',
  },
  lookBackBefore: { en: (p) => `must not be before the sign was taken off (${p.on})`, zh: (p) => `不能早于摘牌日期（${p.on}）` },
  lookBackRecorded: { en: (p) => `the look-back was already recorded on ${p.on}`, zh: (p) => `已于 ${p.on} 记录“回头看”` },
  lang: { en: (p) => `must be "zh" or "en", got ${p.got}`, zh: (p) => `应为“zh”或“en”；填写的是 ${p.got}` },
  notIterable: {
    en: (p) => `${p.fn}: cases must be an iterable of rectification cases`,
    zh: (p) => `${p.fn}：应传入整顿档案的列表`,
  },
};

let current: Locale = 'en';

/** Runs `body` (synchronous) with the lifecycle's messages in `locale`. @internal */
export function inCaseLocale<T>(locale: unknown, body: () => T): T {
  const previous = current;
  current = locale === 'zh-CN' ? 'zh-CN' : 'en';
  try {
    return body();
  } finally {
    current = previous;
  }
}

/** The language of the lifecycle call in progress. @internal */
export function caseLocale(): Locale {
  return current;
}

/** The lifecycle message `key` in the language of the call in progress. @internal */
export function lm(key: string, params: Params = {}): string {
  return render(LIFECYCLE_MESSAGES, current, key, params);
}
