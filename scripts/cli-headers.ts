/**
 * The table of spreadsheet column headers in docs/cli.md, made from the field table
 * (src/schema/fields.ts): `npx tsx scripts/cli-headers.ts` rewrites it between its markers;
 * test/spreadsheet-docs.test.ts fails while the docs and the field table differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillInstructions } from '../src/cli/template.js';
import { FIELDS } from '../src/schema/fields.js';

export const START = '<!-- headers: made from src/schema/fields.ts by scripts/cli-headers.ts -->';
export const END = '<!-- headers end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown table: one row per field, in field-table order. */
export function headersTable(): string {
  const rows = FIELDS.map((f) => `| ${cell(f.label.zh)} | \`${f.path}\` | ${cell(fillInstructions(f))} | ${cell(f.label.en)} |`);
  return ['| 列名 Header | 字段路径 Path | 填写方式 How to fill in | English |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** docs/cli.md with the table between the markers replaced. */
export function withHeadersTable(markdown: string): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/cli.md has no ${START} … ${END} block`);
  return `${markdown.slice(0, start + START.length)}\n${headersTable()}\n${markdown.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(import.meta.dirname, '..', 'docs', 'cli.md');
  writeFileSync(path, withHeadersTable(readFileSync(path, 'utf8')));
  console.log(`updated the headers table in ${path}`);
}
