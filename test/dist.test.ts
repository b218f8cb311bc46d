/**
 * The built package (dist/, made by `npm run build`, which `npm test` runs first): the ESM
 * and CommonJS builds both screen, and the error guards recognise errors across the two
 * copies, where `instanceof` cannot.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fixture } from './helpers/fixtures.js';

const require = createRequire(import.meta.url);
type Api = typeof import('../src/index.js');
const esm = (await import('../dist/index.js' as string)) as Api;
const cjs = require('../dist/index.cjs') as Api;

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

function f01() {
  return fixture('01-').assessment;
}
