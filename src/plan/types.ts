/**
 * Shapes of rectification plans (fixed by the public contract).
 *
 * @module
 */
import type { Bilingual } from '../ruleset.js';

/** A rectification template: `intensive` (seed plan 1) or `annual` (seed plan 2). */
export type PlanTemplate = 'intensive' | 'annual';

/** One phase of a plan's timeline; dates are inclusive. */
export interface TimelinePhase {
  /** Stable phase id, e.g. `organise`, `investigate`, `rectify`. */
  id: string;
  /** Phase title in the seed's words, with its English. */
  title: Bilingual;
  /** First day, `YYYY-MM-DD`, inclusive. */
  start: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  end: string;
}

/** One task of a rectification checklist. */
export interface ChecklistItem {
  /** Stable item id, e.g. `C07-finance-disclosure` or `common-leading-group`. */
  id: string;
  /** The criterion the measure addresses; `null` for the steps every plan has. */
  criterionId: string | null;
  /**
   * The conditions the item answers in this plan (revision 0.2): met branch ids of its
   * criterion (`C01.secretaryVacantMonths`), or the criterion id for a criterion-wide measure
   * (`C04`); `[]` for the common steps.
   */
  addresses: string[];
  /** The measure (整改措施) to carry out. */
  measure: Bilingual;
  /** The goal (目标) the measure should reach. */
  goal: Bilingual;
  /** Id of the timeline phase the task belongs to. */
  phase: string;
  /** Deadline, `YYYY-MM-DD`: the end of its phase; for recurring work its last occurrence. */
  due: string;
  /**
   * The responsible organ, by its kind (never the place's name): the township organ read from
   * `org.region.township` (乡党委, 镇党委, 苏木党委, 街道党工委, or 乡镇（街道）党（工）委 when it cannot
   * be told), 县委组织部 for county-level steps, 纪检监察机关 for discipline cases, 村党组织 or
   * 社区党组织 for the organisation's own meetings and disclosures.
   */
  role: Bilingual;
  /** A named person, filled in by the user. */
  responsible?: string;
  /** What shows the task done (minutes, disclosure-board photo, audit report). */
  evidence: Bilingual;
  /** Where the measure comes from (seed plan 1, seed plan 2, domain notes S#). */
  source: string;
  /** Dated recurrences inside the plan window (e.g. quarterly finance disclosure); `due` is the last. */
  occurrences?: string[];
}

/** A problem the plan addresses: a matched criterion and its title. */
export interface PlanProblem {
  /** Id of the matched criterion. */
  criterionId: string;
  /** The criterion's title. */
  title: Bilingual;
}

/** A rectification plan (整顿方案) for one organisation. */
export interface RectificationPlan {
  /** The organisation's id, copied from the result. */
  orgId: string;
  /** The template the timeline follows. */
  template: PlanTemplate;
  /**
   * First day of the plan (the first phase's start): the requested start for `intensive`; for
   * `annual` the first day of its month when it is the 1st, otherwise the first day of the next month.
   */
  start: string;
  /** Last day of the plan (the last phase's end). */
  end: string;
  /** The phases, in order, with inclusive dates. */
  timeline: TimelinePhase[];
  /** The common steps, then the measures for each matched criterion. */
  checklist: ChecklistItem[];
  /** The organisation's name, copied from the result (used by `renderPlan`). */
  orgName?: string;
  /** 村 or 社区, copied from the result. */
  kind?: 'village' | 'community';
  /** The township (street) organ that leads the rectification, read from `org.region.township` (used by `renderPlan`). */
  townshipOrgan?: Bilingual;
  /** The matched criteria the plan addresses, in ruleset order, with their titles (used by `renderPlan`). */
  problems?: PlanProblem[];
}
