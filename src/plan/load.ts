/**
 * How `screen` and `screenMany` reach the plan of a weak-lax result. Here the plan module is
 * imported statically, so the planner is always loaded. The browser build (tsup.config.ts)
 * puts `load.browser.ts` in this module's place: there the plan module and its measures
 * catalogue are a separate chunk, fetched when the first weak-lax result needs a plan, so
 * that a page that screens does not download them before then.
 *
 * @module
 */
import { planForResult } from './plan.js';

/** The function that makes the plan a weak-lax result carries. */
export type Planner = typeof planForResult;

/** The planner if it is loaded (always, in this build). */
export function loadedPlanner(): Planner | undefined {
  return planForResult;
}

/** Loads the planner (at once, in this build). */
export function loadPlanner(): Promise<Planner> {
  return Promise.resolve(planForResult);
}
