/**
 * The measures catalogue and the timeline templates, bundled from `rules/plans/` at build
 * time (nothing is read from disk at run time) and validated when the module loads: a bad
 * file throws a {@link RulesetError} naming the file and the field.
 *
 * @module
 */
import { RulesetError } from '../errors.js';
import { parseRuleFile } from '../ruleset.js';
import {
  measuresFileSchema,
  reviewFileSchema,
  templatesFileSchema,
  type GenericMeasureSpec,
  type MeasureSpec,
  type MeasuresFile,
  type ReviewFile,
  type TemplatesFile,
} from '../schema/plans.js';
import type { PlanTemplate } from './types.js';

import measuresJson from '../../rules/plans/measures.json';
import templatesJson from '../../rules/plans/templates.json';
import reviewJson from '../../rules/plans/review.json';

/** The validated plan data: templates and measures, cross-checked. @internal */
export interface PlanCatalogue {
  templates: TemplatesFile['templates'];
  roles: MeasuresFile['roles'];
  /** For matched criteria the catalogue does not know. */
  generic: GenericMeasureSpec;
  measures: readonly MeasureSpec[];
}

/**
 * Validates the two plan files and checks them against each other: unique measure ids,
 * phases that exist in each template, roles that exist in the roles table, and phase ranges
 * that run forwards. @internal
 */
export function buildCatalogue(
  measuresInput: { file: string; content: unknown },
  templatesInput: { file: string; content: unknown },
): PlanCatalogue {
  const templatesFile = parseRuleFile(templatesFileSchema, templatesInput.content, templatesInput.file);
  const measuresFile = parseRuleFile(measuresFileSchema, measuresInput.content, measuresInput.file);
  const phaseIds: Record<PlanTemplate, Set<string>> = { intensive: new Set(), annual: new Set() };
  for (const name of ['intensive', 'annual'] as const) {
    const template = templatesFile.templates[name];
    template.phases.forEach((phase, i) => {
      const field = `templates.${name}.phases.${i}`;
      if (phaseIds[name].has(phase.id)) throw new RulesetError(templatesInput.file, `${field}.id`, `duplicate phase id "${phase.id}"`);
      phaseIds[name].add(phase.id);
      const [from, to] = 'from' in phase ? [phase.from, phase.to] : [phase.fromMonth, phase.toMonth];
      if (to < from) throw new RulesetError(templatesInput.file, field, `phase "${phase.id}" ends before it starts`);
    });
  }
  const checkRefs = (spec: Pick<MeasureSpec, 'phase' | 'role'>, field: string) => {
    for (const name of ['intensive', 'annual'] as const) {
      if (!phaseIds[name].has(spec.phase[name])) {
        throw new RulesetError(measuresInput.file, `${field}.phase.${name}`, `no phase "${spec.phase[name]}" in template ${name}`);
      }
    }
    if (!Object.hasOwn(measuresFile.roles, spec.role)) {
      throw new RulesetError(measuresInput.file, `${field}.role`, `no role "${spec.role}" in roles`);
    }
  };
  // The renderer names the accountable body (镇党委 / 街道党工委) by this key.
  if (!Object.hasOwn(measuresFile.roles, 'committee')) throw new RulesetError(measuresInput.file, 'roles.committee', 'missing');
  checkRefs(measuresFile.generic, 'generic');
  const seen = new Set<string>();
  measuresFile.measures.forEach((measure, i) => {
    const field = `measures.${i}`;
    if (seen.has(measure.id)) throw new RulesetError(measuresInput.file, `${field}.id`, `duplicate measure id "${measure.id}"`);
    seen.add(measure.id);
    checkRefs(measure, field);
  });
  return {
    templates: templatesFile.templates,
    roles: measuresFile.roles,
    generic: measuresFile.generic,
    measures: measuresFile.measures,
  };
}

/** The built-in catalogue from `rules/plans/`. @internal */
export const catalogue: PlanCatalogue = buildCatalogue(
  { file: 'rules/plans/measures.json', content: measuresJson },
  { file: 'rules/plans/templates.json', content: templatesJson },
);

/** The built-in review settings from `rules/plans/review.json`. @internal */
export const reviewSettings: ReviewFile = parseRuleFile(reviewFileSchema, reviewJson, 'rules/plans/review.json');
