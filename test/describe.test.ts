/** Evidence in words: labels, values as an official writes them, and the rule's comparison. */
import { describe, expect, it } from 'vitest';
import { describeEvidence, describeWarningLine, evidenceStatus, fieldLabel, problemsOf, screen, warningsOf } from '../src/index.js';
import { fixture } from './helpers/fixtures.js';

const criterion = async (prefix: string, id: string) => (await screen(fixture(prefix).assessment)).criteria.find((c) => c.id === id)!;

describe('describeEvidence', () => {
  it('a matched month fact: label, value in words, the rule\'s comparison (fixture 04: 3 months 1 day vacant)', async () => {
    const c01 = await criterion('04-', 'C01');
    expect(problemsOf(c01)).toEqual([{ zh: '书记空缺时长3个月1天，超过3个月', en: 'secretary post vacant for 3 months 1 day, more than 3 months' }]);
  });

  it('a near criterion says which warning line was passed (fixture 03: exactly 3 months)', async () => {
    const c01 = await criterion('03-', 'C01');
    expect(warningsOf(c01)).toEqual([
      { zh: '书记空缺时长3个月，未超过3个月（预警线：超过1个月）', en: 'secretary post vacant for 3 months, not more than 3 months (warning line: more than 1 month)' },
    ]);
  });

  it('shares as percentages, counts with their unit, yes and no, enumerations in Chinese', async () => {
    expect(warningsOf(await criterion('20-', 'C05'))[0]!.zh).toBe('群众满意率60%，不低于60%（预警线：低于70%）');
    const c07 = await criterion('42-', 'C07');
    expect(problemsOf(c07).map((p) => p.zh)).toEqual(['村（居）务公开次数1次，低于4次', '财务公开次数0次，低于4次', '村（居）务监督委员会正常运行：否', '落实“四议两公开”：否']);
    expect(problemsOf(await criterion('16-', 'C02')).map((p) => p.zh)).toEqual(['书记年度考核等次：基本称职', '书记上一年度考核等次：基本称职']);
  });

  it('leaves out guards and conditions of branches that were not met', async () => {
    // Fixture 01 is sound: C07's village guard is met, its branch is not; C04's postponement leaf is met, its branch is not.
    for (const c of (await screen(fixture('01-').assessment)).criteria) expect(problemsOf(c)).toEqual([]);
  });

  it('says what is missing, and what a met condition means: a problem found', async () => {
    const c02 = await criterion('23-', 'C02');
    const missing = c02.evidence.find((e) => e.fact === 'secretary.previousRating')!;
    expect(describeEvidence(missing)).toEqual({ zh: '书记上一年度考核等次：缺少数据', en: 'secretary’s rating the year before: data missing' });
    expect(evidenceStatus(missing, c02).zh).toBe('缺少数据');
    // Fixture 16: two years 基本称职, both conditions of C02.twoYearsBasic met.
    const twice = await criterion('16-', 'C02');
    expect(twice.evidence.map((e) => evidenceStatus(e, twice).zh)).toEqual(['未发现问题', '存在问题', '存在问题', '未发现问题']);
    // The baseline: 延期换届未经批准 is met, but the term has not run out: no problem.
    const c04 = await criterion('01-', 'C04');
    const postponement = c04.evidence.find((e) => e.fact === 'organisationLife.postponementApproved')!;
    expect([postponement.met, evidenceStatus(postponement, c04).zh]).toEqual([true, '未发现问题']);
    expect(describeWarningLine(missing)).toBeUndefined();
  });

  it('labels input fields and derived facts, never a bare path', () => {
    expect(fieldLabel('leadership.seatsFilled')).toEqual({ zh: '班子实有人数', en: 'seats filled' });
    expect(fieldLabel('leadership.secretaryVacantMonths')).toEqual({ zh: '书记空缺时长', en: 'secretary post vacant for' });
    expect(fieldLabel('leadership.nope')).toBeUndefined();
  });
});
