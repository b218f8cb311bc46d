// Writes the assessment JSON Schema (2020-12), generated from the zod schema, into dist/
// so that systems which validate before calling the library or the CLI can use the file.
import { writeFileSync } from 'node:fs';
import { assessmentJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../dist/assessment.schema.json', import.meta.url), `${JSON.stringify(assessmentJsonSchema, null, 2)}\n`);
