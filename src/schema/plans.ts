/**
 * Zod schemas for the plan data files in `rules/plans/`: the measures catalogue
 * (`measures.json`), the timeline templates (`templates.json`) and the review settings
 * (`review.json`). Cross-file checks (a measure's phase must exist in both templates, its
 * `addresses` must name branches of its own criterion) are made by the catalogue loader in
 * `src/plan/catalogue.ts`.
 *
 * @module
 */
import * as z from 'zod';

const bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

/** A text worded per kind of organisation: 村务、村民、村“两委” for a village, 居务、居民、社区“两委” for a community. */
const byKind = z.strictObject({ village: bilingual, community: bilingual });

/**
 * A text the same for both kinds, or worded per kind. `{township}`, `{level}` and
 * `{townshipDiscipline}` are filled in from the organisation's township (镇党委, 镇, 镇纪委).
 */
const text = z.union([bilingual, byKind]);

const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be an identifier such as "C07-finance-disclosure"');

/**
 * The responsible organ of a measure (`role`): `township`, the township organ read from
 * `org.region.township` (乡党委、镇党委、苏木党委、街道党工委); `county`, 县委组织部;
 * `discipline`, 纪检监察机关; `organisation`, the village or community Party organisation itself.
 */
export const ROLE_KEYS = ['township', 'county', 'discipline', 'organisation'] as const;

/** The organs named by `role`, with the rule that reads the township organ from its name. */
/**
 * The township level of an organisation: its Party organ (镇党委, filling `{township}` in
 * texts and `role`), the level's name (镇, filling `{level}`) and its discipline body (镇纪委,
 * filling `{townshipDiscipline}`).
 */
const townshipLevelSchema = z.strictObject({ organ: bilingual, level: bilingual, discipline: bilingual });

const organsSchema = z.strictObject({
  township: z.strictObject({
    /** Removed once from the end of `org.region.township` before its ending is read (人民政府, 党委, 办事处). */
    strip: z.array(z.string().min(1)),
    /** The first ending that the (stripped) name ends with gives the level: 街道 → 街道党工委, 乡 → 乡党委 … */
    endings: z.array(townshipLevelSchema.extend({ ending: z.string().min(1) })).min(1),
    /** For a missing township, or one with another ending: 乡镇（街道）党（工）委. */
    fallback: townshipLevelSchema,
  }),
  county: bilingual,
  discipline: bilingual,
  organisation: byKind,
});

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
  /** The criterion the measure answers; `null` for the steps every plan has. */
  criterionId: z.string().min(1).nullable(),
  /**
   * The branch ids the measure answers (`C01.secretaryVacantMonths`), or `[criterionId]` for
   * a criterion-wide measure; `[]` for a common step. A plan holds a criterion's measure when
   * the criterion is matched and any of its addresses is a met branch (or it is criterion-wide).
   */
  addresses: z.array(z.string().min(1)),
  /** The kinds of organisation the measure is for; both when absent (四议两公开 is for villages only). */
  kinds: z.array(z.enum(['village', 'community'])).min(1).optional(),
  measure: text,
  goal: text,
  /** Phase id per template. */
  phase: z.strictObject({ intensive: identifier, annual: identifier }),
  /** The responsible organ (see {@link ROLE_KEYS}). */
  role: z.enum(ROLE_KEYS),
  evidence: text,
  /** Where the measure comes from: `seed plan 1`, `seed plan 2`, `domain S#`, `domain §#`. */
  source: z.string().min(1),
  /** Dated recurrences; the item is due on its last occurrence inside the plan window. */
  recurrence: recurrenceSchema.optional(),
});

/**
 * The item given to a matched criterion the catalogue has no applicable measure for (a
 * province's own criterion, or a result without branches): `{title}` in its texts is
 * replaced by the criterion's title.
 */
export const genericMeasureSchema = measureSchema.omit({ id: true, criterionId: true, addresses: true, kinds: true, recurrence: true });

/** `rules/plans/measures.json`. */
export const measuresFileSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  organs: organsSchema,
  generic: genericMeasureSchema,
  measures: z.array(measureSchema).min(1),
});

/** A text of a measure: one for both kinds, or one per kind. */
export type MeasureText = z.output<typeof text>;
/** A measure after validation. */
export type MeasureSpec = z.output<typeof measureSchema>;
/** The generic measure after validation. */
export type GenericMeasureSpec = z.output<typeof genericMeasureSchema>;
/** `measures.json` after validation. */
export type MeasuresFile = z.output<typeof measuresFileSchema>;
/** The organs table of `measures.json`. */
export type Organs = MeasuresFile['organs'];
/** A township level: its Party organ, its name and its discipline body. */
export type TownshipLevel = z.output<typeof townshipLevelSchema>;

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
 * A template counted in whole months from its anchor: the first day of the start's month
 * when the start is the 1st, otherwise the first day of the next month (seed plan 2 started
 * on 1 April).
 */
const monthTemplateSchema = z.strictObject({
  unit: z.literal('month'),
  title: bilingual,
  source: z.string().min(1),
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
