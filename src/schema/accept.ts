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

type Plain = Record<string, unknown>;
type Check = (value: unknown) => boolean;

/** What zod requires of a value of each field type (see `FieldType`), one predicate per field. */
function checkOf(field: FieldSpec): Check {
  const max = field.max ?? Number.MAX_VALUE;
  let check: Check;
  switch (field.type) {
    case 'id':
      check = (v) => typeof v === 'string' && v.length > 0;
      break;
    case 'text':
      check = (v) => typeof v === 'string';
      break;
    case 'count':
      check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;
      break;
    case 'amount':
      check = (v) => typeof v === 'number' && v >= 0 && v <= max;
      break;
    case 'share':
      check = (v) => typeof v === 'number' && v >= 0 && v <= 1;
      break;
    case 'boolean':
      check = (v) => typeof v === 'boolean';
      break;
    case 'date':
      check = (v) => typeof v === 'string' && isInputDate(v);
      break;
    case 'enum': {
      const values = field.values!;
      check = (v) => values.includes(v as string);
      break;
    }
  }
  return field.nullable ? (v) => v === null || check(v) : check;
}

interface GroupCheck {
  /** Per key: a field's check, or a nested group's. */
  keys: Map<string, Check | GroupCheck>;
  required: readonly string[];
}

function groupCheck(group: GroupSpec): GroupCheck {
  const keys = new Map<string, Check | GroupCheck>(group.fields.map((f) => [keyOf(f.path), checkOf(f)]));
  for (const child of GROUPS) {
    if (child.path.slice(0, child.path.lastIndexOf('.')) === group.path && child !== group) keys.set(keyOf(child.path), groupCheck(child));
  }
  return { keys, required: group.fields.filter((f) => f.required).map((f) => keyOf(f.path)) };
}

const ORG = groupCheck(ORG_GROUP);
const INDICATOR_BY_KEY = new Map(INDICATOR_GROUPS.map((g) => [g.path, groupCheck(g)]));
const ASSESSED_ON_CHECK = checkOf(ASSESSED_ON);

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
    const check = group.keys.get(key);
    const v = value[key];
    if (check === undefined || v === undefined) return undefined;
    if (typeof check === 'function') {
      if (!check(v)) return undefined;
      out[key] = v;
    } else {
      const nested = copyGroup(v, check);
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
 * Returns the parsed assessment when `input` is plainly valid (for a ruleset declaring
 * `extraFacts`), else `undefined`: then validate with zod. Never returns a value zod would
 * reject, and what it returns is deep-equal to zod's output.
 */
export function acceptAssessment(input: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>): Assessment | undefined {
  if (!isPlain(input)) return undefined;
  const out: Plain = {};
  for (const key in input) {
    const value = input[key];
    let copy: unknown;
    if (key === 'org') {
      copy = copyGroup(value, ORG);
    } else if (key === ASSESSED_ON.path) {
      copy = ASSESSED_ON_CHECK(value) ? value : undefined;
    } else if (key === 'extra') {
      copy = copyExtra(value, extraFacts);
    } else {
      const group = INDICATOR_BY_KEY.get(key);
      copy = group === undefined ? undefined : copyGroup(value, group);
    }
    if (copy === undefined) return undefined;
    out[key] = copy;
  }
  if (out.org === undefined || out.assessedOn === undefined) return undefined;
  for (const rule of CROSS_FIELD_RULES) if (rule.check(out).length > 0) return undefined;
  return out as unknown as Assessment;
}
