/**
 * Shapes of the lifecycle (contract revision 0.3, "Lifecycle"): a rectification case as plain
 * JSON that the host system stores, its status on a date, the monthly ledger (台账) and the
 * history across years.
 *
 * @module
 */
import type { ScreeningResult } from '../outcome.js';
import type { RectificationPlan } from '../plan/types.js';
import type { Bilingual } from '../ruleset.js';
import type { Region } from '../schema/assessment.js';
import type { DeadlineCheck } from './holidays.js';

/**
 * A step of the list's decision: 乡镇（街道）党（工）委初步提出 (`proposed`), 县委组织部会同有关部门联审
 * (`examined`), 县委常委会研究确定 (`decided`), or not listed after all (`not-listed`).
 */
export type ListingStage = 'proposed' | 'examined' | 'decided' | 'not-listed';

/** One step of the list's decision. */
export interface ListingEntry {
  /** Which step. */
  stage: ListingStage;
  /** Date, `YYYY-MM-DD`. */
  on: string;
  /** The body that took it, e.g. 某某镇党委, 某某县委组织部, 某某县委常委会. */
  by: string;
  /** A remark (the meeting, the document number). */
  note?: string;
}

/** The first secretary sent to the organisation (第一书记). */
export interface FirstSecretary {
  /** Name. */
  name: string;
  /** The sending unit (派出单位). */
  from: string;
  /** In residence since, `YYYY-MM-DD`. */
  since: string;
  /** In residence until, `YYYY-MM-DD`, when the term has ended or its end is fixed. */
  until?: string;
}

/** The "four ones" (四个一) assigned to a listed organisation. */
export interface Contacts {
  /** The county leader who links the organisation (县级领导联村). */
  countyLeader?: string;
  /** The township leader in charge (乡镇领导包村). */
  townshipLeader?: string;
  /** The first secretary in residence (第一书记驻村). */
  firstSecretary?: FirstSecretary;
  /** The paired unit at county level or above (机关单位结对). */
  pairedUnit?: string;
}

/** `started` or `done`. */
export type ProgressStatus = 'started' | 'done';

/** One progress entry of the ledger (append-only). */
export interface ProgressEntry {
  /** The checklist item. */
  itemId: string;
  /** For a recurring item: the occurrence (its due date) this entry answers. */
  occurrence?: string;
  /** Date the work was started or done, `YYYY-MM-DD`. */
  on: string;
  /** `started` or `done`. */
  status: ProgressStatus;
  /** What shows it (minutes, a photo of the disclosure board, a report). */
  evidence?: string;
  /** A remark. */
  note?: string;
}

/** A problem of the case: a met branch of a matched criterion, closed (销号) when rectified. */
export interface CaseProblem {
  /** The branch id, e.g. `C01.secretaryVacantMonths`. */
  id: string;
  /** Date the problem was closed (销号), `YYYY-MM-DD`. */
  closedOn?: string;
  /** What shows it rectified. */
  evidence?: string;
}

/** An acceptance grade: 合格 (pass), 基本合格 (basic pass), 不合格 (fail). */
export type Grade = '合格' | '基本合格' | '不合格';

/** The township (street) committee's grade (镇党委评定). */
export interface TownshipGrade {
  /** Date, `YYYY-MM-DD`. */
  on: string;
  /** The grade. */
  grade: Grade;
  /** The overall score, 0..100 (70 or more to pass). */
  score?: number;
  /** Share of dissatisfied votes in the democratic rating, 0..1 (over 0.5 fails outright). */
  dissatisfiedShare?: number;
}

/** The county organisation department's approval (县委组织部批复). */
export interface CountyGrade {
  /** Date, `YYYY-MM-DD`. */
  on: string;
  /** The grade. */
  grade: Grade;
}

/** The two-level acceptance (验收). */
export interface Acceptance {
  /** The township (street) committee's grade. */
  township?: TownshipGrade;
  /** The county organisation department's approval. */
  county?: CountyGrade;
}

/** An acceptance grade as `recordAcceptance` takes it, and as superseded grades are kept. */
export interface AcceptanceEntry {
  /** `township` (乡镇（街道）党（工）委评定) or `county` (县委组织部批复). */
  level: 'township' | 'county';
  /** Date, `YYYY-MM-DD`. */
  on: string;
  /** The grade. */
  grade: Grade;
  /** Township only: the overall score, 0..100. */
  score?: number;
  /** Township only: the share of dissatisfied votes, 0..1. */
  dissatisfiedShare?: number;
}

/** The sign taken off (摘牌). */
export interface Delisting {
  /** Date, `YYYY-MM-DD`. */
  on: string;
  /** The body that approved it, e.g. 某某县委组织部. */
  by: string;
}

/** The look-back review (回头看), after 摘牌. */
export interface LookBack {
  /** Date, `YYYY-MM-DD`. */
  on: string;
  /** `stable` (成果巩固) or `relapsed` (反弹回潮). */
  outcome: 'stable' | 'relapsed';
  /** A remark. */
  note?: string;
}

/**
 * A rectification case (整顿对象档案): one listed organisation from its screening to the
 * look-back, as plain JSON. The host system stores it; this library reads it (validating it),
 * and every `record…` function returns a new case.
 */
export interface RectificationCase {
  /** The organisation's id, as in the screening. */
  orgId: string;
  /** The organisation's name. */
  orgName: string;
  /** 村 (`village`) or 社区 (`community`). */
  kind: 'village' | 'community';
  /** Province, city, county, township, as in the screening. */
  region?: Region;
  /** The screening that opened the case. */
  screening: ScreeningResult;
  /** The list's decision, step by step, in date order. */
  listing: ListingEntry[];
  /** The "four ones" (四个一). */
  contacts?: Contacts;
  /** The rectification plan (整顿方案). */
  plan: RectificationPlan;
  /** Progress entries (台账), append-only. */
  progress: ProgressEntry[];
  /** The problems: each met branch of each matched criterion, closed one by one (销号). */
  problems: CaseProblem[];
  /** The latest follow-up screening, compared with the first by `review`. */
  followUp?: ScreeningResult;
  /** The current acceptance grades. */
  acceptance?: Acceptance;
  /** 摘牌. */
  delisting?: Delisting;
  /** 回头看. */
  lookBack?: LookBack;
  /** Grades superseded by a later grade (after 基本合格 or 不合格, the organisation is graded again), in the order recorded. */
  earlierAcceptances?: AcceptanceEntry[];
  /** Follow-up screenings superseded by a later one, in date order. */
  earlierFollowUps?: ScreeningResult[];
  /** The holiday check of the plan's deadlines when the case was opened. */
  deadlineCheck?: DeadlineCheck;
}

/**
 * Where a case stands on a date, the first that holds: `not-listed` (the last listing entry
 * is not-listed), `looked-back` (回头看 done), `delisted` (摘牌), `accepted` (the county has
 * graded), `rectifying` (decided, and any progress), `listed` (decided), `screened`.
 */
export type CaseStage = 'not-listed' | 'looked-back' | 'delisted' | 'accepted' | 'rectifying' | 'listed' | 'screened';

/** An item, or one occurrence of a recurring item, past its due date with no `done` entry. */
export interface OverdueItem {
  /** The checklist item. */
  itemId: string;
  /** For a recurring item: the occurrence. */
  occurrence?: string;
  /** Its due date. */
  due: string;
  /** Days from the due date to `asOf` (1 the day after). */
  daysOverdue: number;
}

/** What `caseStatus` returns. */
export interface CaseStatus {
  /** Where the case stands. */
  stage: CaseStage;
  /** Items done (a recurring item counts once per occurrence). */
  itemsDone: number;
  /** Items in the plan (a recurring item counts once per occurrence). */
  itemsTotal: number;
  /** Items and occurrences past due with no `done` entry, by due date (none once the case is closed). */
  overdue: OverdueItem[];
  /** Problems not closed (销号) on `asOf`, in case order. */
  openProblems: string[];
  /** The earliest due date on or after `asOf` of an item or occurrence not done (none once the case is closed). */
  nextDue?: string;
  /** Whether the conditions for 摘牌 hold on `asOf`. */
  canDelist: boolean;
  /** Every reason `canDelist` is false, in Chinese and English; `[]` when it is true. */
  reasons: Bilingual[];
}

/** The status of one ledger row. */
export type LedgerRowStatus = 'done' | 'started' | 'pending' | 'overdue' | 'closed';

/** One row of the ledger: one checklist item, or one occurrence of a recurring item, of one case. */
export interface LedgerRow {
  /** The organisation. */
  orgId: string;
  /** Its name. */
  orgName: string;
  /** Its region, as in the case. */
  region?: Region;
  /** The case's stage on `asOf`. */
  stage: CaseStage;
  /** The checklist item. */
  itemId: string;
  /** The criterion the item answers; `null` for the common steps. */
  criterionId: string | null;
  /** For a recurring item: the occurrence. */
  occurrence?: string;
  /** The measure (整改措施). */
  measure: Bilingual;
  /** The responsible body (责任单位). */
  role: Bilingual;
  /** The named person, when the plan has one. */
  responsible?: string;
  /** Due date (完成时限). */
  due: string;
  /**
   * `done` (a `done` entry on or before `asOf`), `overdue` (due before `asOf`, not done),
   * `started`, `pending` (not yet due, not started), or `closed` (not done, but the case is
   * closed: 摘牌 or not listed).
   */
  status: LedgerRowStatus;
  /** Date of the first `done` entry. */
  doneOn?: string;
  /** Days overdue; 0 unless `status` is `overdue`. */
  daysOverdue: number;
  /** The due date falls on a public holiday (`holiday`) or in a year the holiday schedule does not cover (`unchecked`). */
  calendar?: 'holiday' | 'unchecked';
  /** The holiday's name, when `calendar` is `holiday`. */
  holiday?: Bilingual;
  /** The original date, when `openCase` moved the deadline to a working day. */
  movedFrom?: string;
}

/** A problem not yet closed, with its name for people. */
export interface OpenProblem {
  /** The branch id, e.g. `C08.petitionBacklog`. */
  id: string;
  /** The criterion's title and what the branch measures: 社会治安问题和信访矛盾纠纷集中（信访积案件数）. */
  label: Bilingual;
}

/** One case in the ledger, with its status. */
export interface LedgerCase {
  /** The organisation. */
  orgId: string;
  /** Its name. */
  orgName: string;
  /** 村 or 社区. */
  kind: 'village' | 'community';
  /** Its region. */
  region?: Region;
  /** The year of its screening. */
  year: number;
  /** The status on `asOf`. */
  status: CaseStatus;
  /** Problems in the case, closed or not. */
  problems: number;
  /** The open problems with their names (the criterion and the condition). */
  openProblems: OpenProblem[];
}

/**
 * One township (乡镇、街道) in the ledger, named by province, city, county and township
 * (two towns named 城关镇 in different counties are two rows); a part the cases do not give is
 * absent.
 */
export interface TownshipSummary {
  /** Province (省). */
  province?: string;
  /** City (市、州). */
  city?: string;
  /** County or district (县、区). */
  county?: string;
  /** Township or street (乡镇、街道). */
  township?: string;
  /** Cases in the township. */
  cases: number;
  /** Cases by stage. */
  byStage: Record<CaseStage, number>;
  /** Items and occurrences in their plans. */
  itemsTotal: number;
  /** Items and occurrences done. */
  itemsDone: number;
  /** Items and occurrences overdue. */
  overdue: number;
  /** Problems not closed. */
  openProblems: number;
  /** Cases delisted (摘牌, including those looked back). */
  delisted: number;
}

/** What `ledger` returns (JSON-serialisable; its texts are the cases' own). */
export interface Ledger {
  /** The date of the ledger. */
  asOf: string;
  /** One row per item or occurrence, by township, then organisation, then plan order. */
  rows: LedgerRow[];
  /** One row per township, sorted by province, city, county, township. */
  townships: TownshipSummary[];
  /** One entry per case, in the order of `rows`. */
  cases: LedgerCase[];
}

/** One organisation across years, as `history` returns it. */
export interface HistoryEntry {
  /** The organisation. */
  orgId: string;
  /** The years (of the screening) of the cases in which it was listed (decided), ascending. */
  years: number[];
  /** Listed (decided) again after a case that ended in 摘牌 (反复). */
  relapsed: boolean;
  /** Listed in consecutive years without 摘牌 between them. */
  persistent: boolean;
}
