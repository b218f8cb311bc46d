// A placeholder for the browser example page: screens one invented village with the
// default ruleset and the extended one and shows the verdicts. scripts/check-browser.sh
// bundles it for the browser (esbuild) to prove the core entry needs no Node built-in.
import { rulesets, screen } from 'weak-lax-screener';

const assessment = {
  org: { id: '990000000001', name: '示例村党支部', kind: 'village' },
  assessedOn: '2026-03-31',
  leadership: { seatsRequired: 5, seatsFilled: 5, secretaryVacantSince: '2025-10-15', workStalled: false },
  service: { satisfactionRate: 0.66 },
  economy: { collectiveIncome: 30000 },
};

const lines = [];
(async () => {
for (const ruleset of [rulesets['cn-2017-ten'], rulesets['cn-2019-extended']]) {
  const result = await screen(assessment, { ruleset });
  lines.push(`${ruleset.id}: ${result.verdict} (${result.matched.join(', ') || '—'})`);
}
if (typeof document === 'undefined') console.log(lines.join('\n'));
else document.body.textContent = lines.join('\n');
})();
