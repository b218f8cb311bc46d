/**
 * The compiled evaluator: the same criterion trees as the reference path, turned once per
 * (ruleset, effective thresholds) into straight-line JavaScript, so that a batch pays for
 * json-rules-engine's generality (an Engine, an almanac, promises per condition) only once.
 *
 * Two modes build from one plan:
 * - `codegen`: source text compiled with `new Function` (the fast path);
 * - `closures`: plain closures over the plan, chosen automatically where code generation
 *   from strings is forbidden (a CSP without `unsafe-eval`, `node
 *   --disallow-code-generation-from-strings`).
 *
 * Facts travel as a {@link FactVector}: one array slot per fact the ruleset reads, filled
 * straight from a validated assessment by `extract` (no dotted-key object per record).
 * `core` gives outcomes, near flags and the score without allocating; `explain` gives the
 * full {@link CriterionResult}s (evidence, missing inputs) only when a result is wanted.
 * The differential tests hold both modes to the reference path field by field.
 *
 * @module
 */
import { buildFacts, inputAbsent, inputPathOf, monthsSince, type Facts, type FactValue } from '../facts.js';
import { GROUP_FIELDS, type Assessment } from '../schema/assessment.js';
import { explainCriterion, type CriterionResult, type Outcome } from '../outcome.js';
import type { Criterion, EffectiveThresholds, Ruleset } from '../ruleset.js';
import { applyOperator, type CondNode, type LeafSpec } from './conditions.js';
import type { LeafResult } from './leaf.js';
import { daysInMonth } from '../internals/dates.js';

/** Fact values in slot order ({@link CompiledRuleset.factNames}); `undefined` = unknown. */
export type FactVector = FactValue[];

/** Per-criterion codes written by {@link CompiledRuleset.core}. */
export const CODE = {
  notMatched: 0,
  /** Not matched and near (预警). */
  near: 1,
  matched: 2,
  insufficient: 3,
} as const;

/** How a compiled ruleset runs. */
export type CompileMode = 'codegen' | 'closures';

/** A ruleset compiled against one set of effective thresholds. */
export interface CompiledRuleset {
  readonly mode: CompileMode;
  readonly ruleset: Ruleset;
  /** Dotted fact name of each slot of a {@link FactVector}. */
  readonly factNames: readonly string[];
  /** Reads the facts the ruleset needs from a validated assessment (derived months included). */
  extract(assessment: Assessment): FactVector;
  /** The same vector from dotted facts (`buildFacts`), for callers that already have them. */
  fromFacts(facts: Facts): FactVector;
  /**
   * The hot path: writes one {@link CODE} per criterion (ruleset order) into `codes` and
   * returns the score. Allocates nothing.
   */
  core(facts: FactVector, codes: Uint8Array): number;
  /** Every criterion explained (outcome, near, evidence, missing), as `screen` reports it. */
  explain(facts: FactVector, assessment: Assessment): CriterionResult[];
  /** Leaf results per criterion, in the reference evaluator's shape (for differential tests). */
  leafResults(facts: FactVector): LeafResult[][];
}

/** The verdict from criterion codes and score: the same order as `verdictOf`. */
export function verdictOfCodes(codes: Uint8Array, count: number, score: number, atRiskScore: number): 'weak-lax' | 'undetermined' | 'at-risk' | 'sound' {
  let insufficient = false;
  for (let i = 0; i < count; i++) {
    const code = codes[i];
    if (code === CODE.matched) return 'weak-lax';
    if (code === CODE.insufficient) insufficient = true;
  }
  if (insufficient) return 'undetermined';
  return score >= atRiskScore ? 'at-risk' : 'sound';
}

let codegenProbe: boolean | undefined;

/** True when `new Function` works here (false under a CSP or `--disallow-code-generation-from-strings`). */
export function codegenAllowed(): boolean {
  if (codegenProbe === undefined) {
    try {
      codegenProbe = new Function('return 1')() === 1;
    } catch {
      codegenProbe = false;
    }
  }
  return codegenProbe;
}

// ---------------------------------------------------------------------------------------
// The plan: slots, resolved comparison values and warning lines, shared by both modes.

type Operand = { kind: 'const'; value: FactValue | FactValue[] } | { kind: 'slot'; slot: number };

interface LeafPlan {
  spec: LeafSpec;
  slot: number;
  operand: Operand;
  /** Warning line (after clamping) of a threshold leaf that has one. */
  warningLine: number | undefined;
  factPath: string;
  /** Input path of a compared field (`value: { fact }`), for `missing`. */
  operandPath: string | undefined;
}

interface CriterionPlan {
  criterion: Criterion;
  leaves: LeafPlan[];
}

interface Plan {
  factNames: string[];
  criteria: CriterionPlan[];
}

function makePlan(ruleset: Ruleset, thresholds: EffectiveThresholds): Plan {
  const factNames: string[] = [];
  const slotOf = (fact: string): number => {
    let slot = factNames.indexOf(fact);
    if (slot < 0) slot = factNames.push(fact) - 1;
    return slot;
  };
  const criteria = ruleset.criteria.map((criterion) => ({
    criterion,
    leaves: criterion.leaves.map((spec): LeafPlan => {
      const slot = slotOf(spec.fact);
      let operand: Operand;
      let warningLine: number | undefined;
      let operandPath: string | undefined;
      if (spec.value.kind === 'literal') {
        operand = { kind: 'const', value: spec.value.value };
      } else if (spec.value.kind === 'fact') {
        operand = { kind: 'slot', slot: slotOf(spec.value.fact) };
        operandPath = inputPathOf(spec.value.fact);
      } else {
        operand = { kind: 'const', value: thresholds.values[criterion.id]?.[spec.value.name] };
        warningLine = thresholds.warningLines[criterion.id]?.[spec.value.name];
      }
      return { spec, slot, operand, warningLine, factPath: inputPathOf(spec.fact), operandPath };
    }),
  }));
  return { factNames, criteria };
}

/** How to read one fact from a validated assessment. */
type FactSource =
  | { kind: 'org'; field: 'kind' | 'level' }
  | { kind: 'field'; group: string; field: string }
  | { kind: 'months'; group: string; field: string; whenNull: number | undefined }
  | { kind: 'extra'; name: string }
  | { kind: 'facts'; name: string };

// The derived facts of facts.ts, read straight from the input. Any other fact falls back to
// buildFacts, and a test holds extract() to buildFacts on random assessments.
const MONTHS: Readonly<Record<string, { group: string; field: string; whenNull: number | undefined }>> = {
  'leadership.secretaryVacantMonths': { group: 'leadership', field: 'secretaryVacantSince', whenNull: 0 },
  'organisationLife.monthsSinceElection': { group: 'organisationLife', field: 'lastElectionOn', whenNull: undefined },
  'membership.monthsSinceCandidate': { group: 'membership', field: 'lastCandidateOn', whenNull: undefined },
};

function sourceOf(fact: string): FactSource {
  if (fact === 'org.kind' || fact === 'org.level') return { kind: 'org', field: fact.slice(4) as 'kind' | 'level' };
  const months = MONTHS[fact];
  if (months) return { kind: 'months', ...months };
  const dot = fact.indexOf('.');
  const group = fact.slice(0, dot);
  const field = fact.slice(dot + 1);
  if (group === 'extra') return { kind: 'extra', name: field };
  if (Object.hasOwn(GROUP_FIELDS, group) && GROUP_FIELDS[group]!.includes(field)) return { kind: 'field', group, field };
  return { kind: 'facts', name: fact };
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

/**
 * `monthsSince` of facts.ts without the regex and Date objects (the dates are valid
 * `YYYY-MM-DD` here). Anything unusual goes to `monthsSince` itself, so behaviour is the same.
 */
function monthsFast(date: unknown, assessedOn: string, whenNull: number | undefined): FactValue {
  if (date === undefined) return undefined;
  if (date === null) return whenNull;
  const from = date as string;
  const y1 = digits(from, 0, 4);
  const y2 = digits(assessedOn, 0, 4);
  if (from.length !== 10 || assessedOn.length !== 10) return monthsSince(from, assessedOn, whenNull);
  if (from >= assessedOn) return 0;
  const m1 = digits(from, 5, 7);
  const m2 = digits(assessedOn, 5, 7);
  let months = (y2 - y1) * 12 + (m2 - m1);
  const monthEnd = daysInMonth(y2, m2);
  const d1 = digits(from, 8, 10);
  if ((d1 < monthEnd ? d1 : monthEnd) > digits(assessedOn, 8, 10)) months -= 1;
  return months;
}

// ---------------------------------------------------------------------------------------
// Three-valued logic on small integers: 1 met, 0 not met, 2 unknown.

const MET = 1;
const NOT_MET = 0;
const UNKNOWN = 2;
type Tri = 0 | 1 | 2;

function isNumeric(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

// ---------------------------------------------------------------------------------------
// Closure mode: an interpreter over the plan. Also the shape the generated code follows.

function leafTri(leaf: LeafPlan, facts: FactVector): Tri {
  const actual = facts[leaf.slot];
  if (actual === undefined) return UNKNOWN;
  let expected: unknown;
  if (leaf.operand.kind === 'slot') {
    expected = facts[leaf.operand.slot];
    if (expected === undefined) return UNKNOWN;
  } else {
    expected = leaf.operand.value;
  }
  return applyOperator(leaf.spec.operator, actual, expected) ? MET : NOT_MET;
}

function combineTri(node: CondNode, met: ArrayLike<number>, override: number, forced: Tri): Tri {
  switch (node.kind) {
    case 'leaf':
      return node.leaf.index === override ? forced : (met[node.leaf.index] as Tri);
    case 'not': {
      const value = combineTri(node.child, met, override, forced);
      return value === UNKNOWN ? UNKNOWN : value === MET ? NOT_MET : MET;
    }
    case 'any': {
      let result: Tri = NOT_MET;
      for (const child of node.children) {
        const value = combineTri(child, met, override, forced);
        if (value === MET) return MET;
        if (value === UNKNOWN) result = UNKNOWN;
      }
      return result;
    }
    case 'all': {
      let result: Tri = MET;
      for (const child of node.children) {
        const value = combineTri(child, met, override, forced);
        if (value === NOT_MET) return NOT_MET;
        if (value === UNKNOWN) result = UNKNOWN;
      }
      return result;
    }
  }
}

function buildClosures(plan: Plan): Pick<CompiledRuleset, 'core'> {
  const maxLeaves = Math.max(0, ...plan.criteria.map((c) => c.leaves.length));
  const met = new Uint8Array(maxLeaves);
  const parts = plan.criteria.map(({ criterion, leaves }) => ({
    tree: criterion.tree,
    leaves,
    weight: criterion.weight,
    half: criterion.weight * 0.5,
  }));
  return {
    core(facts, codes) {
      let score = 0;
      for (let c = 0; c < parts.length; c++) {
        const { tree, leaves, weight, half } = parts[c]!;
        for (let i = 0; i < leaves.length; i++) met[i] = leafTri(leaves[i]!, facts);
        const overall = combineTri(tree, met, -1, UNKNOWN);
        if (overall === MET) {
          codes[c] = CODE.matched;
          score += weight;
        } else if (overall === UNKNOWN) {
          codes[c] = CODE.insufficient;
        } else {
          let near = false;
          for (let i = 0; i < leaves.length && !near; i++) {
            const leaf = leaves[i]!;
            near =
              met[i] === NOT_MET &&
              leaf.warningLine !== undefined &&
              applyOperator(leaf.spec.operator, facts[leaf.slot], leaf.warningLine) &&
              combineTri(tree, met, i, MET) !== NOT_MET;
          }
          codes[c] = near ? CODE.near : CODE.notMatched;
          if (near) score += half;
        }
      }
      return Math.min(100, score);
    },
  };
}

function leafResultsOf(plan: Plan, facts: FactVector): LeafResult[][] {
  return plan.criteria.map(({ leaves }) =>
    leaves.map((leaf) => {
      const actual = facts[leaf.slot];
      const expected = leaf.operand.kind === 'slot' ? facts[leaf.operand.slot] : leaf.operand.value;
      return { actual, expected, result: applyOperator(leaf.spec.operator, actual, expected) };
    }),
  );
}

function extractWith(sources: readonly FactSource[]): (assessment: Assessment) => FactVector {
  return (assessment) => {
    const groups = assessment as unknown as Record<string, Record<string, FactValue> | undefined>;
    let facts: Facts | undefined;
    return sources.map((source) => {
      switch (source.kind) {
        case 'org':
          return assessment.org[source.field];
        case 'field':
          return groups[source.group]?.[source.field];
        case 'months':
          return monthsFast(groups[source.group]?.[source.field], assessment.assessedOn, source.whenNull);
        case 'extra': {
          const extra = assessment.extra;
          return extra !== undefined && Object.hasOwn(extra, source.name) ? extra[source.name] : undefined;
        }
        case 'facts':
          facts ??= buildFacts(assessment);
          return facts[source.name];
      }
    });
  };
}

// ---------------------------------------------------------------------------------------
// Codegen mode.

/** A JavaScript expression for a constant (lists go through the constants table). */
function literal(value: FactValue | FactValue[], constants: unknown[]): string {
  if (Array.isArray(value) || value === undefined) return `K[${constants.push(value) - 1}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '(-0)' : `(${String(value)})`;
  return String(value);
}

/** The operator test as an expression over `x` (fact) and `r` (comparison value). */
function testExpr(operator: LeafSpec['operator'], x: string, r: string): string {
  const numeric = `(typeof ${x} === "number" || num(${x}))`;
  switch (operator) {
    case 'equal':
      return `${x} === ${r}`;
    case 'notEqual':
      return `${x} !== ${r}`;
    case 'in':
      return `${r}.indexOf(${x}) > -1`;
    case 'notIn':
      return `${r}.indexOf(${x}) === -1`;
    case 'lessThan':
      return `${numeric} && ${x} < ${r}`;
    case 'lessThanInclusive':
      return `${numeric} && ${x} <= ${r}`;
    case 'greaterThan':
      return `${numeric} && ${x} > ${r}`;
    case 'greaterThanInclusive':
      return `${numeric} && ${x} >= ${r}`;
  }
}

/** Tri expression of `any`/`all` over child expressions (each a variable or constant). */
function combineExpr(kind: 'any' | 'all', items: string[]): string {
  if (items.length === 0) return kind === 'any' ? '0' : '1';
  const decisive = kind === 'any' ? 1 : 0;
  const otherwise = kind === 'any' ? 0 : 1;
  return `((${items.map((e) => `${e} === ${decisive}`).join(' || ')}) ? ${decisive} : (${items.map((e) => `${e} === 2`).join(' || ')}) ? 2 : ${otherwise})`;
}

type Folded = { constant: Tri } | { code: string };

interface CriterionCode {
  /** Statements computing `x<i>`, `y<i>`, `m<i>` per leaf and the node variables. */
  body: string[];
  /** Variable holding the tree's value. */
  root: string;
  /** Expression true when the (not-matched) criterion is near, or `false`. */
  near: string;
}

function criterionCode(cp: CriterionPlan, c: number, constants: unknown[]): CriterionCode {
  const body: string[] = [];
  const leafVar = (i: number) => `m${c}_${i}`;
  cp.leaves.forEach((leaf, i) => {
    const x = `x${c}_${i}`;
    body.push(`var ${x} = v[${leaf.slot}];`);
    let r: string;
    let unknown = `${x} === undefined`;
    if (leaf.operand.kind === 'slot') {
      r = `y${c}_${i}`;
      body.push(`var ${r} = v[${leaf.operand.slot}];`);
      unknown += ` || ${r} === undefined`;
    } else {
      r = literal(leaf.operand.value, constants);
    }
    body.push(`var ${leafVar(i)} = (${unknown}) ? 2 : (${testExpr(leaf.spec.operator, x, r)}) ? 1 : 0;`);
  });
  // Node variables, bottom up; remember each node's variable and parent for the near check.
  const nodeVar = new Map<CondNode, string>();
  const parent = new Map<CondNode, CondNode>();
  let counter = 0;
  const visit = (node: CondNode): string => {
    if (node.kind === 'leaf') {
      const name = leafVar(node.leaf.index);
      nodeVar.set(node, name);
      return name;
    }
    const children = node.kind === 'not' ? [node.child] : node.children;
    for (const child of children) parent.set(child, node);
    const items = children.map(visit);
    const name = `n${c}_${counter++}`;
    body.push(
      node.kind === 'not'
        ? `var ${name} = ${items[0]} === 2 ? 2 : 1 - ${items[0]};`
        : `var ${name} = ${combineExpr(node.kind, items)};`,
    );
    nodeVar.set(node, name);
    return name;
  };
  const root = visit(cp.criterion.tree);

  // Near: a leaf not met, past its warning line, and able to make the tree match if it were
  // met (the tree re-evaluated with that leaf forced to met: only its ancestors change, so
  // siblings reuse their variables and constants fold away; under a plain `any` it is true).
  const leafNodes = new Map<number, CondNode>();
  const collect = (node: CondNode) => {
    if (node.kind === 'leaf') leafNodes.set(node.leaf.index, node);
    else if (node.kind === 'not') collect(node.child);
    else node.children.forEach(collect);
  };
  collect(cp.criterion.tree);
  const nearTerms: string[] = [];
  cp.leaves.forEach((leaf, i) => {
    if (leaf.warningLine === undefined) return;
    let node = leafNodes.get(i)!;
    let value: Folded = { constant: MET };
    for (let up = parent.get(node); up !== undefined; node = up, up = parent.get(node)) {
      if (up.kind === 'not') {
        value = 'constant' in value ? { constant: value.constant === UNKNOWN ? UNKNOWN : value.constant === MET ? NOT_MET : MET } : { code: `(${value.code} === 2 ? 2 : 1 - ${value.code})` };
        continue;
      }
      if (up.kind === 'leaf') throw new Error('a leaf has no children');
      const decisive = up.kind === 'any' ? MET : NOT_MET;
      if ('constant' in value && value.constant === decisive) {
        value = { constant: decisive };
        continue;
      }
      const items = up.children.filter((child) => child !== node).map((child) => nodeVar.get(child)!);
      if (!('constant' in value) || value.constant === UNKNOWN) items.push('constant' in value ? '2' : value.code);
      value = { code: combineExpr(up.kind, items) };
    }
    const canMatch = 'constant' in value ? (value.constant !== NOT_MET ? 'true' : 'false') : `${value.code} !== 0`;
    if (canMatch === 'false') return;
    const x = `x${c}_${i}`;
    const crossed = testExpr(leaf.spec.operator, x, literal(leaf.warningLine, constants));
    nearTerms.push(`(${leafVar(i)} === 0 && (${crossed})${canMatch === 'true' ? '' : ` && ${canMatch}`})`);
  });
  return { body, root, near: nearTerms.length > 0 ? nearTerms.join(' || ') : 'false' };
}

function buildCodegen(plan: Plan, sources: readonly FactSource[]): Pick<CompiledRuleset, 'core' | 'explain' | 'extract'> {
  const constants: unknown[] = [];
  const titles = plan.criteria.map((cp) => cp.criterion.title);
  const codes = plan.criteria.map((cp, c) => criterionCode(cp, c, constants));

  const core: string[] = ['var score = 0;'];
  codes.forEach((code, c) => {
    const { weight } = plan.criteria[c]!.criterion;
    core.push(...code.body);
    core.push(
      `if (${code.root} === 1) { out[${c}] = 2; score += ${literal(weight, constants)}; }`,
      `else if (${code.root} === 2) { out[${c}] = 3; }`,
      `else if (${code.near}) { out[${c}] = 1; score += ${literal(weight * 0.5, constants)}; }`,
      `else { out[${c}] = 0; }`,
    );
  });
  core.push('return score < 100 ? score : 100;');

  const explain: string[] = [];
  codes.forEach((code, c) => {
    const cp = plan.criteria[c]!;
    explain.push(...code.body);
    explain.push(`var o${c} = ${code.root} === 1 ? "matched" : ${code.root} === 2 ? "insufficient-data" : "not-matched";`);
    explain.push(`var ms${c} = [];`);
    const seen: string[] = [];
    const addMissing = (test: string, path: string) => {
      const guard = seen.includes(path) ? ` && ms${c}.indexOf(${JSON.stringify(path)}) < 0` : '';
      explain.push(`if (${test}${guard}) ms${c}.push(${JSON.stringify(path)});`);
      seen.push(path);
    };
    // A derived fact is unknown both when its input is absent and when it is null (never):
    // only the first is missing data.
    const unknownInput = (value: string, fact: string, path: string) =>
      path === fact ? `${value} === undefined` : `${value} === undefined && absent(a, ${JSON.stringify(path)})`;
    const evidence = cp.leaves.map((leaf, i) => {
      const x = `x${c}_${i}`;
      addMissing(unknownInput(x, leaf.spec.fact, leaf.factPath), leaf.factPath);
      let threshold: string;
      if (leaf.operand.kind === 'slot') {
        const referenced = leaf.spec.value.kind === 'fact' ? leaf.spec.value.fact : leaf.operandPath!;
        addMissing(unknownInput(`y${c}_${i}`, referenced, leaf.operandPath!), leaf.operandPath!);
        threshold = `y${c}_${i} === undefined ? null : y${c}_${i}`;
      } else if (Array.isArray(leaf.operand.value)) {
        threshold = `K[${constants.push(leaf.operand.value) - 1}].map(nul)`;
      } else {
        threshold = leaf.operand.value === undefined ? 'null' : literal(leaf.operand.value, constants);
      }
      const met = `m${c}_${i}`;
      const line = leaf.warningLine === undefined ? '' : `, warningLine: ${literal(leaf.warningLine, constants)}`;
      return `{ fact: ${JSON.stringify(leaf.spec.fact)}, operator: ${JSON.stringify(leaf.spec.operator)}, threshold: ${threshold}, actual: ${x} === undefined ? null : ${x}, met: ${met} === 2 ? null : ${met} === 1${line} }`;
    });
    explain.push(
      `var c${c} = { id: ${JSON.stringify(cp.criterion.id)}, no: ${literal(cp.criterion.no, constants)}, title: T[${c}], outcome: o${c}, near: o${c} === "not-matched" && (${code.near}), evidence: [${evidence.join(', ')}], missing: ms${c} };`,
    );
  });
  explain.push(`return [${codes.map((_, c) => `c${c}`).join(', ')}];`);

  const extract: string[] = ['var g, e;'];
  const items = sources.map((source, s) => {
    switch (source.kind) {
      case 'org':
        return `a.org.${source.field}`;
      case 'field':
        return `(g = a[${JSON.stringify(source.group)}]) === undefined ? undefined : g[${JSON.stringify(source.field)}]`;
      case 'months':
        return `ms((g = a[${JSON.stringify(source.group)}]) === undefined ? undefined : g[${JSON.stringify(source.field)}], a.assessedOn, ${source.whenNull === undefined ? 'undefined' : literal(source.whenNull, constants)})`;
      case 'extra':
        return `(e = a.extra) !== undefined && has(e, ${JSON.stringify(source.name)}) ? e[${JSON.stringify(source.name)}] : undefined`;
      case 'facts':
        return `slow(a, ${s})`;
    }
  });
  extract.push(`return [${items.join(', ')}];`);

  const nul = (value: unknown) => (value === undefined ? null : value);
  const slow = (assessment: Assessment, slot: number) => buildFacts(assessment)[plan.factNames[slot]!];
  const factory = new Function(
    'K',
    'T',
    'num',
    'nul',
    'ms',
    'has',
    'slow',
    'absent',
    `"use strict";
return {
  core: function core(v, out) {\n${core.join('\n')}\n},
  explain: function explain(v, a) {\n${explain.join('\n')}\n},
  extract: function extract(a) {\n${extract.join('\n')}\n}
};`,
  ) as (...args: unknown[]) => Pick<CompiledRuleset, 'core' | 'explain' | 'extract'>;
  return factory(constants, titles, isNumeric, nul, monthsFast, Object.hasOwn, slow, inputAbsent);
}

// ---------------------------------------------------------------------------------------

const cache = new WeakMap<Ruleset, Map<string, CompiledRuleset>>();

/**
 * Compiles `ruleset` against effective thresholds. `mode` defaults to `codegen` where
 * `new Function` is allowed, else `closures`; results are cached per ruleset, thresholds
 * and mode.
 */
export function compileRuleset(
  ruleset: Ruleset,
  thresholds: EffectiveThresholds,
  mode: CompileMode = codegenAllowed() ? 'codegen' : 'closures',
): CompiledRuleset {
  const key = `${mode}\u0000${JSON.stringify(thresholds)}`;
  let byKey = cache.get(ruleset);
  if (!byKey) cache.set(ruleset, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;

  const plan = makePlan(ruleset, thresholds);
  const sources = plan.factNames.map(sourceOf);
  const fromFacts = (facts: Facts): FactVector => plan.factNames.map((name) => facts[name]);
  const leafResults = (facts: FactVector) => leafResultsOf(plan, facts);
  let compiled: CompiledRuleset;
  if (mode === 'codegen') {
    compiled = { mode, ruleset, factNames: plan.factNames, fromFacts, leafResults, ...buildCodegen(plan, sources) };
  } else {
    compiled = {
      mode,
      ruleset,
      factNames: plan.factNames,
      fromFacts,
      leafResults,
      extract: extractWith(sources),
      explain: (facts, assessment) =>
        leafResultsOf(plan, facts).map((results, c) =>
          explainCriterion(plan.criteria[c]!.criterion, results, thresholds, (path) => inputAbsent(assessment, path)),
        ),
      ...buildClosures(plan),
    };
  }
  byKey.set(key, compiled);
  return compiled;
}

/** Outcome words by {@link CODE}. */
export const OUTCOME_OF_CODE: readonly Outcome[] = ['not-matched', 'not-matched', 'matched', 'insufficient-data'];
