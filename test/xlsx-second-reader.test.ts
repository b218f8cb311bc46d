/**
 * A workbook written by the CLI opens in a second reader, Python's openpyxl (Debian's
 * python3-openpyxl, which .ci/run installs): its sheets, the frozen header, the verdict fills,
 * the template's drop-downs, and no formula cell anywhere. Where openpyxl is missing the tests
 * skip, saying so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/index.js';
import { VERDICT_STYLE } from '../src/cli/xlsx-write.js';
import { FIELDS } from '../src/schema/fields.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'wls-xlsx-second-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Python with openpyxl: Debian's (/usr/bin/python3) first, then whatever `python3` is. */
const python = ['/usr/bin/python3', 'python3'].find((exe) => spawnSync(exe, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
if (!python) console.warn('xlsx-second-reader: openpyxl is not installed (apt-get install -y python3-openpyxl); skipping the second-reader checks');

/** What openpyxl sees in a workbook: per sheet, its frozen pane, rows of values, fills of column E, formula cells, validations. */
const READ = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == 'f']
    rows = [[(v.isoformat()[:10] if hasattr(v, 'isoformat') else v) for v in row] for row in ws.iter_rows(values_only=True)]
    fills = [ws.cell(row=r, column=5).fill.fgColor.rgb for r in range(2, ws.max_row + 1)]
    validations = sorted(str(dv.sqref) + ' ' + str(dv.formula1) for dv in ws.data_validations.dataValidation)
    out.append({'name': ws.title, 'frozen': ws.freeze_panes, 'rows': rows, 'fills': fills, 'formulas': formulas, 'validations': validations})
print(json.dumps(out, ensure_ascii=False))
`;

interface SheetSeen {
  name: string;
  frozen: string | null;
  rows: unknown[][];
  fills: string[];
  formulas: string[];
  validations: string[];
}

function openpyxl(path: string): SheetSeen[] {
  const run = spawnSync(python!, ['-c', READ, path], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as SheetSeen[];
}

async function cli(argv: string[]): Promise<number> {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await main(argv);
  } finally {
    vi.restoreAllMocks();
  }
}

describe.skipIf(!python)('a second reader (openpyxl) opens what the CLI writes', () => {
  it('the results workbook: sheets, frozen header, verdict fills, typed values, no formula', async () => {
    const path = join(dir, 'results.xlsx');
    expect(await cli(['screen', join(root, 'fixtures', 'spreadsheets', 'villages-gbk.csv'), '--format', 'xlsx', '--output', path])).toBe(1);
    const sheets = openpyxl(path);
    expect(sheets.map((s) => s.name)).toEqual(['排查结果', '汇总', '整顿清单', '无效记录']);
    expect(sheets.map((s) => s.formulas)).toEqual([[], [], [], []]);
    const results = sheets[0]!;
    expect(results.frozen).toBe('A2');
    expect(results.rows.map((r) => r.slice(0, 6))).toEqual([
      ['组织编码', '党组织名称', '所在地区', '排查日期', '初步结论', '分数'],
      ['990101200201', '蘅芜坪村党支部', '云岫市/栖云县/石磬镇', '2026-03-31', '正常', 0],
      ['990101200202', '芷汀坳村党支部', '云岫市/栖云县/石磬镇', '2026-03-31', '软弱涣散', 20],
      ['990101200204', '荇藻湾村党支部', '云岫市/栖云县/石磬镇', '2026-03-31', '有风险', 5],
      ['990101100101', '菱歌社区党委', '云岫市/栖云县/石磬镇', '2026-03-31', '待定', 0],
    ]);
    expect(results.fills).toEqual([VERDICT_STYLE.sound!.fill, VERDICT_STYLE['weak-lax']!.fill, VERDICT_STYLE['at-risk']!.fill, VERDICT_STYLE.undetermined!.fill]);
    expect(sheets[3]!.rows[1]!.slice(0, 3)).toEqual([4, 2, null]);
  });

  it('hostile text stays text: no cell of the workbook is a formula', async () => {
    const { writeFileSync } = await import('node:fs');
    const input = join(dir, 'hostile.jsonl');
    writeFileSync(input, ['=1+1', '+SUM(A1)', '@cmd', '-2'].map((name, i) => JSON.stringify({ org: { id: `=99${i}`, name, kind: 'village' }, assessedOn: '2026-03-31', venue: { hasFixedVenue: false } })).join('\n'));
    const path = join(dir, 'hostile.xlsx');
    await cli(['screen', input, '--format', 'xlsx', '--output', path]);
    const sheets = openpyxl(path);
    expect(sheets.flatMap((s) => s.formulas)).toEqual([]);
    expect(sheets[0]!.rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['=990', '=1+1'],
      ['=991', '+SUM(A1)'],
      ['=992', '@cmd'],
      ['=993', '-2'],
    ]);
  });

  it('the template: the data sheet first with its headers, drop-downs for enumerations and yes-or-no fields', async () => {
    const path = join(dir, 'template.xlsx');
    expect(await cli(['template', '--output', path])).toBe(0);
    const sheets = openpyxl(path);
    expect(sheets.map((s) => s.name)).toEqual(['排查数据', '填写说明']);
    expect(sheets[0]!.rows).toEqual([FIELDS.map((f) => f.label.zh)]);
    const lists = sheets[0]!.validations.filter((v) => v.includes('"'));
    expect(lists).toHaveLength(FIELDS.filter((f) => f.type === 'enum' || f.type === 'boolean').length);
    expect(lists).toContain('C2:C5001 "村,社区"');
    expect(sheets.flatMap((s) => s.formulas)).toEqual([]);
  });
});
