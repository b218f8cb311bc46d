/**
 * Zod schemas for rule files: `ruleset.json` and one json-rules-engine rule per criterion,
 * with the criterion's metadata beside the rule's own keys (`name`, `conditions`, `event`).
 * Rule files are untrusted input: only plain operators, plain property paths and
 * non-executable values are accepted.
 *
 * @module
 */
import { z } from 'zod';

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

/** Names that would reach an object's prototype if used as keys. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

/** A plain property path such as `$.seatsFilled` (no filters, wildcards or scripts). */
const plainPath = z
  .string()
  .regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/, 'must be a plain property path such as "$.seatsFilled"');

const factName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'must be a dotted fact name');

const scalar = z.union([z.number(), z.boolean(), z.string(), z.null()]);

const factReference = z.strictObject({ fact: factName, path: plainPath.optional() });

/**
 * A condition's name (json-rules-engine's `name`): on a top-level branch of a criterion it
 * gives the branch id (`twoYearsBasic` → `C02.twoYearsBasic`), which plan measures name.
 */
const conditionName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an identifier such as "twoYearsBasic"');

/** A leaf condition: `fact` (optionally with `path`) compared by `operator` with `value`. */
export const leafConditionSchema = z.strictObject({
  fact: factName,
  path: plainPath.optional(),
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
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be an identifier such as "C01"'),
  no: z.int().positive(),
  title: bilingual,
  /** The seed's own wording of the criterion (Chinese). */
  seedWording: z.string().min(1),
  /** How the library reads the criterion, for documentation. */
  operationalisation: bilingual.optional(),
  weight: z.number().finite().nonnegative().default(10),
  thresholds: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an identifier such as "secretaryVacantMonths"')
        .refine((name) => !RESERVED_NAMES.has(name), 'is a reserved name'),
      thresholdSchema,
    )
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
  criteria: z.array(z.string().min(1)),
  /** Id of a ruleset this one builds on. */
  extends: z.string().optional(),
  /** Facts read from `assessment.extra`, with their types. */
  extraFacts: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier')
        .refine((name) => !RESERVED_NAMES.has(name), 'is a reserved name'),
      z.enum(['number', 'boolean', 'string']),
    )
    .default({}),
  /** Threshold defaults overriding the criterion files' (e.g. a province's own numbers). */
  thresholds: z.record(z.string(), z.record(z.string(), z.number().finite())).optional(),
});

/** `ruleset.json` as written. */
export type RulesetFile = z.input<typeof rulesetFileSchema>;
