/**
 * Generators of hostile options, CSV files and JSON Lines files (issue 11), as recipes, with
 * the functions that turn a recipe into the options object or the bytes of the file.
 */
import fc from 'fast-check';
import { FIELDS } from '../../src/schema/fields.js';
import { assessmentArb, thresholdsArb } from '../helpers/arbitraries.js';
import { HOSTILE_PIECES, hostileNameArb, hostileStringArb, type Edit, type Sizes } from './hostile-values.js';

// ---------------------------------------------------------------------------------------------
// Options

/** Dates for plan starts and election rounds: real ones around the records' dates, and near misses. */
export const DATE_LIKE: readonly string[] = [
  '2025-12-31', '2026-01-01', '2026-03-31', '2026-04-01', '2026-05-15', '2026-06-30', '2027-01-01', '2030-01-01', '0000-01-01', '0001-01-01', '1970-01-01',
  '2026-02-29', '2024-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-4-1', '2026/04/01', '2026年4月1日', '20260401', '2026-04-01T00:00:00Z',
  ' 2026-04-01', '2026-04-01\n', '２０２６-０４-０１', '+02026-04-01', '-2026-04-01', '10000-01-01', '', 'null', 'today',
];

/** Names a threshold override may use: real ones, near misses, and names every object inherits. */
const THRESHOLD_NAMES = ['secretaryVacantMonths', 'secretaryVacantMonth', 'satisfactionRate', 'monthsSinceElection', 'termMonths', 'collectiveIncome', 'constructor', 'toString', 'valueOf', '__proto__', 'prototype', 'hasOwnProperty', 'name', 'length', ''];
const CRITERION_IDS = ['C01', 'C04', 'C05', 'C08', 'C11', 'C12', 'C99', 'c01', 'X13', 'constructor', 'toString', '__proto__', 'prototype', 'valueOf', ''];

/** Threshold overrides built from real and hostile names and edge numbers. */
const looseThresholdsArb = fc.dictionary(
  fc.constantFrom(...CRITERION_IDS),
  fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...THRESHOLD_NAMES), fc.oneof(fc.constantFrom(0, 1, 2, 6, 0.5, 0.75, 72, -1, -0, 1e308, Number.NaN), fc.double()), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  ),
  { maxKeys: 3 },
);

/** Valid options (of the JSON kind) before the edits. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) => fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostile });
const optionsBaseArb = fc.record(
  {
    thresholds: mostly(thresholdsArb, looseThresholdsArb),
    atRiskScore: mostly(fc.constantFrom(0, 5, 10, 100, 1e6), fc.constantFrom(-1, Number.NaN, -0, Number.POSITIVE_INFINITY)),
    plan: fc.record(
      { start: mostly(fc.constantFrom('2026-05-15', '2026-06-30', '2027-01-01'), fc.constantFrom(...DATE_LIKE)), template: mostly(fc.constantFrom('intensive', 'annual'), fc.constantFrom('Intensive', 'castle', '')) },
      { requiredKeys: [] },
    ),
    electionRound: fc.record({ approvedUntil: mostly(fc.constantFrom('2025-12-31', '2026-06-30', '2030-01-01', '0000-01-01'), fc.constantFrom(...DATE_LIKE)) }),
    locale: mostly(fc.constantFrom('en', 'zh-CN'), fc.constantFrom('zh', 'EN', '', 'zh-cn')),
  },
  { requiredKeys: [] },
);

/** Keys of the options object and of its parts, for edits and for checking issue paths. */
export const OPTION_KEYS = ['ruleset', 'thresholds', 'atRiskScore', 'plan', 'electionRound', 'locale'] as const;

/** Hostile options: a base (sometimes valid), edits like an assessment's, and which ruleset to pass. */
export interface OptionsRecipe {
  ruleset: 'none' | 'default' | 'extended' | 'fake';
  base: Record<string, unknown>;
  edits: Edit[];
}

export function optionsRecipeArb(editArb: fc.Arbitrary<Edit>): fc.Arbitrary<OptionsRecipe> {
  return fc.record({
    ruleset: fc.constantFrom('none' as const, 'none' as const, 'default' as const, 'extended' as const, 'fake' as const),
    base: optionsBaseArb,
    edits: fc.array(editArb, { maxLength: 3 }),
  });
}

/** Records screened under hostile options: weak-lax, sound, undetermined, around the dates above. */
export const OPTION_RECORDS: readonly Record<string, unknown>[] = [
  { org: { id: '990000000101', name: '示例一村党支部', kind: 'village' }, assessedOn: '2026-03-31', leadership: { secretaryVacantSince: '2025-10-15' }, service: { satisfactionRate: 0.66 } },
  { org: { id: '990000000102', name: '示例二社区党委', kind: 'community', region: { county: '示例县', township: '示例街道' } }, assessedOn: '2026-05-15', organisationLife: { lastElectionOn: '2021-03-01', branchAssemblies: 4 }, venue: { hasFixedVenue: false } },
  { org: { id: '990000000103', name: '示例三村党总支', kind: 'village' }, assessedOn: '2025-12-31', organisationLife: { lastElectionOn: '2020-11-30' } },
];

// ---------------------------------------------------------------------------------------------
// CSV

/** Column names of the field table, and hostile ones. */
const FIELD_COLUMNS = FIELDS.map((f) => f.path);
const HOSTILE_COLUMNS = [
  '__proto__.x', 'extra.__proto__', 'org.constructor.prototype', 'prototype', 'leadership.constructor', 'org..id', 'leadership.', '.org', 'org', 'extra.x',
  ' org.id ', '\ufefforg.id', 'org.id\u0000', '=org.id', '@org.name', 'org.id,org.name', 'org."id"', 'org.id\nx', '甲', '', 'toString', 'hasOwnProperty', 'org.toString',
];

/** A cell of one column: values of its type, near misses, and hostile text. */
function cellArb(column: string): fc.Arbitrary<string> {
  const field = FIELDS.find((f) => f.path === column);
  const valid: string[] = [];
  const near: string[] = [];
  if (field?.type === 'count' || field?.type === 'amount') valid.push('0', '3', '12'), near.push('-1', '1.5', '1e3', ' 4 ', '5.11923E+11', "'-5", '１２');
  if (field?.type === 'share') valid.push('0.5', '0.85', '1'), near.push('85', '85%', '-0');
  if (field?.type === 'boolean') valid.push('true', 'false'), near.push('TRUE', '是', '否', '1', '0', 'null');
  if (field?.type === 'date') valid.push('2017-01-15', '2015-10-15'), near.push('2026/3/31', '2026年3月31日', '2026-02-30', 'null', '46112');
  if (field?.type === 'enum') valid.push(...(field.values ?? [])), near.push('村', '社区', '优秀', 'Village');
  if (column === 'org.id') near.push('=99', '+99', '-99', '@99', "'=99", '99\t', '5.11923E+11');
  if (column === 'assessedOn') valid.splice(0, valid.length, '2017-03-31'), near.push('2017-02-15');
  // Text columns take any text: hostile text is valid there, and reaches every output.
  const text = field?.type === 'id' || field?.type === 'text';
  const pick = (values: string[]) => fc.constantFrom(...(values.length ? values : ['']));
  return fc.oneof(
    { weight: valid.length ? 16 : 0, arbitrary: pick(valid) },
    { weight: near.length ? 1 : 0, arbitrary: pick(near) },
    { weight: text ? 8 : 1, arbitrary: text ? hostileNameArb : hostileStringArb },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

/** Byte sequences that are not UTF-8 (GB18030 text among them), and NUL. */
export const BAD_BYTES: readonly (readonly number[])[] = [
  [0xff], [0xfe, 0xff], [0xc0, 0xaf], [0x80], [0xe7, 0x94], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xbc, 0xd7, 0xb4, 0xe5], [0x81, 0x30, 0x81, 0x30],
  [0xd5, 0xfe, 0xb8, 0xae], [0x00],
];

/** A CSV file: header, rows, and how its bytes are laid out. */
export interface CsvRecipe {
  header: string[];
  rows: string[][];
  /** `rfc`: every cell quoted as RFC 4180 says; `raw`: written as it is (quotes and commas break it). */
  quoting: 'rfc' | 'raw';
  bom: boolean;
  newline: '\n' | '\r\n';
  finalNewline: boolean;
  /** Bytes inserted at a fraction of the file. */
  bad: { at: number; bytes: readonly number[] } | undefined;
}

export function csvRecipeArb(maxRows: number): fc.Arbitrary<CsvRecipe> {
  const columnsArb = fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(['org.id', 'org.name', 'org.kind', 'assessedOn']) }, { weight: 1, arbitrary: fc.subarray(['org.id', 'org.name', 'org.kind', 'assessedOn'], { minLength: 0 }) }),
      fc.uniqueArray(fc.constantFrom(...FIELD_COLUMNS.filter((c) => !['org.id', 'org.name', 'org.kind', 'assessedOn'].includes(c))), { maxLength: 5 }),
      fc.oneof({ weight: 3, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE_COLUMNS), { minLength: 1, maxLength: 2 }) }),
      fc.boolean(),
    )
    .map(([identity, fields, hostile, shuffle]) => {
      const all = [...identity, ...fields, ...hostile];
      return shuffle ? all.reverse() : all;
    })
    .filter((columns) => columns.length > 0);
  return columnsArb.chain((header) =>
    fc.record({
      header: fc.constant(header),
      rows: fc.array(
        fc.tuple(fc.tuple(...header.map((column) => cellArb(column))), fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 1)).map(([cells, shift]) => {
          const row = [...cells];
          // A ragged row now and then: one cell fewer or more.
          if (shift < 0 && row.length > 1) row.pop();
          if (shift > 0) row.push('extra');
          // Rows whose cells are all empty are no record: keep the first cell non-blank.
          if (/^\s*$/.test(row[0]!)) row[0] = `x${row[0]}`;
          return row;
        }),
        { minLength: 0, maxLength: maxRows },
      ),
      quoting: fc.constantFrom('rfc' as const, 'rfc' as const, 'rfc' as const, 'raw' as const),
      bom: fc.boolean(),
      newline: fc.constantFrom('\n' as const, '\r\n' as const),
      finalNewline: fc.boolean(),
      bad: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.constantFrom(...BAD_BYTES) }) }),
    }),
  );
}

function csvCell(cell: string, quoting: 'rfc' | 'raw'): string {
  return quoting === 'rfc' && /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The bytes of a CSV recipe. */
export function csvBytes(recipe: CsvRecipe): Uint8Array {
  const line = (cells: string[]) => cells.map((c) => csvCell(c, recipe.quoting)).join(',');
  const text = (recipe.bom ? '\ufeff' : '') + [line(recipe.header), ...recipe.rows.map(line)].join(recipe.newline) + (recipe.finalNewline ? recipe.newline : '');
  return withBadBytes(Buffer.from(text, 'utf8'), recipe.bad);
}

function withBadBytes(bytes: Uint8Array, bad: { at: number; bytes: readonly number[] } | undefined): Uint8Array {
  if (!bad) return bytes;
  // Inserted between characters, never inside one (the bytes alone make the file invalid).
  let at = Math.floor(bad.at * bytes.length);
  while (at > 0 && at < bytes.length && (bytes[at]! & 0xc0) === 0x80) at--;
  return Buffer.concat([bytes.subarray(0, at), Uint8Array.from(bad.bytes), bytes.subarray(at)]);
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/** One line of a JSON Lines file, as a recipe. */
export type LineRecipe =
  | { l: 'record'; record: Record<string, unknown>; name: string; id: string; township: string | undefined }
  | { l: 'json'; value: unknown }
  | { l: 'text'; text: string }
  | { l: 'blank'; text: string }
  | { l: 'spacing'; text: string }
  | { l: 'deep'; depth: number; open: '[' | '{"a":' }
  | { l: 'huge'; length: number; piece: string };

export interface JsonLinesRecipe {
  lines: LineRecipe[];
  bom: boolean;
  newline: '\n' | '\r\n';
  finalNewline: boolean;
  bad: { at: number; bytes: readonly number[] } | undefined;
}

export function jsonLinesRecipeArb(maxLines: number, sizes: Sizes): fc.Arbitrary<JsonLinesRecipe> {
  const line: fc.Arbitrary<LineRecipe> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ l: fc.constant('record' as const), record: assessmentArb, name: hostileNameArb, id: hostileNameArb, township: fc.option(hostileStringArb, { nil: undefined }) }) },
    { weight: 1, arbitrary: fc.record({ l: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ l: fc.constant('text' as const), text: hostileStringArb }) },
    { weight: 1, arbitrary: fc.record({ l: fc.constant('blank' as const), text: fc.stringMatching(/^[ \t\r]{0,4}$/) }) },
    { weight: 1, arbitrary: fc.record({ l: fc.constant('spacing' as const), text: fc.constantFrom('\u3000', '\f', '\v', '\u00a0', '\u2028', '\ufeff', ' \u3000 ') }) },
    { weight: 1, arbitrary: fc.record({ l: fc.constant('deep' as const), depth: fc.integer({ min: 1, max: sizes.depth }), open: fc.constantFrom('[' as const, '{"a":' as const) }) },
    { weight: 1, arbitrary: fc.record({ l: fc.constant('huge' as const), length: fc.integer({ min: 1, max: sizes.string }), piece: fc.constantFrom(...HOSTILE_PIECES.filter((p) => !p.includes('\n'))) }) },
  );
  return fc.record({
    lines: fc.array(line, { maxLength: maxLines }),
    bom: fc.boolean(),
    newline: fc.constantFrom('\n' as const, '\r\n' as const),
    finalNewline: fc.boolean(),
    bad: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.constantFrom(...BAD_BYTES) }) }),
  });
}

/** The text of one line (never holding a line feed). */
export function lineText(line: LineRecipe): string {
  switch (line.l) {
    case 'record': {
      const org = { ...(line.record.org as object), id: line.id, name: line.name, ...(line.township !== undefined ? { region: { county: '示例县', township: line.township } } : {}) };
      return JSON.stringify({ ...line.record, org });
    }
    case 'json':
      return JSON.stringify(line.value) ?? 'undefined';
    case 'text':
    case 'blank':
    case 'spacing':
      return line.text.replaceAll('\n', ' ');
    case 'deep':
      return line.open.repeat(line.depth) + (line.open === '[' ? ']' : '1}').repeat(line.depth);
    case 'huge': {
      const name = line.piece.repeat(Math.ceil(line.length / line.piece.length)).slice(0, line.length);
      return JSON.stringify({ org: { id: '990000000999', name, kind: 'village' }, assessedOn: '2026-03-31', venue: { hasFixedVenue: false } });
    }
  }
}

/** The bytes of a JSON Lines recipe. */
export function jsonLinesBytes(recipe: JsonLinesRecipe): Uint8Array {
  const text = (recipe.bom ? '\ufeff' : '') + recipe.lines.map(lineText).join(recipe.newline) + (recipe.finalNewline && recipe.lines.length ? recipe.newline : '');
  return withBadBytes(Buffer.from(text, 'utf8'), recipe.bad);
}

/**
 * Records in JSON Lines bytes by the documented rule (docs/cli.md, "Input"): a byte order mark
 * at the start is dropped; every line feed ends a line; a line of nothing but spaces, tabs and
 * carriage returns is blank and no record; every other line is one record.
 */
export function jsonLinesRecordCount(bytes: Uint8Array): number {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let records = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    let blank = true;
    for (let i = start; i < end; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09 && bytes[i] !== 0x0d) blank = false;
    if (!blank) records++;
    start = end + 1;
  }
  return records;
}
