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
 * evaluator a value other than the one that was checked. The copy has the zod schema's key
 * order, whatever order the input gave its keys in; a field that is there but not an
 * enumerable own key (never so in parsed JSON) is left to zod, which reads it.
 *
 * @module
 */
import { isInputDate } from '../internals/dates.js';
import { valueCheck, valueOk, type ValueCheck } from './valid.js';
import { CROSS_FIELD_RULES, type Assessment } from './assessment.js';
import { ASSESSED_ON, GROUPS, INDICATOR_GROUPS, ORG_GROUP, keyOf, type FieldSpec, type GroupSpec } from './fields.js';
import type { ExtraFactType } from '../ruleset.js';
import { generateAcceptor, type Acceptor } from './accept-code.js';

type Plain = Record<string, unknown>;

/** A nested group, in {@link FieldCheck.type}. */
const GROUP = -1;

/**
 * What zod requires of one key of a group: a field's check, or (type {@link GROUP}) a nested
 * group's checks. One shape for both, so that the loop over a record's keys reads them
 * monomorphically.
 */
interface FieldCheck extends ValueCheck {
  readonly group: GroupCheck | undefined;
}

/** A group's keys in the field table's order (the zod schema's), each with its check. */
interface GroupCheck {
  readonly keys: ReadonlyArray<{ readonly key: string; readonly check: FieldCheck; readonly required: boolean }>;
}

function fieldCheck(field: FieldSpec): FieldCheck {
  const { type, nullable, max, values } = valueCheck(field);
  return { type, nullable, max, values, group: undefined };
}

function groupCheck(group: GroupSpec): GroupCheck {
  const keys = group.fields.map((field) => ({ key: keyOf(field.path), check: fieldCheck(field), required: field.required === true }));
  for (const child of GROUPS) {
    if (child !== group && child.path.slice(0, child.path.lastIndexOf('.')) === group.path) {
      keys.push({ key: keyOf(child.path), check: nested(child), required: child.required === true });
    }
  }
  return { keys };
}

function nested(group: GroupSpec): FieldCheck {
  return { type: GROUP, nullable: false, max: 0, values: [], group: groupCheck(group) };
}

/** The keys of an assessment but `extra`, in the zod schema's order: `org`, `assessedOn`, the indicator groups. */
const ROOT_KEYS: GroupCheck['keys'] = [
  { key: ORG_GROUP.path, check: nested(ORG_GROUP), required: true },
  { key: ASSESSED_ON.path, check: fieldCheck(ASSESSED_ON), required: true },
  ...INDICATOR_GROUPS.map((group) => ({ key: group.path, check: nested(group), required: group.required === true })),
];

/** A plain object (from JSON.parse or a literal): its prototype is Object.prototype or null. */
function isPlain(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Names `Object.prototype` has when this module loads: the generated acceptor decides the same
 * when it is made, so a property added to `Object.prototype` later is read as both read it.
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Own property `key` of `value`: no field shares a name with a property of `Object.prototype`, but were one to, only the own one. */
function own(value: Plain, key: string): unknown {
  return PROTOTYPE_NAMES.has(key) && !Object.hasOwn(value, key) ? undefined : value[key];
}

/**
 * Reads `keys` of `value` into `out`, in order, each once: its value checked (a nested group
 * copied), or `undefined` when zod must decide. Returns how many keys were found.
 */
function copyKeys(value: Plain, keys: GroupCheck['keys'], out: Plain): number | undefined {
  let found = 0;
  for (const { key, check, required } of keys) {
    const v = own(value, key);
    if (v === undefined) {
      if (required) return undefined;
      continue;
    }
    const kept = check.group !== undefined ? copyGroup(v, check.group) : valueOk(check, v) ? v : undefined;
    if (kept === undefined) return undefined;
    out[key] = kept;
    found++;
  }
  return found;
}

/**
 * True when the keys `for…in` walks in `value` are exactly the `found` keys copied into `out`:
 * each walked key was copied (not an unknown key, nor one set to `undefined`), and as many as
 * were copied, so a key read but not walked (not enumerable, or a Proxy's) cannot stand in for
 * an unknown key walked but not read.
 */
function everyKeyRead(value: Plain, found: number, out: Plain): boolean {
  let n = found;
  for (const key in value) {
    if (!Object.hasOwn(out, key)) return false;
    n--;
  }
  return n === 0;
}

/** A checked copy of a group's values (each read once), in the field table's order, or `undefined` when zod must decide. */
function copyGroup(value: unknown, group: GroupCheck): Plain | undefined {
  if (!isPlain(value)) return undefined;
  const out: Plain = {};
  const found = copyKeys(value, group.keys, out);
  return found !== undefined && everyKeyRead(value, found, out) ? out : undefined;
}

/** A checked copy of `extra`: every key declared by the ruleset, with a value of its type. */
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
  let found = copyKeys(input, ROOT_KEYS, out);
  if (found === undefined) return undefined;
  const extra = own(input, 'extra');
  if (extra !== undefined) {
    const copy = copyExtra(extra, extraFacts);
    if (copy === undefined) return undefined;
    out.extra = copy;
    found++;
  }
  if (!everyKeyRead(input, found, out)) return undefined;
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
