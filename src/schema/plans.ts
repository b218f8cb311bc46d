/**
 * Zod schemas for the plan data files in `rules/plans/`: the measures catalogue
 * (`measures.json`) and the timeline templates (`templates.json`). Cross-file checks (a
 * measure's phase must exist in the template, its role in the roles table) are made by the
 * catalogue loader in `src/plan/catalogue.ts`.
 *
 * @module
 */
import * as z from 'zod';

const bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be an identifier such as "C07-finance-disclosure"');

/** A responsible body, named per kind of organisation (村 → 镇…, 社区 → 街道…). */
const roleSchema = z.strictObject({ village: bilingual, community: bilingual });

/**
 * A recurrence inside the plan window: the given `day` of each listed month (1..12). Days
 * stop at 28 so every occurrence is a real date in every month.
 */
const recurrenceSchema = z.strictObject({
  months: z.array(z.int().min(1).max(12)).min(1),
  day: z.int().min(1).max(28),
  /** Why these dates, for readers of the file. */
  note: z.string().optional(),
});

/** One measure (整改措施) of the catalogue. */
export const measureSchema = z.strictObject({
  id: identifier,
  /** The criterion the measure addresses; `null` for the steps every plan has. */
  criterionId: z.string().min(1).nullable(),
  measure: bilingual,
  goal: bilingual,
  /** Phase id per template. */
  phase: z.strictObject({ intensive: identifier, annual: identifier }),
  /** `phase-end` (default): due at the end of its phase; `plan-end`: due when the plan ends (recurring work). */
  due: z.enum(['phase-end', 'plan-end']).default('phase-end'),
  /** Key into the file's `roles`. */
  role: identifier,
  evidence: bilingual,
  /** Where the measure comes from: `seed plan 1`, `seed plan 2`, `domain S#`. */
  source: z.string().min(1),
  recurrence: recurrenceSchema.optional(),
});

/**
 * The item given to a matched criterion the catalogue does not know (a province's own
 * criterion): `{title}` in its texts is replaced by the criterion's title.
 */
export const genericMeasureSchema = measureSchema.omit({ id: true, criterionId: true, recurrence: true, due: true });

/** `rules/plans/measures.json`. */
export const measuresFileSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  roles: z.record(identifier, roleSchema),
  generic: genericMeasureSchema,
  measures: z.array(measureSchema).min(1),
});

/** A measure after validation (defaults filled in). */
export type MeasureSpec = z.output<typeof measureSchema>;
/** The generic measure after validation. */
export type GenericMeasureSpec = z.output<typeof genericMeasureSchema>;
/** `measures.json` after validation. */
export type MeasuresFile = z.output<typeof measuresFileSchema>;

const dayPhaseSchema = z.strictObject({
  id: identifier,
  title: bilingual,
  /** Inclusive day offsets from the plan's start. */
  from: z.int().nonnegative(),
  to: z.int().nonnegative(),
});

const monthPhaseSchema = z.strictObject({
  id: identifier,
  title: bilingual,
  /** Inclusive month offsets from the anchor month (0 = the anchor month itself); whole months. */
  fromMonth: z.int().nonnegative(),
  toMonth: z.int().nonnegative(),
});

/** A template counted in days from the start (seed plan 1). */
const dayTemplateSchema = z.strictObject({
  unit: z.literal('day'),
  title: bilingual,
  source: z.string().min(1),
  phases: z.array(dayPhaseSchema).min(1),
});

/**
 * A template counted in whole months from the first `anchorMonth`-1 on or after the start
 * (seed plan 2: the first 1 April).
 */
const monthTemplateSchema = z.strictObject({
  unit: z.literal('month'),
  title: bilingual,
  source: z.string().min(1),
  anchorMonth: z.int().min(1).max(12),
  phases: z.array(monthPhaseSchema).min(1),
});

/** `rules/plans/templates.json`: exactly the two contract templates. */
export const templatesFileSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  templates: z.strictObject({
    intensive: z.discriminatedUnion('unit', [dayTemplateSchema, monthTemplateSchema]),
    annual: z.discriminatedUnion('unit', [dayTemplateSchema, monthTemplateSchema]),
  }),
});

/** `templates.json` after validation. */
export type TemplatesFile = z.output<typeof templatesFileSchema>;
/** One template after validation. */
export type TemplateSpec = TemplatesFile['templates']['intensive'];

const reviewActionSchema = z.strictObject({ text: bilingual, source: z.string().min(1) });

/** `rules/plans/review.json`: periods and actions proposed by `review`. */
export const reviewFileSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  /** Months of consolidation after a converted organisation's follow-up assessment. */
  consolidateMonths: z.int().positive(),
  /** Months after the follow-up assessment of the look-back (回头看). */
  lookBackMonths: z.int().positive(),
  /** Months after the follow-up assessment of the new deadline when not converted. */
  deadlineMonths: z.int().positive(),
  actions: z.strictObject({
    stay: reviewActionSchema,
    order: reviewActionSchema,
    reassess: reviewActionSchema,
    newProblems: reviewActionSchema,
    refer: reviewActionSchema,
  }),
});

/** `review.json` after validation. */
export type ReviewFile = z.output<typeof reviewFileSchema>;
