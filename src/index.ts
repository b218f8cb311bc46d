/**
 * weak-lax-screener: screen grassroots Party organisations (村 and 社区) against the
 * criteria for 软弱涣散 ("weak and lax") organisations, explain every answer, and plan and
 * review their rectification (整顿).
 *
 * Every public name is exported here, explicitly.
 *
 * @packageDocumentation
 */
export { screen, type ScreenOptions } from './screen.js';
export {
  screenMany,
  screenManyCompact,
  type BatchEntry,
  type CompactEntry,
  type CompactResult,
  type InvalidEntry,
} from './batch/many.js';
export {
  summarize,
  mergeSummaries,
  type CriterionCount,
  type RegionCount,
  type RelapseMark,
  type ScreeningSummary,
  type SummarizeOptions,
  type VerdictCounts,
} from './batch/summary.js';
export { selectTargets, type SelectedTarget, type SelectTargetsOptions } from './batch/targets.js';
export { describeEvidence, describeWarningLine, evidenceStatus, fieldLabel, problemsOf, warningsOf } from './describe.js';
export {
  type BranchResult,
  type CriterionResult,
  type Evidence,
  type EvidenceValue,
  type Outcome,
  type ScreeningResult,
  type Verdict,
} from './outcome.js';
export {
  assessmentSchema,
  type AffairsIndicators,
  type Assessment,
  type ConductIndicators,
  type EconomyIndicators,
  type ElectionIndicators,
  type ExtraValue,
  type Leadership,
  type MembershipIndicators,
  type Organisation,
  type OrganisationLife,
  type Region,
  type SafetyIndicators,
  type SecretaryIndicators,
  type ServiceIndicators,
  type UnityIndicators,
  type VenueIndicators,
} from './schema/assessment.js';
export { assessmentJsonSchema } from './schema/json-schema.js';
export {
  FIELDS as assessmentFields,
  GROUPS as fieldGroups,
  type FieldPeriod,
  type FieldSpec,
  type FieldText,
  type FieldType,
  type GroupSpec,
} from './schema/fields.js';
export {
  rulesets,
  defaultRuleset,
  defaultThresholds,
  loadRuleset,
  type BuiltInRulesets,
  type LoadRulesetOptions,
  type RulesetObjects,
} from './rulesets.js';
export {
  isRuleset,
  type Bilingual,
  type Criterion,
  type RuleEvent,
  type ExtraFactType,
  type Ruleset,
  type ThresholdSpec,
  type Thresholds,
} from './ruleset.js';
export type { ConditionJson, CriterionFile, RulesetFile, Operator } from './schema/ruleset.js';
export type { Locale } from './schema/messages.js';
export type { ChecklistItem, PlanProblem, PlanTemplate, RectificationPlan, TimelinePhase } from './plan/types.js';
export { planRectification, type PlanOptions } from './plan/plan.js';
export { renderPlan, type RenderOptions } from './plan/render.js';
export { review, type CriterionReview, type ReviewOptions, type ReviewResult, type ReviewStatus } from './review.js';
export {
  openCase,
  recordListing,
  recordProgress,
  closeProblem,
  recordAcceptance,
  recordFollowUp,
  recordDelisting,
  recordLookBack,
  type OpenCaseOptions,
} from './lifecycle/case.js';
export { readCase } from './lifecycle/schema.js';
export type { LifecycleOptions } from './lifecycle/messages.js';
export { caseStatus } from './lifecycle/status.js';
export { ledger } from './lifecycle/ledger.js';
export { renderLedger, type RenderLedgerOptions } from './lifecycle/render.js';
export { history } from './lifecycle/history.js';
export {
  checkDeadlines,
  holidayCalendar,
  type CheckedDeadlines,
  type DeadlineCheck,
  type DeadlineNote,
  type DeadlineOptions,
  type HolidayCalendar,
} from './lifecycle/holidays.js';
export type {
  Acceptance,
  AcceptanceEntry,
  CaseProblem,
  CaseStage,
  CaseStatus,
  Contacts,
  CountyGrade,
  Delisting,
  FirstSecretary,
  Grade,
  HistoryEntry,
  Ledger,
  LedgerCase,
  LedgerRow,
  LedgerRowStatus,
  ListingEntry,
  ListingStage,
  LookBack,
  OpenProblem,
  OverdueItem,
  ProgressEntry,
  ProgressStatus,
  RectificationCase,
  TownshipGrade,
  TownshipSummary,
} from './lifecycle/types.js';
export {
  AssessmentError,
  CaseError,
  OptionsError,
  ReviewError,
  RulesetError,
  ScreenerError,
  isAssessmentError,
  isCaseError,
  isOptionsError,
  isReviewError,
  isRulesetError,
  isScreenerError,
  type ErrorCode,
  type Issue,
} from './errors.js';
