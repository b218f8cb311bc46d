/**
 * Generators of hostile values and hostile assessments (issue 11). Generators produce
 * recipes (plain data that fast-check can print and shrink); `buildAssessment` turns a recipe
 * into a fresh input on every call, so a getter's or a Proxy's state never carries over from
 * one run (or one shrink) to the next.
 */
import fc from 'fast-check';
import { assessmentArb } from '../helpers/arbitraries.js';
import { shapesAssessmentArb } from '../helpers/shapes-ruleset.js';

// ---------------------------------------------------------------------------------------------
// Strings

/** Pieces of hostile text: formula starts, CSV and Markdown syntax, controls and escapes, bidi and zero-width, surrogate halves. */
export const HOSTILE_PIECES: readonly string[] = [
  '=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '\v', '\f', '"', "'", ',', ';', '|', '<', '>', '[', ']', '](', '(', ')', '`', '```', '*', '**', '_',
  '#', '## ', '\\', '!', '&', '&lt;', '%%', ':', '{', '}', '~~~', '---', '> ', '- ', '1. ',
  '\u0000', '\u0007', '\u0008', '\u001b', '\u001b[2J', '\u001b[31m', '\u001b]8;;https://evil.example\u0007', '\u001bP', '\u009b', '\u009d', '\u0085', '\u007f',
  '\u2028', '\u2029', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u061c', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff', '\ufffe',
  '\ud800', '\udfff', '\ud83d', '\ude00', '😀', '👨‍👩‍👧', '𠀀', '\u0301', '\u3000', ' ', '  ', '甲村', '党支部', 'ｗｗｗ', '＝',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[点此](javascript:alert(1))', '![x](https://evil.example/a.png)', '<javascript:alert(1)>',
  'https://evil.example', 'www.evil.example', 'mailto:x@evil.example', '=HYPERLINK("http://evil","点此")', '=1+1', '@SUM(A1)', '+86-10', '-5', "'=1", "''",
  '1e5', '5.11923E+11', '0x10', 'null', 'true', 'false', 'NaN', 'Infinity', 'undefined', '__proto__', 'constructor', 'prototype',
  'click x href "javascript:alert(1)"', '%% comment', '#35;', 'section x', 'gantt', 'title x',
];

/** A hostile string: pieces glued together, sometimes with random text or any code points. */
export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
);

/** A hostile string that is not empty (ids and names must not be). */
export const hostileNameArb = hostileStringArb.filter((s) => s.length > 0);

// ---------------------------------------------------------------------------------------------
// Values

/** Numbers at the edges of IEEE 754 and of JavaScript's safe integers. */
export const EDGE_NUMBERS: readonly number[] = [
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, -1, 0.5, 1.5, 0.1 + 0.2, 1e21, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 32, 2 ** 53,
  2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 85, 100, 101,
];

const TYPED = ['Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'DataView', 'ArrayBuffer'] as const;
const INSTANCES = [
  'date', 'invalidDate', 'map', 'set', 'weakMap', 'regexp', 'error', 'promise', 'function', 'arrow', 'class', 'boxedNumber', 'boxedString', 'boxedBoolean',
  'nullProto', 'frozen', 'arguments', 'generator', 'symbolObject', 'bigintObject', 'url',
] as const;

/** A value to put where data goes, as a recipe. */
export type ValueRecipe =
  | { v: 'prim'; value: unknown }
  | { v: 'string'; value: string }
  | { v: 'huge'; piece: string; length: number }
  | { v: 'deep'; depth: number; as: 'object' | 'array'; key: string }
  | { v: 'typed'; type: (typeof TYPED)[number]; length: number }
  | { v: 'sparse'; length: number; filled: number[] }
  | { v: 'instance'; kind: (typeof INSTANCES)[number] }
  | { v: 'json'; value: unknown }
  | { v: 'symbol'; description: string };

/** How big the biggest values get (the heavy tier goes further). */
export interface Sizes {
  /** Deepest nesting of a generated object. */
  depth: number;
  /** Longest generated string. */
  string: number;
}

export function valueRecipeArb(sizes: Sizes): fc.Arbitrary<ValueRecipe> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS, undefined, null, true, false, '', ' ', '0', '2026-03-31', '2026-02-29', '2024-02-29', '10000-01-01', '2026-03-31T00:00:00Z', '２０２６-０３-３１', 'village', 'VILLAGE', 'competent').map((value) => ({ v: 'prim' as const, value })) },
    { weight: 1, arbitrary: fc.bigInt().map((value) => ({ v: 'prim' as const, value })) },
    { weight: 1, arbitrary: fc.double().map((value) => ({ v: 'prim' as const, value })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((description) => ({ v: 'symbol' as const, description })) },
    { weight: 3, arbitrary: hostileStringArb.map((value) => ({ v: 'string' as const, value })) },
    { weight: 1, arbitrary: fc.record({ piece: fc.constantFrom('x', '甲', '=', '|', '\u001b', '\n', '\ud800', '😀', '"'), length: fc.integer({ min: 1, max: sizes.string }) }).map((r) => ({ v: 'huge' as const, ...r })) },
    { weight: 1, arbitrary: fc.record({ depth: fc.integer({ min: 1, max: sizes.depth }), as: fc.constantFrom('object' as const, 'array' as const), key: fc.constantFrom('a', 'org', '__proto__', 'constructor', 'leadership') }).map((r) => ({ v: 'deep' as const, ...r })) },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom(...TYPED), length: fc.nat(8) }).map((r) => ({ v: 'typed' as const, ...r })) },
    { weight: 1, arbitrary: fc.record({ length: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(2 ** 31, 2 ** 32 - 1)), filled: fc.array(fc.nat(10), { maxLength: 3 }) }).map((r) => ({ v: 'sparse' as const, ...r })) },
    { weight: 2, arbitrary: fc.constantFrom(...INSTANCES).map((kind) => ({ v: 'instance' as const, kind })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ v: 'json' as const, value })) },
  );
}

/** A fresh value from its recipe. */
export function buildValue(recipe: ValueRecipe): unknown {
  switch (recipe.v) {
    case 'prim':
      return recipe.value;
    case 'string':
      return recipe.value;
    case 'symbol':
      return Symbol(recipe.description);
    case 'huge':
      return recipe.piece.repeat(Math.ceil(recipe.length / recipe.piece.length)).slice(0, recipe.length);
    case 'deep': {
      let node: unknown = recipe.as === 'array' ? [] : {};
      for (let i = 0; i < recipe.depth; i++) node = recipe.as === 'array' ? [node] : Object.defineProperty({}, recipe.key, { value: node, enumerable: true, writable: true, configurable: true });
      return node;
    }
    case 'typed': {
      if (recipe.type === 'ArrayBuffer') return new ArrayBuffer(recipe.length);
      if (recipe.type === 'DataView') return new DataView(new ArrayBuffer(recipe.length));
      return new globalThis[recipe.type](recipe.length);
    }
    case 'sparse': {
      const array: unknown[] = [];
      array.length = recipe.length;
      for (const i of recipe.filled) if (i < recipe.length) array[i] = i;
      return array;
    }
    case 'json':
      return structuredClone(recipe.value);
    case 'instance':
      return instance(recipe.kind);
  }
}

function instance(kind: (typeof INSTANCES)[number]): unknown {
  switch (kind) {
    case 'date':
      return new Date(Date.UTC(2026, 2, 31));
    case 'invalidDate':
      return new Date(Number.NaN);
    case 'map':
      return new Map([['seatsFilled', 3]]);
    case 'set':
      return new Set([1, 2]);
    case 'weakMap':
      return new WeakMap();
    case 'regexp':
      return /2026-03-31/;
    case 'error':
      return new Error('2026-03-31');
    case 'promise':
      return Promise.resolve(3);
    case 'function':
      return function seatsFilled() {
        return 3;
      };
    case 'arrow':
      return () => 3;
    case 'class':
      return new (class Leadership {
        seatsFilled = 3;
      })();
    case 'boxedNumber':
      return new Number(3);
    case 'boxedString':
      return new String('village');
    case 'boxedBoolean':
      return new Boolean(false);
    case 'nullProto':
      return Object.assign(Object.create(null), { seatsRequired: 5, seatsFilled: 5 });
    case 'frozen':
      return Object.freeze({ seatsRequired: 5, seatsFilled: 5 });
    case 'arguments':
      return (function () {
        // eslint-disable-next-line prefer-rest-params
        return arguments;
      })();
    case 'generator':
      return (function* () {
        yield 1;
      })();
    case 'symbolObject':
      return Object(Symbol('x'));
    case 'bigintObject':
      return Object(BigInt(3));
    case 'url':
      return new URL('https://evil.example/');
  }
}

// ---------------------------------------------------------------------------------------------
// Assessments

/** Keys that reach prototypes, shadow inherited methods, or name the schema's own groups. */
export const HOSTILE_KEYS: readonly string[] = [
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'toJSON', 'then', 'length', '0', '',
  ' ', 'org', 'extra', 'leadership', 'seatsFilled', 'id', 'name', 'kind', 'assessedOn', 'region', 'satisfactionRate', 'polluted', 'org.id', '__proto__.x',
];

/** Which key of an object an edit touches: one it has (by position), or a given name, or a symbol. */
export type KeyChoice = { existing: number } | { name: string } | { symbol: 'iterator' | 'toPrimitive' | 'toStringTag' | 'hasInstance' | 'own' };

const keyChoiceArb: fc.Arbitrary<KeyChoice> = fc.oneof(
  { weight: 4, arbitrary: fc.nat(40).map((existing) => ({ existing })) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_KEYS).map((name) => ({ name })) },
  { weight: 1, arbitrary: hostileStringArb.map((name) => ({ name })) },
  { weight: 1, arbitrary: fc.constantFrom('iterator' as const, 'toPrimitive' as const, 'toStringTag' as const, 'hasInstance' as const, 'own' as const).map((symbol) => ({ symbol })) },
);

/** Getters: stable; a valid value then a poison object; a poison text then the valid value; throwing. */
export type GetterMode = 'stable' | 'poison-after' | 'poison-first' | 'throw';
/** Proxies: transparent; a poison object from the second read of a key; an extra key; a throwing trap; revoked. */
export type ProxyMode = 'transparent' | 'lying-get' | 'lying-keys' | 'throw-ownKeys' | 'throw-get' | 'throw-getPrototypeOf' | 'throw-getOwnPropertyDescriptor' | 'throw-has' | 'revoked';

/** One change to a valid assessment. `target` picks an object of it (the root, org, a group…). */
export type Edit =
  | { op: 'set'; target: number; key: KeyChoice; value: ValueRecipe; how: 'define' | 'assign' }
  | { op: 'delete'; target: number; key: KeyChoice }
  | { op: 'getter'; target: number; key: KeyChoice; mode: GetterMode }
  | { op: 'proxy'; target: number; mode: ProxyMode }
  | { op: 'cycle'; target: number; key: KeyChoice; to: 'root' | 'self' | 'parent' }
  | { op: 'prototype'; target: number; to: 'polluted' | 'null' | 'array' | 'date' }
  | { op: 'lock'; target: number; how: 'freeze' | 'seal' | 'preventExtensions' }
  | { op: 'text'; field: (typeof TEXT_FIELDS)[number]; value: string };

/** Text fields: any non-empty text is valid there, so hostile text keeps the record valid and reaches every output. */
export const TEXT_FIELDS = ['org.id', 'org.name', 'org.region.province', 'org.region.city', 'org.region.county', 'org.region.township'] as const;

/** One hostile edit. */
export function editArb(sizes: Sizes): fc.Arbitrary<Edit> {
  const target = fc.nat(20);
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), target, key: keyChoiceArb, value: valueRecipeArb(sizes), how: fc.constantFrom('define' as const, 'assign' as const) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), target, key: keyChoiceArb }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('getter' as const), target, key: keyChoiceArb, mode: fc.constantFrom<GetterMode>('stable', 'poison-after', 'poison-first', 'throw') }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('proxy' as const),
        target,
        mode: fc.constantFrom<ProxyMode>('transparent', 'lying-get', 'lying-keys', 'throw-ownKeys', 'throw-get', 'throw-getPrototypeOf', 'throw-getOwnPropertyDescriptor', 'throw-has', 'revoked'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('cycle' as const), target, key: keyChoiceArb, to: fc.constantFrom('root' as const, 'self' as const, 'parent' as const) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('prototype' as const), target, to: fc.constantFrom('polluted' as const, 'null' as const, 'array' as const, 'date' as const) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('lock' as const), target, how: fc.constantFrom('freeze' as const, 'seal' as const, 'preventExtensions' as const) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('text' as const), field: fc.constantFrom(...TEXT_FIELDS), value: hostileNameArb }) },
  );
}

/** Rulesets an assessment is screened against: `shapes` declares extra facts and reads them. */
export type RulesetChoice = 'default' | 'extended' | 'shapes';

/** A hostile assessment: a valid one (for the ruleset chosen), then edits; none for a control run. */
export interface AssessmentRecipe {
  ruleset: RulesetChoice;
  base: Record<string, unknown>;
  edits: Edit[];
}

export function assessmentRecipeArb(sizes: Sizes): fc.Arbitrary<AssessmentRecipe> {
  return fc
    .tuple(fc.constantFrom<RulesetChoice>('default', 'default', 'extended', 'shapes'), assessmentArb, shapesAssessmentArb, fc.array(editArb(sizes), { maxLength: 4 }))
    .map(([ruleset, plain, shaped, edits]) => ({ ruleset, base: ruleset === 'shapes' ? shaped : plain, edits }));
}

/** A poison object: never valid anywhere in an assessment, so it must never reach a result. */
export const POISON_OBJECT = 'POISON_OBJECT';
/** A poison text: valid where any text is, so it may reach a result, but only where a text may stand. */
export const POISON_TEXT = 'POISON_TEXT';

/** An assessment built from its recipe, with what the checks may expect of it. */
export interface BuiltAssessment {
  input: unknown;
  /** No getter or proxy: reading it has no effect, so it can be snapshotted and screened twice alike. */
  plain: boolean;
  /** Every read gives the same answer (no poison, no throwing trap): screen and screenMany must agree. */
  deterministic: boolean;
  /** Keys that may head an issue path (the schema's own and those the edits added at the root). */
  roots: Set<string>;
}

interface Node {
  object: Record<PropertyKey, unknown>;
  parent: Node | undefined;
  key: PropertyKey | undefined;
}

const SYMBOLS = { iterator: Symbol.iterator, toPrimitive: Symbol.toPrimitive, toStringTag: Symbol.toStringTag, hasInstance: Symbol.hasInstance } as const;

function keyOf(node: Node, choice: KeyChoice): PropertyKey {
  if ('name' in choice) return choice.name;
  if ('symbol' in choice) return choice.symbol === 'own' ? Symbol('own') : SYMBOLS[choice.symbol];
  const keys = Reflect.ownKeys(node.object);
  return keys.length === 0 ? 'empty' : keys[choice.existing % keys.length]!;
}

function define(object: object, key: PropertyKey, descriptor: PropertyDescriptor): void {
  // A locked object refuses, an array's length takes no object: that edit simply does not happen.
  try {
    Reflect.defineProperty(object, key, { enumerable: true, configurable: true, ...descriptor });
  } catch {
    // not applied
  }
}

function proxyOf(target: object, mode: ProxyMode): object {
  const fail = (trap: string) => () => {
    throw new Error(`hostile ${trap} trap`);
  };
  switch (mode) {
    case 'transparent':
      return new Proxy(target, {});
    case 'lying-get': {
      const seen = new Set<PropertyKey>();
      return new Proxy(target, {
        get(t, key, receiver) {
          if (seen.has(key) && typeof key === 'string') return { [POISON_OBJECT]: true };
          seen.add(key);
          return Reflect.get(t, key, receiver);
        },
      });
    }
    case 'lying-keys':
      return new Proxy(target, {
        ownKeys: (t) => [...Reflect.ownKeys(t), 'POISONKEY'],
        getOwnPropertyDescriptor: (t, key) =>
          key === 'POISONKEY' ? { value: { [POISON_OBJECT]: true }, enumerable: true, configurable: true, writable: true } : Reflect.getOwnPropertyDescriptor(t, key),
      });
    case 'throw-ownKeys':
      return new Proxy(target, { ownKeys: fail('ownKeys') });
    case 'throw-get':
      return new Proxy(target, { get: fail('get') });
    case 'throw-getPrototypeOf':
      return new Proxy(target, { getPrototypeOf: fail('getPrototypeOf') });
    case 'throw-getOwnPropertyDescriptor':
      return new Proxy(target, { getOwnPropertyDescriptor: fail('getOwnPropertyDescriptor') });
    case 'throw-has':
      return new Proxy(target, { has: fail('has') });
    case 'revoked': {
      const { proxy, revoke } = Proxy.revocable(target, {});
      revoke();
      return proxy;
    }
  }
}

/** Builds a fresh hostile assessment from its recipe. */
export function buildAssessment(recipe: AssessmentRecipe, knownRoots: readonly string[]): BuiltAssessment {
  return buildHostile(recipe.base, recipe.edits, knownRoots);
}

/**
 * Builds a fresh hostile object: a deep copy of `base` with `edits` applied (proxies put in
 * place after the other edits, locks last). `preset` entries are set on the copy's root
 * before the edits and are never edited themselves (a loaded ruleset, which is frozen).
 */
export function buildHostile(base: unknown, edits: readonly Edit[], knownRoots: readonly string[], preset: Record<string, unknown> = {}, fresh = false): BuiltAssessment {
  // `fresh`: the caller made `base` for this run alone (and it may be too deep for structuredClone).
  const root = (fresh ? base : structuredClone(base)) as Record<PropertyKey, unknown>;
  // Text edits first, on the plain tree: any non-empty text is valid in a text field.
  for (const edit of edits) {
    if (edit.op !== 'text') continue;
    const keys = edit.field.split('.');
    let target = root as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys.at(-1)!] = edit.value;
  }
  // The objects an edit may target, depth first (iteratively: a tree may be 20,000 deep).
  const nodes: Node[] = [];
  const stack: Node[] = [{ object: root, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    const keys = Object.keys(node.object);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = node.object[keys[i]!];
      if (child !== null && typeof child === 'object') stack.push({ object: child as Record<PropertyKey, unknown>, parent: node, key: keys[i] });
    }
  }
  Object.assign(root, preset);
  const roots = new Set([...knownRoots, ...Object.keys(root), 'POISONKEY']);
  let plain = true;
  let deterministic = true;
  const proxies: Array<{ node: Node; mode: ProxyMode }> = [];
  const locks: Array<{ node: Node; how: 'freeze' | 'seal' | 'preventExtensions' }> = [];
  for (const edit of edits) {
    if (edit.op === 'text') continue;
    const node = nodes[edit.target % nodes.length]!;
    const object = node.object;
    if ('key' in edit && node === nodes[0] && 'name' in edit.key) roots.add(edit.key.name.split('.')[0]!);
    switch (edit.op) {
      case 'set': {
        const key = keyOf(node, edit.key);
        const value = buildValue(edit.value);
        if (edit.how === 'define') define(object, key, { value, writable: true });
        else {
          try {
            Reflect.set(object, key, value);
          } catch {
            // not applied (an array's length, a setter that throws)
          }
        }
        break;
      }
      case 'delete':
        Reflect.deleteProperty(object, keyOf(node, edit.key));
        break;
      case 'getter': {
        const key = keyOf(node, edit.key);
        const original = Object.getOwnPropertyDescriptor(object, key);
        const valid = original && 'value' in original ? original.value : 3;
        let reads = 0;
        const get = {
          stable: () => valid,
          'poison-after': () => (reads++ === 0 ? valid : { [POISON_OBJECT]: true }),
          'poison-first': () => (reads++ === 0 ? POISON_TEXT : valid),
          throw: () => {
            throw new Error('hostile getter');
          },
        }[edit.mode];
        define(object, key, { get });
        plain = false;
        if (edit.mode !== 'stable') deterministic = false;
        break;
      }
      case 'proxy':
        proxies.push({ node, mode: edit.mode });
        plain = false;
        if (edit.mode !== 'transparent') deterministic = false;
        break;
      case 'cycle': {
        const to = edit.to === 'root' ? root : edit.to === 'self' ? object : (node.parent?.object ?? root);
        define(object, keyOf(node, edit.key), { value: to, writable: true });
        break;
      }
      case 'prototype':
        Object.setPrototypeOf(object, { polluted: { polluted: true }, null: null, array: Array.prototype, date: Date.prototype }[edit.to]);
        break;
      case 'lock':
        locks.push({ node, how: edit.how });
        break;
    }
  }
  // Keys the root inherits (an edit may have given it a prototype) are keys a strict schema may name.
  try {
    for (const key in root) roots.add(key);
  } catch {
    // a prototype that cannot be walked: nothing to add
  }
  // Proxies replace their object in its parent (the root proxy becomes the input); locks come last.
  let input: unknown = root;
  for (const { node, mode } of proxies) {
    const proxy = proxyOf(node.object, mode);
    if (node.parent) define(node.parent.object, node.key!, { value: proxy, writable: true });
    else input = proxy;
  }
  for (const { node, how } of locks) (how === 'freeze' ? Object.freeze : how === 'seal' ? Object.seal : Object.preventExtensions)(node.object);
  return { input, plain, deterministic, roots };
}
