/**
 * docs/cli.md lists the spreadsheet headers from the field table: the table between its
 * markers is exactly what scripts/cli-headers.ts makes from src/schema/fields.ts (run it to
 * update the docs), and names every field once, by its Chinese label and its path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { END, headersTable, START, withHeadersTable } from '../scripts/cli-headers.js';
import { FIELDS } from '../src/schema/fields.js';

const docs = readFileSync(join(import.meta.dirname, '..', 'docs', 'cli.md'), 'utf8');

describe('docs/cli.md headers', () => {
  it('the table in the docs is the one made from the field table (npx tsx scripts/cli-headers.ts updates it)', () => {
    expect(docs.slice(docs.indexOf(START) + START.length, docs.indexOf(END)).trim()).toBe(headersTable());
    expect(withHeadersTable(docs)).toBe(docs);
  });

  it('names every field once, by label and path, in field-table order', () => {
    const rows = headersTable().split('\n').slice(2);
    expect(rows.map((row) => row.split(' | ')[0]!.slice(2))).toEqual(FIELDS.map((f) => f.label.zh));
    expect(rows.map((row) => row.split(' | ')[1])).toEqual(FIELDS.map((f) => `\`${f.path}\``));
  });

  it('a changed label shows as a difference', () => {
    const changed = docs.replace('| 群众满意率 |', '| 满意率 |');
    expect(changed.slice(changed.indexOf(START) + START.length, changed.indexOf(END)).trim()).not.toBe(headersTable());
  });
});
