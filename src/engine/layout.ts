/**
 * Where each criterion's leaves sit in a ruleset's {@link LeafResults}: criterion after
 * criterion, each in rule order.
 *
 * @module
 */
import type { Ruleset } from '../ruleset.js';

/** Offsets of each criterion's first leaf, and the number of leaves in all. */
export interface LeafLayout {
  readonly offsets: readonly number[];
  readonly count: number;
}

const layouts = new WeakMap<Ruleset, LeafLayout>();

/** The leaf layout of a ruleset (cached). */
export function leafLayout(ruleset: Ruleset): LeafLayout {
  let layout = layouts.get(ruleset);
  if (!layout) {
    const offsets: number[] = [];
    let count = 0;
    for (const criterion of ruleset.criteria) {
      offsets.push(count);
      count += criterion.leaves.length;
    }
    layout = { offsets, count };
    layouts.set(ruleset, layout);
  }
  return layout;
}
