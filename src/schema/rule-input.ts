/**
 * What a rule file must be before its schema is applied: plain data, read once, within the
 * documented limits (docs/rulesets.md, "Limits"), with a condition tree that both evaluators
 * read the same way. Every walk here is iterative and stops at its limit, so no rule file, however
 * deep, wide or cyclic, can overflow the stack or run for long.
 *
 * @module
 */
import { RulesetError } from '../errors.js';
import { rulesetError } from './messages.js';

/**
 * Limits on rule files, checked when a ruleset is loaded; exceeding one is a
 * {@link RulesetError} naming it. At these limits a ruleset loads and compiles in well under
 * a second on a small machine.
 */
export const RULESET_LIMITS = Object.freeze({
  /** Bytes of one rule file (read from disk), or its estimated size as JSON (given as an object). */
  fileBytes: 65_536,
  /** Nesting of `all`/`any`/`not` in one criterion (the root counts as level 1). */
  conditionDepth: 32,
  /** Leaf conditions in one criterion. */
  leavesPerCriterion: 64,
  /** Criteria in one ruleset, inherited ones included. */
  criteriaPerRuleset: 64,
  /** Leaf conditions in one ruleset, inherited criteria included. */
  leavesPerRuleset: 1_024,
});

/** The name of a limit, as error messages give it. */
export type RulesetLimit = keyof typeof RULESET_LIMITS;

/**
 * A {@link RulesetError} for an exceeded limit, naming it; `what` says what passed it (a key of
 * the limit messages in `messages.ts`), with `count` where it has one. @internal
 */
export function limitError(file: string, field: string, limit: RulesetLimit, what: string, count?: number): RulesetError {
  return rulesetError(file, field, 'overLimit', { what, count: count?.toLocaleString('en'), limit, value: RULESET_LIMITS[limit].toLocaleString('en') });
}

/** Bytes of `text` in UTF-8 (without building the encoding). */
function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x800) bytes += unit >= 0xd800 && unit <= 0xdbff ? 0 : 2; // a surrogate pair is 4 bytes for 2 units
    else if (unit >= 0x80) bytes += 1;
  }
  return bytes;
}

interface Step {
  value: unknown;
  into: Record<string, unknown> | unknown[];
  key: string;
  parent: Step | undefined;
}

function pathOf(step: Step): string {
  const keys: string[] = [];
  for (let s: Step | undefined = step; s?.parent !== undefined; s = s.parent) keys.push(s.key);
  return keys.reverse().join('.');
}

/**
 * A copy of a rule file's content made of plain data: objects (own enumerable keys), arrays
 * and primitives, each property read exactly once, so that a getter or a Proxy cannot show one
 * value to the checks and another to the evaluators, and freezing the loaded ruleset never
 * freezes the caller's objects. Refuses a `__proto__` key anywhere and content whose size as
 * JSON (estimated as it is copied) passes {@link RULESET_LIMITS}.fileBytes; a cyclic or
 * exponentially shared object passes it too and is refused the same way.
 */
export function plainRuleData(content: unknown, file: string): unknown {
  let bytes = 0;
  const add = (n: number) => {
    bytes += n;
    if (bytes > RULESET_LIMITS.fileBytes) {
      throw limitError(file, '', 'fileBytes', 'contentTooLarge');
    }
  };
  const root: Step = { value: undefined, into: {}, key: '', parent: undefined };
  const stack: Step[] = [{ value: content, into: root.into, key: 'content', parent: undefined }];
  try {
    while (stack.length > 0) {
      const step = stack.pop()!;
      const { value } = step;
      let copy: unknown = value;
      if (typeof value === 'string') add(utf8Bytes(value) + 3);
      else if (typeof value === 'number' || typeof value === 'boolean') add(String(value).length + 1);
      else if (value === null) add(5);
      else if (Array.isArray(value)) {
        add(2 + value.length);
        const out: unknown[] = [];
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], into: out, key: String(i), parent: step });
        copy = out;
      } else if (typeof value === 'object') {
        const keys = Object.keys(value);
        add(2);
        const out: Record<string, unknown> = {};
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          if (key === '__proto__') throw rulesetError(file, [pathOf(step), key].filter(Boolean).join('.'), 'reservedKey');
          add(utf8Bytes(key) + 4);
          stack.push({ value: (value as Record<string, unknown>)[key], into: out, key, parent: step });
        }
        copy = out;
      }
      // Functions, symbols, bigints and undefined stay as they are: the schema refuses them.
      (step.into as Record<string, unknown>)[step.key] = copy;
    }
  } catch (error) {
    if (error instanceof RulesetError) throw error;
    throw rulesetError(file, '', 'notPlainData');
  }
  return (root.into as Record<string, unknown>).content;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const PLAIN_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function pathRefused(file: string, field: string, fact: unknown, path: unknown): RulesetError {
  const dotted = typeof fact === 'string' && typeof path === 'string' && PLAIN_PATH.test(path) ? `${fact}${path.slice(1)}` : 'service.satisfactionRate';
  return rulesetError(file, field, 'pathRefused', { dotted });
}

/**
 * Checks a criterion's condition tree (plain data from {@link plainRuleData}) before its
 * schema: the root is `all`, `any` or `not` (json-rules-engine takes nothing else there), the
 * nesting and the number of leaves are within {@link RULESET_LIMITS}, and no leaf or fact
 * reference has a `path` or `params` (json-rules-engine would resolve them; the compiled
 * evaluator reads dotted fact names only, so the two would disagree). Returns the number of
 * leaves. Anything else wrong is left to the schema, which names it.
 */
export function checkConditionTree(conditions: unknown, file: string): number {
  if (isObject(conditions) && !['all', 'any', 'not'].some((key) => Object.hasOwn(conditions, key))) {
    throw rulesetError(file, 'conditions', 'rootNotCombinator');
  }
  let leaves = 0;
  const stack: { node: unknown; field: string; depth: number }[] = [{ node: conditions, field: 'conditions', depth: 1 }];
  while (stack.length > 0) {
    const { node, field, depth } = stack.pop()!;
    if (!isObject(node)) continue;
    const branches = (['all', 'any'] as const).find((key) => Object.hasOwn(node, key) && Array.isArray(node[key]));
    if (branches || Object.hasOwn(node, 'not')) {
      if (depth > RULESET_LIMITS.conditionDepth) throw limitError(file, field, 'conditionDepth', 'nestTooDeep');
      if (branches) {
        const children = node[branches] as unknown[];
        for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], field: `${field}.${branches}.${i}`, depth: depth + 1 });
      } else {
        stack.push({ node: node.not, field: `${field}.not`, depth: depth + 1 });
      }
      continue;
    }
    leaves += 1;
    if (leaves > RULESET_LIMITS.leavesPerCriterion) throw limitError(file, field, 'leavesPerCriterion', 'tooManyConditions');
    if (Object.hasOwn(node, 'path')) throw pathRefused(file, `${field}.path`, node.fact, node.path);
    if (Object.hasOwn(node, 'params')) throw rulesetError(file, `${field}.params`, 'paramsRefused');
    const value = node.value;
    if (isObject(value) && Object.hasOwn(value, 'fact')) {
      if (Object.hasOwn(value, 'path')) throw pathRefused(file, `${field}.value.path`, value.fact, value.path);
      if (Object.hasOwn(value, 'params')) throw rulesetError(file, `${field}.value.params`, 'paramsRefused');
    }
  }
  return leaves;
}
