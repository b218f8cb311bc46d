import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import {
  isAssessmentError,
  isRuleset,
  isRulesetError,
  loadRuleset,
  rulesets,
  screen,
  type Assessment,
  type AssessmentError,
  type RulesetError,
  type ScreeningResult,
} from '../src/node.js';
import { readFixtures } from './helpers/fixtures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));

/** The sound baseline village (fixtures/villages/01), read rather than copied. */
const baseline = (readJson('fixtures/villages/01-sound-baseline.json') as { assessment: Assessment }).assessment;
const extended = rulesets['cn-2019-extended'];

function criterion(result: ScreeningResult, id: string) {
  const found = result.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} in result`);
  return found;
}

describe('cn-2019-extended', () => {
  it('extends the ten with C11 and C12: twelve criteria in order', () => {
    expect(extended.id).toBe('cn-2019-extended');
    expect(extended.extends).toBe('cn-2017-ten');
    expect(extended.criteria.map((c) => c.id)).toEqual([
      'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11', 'C12',
    ]);
    expect(extended.criteria.map((c) => c.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The ten are the default ruleset's own criteria, not copies that could drift.
    expect(extended.criteria.slice(0, 10)).toEqual(rulesets['cn-2017-ten'].criteria);
  });

  it('defines C11 and C12 with the contract\'s thresholds, warning lines, weights and titles', () => {
    const [c11, c12] = extended.criteria.slice(10);
    expect(c11!.title).toEqual({ zh: '集体经济薄弱', en: 'Weak collective economy' });
    expect(c11!.thresholds).toMatchObject({ collectiveIncome: { default: 50000, warningLine: 100000, direction: 'down' } });
    expect(c11!.appliesTo).toEqual(['village']);
    expect(c12!.title.zh).toBe('发展党员停滞');
    expect(c12!.thresholds).toMatchObject({ monthsSinceAdmission: { default: 24, warningLine: 18, direction: 'up' } });
    expect([c11!.weight, c12!.weight]).toEqual([10, 10]);
    expect(c11!.sources).toEqual(['domain S15', 'domain S21']);
    expect(c12!.sources).toEqual(['domain S1']);
    expect(c11!.tree.kind).toBe('all');
    expect(c12!.tree.kind).toBe('all');
    // Both are for villages only: one named branch each, behind the org.kind guard.
    expect(c11!.branches.map((b) => b.id)).toEqual(['C11.collectiveIncome']);
    expect(c12!.branches.map((b) => b.id)).toEqual(['C12.recruitmentStalled']);
  });

  it('reports the effective thresholds of all twelve criteria', async () => {
    const result = await screen({ ...baseline, economy: { collectiveIncome: 200000 }, membership: { lastAdmittedOn: '2025-10-01' } }, { ruleset: extended });
    expect(result.ruleset).toMatchObject({ id: 'cn-2019-extended', version: '2.0.0' });
    expect(result.ruleset.thresholds.C11).toEqual({ collectiveIncome: 50000 });
    expect(result.ruleset.thresholds.C12).toEqual({ monthsSinceAdmission: 24 });
    expect(result.ruleset.thresholds.C01).toEqual({ secretaryVacantMonths: 3, secretaryAbsentMonths: 3, seatsShortMonths: 3 });
    expect(result.verdict).toBe('sound');
  });

  it('matches C12 when no admission is on record (lastAdmittedOn null), with nothing missing', async () => {
    const result = await screen({ ...baseline, economy: { collectiveIncome: 200000 }, membership: { lastAdmittedOn: null } }, { ruleset: extended });
    const c12 = criterion(result, 'C12');
    expect(c12.outcome).toBe('matched');
    expect(c12.near).toBe(false);
    // lastAdmittedOn is present (null = none on record), so it is not missing, although the
    // months since an admission cannot be computed.
    expect(c12.missing).toEqual([]);
    expect(c12.evidence).toEqual([
      { fact: 'org.kind', label: { zh: '村或社区', en: 'kind' }, operator: 'equal', threshold: 'village', actual: 'village', met: true, branch: 'C12.recruitmentStalled' },
      { fact: 'membership.lastAdmittedOn', label: { zh: '上次发展党员日期', en: 'date a probationary member was last admitted' }, operator: 'equal', threshold: null, actual: null, met: true, branch: 'C12.recruitmentStalled' },
      { fact: 'membership.monthsSinceAdmission', label: { zh: '距上次发展党员时长', en: 'time since the last admission' }, operator: 'greaterThanInclusive', threshold: 24, warningLine: 18, actual: null, met: null, branch: 'C12.recruitmentStalled' },
    ]);
    expect(c12.branches).toEqual([{ id: 'C12.recruitmentStalled', met: true }]);
    expect(result.verdict).toBe('weak-lax');
    expect(result.matched).toEqual(['C12']);
  });

  it('reports the input paths C11 and C12 need when they are absent', async () => {
    const result = await screen(baseline, { ruleset: extended });
    expect(criterion(result, 'C11')).toMatchObject({ outcome: 'insufficient-data', missing: ['economy.collectiveIncome'] });
    expect(criterion(result, 'C12')).toMatchObject({ outcome: 'insufficient-data', missing: ['membership.lastAdmittedOn'] });
    expect(result.verdict).toBe('undetermined');
  });

  it('never matches C11 for a community, nor counts it near, even without economy data', async () => {
    const community = { ...baseline, org: { ...baseline.org, kind: 'community' as const }, membership: { lastAdmittedOn: '2025-10-01' } };
    for (const economy of [undefined, { collectiveIncome: 0 }, { collectiveIncome: 70000 }]) {
      const result = await screen(economy ? { ...community, economy } : community, { ruleset: extended });
      const c11 = criterion(result, 'C11');
      expect(c11.outcome).toBe('not-matched');
      expect(c11.near).toBe(false);
      // What lies behind a guard that is not met (villages only) is never missing.
      expect(c11.missing).toEqual([]);
      expect(result.verdict).toBe('sound');
    }
  });

  it('leaves the default ruleset unchanged: economy and membership are ignored by cn-2017-ten', async () => {
    const result = await screen({ ...baseline, economy: { collectiveIncome: 0 }, membership: { lastAdmittedOn: null } });
    expect(result.criteria).toHaveLength(10);
    expect(result.verdict).toBe('sound');
  });
});

const extendedFixtures = readFixtures('extended');

describe('fixtures/extended (hand-checked, cn-2019-extended)', () => {
  it('has at least eight fixtures, all for the extended ruleset', () => {
    expect(extendedFixtures.length).toBeGreaterThanOrEqual(8);
    for (const fixture of extendedFixtures) expect(fixture.ruleset).toBe('cn-2019-extended');
  });

  it.each(extendedFixtures.map((f) => [f.file, f] as const))('%s', async (_file, fixture) => {
    const result = await screen(fixture.assessment, { ...fixture.options, ruleset: rulesets[fixture.ruleset as keyof typeof rulesets] });
    const outcomes = (outcome: string) => result.criteria.filter((c) => c.outcome === outcome).map((c) => c.id);
    expect({
      verdict: result.verdict,
      score: result.score,
      matched: result.matched,
      near: result.criteria.filter((c) => c.near).map((c) => c.id),
      insufficient: outcomes('insufficient-data'),
      missing: Object.fromEntries(result.criteria.map((c) => [c.id, c.missing])),
    }).toEqual(fixture.expected);
  });
});

const profileDir = `${root}examples/profiles/example-province`;
const profileRuleset = readJson('examples/profiles/example-province/ruleset.json') as Record<string, unknown>;
const profileX01 = readJson('examples/profiles/example-province/X01.json') as Record<string, unknown>;

/** The profile as objects, after `edit` changes copies of its ruleset.json and X01.json. */
function profileObjects(edit: (ruleset: Record<string, any>, x01: Record<string, any>) => void = () => {}) {
  const ruleset = structuredClone(profileRuleset);
  const x01 = structuredClone(profileX01);
  edit(ruleset, x01);
  return { ruleset, criteria: [x01] };
}

function rulesetError(load: () => unknown): RulesetError {
  try {
    load();
  } catch (error) {
    if (isRulesetError(error)) return error;
    throw error;
  }
  throw new Error('expected a RulesetError');
}

async function assessmentError(promise: Promise<unknown>): Promise<AssessmentError> {
  try {
    await promise;
  } catch (error) {
    if (isAssessmentError(error)) return error;
    throw error;
  }
  throw new Error('expected an AssessmentError');
}

describe('loadRuleset: the example provincial profile', () => {
  const profile = loadRuleset(profileDir);

  it('loads from a folder: the ten, then X01, with the declared extra fact', () => {
    expect(isRuleset(profile)).toBe(true);
    expect(profile).toMatchObject({ id: 'example-province', version: '2026.1', extends: 'cn-2017-ten' });
    expect(profile.criteria.map((c) => c.id)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'X01']);
    expect(profile.extraFacts).toEqual({ secretaryAbsentMonths: 'number' });
    expect(profile.criteria[10]!.file).toBe(join(profileDir, 'X01.json'));
  });

  it('loads the same ruleset from objects', () => {
    const fromObjects = loadRuleset(profileObjects());
    expect(fromObjects.criteria.map((c) => [c.id, c.thresholds])).toEqual(profile.criteria.map((c) => [c.id, c.thresholds]));
    expect(fromObjects.extraFacts).toEqual(profile.extraFacts);
  });

  it('applies the profile\'s own numbers as defaults, clamping warning lines they pass', () => {
    const byId = Object.fromEntries(profile.criteria.map((c) => [c.id, c]));
    expect(byId.C01!.thresholds.secretaryVacantMonths).toMatchObject({ default: 6, warningLine: 1 });
    expect(byId.C05!.thresholds.satisfactionRate).toMatchObject({ default: 0.7, warningLine: 0.7 });
    expect(byId.C08!.thresholds.repeatPetitions).toMatchObject({ default: 2, warningLine: 2 });
    expect(byId.C08!.thresholds.collectivePetitions).toMatchObject({ default: 2, warningLine: 1 });
    // The built-in ruleset it extends is untouched.
    expect(rulesets['cn-2017-ten'].criteria[0]!.thresholds.secretaryVacantMonths!.default).toBe(3);
  });

  it('screens with the profile\'s numbers, reported in result.ruleset.thresholds', async () => {
    const vacant = (secretaryVacantSince: string) => ({ ...baseline, leadership: { ...baseline.leadership, secretaryVacantSince }, extra: { secretaryAbsentMonths: 0 } });
    const five = await screen(vacant('2025-10-15'), { ruleset: profile });
    expect(criterion(five, 'C01')).toMatchObject({ outcome: 'not-matched', near: true });
    const six = await screen(vacant('2025-09-15'), { ruleset: profile });
    expect(criterion(six, 'C01').outcome).toBe('matched');
    expect(six.ruleset).toMatchObject({ id: 'example-province', version: '2026.1' });
    expect(six.ruleset.thresholds).toMatchObject({ C01: { secretaryVacantMonths: 6 }, C05: { satisfactionRate: 0.7 }, X01: { secretaryAbsentMonths: 3 } });
  });

  it.each([
    [undefined, 'insufficient-data', false],
    [0, 'not-matched', false],
    [2, 'not-matched', true],
    [3, 'matched', false],
    [12, 'matched', false],
  ])('X01 reads extra.secretaryAbsentMonths = %s -> %s (near %s)', async (months, outcome, near) => {
    const input = months === undefined ? baseline : { ...baseline, extra: { secretaryAbsentMonths: months } };
    const x01 = criterion(await screen(input, { ruleset: profile }), 'X01');
    expect(x01).toMatchObject({ outcome, near, missing: months === undefined ? ['extra.secretaryAbsentMonths'] : [] });
  });

  it('takes null for a declared extra fact as a known value: an ordering condition on null is not met', async () => {
    const x01 = criterion(await screen({ ...baseline, extra: { secretaryAbsentMonths: null } }, { ruleset: profile }), 'X01');
    expect(x01).toMatchObject({ outcome: 'not-matched', missing: [] });
  });

  it('lets options override the profile\'s numbers, its own criterion included', async () => {
    const input = { ...baseline, extra: { secretaryAbsentMonths: 4 } };
    const result = await screen(input, { ruleset: profile, thresholds: { X01: { secretaryAbsentMonths: 6 }, C01: { secretaryVacantMonths: 2 } } });
    expect(criterion(result, 'X01')).toMatchObject({ outcome: 'not-matched', near: true });
    expect(result.ruleset.thresholds.X01).toEqual({ secretaryAbsentMonths: 6 });
    expect(result.ruleset.thresholds.C01).toEqual({ secretaryVacantMonths: 2, secretaryAbsentMonths: 3, seatsShortMonths: 3 });
  });

  it('rejects an undeclared extra key with an AssessmentError naming extra.<key>', async () => {
    const error = await assessmentError(screen({ ...baseline, extra: { secretaryAbsentMonth: 4 } }, { ruleset: profile }));
    expect(error.issues).toEqual([{ path: 'extra.secretaryAbsentMonth', message: expect.stringContaining('not declared by ruleset example-province') }]);
  });

  it('rejects any extra key under a ruleset that declares none', async () => {
    const error = await assessmentError(screen({ ...baseline, extra: { secretaryAbsentMonths: 4 } }));
    expect(error.issues.map((issue) => issue.path)).toEqual(['extra.secretaryAbsentMonths']);
  });

  it.each([['a string', '4'], ['a boolean', true]])('rejects %s for a number extra fact', async (_label, value) => {
    const error = await assessmentError(screen({ ...baseline, extra: { secretaryAbsentMonths: value } }, { ruleset: profile }));
    expect(error.issues).toEqual([{ path: 'extra.secretaryAbsentMonths', message: expect.stringContaining('must be a number') }]);
  });

  it('reports a bad extra fact together with the assessment\'s other bad fields', async () => {
    const error = await assessmentError(
      screen({ ...baseline, service: { satisfactionRate: 85 }, extra: { secretaryAbsentMonths: 'x', other: 1 } }, { ruleset: profile, locale: 'zh-CN' }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['service.satisfactionRate', 'extra.secretaryAbsentMonths', 'extra.other']);
    expect(error.issues[2]!.message).toContain('未在规则集 example-province 中声明');
  });
});

describe('loadRuleset: objects, bases and extends', () => {
  it('extends a ruleset given in bases, and a built-in one by id', () => {
    const province = loadRuleset(profileObjects());
    const county = loadRuleset({
      ruleset: { id: 'example-county', version: '1', extends: 'example-province', criteria: [], thresholds: { X01: { secretaryAbsentMonths: 2 } } },
      criteria: [],
      bases: [province],
    });
    expect(county.criteria.map((c) => c.id)).toEqual(province.criteria.map((c) => c.id));
    expect(county.extraFacts).toEqual({ secretaryAbsentMonths: 'number' });
    expect(county.criteria[10]!.thresholds.secretaryAbsentMonths).toMatchObject({ default: 2, warningLine: 2 });
    const twelve = loadRuleset({ ruleset: { id: 'x', version: '1', extends: 'cn-2019-extended', criteria: [] }, criteria: [] });
    expect(twelve.criteria).toHaveLength(12);
  });

  it('lets a profile replace an inherited criterion by id, keeping its place', () => {
    const c10 = readJson('rules/cn-2017-ten/C10.json') as Record<string, any>;
    const replaced = loadRuleset({
      ruleset: { id: 'x', version: '1', extends: 'cn-2017-ten', criteria: [] },
      criteria: [{ ...c10, title: { zh: '无固定活动场所或场所不达标', en: 'No fixed venue, or a substandard one' } }],
    });
    expect(replaced.criteria.map((c) => c.id)).toEqual(rulesets['cn-2017-ten'].criteria.map((c) => c.id));
    expect(replaced.criteria[9]!.title.zh).toBe('无固定活动场所或场所不达标');
  });

  it('rebuilds the extended ruleset from its own files', () => {
    const fromFolder = loadRuleset(`${root}rules/cn-2019-extended`);
    expect(fromFolder.criteria.map((c) => [c.id, c.thresholds])).toEqual(extended.criteria.map((c) => [c.id, c.thresholds]));
  });
});

describe('loadRuleset: a bad profile is a RulesetError naming the file and the field', () => {
  it.each<[string, (r: Record<string, any>, x: Record<string, any>) => void, string, string, RegExp]>([
    ['bad operator', (_r, x) => { x.conditions.any[0].operator = 'atLeast'; }, 'criteria[0] (X01)', 'conditions.any.0.operator', /expected one of/],
    ['bad operator in a nested tree', (_r, x) => { x.conditions = { any: [{ all: [{ fact: 'extra.secretaryAbsentMonths', operator: 'gte', value: 1 }] }] }; }, 'criteria[0] (X01)', 'conditions.any.0.all.0.operator', /expected one of/],
    ['misspelt condition key', (_r, x) => { x.conditions.any[0] = { fact: 'org.kind', operater: 'equal', value: 'village' }; }, 'criteria[0] (X01)', 'conditions.any.0.operator', /expected one of/],
    ['unknown fact', (_r, x) => { x.conditions.any[0].fact = 'leadership.secretaryAbsent'; }, 'criteria[0] (X01)', 'conditions.any.0.fact', /unknown fact "leadership.secretaryAbsent"/],
    ['extra fact not declared', (r) => { r.extraFacts = {}; }, 'criteria[0] (X01)', 'conditions.any.0.fact', /not declared in ruleset.json extraFacts/],
    ['threshold not declared in the file', (_r, x) => { x.conditions.any[0].value.fact = 'threshold.X01.absentMonths'; }, 'criteria[0] (X01)', 'conditions.any.0.value.fact', /does not name a threshold declared/],
    ['threshold of another criterion', (_r, x) => { x.conditions.any[0].value.fact = 'threshold.C01.secretaryVacantMonths'; }, 'criteria[0] (X01)', 'conditions.any.0.value.fact', /does not name a threshold declared/],
    ['threshold declared but unused', (_r, x) => { x.thresholds.other = { default: 1, source: 'local default' }; }, 'criteria[0] (X01)', 'thresholds.other', /no condition uses it/],
    ['threshold with an equality operator', (_r, x) => { x.conditions.any[0].operator = 'equal'; }, 'criteria[0] (X01)', 'conditions.any.0.operator', /ordering operator/],
    ['ruleset.json overrides an undeclared threshold of an inherited criterion', (r) => { r.thresholds.C01 = { secretaryVacant: 3 }; }, 'ruleset', 'thresholds.C01.secretaryVacant', /no threshold "secretaryVacant"/],
    ['ruleset.json overrides an undeclared threshold of its own criterion', (r) => { r.thresholds.X01 = { absent: 3 }; }, 'ruleset', 'thresholds.X01.absent', /no threshold "absent"/],
    ['ruleset.json overrides an unknown criterion', (r) => { r.thresholds.C42 = { repeatPetitions: 3 }; }, 'ruleset', 'thresholds.C42', /unknown criterion "C42"/],
    ['warning line on the wrong side', (_r, x) => { x.thresholds.secretaryAbsentMonths.warningLine = 4; }, 'criteria[0] (X01)', 'thresholds.secretaryAbsentMonths.warningLine', /wrong side.*must be lower/],
    ['warning line equal to the threshold it would meet', (_r, x) => { x.thresholds.secretaryAbsentMonths.warningLine = 3; }, 'criteria[0] (X01)', 'thresholds.secretaryAbsentMonths.warningLine', /wrong side/],
    ['duplicate id in the criteria list', (r) => { r.criteria = ['X01', 'X01']; }, 'ruleset', 'criteria.1', /duplicate criterion id "X01"/],
    ['criterion listed but not defined', (r) => { r.criteria = ['X01', 'X02']; }, 'ruleset', 'criteria.1', /no rule file defines criterion "X02"/],
    ['criterion defined but not listed', (r) => { r.criteria = []; }, 'criteria[0] (X01)', 'id', /not listed/],
    ['unknown extends', (r) => { r.extends = 'cn-2018-nine'; }, 'ruleset', 'extends', /unknown base ruleset "cn-2018-nine"/],
    ['unknown extra fact type', (r) => { r.extraFacts.secretaryAbsentMonths = 'integer'; }, 'ruleset', 'extraFacts.secretaryAbsentMonths', /expected one of/],
    ['unknown key in ruleset.json', (r) => { r.extend = 'cn-2017-ten'; }, 'ruleset', 'extend', /unknown key/],
    ['unknown key in a criterion file', (_r, x) => { x.weigth = 5; }, 'criteria[0] (X01)', 'weigth', /unknown key/],
    ['missing title', (_r, x) => { delete x.title; }, 'criteria[0] (X01)', 'title', /expected object/],
    ['JSONPath filter in a path', (_r, x) => { x.conditions.any[0] = { fact: 'leadership', path: '$..seatsFilled', operator: 'equal', value: 1 }; }, 'criteria[0] (X01)', 'conditions.any.0.path', /"path" is not accepted: write the dotted fact name instead/],
    ['a plain path, with the dotted name to write instead', (_r, x) => { x.conditions.any[0] = { fact: 'leadership', path: '$.seatsFilled', operator: 'equal', value: 1 }; }, 'criteria[0] (X01)', 'conditions.any.0.path', /instead \("leadership\.seatsFilled"\)/],
  ])('%s', (_label, edit, file, field, message) => {
    const error = rulesetError(() => loadRuleset(profileObjects(edit)));
    expect(error.code).toBe('ERR_RULESET');
    expect({ file: error.file, field: error.field }).toEqual({ file, field });
    expect(error.message).toMatch(message);
  });

  it('rejects two criterion objects with the same id, naming the second', () => {
    const error = rulesetError(() => loadRuleset({ ruleset: profileRuleset, criteria: [profileX01, profileX01] }));
    expect({ file: error.file, field: error.field }).toEqual({ file: 'criteria[1] (X01)', field: 'id' });
  });

  describe('from a folder, naming the file on disk', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'wls-rulesets-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    let n = 0;
    /** A copy of the example profile in a fresh folder, changed by `edit`. */
    function copy(edit: (dir: string) => void): string {
      const dir = join(scratch, `case-${++n}`, 'example-province');
      cpSync(profileDir, dir, { recursive: true });
      edit(dir);
      return dir;
    }
    const write = (file: string, content: unknown) => writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));

    it('names the criterion file and field', () => {
      const dir = copy((d) => write(join(d, 'X01.json'), { ...profileX01, conditions: { any: [{ fact: 'extra.secretaryAbsentMonths', operator: 'atLeast', value: 3 }] } }));
      const error = rulesetError(() => loadRuleset(dir));
      expect({ file: error.file, field: error.field }).toEqual({ file: join(dir, 'X01.json'), field: 'conditions.any.0.operator' });
    });

    it('rejects a criterion whose id differs from its file name', () => {
      const dir = copy((d) => write(join(d, 'X01.json'), { ...profileX01, id: 'X02' }));
      const error = rulesetError(() => loadRuleset(dir));
      expect({ file: error.file, field: error.field }).toEqual({ file: join(dir, 'X01.json'), field: 'id' });
      expect(error.message).toMatch(/does not match the file name/);
    });

    it('rejects invalid JSON, naming the file', () => {
      const dir = copy((d) => write(join(d, 'X01.json'), '{ "id": "X01", '));
      const error = rulesetError(() => loadRuleset(dir));
      expect(error.file).toBe(join(dir, 'X01.json'));
      expect(error.message).toMatch(/not valid JSON/);
    });

    it('rejects a folder without ruleset.json, and a folder that does not exist', () => {
      const dir = copy((d) => rmSync(join(d, 'ruleset.json')));
      expect(rulesetError(() => loadRuleset(dir)).file).toBe(join(dir, 'ruleset.json'));
      expect(rulesetError(() => loadRuleset(join(scratch, 'nowhere'))).message).toMatch(/cannot read folder/);
    });

    it('names ruleset.json for an unknown extends', () => {
      const dir = copy((d) => write(join(d, 'ruleset.json'), { ...profileRuleset, extends: 'cn-2018-nine' }));
      const error = rulesetError(() => loadRuleset(dir));
      expect({ file: error.file, field: error.field }).toEqual({ file: join(dir, 'ruleset.json'), field: 'extends' });
    });

    it('extends a sibling folder, and rejects circular extends', () => {
      const dir = copy(() => {});
      const county = join(dir, '..', 'example-county');
      cpSync(dir, county, { recursive: true });
      rmSync(join(county, 'X01.json'));
      write(join(county, 'ruleset.json'), { id: 'example-county', version: '1', extends: 'example-province', criteria: [] });
      expect(loadRuleset(county).criteria.map((c) => c.id).at(-1)).toBe('X01');
      write(join(dir, 'ruleset.json'), { ...profileRuleset, extends: 'example-county' });
      expect(rulesetError(() => loadRuleset(county)).message).toMatch(/circular extends/);
    });
  });
});
