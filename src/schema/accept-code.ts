/**
 * The fast acceptor as generated code, made from the field table as zod 4 makes its own fast
 * path from each schema: one function per group, reading each field by its constant key in the
 * table's order with its check written out, so that V8 sees one object shape per read instead
 * of table lookups and keyed loads. Then every key the object has must have been read (no
 * unknown key, none set to `undefined`), and the copy is made in the table's order, which is
 * the zod schema's: the copy has zod's key order whatever order the input's keys came in. It
 * accepts exactly what the interpreted acceptor in `accept.ts` accepts (the same table, the same
 * checks); the differential tests run both against zod.
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

/**
 * A read of own property `key` of `value`, as an expression. No field shares a name with a
 * property of `Object.prototype`; were one to, it would be read as an own property only.
 */
function read(key: string): string {
  return key in Object.prototype ? `(Object.hasOwn(value, ${literal(key)}) ? value[${literal(key)}] : undefined)` : `value[${literal(key)}]`;
}

/**
 * What reads one key of `value`: statements that check it into local `name` (counting it in
 * `n`), and the statement that stores it in the copy. `keep` is a condition on `v` (a field's
 * check) or an expression giving the value to keep (a nested group's copy, `undefined` when
 * zod must decide).
 */
function take(key: string, name: string, keep: { test: string } | { copy: string }, required: boolean, slots: readonly string[] = []): Take {
  const check = 'test' in keep ? `if (!(${keep.test})) return undefined; ${name} = v;` : `${name} = ${keep.copy}; if (${name} === undefined) return undefined;`;
  return {
    read: `v = ${read(key)}; if (v !== undefined) { ${check} n++; }${required ? ' else return undefined;' : ''}`,
    seen: `case ${literal(key)}: if (${name} === undefined) return undefined; break;`,
    store: `if (${name} !== undefined) out[${literal(key)}] = ${name};`,
    publish: slots.map((slot) => `${slot} = ${name};`),
  };
}

/** The statements that read, check, copy and hand on one key (see {@link take}). */
interface Take {
  read: string;
  seen: string;
  store: string;
  /** Stores of the checked value into the cross-field rules' slots that read the field. */
  publish: string[];
}

/**
 * The body of a function that copies an object whose keys are `takes`: every key read once,
 * in order, and checked; then every key `for…in` walks must be one of those read with a value
 * (not an unknown key, nor a key set to `undefined`), and as many as were read: a key read but
 * not walked (not enumerable, or a Proxy's) cannot stand in for an unknown key walked but not
 * read. Then the copy, in the order of the keys.
 */
function copyBody(takes: readonly Take[]): string {
  const locals = takes.map((_, i) => `k${i}`).join(', ');
  return `if (!isPlain(value)) return undefined;
  let n = 0, v, ${locals};
  ${takes.map((t) => t.read).join('\n  ')}
  for (const key in value) {
    switch (key) {
      ${takes.map((t) => t.seen).join('\n      ')}
      default: return undefined;
    }
    n--;
  }
  if (n !== 0) return undefined;
  ${takes.flatMap((t) => t.publish).join('\n  ')}
  const out = {};
  ${takes.map((t) => t.store).join('\n  ')}
  return out;`;
}

/** The source of one group's function and its children's, each named `g<n>`. */
function groupSource(group: GroupSpec, names: Map<GroupSpec, string>, slots: RuleSlots, out: string[]): string {
  const name = `g${names.size}`;
  names.set(group, name);
  const takes = group.fields.map((field, i) => take(keyOf(field.path), `k${i}`, { test: testOf(field) }, field.required === true, slots.of(field.path)));
  for (const child of childrenOf(group)) takes.push(take(keyOf(child.path), `k${takes.length}`, { copy: `${groupSource(child, names, slots, out)}(v)` }, child.required === true));
  out.push(`function ${name}(value) {
  ${copyBody(takes)}
}`);
  return name;
}

/**
 * Where the cross-field rules' values go: one array per rule (`V<r>`, holding the values
 * `rules[r].test` takes, in the order of its `reads`), filled by the functions that check the
 * fields. Every slot is cleared when a record begins, so that a field the record lacks is
 * `undefined`.
 */
interface RuleSlots {
  /** The slots (`V0[1]`) into which the checked value of field `path` goes. */
  of(path: string): string[];
  /** Declarations of the arrays, and the statements that clear them. */
  readonly declare: string;
  readonly clear: string;
}

function ruleSlots(rules: readonly CrossFieldRule[]): RuleSlots {
  const byPath = new Map<string, string[]>();
  rules.forEach((rule, r) => rule.reads.forEach((path, j) => byPath.set(path, [...(byPath.get(path) ?? []), `V${r}[${j}]`])));
  return {
    of: (path) => byPath.get(path) ?? [],
    declare: rules.map((rule, r) => `const R${r} = rules[${r}], V${r} = [${rule.reads.map(() => 'undefined').join(', ')}];`).join('\n'),
    clear: [...byPath.values()].flat().map((slot) => `${slot} = undefined;`).join(' '),
  };
}

/**
 * The source of the whole acceptor: its group functions, then `accept`. The record's own keys
 * are walked with `for…in` (records differ in which groups they have, so constant-key reads
 * would meet many object shapes), each group copied into a local; the copy is then made in
 * the order of the zod schema's shape, so that it has zod's key order. Last, each cross-field
 * rule tests the checked values the group functions left in its slots.
 *
 * The slots belong to one call at a time: a getter or Proxy trap of the record being accepted
 * may itself accept a record (`screenMany(…)` called from a getter), which would clear and
 * refill them under the outer call. A call made while another is under way is left to zod
 * (`undefined`), so that it never touches the slots.
 */
export function acceptorSource(rules: readonly CrossFieldRule[]): string {
  const functions: string[] = [];
  const names = new Map<GroupSpec, string>();
  const slots = ruleSlots(rules);
  const keys: Array<[string, string, boolean]> = [
    [ORG_GROUP.path, `${groupSource(ORG_GROUP, names, slots, functions)}(v)`, true],
    [ASSESSED_ON.path, `(${testOf(ASSESSED_ON)}) ? v : undefined`, true],
    ...INDICATOR_GROUPS.map((group): [string, string, boolean] => [group.path, `${groupSource(group, names, slots, functions)}(v)`, group.required === true]),
    ['extra', 'copyExtra(v, extraFacts)', false],
  ];
  const cases = keys.map(([key, copy], i) => `case ${literal(key)}: k${i} = ${copy}; if (k${i} === undefined) return undefined; break;`);
  // A key not walked may still be there, not enumerable or inherited: zod reads it, so zod decides.
  const absent = keys.map(([key, , required], i) => (required ? `if (k${i} === undefined) return undefined;` : `if (k${i} === undefined && ${literal(key)} in input) return undefined;`));
  const stores = keys.map(([key], i) => `if (k${i} !== undefined) out[${literal(key)}] = k${i};`);
  // A field of the record's root that a rule reads (assessedOn) is handed on by the root itself.
  const rootPublish = keys.flatMap(([key], i) => slots.of(key).map((slot) => `${slot} = k${i};`));
  return `"use strict";
${slots.declare}
${functions.join('\n')}
let busy = false;
function acceptOnce(input, extraFacts) {
  if (!isPlain(input)) return undefined;
  ${slots.clear}
  let ${keys.map((_, i) => `k${i}`).join(', ')};
  for (const key in input) {
    const v = input[key];
    switch (key) {
      ${cases.join('\n      ')}
      default: return undefined;
    }
  }
  ${absent.join('\n  ')}
  ${rootPublish.join(' ')}
  const out = {};
  ${stores.join('\n  ')}
  ${rules.map((_, r) => `if (R${r}.test(V${r}).length > 0) return undefined;`).join('\n  ')}
  return out;
}
return function accept(input, extraFacts) {
  if (busy) return undefined;
  busy = true;
  try {
    return acceptOnce(input, extraFacts);
  } finally {
    busy = false;
  }
};`;
}

/** The generated acceptor, or `undefined` where code cannot be made from strings. */
export function generateAcceptor(helpers: AcceptorHelpers): Acceptor | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function('isPlain', 'isInputDate', 'copyExtra', 'rules', acceptorSource(helpers.rules)) as (...args: unknown[]) => Acceptor;
    return factory(helpers.isPlain, helpers.isInputDate, helpers.copyExtra, helpers.rules);
  } catch {
    return undefined;
  }
}
