import { describe, expect, it } from 'vitest';
import { isOptionsError, planRectification, renderPlan, screen, type RectificationPlan } from '../src/index.js';
import { fixture as village } from './helpers/fixtures.js';

const gongtong = await screen(village('42-').assessment);
const suxian = await screen(village('30-').assessment);
const seedPlan = planRectification(gongtong, { start: '2017-03-01' });

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

describe('renderPlan zh: the seed plan structure', () => {
  const md = renderPlan(seedPlan, { lang: 'zh' });

  it('has the title and the three numbered parts, in order', () => {
    expect(md.startsWith('# 芷兰坳村党总支整顿方案\n')).toBe(true);
    const positions = ['## 一、指导思想', '## 二、方法步骤', '## 三、整顿要求'].map((h) => md.indexOf(`\n${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('names the problems in the guiding principles', () => {
    expect(md).toContain('以解决“村（居）务财务不公开、民主管理混乱”为重点');
  });

  it('dates the five phases as seed plan 1 does', () => {
    for (const heading of [
      '### (一)成立组织、加强领导(2017年3月1日至3月6日)',
      '### (二)深入村组、调查摸底(2017年3月7日至3月20日)',
      '### (三)集中整顿、逐项整改(2017年3月21日至4月21日)',
      '### (四)建章立制,规范管理(2017年4月22日至5月22日)',
      '### (五)开展回头看,巩固活动成果(2017年5月22日至5月30日)',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
  });

  it('lists the finance-disclosure dates under its phase', () => {
    expect(md).toContain('每季度首月15日公开村(居)务财务收支情况。目标:财务按季公开,接受群众监督。时限:2017年5月30日。佐证:公开栏照片(注明日期)。日期:2017年4月15日。');
  });

  it('has a table problem → measure → goal → deadline → responsible, one row per checklist item', () => {
    const rows = tableRows(md);
    expect(rows[0]).toBe('| 问题 | 整改措施 | 目标 | 时限 | 责任单位 |');
    expect(rows[1]).toBe('| --- | --- | --- | --- | --- |');
    expect(rows.slice(2)).toHaveLength(seedPlan.checklist.length);
    for (const row of rows) expect(cells(row)).toHaveLength(5);
    const disclosure = rows.find((r) => r.includes('每季度首月15日'))!;
    expect(cells(disclosure)).toEqual([
      'C07 村（居）务财务不公开、民主管理混乱',
      '每季度首月15日公开村(居)务财务收支情况',
      '财务按季公开,接受群众监督',
      '2017-05-30 (逐次: 2017-04-15)',
      '镇党委',
    ]);
    expect(cells(rows[2]!)[0]).toBe('共性步骤');
  });

  it('has a Mermaid gantt block with one task per phase, inclusive dates', () => {
    const block = md.slice(md.indexOf('```mermaid\n'), md.indexOf('```\n', md.indexOf('```mermaid\n') + 3) + 3);
    expect(block.split('\n').slice(0, 5)).toEqual(['```mermaid', 'gantt', '    title 整顿时间安排', '    dateFormat YYYY-MM-DD', '    inclusiveEndDates']);
    expect(block).toContain('    成立组织、加强领导 :organise, 2017-03-01, 2017-03-06');
    expect(block).toContain('    开展回头看,巩固活动成果 :lookback, 2017-05-22, 2017-05-30');
    expect(block.split('\n').filter((l) => /^ {4}\S.* :[a-z]+, \d{4}-\d{2}-\d{2}, \d{4}-\d{2}-\d{2}$/.test(l))).toHaveLength(5);
  });

  it('ends with the seed requirements: responsibility and supervision, with the stationed-leader rule', () => {
    expect(md).toContain('集中整顿工作由镇党委牵头具体组织实施,芷兰坳村党总支为整顿责任主体');
    expect(md).toContain('驻点领导不换点、工作队伍不撤离');
  });

  it('is deterministic', () => {
    expect(renderPlan(structuredClone(seedPlan), { lang: 'zh' })).toBe(md);
  });
});

describe('renderPlan en and other plans', () => {
  it('renders English with the same structure', () => {
    const md = renderPlan(seedPlan, { lang: 'en' });
    expect(md.startsWith('# Rectification plan: 芷兰坳村党总支\n')).toBe(true);
    for (const heading of ['## 1. Guiding principles', '## 2. Methods and steps', '## 3. Requirements']) expect(md).toContain(`\n${heading}\n`);
    expect(md).toContain('\n### 2.3 Focused rectification, problem by problem (2017-03-21 to 2017-04-21)\n');
    expect(tableRows(md)[0]).toBe('| Problem | Measure | Goal | Deadline | Responsible |');
    expect(md).toContain('| township Party committee |');
  });

  it('a community under a street answers to the 街道党工委 (seed plan 2, annual template)', () => {
    const md = renderPlan(planRectification(suxian, { start: '2017-03-15', template: 'annual' }), { lang: 'zh' });
    expect(md).toContain('### (一)调查研究,提出整顿方案(2017年4月1日至4月30日)');
    expect(md).toContain('### (四)考核验收(2017年11月1日至12月31日)');
    expect(md).toContain('集中整顿工作由街道党工委牵头');
    expect(md).not.toContain('镇党委');
  });

  it('a phase that crosses the new year names both years', () => {
    const md = renderPlan(planRectification(gongtong, { start: '2017-12-01' }), { lang: 'zh' });
    expect(md).toContain('### (三)集中整顿、逐项整改(2017年12月21日至2018年1月21日)');
  });

  it('escapes | and line breaks in table cells', () => {
    const plan: RectificationPlan = structuredClone(seedPlan);
    plan.checklist[0] = { ...plan.checklist[0]!, measure: { zh: '甲|乙\n丙', en: 'A|B' }, responsible: '张三|李四' };
    const md = renderPlan(plan, { lang: 'zh' });
    const row = tableRows(md)[2]!;
    expect(row).toContain('甲\\|乙 丙');
    expect(row).toContain('镇党委 (张三\\|李四)');
    expect(cells(row)).toHaveLength(5);
    expect(cells(tableRows(renderPlan(plan, { lang: 'en' }))[2]!)[1]).toBe('A\\|B');
  });

  it('renders a plan read back from JSON without the optional fields', () => {
    const { orgName: _n, kind: _k, problems: _p, ...bare } = JSON.parse(JSON.stringify(seedPlan)) as RectificationPlan;
    const md = renderPlan(bare, { lang: 'zh' });
    expect(md.startsWith(`# ${seedPlan.orgId}整顿方案\n`)).toBe(true);
    expect(md).toContain('| C07 | ');
  });

  it('a bad lang is an OptionsError naming lang; a non-plan is a TypeError', () => {
    let error: unknown;
    try {
      renderPlan(seedPlan, { lang: 'fr' } as never);
    } catch (e) {
      error = e;
    }
    expect(isOptionsError(error)).toBe(true);
    expect((error as { issues: { path: string }[] }).issues[0]!.path).toBe('lang');
    expect(() => renderPlan({ orgId: 'x' } as never, { lang: 'zh' })).toThrow(TypeError);
  });
});
