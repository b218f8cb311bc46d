import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isOptionsError, isRulesetError, planRectification, screen, type RectificationPlan } from '../src/index.js';
import { buildCatalogue, catalogue } from '../src/plan/catalogue.js';
import { BUILT_IN_BRANCHES } from '../src/plan/branches.js';
import { addDays, compareDates, parseDate } from '../src/internals/dates.js';
import measuresJson from '../rules/plans/measures.json';
import templatesJson from '../rules/plans/templates.json';
import { hand, TITLES } from './helpers/plan-results.js';

const spans = (plan: Pick<RectificationPlan, 'timeline'>) => plan.timeline.map((p) => [p.id, p.start, p.end]);
const ids = (plan: RectificationPlan) => plan.checklist.map((i) => i.id);
const byId = (plan: RectificationPlan, id: string) => plan.checklist.find((i) => i.id === id);

/** Every date from `start` to `end`, one by one: the brute-force reference for occurrences. */
function everyDay(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1)) days.push(d);
  return days;
}

function optionsErrorPaths(run: () => unknown): string[] | undefined {
  try {
    run();
  } catch (e) {
    if (isOptionsError(e)) return e.issues.map((i) => i.path);
    throw e;
  }
  return undefined;
}

// Assessed in January 2026, so that every start below is on or after it.
const january = hand({ assessedOn: '2026-01-20', met: ['C07.financeDisclosures'] });

describe('timelines, hand-checked', () => {
  // intensive: inclusive day offsets 0–5, 6–19, 20–51, 52–82, 82–90 from the start.
  it.each([
    ['2026-04-01', [['organise', '2026-04-01', '2026-04-06'], ['investigate', '2026-04-07', '2026-04-20'], ['rectify', '2026-04-21', '2026-05-22'], ['systems', '2026-05-23', '2026-06-22'], ['lookback', '2026-06-22', '2026-06-30']]],
    ['2026-04-02', [['organise', '2026-04-02', '2026-04-07'], ['investigate', '2026-04-08', '2026-04-21'], ['rectify', '2026-04-22', '2026-05-23'], ['systems', '2026-05-24', '2026-06-23'], ['lookback', '2026-06-23', '2026-07-01']]],
    ['2026-01-31', [['organise', '2026-01-31', '2026-02-05'], ['investigate', '2026-02-06', '2026-02-19'], ['rectify', '2026-02-20', '2026-03-23'], ['systems', '2026-03-24', '2026-04-23'], ['lookback', '2026-04-23', '2026-05-01']]],
    ['2026-11-15', [['organise', '2026-11-15', '2026-11-20'], ['investigate', '2026-11-21', '2026-12-04'], ['rectify', '2026-12-05', '2027-01-05'], ['systems', '2027-01-06', '2027-02-05'], ['lookback', '2027-02-05', '2027-02-13']]],
  ])('intensive from %s', (start, expected) => {
    const plan = planRectification(january, { start, template: 'intensive' });
    expect(spans(plan)).toEqual(expected);
    expect([plan.start, plan.end]).toEqual([expected[0]![1], expected[4]![2]]);
  });

  // annual: anchored at the 1st of the start's month (the next month when the start is not the
  // 1st); investigate 1 month, rectify 6, consolidate 1, accept 2 overlapping the consolidation.
  it.each([
    ['2026-04-01', [['investigate', '2026-04-01', '2026-04-30'], ['rectify', '2026-05-01', '2026-10-31'], ['consolidate', '2026-11-01', '2026-11-30'], ['accept', '2026-11-01', '2026-12-31']]],
    ['2026-04-02', [['investigate', '2026-05-01', '2026-05-31'], ['rectify', '2026-06-01', '2026-11-30'], ['consolidate', '2026-12-01', '2026-12-31'], ['accept', '2026-12-01', '2027-01-31']]],
    ['2026-01-31', [['investigate', '2026-02-01', '2026-02-28'], ['rectify', '2026-03-01', '2026-08-31'], ['consolidate', '2026-09-01', '2026-09-30'], ['accept', '2026-09-01', '2026-10-31']]],
    ['2026-11-15', [['investigate', '2026-12-01', '2026-12-31'], ['rectify', '2027-01-01', '2027-06-30'], ['consolidate', '2027-07-01', '2027-07-31'], ['accept', '2027-07-01', '2027-08-31']]],
  ])('annual from %s', (start, expected) => {
    const plan = planRectification(january, { start, template: 'annual' });
    expect(spans(plan)).toEqual(expected);
    expect([plan.start, plan.end]).toEqual([expected[0]![1], expected[3]![2]]);
  });

  it('seed plan 1: intensive from 2017-03-01 gives 3/1–3/6, 3/7–3/20, 3/21–4/21, 4/22–5/22, 5/22–5/30', () => {
    const plan = planRectification(hand({ assessedOn: '2017-02-15', met: ['C07.financeDisclosures'] }), { start: '2017-03-01' });
    expect(plan.template).toBe('intensive');
    expect(spans(plan).map(([, s, e]) => `${s}..${e}`)).toEqual([
      '2017-03-01..2017-03-06',
      '2017-03-07..2017-03-20',
      '2017-03-21..2017-04-21',
      '2017-04-22..2017-05-22',
      '2017-05-22..2017-05-30',
    ]);
  });

  it('seed plan 2: annual from 2017-04-01 (or from mid-March) gives April; May–October; November; November–December', () => {
    for (const start of ['2017-04-01', '2017-03-15']) {
      const plan = planRectification(hand({ kind: 'community', assessedOn: '2017-03-10', met: ['C09.disciplineCases'] }), { start, template: 'annual' });
      expect(spans(plan)).toEqual([
        ['investigate', '2017-04-01', '2017-04-30'],
        ['rectify', '2017-05-01', '2017-10-31'],
        ['consolidate', '2017-11-01', '2017-11-30'],
        ['accept', '2017-11-01', '2017-12-31'],
      ]);
    }
  });

  it('a start before assessedOn is an OptionsError naming start; the assessment day itself may start a plan', () => {
    const result = hand({ assessedOn: '2026-03-20', met: ['C10.hasFixedVenue'] });
    for (const template of ['intensive', 'annual'] as const) {
      expect(optionsErrorPaths(() => planRectification(result, { start: '2026-03-19', template }))).toEqual(['start']);
      expect(optionsErrorPaths(() => planRectification(result, { start: '2025-12-31', template }))).toEqual(['start']);
      expect(optionsErrorPaths(() => planRectification(result, { start: '2026-03-20', template }))).toBeUndefined();
    }
    expect(planRectification(result, { start: '2026-03-20' }).start).toBe('2026-03-20');
    expect(planRectification(result, { start: '2026-03-20', template: 'annual' }).start).toBe('2026-04-01');
  });
});

describe('measures answer the conditions that were met', () => {
  it('a village whose secretary is in post, matched on seats, is not told to cover a vacant secretary post', () => {
    const plan = planRectification(hand({ met: ['C01.seatsShortMonths'] }), { start: '2026-04-01' });
    const c01 = plan.checklist.filter((i) => i.criterionId === 'C01');
    expect(c01.map((i) => [i.id, i.addresses])).toEqual([
      ['C01-fill-team', ['C01.seatsShortMonths']],
      ['C01-reserve-cadres', ['C01']],
    ]);
    expect(plan.checklist.some((i) => i.measure.zh.includes('书记职务空缺') || /secretary post is vacant/.test(i.measure.en))).toBe(false);
  });

  it('a vacant post gets the interim lead and a new secretary; an absent secretary gets the absence measure only', () => {
    const vacant = planRectification(hand({ met: ['C01.secretaryVacantMonths'] }), { start: '2026-04-01' });
    expect(ids(vacant).filter((id) => id.startsWith('C01'))).toEqual(['C01-vacant-interim', 'C01-fill-secretary', 'C01-reserve-cadres']);
    const absent = planRectification(hand({ met: ['C01.secretaryAbsentMonths'] }), { start: '2026-04-01' });
    expect(ids(absent).filter((id) => id.startsWith('C01'))).toEqual(['C01-absent-secretary', 'C01-reserve-cadres']);
  });

  it('a village elected in 2023 that held too few assemblies is not told to organise an overdue election', () => {
    const plan = planRectification(hand({ met: ['C04.branchAssemblies'] }), { start: '2026-04-01' });
    expect(ids(plan).filter((id) => id.startsWith('C04'))).toEqual(['C04-branch-assemblies', 'C04-life-rules']);
    expect(byId(plan, 'C04-life-rules')!.addresses).toEqual(['C04.branchAssemblies']);
    expect(plan.checklist.some((i) => i.measure.zh.includes('换届'))).toBe(false);
  });

  it('an overdue election, by either branch, gets the election measure with the branch that was met', () => {
    for (const branch of ['C04.monthsSinceElection', 'C04.termExpired']) {
      const plan = planRectification(hand({ met: [branch] }), { start: '2026-04-01' });
      expect(plan.checklist.filter((i) => i.criterionId === 'C04').map((i) => [i.id, i.addresses])).toEqual([['C04-election', [branch]]]);
    }
  });

  it('an item names only the branches that were met, never an unknown one', () => {
    const plan = planRectification(
      hand({ met: ['C04.committeeMeetings', 'C09.corruptionCases'], unknown: ['C04.branchAssemblies', 'C04.termExpired', 'C09.disciplineCases'] }),
      { start: '2026-04-01' },
    );
    expect(plan.checklist.filter((i) => i.criterionId !== null).map((i) => [i.id, i.addresses])).toEqual([
      ['C04-committee-meeting-monthly', ['C04.committeeMeetings']],
      ['C04-life-rules', ['C04.committeeMeetings']],
      ['C09-corruption-cases', ['C09.corruptionCases']],
      ['C09-remove-cadres', ['C09.corruptionCases']],
      ['C09-warning-education', ['C09']],
    ]);
  });

  it('religion is kept apart from the campaign against organised crime', () => {
    const clan = planRectification(hand({ met: ['C06.clanInterference'] }), { start: '2026-04-01' });
    expect(ids(clan).filter((id) => id.startsWith('C06'))).toEqual(['C06-clan-religion', 'C06-candidate-vetting']);
    expect(byId(clan, 'C06-clan-religion')!.measure.zh).toBe('依法制止利用宗教、宗族干预农村公共事务，加强对党员干部的教育管理');
    const crime = planRectification(hand({ met: ['C06.criminalInfiltration'] }), { start: '2026-04-01' });
    expect(byId(crime, 'C06-organised-crime')!.measure.zh).toContain('依法打击“村霸”和宗族恶势力');
    expect(ids(crime)).not.toContain('C06-clan-religion');
    for (const m of catalogue.measures) {
      const texts = [m.measure, m.goal].flatMap((t) => ('zh' in t ? [t.zh] : [t.village.zh, t.community.zh]));
      for (const text of texts) if (text.includes('扫黑除恶')) expect(text, m.id).not.toContain('宗教');
    }
  });

  it('a result without branches gets the criterion-wide measures, or a generic item where there are none', () => {
    const plan = planRectification(hand({ withoutBranches: ['C01', 'C04'], alsoMatched: ['C01', 'C04'] }), { start: '2026-04-01' });
    expect(plan.checklist.filter((i) => i.criterionId !== null).map((i) => [i.id, i.addresses])).toEqual([
      ['C01-reserve-cadres', ['C01']],
      ['C04-generic', ['C04']],
    ]);
    const generic = byId(plan, 'C04-generic')!;
    expect(generic.measure.zh).toBe('针对“长期不换届、制度形同虚设、不开展活动”问题，逐项制定整改措施，明确目标、时限和责任人，限期整改到位');
    expect([generic.phase, generic.due, generic.role.zh]).toEqual(['rectify', '2026-05-22', '镇党委']);
  });

  it('a criterion the catalogue does not know gets a generic item with its title', () => {
    const result = hand({ met: ['C07.financeDisclosures'] });
    result.matched.push('X01');
    result.criteria.push({ id: 'X01', no: 11, title: { zh: '移风易俗滞后', en: 'Slow reform of customs' }, outcome: 'matched', near: false, evidence: [], missing: [], branches: [] });
    const plan = planRectification(result, { start: '2026-04-01' });
    expect(plan.checklist.filter((i) => i.criterionId === 'X01').map((i) => [i.id, i.addresses, i.measure.en])).toEqual([
      ['X01-generic', ['X01'], 'Draw up measures against “Slow reform of customs”, each with a goal, a deadline and a person responsible, and carry them out by the deadline'],
    ]);
  });

  it('四议两公开 is for villages only; a community gets the criterion-wide C07 measure instead', () => {
    const village = planRectification(hand({ met: ['C07.fourTwoMethod'] }), { start: '2026-04-01' });
    expect(ids(village).filter((id) => id.startsWith('C07'))).toEqual(['C07-four-two', 'C07-management-rules']);
    const community = planRectification(hand({ kind: 'community', met: ['C07.fourTwoMethod'] }), { start: '2026-04-01' });
    expect(ids(community).filter((id) => id.startsWith('C07'))).toEqual(['C07-management-rules']);
  });

  it('every plan has the common steps, with no addresses, in this order', () => {
    const plan = planRectification(hand({ met: ['C10.hasFixedVenue'] }), { start: '2026-04-01' });
    const common = plan.checklist.filter((i) => i.criterionId === null);
    expect(common.map((i) => i.id)).toEqual([
      'common-leading-group',
      'common-joint-examination',
      'common-four-ones-county-leader',
      'common-four-ones-township-leader',
      'common-four-ones-first-secretary',
      'common-four-ones-paired-unit',
      'common-investigation',
      'common-one-plan',
      'common-supervision',
      'common-look-back',
      'common-acceptance-township',
      'common-acceptance-county',
    ]);
    expect(common.every((i) => i.addresses.length === 0)).toBe(true);
    expect(ids(plan).slice(common.length)).toEqual(['C10-build-venue', 'C10-venue-use']);
  });

  it('a result that is not weak-lax gets the common steps only', () => {
    const plan = planRectification(hand(), { start: '2026-04-01' });
    expect(plan.problems).toEqual([]);
    expect(plan.checklist.every((i) => i.criterionId === null)).toBe(true);
  });
});

describe('the responsible organ', () => {
  it.each([
    ['枫林乡', '乡党委', 'township Party committee'],
    ['云岭民族乡', '乡党委', 'township Party committee'],
    ['青石镇', '镇党委', 'town Party committee'],
    ['青石镇人民政府', '镇党委', 'town Party committee'],
    ['青石镇党委', '镇党委', 'town Party committee'],
    ['白云苏木', '苏木党委', 'sumu Party committee'],
    ['东湖街道', '街道党工委', 'street Party working committee'],
    ['东湖街道办事处', '街道党工委', 'street Party working committee'],
    [' 枫林乡 ', '乡党委', 'township Party committee'],
    ['云山经济开发区', '乡镇（街道）党（工）委', 'township (street) Party committee'],
    [null, '乡镇（街道）党（工）委', 'township (street) Party committee'],
  ])('township %j: township steps go to the %s', (township, zh, en) => {
    const plan = planRectification(hand({ township, met: ['C03.confirmedConflicts'] }), { start: '2026-04-01' });
    expect(plan.townshipOrgan).toEqual({ zh, en });
    for (const id of ['common-leading-group', 'common-four-ones-township-leader', 'common-supervision', 'C03-talks']) {
      expect(byId(plan, id)!.role, id).toEqual({ zh, en });
    }
  });

  it('county-level steps go to 县委组织部, discipline cases to 纪检监察机关, the organisation\'s own meetings to itself', () => {
    const met = ['C04.committeeMeetings', 'C06.voteBuyingCases', 'C07.financeDisclosures', 'C09.disciplineCases'];
    for (const kind of ['village', 'community'] as const) {
      const plan = planRectification(hand({ kind, met }), { start: '2026-04-01' });
      const role = (id: string) => byId(plan, id)!.role.zh;
      for (const id of ['common-joint-examination', 'common-four-ones-county-leader', 'common-four-ones-first-secretary', 'common-four-ones-paired-unit', 'common-acceptance-county', 'C06-candidate-vetting']) {
        expect(role(id), id).toBe('县委组织部');
      }
      for (const id of ['C06-vote-buying', 'C09-discipline-cases']) expect(role(id), id).toBe('纪检监察机关');
      const own = kind === 'village' ? '村党组织' : '社区党组织';
      for (const id of ['C04-committee-meeting-monthly', 'C07-finance-disclosure']) expect(role(id), id).toBe(own);
      expect(role('C09-discipline-cases')).toBe('纪检监察机关');
      expect(byId(plan, 'C09-discipline-cases')!.measure.zh).toContain(kind === 'village' ? '移交镇纪委或县纪委监委' : '移交街道纪工委或县纪委监委');
    }
  });

  it('texts name the township level the organisation belongs to: a community in a town answers to the 镇党委', () => {
    const town = planRectification(hand({ kind: 'community', township: '青石镇', met: ['C09.disciplineCases'] }), { start: '2026-04-01' });
    expect(byId(town, 'common-leading-group')!.measure.zh).toBe('成立整顿工作领导小组，由镇党委书记任组长，下设办公室负责日常工作，对整顿工作进行检查、通报');
    expect(byId(town, 'common-supervision')!.measure.zh).toContain('并在全镇范围内通报');
    expect(byId(town, 'C09-discipline-cases')!.measure).toEqual({
      zh: '对干部违纪违法问题，按照管理权限移交镇纪委或县纪委监委依规依纪依法处置',
      en: "Cadres' breaches of discipline or law go, within the authority of each, to the town discipline inspection commission or the county discipline inspection and supervision commission, to be dealt with by Party rules, discipline and law",
    });
    const unknown = planRectification(hand({ township: null, met: ['C09.disciplineCases'] }), { start: '2026-04-01' });
    expect(byId(unknown, 'common-leading-group')!.measure.zh).toContain('由乡镇（街道）党（工）委书记任组长');
    expect(byId(unknown, 'common-four-ones-township-leader')!.measure.zh).toBe('落实“四个一”：明确1名乡镇（街道）领导班子成员包村，驻点指导整顿');
    expect(byId(unknown, 'C09-discipline-cases')!.measure.zh).toContain('移交乡镇（街道）纪（工）委或县纪委监委');
    const sumu = planRectification(hand({ township: '白云苏木', met: ['C08.repeatPetitions'] }), { start: '2026-04-01' });
    expect(byId(sumu, 'C08-repeat-petitions')!.measure.zh).toBe('对重复访、越级访逐件查明诉求，落实苏木领导包案，依法分类处理，从源头上化解');
  });

  it('role.zh is the organ\'s kind, never the place\'s name', () => {
    const plan = planRectification(hand({ township: '青石镇人民政府', met: ['C01.workStalled', 'C09.corruptionCases'] }), { start: '2026-04-01' });
    for (const item of plan.checklist) {
      expect(item.role.zh).not.toMatch(/青石|云山/);
      expect(['镇党委', '县委组织部', '纪检监察机关', '村党组织']).toContain(item.role.zh);
    }
  });
});

describe('wording fits the kind of organisation', () => {
  const everyBranch = Object.keys(TITLES).slice(0, 10).flatMap((id) => BUILT_IN_BRANCHES[id]!);

  it('a community plan speaks of 居务、社区、居民, never of villages, 村霸 or 农村公共事务', () => {
    const plan = planRectification(hand({ kind: 'community', met: everyBranch }), { start: '2026-04-01' });
    expect(plan.checklist.length).toBeGreaterThan(50);
    for (const item of plan.checklist) {
      const zh = [item.measure.zh, item.goal.zh, item.evidence.zh, item.role.zh].join('|');
      expect(zh, item.id).not.toMatch(/村/);
      expect([item.measure.en, item.goal.en, item.evidence.en, item.role.en].join('|'), item.id).not.toMatch(/villag/i);
    }
    expect(byId(plan, 'C06-clan-religion')!.measure.zh).toBe('依法制止利用宗教、宗族干预社区公共事务，加强对党员干部的教育管理');
    expect(byId(plan, 'C07-affairs-disclosure')!.measure.zh).toMatch(/^规范居务公开/);
  });

  it('a village plan never speaks of communities, 居务 or 居民', () => {
    const plan = planRectification(hand({ kind: 'village', met: everyBranch }), { start: '2026-04-01' });
    for (const item of plan.checklist) {
      expect([item.measure.zh, item.goal.zh, item.evidence.zh, item.role.zh].join('|'), item.id).not.toMatch(/社区|居务|居民|街道/);
    }
  });

  it('every Chinese text of the catalogue is in official style', () => {
    const zhOf = (t: unknown) => {
      const text = t as { zh?: string; village?: { zh: string }; community?: { zh: string } };
      return text.zh !== undefined ? [text.zh] : [text.village!.zh, text.community!.zh];
    };
    for (const m of [...catalogue.measures, { id: 'generic', ...catalogue.generic }]) {
      for (const zh of [m.measure, m.goal, m.evidence].flatMap(zhOf)) {
        expect(zh, m.id).not.toMatch(/[,;:()"]/);
        expect(zh, m.id).not.toMatch(/命中|阈值|字段|数据/);
        expect(zh, m.id).not.toMatch(/[。；，]$/);
      }
      // A measure that changes people goes by the cadre-management authority and the prescribed procedure.
      for (const zh of zhOf(m.measure)) {
        if (/调整|补选|罢免|撤换/.test(zh) && !/分工/.test(zh)) expect(zh, m.id).toContain('按照干部管理权限和有关程序');
      }
    }
  });
});

describe('recurring work inside the plan window', () => {
  const finance = (plan: RectificationPlan) => byId(plan, 'C07-finance-disclosure');

  it('finance disclosure on the 15th of January, April, July and October; due on the last one', () => {
    const annual = planRectification(january, { start: '2026-04-01', template: 'annual' });
    expect(finance(annual)!.occurrences).toEqual(['2026-04-15', '2026-07-15', '2026-10-15']);
    expect(finance(annual)!.due).toBe('2026-10-15');
    const intensive = planRectification(january, { start: '2026-01-20' });
    expect(finance(intensive)!.occurrences).toEqual(['2026-04-15']);
    expect(finance(intensive)!.due).toBe('2026-04-15');
    // A window that starts on a disclosure day includes it.
    expect(finance(planRectification(hand({ assessedOn: '2025-01-01', met: ['C07.financeDisclosures'] }), { start: '2025-01-15' }))!.occurrences).toEqual([
      '2025-01-15',
      '2025-04-15',
    ]);
  });

  it('a window with no disclosure day lists none, and the item is due when the plan ends', () => {
    const plan = planRectification(hand({ assessedOn: '2025-10-16', met: ['C07.financeDisclosures'] }), { start: '2025-10-16' });
    expect(plan.end).toBe('2026-01-14');
    expect([finance(plan)!.occurrences, finance(plan)!.due]).toEqual([[], '2026-01-14']);
  });

  it('finance disclosure occurrences are exactly the quarter-first-month 15ths inside the window, for any start', () => {
    const result = hand({ assessedOn: '2000-01-01', met: ['C07.financeDisclosures'] });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('intensive' as const, 'annual' as const),
        (date, template) => {
          const plan = planRectification(result, { start: date.toISOString().slice(0, 10), template });
          const expected = everyDay(plan.start, plan.end).filter((d) => d.endsWith('-15') && ['01', '04', '07', '10'].includes(d.slice(5, 7)));
          expect(finance(plan)!.occurrences).toEqual(expected);
          expect(finance(plan)!.due).toBe(expected.at(-1) ?? plan.end);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('monthly 支委会 on the 5th and 主题党日 on the 10th, each only where its branch was met', () => {
    const both = planRectification(hand({ met: ['C04.committeeMeetings', 'C04.themedPartyDays'] }), { start: '2026-04-01', template: 'annual' });
    const months = ['04', '05', '06', '07', '08', '09', '10', '11', '12'];
    expect(byId(both, 'C04-committee-meeting-monthly')!.occurrences).toEqual(months.map((m) => `2026-${m}-05`));
    expect(byId(both, 'C04-committee-meeting-monthly')!.due).toBe('2026-12-05');
    expect(byId(both, 'C04-themed-party-day-monthly')!.occurrences).toEqual(months.map((m) => `2026-${m}-10`));
    expect(byId(both, 'C04-themed-party-day-monthly')!.due).toBe('2026-12-10');
    const intensive = planRectification(hand({ met: ['C04.committeeMeetings'] }), { start: '2026-04-01' });
    expect(byId(intensive, 'C04-committee-meeting-monthly')!.occurrences).toEqual(['2026-04-05', '2026-05-05', '2026-06-05']);
    expect(byId(intensive, 'C04-themed-party-day-monthly')).toBeUndefined();
    const assemblies = planRectification(hand({ met: ['C04.branchAssemblies', 'C07.affairsDisclosures'] }), { start: '2026-04-01' });
    expect(assemblies.checklist.filter((i) => i.occurrences)).toEqual([]);
  });

  it('every date is a real date inside the plan window; a due date ends its phase or is the last occurrence', () => {
    const result = hand({ assessedOn: '2016-01-01', met: ['C01.workStalled', 'C04.committeeMeetings', 'C04.themedPartyDays', 'C07.financeDisclosures', 'C10.hasFixedVenue'] });
    for (const template of ['intensive', 'annual'] as const) {
      for (const start of ['2017-03-01', '2016-02-29', '2023-12-31', '2024-02-28', '2025-11-30', '2026-04-02']) {
        const plan = planRectification(result, { start, template });
        const label = `${template} ${start}`;
        const inside = (d: string) => parseDate(d) !== undefined && d >= plan.start && d <= plan.end;
        for (const phase of plan.timeline) expect(inside(phase.start) && inside(phase.end) && phase.start <= phase.end, label).toBe(true);
        const phases = new Map(plan.timeline.map((p) => [p.id, p]));
        for (const item of plan.checklist) {
          expect(inside(item.due), `${label} ${item.id}`).toBe(true);
          if (item.occurrences) expect(item.due).toBe(item.occurrences.at(-1) ?? plan.end);
          else expect(item.due, `${label} ${item.id}`).toBe(phases.get(item.phase)!.end);
          for (const d of item.occurrences ?? []) expect(inside(d), `${label} ${item.id} ${d}`).toBe(true);
        }
      }
    }
  });
});

describe('inputs', () => {
  const result = hand({ met: ['C10.hasFixedVenue'] });

  it.each(['2026-02-30', '2026-4-1', '', '20260401', '2026-13-01'])('a bad start %j is an OptionsError naming start', (start) => {
    expect(optionsErrorPaths(() => planRectification(result, { start }))).toEqual(['start']);
  });

  it('a missing start, an unknown template or an unknown key is an OptionsError naming it', () => {
    expect(optionsErrorPaths(() => planRectification(result, {} as never))).toEqual(['start']);
    expect(optionsErrorPaths(() => planRectification(result, { start: '2026-04-01', template: 'yearly' } as never))).toEqual(['template']);
    expect(optionsErrorPaths(() => planRectification(result, { start: '2026-04-01', tempalte: 'annual' } as never))).toEqual(['tempalte']);
  });

  it('something that is not a screening result is a TypeError naming the field', () => {
    expect(() => planRectification(null as never, { start: '2026-04-01' })).toThrow(TypeError);
    expect(() => planRectification({ ...result, kind: 'town' } as never, { start: '2026-04-01' })).toThrow(/result\.kind/);
    expect(() => planRectification({ ...result, matched: 'C07' } as never, { start: '2026-04-01' })).toThrow(/result\.matched/);
    expect(() => planRectification({ ...result, assessedOn: '2026-02-30' } as never, { start: '2026-04-01' })).toThrow(/result\.assessedOn/);
  });

  it('malformed branches are read as not met, never as met', () => {
    const odd = hand({ met: ['C01.seatsShortMonths'] });
    (odd.criteria[0] as { branches?: unknown }).branches = [null, 'C01.secretaryVacantMonths', { id: 'C01.secretaryVacantMonths', met: 'yes' }, { id: 'C01.seatsShortMonths', met: true }];
    const plan = planRectification(odd, { start: '2026-04-01' });
    expect(ids(plan).filter((id) => id.startsWith('C01'))).toEqual(['C01-fill-team', 'C01-reserve-cadres']);
  });

  it('a plan is its own copy: filling in one plan changes no other', () => {
    const a = planRectification(result, { start: '2026-04-01' });
    a.checklist[0]!.responsible = '张三';
    a.checklist[0]!.addresses.push('C10');
    a.checklist[0]!.role.zh = '改';
    const b = planRectification(result, { start: '2026-04-01' });
    expect(b.checklist[0]).not.toHaveProperty('responsible');
    expect(b.checklist[0]!.addresses).toEqual([]);
    expect(b.checklist[0]!.role.zh).toBe('镇党委');
  });
});

describe('the plan files are validated', () => {
  type Measures = { measures: Array<Record<string, unknown> & { addresses: string[]; criterionId: string | null; phase: Record<string, string>; recurrence?: { day: number } }> };
  const indexOf = (data: Measures, id: string) => data.measures.findIndex((m) => m.id === id);
  const edit = (change: (data: Measures) => void) => {
    const data = structuredClone(measuresJson) as unknown as Measures;
    change(data);
    return data;
  };
  const fill = indexOf(edit(() => {}), 'C01-fill-team');
  const common = indexOf(edit(() => {}), 'common-leading-group');
  const finance = indexOf(edit(() => {}), 'C07-finance-disclosure');

  it.each([
    ['a branch of another criterion', (d: Measures) => void (d.measures[fill]!.addresses = ['C04.termExpired']), `measures.${fill}.addresses`, /not a branch of C01/],
    ['an unknown branch', (d: Measures) => void (d.measures[fill]!.addresses = ['C01.seatsShort']), `measures.${fill}.addresses`, /not a known branch id/],
    ['no address', (d: Measures) => void (d.measures[fill]!.addresses = []), `measures.${fill}.addresses`, /must name the branches/],
    ['criterion-wide mixed with a branch', (d: Measures) => void (d.measures[fill]!.addresses = ['C01', 'C01.workStalled']), `measures.${fill}.addresses`, /alone/],
    ['a branch twice', (d: Measures) => void (d.measures[fill]!.addresses = ['C01.workStalled', 'C01.workStalled']), `measures.${fill}.addresses`, /twice/],
    ['a common step with an address', (d: Measures) => void (d.measures[common]!.addresses = ['C01']), `measures.${common}.addresses`, /common step/],
    ['an unknown criterion', (d: Measures) => void (d.measures[fill]!.criterionId = 'C99'), `measures.${fill}.criterionId`, /not a criterion/],
    ['a phase the template lacks', (d: Measures) => void (d.measures[fill]!.phase.annual = 'organise'), `measures.${fill}.phase.annual`, /no phase/],
    ['an unknown key', (d: Measures) => void (d.measures[0]!.owner = 'x'), 'measures.0.owner', /unknown key/],
    ['a day past 28', (d: Measures) => void (d.measures[finance]!.recurrence!.day = 31), `measures.${finance}.recurrence.day`, /28/],
    ['an unknown placeholder', (d: Measures) => void (d.measures[fill]!.goal = { zh: '由{town}负责', en: 'by the {township}' }), `measures.${fill}.goal.zh`, /unknown placeholder \{town\}/],
    ['an unknown role', (d: Measures) => void (d.measures[fill]!.role = 'committee'), `measures.${fill}.role`, /./],
  ])('%s is a RulesetError naming the file and field', (_label, change, field, message) => {
    let error: unknown;
    try {
      buildCatalogue({ file: 'rules/plans/measures.json', content: edit(change) }, { file: 'rules/plans/templates.json', content: templatesJson });
    } catch (e) {
      error = e;
    }
    expect(isRulesetError(error)).toBe(true);
    expect(error).toMatchObject({ file: 'rules/plans/measures.json', field });
    expect((error as Error).message).toMatch(message);
  });

  it('a template phase that ends before it starts is a RulesetError', () => {
    const backwards = structuredClone(templatesJson) as { templates: { intensive: { phases: { to: number }[] } } };
    backwards.templates.intensive.phases[1]!.to = 1;
    expect(() => buildCatalogue({ file: 'm', content: measuresJson }, { file: 't', content: backwards })).toThrow(
      expect.objectContaining({ file: 't', field: 'templates.intensive.phases.1' }),
    );
  });
});

describe('docs/plans.md', () => {
  const docs = readFileSync(new URL('../docs/plans.md', import.meta.url), 'utf8');

  it('lists every measure with its addresses, organ and source', () => {
    for (const m of catalogue.measures) {
      const row = docs.split('\n').find((line) => line.startsWith(`| ${m.criterionId ?? '—'} | \`${m.id}\` |`));
      expect(row, m.id).toBeDefined();
      expect(row!.endsWith(`| ${m.source} |`), m.id).toBe(true);
      const addresses = m.addresses.length ? m.addresses.map((a) => `\`${a}\``).join(' ') : '—';
      expect(row, m.id).toContain(`| ${addresses} |`);
      expect(row, m.id).toContain(`| ${m.role} |`);
    }
  });
});

describe('screen attaches the plan of the day after assessedOn', () => {
  it('a weak-lax village in 青石镇 gets the intensive plan from the next day, with the 镇党委 as township organ', async () => {
    const result = await screen({
      org: { id: '990000000101', name: '白沙村党支部', kind: 'village', region: { county: '云山县', township: '青石镇' } },
      assessedOn: '2026-03-20',
      venue: { hasFixedVenue: false },
    });
    expect(result.verdict).toBe('weak-lax');
    const plan = planRectification(result, { start: '2026-03-21' });
    expect(result.timeline).toEqual(plan.timeline);
    expect(result.checklist).toEqual(plan.checklist);
    expect(result.timeline[0]!.start).toBe('2026-03-21');
    expect(byId(plan, 'C10-build-venue')).toMatchObject({ addresses: ['C10'], role: { zh: '镇党委' } });
  });
});
