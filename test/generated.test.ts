/** The generated input types are made from the field table and kept up to date. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTypes } from '../scripts/generate-types.js';
import { FIELDS } from '../src/schema/fields.js';

describe('src/schema/assessment.types.ts', () => {
  it('is what `npm run generate` makes from the field table now', () => {
    const file = readFileSync(join(import.meta.dirname, '..', 'src', 'schema', 'assessment.types.ts'), 'utf8');
    expect(file, 'run `npm run generate` after changing src/schema/fields.ts').toBe(renderTypes());
  });

  it('documents every field with its Chinese and English label', () => {
    const file = renderTypes();
    for (const field of FIELDS) expect(file).toContain(`${field.label.zh} / ${field.label.en}.`);
  });

  it('field labels are unique, so that a spreadsheet header names one field', () => {
    const zh = FIELDS.map((f) => f.label.zh);
    expect(new Set(zh).size).toBe(zh.length);
  });
});
