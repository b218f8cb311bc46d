/**
 * The input schema: one assessment of one grassroots Party organisation on one date, made
 * from the field table (`fields.ts`). Objects are strict (a misspelt key is an error, never
 * silently missing data); every indicator group and field is optional, so a criterion lacking
 * data becomes `insufficient-data` rather than guessed.
 *
 * @module
 */
import * as z from 'zod';
import { compareDates } from '../internals/dates.js';
import { valueCheck, valueOk } from './valid.js';
import { ASSESSED_ON, FIELDS, GROUPS, INDICATOR_GROUPS, keyOf, type FieldSpec, type GroupSpec } from './fields.js';
import type { Assessment } from './assessment.types.js';

export type {
  AffairsIndicators,
  Assessment,
  ConductIndicators,
  EconomyIndicators,
  ElectionIndicators,
  ExtraValue,
  Leadership,
  MembershipIndicators,
  Organisation,
  OrganisationLife,
  Region,
  SafetyIndicators,
  SecretaryIndicators,
  ServiceIndicators,
  UnityIndicators,
  VenueIndicators,
} from './assessment.types.js';

type Plain = Record<string, unknown>;

function record(value: unknown): Plain | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Plain) : undefined;
}

/** The value at a path (`['leadership', 'seatsFilled']`, `['assessedOn']`) in a plain object, own properties only. */
function at(root: Plain, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    const values = record(value);
    if (values === undefined || !Object.hasOwn(values, key)) return undefined;
    value = values[key];
  }
  return value;
}

/** One problem a cross-field rule found, at `path`; `params.key` names its message. */
export interface CrossFieldIssue {
  path: string;
  params: { key: string } & Record<string, unknown>;
}

/**
 * A rule between fields that JSON Schema cannot express, written once as `test` over the
 * fields it `reads`. Each field's value reaches `test` only when it is present and valid by
 * the field table (else `undefined`), so a rule never compares a value that is wrong in
 * itself, and the fast acceptor, whose values are all checked already, hands over the values
 * it has just checked without reading the record again. The zod schema (and the interpreted
 * acceptor) run `check` on a whole input object, which may be invalid elsewhere, so that every
 * bad field is listed at once.
 */
export interface CrossFieldRule {
  /** What the rule says, for the JSON Schema's description. */
  readonly describe: string;
  /** The dotted paths of the fields it reads (`leadership.seatsFilled`, `assessedOn`), in the order `test` takes their values. */
  readonly reads: readonly string[];
  /**
   * The problems found, given the value of each field read (`values[i]` for `reads[i]`): the
   * value when it is present and valid, else `undefined`. It must not keep `values`, which the
   * fast acceptor reuses record after record.
   */
  readonly test: (values: ArrayLike<unknown>) => readonly CrossFieldIssue[];
  /** The problems found in a (possibly invalid) input object: {@link CrossFieldRule.test} on its valid values. */
  readonly check: (root: Plain) => readonly CrossFieldIssue[];
}

/** No problem found: one shared empty list, since the fast acceptor asks every rule of every record. */
const NONE: readonly CrossFieldIssue[] = Object.freeze([]);

/** A field of the table by its dotted path: an indicator's `group.key`, or `assessedOn`. */
function fieldAt(path: string): FieldSpec {
  const field = FIELDS.find((f) => f.path === path);
  if (!field || (field !== ASSESSED_ON && field.path.split('.').length !== 2)) throw new Error(`assessment.ts: a cross-field rule reads ${path}, not a field of an indicator group`);
  return field;
}

/** A cross-field rule, its `check` made from `reads` and `test`. */
function crossFieldRule(rule: Omit<CrossFieldRule, 'check'>): CrossFieldRule {
  const reads = rule.reads.map((path) => {
    const field = fieldAt(path);
    return { path: path.split('.'), check: valueCheck(field) };
  });
  return {
    ...rule,
    check(root) {
      const values = reads.map(({ path, check }) => {
        const value = at(root, path);
        return value !== undefined && valueOk(check, value) ? value : undefined;
      });
      return rule.test(values);
    },
  };
}

/** Fields holding a date that may not lie after `assessedOn`. */
const DATED_FIELDS = FIELDS.filter((f) => f.type === 'date' && f !== ASSESSED_ON);

/** The cross-field rules, each once. The ruleset-dependent rule on `extra` is checked beside the ruleset. */
export const CROSS_FIELD_RULES: readonly CrossFieldRule[] = [
  crossFieldRule({
    describe: 'leadership.seatsFilled must not exceed leadership.seatsRequired.',
    reads: ['leadership.seatsRequired', 'leadership.seatsFilled'],
    test(values) {
      const required = values[0] as number | undefined;
      const filled = values[1] as number | undefined;
      return required !== undefined && filled !== undefined && filled > required ? [{ path: 'leadership.seatsFilled', params: { key: 'seats', filled, required } }] : NONE;
    },
  }),
  crossFieldRule({
    describe:
      'When leadership.seatsRequired and leadership.seatsFilled are both given, leadership.seatsShortSince is a date only when seatsFilled < seatsRequired, and null only when they are equal.',
    reads: ['leadership.seatsRequired', 'leadership.seatsFilled', 'leadership.seatsShortSince'],
    test(values) {
      const required = values[0] as number | undefined;
      const filled = values[1] as number | undefined;
      const since = values[2] as string | null | undefined;
      if (required === undefined || filled === undefined || since === undefined) return NONE;
      const short = filled < required;
      return (since !== null) === short ? NONE : [{ path: 'leadership.seatsShortSince', params: { key: 'seatsShort', filled, required, since } }];
    },
  }),
  crossFieldRule({
    describe: 'leadership.secretaryAbsentSince must be null when leadership.secretaryVacantSince is a date (a vacant post has no secretary to be absent).',
    reads: ['leadership.secretaryVacantSince', 'leadership.secretaryAbsentSince'],
    test(values) {
      const vacant = values[0] as string | null | undefined;
      const absent = values[1] as string | null | undefined;
      return typeof vacant === 'string' && typeof absent === 'string' ? [{ path: 'leadership.secretaryAbsentSince', params: { key: 'absentWhileVacant', vacant, absent } }] : NONE;
    },
  }),
  crossFieldRule({
    describe: `No date (${DATED_FIELDS.map((f) => f.path).join(', ')}) may lie after assessedOn.`,
    reads: [ASSESSED_ON.path, ...DATED_FIELDS.map((f) => f.path)],
    test(values) {
      const assessedOn = values[0] as string | undefined;
      if (assessedOn === undefined) return NONE;
      let issues: CrossFieldIssue[] | undefined;
      for (let i = 1; i < values.length; i++) {
        const value = values[i] as string | null | undefined;
        if (typeof value === 'string' && compareDates(value, assessedOn) > 0) {
          (issues ??= []).push({ path: DATED_FIELDS[i - 1]!.path, params: { key: 'afterAssessedOn', value, assessedOn } });
        }
      }
      return issues ?? NONE;
    },
  }),
];

/** Descriptions of every rule the JSON Schema cannot express, the ruleset's `extra` rule included. */
export const UNREPRESENTABLE_RULES: readonly string[] = [
  ...CROSS_FIELD_RULES.map((rule) => rule.describe),
  'Every key of extra must be declared, with its type, by the ruleset in use (an undeclared key is an error).',
];

/** The zod schema of a share: a custom check so that 85 gets "did you mean 0.85?". */
function shareSchema(): z.ZodType {
  return z
    .number()
    .superRefine((value, ctx) => {
      if (value < 0 || value > 1) ctx.addIssue({ code: 'custom', params: { key: 'share', value }, input: value });
    })
    .meta({ minimum: 0, maximum: 1 });
}

/** The zod schema of one field, from its table entry. */
function fieldSchema(field: FieldSpec): z.ZodType {
  let schema: z.ZodType;
  switch (field.type) {
    case 'id':
      schema = z.string().min(1);
      break;
    case 'text':
      schema = z.string();
      break;
    case 'count':
      schema = field.max === undefined ? z.int().nonnegative() : z.int().nonnegative().max(field.max);
      break;
    case 'amount':
      schema = field.max === undefined ? z.number().nonnegative() : z.number().nonnegative().max(field.max);
      break;
    case 'share':
      schema = shareSchema();
      break;
    case 'boolean':
      schema = z.boolean();
      break;
    case 'date':
      schema = z.iso.date();
      break;
    case 'enum':
      schema = z.literal(field.values as [string, ...string[]]);
      break;
  }
  if (field.nullable) schema = schema.nullable();
  schema = schema.meta(describe(field.label, field.doc));
  return field.required ? schema : schema.optional();
}

function describe(label: { zh: string; en: string }, doc: { zh: string; en: string }): { title: string; description: string } {
  return { title: `${label.zh} / ${label.en}`, description: `${doc.zh} ${doc.en}` };
}

/** Child groups of a group path (`org` holds `org.region`). */
function childGroups(path: string): GroupSpec[] {
  return GROUPS.filter((g) => g.path.slice(0, g.path.lastIndexOf('.')) === path && g.path !== path);
}

function groupSchema(group: GroupSpec): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const field of group.fields) shape[keyOf(field.path)] = fieldSchema(field);
  for (const child of childGroups(group.path)) shape[keyOf(child.path)] = groupSchema(child);
  const schema = z.strictObject(shape).meta(describe(group.label, group.doc));
  return group.required ? schema : schema.optional();
}

/** A value of an `extra` fact. */
const extraValue = z.union([z.number(), z.boolean(), z.string(), z.null()]);

const rootShape: Record<string, z.ZodType> = {
  [GROUPS[0]!.path]: groupSchema(GROUPS[0]!),
  [ASSESSED_ON.path]: fieldSchema(ASSESSED_ON),
  ...Object.fromEntries(INDICATOR_GROUPS.map((group) => [group.path, groupSchema(group)])),
  extra: z
    .record(z.string(), extraValue)
    .optional()
    .meta({ title: '附加指标 / extra facts', description: '省级规则集声明的附加指标。 Facts for a custom (provincial) ruleset; each key must be declared by that ruleset.' }),
};

/**
 * The `Assessment` zod schema (strict objects, cross-field rules included), made from the
 * field table. Parse untrusted input with `screen` (which turns failures into an
 * `AssessmentError`), or directly.
 *
 * @example
 * ```ts
 * const parsed = assessmentSchema.safeParse(JSON.parse(text));
 * if (!parsed.success) console.log(parsed.error.issues);
 * ```
 */
export const assessmentSchema: z.ZodType<Assessment> = z.strictObject(rootShape).superRefine(
  (input, ctx) => {
    for (const rule of CROSS_FIELD_RULES) {
      for (const issue of rule.check(input)) {
        // Every cross-field issue is at a field of an indicator group: `group.key`.
        const path = issue.path.split('.') as [string, string];
        ctx.addIssue({ code: 'custom', path, params: issue.params, input: at(input, path) });
      }
    }
  },
  { when: (payload) => record(payload.value) !== undefined },
) as unknown as z.ZodType<Assessment>;

/** Keys known at each object path of the assessment (`''` for the root), for "did you mean" hints. @internal */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(rootShape),
  ...Object.fromEntries(GROUPS.map((group) => [group.path, [...group.fields.map((f) => keyOf(f.path)), ...childGroups(group.path).map((c) => keyOf(c.path))]])),
};
