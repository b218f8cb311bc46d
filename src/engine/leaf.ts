import type { FactValue } from '../facts.js';

/** What an evaluator reports for one leaf condition. */
export interface LeafResult {
  /** The fact's value; `undefined` when absent. */
  actual: FactValue;
  /** The value compared against (a threshold, a literal or another fact's value); `undefined` when that fact is absent. */
  expected: FactValue | FactValue[];
  /** The operator's two-valued answer (json-rules-engine's `result`). */
  result: boolean;
}
