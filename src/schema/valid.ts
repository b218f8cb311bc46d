/**
 * What the field table allows in one field, as a check made once per field: the rule of each
 * field type (see {@link FieldType}), its bounds and its values. The interpreted acceptor checks
 * every value with it, and the cross-field rules read only values that pass it; the zod schema
 * says the same in zod's terms (`assessment.ts`), and the generated acceptor writes it out as
 * code (`accept-code.ts`). The differential tests hold all of them equal.
 *
 * @module
 */
import { isInputDate } from '../internals/dates.js';
import type { FieldSpec, FieldType } from './fields.js';

/** Field types as small integers, so that one monomorphic switch checks every value. */
export const TYPE_CODES: Readonly<Record<FieldType, number>> = { id: 0, text: 1, count: 2, amount: 3, share: 4, boolean: 5, date: 6, enum: 7 };

/** What one field allows: its type, whether `null` is allowed, its upper bound and its values. */
export interface ValueCheck {
  readonly type: number;
  readonly nullable: boolean;
  readonly max: number;
  readonly values: readonly unknown[];
}

/** The check of a field. */
export function valueCheck(field: FieldSpec): ValueCheck {
  return {
    type: TYPE_CODES[field.type],
    nullable: field.nullable === true,
    max: field.max ?? Number.MAX_VALUE,
    values: field.values ?? [],
  };
}

/** True when `value` is what zod accepts for the field (`undefined`, an absent value, is not). */
export function valueOk(check: ValueCheck, value: unknown): boolean {
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
