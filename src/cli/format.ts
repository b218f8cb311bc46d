/**
 * Output formats for `screen`: table, json, jsonl, csv (one row per organisation), md.
 * Each format is a writer that receives entries in input order and may print a head and
 * a tail; data goes to stdout only.
 */
import type { Issue, ScreeningResult } from '../index.js';

/** One screened record, or one invalid record (the shape of `screenMany`'s entries). */
export type Entry =
  | { index: number; ok: true; result: ScreeningResult }
  | { index: number; ok: false; orgId?: string; issues: Issue[] };

/** Output formats of `screen`. */
export const FORMATS = ['table', 'json', 'jsonl', 'csv', 'md'] as const;
/** An output format. */
export type Format = (typeof FORMATS)[number];

/** Receives entries in order and returns the text to print for each. */
export interface FormatWriter {
  head(): string;
  entry(entry: Entry): string;
  tail(): string;
}

const VERDICT_ZH: Record<string, string> = {
  'weak-lax': '软弱涣散',
  'at-risk': '有风险',
  sound: '正常',
  undetermined: '待定',
  invalid: '无效记录',
};

function regionOf(result: ScreeningResult): string {
  const r = result.region ?? {};
  return [r.province, r.city, r.county, r.township].filter(Boolean).join('/');
}

const idsWhere = (result: ScreeningResult, test: (c: ScreeningResult['criteria'][number]) => boolean) =>
  result.criteria.filter(test).map((c) => c.id);

/** CSV field quoting per RFC 4180. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvWriter(): FormatWriter {
  return {
    head: () => 'id,name,region,verdict,score,matched,insufficient\n',
    entry: (e) => {
      if (!e.ok) return `${[e.orgId ?? '', '', '', 'invalid', '', '', ''].map(csvField).join(',')}\n`;
      const r = e.result;
      const insufficient = idsWhere(r, (c) => c.outcome === 'insufficient-data');
      return `${[r.orgId, r.orgName, regionOf(r), r.verdict, r.score, r.matched.join(';'), insufficient.join(';')].map(csvField).join(',')}\n`;
    },
    tail: () => '',
  };
}

function jsonWriter(): FormatWriter {
  let first = true;
  return {
    head: () => '[',
    entry: (e) => {
      const text = `${first ? '\n' : ',\n'}${JSON.stringify(e)}`;
      first = false;
      return text;
    },
    tail: () => (first ? ']\n' : '\n]\n'),
  };
}

function jsonlWriter(): FormatWriter {
  return { head: () => '', entry: (e) => `${JSON.stringify(e)}\n`, tail: () => '' };
}

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd)
      ? 2
      : 1;
  }
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

const TABLE_COLUMNS: Array<[string, number]> = [
  ['ID', 14], ['名称 Name', 22], ['结论 Verdict', 22], ['分数', 5], ['符合 Matched', 20], ['接近 Near', 14], ['数据不足 Insufficient', 0],
];

function tableRow(cells: string[]): string {
  return `${cells.map((cell, i) => (TABLE_COLUMNS[i]![1] ? pad(cell, TABLE_COLUMNS[i]![1]) : cell)).join(' ').trimEnd()}\n`;
}

function tableWriter(): FormatWriter {
  return {
    head: () => tableRow(TABLE_COLUMNS.map(([name]) => name)),
    entry: (e) => {
      if (!e.ok) {
        const issues = e.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
        return tableRow([e.orgId ?? `#${e.index}`, '', `${VERDICT_ZH.invalid} invalid`, '', issues, '', '']);
      }
      const r = e.result;
      return tableRow([
        r.orgId, r.orgName, `${VERDICT_ZH[r.verdict]} ${r.verdict}`, String(r.score), r.matched.join(' '),
        idsWhere(r, (c) => c.near).join(' '), idsWhere(r, (c) => c.outcome === 'insufficient-data').join(' '),
      ]);
    },
    tail: () => '',
  };
}

/** Escapes a Markdown table cell. */
export function mdCell(text: string | number): string {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdWriter(): FormatWriter {
  const invalid: string[] = [];
  return {
    head: () =>
      '| ID | 名称 Name | 地区 Region | 结论 Verdict | 分数 Score | 符合 Matched | 接近 Near | 数据不足 Insufficient |\n| --- | --- | --- | --- | ---: | --- | --- | --- |\n',
    entry: (e) => {
      if (!e.ok) {
        invalid.push(`- #${e.index}${e.orgId ? ` (${mdCell(e.orgId)})` : ''}: ${e.issues.map((i) => `\`${i.path || '(root)'}\` ${mdCell(i.message)}`).join('; ')}`);
        return '';
      }
      const r = e.result;
      const cells = [
        r.orgId, r.orgName, regionOf(r), `${VERDICT_ZH[r.verdict]} ${r.verdict}`, r.score, r.matched.join(' '),
        idsWhere(r, (c) => c.near).join(' '), idsWhere(r, (c) => c.outcome === 'insufficient-data').join(' '),
      ];
      return `| ${cells.map(mdCell).join(' | ')} |\n`;
    },
    tail: () =>
      (invalid.length ? `\n### 无效记录 Invalid records (${invalid.length})\n\n${invalid.join('\n')}\n` : '') +
      '\n> 初步排查结果，须经乡镇（街道）党（工）委研究决定。Preliminary findings: the township or street Party committee decides the list.\n',
  };
}

/** The writer for a format. */
export function writerFor(format: Format): FormatWriter {
  switch (format) {
    case 'csv':
      return csvWriter();
    case 'json':
      return jsonWriter();
    case 'jsonl':
      return jsonlWriter();
    case 'md':
      return mdWriter();
    case 'table':
      return tableWriter();
  }
}
