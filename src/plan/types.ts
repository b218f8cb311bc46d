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
  id: string;
  title: Bilingual;
  start: string;
  end: string;
}

/** One task of a rectification checklist. */
export interface ChecklistItem {
  id: string;
  /** The criterion the measure addresses; `null` for the steps every plan has. */
  criterionId: string | null;
  measure: Bilingual;
  goal: Bilingual;
  /** Id of the timeline phase the task belongs to. */
  phase: string;
  /** Deadline, `YYYY-MM-DD`. */
  due: string;
  /** Responsible body: 镇党委 for a village, 街道党工委 for a community. */
  role: Bilingual;
  /** A named person, filled in by the user. */
  responsible?: string;
  /** What shows the task done (minutes, disclosure-board photo, audit report). */
  evidence: Bilingual;
  source: string;
  /** Dated recurrences inside the plan window (e.g. quarterly finance disclosure). */
  occurrences?: string[];
}

/** A rectification plan (整顿方案) for one organisation. */
export interface RectificationPlan {
  orgId: string;
  template: PlanTemplate;
  start: string;
  end: string;
  timeline: TimelinePhase[];
  checklist: ChecklistItem[];
}
