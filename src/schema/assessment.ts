/**
 * The input schema: one assessment of one grassroots Party organisation on one date.
 * Objects are strict (a misspelt key is an error, never silently missing data); every
 * indicator group and field is optional, so a criterion lacking data becomes
 * `insufficient-data` rather than guessed.
 *
 * @module
 */
import * as z from 'zod';
import { compareDates } from '../internals/dates.js';

/** Non-negative integer count over the 12 months before `assessedOn`. */
const count = () => z.int().nonnegative();

/** A real `YYYY-MM-DD` calendar date (2017-02-29 is rejected). */
const isoDate = () => z.iso.date();

const orgSchema = z.strictObject({
  /** Stable id, e.g. the 12-digit 统计用区划代码 or an internal id. */
  id: z.string().min(1),
  /** Name, e.g. 共同村党总支. */
  name: z.string().min(1),
  /** 村 (village) or 社区 (community). */
  kind: z.literal(['village', 'community']),
  /** 党委 / 党总支 / 党支部. */
  level: z.literal(['committee', 'general-branch', 'branch']).optional(),
  /** Where the organisation is; used for summaries by township and county. */
  region: z
    .strictObject({
      /** Province (省). */
      province: z.string().optional(),
      /** City (市、州). */
      city: z.string().optional(),
      /** County or district (县、区). */
      county: z.string().optional(),
      /** 乡镇 or 街道. */
      township: z.string().optional(),
    })
    .optional(),
});

// A custom check rather than min/max so that 85 gets "did you mean 0.85?"; the bounds are
// restated as metadata so that the JSON Schema carries them too.
const satisfactionRate = z
  .number()
  .superRefine((value, ctx) => {
    if (value < 0 || value > 1) ctx.addIssue({ code: 'custom', params: { key: 'share', value }, input: value });
  })
  .meta({ minimum: 0, maximum: 1, description: '群众满意率 as a share between 0 and 1 (0.85, not 85)' });

const groups = {
  /** C01: 班子配备 and the 书记 post. */
  leadership: z.strictObject({
    /** 班子职数: seats the committee should have. */
    seatsRequired: count().optional(),
    /** Seats filled; at most `seatsRequired`. */
    seatsFilled: count().optional(),
    /** Date the 书记 post fell vacant; `null` = the post is filled. */
    secretaryVacantSince: isoDate().nullable().optional(),
    /** 工作处于停滞状态: work has stalled. */
    workStalled: z.boolean().optional(),
  }),
  /** C02: the 书记's annual rating and engagement. */
  secretary: z.strictObject({
    /** 年度考核: 优秀 excellent, 称职 competent, 基本称职 basic, 不称职 incompetent. */
    rating: z.literal(['excellent', 'competent', 'basic', 'incompetent']).optional(),
    /** 工作不在状态: the secretary is disengaged. */
    disengaged: z.boolean().optional(),
  }),
  /** C03: unity of the leadership. */
  unity: z.strictObject({
    /** Reports of conflict or internal friction (矛盾、内耗) in the team. */
    conflictReports: count().optional(),
    /** 工作不能正常开展: work cannot proceed normally. */
    workDisrupted: z.boolean().optional(),
  }),
  /** C04: elections and 三会一课. */
  organisationLife: z.strictObject({
    /** Date of the last 换届 (election of the committee). */
    lastElectionOn: isoDate().optional(),
    /** 支部党员大会 held (quarterly expected). */
    branchAssemblies: count().optional(),
    /** 支委会 held (monthly expected). */
    committeeMeetings: count().optional(),
    /** 党课 given. */
    partyClasses: count().optional(),
    /** 组织生活会 held. */
    lifeMeetingHeld: z.boolean().optional(),
    /** 民主评议党员 held. */
    memberReviewHeld: z.boolean().optional(),
  }),
  /** C05: 群众满意率 as a share 0..1. */
  service: z.strictObject({
    /** 群众满意率 as a share between 0 and 1 (0.85, not 85). */
    satisfactionRate: satisfactionRate.optional(),
  }),
  /** C06: vote buying and interference. */
  elections: z.strictObject({
    /** 拉票贿选 cases. */
    voteBuyingCases: count().optional(),
    /** 宗族势力干扰: clan interference. */
    clanInterference: z.boolean().optional(),
    /** 宗教势力干扰: religious interference. */
    religiousInterference: z.boolean().optional(),
    /** 黑恶势力渗透: criminal infiltration. */
    criminalInfiltration: z.boolean().optional(),
  }),
  /** C07: disclosure and democratic management. */
  affairs: z.strictObject({
    /** 村务/居务公开: times affairs were disclosed. */
    affairsDisclosures: count().optional(),
    /** 财务公开: times finances were disclosed. */
    financeDisclosures: count().optional(),
    /** 村(居)务监督委员会 works. */
    supervisionCommitteeActive: z.boolean().optional(),
    /** 四议两公开 applied to major decisions. */
    fourTwoMethodApplied: z.boolean().optional(),
  }),
  /** C08: public security, petitions, disputes. */
  safety: z.strictObject({
    /** 刑事、治安案件: criminal and public-order cases. */
    criminalCases: count().optional(),
    /** 群体性事件: mass incidents. */
    massIncidents: count().optional(),
    /** 信访件次: petitions. */
    petitions: count().optional(),
    /** 集体访、越级访: collective or level-skipping petitions. */
    collectivePetitions: count().optional(),
    /** 未化解矛盾纠纷: unresolved disputes. */
    unresolvedDisputes: count().optional(),
  }),
  /** C09: cadres' conduct. */
  conduct: z.strictObject({
    /** 违纪违法 cases among cadres. */
    disciplineCases: count().optional(),
    /** 贪污腐化 cases. */
    corruptionCases: count().optional(),
  }),
  /** C10: the activity venue. */
  venue: z.strictObject({
    /** 固定活动场所: the organisation has a fixed activity venue. */
    hasFixedVenue: z.boolean().optional(),
  }),
  /** Extended ruleset (C11): 村集体经营性收入 in yuan over the last 12 months. */
  economy: z.strictObject({
    /** 村集体经营性收入 in yuan over the last 12 months. */
    collectiveIncome: z.number().nonnegative().optional(),
  }),
  /** Extended ruleset (C12): last date a 发展对象 was fixed; `null` = never. */
  membership: z.strictObject({
    /** Last date a 发展对象 was fixed; `null` = never. */
    lastCandidateOn: isoDate().nullable().optional(),
  }),
};

/** Dated fields that may not lie after `assessedOn`, as [group, field]. */
export const DATED_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['leadership', 'secretaryVacantSince'],
  ['organisationLife', 'lastElectionOn'],
  ['membership', 'lastCandidateOn'],
];

/** A value of an `extra` fact. */
const extraValue = z.union([z.number(), z.boolean(), z.string(), z.null()]);

/**
 * The cross-field rules JSON Schema cannot express. Listed in `assessmentJsonSchema`'s
 * description; keep the two in step.
 */
export const CROSS_FIELD_RULES: readonly string[] = [
  'leadership.seatsFilled must not exceed leadership.seatsRequired.',
  'No date (leadership.secretaryVacantSince, organisationLife.lastElectionOn, membership.lastCandidateOn) may lie after assessedOn.',
  'Every key of extra must be declared, with its type, by the ruleset in use (an undeclared key is an error).',
];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The `Assessment` zod schema (strict objects, cross-field rules included). Parse untrusted
 * input with {@link screen} (which turns failures into an `AssessmentError`), or directly.
 *
 * @example
 * ```ts
 * const parsed = assessmentSchema.safeParse(JSON.parse(text));
 * if (!parsed.success) console.log(parsed.error.issues);
 * ```
 */
export const assessmentSchema = z
  .strictObject({
    /** The organisation: id, name, kind (村 or 社区), level and region. */
    org: orgSchema,
    /** Assessment date, `YYYY-MM-DD`; counts cover the 12 months before it. */
    assessedOn: isoDate(),
    /** C01: 班子配备 and the 书记 post. */
    leadership: groups.leadership.optional(),
    /** C02: the 书记's rating and engagement. */
    secretary: groups.secretary.optional(),
    /** C03: unity of the leadership. */
    unity: groups.unity.optional(),
    /** C04: elections and 三会一课. */
    organisationLife: groups.organisationLife.optional(),
    /** C05: public satisfaction. */
    service: groups.service.optional(),
    /** C06: vote buying and interference. */
    elections: groups.elections.optional(),
    /** C07: disclosure and democratic management. */
    affairs: groups.affairs.optional(),
    /** C08: public security, petitions, disputes. */
    safety: groups.safety.optional(),
    /** C09: cadres' conduct. */
    conduct: groups.conduct.optional(),
    /** C10: the activity venue. */
    venue: groups.venue.optional(),
    /** C11 (extended ruleset): the collective economy. */
    economy: groups.economy.optional(),
    /** C12 (extended ruleset): Party recruitment. */
    membership: groups.membership.optional(),
    /** Facts for a custom (provincial) ruleset; each key must be declared by that ruleset. */
    extra: z.record(z.string(), extraValue).optional(),
  })
  .superRefine(
    (input, ctx) => {
      // Runs even when other fields failed, so that every bad field is listed at once;
      // it therefore reads only values that are themselves well-formed.
      const root = record(input);
      if (!root) return;
      const leadership = record(root.leadership);
      const required = leadership?.seatsRequired;
      const filled = leadership?.seatsFilled;
      if (Number.isInteger(required) && Number.isInteger(filled) && (filled as number) > (required as number)) {
        ctx.addIssue({
          code: 'custom',
          path: ['leadership', 'seatsFilled'],
          params: { key: 'seats', filled, required },
          input: filled,
        });
      }
      const assessedOn = root.assessedOn;
      if (typeof assessedOn !== 'string' || !isoDate().safeParse(assessedOn).success) return;
      for (const [group, field] of DATED_FIELDS) {
        const value = record(root[group])?.[field];
        if (typeof value === 'string' && isoDate().safeParse(value).success && compareDates(value, assessedOn) > 0) {
          ctx.addIssue({
            code: 'custom',
            path: [group, field],
            params: { key: 'afterAssessedOn', value, assessedOn },
            input: value,
          });
        }
      }
    },
    { when: (payload) => record(payload.value) !== undefined },
  );

/** A validated assessment of one organisation on one date. */
export type Assessment = z.infer<typeof assessmentSchema>;
/** The `org` block of an assessment. */
export type Organisation = Assessment['org'];
/** Region of an organisation (province, city, county, township or street). */
export type Region = NonNullable<Organisation['region']>;
/** A value of a declared `extra` fact. */
export type ExtraValue = z.infer<typeof extraValue>;

/** The indicator groups and their field names, for "did you mean" hints and fact lists. @internal */
export const GROUP_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(groups).map(([name, schema]) => [name, Object.keys(schema.shape)]),
);

/** Keys known at each object path of the assessment. @internal */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(assessmentSchema.shape),
  org: Object.keys(orgSchema.shape),
  'org.region': ['province', 'city', 'county', 'township'],
  ...GROUP_FIELDS,
};
