/**
 * Building a {@link Ruleset} from validated rule files, and the checks that need a loaded
 * ruleset: threshold overrides (their names and effective numbers) and declared `extra` facts.
 *
 * @module
 */
import type { z } from 'zod';
import { RulesetError, type Issue } from './errors.js';
import { FACT_NAMES } from './facts.js';
import {
  criterionFileSchema,
  rulesetFileSchema,
  type ConditionJson,
  type CriterionFileParsed,
} from './schema/ruleset.js';
import {
  OPERATORS,
  branchesOf,
  leavesOf,
  type BranchSpec,
  type CondNode,
  type LeafSpec,
} from './engine/conditions.js';
import { currentRulesetLocale, dotted, errorMap, message, rulesetError, suggest, type Locale } from './schema/messages.js';
import { RULESET_BRAND, hasRulesetBrand } from './internals/brand.js';
import { protoKeyPath } from './internals/proto.js';
import { deepFreeze } from './internals/freeze.js';
import { RULESET_LIMITS, checkConditionTree, limitError, plainRuleData } from './schema/rule-input.js';

/** A bilingual text. */
export interface Bilingual {
  /** Chinese. */
  zh: string;
  /** English. */
  en: string;
}

/** A named threshold of a criterion, with its effective default. */
export interface ThresholdSpec {
  /** The number compared against unless options override it. */
  readonly default: number;
  /** 预警线: the value at which a not-matched criterion counts as near. */
  readonly warningLine?: number;
  /** `'up'` for "at least" conditions (higher is worse), `'down'` for "under". */
  readonly direction: 'up' | 'down';
  /** Unit, for documentation (months, cases, share…). */
  readonly unit?: string;
  /** Where the number comes from; "local default" where no published source was found. */
  readonly source: string;
}

/** The event a json-rules-engine rule emits when it matches. */
export interface RuleEvent {
  /** Event type, e.g. `criterion-matched`. */
  readonly type: string;
  /** Event parameters, e.g. `{ criterion: 'C01' }`. */
  readonly params?: Record<string, unknown>;
}

/** One criterion of a ruleset: its metadata and its json-rules-engine rule. */
export interface Criterion {
  /** Stable id, e.g. `C01`. */
  readonly id: string;
  /** Position in the official list (① = 1). */
  readonly no: number;
  /** Short title in Chinese and English. */
  readonly title: Bilingual;
  /** The seed's own wording. */
  readonly seedWording: string;
  /** How the library reads the criterion, in words. */
  readonly operationalisation?: Bilingual;
  /** Weight in the score (default 10). */
  readonly weight: number;
  /** Named thresholds with their defaults and warning lines. */
  readonly thresholds: Readonly<Record<string, ThresholdSpec>>;
  /** Sources of the criterion and its numbers. */
  readonly sources: readonly string[];
  /** Kinds of organisation the criterion is meant for (documentation; the rule decides). */
  readonly appliesTo?: readonly ('village' | 'community')[];
  /** The rule exactly as json-rules-engine takes it. */
  readonly rule: {
    /** Rule name (json-rules-engine `name`). */
    readonly name: string;
    /** Rule priority (json-rules-engine `priority`). */
    readonly priority?: number;
    /** The condition tree (`all`, `any`, `not`, leaves). */
    readonly conditions: ConditionJson;
    /** The event the rule emits when it matches. */
    readonly event: RuleEvent;
  };
  /** Normalised condition tree. @internal */
  readonly tree: CondNode;
  /** Top-level branches with their ids. @internal */
  readonly branches: readonly BranchSpec[];
  /** Leaves in rule order. @internal */
  readonly leaves: readonly LeafSpec[];
  /** File the criterion was loaded from. @internal */
  readonly file: string;
}

/** Declared type of an `extra` fact. */
export type ExtraFactType = 'number' | 'boolean' | 'string';

/** A loaded, validated ruleset: ordered criteria plus declared extra facts. */
export interface Ruleset {
  /** Ruleset id, e.g. `cn-2017-ten`. */
  readonly id: string;
  /** Ruleset version, reported in every result. */
  readonly version: string;
  /** Title in Chinese and English. */
  readonly title?: Bilingual;
  /** Id of the ruleset this one extends. */
  readonly extends?: string;
  /** The criteria, in order. */
  readonly criteria: readonly Criterion[];
  /** Facts read from `assessment.extra`, with their types. */
  readonly extraFacts: Readonly<Record<string, ExtraFactType>>;
}

/** Effective thresholds: `{ [criterionId]: { [name]: number } }`. */
export type Thresholds = Record<string, Record<string, number>>;

/** A rule file handed over as an object, with a label used in error messages. */
export interface RuleFileInput {
  /** Where it came from, e.g. `rules/cn-2017-ten/C01.json`. */
  file: string;
  content: unknown;
}

/** True when `value` is a ruleset built by this library (from either build). */
export function isRuleset(value: unknown): value is Ruleset {
  return hasRulesetBrand(value);
}

/**
 * The most telling issue behind a failed union (a condition node is `all`, `any`, `not` or a
 * leaf): the branch whose keys fit the input best, then with the fewest issues, followed down
 * through nested unions. Without this a bad operator deep in a tree would be reported as
 * "conditions: Invalid input".
 */
function specificIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): z.core.$ZodIssue {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { ...issue, path };
  // A branch that finds unknown keys at its own level is the wrong shape, the more so the more keys.
  const cost = (branch: readonly z.core.$ZodIssue[]) =>
    branch.reduce((sum, i) => sum + (i.code === 'unrecognized_keys' && i.path.length === 0 ? 100 * i.keys.length : 1), 0);
  const best = issue.errors.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  return best.length > 0 ? specificIssue(best[0]!, path) : { ...issue, path };
}

/**
 * Validates one rule or plan file with `schema`; the first problem becomes a
 * {@link RulesetError} naming the file and the field. @internal
 */
export function parseRuleFile<S extends z.ZodType>(schema: S, content: unknown, file: string): z.output<S> {
  const proto = protoKeyPath(content);
  if (proto) throw rulesetError(file, proto, 'reservedKey');
  const locale = currentRulesetLocale();
  const parsed = schema.safeParse(content, { error: errorMap(locale) });
  if (parsed.success) return parsed.data;
  const issue = specificIssue(parsed.error.issues[0]!);
  if (issue.code === 'unrecognized_keys') throw rulesetError(file, [dotted(issue.path), issue.keys[0]].filter(Boolean).join('.'), 'unknownKey');
  throw new RulesetError(file, dotted(issue.path), issue.message, locale);
}

const THRESHOLD_FACT = /^threshold\.([^.]+)\.([^.]+)$/;

interface BuildContext {
  file: string;
  criterionId: string;
  extraFacts: Record<string, ExtraFactType>;
  thresholdNames: Set<string>;
  leaves: LeafSpec[];
}

function checkFact(fact: string, context: BuildContext, field: string): void {
  if (FACT_NAMES.has(fact)) return;
  const extra = /^extra\.(.+)$/.exec(fact);
  if (extra && Object.hasOwn(context.extraFacts, extra[1]!)) return;
  throw extra ? rulesetError(context.file, field, 'extraNotDeclared', { name: extra[1] }) : rulesetError(context.file, field, 'unknownFact', { fact });
}

function normalise(node: ConditionJson, context: BuildContext, field: string): CondNode {
  const named = node.name === undefined ? {} : { name: node.name };
  if ('all' in node) return { kind: 'all', children: node.all.map((c, i) => normalise(c, context, `${field}.all.${i}`)), ...named };
  if ('any' in node) return { kind: 'any', children: node.any.map((c, i) => normalise(c, context, `${field}.any.${i}`)), ...named };
  if ('not' in node) return { kind: 'not', child: normalise(node.not, context, `${field}.not`), ...named };
  const fact = node.fact;
  checkFact(fact, context, `${field}.fact`);
  const raw = node.value;
  let value: LeafSpec['value'];
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const referenced = raw.fact;
    const threshold = THRESHOLD_FACT.exec(referenced);
    if (threshold) {
      const [, criterionId, name] = threshold as unknown as [string, string, string];
      if (criterionId !== context.criterionId || !context.thresholdNames.has(name)) {
        throw rulesetError(context.file, `${field}.value.fact`, 'notOwnThreshold', { reference: referenced });
      }
      if (OPERATORS[node.operator].direction === undefined) {
        throw rulesetError(context.file, `${field}.operator`, 'thresholdNeedsOrdering', { operator: node.operator });
      }
      value = { kind: 'threshold', name, fact: referenced };
    } else {
      checkFact(referenced, context, `${field}.value.fact`);
      value = { kind: 'fact', fact: referenced };
    }
  } else {
    if (Boolean(OPERATORS[node.operator].list) !== Array.isArray(raw)) {
      throw rulesetError(context.file, `${field}.value`, Array.isArray(raw) ? 'operatorTakesNoList' : 'operatorNeedsList', { operator: node.operator });
    }
    if (OPERATORS[node.operator].direction !== undefined && typeof raw !== 'number') {
      throw rulesetError(context.file, `${field}.value`, 'operatorNeedsNumber', { operator: node.operator });
    }
    value = { kind: 'literal', value: raw };
  }
  const leaf: LeafSpec = { index: context.leaves.length, fact, operator: node.operator, value };
  context.leaves.push(leaf);
  return { kind: 'leaf', leaf, ...named };
}

function buildCriterion(
  input: RuleFileInput,
  extraFacts: Record<string, ExtraFactType>,
  defaultsOverride: Record<string, number> | undefined,
  rulesetFile: string,
): Criterion {
  // input.content is plain data (plainRuleData); the tree is checked before the schema recurses into it.
  checkConditionTree((input.content as { conditions?: unknown } | null)?.conditions, input.file);
  const parsed: CriterionFileParsed = parseRuleFile(criterionFileSchema, input.content, input.file);
  const context: BuildContext = {
    file: input.file,
    criterionId: parsed.id,
    extraFacts,
    thresholdNames: new Set(Object.keys(parsed.thresholds)),
    leaves: [],
  };
  const tree = normalise(parsed.conditions, context, 'conditions');
  const branches = branchesOf(parsed.id, tree);
  const seenBranches = new Set<string>();
  branches.forEach((branch, i) => {
    if (seenBranches.has(branch.id)) {
      const field = tree.kind === 'any' ? `conditions.any.${i}` : 'conditions';
      throw rulesetError(input.file, `${field}.name`, 'duplicateBranch', { id: branch.id });
    }
    seenBranches.add(branch.id);
  });
  const thresholds: Record<string, ThresholdSpec> = {};
  for (const [name, spec] of Object.entries(parsed.thresholds)) {
    const users = context.leaves.filter((leaf) => leaf.value.kind === 'threshold' && leaf.value.name === name);
    if (users.length === 0) {
      throw rulesetError(input.file, `thresholds.${name}`, 'thresholdUnused');
    }
    const upward = OPERATORS[users[0]!.operator].direction === 'up';
    if (users.some((leaf) => (OPERATORS[leaf.operator].direction === 'up') !== upward)) {
      throw rulesetError(input.file, `thresholds.${name}`, 'thresholdBothDirections');
    }
    const value = defaultsOverride?.[name] ?? spec.default;
    let warningLine = spec.warningLine;
    if (warningLine !== undefined) {
      // The warning line must lie on the safe side of the threshold: crossing it must not
      // already meet the condition.
      const meetsAtLine = OPERATORS[users[0]!.operator].test(warningLine, spec.default);
      if (meetsAtLine) {
        throw rulesetError(input.file, `thresholds.${name}.warningLine`, 'warningLineSide', { warningLine, threshold: spec.default, upward });
      }
      warningLine = clampWarningLine(upward ? 'up' : 'down', value, warningLine);
    }
    thresholds[name] = {
      default: value,
      ...(warningLine !== undefined ? { warningLine } : {}),
      direction: upward ? 'up' : 'down',
      ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
      source: spec.source,
    };
  }
  if (defaultsOverride) {
    for (const name of Object.keys(defaultsOverride)) {
      // The bad name is in ruleset.json's "thresholds", not in the criterion file.
      if (!Object.hasOwn(thresholds, name)) throw rulesetError(rulesetFile, `thresholds.${parsed.id}.${name}`, 'noSuchThreshold', { criterionId: parsed.id, name });
    }
  }
  return {
    id: parsed.id,
    no: parsed.no,
    title: parsed.title,
    seedWording: parsed.seedWording,
    ...(parsed.operationalisation ? { operationalisation: parsed.operationalisation } : {}),
    weight: parsed.weight,
    thresholds,
    sources: parsed.sources,
    ...(parsed.appliesTo ? { appliesTo: parsed.appliesTo } : {}),
    rule: {
      name: parsed.name ?? parsed.id,
      ...(parsed.priority !== undefined ? { priority: parsed.priority } : {}),
      conditions: parsed.conditions,
      event: parsed.event,
    },
    tree,
    branches,
    leaves: leavesOf(tree),
    file: input.file,
  };
}

/**
 * A warning line that a threshold has passed is clamped to the threshold (contract:
 * "an override changes the number only; direction and warning line stay").
 */
export function clampWarningLine(direction: 'up' | 'down', threshold: number, warningLine: number): number {
  return direction === 'up' ? Math.min(warningLine, threshold) : Math.max(warningLine, threshold);
}

/**
 * Builds a ruleset from its `ruleset.json` and criterion files. `resolveBase` finds the
 * ruleset named by `extends`. Throws a {@link RulesetError} naming the file and field.
 * @internal
 */
export function buildRuleset(
  rulesetInput: RuleFileInput,
  criterionInputs: readonly RuleFileInput[],
  resolveBase: (id: string) => Ruleset | undefined,
): Ruleset {
  const file = rulesetInput.file;
  if (criterionInputs.length > RULESET_LIMITS.criteriaPerRuleset) {
    throw limitError(file, 'criteria', 'criteriaPerRuleset', 'criterionFiles', criterionInputs.length);
  }
  const spec = parseRuleFile(rulesetFileSchema, plainRuleData(rulesetInput.content, file), file);
  let base: Ruleset | undefined;
  if (spec.extends !== undefined) {
    base = resolveBase(spec.extends);
    if (!base) throw rulesetError(file, 'extends', 'unknownBase', { id: spec.extends });
  }
  const extraFacts: Record<string, ExtraFactType> = { ...base?.extraFacts };
  for (const [name, type] of Object.entries(spec.extraFacts)) {
    if (Object.hasOwn(extraFacts, name) && extraFacts[name] !== type) {
      throw rulesetError(file, `extraFacts.${name}`, 'extraTypeConflict', { type: extraFacts[name] });
    }
    extraFacts[name] = type;
  }
  const seen = new Set<string>();
  spec.criteria.forEach((id, i) => {
    if (seen.has(id)) throw rulesetError(file, `criteria.${i}`, 'duplicateCriterion', { id });
    seen.add(id);
  });

  const own = new Map<string, Criterion>();
  for (const raw of criterionInputs) {
    const input = { file: raw.file, content: plainRuleData(raw.content, raw.file) };
    const id = (input.content as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && own.has(id)) throw rulesetError(input.file, 'id', 'duplicateCriterion', { id });
    const overrides = typeof id === 'string' && spec.thresholds && Object.hasOwn(spec.thresholds, id) ? spec.thresholds[id] : undefined;
    const criterion = buildCriterion(input, extraFacts, overrides, file);
    own.set(criterion.id, criterion);
  }
  const baseIds = new Set(base?.criteria.map((c) => c.id));
  for (const criterion of own.values()) {
    if (!seen.has(criterion.id) && !baseIds.has(criterion.id)) {
      throw rulesetError(criterion.file, 'id', 'notListed', { id: criterion.id, file });
    }
  }
  for (const [criterionId, overrides] of Object.entries(spec.thresholds ?? {})) {
    if (own.has(criterionId)) continue;
    const inherited = base?.criteria.find((c) => c.id === criterionId);
    if (!inherited) throw rulesetError(file, `thresholds.${criterionId}`, 'unknownCriterion', { id: criterionId });
    own.set(criterionId, withDefaults(inherited, overrides, file));
  }

  const order = [...(base?.criteria.map((c) => c.id) ?? []), ...spec.criteria.filter((id) => !baseIds.has(id))];
  const criteria = order.map((id) => {
    const criterion = own.get(id) ?? base?.criteria.find((c) => c.id === id);
    if (!criterion) throw rulesetError(file, `criteria.${spec.criteria.indexOf(id)}`, 'undefinedCriterion', { id });
    return criterion;
  });
  if (criteria.length > RULESET_LIMITS.criteriaPerRuleset) {
    throw limitError(file, 'criteria', 'criteriaPerRuleset', 'criteriaWithBase', criteria.length);
  }
  const leafCount = criteria.reduce((sum, c) => sum + c.leaves.length, 0);
  if (leafCount > RULESET_LIMITS.leavesPerRuleset) {
    throw limitError(file, 'criteria', 'leavesPerRuleset', 'conditionsInAll', leafCount);
  }
  const ruleset: Ruleset = {
    id: spec.id,
    version: spec.version,
    ...(spec.title ? { title: spec.title } : {}),
    ...(spec.extends !== undefined ? { extends: spec.extends } : {}),
    criteria,
    extraFacts,
  };
  Object.defineProperty(ruleset, RULESET_BRAND, { value: true, enumerable: false });
  // Shared by every screening that uses it: nothing reachable from it may change.
  return deepFreeze(ruleset);
}

function withDefaults(criterion: Criterion, overrides: Record<string, number>, file: string): Criterion {
  const thresholds: Record<string, ThresholdSpec> = { ...criterion.thresholds };
  for (const [name, value] of Object.entries(overrides)) {
    const spec = Object.hasOwn(thresholds, name) ? thresholds[name] : undefined;
    if (!spec) throw rulesetError(file, `thresholds.${criterion.id}.${name}`, 'noSuchThreshold', { criterionId: criterion.id, name });
    thresholds[name] = {
      ...spec,
      default: value,
      ...(spec.warningLine !== undefined ? { warningLine: clampWarningLine(spec.direction, value, spec.warningLine) } : {}),
    };
  }
  return { ...criterion, thresholds };
}

/** Effective numbers and warning lines for one screening. */
export interface EffectiveThresholds {
  /** `{ [criterionId]: { [name]: number } }`, as reported in results. */
  values: Thresholds;
  /** Warning lines after clamping, same shape. */
  warningLines: Thresholds;
}

/** The ruleset's own defaults, `{ [criterionId]: { [name]: number } }` (criteria without thresholds omitted). */
export function thresholdDefaults(ruleset: Ruleset): Thresholds {
  const out: Thresholds = {};
  for (const criterion of ruleset.criteria) {
    const names = Object.keys(criterion.thresholds);
    if (names.length > 0) out[criterion.id] = Object.fromEntries(names.map((n) => [n, criterion.thresholds[n]!.default]));
  }
  return out;
}

/**
 * Checks threshold overrides against the ruleset (an unknown criterion or threshold name is
 * an issue naming it, with the closest known name) and resolves the effective numbers: the
 * overrides, partial, copied name by name over the ruleset's defaults. An override changes the number
 * only; a warning line the new number passes is clamped to it.
 */
export function resolveThresholds(
  ruleset: Ruleset,
  overrides: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined,
  issues: Issue[],
  locale: Locale = 'en',
): EffectiveThresholds {
  const byId = new Map(ruleset.criteria.map((c) => [c.id, c]));
  const known: Thresholds = {};
  for (const [criterionId, names] of Object.entries(overrides ?? {})) {
    const criterion = byId.get(criterionId);
    if (!criterion) {
      const suggestion = suggest(criterionId, [...byId.keys()]);
      issues.push({ path: `thresholds.${criterionId}`, message: message(locale, 'unknownCriterion', { criterionId, ruleset: ruleset.id, suggestion }) });
      continue;
    }
    for (const [name, value] of Object.entries(names)) {
      if (Object.hasOwn(criterion.thresholds, name)) {
        (known[criterionId] ??= {})[name] = value;
        continue;
      }
      const declared = Object.keys(criterion.thresholds);
      issues.push({
        path: `thresholds.${criterionId}.${name}`,
        message: message(locale, 'unknownThreshold', { criterionId, name, known: declared.join(', '), suggestion: suggest(name, declared) }),
      });
    }
  }
  // thresholdDefaults builds fresh objects, so writing into them never touches the ruleset; only
  // own keys checked above are written (no deep merge that could follow `constructor`).
  const values: Thresholds = thresholdDefaults(ruleset);
  for (const [criterionId, names] of Object.entries(known)) Object.assign(values[criterionId]!, names);
  const warningLines: Thresholds = {};
  for (const criterion of ruleset.criteria) {
    const lines: Record<string, number> = {};
    for (const [name, spec] of Object.entries(criterion.thresholds)) {
      if (spec.warningLine !== undefined) lines[name] = clampWarningLine(spec.direction, values[criterion.id]![name]!, spec.warningLine);
    }
    if (Object.keys(criterion.thresholds).length > 0) warningLines[criterion.id] = lines;
  }
  return { values, warningLines };
}

/** Checks `assessment.extra` against the ruleset's declared extra facts. */
export function checkExtraFacts(
  extra: Readonly<Record<string, unknown>> | undefined,
  ruleset: Ruleset,
  locale: Locale,
): Issue[] {
  const issues: Issue[] = [];
  for (const [name, value] of Object.entries(extra ?? {})) {
    // Own properties only: `constructor` or `__proto__` must never pass as declared.
    const type = Object.hasOwn(ruleset.extraFacts, name) ? ruleset.extraFacts[name] : undefined;
    if (!type) {
      issues.push({ path: `extra.${name}`, message: message(locale, 'undeclaredExtra', { name, ruleset: ruleset.id }) });
    } else if (value !== null && typeof value !== type) {
      issues.push({ path: `extra.${name}`, message: message(locale, 'extraType', { name, type }) });
    }
  }
  return issues;
}
