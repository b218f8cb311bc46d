/**
 * The compiled evaluator's fact reader as generated code, made from the same read plan as the
 * interpreted reader in `facts.ts`: one statement per fact, each with its group and key written
 * in, so that V8 sees constant keys and one object shape per load instead of one shared keyed
 * load over every group of every record (about twice as fast, bench/RESULTS.md). Derived facts
 * call the one definition of each (`DERIVED_FACTS`); nothing here computes a fact itself.
 *
 * Where code cannot be made from strings (a Content Security Policy without `unsafe-eval`,
 * Node's `--disallow-code-generation-from-strings`), {@link generateVectorReader} returns
 * `undefined` and `facts.ts` reads with its interpreted reader. The browser build does not
 * carry this module (`facts-code.browser.ts`).
 *
 * @module
 */
/** A derived fact as the generated code calls it (`DerivedFact` in facts.ts). */
export interface ComputedFact {
  readonly whenNull: unknown;
  compute(date: string, assessedOn: string): unknown;
}

/** The facts a reader reads from one input group, and the slot each goes into. */
export interface GroupReads {
  readonly group: string;
  readonly reads: ReadonlyArray<{ readonly slot: number; readonly key: string; readonly derived: ComputedFact | undefined }>;
}

/** A generated reader: an assessment's facts as a vector, one slot per fact. */
export type GeneratedReader = (assessment: object) => unknown[];

const literal = (text: string): string => JSON.stringify(text);

/**
 * A read of property `key` of `object`, as an expression. The reader is made and used only
 * while `Object.prototype` has none of the names facts are read under (`prototypeClean` in
 * facts.ts), so a plain read is an own read; an extra fact (named by the ruleset, and perhaps
 * `constructor` or `toString`) is always read as an own property.
 */
function ownRead(object: string, key: string, always: boolean): string {
  return always ? `(Object.hasOwn(${object}, ${literal(key)}) ? ${object}[${literal(key)}] : undefined)` : `${object}[${literal(key)}]`;
}

/** The source of a reader of `plan` into a vector of `length` slots. */
export function vectorReaderSource(plan: readonly GroupReads[], length: number): { source: string; derived: ComputedFact[] } {
  const derived: ComputedFact[] = [];
  const lines: string[] = [];
  for (const { group, reads } of plan) {
    // Extra facts are named by the ruleset: read as own properties, whatever their names.
    const extra = group === 'extra';
    lines.push(`g = ${ownRead('a', group, false)};`, 'if (g !== undefined) {');
    for (const { slot, key, derived: fact } of reads) {
      const read = ownRead('g', key, extra);
      if (fact === undefined) {
        lines.push(`  v[${slot}] = ${read};`);
        continue;
      }
      const d = `D[${derived.push(fact) - 1}]`;
      lines.push(`  x = ${read};`, `  v[${slot}] = x === undefined ? undefined : x === null ? ${d}.whenNull : ${d}.compute(x, a.assessedOn);`);
    }
    lines.push('}');
  }
  const source = `"use strict";
return function extract(a) {
  const v = [${Array.from({ length }, () => 'undefined').join(', ')}];
  let g, x;
  ${lines.join('\n  ')}
  return v;
};`;
  return { source, derived };
}

/** The generated reader of `plan`, or `undefined` where code cannot be made from strings. */
export function generateVectorReader(plan: readonly GroupReads[], length: number): GeneratedReader | undefined {
  const { source, derived } = vectorReaderSource(plan, length);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return (new Function('D', source) as (derived: ComputedFact[]) => GeneratedReader)(derived);
  } catch {
    return undefined;
  }
}
