// What the size target of the browser build measures: a page that screens with the built-in
// rulesets and nothing else (scripts/check-browser.mjs bundles it for the browser with code
// splitting; the plan module, imported when the first weak-lax result needs its plan, is a
// chunk of its own and counted apart).
import { rulesets, screen } from 'weak-lax-screener';

const assessment = { org: { id: '990000000001', name: '示例村党支部', kind: 'village' }, assessedOn: '2026-03-31', leadership: { workStalled: true } };
for (const ruleset of Object.values(rulesets)) console.log((await screen(assessment, { ruleset })).verdict);
