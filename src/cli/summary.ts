/**
 * `screen --summary`: the counts of `summarize`, merged across chunks by the library's
 * `mergeSummaries`, as a table, JSON or Markdown with a Mermaid chart of matched criteria
 * for officials who would rather look than read.
 */
import type { ScreeningSummary } from '../index.js';
import { mermaidText, terminalText } from '../internals/text.js';
import { displayWidth, mdCell, PRELIMINARY_NOTE, VERDICT_ZH } from './format.js';

type RegionCount = ScreeningSummary['byRegion']['county'][number];
const PARTS = ['province', 'city', 'county', 'township'] as const;
const VERDICTS = ['weak-lax', 'at-risk', 'sound', 'undetermined'] as const;

const regionName = (group: RegionCount, level: 'county' | 'township') =>
  PARTS.slice(0, level === 'county' ? 3 : 4).map((part) => group[part] ?? '—').join('/');

/** A table cell: made safe for a terminal, then padded. */
function pad(text: string, width: number): string {
  const safe = terminalText(text);
  return safe + ' '.repeat(Math.max(0, width - displayWidth(safe)));
}

function tableSummary(s: ScreeningSummary): string {
  const lines = [`记录 Records: ${s.total + s.invalid} · 已排查 screened: ${s.total} · 无效 invalid: ${s.invalid}`, ''];
  lines.push('结论 Verdict');
  for (const v of VERDICTS) lines.push(`  ${pad(`${VERDICT_ZH[v]} ${v}`, 26)}${s.byVerdict[v]}`);
  lines.push('', `${pad('情形 Criterion', 48)}${pad('符合 matched', 14)}${pad('接近 near', 12)}数据不足 insufficient`);
  for (const c of s.byCriterion) lines.push(`${pad(`${c.id} ${c.title.zh}`, 48)}${pad(String(c.matched), 14)}${pad(String(c.near), 12)}${c.insufficient}`);
  for (const level of ['county', 'township'] as const) {
    lines.push('', level === 'county' ? '县(区) County' : '乡镇(街道) Township');
    for (const g of s.byRegion[level]) {
      lines.push(`  ${pad(regionName(g, level), 40)}${g.total} · ${VERDICTS.map((v) => `${v} ${g.byVerdict[v]}`).join(' · ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function mdSummary(s: ScreeningSummary): string {
  const max = Math.max(1, ...s.byCriterion.map((c) => c.matched));
  const out = [
    '# 排查汇总 Screening summary',
    '',
    `记录 ${s.total + s.invalid} 条，已排查 ${s.total}，无效 ${s.invalid}。 Records: ${s.total + s.invalid}; screened: ${s.total}; invalid: ${s.invalid}.`,
    '',
    '| 结论 Verdict | 数量 Count |',
    '| --- | ---: |',
    ...VERDICTS.map((v) => `| ${VERDICT_ZH[v]} ${v} | ${s.byVerdict[v]} |`),
    '',
    '## 各情形 By criterion',
    '',
    '```mermaid',
    'xychart-beta',
    '    title "符合各情形的组织数 Organisations matching each criterion"',
    `    x-axis [${s.byCriterion.map((c) => mermaidText(c.id).replace(/,/g, ' ')).join(', ')}]`,
    `    y-axis "组织数 Organisations" 0 --> ${max}`,
    `    bar [${s.byCriterion.map((c) => c.matched).join(', ')}]`,
    '```',
    '',
    '| 情形 Criterion | 符合 Matched | 接近 Near | 数据不足 Insufficient |',
    '| --- | ---: | ---: | ---: |',
    ...s.byCriterion.map((c) => `| ${mdCell(`${c.id} ${c.title.zh}`)} | ${c.matched} | ${c.near} | ${c.insufficient} |`),
  ];
  for (const level of ['county', 'township'] as const) {
    out.push('', level === 'county' ? '## 各县(区) By county' : '## 各乡镇(街道) By township', '', '| 地区 Region | 合计 Total | 软弱涣散 | 有风险 | 正常 | 待定 |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const g of s.byRegion[level]) out.push(`| ${mdCell(regionName(g, level))} | ${g.total} | ${VERDICTS.map((v) => g.byVerdict[v]).join(' | ')} |`);
  }
  out.push('', PRELIMINARY_NOTE);
  return out.join('\n');
}

/** The summary in `format`: `json`, `md`, or a plain-text table for anything else. */
export function renderSummary(summary: ScreeningSummary, format: string): string {
  if (format === 'json' || format === 'jsonl') return `${JSON.stringify(summary, null, format === 'json' ? 2 : 0)}\n`;
  if (format === 'md') return mdSummary(summary);
  return tableSummary(summary);
}
