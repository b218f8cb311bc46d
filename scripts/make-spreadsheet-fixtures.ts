/**
 * Makes fixtures/spreadsheets/: the input template filled in the way a township clerk would,
 * for five invented organisations, saved three ways:
 *
 * - `villages.xlsx`: the template from `weak-lax-screener template`, rows typed on its first
 *   sheet (dates as date cells, the percentage as a percentage cell, 是/否 from the drop-down);
 * - `villages-utf8.csv`: what Excel's "CSV UTF-8 (逗号分隔)" gives: a byte order mark, CRLF,
 *   cells as displayed (2026/3/31, 58%);
 * - `villages-gbk.csv`: what "CSV (逗号分隔)" gives on a Chinese Windows: the same text in GBK.
 *
 * One id is what Excel shows for a 12-digit number in a General cell, 9.90101E+11 (a text
 * cell in the workbook, as pasted): the CLI must report it, not screen it.
 *
 *   npx tsx scripts/make-spreadsheet-fixtures.ts
 *
 * Node cannot encode GBK (TextEncoder writes UTF-8 only), and no library is needed for it:
 * the encoder below inverts Node's own GBK decoder over every two-byte sequence.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRuleset } from '../src/index.js';
import { FIELDS } from '../src/schema/fields.js';
import { templateWorkbook } from '../src/cli/template.js';

const out = join(import.meta.dirname, '..', 'fixtures', 'spreadsheets');

type Value = string | number | Date;
const date = (text: string) => new Date(`${text}T00:00:00Z`);

/** A village whose every indicator is in order (the first row), as the clerk typed it. */
const SOUND: Record<string, Value> = {
  'org.kind': '村',
  'org.level': '党支部',
  'org.region.city': '云岫市',
  'org.region.county': '栖云县',
  'org.region.township': '石磬镇',
  assessedOn: date('2026-03-31'),
  'leadership.seatsRequired': 5,
  'leadership.seatsFilled': 5,
  'leadership.seatsShortSince': '无',
  'leadership.secretaryVacantSince': '无',
  'leadership.secretaryAbsentSince': '无',
  'leadership.workStalled': '否',
  'secretary.rating': '称职',
  'secretary.previousRating': '称职',
  'secretary.disengaged': '否',
  'unity.confirmedConflicts': 0,
  'unity.conflictReports': 0,
  'unity.workDisrupted': '否',
  'organisationLife.lastElectionOn': date('2021-10-15'),
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
};

/** The five rows, in order (rows 2 to 6 of the sheet). */
export const ROWS: Array<Record<string, Value>> = [
  // Row 2: in order: sound.
  { 'org.id': '990101200201', 'org.name': '蘅芜坪村党支部', ...SOUND },
  // Row 3: the secretary post vacant since 1 November and one seat short: C01; satisfaction typed as 58%: C05.
  {
    'org.id': '990101200202',
    'org.name': '芷汀坳村党支部',
    ...SOUND,
    'leadership.seatsFilled': 4,
    'leadership.seatsShortSince': date('2025-11-01'),
    'leadership.secretaryVacantSince': date('2025-11-01'),
    'service.satisfactionRate': '58%',
  },
  // Row 4: the id as Excel shows a 12-digit number in a General cell: reported, not screened.
  { 'org.id': '9.90101E+11', 'org.name': '蓼花垄村党支部', ...SOUND },
  // Row 5: 10 committee meetings (under the warning line 12, not under 6): C04 near, at-risk.
  { 'org.id': '990101200204', 'org.name': '荇藻湾村党支部', ...SOUND, 'organisationLife.committeeMeetings': 10, 'service.satisfactionRate': 0.91 },
  // Row 6: a community with only its leadership and secretary filled in: undetermined.
  {
    'org.id': '990101100101',
    'org.name': '菱歌社区党委',
    'org.kind': '社区',
    'org.level': '党委',
    'org.region.city': '云岫市',
    'org.region.county': '栖云县',
    'org.region.township': '石磬镇',
    assessedOn: date('2026-03-31'),
    'leadership.seatsRequired': 7,
    'leadership.seatsFilled': 7,
    'leadership.seatsShortSince': '无',
    'leadership.secretaryVacantSince': '无',
    'leadership.secretaryAbsentSince': '无',
    'leadership.workStalled': '否',
    'secretary.rating': '优秀',
    'secretary.previousRating': '优秀',
    'secretary.disengaged': '否',
  },
];

/** A cell as Excel displays it, which is what it writes to a CSV. */
function displayed(value: Value | undefined): string {
  if (value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}/${value.getUTCMonth() + 1}/${value.getUTCDate()}`;
  return String(value);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text Excel writes: the header, then one line per row, CRLF. */
export function csvText(): string {
  const lines = [FIELDS.map((f) => csvCell(f.label.zh)).join(','), ...ROWS.map((row) => FIELDS.map((f) => csvCell(displayed(row[f.path]))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** GBK bytes of `text`, from the inverse of Node's GBK decoder; a character GBK lacks is an error. */
export function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
      } catch {
        // not a GBK sequence
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const code = table.get(char);
      if (!code) throw new Error(`GBK has no ${char}`);
      bytes.push(...code);
    }
  }
  return Uint8Array.from(bytes);
}

/** The template with the rows typed on its first sheet, as Excel stores them. */
async function workbookBytes(): Promise<Buffer> {
  const workbook = await templateWorkbook(defaultRuleset);
  const sheet = workbook.worksheets[0]!;
  ROWS.forEach((row, r) => {
    FIELDS.forEach((field, c) => {
      let value = row[field.path];
      if (value === undefined) return;
      const cell = sheet.getCell(r + 2, c + 1);
      // Typing 58% makes a number cell formatted as a percentage.
      if (typeof value === 'string' && value.endsWith('%')) {
        value = Number(value.slice(0, -1)) / 100;
        cell.numFmt = '0%';
      }
      if (value instanceof Date) cell.numFmt = 'yyyy/m/d';
      cell.value = value;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

mkdirSync(out, { recursive: true });
const text = csvText();
writeFileSync(join(out, 'villages-utf8.csv'), `\uFEFF${text}`);
writeFileSync(join(out, 'villages-gbk.csv'), encodeGbk(text));
writeFileSync(join(out, 'villages.xlsx'), await workbookBytes());
console.log(`wrote ${out}: villages.xlsx, villages-utf8.csv, villages-gbk.csv`);
