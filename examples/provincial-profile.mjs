// A provincial profile (省级排查标准): load a province's own rule files and screen one village.
//
//   npm run build && node examples/provincial-profile.mjs
//
// The profile in examples/profiles/example-province/ extends the default ten criteria with
// the province's own numbers (a 书记 post is "long vacant" after 6 months, not 3; satisfaction
// under 70%, not 60%, is low) and adds X01 书记长期在外 (secretary long absent), which reads
// a fact the ruleset declares: extra.secretaryAbsentMonths. See docs/rulesets.md.
import { fileURLToPath } from 'node:url';
import { isAssessmentError, loadRuleset, screen } from 'weak-lax-screener';

const ruleset = loadRuleset(fileURLToPath(new URL('./profiles/example-province', import.meta.url)));
console.log(`${ruleset.id} ${ruleset.version}: ${ruleset.criteria.map((c) => c.id).join(' ')}`);
console.log(`declared extra facts: ${JSON.stringify(ruleset.extraFacts)}`);

const assessment = {
  org: { id: '000000000101', name: '示例村党支部', kind: 'village', level: 'branch' },
  assessedOn: '2026-03-31',
  leadership: { seatsRequired: 5, seatsFilled: 5, secretaryVacantSince: null, workStalled: false },
  service: { satisfactionRate: 0.66 }, // under the province's 0.70: low (under the national 0.60 it would not be)
  extra: { secretaryAbsentMonths: 4 }, // away 4 of the last 12 months: X01 (at least 3)
};

const result = await screen(assessment, { ruleset });
console.log(`\n${result.orgName}: ${result.verdict}, score ${result.score}, matched ${result.matched.join(', ') || '-'}`);
for (const criterion of result.criteria) {
  const flag = criterion.outcome === 'matched' ? 'matched' : criterion.near ? 'near' : criterion.outcome;
  console.log(`  ${criterion.id} ${criterion.title.zh}: ${flag}`);
}
console.log(`thresholds used: C01 ${JSON.stringify(result.ruleset.thresholds.C01)}, C05 ${JSON.stringify(result.ruleset.thresholds.C05)}, X01 ${JSON.stringify(result.ruleset.thresholds.X01)}`);

// A key the profile does not declare is an input error, not a silently ignored fact.
try {
  await screen({ ...assessment, extra: { secretaryAbsentMonth: 4 } }, { ruleset });
} catch (error) {
  if (!isAssessmentError(error)) throw error;
  console.log(`\nundeclared extra fact rejected: ${error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
}
