/**
 * The options schema shared by `screen` and `screenMany`. Names of criteria and thresholds
 * depend on the ruleset in use, so they are checked beside the ruleset loader.
 *
 * @module
 */
import * as z from 'zod';
import { hasRulesetBrand } from '../internals/brand.js';

/** Plan templates: `intensive` (seed plan 1, 91 days) and `annual` (seed plan 2, April–December). */
export const TEMPLATES = ['intensive', 'annual'] as const;

/** Schema of screening options. */
export const screenOptionsSchema = z.strictObject({
  ruleset: z
    .custom<object>(hasRulesetBrand, { params: { key: 'notARuleset' } })
    .optional(),
  thresholds: z.record(z.string(), z.record(z.string(), z.number().finite())).optional(),
  atRiskScore: z.number().finite().nonnegative().optional(),
  plan: z
    .strictObject({
      start: z.iso.date().optional(),
      template: z.enum(TEMPLATES).optional(),
    })
    .optional(),
  electionRound: z.strictObject({ approvedUntil: z.iso.date() }).optional(),
  locale: z.enum(['en', 'zh-CN']).optional(),
});
