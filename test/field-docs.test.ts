/**
 * The field table's Chinese and English texts reach integrators: every field of the JSON
 * Schema (`assessmentJsonSchema`, and dist/assessment.schema.json) carries its label as
 * `title` and its description as `description`, and hovering a field in an editor shows them.
 * The hover is asked of TypeScript's language service, as an editor asks it, for a consumer
 * file importing `weak-lax-screener` (resolved through package.json "exports" to the shipped
 * declarations in dist/, which the test setup builds).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { assessmentFields, assessmentJsonSchema, fieldGroups } from '../src/index.js';

const root = join(import.meta.dirname, '..');
const shipped = JSON.parse(readFileSync(join(root, 'dist', 'assessment.schema.json'), 'utf8')) as Record<string, unknown>;

type Schema = { properties?: Record<string, Schema>; title?: string; description?: string };

/** The schema of the property at a dotted path. */
function schemaAt(schema: Schema, path: string): Schema | undefined {
  let at: Schema | undefined = schema;
  for (const key of path.split('.')) at = at?.properties?.[key];
  return at;
}

describe('JSON Schema: every field and group has the field table’s title and description', () => {
  for (const [name, schema] of [['assessmentJsonSchema', assessmentJsonSchema], ['dist/assessment.schema.json', shipped]] as const) {
    it.each(assessmentFields.map((field) => [field.path, field] as const))(`${name}: %s`, (path, field) => {
      expect(schemaAt(schema as Schema, path), path).toMatchObject({
        title: `${field.label.zh} / ${field.label.en}`,
        description: `${field.doc.zh} ${field.doc.en}`,
      });
    });

    it(`${name}: the groups`, () => {
      for (const group of fieldGroups) {
        expect(schemaAt(schema as Schema, group.path), group.path).toMatchObject({ title: `${group.label.zh} / ${group.label.en}`, description: `${group.doc.zh} ${group.doc.en}` });
      }
    });
  }
});

describe('TSDoc: hovering a field of an Assessment shows its label and description', () => {
  // A consumer's file: an object literal naming every field, typed as an Assessment.
  const literal = (prefix: string): string => {
    const fields = assessmentFields.filter((f) => f.path.startsWith(`${prefix}.`) && !f.path.slice(prefix.length + 1).includes('.'));
    const groups = fieldGroups.filter((g) => g.path.startsWith(`${prefix}.`) && !g.path.slice(prefix.length + 1).includes('.'));
    return `{ ${[...fields.map((f) => `${f.path.slice(prefix.length + 1)}: undefined as never`), ...groups.map((g) => `${g.path.slice(prefix.length + 1)}: ${literal(g.path)}`)].join(', ')} }`;
  };
  const topGroups = fieldGroups.filter((g) => !g.path.includes('.'));
  const source = [
    "import type { Assessment } from 'weak-lax-screener';",
    `export const assessment: Assessment = { assessedOn: undefined as never, ${topGroups.map((g) => `${g.path}: ${literal(g.path)}`).join(', ')} };`,
  ].join('\n');
  const consumer = join(root, 'test', '__hover-consumer__.ts');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, types: [] };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [consumer],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      if (file === consumer) return ts.ScriptSnapshot.fromString(source);
      const text = ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === consumer || ts.sys.fileExists(file),
    readFile: (file) => (file === consumer ? source : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);

  it('the consumer file type-checks against the shipped declarations', () => {
    const diagnostics = [...service.getSyntacticDiagnostics(consumer), ...service.getSemanticDiagnostics(consumer)];
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it.each(assessmentFields.map((field) => [field.path, field] as const))('%s', (path, field) => {
    // The key's position: the group's opening, then the key within it.
    let at = 0;
    const keys = path.split('.');
    for (const key of keys) at = source.indexOf(`${key}: `, at + 1);
    const info = service.getQuickInfoAtPosition(consumer, at + 1);
    const hover = ts.displayPartsToString(info?.documentation);
    expect(ts.displayPartsToString(info?.displayParts)).toContain(keys.at(-1));
    expect(hover).toContain(`${field.label.zh} / ${field.label.en}.`);
    expect(hover).toContain(field.doc.zh);
    expect(hover).toContain(field.doc.en);
  });

  it('for example, the date the secretary post fell vacant', () => {
    const at = source.indexOf('secretaryVacantSince: ');
    const hover = ts.displayPartsToString(service.getQuickInfoAtPosition(consumer, at + 1)?.documentation);
    expect(hover.split('\n')[0]).toBe('书记空缺起始日期 / date the secretary post fell vacant.');
  });
});
