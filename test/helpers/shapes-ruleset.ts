/**
 * A custom ruleset extending cn-2017-ten with every condition shape the rule format allows,
 * so that the compiled evaluator is tested beyond the default ruleset's flat `any`s: `all`,
 * `not`, nesting, `in`/`notIn`, `notEqual`, inclusive and strict comparisons, a comparison with
 * another field, declared `extra` facts of each type, derived months, and
 * weights other than 10.
 */
import fc from 'fast-check';
import { loadRuleset } from '../../src/rulesets.js';
import { assessmentArb } from './arbitraries.js';

const meta = (id: string, no: number, weight: number) => ({
  id,
  no,
  title: { zh: `测试${id}`, en: `Test ${id}` },
  seedWording: `测试${id}`,
  weight,
  event: { type: 'criterion-matched' },
});

export const shapesRuleset = loadRuleset({
  ruleset: {
    id: 'test-shapes',
    version: '0.0.1',
    extends: 'cn-2017-ten',
    criteria: ['X11', 'X12', 'X13', 'X14'],
    extraFacts: { income: 'number', audited: 'boolean', grade: 'string' },
  },
  criteria: [
    {
      ...meta('X11', 11, 7.5),
      thresholds: { income: { default: 50000, warningLine: 100000, source: 'test' } },
      conditions: {
        all: [
          { fact: 'org.kind', operator: 'equal', value: 'village' },
          { fact: 'extra.income', operator: 'lessThan', value: { fact: 'threshold.X11.income' } },
        ],
      },
    },
    {
      ...meta('X12', 12, 10),
      thresholds: { monthsSinceAdmission: { default: 24, warningLine: 18, source: 'test' } },
      conditions: {
        any: [
          { fact: 'membership.lastAdmittedOn', operator: 'equal', value: null },
          { fact: 'membership.monthsSinceAdmission', operator: 'greaterThanInclusive', value: { fact: 'threshold.X12.monthsSinceAdmission' } },
        ],
      },
    },
    {
      ...meta('X13', 13, 0.3),
      thresholds: { repeatPetitions: { default: 8, warningLine: 4, source: 'test' } },
      conditions: {
        all: [
          { not: { fact: 'extra.audited', operator: 'equal', value: true } },
          {
            any: [
              { fact: 'secretary.rating', operator: 'in', value: ['basic', 'incompetent'] },
              { fact: 'extra.grade', operator: 'notIn', value: ['A', 'B'] },
              { fact: 'safety.repeatPetitions', operator: 'greaterThan', value: { fact: 'threshold.X13.repeatPetitions' } },
              { not: { any: [{ fact: 'org.level', operator: 'notEqual', value: 'branch' }, { fact: 'venue.hasFixedVenue', operator: 'equal', value: true }] } },
            ],
          },
        ],
      },
    },
    {
      ...meta('X14', 14, 12),
      thresholds: { rate: { default: 0.5, warningLine: 0.8, source: 'test' } },
      conditions: {
        any: [
          { fact: 'service.satisfactionRate', operator: 'lessThanInclusive', value: { fact: 'threshold.X14.rate' } },
          { fact: 'affairs.affairsDisclosures', operator: 'lessThan', value: { fact: 'affairs.financeDisclosures' } },
          { fact: 'leadership.secretaryVacantMonths', operator: 'greaterThan', value: 4 },
          { not: { fact: 'organisationLife.monthsSinceElection', operator: 'lessThanInclusive', value: 70 } },
        ],
      },
    },
  ],
});

/** Assessments for the shapes ruleset: the usual ones, sometimes with declared extras. */
export const shapesAssessmentArb = fc
  .tuple(
    assessmentArb,
    fc.option(
      fc.record(
        {
          income: fc.oneof(fc.constantFrom(0, 49_999, 50_000, 99_999, 100_000, null), fc.nat(200_000)),
          audited: fc.oneof(fc.boolean(), fc.constant(null)),
          grade: fc.oneof(fc.constantFrom('A', 'B', 'C', ''), fc.constant(null)),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  )
  .map(([assessment, extra]) => (extra === undefined ? assessment : { ...assessment, extra }));
