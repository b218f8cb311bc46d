/**
 * Zod schemas for rule files: `ruleset.json` and one json-rules-engine rule per criterion,
 * with the criterion's metadata beside the rule's own keys (`name`, `conditions`, `event`).
 * Rule files are untrusted input: only plain operators, dotted fact names and
 * non-executable values are accepted; what is checked before these schemas (plain data, size,
 * depth, `path`/`params`) is in `rule-input.ts`.
 *
 * @module
 */
import * as z from 'zod';

/**
 * json-rules-engine's built-in comparison operators that rule files may use. `contains` and
 * `doesNotContain` are left out: every fact is a scalar, so they could never be met.
 */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
] as const;

/** A comparison operator name. */
export type Operator = (typeof OPERATORS)[number];

/**
 * Names every object inherits (`constructor`, `toString`, `valueOf`, `hasOwnProperty`,
 * `__proto__` …) and `prototype`: as an id or a name they could be read from a prototype
 * instead of the rule file, so none is accepted.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const notReserved = [(name: string) => !RESERVED_NAMES.has(name), 'is a reserved name (every JavaScript object has a property of that name)'] as const;

/** A criterion id such as `C01`. */
const criterionId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be an identifier such as "C01"')
  .refine(...notReserved);

/** A threshold name such as `secretaryVacantMonths`. */
const thresholdName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an identifier such as "secretaryVacantMonths"')
  .refine(...notReserved);

const bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

const factName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'must be a dotted fact name');

const scalar = z.union([z.number(), z.boolean(), z.string(), z.null()]);

// No `path` and no `params`, on a leaf or on a fact reference: json-rules-engine would resolve
// them (a path into a group object, parameters to a dynamic fact), which the compiled evaluator
// does not; the loader refuses them with a hint (src/schema/rule-input.ts) before this schema.
const factReference = z.strictObject({ fact: factName });

/**
 * A condition's name (json-rules-engine's `name`): on a top-level branch of a criterion it
 * gives the branch id (`twoYearsBasic` → `C02.twoYearsBasic`), which plan measures name.
 */
const conditionName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an identifier such as "twoYearsBasic"');

/** A leaf condition: `fact` (a dotted name) compared by `operator` with `value`. */
export const leafConditionSchema = z.strictObject({
  fact: factName,
  operator: z.enum(OPERATORS),
  value: z.union([scalar, z.array(scalar), factReference]),
  /** Free text for people reading the rule file. */
  description: z.string().optional(),
  name: conditionName.optional(),
});

/** A node of a condition tree, in json-rules-engine's format. */
export type ConditionJson =
  | {
      /** Met when every branch is met. */
      all: ConditionJson[];
      /** Branch name (see the rule format). */
      name?: string;
    }
  | {
      /** Met when one branch is met. */
      any: ConditionJson[];
      /** Branch name (see the rule format). */
      name?: string;
    }
  | {
      /** Met when the branch is not met. */
      not: ConditionJson;
      /** Branch name (see the rule format). */
      name?: string;
    }
  | z.infer<typeof leafConditionSchema>;

export const conditionSchema: z.ZodType<ConditionJson> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1), name: conditionName.optional() }),
    z.strictObject({ any: z.array(conditionSchema).min(1), name: conditionName.optional() }),
    z.strictObject({ not: conditionSchema, name: conditionName.optional() }),
    leafConditionSchema,
  ]),
);

const thresholdSchema = z.strictObject({
  /** The default number compared against. */
  default: z.number().finite(),
  /** 预警线: where the criterion counts as "near". Must lie on the safe side of the default. */
  warningLine: z.number().finite().optional(),
  /** Unit, for documentation (e.g. "months", "cases", "share"). */
  unit: z.string().optional(),
  /** Where the number comes from; "local default" when no published source was found. */
  source: z.string().min(1),
});

/** One criterion file: a json-rules-engine rule plus its metadata. */
export const criterionFileSchema = z.strictObject({
  id: criterionId,
  no: z.int().positive(),
  title: bilingual,
  /** The seed's own wording of the criterion (Chinese). */
  seedWording: z.string().min(1),
  /** How the library reads the criterion, for documentation. */
  operationalisation: bilingual.optional(),
  weight: z.number().finite().nonnegative().default(10),
  thresholds: z
    .record(thresholdName, thresholdSchema)
    .default({}),
  sources: z.array(z.string().min(1)).default([]),
  /** Kinds of organisation the criterion applies to; documentation only (the rule decides). */
  appliesTo: z.array(z.enum(['village', 'community'])).optional(),
  // json-rules-engine's own keys:
  name: z.string().optional(),
  priority: z.int().positive().optional(),
  conditions: conditionSchema,
  event: z.strictObject({ type: z.string().min(1), params: z.record(z.string(), scalar).optional() }),
});

/** A criterion file as written. */
export type CriterionFile = z.input<typeof criterionFileSchema>;
/** A criterion file after validation (defaults filled in). */
export type CriterionFileParsed = z.output<typeof criterionFileSchema>;

/** `ruleset.json`. */
export const rulesetFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a lower-case identifier such as "cn-2017-ten"'),
  version: z.string().min(1),
  title: bilingual.optional(),
  description: z.string().optional(),
  /** The ordered criterion ids; with `extends`, ids added after the base ruleset's. */
  criteria: z.array(criterionId),
  /**
   * Id of a ruleset this one builds on: a built-in ruleset or a sibling folder. An id, never a
   * path: no `/`, no `..`.
   */
  extends: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be the id of a built-in ruleset or of a sibling folder, such as "cn-2017-ten"')
    .refine((id) => !id.includes('..'), 'must not contain ".."')
    .optional(),
  /** Facts read from `assessment.extra`, with their types. */
  extraFacts: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier')
        .refine(...notReserved),
      z.enum(['number', 'boolean', 'string']),
    )
    .default({}),
  /** Threshold defaults overriding the criterion files' (e.g. a province's own numbers). */
  thresholds: z.record(criterionId, z.record(thresholdName, z.number().finite())).optional(),
});

/** `ruleset.json` as written. */
export type RulesetFile = z.input<typeof rulesetFileSchema>;
