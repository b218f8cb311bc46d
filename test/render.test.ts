import { describe, expect, it } from 'vitest';
import { isOptionsError, planRectification, renderPlan, type RectificationPlan } from '../src/index.js';
import { hand } from './helpers/plan-results.js';

// 白沙村党支部, 青石镇: seats short for months and finances not disclosed; assessed 2026-03-20.
const village = hand({ met: ['C01.seatsShortMonths', 'C07.financeDisclosures'] });
const annual = planRectification(village, { start: '2026-04-01', template: 'annual' });
const intensive = planRectification(village, { start: '2026-04-01' });

/** Cells of a Markdown table row, splitting on unescaped `|` only. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('| '));
}

/** The document without its Mermaid block (whose syntax is ASCII by design). */
function prose(markdown: string): string[] {
  const lines = markdown.split('\n');
  const open = lines.indexOf('```mermaid');
  const close = lines.indexOf('```', open + 1);
  return [...lines.slice(0, open), ...lines.slice(close + 1)];
}

describe('renderPlan zh: an official document', () => {
  const md = renderPlan(annual, { lang: 'zh' });

  it('opens with the title and says who decides the list', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# 白沙村党支部整顿方案');
    expect(lines[2]).toBe(
      '根据上级党组织关于持续整顿软弱涣散基层党组织的部署要求，结合排查情况，制定本方案。本方案依据初步排查结果拟定。排查结果是初步结论，整顿对象由镇党委初步提出，县委组织部会同纪检监察、政法、信访、民政等部门联审，县委常委会研究确定；名单确定后，按本方案组织实施。',
    );
    expect(md).not.toMatch(/研究决定/);
  });

  it('has the three numbered parts in order, and the requirements numbered （一）…（四）', () => {
    const positions = ['## 一、指导思想', '## 二、方法步骤', '## 三、整顿要求', '### （一）明确目标、时限和责任', '### （二）落实整顿责任', '### （三）加强督导检查', '### （四）严格考核验收'].map((h) =>
      md.indexOf(`\n${h}\n`),
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('gives a village plan of 2026 its guiding principles in current official language', () => {
    expect(md).toContain(
      '\n以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届历次全会精神，认真落实新时代党的建设总要求和新时代党的组织路线，依据《中国共产党农村基层组织工作条例》等规定，以解决“班子配备不齐、书记长期缺职、工作停滞”“村（居）务财务不公开、民主管理混乱”等突出问题为重点，着力增强党组织政治功能和组织功能，把白沙村党支部建设成为有效实现党的领导的坚强战斗堡垒，做到整顿一个、转化一个、巩固一个。\n',
    );
  });

  it('dates the phases with full-width brackets', () => {
    expect(md).toContain('\n整顿工作按年度整顿（九个月）安排，自2026年4月1日开始，至2026年12月31日结束，分四个阶段进行。\n');
    for (const heading of [
      '### （一）调查研究、制定方案（2026年4月1日至4月30日）',
      '### （二）集中力量开展整顿（2026年5月1日至10月31日）',
      '### （三）巩固提升、扫尾总结（2026年11月1日至11月30日）',
      '### （四）考核验收（2026年11月1日至12月31日）',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    const seven = renderPlan(intensive, { lang: 'zh' });
    expect(seven).toContain('\n### （五）开展回头看、巩固整顿成果（2026年6月22日至6月30日）\n');
  });

  it('lists each task with its goal, deadline, organ, evidence and dates', () => {
    expect(md).toContain(
      '\n- 每季度首月15日公开村级财务收支情况，接受村民监督。目标：财务按季度公开。时限：2026年10月15日。责任单位：村党组织。佐证材料：公开栏照片（注明日期）。具体日期：2026年4月15日、2026年7月15日、2026年10月15日。\n',
    );
    expect(md).toContain('\n- 在镇党委指导下，按照干部管理权限和有关程序补选缺额委员，配齐村党组织班子。目标：班子职数配备齐全。时限：2026年10月31日。责任单位：镇党委。佐证材料：补选结果报告、班子成员名单。\n');
  });

  it('has a table problem → measure → goal → deadline → organ, one row per checklist item', () => {
    const rows = tableRows(md);
    expect(rows[0]).toBe('| 问题 | 整改措施 | 目标 | 时限 | 责任单位 |');
    expect(rows[1]).toBe('| --- | --- | --- | --- | --- |');
    expect(rows.slice(2)).toHaveLength(annual.checklist.length);
    for (const row of rows) expect(cells(row)).toHaveLength(5);
    expect(cells(rows.find((r) => r.includes('每季度首月15日'))!)).toEqual([
      '村（居）务财务不公开、民主管理混乱',
      '每季度首月15日公开村级财务收支情况，接受村民监督',
      '财务按季度公开',
      '2026年10月15日（各次：2026年4月15日、2026年7月15日、2026年10月15日）',
      '村党组织',
    ]);
    expect(cells(rows[2]!)[0]).toBe('共性措施');
    expect(cells(rows.find((r) => r.includes('联审'))!)[4]).toBe('县委组织部');
  });

  it('uses full-width punctuation next to Chinese, and no software words', () => {
    for (const line of prose(md)) {
      expect(line, line).not.toMatch(/[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]/);
      expect(line, line).not.toMatch(/命中|阈值|字段|满足/);
    }
  });

  it('has a Mermaid gantt block with one task per phase, inclusive dates', () => {
    const block = md.slice(md.indexOf('```mermaid\n'), md.indexOf('```\n', md.indexOf('```mermaid\n') + 3) + 3);
    expect(block.split('\n').slice(0, 5)).toEqual(['```mermaid', 'gantt', '    title 整顿时间安排', '    dateFormat YYYY-MM-DD', '    inclusiveEndDates']);
    expect(block).toContain('    调查研究、制定方案 :investigate, 2026-04-01, 2026-04-30');
    expect(block).toContain('    考核验收 :accept, 2026-11-01, 2026-12-31');
  });

  it('ends with responsibility, supervision and two-level acceptance, led by the township organ', () => {
    expect(md).toContain('\n整顿工作由镇党委牵头具体组织实施，白沙村党支部为整顿责任主体，');
    expect(md).toContain('驻点领导不换点、工作队伍不撤离');
    expect(md).toContain('\n整顿结束后，由镇党委组织初步考核，报县委组织部考核验收。');
  });

  it('is deterministic', () => {
    expect(renderPlan(structuredClone(annual), { lang: 'zh' })).toBe(md);
  });
});

describe('guiding principles follow the plan date and the kind', () => {
  const guiding = (md: string) => md.split('\n## 一、指导思想\n\n')[1]!.split('\n')[0]!;

  it('a plan before the 20th Party Congress gets neutral wording, not an anachronism', () => {
    const old = hand({ assessedOn: '2017-02-15', met: ['C07.financeDisclosures'] });
    const text = guiding(renderPlan(planRectification(old, { start: '2017-03-01' }), { lang: 'zh' }));
    expect(text).toBe(
      '深入贯彻落实党中央关于抓基层、打基础的决策部署和上级党组织的工作要求，依据党章和党内有关规定，以解决“村（居）务财务不公开、民主管理混乱”等突出问题为重点，以增强党组织的凝聚力、战斗力和号召力为目标，把白沙村党支部建设成为坚强战斗堡垒，做到整顿一个、转化一个、巩固一个。',
    );
  });

  it('the wording changes on 2022-10-23, the day after the congress closed', () => {
    const result = hand({ assessedOn: '2022-10-01', met: ['C10.hasFixedVenue'] });
    const on = (start: string) => guiding(renderPlan(planRectification(result, { start }), { lang: 'zh' }));
    expect(on('2022-10-22')).not.toMatch(/二十大|习近平|条例/);
    expect(on('2022-10-23')).toMatch(/^以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届历次全会精神/);
  });

  it('a community cites urban grassroots Party building and the branch regulations', () => {
    const community = hand({ kind: 'community', met: ['C07.affairsDisclosures', 'C06.clanInterference'] });
    const md = renderPlan(planRectification(community, { start: '2026-04-01', template: 'annual' }), { lang: 'zh' });
    expect(guiding(md)).toContain('认真落实新时代党的建设总要求和新时代党的组织路线，坚持党建引领城市基层治理，依据《中国共产党支部工作条例（试行）》等规定，');
    expect(md).toContain('整顿对象由街道党工委初步提出');
    expect(md).not.toMatch(/村民|村霸|农村公共事务|农村基层组织工作条例|镇党委|村“两委”/);
    expect(md).toContain('依法制止利用宗教、宗族干预社区公共事务');
  });
});

describe('renderPlan en and other plans', () => {
  it('renders English with the same structure and the same statement of who decides', () => {
    const md = renderPlan(annual, { lang: 'en' });
    expect(md.startsWith('# Rectification plan: 白沙村党支部\n')).toBe(true);
    expect(md).toContain(
      'the town Party committee proposes the list, the county Party organisation department examines it jointly with the discipline-inspection, political-legal, petition and civil-affairs departments, and the county Party standing committee decides it.',
    );
    for (const heading of ['## 1. Guiding principles', '## 2. Methods and steps', '## 3. Requirements', '### 3.4 Assessment and acceptance']) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain('Guided by Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era');
    expect(md).toContain('\n### 2.2 Concentrated rectification (2026-05-01 to 2026-10-31)\n');
    expect(tableRows(md)[0]).toBe('| Problem | Measure | Goal | Deadline | Responsible |');
    expect(md).toContain('| 2026-10-15 (each: 2026-04-15, 2026-07-15, 2026-10-15) | village Party organisation |');
  });

  it('a missing township leaves the organ general: 乡镇（街道）党（工）委', () => {
    const md = renderPlan(planRectification(hand({ township: null, met: ['C10.hasFixedVenue'] }), { start: '2026-04-01' }), { lang: 'zh' });
    expect(md).toContain('整顿对象由乡镇（街道）党（工）委初步提出');
    expect(md).toContain('整顿工作由乡镇（街道）党（工）委牵头具体组织实施');
  });

  it('a phase that crosses the new year names both years; a single occurrence is not repeated', () => {
    const december = planRectification(hand({ met: ['C07.financeDisclosures'] }), { start: '2026-12-01' });
    const md = renderPlan(december, { lang: 'zh' });
    expect(md).toContain('\n### （三）集中整顿、逐项整改（2026年12月21日至2027年1月21日）\n');
    expect(cells(tableRows(md).find((r) => r.includes('每季度首月15日'))!)[3]).toBe('2027年1月15日');
  });

  it('escapes | and line breaks in table cells, and shows the named person beside the organ', () => {
    const plan: RectificationPlan = structuredClone(intensive);
    plan.checklist[0] = { ...plan.checklist[0]!, measure: { zh: '甲|乙\n丙', en: 'A|B' }, responsible: '张三|李四' };
    const md = renderPlan(plan, { lang: 'zh' });
    const row = tableRows(md)[2]!;
    expect(row).toContain('甲\\|乙 丙');
    expect(row).toContain('镇党委（张三\\|李四）');
    expect(cells(row)).toHaveLength(5);
    expect(cells(tableRows(renderPlan(plan, { lang: 'en' }))[2]!)[1]).toBe('A\\|B');
  });

  it('renders a plan read back from JSON without the optional fields', () => {
    const { orgName: _n, kind: _k, problems: _p, townshipOrgan: _t, ...bare } = JSON.parse(JSON.stringify(intensive)) as RectificationPlan;
    const md = renderPlan(bare, { lang: 'zh' });
    expect(md.startsWith('# 990000000001整顿方案\n')).toBe(true);
    expect(md).toContain('整顿对象由乡镇（街道）党（工）委初步提出');
    expect(md).toContain('| C07 | ');
  });

  it('a bad lang is an OptionsError naming lang; a non-plan is a TypeError', () => {
    let error: unknown;
    try {
      renderPlan(intensive, { lang: 'fr' } as never);
    } catch (e) {
      error = e;
    }
    expect(isOptionsError(error)).toBe(true);
    expect((error as { issues: { path: string }[] }).issues[0]!.path).toBe('lang');
    expect(() => renderPlan({ orgId: 'x' } as never, { lang: 'zh' })).toThrow(TypeError);
  });
});
