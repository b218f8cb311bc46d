/**
 * Output formats for `screen`: table, json, jsonl, csv (one row per organisation), md.
 * Each format is a writer that receives entries in input order and may print a head and
 * a tail; data goes to stdout only.
 */
import type { BatchEntry, CompactEntry, CompactResult, ScreeningResult } from '../index.js';
import { markdownText, terminalText } from '../internals/text.js';
import { csvField } from './csv.js';

/**
 * One screened record (full or compact result), or one invalid record; an invalid record
 * read from a spreadsheet carries the `row` the spreadsheet shows it on (the header is row 1).
 */
export type Entry = (BatchEntry | CompactEntry) & { row?: number };

/** Where an invalid record is: its spreadsheet row (第6行 row 6), else its 0-based index (#5). */
export function placeOf(entry: Entry): string {
  return entry.row !== undefined ? `第${entry.row}行 row ${entry.row}` : `#${entry.index}`;
}

/** Output formats of `screen`. */
export const FORMATS = ['table', 'json', 'jsonl', 'csv', 'md'] as const;
/** An output format. */
export type Format = (typeof FORMATS)[number];

/**
 * An output format, stateless per entry so that worker threads can format their own
 * chunks: the main thread writes `head`, the chunks joined by `separator`, then `tail`.
 */
export interface OutputFormat {
  head: string;
  /** Between two entries (`,\n` for a JSON array; line formats end each entry in `\n`). */
  separator: string;
  /** The text of one entry; `''` leaves it out of the body. */
  entry(entry: Entry): string;
  /** A note about an invalid record, collected for the tail (Markdown). */
  note?(entry: Extract<Entry, { ok: false }>): string;
  tail(notes: readonly string[], entries: number): string;
}

/**
 * A chunk's text, made entry by entry as the entries come (so that no entry outlives its
 * formatting): their texts joined by the format's separator, and the notes for the tail.
 */
export class ChunkText {
  private readonly texts: string[] = [];
  /** Notes about invalid records, for the format's tail. */
  readonly notes: string[] = [];

  constructor(private readonly format: OutputFormat) {}

  add(entry: Entry): void {
    const text = this.format.entry(entry);
    if (text) this.texts.push(text);
    if (!entry.ok && this.format.note) this.notes.push(this.format.note(entry));
  }

  get text(): string {
    return this.texts.join(this.format.separator);
  }
}

/** Chinese names of the verdicts (and of an invalid record). */
export const VERDICT_ZH: Record<string, string> = {
  'weak-lax': '软弱涣散',
  'at-risk': '有风险',
  sound: '正常',
  undetermined: '待定',
  invalid: '无效记录',
};

type AnyResult = ScreeningResult | CompactResult;

/** The region's parts joined by `/`, in the field table's order (a result's region has it). */
export function regionOf(result: AnyResult): string {
  return Object.values(result.region ?? {}).filter(Boolean).join('/');
}

/** Near and insufficient criteria, from a compact result or read off a full one. */
export function lists(result: AnyResult): { near: string[]; insufficient: string[] } {
  if (!('criteria' in result)) return result;
  return {
    near: result.criteria.filter((c) => c.near).map((c) => c.id),
    insufficient: result.criteria.filter((c) => c.outcome === 'insufficient-data').map((c) => c.id),
  };
}

/** The CSV header of `screen --format csv`. */
export const CSV_HEAD = 'id,name,region,verdict,score,matched,near,insufficient\n';

const csvFormat: OutputFormat = {
  head: CSV_HEAD,
  separator: '',
  entry: (e) => {
    if (!e.ok) return `${[e.orgId ?? '', '', '', 'invalid', '', '', '', ''].map(csvField).join(',')}\n`;
    const r = e.result;
    const { near, insufficient } = lists(r);
    return `${[r.orgId, r.orgName, regionOf(r), r.verdict, r.score, r.matched.join(';'), near.join(';'), insufficient.join(';')].map(csvField).join(',')}\n`;
  },
  tail: () => '',
};

const jsonFormat: OutputFormat = {
  head: '[\n',
  separator: ',\n',
  entry: (e) => JSON.stringify(e),
  tail: (_notes, entries) => (entries > 0 ? '\n]\n' : ']\n'),
};

const jsonlFormat: OutputFormat = { head: '', separator: '', entry: (e) => `${JSON.stringify(e)}\n`, tail: () => '' };

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

/** One row of the table; every cell is made safe for a terminal. */
function tableRow(cells: string[]): string {
  return `${cells.map((cell, i) => (TABLE_COLUMNS[i]![1] ? pad(terminalText(cell), TABLE_COLUMNS[i]![1]) : terminalText(cell))).join(' ').trimEnd()}\n`;
}

const tableFormat: OutputFormat = {
  head: tableRow(TABLE_COLUMNS.map(([name]) => name)),
  separator: '',
  entry: (e) => {
    if (!e.ok) {
      const issues = e.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
      return tableRow([e.orgId ?? placeOf(e), e.orgId !== undefined && e.row !== undefined ? placeOf(e) : '', `${VERDICT_ZH.invalid} invalid`, '', issues, '', '']);
    }
    const r = e.result;
    const { near, insufficient } = lists(r);
    return tableRow([r.orgId, r.orgName, `${VERDICT_ZH[r.verdict]} ${r.verdict}`, String(r.score), r.matched.join(' '), near.join(' '), insufficient.join(' ')]);
  },
  tail: () => '',
};

/** A Markdown table cell: data made inert (no link, tag, control character or cell break). */
export function mdCell(text: string | number): string {
  return markdownText(String(text));
}

/** The note closing every Markdown report: the library's finding is preliminary, and who decides (contract 0.2). */
export const PRELIMINARY_NOTE =
  '> 初步排查结果：由乡镇（街道）党（工）委初步提出，县委组织部会同有关部门联审，县委常委会研究确定。' +
  'Preliminary findings: the township (street) committee proposes, the county organisation department examines them jointly with the departments concerned, and the county Party standing committee decides.\n';

const mdFormat: OutputFormat = {
  head: '| ID | 名称 Name | 地区 Region | 结论 Verdict | 分数 Score | 符合 Matched | 接近 Near | 数据不足 Insufficient |\n| --- | --- | --- | --- | ---: | --- | --- | --- |\n',
  separator: '',
  entry: (e) => {
    if (!e.ok) return '';
    const r = e.result;
    const { near, insufficient } = lists(r);
    const cells = [r.orgId, r.orgName, regionOf(r), `${VERDICT_ZH[r.verdict]} ${r.verdict}`, r.score, r.matched.join(' '), near.join(' '), insufficient.join(' ')];
    return `| ${cells.map(mdCell).join(' | ')} |\n`;
  },
  note: (e) => `- ${placeOf(e)}${e.orgId ? ` (${mdCell(e.orgId)})` : ''}: ${e.issues.map((i) => `${mdCell(i.path || '(root)')}: ${mdCell(i.message)}`).join('; ')}`,
  tail: (notes) => (notes.length ? `\n### 无效记录 Invalid records (${notes.length})\n\n${notes.join('\n')}\n` : '') + `\n${PRELIMINARY_NOTE}`,
};

/** The output format called `name`. */
export const OUTPUT_FORMATS: Readonly<Record<Format, OutputFormat>> = {
  csv: csvFormat,
  json: jsonFormat,
  jsonl: jsonlFormat,
  md: mdFormat,
  table: tableFormat,
};
