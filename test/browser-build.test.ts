/**
 * The browser build (dist/browser/, the `browser` export condition; made by `npm run build`,
 * which the test setup runs when dist/ is older than its sources) screens with the compiled
 * evaluator instead of json-rules-engine and fetches the plan module on first need. Its
 * results must be the Node build's, field by field, plans included: on every fixture, through
 * `screen` and `screenMany`. The two modules the build swaps in are tested from the sources too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateReference } from '../src/engine/reference.js';
import { evaluateReference as evaluateInBrowser } from '../src/engine/reference.browser.js';
import { loadedPlanner, loadPlanner } from '../src/plan/load.browser.js';
import { planForResult } from '../src/plan/plan.js';
import { prepareOptions, validateAssessment } from '../src/screen.js';
import { readFixtures, type Fixture } from './helpers/fixtures.js';

type Api = typeof import('../src/index.js');
const dist = join(import.meta.dirname, '..', 'dist');
const browser = (await import('../dist/browser/index.js' as string)) as Api;
const node = (await import('../dist/node.js' as string)) as Api;
const fixtures = [...readFixtures('villages'), ...readFixtures('extended')];

const optionsFor = (api: Api, f: Fixture) => ({
  ...f.options,
  ...(f.ruleset ? { ruleset: api.rulesets[f.ruleset as keyof Api['rulesets']] } : {}),
});

describe('the browser build against the Node build', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('screen: %s', async (_file, f) => {
    const [inBrowser, inNode] = await Promise.all([browser.screen(f.assessment, optionsFor(browser, f)), node.screen(f.assessment, optionsFor(node, f))]);
    expect(inBrowser.verdict).toBe(f.expected.verdict);
    // JSON reads the lazily built checklist and timeline too.
    expect(JSON.stringify(inBrowser)).toBe(JSON.stringify(inNode));
  });

  it('screenMany: every fixture of the default ruleset in one batch, plans included', async () => {
    const records = fixtures.filter((f) => !f.ruleset && !f.options).map((f) => f.assessment);
    const collect = async (api: Api) => {
      const entries = [];
      for await (const entry of api.screenMany(records)) entries.push(entry);
      return JSON.stringify(entries);
    };
    const inBrowser = await collect(browser);
    expect(inBrowser).toContain('"checklist":[{');
    expect(inBrowser).toBe(await collect(node));
  });

  it('has no json-rules-engine and no Node built-in in any module', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
    const modules = files(join(dist, 'browser'));
    expect(modules.length).toBeGreaterThan(30);
    for (const file of modules) {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\)/gm)].map((m) => m[1] ?? m[2]);
      expect(imports.filter((name) => !name!.startsWith('.') && name !== 'zod'), file).toEqual([]);
    }
  });

  it('fetches the plan chunk with a dynamic import, and only there', () => {
    const load = readFileSync(join(dist, 'browser', 'plan', 'load.js'), 'utf8');
    expect(load).toMatch(/import\("\.\/plan\.bundle\.js"\)/);
    const screenModule = readFileSync(join(dist, 'browser', 'screen.js'), 'utf8');
    expect(screenModule).not.toMatch(/plan\/plan\.js|catalogue/);
  });
});

describe('the modules the browser build swaps in (sources)', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('reference.browser.ts gives the leaf results of reference.ts: %s', async (_file, f) => {
    const { rulesets } = await import('../src/rulesets.js');
    const prepared = prepareOptions({ ...f.options, ...(f.ruleset ? { ruleset: rulesets[f.ruleset as keyof typeof rulesets] } : {}) });
    const assessment = validateAssessment(f.assessment, prepared);
    const [inBrowser, reference] = await Promise.all([
      evaluateInBrowser(prepared.ruleset, assessment, prepared.thresholds),
      evaluateReference(prepared.ruleset, assessment, prepared.thresholds),
    ]);
    expect(inBrowser).toEqual(reference);
  });

  it('load.browser.ts loads the planner once, on first need', async () => {
    expect(loadedPlanner()).toBeUndefined();
    const first = loadPlanner();
    expect(loadPlanner()).toBe(first);
    expect(await first).toBe(planForResult);
    expect(loadedPlanner()).toBe(planForResult);
  });
});
