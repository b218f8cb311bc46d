/**
 * The measures catalogue and the timeline templates, bundled from `rules/plans/` at build
 * time (nothing is read from disk at run time) and validated when the module loads: a bad
 * file throws a {@link RulesetError} naming the file and the field.
 *
 * @module
 */
import { parseRuleFile } from '../ruleset.js';
import { rulesetError as ruleFileError, type Params } from '../schema/messages.js';
import { CATALOGUE_MESSAGES } from './messages.js';

/** A `RulesetError` about the plan catalogue. */
function rulesetError(file: string, field: string, key: string, params: Params = {}) {
  return ruleFileError(file, field, key, params, CATALOGUE_MESSAGES);
}
import {
  measuresFileSchema,
  reviewFileSchema,
  templatesFileSchema,
  type GenericMeasureSpec,
  type MeasureSpec,
  type Organs,
  type ReviewFile,
  type TemplatesFile,
} from '../schema/plans.js';
import { addressKind } from './branches.js';
import { PLACEHOLDERS } from './organs.js';
import type { PlanTemplate } from './types.js';

import measuresJson from '../../rules/plans/measures.json';
import templatesJson from '../../rules/plans/templates.json';
import reviewJson from '../../rules/plans/review.json';

/** The validated plan data: templates and measures, cross-checked. @internal */
export interface PlanCatalogue {
  templates: TemplatesFile['templates'];
  organs: Organs;
  /** For a matched criterion no measure applies to. */
  generic: GenericMeasureSpec;
  measures: readonly MeasureSpec[];
  /** The common steps (`criterionId: null`), in file order. */
  common: readonly MeasureSpec[];
  /** Each criterion's measures, in file order. */
  byCriterion: ReadonlyMap<string, readonly MeasureSpec[]>;
}

/**
 * Checks a measure's `addresses`: `[]` for a common step; for a criterion's measure either
 * `[criterionId]` (criterion-wide) or branch ids of that criterion, each a known branch of
 * the built-in rulesets, none twice.
 */
function checkAddresses(measure: MeasureSpec, field: string, file: string): void {
  const fail = (key: string, params: Record<string, unknown> = {}): never => {
    throw rulesetError(file, `${field}.addresses`, key, { criterionId, ...params });
  };
  const { criterionId, addresses } = measure;
  if (criterionId === null) {
    if (addresses.length > 0) fail('measureCommonStep');
    return;
  }
  if (addressKind(criterionId) !== 'criterion') throw rulesetError(file, `${field}.criterionId`, 'measureNotCriterion', { criterionId });
  if (addresses.length === 0) fail('measureNoAddress');
  if (new Set(addresses).size !== addresses.length) fail('measureBranchTwice');
  if (addresses.includes(criterionId)) {
    if (addresses.length > 1) fail('measureWideAlone');
    return;
  }
  for (const address of addresses) {
    if (!address.startsWith(`${criterionId}.`)) fail('measureOtherBranch', { address });
    if (addressKind(address) !== 'branch') fail('measureUnknownBranch', { address });
  }
}

/** Checks that a measure's texts hold no placeholder but the township ones (and `{title}` where allowed). */
function checkPlaceholders(spec: Pick<MeasureSpec, 'measure' | 'goal' | 'evidence'>, field: string, file: string, allowed: readonly string[]): void {
  for (const key of ['measure', 'goal', 'evidence'] as const) {
    const text = spec[key];
    const entries: Array<[string, string]> =
      'zh' in text
        ? [['zh', text.zh], ['en', text.en]]
        : (['village', 'community'] as const).flatMap((kind): Array<[string, string]> => [[`${kind}.zh`, text[kind].zh], [`${kind}.en`, text[kind].en]]);
    for (const [path, value] of entries) {
      const unknown = (value.match(/\{[^}]*\}/g) ?? []).find((p) => !allowed.includes(p));
      if (unknown) throw rulesetError(file, `${field}.${key}.${path}`, 'unknownPlaceholder', { placeholder: unknown, known: allowed.join(', ') });
    }
  }
}

/**
 * Validates the two plan files and checks them against each other: unique measure ids,
 * phases that exist in each template, addresses that name known branches of the measure's
 * own criterion, texts with known placeholders only, and phase ranges that run forwards. @internal
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
      if (phaseIds[name].has(phase.id)) throw rulesetError(templatesInput.file, `${field}.id`, 'duplicatePhase', { id: phase.id });
      phaseIds[name].add(phase.id);
      const [from, to] = 'from' in phase ? [phase.from, phase.to] : [phase.fromMonth, phase.toMonth];
      if (to < from) throw rulesetError(templatesInput.file, field, 'phaseBackwards', { id: phase.id });
    });
  }
  const checkPhases = (spec: Pick<MeasureSpec, 'phase'>, field: string) => {
    for (const name of ['intensive', 'annual'] as const) {
      if (!phaseIds[name].has(spec.phase[name])) {
        throw rulesetError(measuresInput.file, `${field}.phase.${name}`, 'noSuchPhase', { phase: spec.phase[name], template: name });
      }
    }
  };
  checkPhases(measuresFile.generic, 'generic');
  checkPlaceholders(measuresFile.generic, 'generic', measuresInput.file, [...PLACEHOLDERS, '{title}']);
  const seen = new Set<string>();
  measuresFile.measures.forEach((measure, i) => {
    const field = `measures.${i}`;
    if (seen.has(measure.id)) throw rulesetError(measuresInput.file, `${field}.id`, 'duplicateMeasure', { id: measure.id });
    seen.add(measure.id);
    checkPhases(measure, field);
    checkAddresses(measure, field, measuresInput.file);
    checkPlaceholders(measure, field, measuresInput.file, PLACEHOLDERS);
  });
  const byCriterion = new Map<string, MeasureSpec[]>();
  for (const measure of measuresFile.measures) {
    if (measure.criterionId === null) continue;
    const list = byCriterion.get(measure.criterionId) ?? [];
    list.push(measure);
    byCriterion.set(measure.criterionId, list);
  }
  return {
    templates: templatesFile.templates,
    organs: measuresFile.organs,
    generic: measuresFile.generic,
    measures: measuresFile.measures,
    common: measuresFile.measures.filter((m) => m.criterionId === null),
    byCriterion,
  };
}

/** The built-in catalogue from `rules/plans/`. @internal */
export const catalogue: PlanCatalogue = buildCatalogue(
  { file: 'rules/plans/measures.json', content: measuresJson },
  { file: 'rules/plans/templates.json', content: templatesJson },
);

/** The built-in review settings from `rules/plans/review.json`. @internal */
export const reviewSettings: ReviewFile = parseRuleFile(reviewFileSchema, reviewJson, 'rules/plans/review.json');
