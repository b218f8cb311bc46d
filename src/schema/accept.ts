/**
 * A fast acceptor for batches, made from the same field table and cross-field rules as the
 * zod schema: it recognises an assessment that `assessmentSchema` (and the ruleset's declared
 * `extra` facts) would accept and returns a parsed copy, many times faster than running zod.
 * It never rejects anything: whatever it does not recognise as plainly valid (an unknown key,
 * a wrong type, a value out of range, a class instance, a key present with `undefined`, …)
 * returns `undefined`, and the caller then validates with zod as `screen` does, so a bad record
 * gets exactly the same issues.
 *
 * Each value is read once and copied: a getter or a Proxy in the input cannot show the
 * evaluator a value other than the one that was checked.
 *
 * @module
 */
import { isInputDate } from '../internals/dates.js';
import { CROSS_FIELD_RULES, type Assessment } from './assessment.js';
import { ASSESSED_ON, GROUPS, INDICATOR_GROUPS, ORG_GROUP, keyOf, type FieldSpec, type GroupSpec } from './fields.js';
import type { ExtraFactType } from '../ruleset.js';
import { generateAcceptor, type Acceptor } from './accept-code.js';

type Plain = Record<string, unknown>;

/** Field types as small integers, so that one monomorphic switch checks every value. */
const TYPE_CODES = { id: 0, text: 1, count: 2, amount: 3, share: 4, boolean: 5, date: 6, enum: 7 } as const;

/** A nested group, in {@link FieldCheck.type}. */
const GROUP = -1;

/**
 * What zod requires of one key of a group: a field's type and bounds, or (type {@link GROUP})
 * a nested group's checks. One shape for both, so that the loop over a record's keys reads
 * them monomorphically.
 */
interface FieldCheck {
  readonly type: number;
  readonly nullable: boolean;
  readonly max: number;
  readonly values: readonly unknown[];
  readonly group: GroupCheck | undefined;
}

/** A group's keys and the required ones. */
interface GroupCheck {
  readonly keys: Readonly<Record<string, FieldCheck>>;
  readonly required: readonly string[];
}

function fieldCheck(field: FieldSpec): FieldCheck {
  return {
    type: TYPE_CODES[field.type],
    nullable: field.nullable === true,
    max: field.max ?? Number.MAX_VALUE,
    values: field.values ?? [],
    group: undefined,
  };
}

/** True when `value` is what zod accepts for the field. */
function valueOk(check: FieldCheck, value: unknown): boolean {
  if (value === null) return check.nullable;
  switch (check.type) {
    case TYPE_CODES.id:
      return typeof value === 'string' && value.length > 0;
    case TYPE_CODES.text:
      return typeof value === 'string';
    case TYPE_CODES.count:
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= check.max;
    case TYPE_CODES.amount:
      return typeof value === 'number' && value >= 0 && value <= check.max;
    case TYPE_CODES.share:
      return typeof value === 'number' && value >= 0 && value <= 1;
    case TYPE_CODES.boolean:
      return typeof value === 'boolean';
    case TYPE_CODES.date:
      return typeof value === 'string' && isInputDate(value);
    default:
      return check.values.includes(value);
  }
}

function groupCheck(group: GroupSpec): GroupCheck {
  const keys: Record<string, FieldCheck> = Object.create(null);
  for (const field of group.fields) keys[keyOf(field.path)] = fieldCheck(field);
  for (const child of GROUPS) {
    if (child !== group && child.path.slice(0, child.path.lastIndexOf('.')) === group.path) {
      keys[keyOf(child.path)] = { type: GROUP, nullable: false, max: 0, values: [], group: groupCheck(child) };
    }
  }
  return { keys, required: group.fields.filter((f) => f.required).map((f) => keyOf(f.path)) };
}

const ORG = groupCheck(ORG_GROUP);
const INDICATORS: Readonly<Record<string, GroupCheck>> = Object.assign(
  Object.create(null) as Record<string, GroupCheck>,
  Object.fromEntries(INDICATOR_GROUPS.map((g) => [g.path, groupCheck(g)])),
);
const ASSESSED_ON_CHECK = fieldCheck(ASSESSED_ON);

/** A plain object (from JSON.parse or a literal): its prototype is Object.prototype or null. */
function isPlain(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A checked copy of a group's values (each read once), or `undefined` when zod must decide. */
function copyGroup(value: unknown, group: GroupCheck): Plain | undefined {
  if (!isPlain(value)) return undefined;
  const out: Plain = {};
  for (const key in value) {
    const check = group.keys[key];
    const v = value[key];
    if (check === undefined || v === undefined) return undefined;
    if (check.group === undefined) {
      if (!valueOk(check, v)) return undefined;
      out[key] = v;
    } else {
      const nested = copyGroup(v, check.group);
      if (!nested) return undefined;
      out[key] = nested;
    }
  }
  for (const key of group.required) if (!(key in out)) return undefined;
  return out;
}

function copyExtra(value: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>): Plain | undefined {
  if (!isPlain(value)) return undefined;
  const out: Plain = {};
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, key)) return undefined;
    if (!Object.hasOwn(extraFacts, key)) return undefined;
    const v = value[key];
    if (v !== null && (typeof v !== extraFacts[key] || (typeof v === 'number' && !Number.isFinite(v)))) return undefined;
    out[key] = v;
  }
  return out;
}

/**
 * The acceptor read from the tables at run time: what the generated acceptor does, where code
 * cannot be made from strings, and in the browser build. @internal
 */
export function acceptInterpreted(input: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>): Assessment | undefined {
  if (!isPlain(input)) return undefined;
  const out: Plain = {};
  for (const key in input) {
    const value = input[key];
    let copy: unknown;
    if (key === 'org') {
      copy = copyGroup(value, ORG);
    } else if (key === ASSESSED_ON.path) {
      copy = valueOk(ASSESSED_ON_CHECK, value) ? value : undefined;
    } else if (key === 'extra') {
      copy = copyExtra(value, extraFacts);
    } else {
      const group = INDICATORS[key];
      copy = group === undefined ? undefined : copyGroup(value, group);
    }
    if (copy === undefined) return undefined;
    out[key] = copy;
  }
  if (out.org === undefined || out.assessedOn === undefined) return undefined;
  for (const rule of CROSS_FIELD_RULES) if (rule.check(out).length > 0) return undefined;
  return out as unknown as Assessment;
}

const generated = generateAcceptor({ isPlain, isInputDate, copyExtra, rules: CROSS_FIELD_RULES });

/** Which acceptor {@link acceptAssessment} is: code generated from the field table, or the interpreted one. @internal */
export const ACCEPTOR: 'generated' | 'interpreted' = generated ? 'generated' : 'interpreted';

/**
 * Returns the parsed assessment when `input` is plainly valid (for a ruleset declaring
 * `extraFacts`), else `undefined`: then validate with zod. Never returns a value zod would
 * reject, and what it returns is deep-equal to zod's output. The generated acceptor where code
 * can be made from strings (several times faster), else {@link acceptInterpreted}.
 */
export const acceptAssessment: Acceptor = generated ?? acceptInterpreted;
