/**
 * `weak-lax-screener template`: the spreadsheet a clerk fills in. Everything in it comes from
 * the field table (`schema/fields.ts`): the headers (each field's Chinese label, in the
 * table's order), the drop-down lists (every enumerated field's Chinese words, 是/否 for every
 * yes-or-no field), the number formats (text for ids, so a long id never turns into
 * 5.11923E+11; dates; percentages for shares) and the instructions; which criteria read a
 * field comes from the ruleset in use.
 *
 * Sheets: 排查数据 (the data sheet, first, so that `screen` reads it: headers only) and
 * 填写说明 (an example row under the same headers, which `screen` never reads since it reads
 * the first sheet, then one row per column: its meaning, how to fill it in, unit, period and
 * the criteria that read it).
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.js';
import type { Ruleset } from '../index.js';
import { inputPathOf } from '../facts.js';
import { FIELDS, type FieldPeriod, type FieldSpec } from '../schema/fields.js';
import { columnLetter } from './columns.js';
import { csvField } from './csv.js';

/** Rows of the data sheet that get drop-down lists and formats. */
export const TEMPLATE_ROWS = 5000;

/** The name of the data sheet, the first of the template. */
export const DATA_SHEET = '排查数据';
/** The name of the instructions sheet. */
export const INSTRUCTIONS_SHEET = '填写说明';

const PERIOD_ZH: Readonly<Record<FieldPeriod, string>> = {
  last12Months: '排查日期前12个月',
  lastYear: '上一年度',
  onDate: '排查日期当日',
  sinceElection: '上次换届以来',
  date: '—',
  none: '—',
};

/** One column of the template: a field of the table, or a ruleset's declared extra fact. */
interface TemplateColumn {
  header: string;
  path: string;
  field?: FieldSpec;
  extra?: 'number' | 'boolean' | 'string';
}

function columnsOf(ruleset: Ruleset): TemplateColumn[] {
  return [
    ...FIELDS.map((field) => ({ header: field.label.zh, path: field.path, field })),
    ...Object.entries(ruleset.extraFacts).map(([name, type]) => ({ header: `extra.${name}`, path: `extra.${name}`, extra: type })),
  ];
}

/** The drop-down words of a column: the Chinese words of an enumeration, 是/否 for yes or no. */
export function choicesOf(field: FieldSpec | undefined, extra?: string): string[] | undefined {
  if (field?.type === 'enum') return (field.values ?? []).map((v) => field.valueLabels?.[v]?.zh ?? v);
  if (field?.type === 'boolean' || extra === 'boolean') return ['是', '否'];
  return undefined;
}

/** How to fill in the column of a field, in words (the template's instructions, docs/cli.md). */
export function fillInstructions(field: FieldSpec): string {
  return howToFill({ header: field.label.zh, path: field.path, field });
}

/** How to fill a column in, in words. */
function howToFill(column: TemplateColumn): string {
  const field = column.field;
  const none = field?.nullable ? '；没有此情况填“无”' : '';
  switch (field?.type ?? column.extra) {
    case 'id':
      return field?.path === 'org.id' ? '文本（本列已设为文本格式，长编码不会变成科学计数法），必填' : '文本，必填';
    case 'text':
    case 'string':
      return '文本';
    case 'count':
      return '非负整数；没有发生填 0，情况不明留空';
    case 'amount':
    case 'number':
      return '数字；情况不明留空';
    case 'share':
      return '百分数（如 85%）或 0 到 1 之间的小数（如 0.85）；情况不明留空';
    case 'boolean':
      return '下拉选择“是”或“否”（也可填 TRUE/FALSE 或 1/0）；情况不明留空';
    case 'date':
      return `日期，如 2026/3/31、2026-03-31 或 2026年3月31日${none}${field?.required ? '，必填' : '；情况不明留空'}`;
    case 'enum':
      return `下拉选择：${choicesOf(field)!.join('、')}${field?.required ? '，必填' : '；情况不明留空'}`;
    default:
      return '';
  }
}

/** Which criteria of `ruleset` read each input path (a derived fact counts for its input date). */
export function readersOf(ruleset: Ruleset): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const criterion of ruleset.criteria) {
    for (const leaf of criterion.leaves) {
      const path = inputPathOf(leaf.fact);
      const list = readers.get(path) ?? [];
      const name = `${criterion.id} ${criterion.title.zh}`;
      if (!list.includes(name)) list.push(name);
      readers.set(path, list);
    }
  }
  return readers;
}

/** The example row: an invented village, screened sound (a test checks it). */
export const EXAMPLE: Readonly<Record<string, string | number | boolean | Date>> = {
  'org.id': '990101200201',
  'org.name': '示例村党支部',
  'org.kind': '村',
  'org.level': '党支部',
  'org.region.city': '云岫市',
  'org.region.county': '栖云县',
  'org.region.township': '石磬镇',
  assessedOn: new Date('2026-03-31T00:00:00Z'),
  'leadership.seatsRequired': 5,
  'leadership.seatsFilled': 5,
  'leadership.seatsShortSince': '无',
  'leadership.secretaryVacantSince': '无',
  'leadership.secretaryAbsentSince': '无',
  'leadership.workStalled': '否',
  'secretary.rating': '称职',
  'secretary.previousRating': '优秀',
  'secretary.disengaged': '否',
  'unity.confirmedConflicts': 0,
  'unity.conflictReports': 1,
  'unity.workDisrupted': '否',
  'organisationLife.lastElectionOn': new Date('2021-10-15T00:00:00Z'),
  'organisationLife.branchAssemblies': 4,
  'organisationLife.committeeMeetings': 12,
  'organisationLife.partyClasses': 4,
  'organisationLife.themedPartyDays': 12,
  'organisationLife.lifeMeetingHeld': '是',
  'organisationLife.memberReviewHeld': '是',
  'service.satisfactionRate': 0.92,
  'elections.voteBuyingCases': 0,
  'elections.clanInterference': '否',
  'elections.religiousInterference': '否',
  'elections.criminalInfiltration': '否',
  'elections.cadreWithCriminalRecord': '否',
  'affairs.affairsDisclosures': 4,
  'affairs.financeDisclosures': 4,
  'affairs.supervisionCommitteeActive': '是',
  'affairs.fourTwoMethodApplied': '是',
  'safety.criminalCases': 0,
  'safety.massIncidents': 0,
  'safety.repeatPetitions': 0,
  'safety.petitionBacklog': 0,
  'safety.collectivePetitions': 0,
  'safety.unresolvedDisputes': 1,
  'conduct.disciplineCases': 0,
  'conduct.corruptionCases': 0,
  'venue.hasFixedVenue': '是',
  'economy.collectiveIncome': 120000,
  'membership.lastAdmittedOn': new Date('2025-06-30T00:00:00Z'),
};

/** The number format of a column's cells: text for ids, dates, percentages, whole numbers. */
function numFmtOf(column: TemplateColumn): string | undefined {
  switch (column.field?.type) {
    case 'id':
    case 'text':
      return '@';
    case 'date':
      return 'yyyy/m/d';
    case 'share':
      return '0%';
    case 'count':
      return '0';
    default:
      return undefined;
  }
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: { bottom: { style: 'thin' } },
};
const REQUIRED_STYLE: Partial<ExcelJS.Style> = { ...HEADER_STYLE, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } } };

/** The `.xlsx` template as a workbook (written by {@link writeTemplate}). */
export async function templateWorkbook(ruleset: Ruleset): Promise<ExcelJS.Workbook> {
  const columns = columnsOf(ruleset);
  const readers = readersOf(ruleset);
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'weak-lax-screener';

  const data = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  data.columns = columns.map((c) => ({ width: Math.min(24, Math.max(10, c.header.length * 2 + 2)) }));
  const header = data.addRow(columns.map((c) => c.header));
  header.height = 36;
  // exceljs keeps a sheet's validations by range; its type declarations leave them out.
  const validations = (data as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.style = c.field?.required ? REQUIRED_STYLE : HEADER_STYLE;
    cell.note = `${c.field?.doc.zh ?? c.path}\n${howToFill(c)}`;
    const numFmt = numFmtOf(c);
    if (numFmt) data.getColumn(i + 1).numFmt = numFmt;
    const range = `${columnLetter(i)}2:${columnLetter(i)}${TEMPLATE_ROWS + 1}`;
    const choices = choicesOf(c.field, c.extra);
    if (choices) {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: `请从下拉列表中选择：${choices.join('、')}`,
      });
    } else if (c.field?.type === 'count') {
      validations.add(range, {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: '请填写非负整数；没有发生填 0',
      });
    }
  });

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = columns.map((_, i) => ({ width: i === 2 ? 48 : i === 3 ? 40 : i === 6 ? 40 : 18 }));
  help.addRow(['示例（本表不参与排查；请在第一个工作表“排查数据”中逐行填写，每行一个党组织）']).font = { bold: true };
  const exampleHeader = help.addRow(columns.map((c) => c.header));
  exampleHeader.eachCell((cell) => (cell.style = HEADER_STYLE));
  const example = help.addRow(columns.map((c) => EXAMPLE[c.path] ?? null));
  columns.forEach((c, i) => {
    const numFmt = numFmtOf(c);
    if (numFmt && numFmt !== '@') example.getCell(i + 1).numFmt = numFmt;
  });
  help.addRow([]);
  help.addRow(['各列填写说明']).font = { bold: true };
  const instructionsHeader = help.addRow(['列名', '字段路径', '含义', '填写方式', '单位', '统计期间', '读取该项的情形']);
  instructionsHeader.eachCell((cell) => (cell.style = HEADER_STYLE));
  for (const c of columns) {
    const readBy = readers.get(c.path);
    const row = help.addRow([
      c.header,
      c.path,
      c.field?.doc.zh ?? '规则集声明的附加指标',
      howToFill(c),
      c.field?.unit?.zh ?? '',
      c.field ? PERIOD_ZH[c.field.period] : '',
      readBy ? readBy.join('；') : c.field?.required ? '（识别组织，所有情形）' : '（本规则集不读取）',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  help.addRow(['空白单元格表示情况不明，相应情形记为“数据不足”，不会当作“否”或 0。']);
  help.addRow(['排查结果为初步排查：由乡镇（街道）党（工）委初步提出，县委组织部会同有关部门联审，县委常委会研究确定。']);
  return workbook;
}

/** Writes the `.xlsx` template to a stream. */
export async function writeTemplate(stream: NodeJS.WritableStream, ruleset: Ruleset): Promise<void> {
  await (await templateWorkbook(ruleset)).xlsx.write(stream as never);
}

/** The CSV template: the header row (Chinese labels in field-table order), UTF-8 with a byte order mark. */
export function templateCsv(ruleset: Ruleset): string {
  return `\uFEFF${columnsOf(ruleset).map((c) => csvField(c.header)).join(',')}\n`;
}
