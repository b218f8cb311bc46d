/**
 * Writes `src/schema/assessment.types.ts`, the TypeScript types of an assessment with the
 * field table's labels and descriptions as TSDoc, so that an editor shows "书记空缺起始日期 /
 * date the secretary post fell vacant" on hover. Run `npm run generate` after changing
 * `src/schema/fields.ts`; a test fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ASSESSED_ON, GROUPS, INDICATOR_GROUPS, keyOf, type FieldSpec, type FieldText, type GroupSpec } from '../src/schema/fields.js';

const TARGET = fileURLToPath(new URL('../src/schema/assessment.types.ts', import.meta.url));

function doc(label: FieldText, text: FieldText, indent: string, extra: string[] = []): string {
  const lines = [`${label.zh} / ${label.en}.`, '', text.zh, text.en, ...extra];
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */`;
}

function typeOf(field: FieldSpec): string {
  let type: string;
  switch (field.type) {
    case 'id':
    case 'text':
    case 'date':
      type = 'string';
      break;
    case 'count':
    case 'amount':
    case 'share':
      type = 'number';
      break;
    case 'boolean':
      type = 'boolean';
      break;
    case 'enum':
      type = field.values!.map((v) => JSON.stringify(v)).join(' | ');
      break;
  }
  return field.nullable ? `${type} | null` : type;
}

function fieldNotes(field: FieldSpec): string[] {
  const notes: string[] = [];
  if (field.type === 'date') notes.push('', 'A real calendar date written `YYYY-MM-DD`.');
  if (field.type === 'count') notes.push('', `A non-negative integer${field.unit ? ` (${field.unit.zh}, ${field.unit.en})` : ''}${field.max !== undefined ? `, at most ${field.max}` : ''}.`);
  if (field.type === 'enum' && field.valueLabels) {
    notes.push('', field.values!.map((v) => `\`${v}\` ${field.valueLabels![v]!.zh}`).join('; ') + '.');
  }
  return notes;
}

function member(field: FieldSpec): string {
  return `${doc(field.label, field.doc, '  ', fieldNotes(field))}\n  ${keyOf(field.path)}${field.required ? '' : '?'}: ${typeOf(field)};`;
}

function childGroups(path: string): GroupSpec[] {
  return GROUPS.filter((g) => g.path !== path && g.path.slice(0, g.path.lastIndexOf('.')) === path);
}

function groupInterface(group: GroupSpec): string {
  const members = [
    ...group.fields.map(member),
    ...childGroups(group.path).map((child) => `${doc(child.label, child.doc, '  ')}\n  ${keyOf(child.path)}?: ${child.typeName};`),
  ];
  return `${doc(group.label, group.doc, '')}\nexport interface ${group.typeName} {\n${members.join('\n')}\n}`;
}

/** The generated file's text. */
export function renderTypes(): string {
  const [org] = GROUPS;
  const root = [
    `${doc(org!.label, org!.doc, '  ')}\n  org: ${org!.typeName};`,
    member(ASSESSED_ON),
    ...INDICATOR_GROUPS.map((g) => `${doc(g.label, g.doc, '  ')}\n  ${g.path}?: ${g.typeName};`),
    `${doc({ zh: '附加指标', en: 'extra facts' }, { zh: '省级规则集声明的附加指标，每个名称须由所用规则集声明。', en: 'Facts for a custom (provincial) ruleset; each key must be declared, with its type, by the ruleset in use.' }, '  ')}\n  extra?: { [name: string]: ExtraValue };`,
  ];
  return [
    '// Generated from src/schema/fields.ts by scripts/generate-types.ts (`npm run generate`). Do not edit.',
    '',
    '/** A value of a declared `extra` fact. */',
    'export type ExtraValue = number | boolean | string | null;',
    '',
    `${doc({ zh: '排查记录', en: 'assessment' }, { zh: '一个党组织在一个排查日期的各项指标。各指标组和指标均可缺省，缺少的数据使读取它的情形为“数据不足”。', en: 'One assessment of one organisation on one date. Every indicator group and field is optional; a missing field makes the criteria that read it insufficient-data.' }, '')}`,
    `export interface Assessment {\n${root.join('\n')}\n}`,
    '',
    ...GROUPS.map((g) => `${groupInterface(g)}\n`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TARGET, renderTypes());
  console.log(`wrote ${TARGET}`);
}
