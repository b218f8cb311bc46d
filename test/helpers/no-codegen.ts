/**
 * Run with `node --disallow-code-generation-from-strings --import tsx`: checks that the
 * compiled evaluator falls back to closures by itself, and that results still equal the
 * reference path's on every fixture. Prints one JSON line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codegenAllowed } from '../../src/engine/compiled.js';
import { prepareBatch, screenRecord } from '../../src/batch.js';
import { screen } from '../../src/screen.js';
import { isDeepStrictEqual } from 'node:util';

const dir = fileURLToPath(new URL('../../fixtures/villages/', import.meta.url));
let compared = 0;
let mismatches = 0;
let mode = '';
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  const fixture = JSON.parse(readFileSync(dir + name, 'utf8'));
  const batch = prepareBatch(fixture.options);
  mode = batch.compiled.mode;
  const reference = await screen(fixture.assessment, fixture.options);
  const compiled = screenRecord(fixture.assessment, batch);
  compared++;
  if (!isDeepStrictEqual(reference, compiled) || JSON.stringify(reference) !== JSON.stringify(compiled)) mismatches++;
}
process.stdout.write(JSON.stringify({ codegenAllowed: codegenAllowed(), mode, compared, mismatches }) + '\n');
