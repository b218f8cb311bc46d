/**
 * `screen --format xlsx`: the results workbook, written as a stream with exceljs's
 * `WorkbookWriter`, so a province-sized run holds a chunk of rows at a time, not the workbook.
 *
 * Sheets, in order: 排查结果 (one row per organisation, header frozen, the verdict cell
 * coloured), 汇总 (by township, from the library's `summarize`/`mergeSummaries`, and by
 * criterion), 整顿清单 (the plan items of every weak-lax organisation) and, when there are any,
 * 无效记录 (each invalid record with its row and problems). A sheet that would pass Excel's
 * 1,048,576 rows goes on in a sheet of the same name numbered （2）, （3）….
 *
 * No cell is a formula: every value is written as a typed value (text, number, date), and
 * text is made safe first (`terminalText`: no control character, no line break).
 *
 * Screening threads hand over compact rows ({@link SheetChunk}); this thread writes them. The
 * results sheet is written as chunks arrive; the checklist, which comes after it in the zip
 * archive, is kept meanwhile in a temporary file as lines of numbers (its texts, a few hundred
 * distinct measures and organs, are numbered once), and the file is removed at the end.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type ExcelJS from 'exceljs';
import { loadExcelJS, type ExcelJS as ExcelJSModule } from './exceljs.js';
import type { BatchEntry, Criterion, ScreeningResult, ScreeningSummary } from '../index.js';
import { terminalText } from '../internals/text.js';
import { FIELDS, REGION_GROUP } from '../schema/fields.js';
import { lists, regionOf, VERDICT_ZH, type Entry } from './format.js';
import { heapKeeper } from './memory.js';

/** Rows Excel allows in a sheet, the header included. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** One result row: id, name, region, assessment date, verdict, score, matched, near, insufficient. */
export type ResultRow = [string, string, string, string, string, number, string, string, string];

/** A checklist item: item id, criterion, measure, goal, responsible organ, phase, due date, evidence (texts as indexes into the chunk's `strings`). */
export type ItemRow = [string, number, number, number, number, number, string, number];

/** What a screening thread hands over for the workbook: compact rows of one chunk. */
export interface SheetChunk {
  results: ResultRow[];
  /** Per weak-lax organisation: id, name, township, its checklist items. */
  checklists: Array<[string, string, string, ItemRow[]]>;
  /** Texts the checklist items refer to, by index. */
  strings: string[];
  invalid: Array<{ index: number; row?: number; orgId?: string; problems: string }>;
}

const LABEL = new Map(FIELDS.map((f) => [f.path, f.label.zh]));
const label = (path: string) => LABEL.get(path) ?? '';

/** "C01 班子配备不齐…" for each criterion id, from a full result's criteria. */
function titled(ids: readonly string[], titles: ReadonlyMap<string, string>): string {
  return ids.map((id) => `${id} ${titles.get(id) ?? ''}`.trim()).join('；');
}

/** An issue as a clerk reads it: the column's Chinese label, then the path and the message. */
function problemText(issues: ReadonlyArray<{ path: string; message: string }>): string {
  return issues.map((i) => (i.path ? `${label(i.path) ? `${label(i.path)}（${i.path}）` : i.path}：${i.message}` : i.message)).join('；');
}

/**
 * Builds the compact rows of a chunk one entry at a time (full results: the checklist and
 * the criterion titles are read off them), so a thread never holds a chunk of full results.
 */
export class SheetChunkBuilder {
  /** The rows so far. */
  readonly chunk: SheetChunk = { results: [], checklists: [], strings: [], invalid: [] };
  private readonly index = new Map<string, number>();
  private readonly titles: ReadonlyMap<string, string>;

  /** `criteria`: the ruleset's, for the criterion titles. */
  constructor(criteria: ReadonlyArray<Pick<Criterion, 'id' | 'title'>>) {
    this.titles = new Map(criteria.map((c) => [c.id, c.title.zh]));
  }

  private intern(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.chunk.strings.length;
      this.chunk.strings.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  /** Adds one entry (in input order). */
  add(entry: Entry): void {
    const chunk = this.chunk;
    if (!entry.ok) {
      chunk.invalid.push({
        index: entry.index,
        ...(entry.row !== undefined ? { row: entry.row } : {}),
        ...(entry.orgId !== undefined ? { orgId: entry.orgId } : {}),
        problems: problemText(entry.issues),
      });
      return;
    }
    const r = (entry as Extract<BatchEntry, { ok: true }>).result;
    const titles = this.titles;
    const { near, insufficient } = lists(r);
    chunk.results.push([r.orgId, r.orgName, regionOf(r), r.assessedOn, r.verdict, r.score, titled(r.matched, titles), titled(near, titles), insufficient.join('、')]);
    if (r.verdict === 'weak-lax' && 'checklist' in r) {
      const phases = new Map(r.timeline.map((p) => [p.id, p.title.zh]));
      const items: ItemRow[] = r.checklist.map((item) => [
        item.id,
        this.intern(item.criterionId ? `${item.criterionId} ${titles.get(item.criterionId) ?? ''}`.trim() : '共性措施'),
        this.intern(item.measure.zh),
        this.intern(item.goal.zh),
        this.intern(item.role.zh),
        this.intern(phases.get(item.phase) ?? item.phase),
        item.due,
        this.intern(item.evidence.zh),
      ]);
      chunk.checklists.push([r.orgId, r.orgName, r.region?.township ?? '', items]);
    }
  }
}

/**
 * What `summarize` reads of an entry, and no more (verdict, region, each criterion's outcome
 * and near flag), from a compact or a full result: `criteria` are the ruleset's, in order.
 */
export function countedEntry(entry: Entry, criteria: ReadonlyArray<Pick<Criterion, 'id' | 'no' | 'title'>>): BatchEntry {
  if (!entry.ok) return { index: entry.index, ok: false, issues: [] };
  const r = entry.result;
  const { near, insufficient } = lists(r);
  const outcomes = criteria.map((c) => ({
    id: c.id,
    no: c.no,
    title: c.title,
    outcome: r.matched.includes(c.id) ? 'matched' : insufficient.includes(c.id) ? 'insufficient-data' : 'not-matched',
    near: near.includes(c.id),
  }));
  return { index: entry.index, ok: true, result: { orgId: r.orgId, region: r.region, verdict: r.verdict, criteria: outcomes } as unknown as ScreeningResult };
}

/** Fills and fonts of the verdict cell (Excel's own "bad", "neutral", "good" colours). */
export const VERDICT_STYLE: Readonly<Record<string, { fill: string; font: string }>> = {
  'weak-lax': { fill: 'FFFFC7CE', font: 'FF9C0006' },
  'at-risk': { fill: 'FFFFEB9C', font: 'FF9C5700' },
  sound: { fill: 'FFC6EFCE', font: 'FF006100' },
  undetermined: { fill: 'FFEDEDED', font: 'FF3F3F3F' },
};

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  alignment: { vertical: 'middle', wrapText: true },
};

const verdictStyles = new Map(
  Object.entries(VERDICT_STYLE).map(([verdict, s]) => [
    verdict,
    { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } }, font: { color: { argb: s.font }, bold: verdict === 'weak-lax' } } as Partial<ExcelJS.Style>,
  ]),
);

/** A column of a sheet: its header, width and the style of its cells. */
export interface SheetColumn {
  header: string;
  width: number;
  style?: Partial<ExcelJS.Style>;
}

const NO_STYLE: Partial<ExcelJS.Style> = {};
const DATE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd' };
const WRAP: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };

/** The columns of the results sheet. */
export const RESULT_COLUMNS: readonly SheetColumn[] = [
  { header: label('org.id'), width: 16 },
  { header: label('org.name'), width: 24 },
  { header: REGION_GROUP.label.zh, width: 28 },
  { header: label('assessedOn'), width: 12, style: DATE },
  { header: '初步结论', width: 10 },
  { header: '分数', width: 6 },
  { header: '符合', width: 40 },
  { header: '接近预警线', width: 30 },
  { header: '数据不足', width: 24 },
];

/** The columns of the checklist sheet. */
export const CHECKLIST_COLUMNS: readonly SheetColumn[] = [
  { header: label('org.id'), width: 16 },
  { header: label('org.name'), width: 24 },
  { header: label('org.region.township'), width: 14 },
  { header: '序号', width: 10 },
  { header: '情形', width: 28 },
  { header: '整顿措施', width: 50, style: WRAP },
  { header: '工作目标', width: 36, style: WRAP },
  { header: '责任单位', width: 18 },
  { header: '阶段', width: 12 },
  { header: '完成时限', width: 12, style: DATE },
  { header: '佐证材料', width: 36, style: WRAP },
];

const INVALID_COLUMNS: readonly SheetColumn[] = [
  { header: '行号', width: 8 },
  { header: '记录序号', width: 10 },
  { header: label('org.id'), width: 16 },
  { header: '问题', width: 100 },
];

const SUMMARY_VERDICTS = ['weak-lax', 'at-risk', 'sound', 'undetermined'] as const;

/** The note closing the summary: a screening is a preliminary finding, and who decides. */
export const PRELIMINARY_ZH =
  '以上为初步排查结果：由乡镇（街道）党（工）委初步提出，县委组织部会同纪检监察、政法、信访、民政等部门联审，县委常委会研究确定。';

const text = (value: string) => terminalText(value);

/** A `YYYY-MM-DD` date as an Excel date cell. */
function dateCell(value: string): Date | string {
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : date;
}

type Writer = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
type Sheet = ReturnType<Writer['addWorksheet']>;

/** A sheet that goes on in a numbered sheet of the same name when Excel's row limit is reached. */
class SheetSeries {
  private sheet: Sheet | undefined;
  private rows = 0;
  private part = 0;
  private readonly styles: ReadonlyArray<Partial<ExcelJS.Style>>;
  private readonly keepHeap = heapKeeper();

  constructor(
    private readonly workbook: Writer,
    private readonly name: string,
    private readonly columns: readonly SheetColumn[],
    private readonly maxRows: number,
  ) {
    this.styles = columns.map((c) => c.style ?? NO_STYLE);
  }

  private open(): Sheet {
    this.part++;
    const sheet = this.workbook.addWorksheet(this.part === 1 ? this.name : `${this.name}（${this.part}）`, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = this.columns.map((c) => ({ width: c.width, ...(c.style ? { style: c.style } : {}) }));
    const header = sheet.addRow(this.columns.map((c) => c.header));
    header.eachCell((cell) => (cell.style = HEADER_STYLE));
    header.commit();
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: this.columns.length } };
    this.rows = 1;
    return sheet;
  }

  /**
   * Adds a row of typed values; `style` styles cells by their 1-based column. Every few
   * hundred rows it waits while the zip archive has not taken the sheet's last bytes: exceljs
   * hands them on without back-pressure, and a fast producer would otherwise pile up the whole
   * compressed-to-be sheet in memory.
   */
  async add(values: Array<string | number | Date>, style?: (row: ExcelJS.Row) => void): Promise<void> {
    if (!this.sheet || this.rows >= this.maxRows) {
      this.sheet?.commit();
      this.sheet = this.open();
    }
    const row = this.sheet.addRow(values);
    // One style object per column, shared by reference: exceljs caches a style's id by the
    // object, where a fresh copy per cell (its default) costs a style lookup per cell.
    row.eachCell((cell, column) => (cell.style = this.styles[column - 1] ?? NO_STYLE));
    style?.(row);
    row.commit();
    this.rows++;
    if (this.rows % 2048 === 0) this.keepHeap();
    if (this.rows % 256 === 0) {
      // The sheet's buffer (exceljs's StreamBuf) writes into the archive's entry stream (a
      // readable-stream PassThrough), whose state says when it is full.
      type Entry = NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } };
      const pipe = (this.sheet as unknown as { stream?: { pipes?: Entry[] } }).stream?.pipes?.[0];
      if (pipe?._writableState?.needDrain) await once(pipe, 'drain');
    }
  }

  /** Commits the sheet (opening it first, with its header, if no row came). */
  finish(): void {
    (this.sheet ?? this.open()).commit();
    this.sheet = undefined;
  }
}

/**
 * Writes the results workbook to a stream: {@link add} each chunk's rows in input order,
 * then {@link finish} with the merged summary.
 */
export class ResultsWorkbook {
  private readonly workbook: Writer;
  private readonly results: SheetSeries;
  private readonly invalid: SheetChunk['invalid'] = [];
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly spillDir: string;
  private readonly spill: WriteStream;
  private spilled = 0;

  /** A results workbook writing to `stream`, once exceljs is loaded. */
  static async open(stream: NodeJS.WritableStream, maxRows = EXCEL_MAX_ROWS): Promise<ResultsWorkbook> {
    return new ResultsWorkbook(await loadExcelJS(), stream, maxRows);
  }

  private constructor(
    excel: ExcelJSModule,
    stream: NodeJS.WritableStream,
    private readonly maxRows = EXCEL_MAX_ROWS,
  ) {
    this.workbook = new excel.stream.xlsx.WorkbookWriter({ stream: stream as never, useStyles: true, useSharedStrings: false });
    this.workbook.creator = 'weak-lax-screener';
    this.results = new SheetSeries(this.workbook, '排查结果', RESULT_COLUMNS, maxRows);
    this.spillDir = mkdtempSync(join(tmpdir(), 'weak-lax-screener-'));
    this.spill = createWriteStream(join(this.spillDir, 'checklist.jsonl'));
  }

  private global(text: string): number {
    let i = this.stringIndex.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(terminalText(text));
      this.stringIndex.set(text, i);
    }
    return i;
  }

  /** Writes a chunk's result rows, keeps its invalid records and puts its checklist aside. */
  async add(chunk: SheetChunk): Promise<void> {
    for (const [id, name, region, assessedOn, verdict, score, matched, near, insufficient] of chunk.results) {
      await this.results.add([text(id), text(name), text(region), dateCell(assessedOn), VERDICT_ZH[verdict] ?? verdict, score, text(matched), text(near), text(insufficient)], (row) => {
        row.getCell(5).style = verdictStyles.get(verdict) ?? {};
      });
    }
    this.invalid.push(...chunk.invalid);
    if (chunk.checklists.length === 0) return;
    const map = chunk.strings.map((s) => this.global(s));
    let lines = '';
    for (const [id, name, township, items] of chunk.checklists) {
      const mapped = items.map(([item, criterion, measure, goal, role, phase, due, evidence]) => [item, map[criterion], map[measure], map[goal], map[role], map[phase], due, map[evidence]]);
      lines += `${JSON.stringify([id, name, township, mapped])}\n`;
      this.spilled += items.length;
    }
    if (!this.spill.write(lines)) await new Promise<void>((resolve) => this.spill.once('drain', resolve));
  }

  /** Writes the summary, checklist and invalid-record sheets and ends the workbook. */
  async finish(summary: ScreeningSummary): Promise<void> {
    try {
      this.results.finish();
      this.writeSummary(summary);
      await new Promise<void>((resolve, reject) => this.spill.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const checklist = new SheetSeries(this.workbook, '整顿清单', CHECKLIST_COLUMNS, this.maxRows);
      const lines = createInterface({ input: createReadStream(join(this.spillDir, 'checklist.jsonl'), 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        const [id, name, township, items] = JSON.parse(line) as [string, string, string, Array<[string, number, number, number, number, number, string, number]>];
        for (const [item, criterion, measure, goal, role, phase, due, evidence] of items) {
          const s = this.strings;
          await checklist.add([text(id), text(name), text(township), text(item), s[criterion]!, s[measure]!, s[goal]!, s[role]!, s[phase]!, dateCell(due), s[evidence]!]);
        }
      }
      checklist.finish();
      if (this.invalid.length > 0) {
        const invalid = new SheetSeries(this.workbook, '无效记录', INVALID_COLUMNS, this.maxRows);
        for (const entry of this.invalid) await invalid.add([entry.row ?? '', entry.index, text(entry.orgId ?? ''), text(entry.problems)]);
        invalid.finish();
      }
      await this.workbook.commit();
    } finally {
      this.discard();
    }
  }

  /** Removes the temporary checklist file (also when the run fails). */
  discard(): void {
    if (!this.spill.closed) this.spill.destroy();
    rmSync(this.spillDir, { recursive: true, force: true });
  }

  /** Checklist items put aside so far. */
  get checklistItems(): number {
    return this.spilled;
  }

  private writeSummary(s: ScreeningSummary): void {
    const sheet = this.workbook.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [14, 14, 16, 16, 8, 10, 8, 8, 8].map((width) => ({ width }));
    const heading = (values: string[]) => {
      const row = sheet.addRow(values);
      row.eachCell((cell) => (cell.style = HEADER_STYLE));
      row.commit();
    };
    const regionParts = ['org.region.province', 'org.region.city', 'org.region.county', 'org.region.township'].map(label);
    heading([...regionParts, '合计', ...SUMMARY_VERDICTS.map((v) => VERDICT_ZH[v]!)]);
    for (const g of s.byRegion.township) {
      const row = sheet.addRow([text(g.province ?? ''), text(g.city ?? ''), text(g.county ?? ''), text(g.township ?? '（未填写）'), g.total, ...SUMMARY_VERDICTS.map((v) => g.byVerdict[v])]);
      if (g.byVerdict['weak-lax'] > 0) row.getCell(6).style = verdictStyles.get('weak-lax')!;
      row.commit();
    }
    const total = sheet.addRow(['合计', '', '', '', s.total, ...SUMMARY_VERDICTS.map((v) => s.byVerdict[v])]);
    total.font = { bold: true };
    total.commit();
    sheet.addRow([]).commit();
    heading(['情形', '', '', '', '符合', '接近预警线', '数据不足']);
    for (const c of s.byCriterion) sheet.addRow([text(`${c.id} ${c.title.zh}`), '', '', '', c.matched, c.near, c.insufficient]).commit();
    sheet.addRow([]).commit();
    sheet.addRow([`已排查 ${s.total} 个党组织，无效记录 ${s.invalid} 条。`]).commit();
    sheet.addRow([PRELIMINARY_ZH]).commit();
    sheet.commit();
  }
}

/** A cell of a {@link PlainSheet}: text, a number, a date (`YYYY-MM-DD`, written as an Excel date) or empty. */
export type PlainCell = string | number | { date: string } | null;

/** A sheet given whole: its header (always frozen) and column widths, its rows, and the rows to mark. */
export interface PlainSheet {
  /** Sheet name. */
  name: string;
  /** Column headers and widths (in characters). */
  columns: Array<{ header: string; width: number }>;
  /** The rows under the header. */
  rows: PlainCell[][];
  /** Per row: `overdue` rows are filled in Excel's "bad" red, `done` rows written in grey. */
  styles: Array<'overdue' | 'done' | undefined>;
}

const OVERDUE_STYLE: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: VERDICT_STYLE['weak-lax']!.fill } },
  font: { color: { argb: VERDICT_STYLE['weak-lax']!.font } },
};
const DONE_STYLE: Partial<ExcelJS.Style> = { font: { color: { argb: 'FF808080' } } };

/**
 * Writes sheets given whole (the monthly ledger's, say) as one workbook to `stream`, with the
 * same header, frozen first row, filter, row limit and back-pressure as the results workbook;
 * dates become Excel date cells and text is made safe as in every other output.
 */
export async function writeSheets(stream: NodeJS.WritableStream, sheets: readonly PlainSheet[]): Promise<void> {
  const excel = await loadExcelJS();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: stream as never, useStyles: true, useSharedStrings: false });
  workbook.creator = 'weak-lax-screener';
  for (const sheet of sheets) {
    const dateColumns = new Set<number>();
    for (const row of sheet.rows) row.forEach((cell, i) => cell !== null && typeof cell === 'object' && dateColumns.add(i));
    const columns: SheetColumn[] = sheet.columns.map((c, i) => ({ ...c, ...(dateColumns.has(i) ? { style: DATE } : {}) }));
    // One style object per column and mark, made once: exceljs looks a style up by the object.
    const marked = (mark: Partial<ExcelJS.Style>) => columns.map((c) => ({ ...(c.style ?? NO_STYLE), ...mark }));
    const styles = { overdue: marked(OVERDUE_STYLE), done: marked(DONE_STYLE) };
    const series = new SheetSeries(workbook, sheet.name, columns, EXCEL_MAX_ROWS);
    for (let r = 0; r < sheet.rows.length; r++) {
      const values = sheet.rows[r]!.map((cell) => (cell === null ? '' : typeof cell === 'object' ? dateCell(cell.date) : typeof cell === 'string' ? text(cell) : cell));
      const mark = sheet.styles[r];
      await series.add(values, mark ? (row) => row.eachCell({ includeEmpty: true }, (cell, column) => (cell.style = styles[mark][column - 1] ?? NO_STYLE)) : undefined);
    }
    series.finish();
  }
  await workbook.commit();
}
