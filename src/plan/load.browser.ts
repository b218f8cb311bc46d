/**
 * The browser build's stand-in for `load.ts`: the plan module, with its measures catalogue
 * (most of the bytes of a plan), is imported on first need, so a bundler puts it in a chunk
 * of its own that a page which only screens never fetches until a result is weak-lax.
 * `screen` and `screenMany` await {@link loadPlanner} before they hand out a weak-lax result;
 * the plan itself is still built when it is first read, as in Node.
 *
 * @module
 */
import type { Planner } from './load.js';

let planner: Planner | undefined;
let loading: Promise<Planner> | undefined;

/** The planner if it is loaded. */
export function loadedPlanner(): Planner | undefined {
  return planner;
}

/** Loads the planner once; later calls share the first load. */
export function loadPlanner(): Promise<Planner> {
  loading ??= import('./plan.js').then((module) => (planner = module.planForResult));
  return loading;
}
