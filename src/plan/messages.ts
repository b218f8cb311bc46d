/**
 * The messages of `planRectification`, `renderPlan` and `review` about bad arguments, in
 * English and Chinese (the tables of `schema/messages.ts` hold the rest). Kept apart so that a
 * page that only screens does not carry them.
 *
 * @module
 */
import type { MessageTable } from '../schema/messages.js';

/** The messages of `planRectification` and `renderPlan`. */
export const PLAN_MESSAGES: MessageTable = {
  resultNotScreening: {
    en: () => 'planRectification: result must be a screening result',
    zh: () => 'planRectification：result 应为排查结果（请传入 screen() 的结果）',
  },
  resultOrgId: {
    en: () => 'planRectification: result.orgId must be a non-empty string (pass a result of screen())',
    zh: () => 'planRectification：result.orgId 应为非空文本（请传入 screen() 的结果）',
  },
  resultKind: {
    en: () => 'planRectification: result.kind must be "village" or "community" (pass a result of screen())',
    zh: () => 'planRectification：result.kind 应为“village”（村）或“community”（社区）（请传入 screen() 的结果）',
  },
  resultAssessedOn: {
    en: () => 'planRectification: result.assessedOn must be a YYYY-MM-DD date (pass a result of screen())',
    zh: () => 'planRectification：result.assessedOn（排查日期）应为 YYYY-MM-DD 格式的日期（请传入 screen() 的结果）',
  },
  resultMatched: {
    en: () => 'planRectification: result.matched must be an array of criterion ids (pass a result of screen())',
    zh: () => 'planRectification：result.matched 应为由标准编号组成的列表（请传入 screen() 的结果）',
  },
  resultCriteria: {
    en: () => 'planRectification: result.criteria must be an array (pass a result of screen())',
    zh: () => 'planRectification：result.criteria 应为列表（请传入 screen() 的结果）',
  },
  unknownKey: {
    en: () => 'unknown key',
    zh: () => '无法识别的选项名称',
  },
  startNotDate: {
    en: (p) => `must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(p.start)}`,
    zh: (p) => `开始日期应为真实存在的日期，格式为 YYYY-MM-DD；填写的是 ${JSON.stringify(p.start)}`,
  },
  startEarly: {
    en: (p) => `must not be before the assessment date ${String(p.assessedOn)}, got ${String(p.start)}`,
    zh: (p) => `整顿方案的开始日期（${String(p.start)}）不能早于排查日期（${String(p.assessedOn)}）`,
  },
  lang: {
    en: (p) => `must be "zh" or "en", got ${JSON.stringify(p.lang)}`,
    zh: (p) => `文档语言应为“zh”（中文）或“en”（英文）；填写的是 ${JSON.stringify(p.lang)}`,
  },
  planNotPlan: {
    en: () => 'renderPlan: plan must be a rectification plan',
    zh: () => 'renderPlan：plan 应为整顿方案（请传入 planRectification() 的结果）',
  },
  planField: {
    en: (p) => `renderPlan: plan.${String(p.field)} is missing or malformed (pass a result of planRectification())`,
    zh: (p) => `renderPlan：plan.${String(p.field)} 缺失或有误（请传入 planRectification() 的结果）`,
  },
};

/** The messages of `review`. */
export const REVIEW_MESSAGES: MessageTable = {
  notResult: {
    en: (p) => `${String(p.name)}: not a screening result (pass a result of screen())`,
    zh: (p) => `${String(p.name)}：不是排查结果（请传入 screen() 的结果）`,
  },
  orgId: {
    en: (p) => `${String(p.name)}: orgId must be a string (pass a result of screen())`,
    zh: (p) => `${String(p.name)}：orgId 应为文本（请传入 screen() 的结果）`,
  },
  assessedOn: {
    en: (p) => `${String(p.name)}: assessedOn must be a YYYY-MM-DD date (pass a result of screen())`,
    zh: (p) => `${String(p.name)}：排查日期 assessedOn 应为 YYYY-MM-DD 格式的日期（请传入 screen() 的结果）`,
  },
  ruleset: {
    en: (p) => `${String(p.name)}: ruleset must give id, version and thresholds (pass a result of screen())`,
    zh: (p) => `${String(p.name)}：ruleset 应写明 id、version 和 thresholds（请传入 screen() 的结果）`,
  },
  verdict: {
    en: (p) => `${String(p.name)}: verdict is missing (pass a result of screen())`,
    zh: (p) => `${String(p.name)}：缺少排查结论 verdict（请传入 screen() 的结果）`,
  },
  criteria: {
    en: (p) => `${String(p.name)}: criteria must list each criterion with its id and outcome (pass a result of screen())`,
    zh: (p) => `${String(p.name)}：criteria 应逐项列出标准的编号和认定结果（请传入 screen() 的结果）`,
  },
  differentOrganisations: {
    en: (p) => `different organisations: before is ${String(p.before)}, after is ${String(p.after)}`,
    zh: (p) => `不是同一个党组织：前一次为 ${String(p.before)}，后一次为 ${String(p.after)}`,
  },
  differentRulesets: {
    en: (p) => `different rulesets: before ${String(p.before)}, after ${String(p.after)}`,
    zh: (p) => `所用规则集不同：前一次为 ${String(p.before)}，后一次为 ${String(p.after)}`,
  },
  differentThresholds: {
    en: (p) => `different thresholds: ${String(p.name)}: ${String(p.before ?? '(none)')} before, ${String(p.after ?? '(none)')} after`,
    zh: (p) => `所用阈值不同：${String(p.name)} 前一次为 ${String(p.before ?? '（无）')}，后一次为 ${String(p.after ?? '（无）')}`,
  },
  notLater: {
    en: (p) => `after.assessedOn (${String(p.after)}) must be later than before.assessedOn (${String(p.before)})`,
    zh: (p) => `后一次的排查日期（${String(p.after)}）应晚于前一次（${String(p.before)}）`,
  },
  differentCriteria: {
    en: () => 'the two results list different criteria',
    zh: () => '两次结果所列的标准不同',
  },
};

/** The messages of the plan catalogue (`rules/plans/`): measures and templates. */
export const CATALOGUE_MESSAGES: MessageTable = {
  measureCommonStep: {
    en: () => 'a common step (criterionId null) answers no branch: must be []',
    zh: () => '通用步骤（criterionId 为 null）不对应任何分支：应为 []',
  },
  measureNotCriterion: {
    en: (p) => `"${String(p.criterionId)}" is not a criterion of the built-in rulesets`,
    zh: (p) => `“${String(p.criterionId)}”不是内置规则集中的标准`,
  },
  measureNoAddress: {
    en: (p) => `must name the branches of ${String(p.criterionId)} it answers, or ["${String(p.criterionId)}"] for a criterion-wide measure`,
    zh: (p) => `应列出所针对的 ${String(p.criterionId)} 各分支；针对整项标准的措施写 ["${String(p.criterionId)}"]`,
  },
  measureBranchTwice: {
    en: () => 'names a branch twice',
    zh: () => '同一分支列了两次',
  },
  measureWideAlone: {
    en: (p) => `a criterion-wide measure says ["${String(p.criterionId)}"] alone`,
    zh: (p) => `针对整项标准的措施只写 ["${String(p.criterionId)}"]，不能再列分支`,
  },
  measureOtherBranch: {
    en: (p) => `"${String(p.address)}" is not a branch of ${String(p.criterionId)}`,
    zh: (p) => `“${String(p.address)}”不是 ${String(p.criterionId)} 的分支`,
  },
  measureUnknownBranch: {
    en: (p) => `"${String(p.address)}" is not a known branch id`,
    zh: (p) => `“${String(p.address)}”不是已知的分支编号`,
  },
  unknownPlaceholder: {
    en: (p) => `unknown placeholder ${String(p.placeholder)} (known: ${String(p.known)})`,
    zh: (p) => `未知占位符 ${String(p.placeholder)}（可用：${String(p.known)}）`,
  },
  duplicatePhase: {
    en: (p) => `duplicate phase id "${String(p.id)}"`,
    zh: (p) => `阶段编号“${String(p.id)}”重复`,
  },
  phaseBackwards: {
    en: (p) => `phase "${String(p.id)}" ends before it starts`,
    zh: (p) => `阶段“${String(p.id)}”的结束早于开始`,
  },
  noSuchPhase: {
    en: (p) => `no phase "${String(p.phase)}" in template ${String(p.template)}`,
    zh: (p) => `模板 ${String(p.template)} 中没有阶段“${String(p.phase)}”`,
  },
  duplicateMeasure: {
    en: (p) => `duplicate measure id "${String(p.id)}"`,
    zh: (p) => `措施编号“${String(p.id)}”重复`,
  },
};
