/**
 * The fast acceptor as generated code, made from the field table as zod 4 makes its own fast
 * path from each schema: one function per group, with a `switch` over the group's keys and each
 * field's check written out, so that V8 sees constant keys and monomorphic stores instead of
 * table lookups and keyed stores. It accepts exactly what the interpreted acceptor in
 * `accept.ts` accepts (the same table, the same checks, the same order of reads); the
 * differential tests run both against zod.
 *
 * Where code cannot be made from strings (a Content Security Policy without `unsafe-eval`,
 * Node's `--disallow-code-generation-from-strings`), {@link generateAcceptor} returns
 * `undefined` and the interpreted acceptor is used. The browser build does not carry this module
 * at all (`accept-code.browser.ts`): a page screens a few records, not a province.
 *
 * @module
 */
import type { Assessment, CrossFieldRule } from './assessment.js';
import { GROUPS, ASSESSED_ON, INDICATOR_GROUPS, ORG_GROUP, keyOf, type FieldSpec, type GroupSpec } from './fields.js';
import type { ExtraFactType } from '../ruleset.js';

type Plain = Record<string, unknown>;

/** An acceptor: the parsed assessment when `input` is plainly valid, else `undefined` (then zod decides). */
export type Acceptor = (input: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>) => Assessment | undefined;

/** What the generated code calls: the same helpers the interpreted acceptor uses. */
export interface AcceptorHelpers {
  readonly isPlain: (value: unknown) => boolean;
  readonly isInputDate: (text: string) => boolean;
  readonly copyExtra: (value: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>) => Plain | undefined;
  readonly rules: readonly CrossFieldRule[];
}

const literal = (value: string | number): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** The check of one value `v`, as an expression: what zod requires of the field (see `valueOk` in accept.ts). */
function testOf(field: FieldSpec): string {
  let test: string;
  switch (field.type) {
    case 'id':
      test = 'typeof v === "string" && v.length > 0';
      break;
    case 'text':
      test = 'typeof v === "string"';
      break;
    case 'count':
      test = `typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= ${literal(field.max ?? Number.MAX_VALUE)}`;
      break;
    case 'amount':
      test = `typeof v === "number" && v >= 0 && v <= ${literal(field.max ?? Number.MAX_VALUE)}`;
      break;
    case 'share':
      test = 'typeof v === "number" && v >= 0 && v <= 1';
      break;
    case 'boolean':
      test = 'typeof v === "boolean"';
      break;
    case 'date':
      test = 'typeof v === "string" && isInputDate(v)';
      break;
    case 'enum':
      test = (field.values ?? []).map((value) => `v === ${literal(value)}`).join(' || ') || 'false';
      break;
  }
  return field.nullable ? `v === null || (${test})` : test;
}

/** Child groups of a group (`org` holds `org.region`). */
const childrenOf = (group: GroupSpec): GroupSpec[] => GROUPS.filter((child) => child !== group && child.path.slice(0, child.path.lastIndexOf('.')) === group.path);

/** The source of one group's function and its children's, each named `g<n>`. */
function groupSource(group: GroupSpec, names: Map<GroupSpec, string>, out: string[]): string {
  const name = `g${names.size}`;
  names.set(group, name);
  const cases = group.fields.map((field) => {
    const key = literal(keyOf(field.path));
    return `case ${key}: if (!(${testOf(field)})) return undefined; out[${key}] = v; break;`;
  });
  for (const child of childrenOf(group)) {
    const key = literal(keyOf(child.path));
    const childName = groupSource(child, names, out);
    cases.push(`case ${key}: { const nested = ${childName}(v); if (nested === undefined) return undefined; out[${key}] = nested; break; }`);
  }
  const required = group.fields.filter((f) => f.required).map((f) => `if (!(${literal(keyOf(f.path))} in out)) return undefined;`);
  out.push(`function ${name}(value) {
  if (!isPlain(value)) return undefined;
  const out = {};
  for (const key in value) {
    const v = value[key];
    if (v === undefined) return undefined;
    switch (key) {
      ${cases.join('\n      ')}
      default: return undefined;
    }
  }
  ${required.join('\n  ')}
  return out;
}`);
  return name;
}

/** The source of the whole acceptor: its group functions, then `accept`. */
export function acceptorSource(): string {
  const functions: string[] = [];
  const names = new Map<GroupSpec, string>();
  const cases = [ORG_GROUP, ...INDICATOR_GROUPS].map((group) => {
    const key = literal(group.path);
    const name = groupSource(group, names, functions);
    return `case ${key}: { const copy = ${name}(value); if (copy === undefined) return undefined; out[${key}] = copy; break; }`;
  });
  const assessedOn = literal(ASSESSED_ON.path);
  cases.push(`case ${assessedOn}: { const v = value; if (!(${testOf(ASSESSED_ON)})) return undefined; out[${assessedOn}] = v; break; }`);
  cases.push('case "extra": { const copy = copyExtra(value, extraFacts); if (copy === undefined) return undefined; out.extra = copy; break; }');
  return `"use strict";
${functions.join('\n')}
return function accept(input, extraFacts) {
  if (!isPlain(input)) return undefined;
  const out = {};
  for (const key in input) {
    const value = input[key];
    switch (key) {
      ${cases.join('\n      ')}
      default: return undefined;
    }
  }
  if (out.org === undefined || out[${assessedOn}] === undefined) return undefined;
  for (let i = 0; i < rules.length; i++) if (rules[i].check(out).length > 0) return undefined;
  return out;
};`;
}

/** The generated acceptor, or `undefined` where code cannot be made from strings. */
export function generateAcceptor(helpers: AcceptorHelpers): Acceptor | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function('isPlain', 'isInputDate', 'copyExtra', 'rules', acceptorSource()) as (...args: unknown[]) => Acceptor;
    return factory(helpers.isPlain, helpers.isInputDate, helpers.copyExtra, helpers.rules);
  } catch {
    return undefined;
  }
}
