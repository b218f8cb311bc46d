/**
 * The built package (dist/, made by `npm run build`, which `npm test` runs first): the ESM
 * and CommonJS builds both screen, and the error guards recognise errors across the two
 * copies, where `instanceof` cannot. The core entry (dist/index.*) imports no Node built-in;
 * the Node entry (dist/node.*) adds loadRuleset for folders.
 */
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from './helpers/fixtures.js';

const require = createRequire(import.meta.url);
type Api = typeof import('../src/index.js');
const esm = (await import('../dist/index.js' as string)) as Api;
const cjs = require('../dist/index.cjs') as Api;
const esmNode = (await import('../dist/node.js' as string)) as Api;
const cjsNode = require('../dist/node.cjs') as Api;
const dist = join(import.meta.dirname, '..', 'dist');
const profile = join(import.meta.dirname, '..', 'examples', 'profiles', 'example-province');

describe('dist: ESM and CommonJS builds', () => {
  it('both builds screen a fixture to its expected result', async () => {
    const f = fixture('31-');
    for (const api of [esm, cjs]) {
      const result = await api.screen(f.assessment);
      expect(result.verdict).toBe(f.expected.verdict);
      expect(result.score).toBe(f.expected.score);
      expect(result.matched).toEqual(f.expected.matched);
    }
  });

  it('guards work across the two copies; instanceof does not', async () => {
    const fromCjs = await cjs.screen({}).catch((e: unknown) => e);
    expect(esm.isAssessmentError(fromCjs)).toBe(true);
    expect(esm.isScreenerError(fromCjs)).toBe(true);
    expect(esm.isOptionsError(fromCjs)).toBe(false);
    expect(fromCjs instanceof esm.AssessmentError).toBe(false);
    const fromEsm = await esm.screen(f01(), { atRiskScor: 1 } as never).catch((e: unknown) => e);
    expect(cjs.isOptionsError(fromEsm)).toBe(true);
    const rulesetError = (() => { try { esm.loadRuleset({ ruleset: {}, criteria: [] }); } catch (e) { return e; } })();
    expect(cjs.isRulesetError(rulesetError)).toBe(true);
  });

  it('a ruleset from one copy is accepted by the other', async () => {
    const result = await cjs.screen(f01(), { ruleset: esm.rulesets['cn-2017-ten'] });
    expect(result.verdict).toBe('sound');
  });
});

describe('dist: core entry and Node entry', () => {
  it('the core entry and the chunks it imports name no Node built-in', () => {
    const files = ['index.js', ...new Set(readFileSync(join(dist, 'index.js'), 'utf8').match(/chunk-[A-Z0-9]+\.js/g) ?? [])];
    expect(files.length).toBeGreaterThan(1);
    const bare = (file: string) =>
      [...readFileSync(join(dist, file), 'utf8').matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["']([^"'.][^"']*)["']/g)].map((m) => m[1]!);
    for (const build of [files, ['index.cjs']]) {
      const specifiers = build.flatMap(bare);
      expect(specifiers).toEqual(expect.arrayContaining(['json-rules-engine', 'zod']));
      // Our own error map renders every message in both languages: no zod locale is imported.
      expect(specifiers.filter((s) => s.startsWith('zod/'))).toEqual([]);
      expect(specifiers.filter((s) => s.startsWith('node:') || builtinModules.includes(s))).toEqual([]);
    }
    // The Node entry is where the file system comes in.
    expect(bare('node.js')).toEqual(expect.arrayContaining(['fs', 'path']));
  });

  it('the Node entry loads a folder (ESM and CommonJS); the core entry refuses a path with a RulesetError', () => {
    for (const api of [esmNode, cjsNode]) expect(api.loadRuleset(profile).id).toBe('example-province');
    for (const api of [esm, cjs]) {
      const error = (() => { try { api.loadRuleset(profile); } catch (e) { return e; } })();
      expect(esmNode.isRulesetError(error)).toBe(true);
      expect((error as Error).message).toMatch(/needs Node/);
    }
  });

  it('both entries share one copy of each class within a format', () => {
    expect(esmNode.screen).toBe(esm.screen);
    expect(esmNode.rulesets).toBe(esm.rulesets);
    expect(esmNode.RulesetError).toBe(esm.RulesetError);
  });
});

function f01() {
  return fixture('01-').assessment;
}
