/**
 * Generators of rule files (issue 11): every shape the rule format accepts (all, any and not
 * nested, each operator, literals, lists, fact and threshold references, names, warning lines,
 * ruleset-level thresholds, extra facts, `extends`), then near misses of each kind, and, for
 * folders on disk, the file-system tricks (links out of the folder, bytes that are not UTF-8,
 * big files, broken JSON). Recipes are plain data; `writeRulesetFolder` and `rulesetObjects`
 * turn one into files or objects.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DERIVED_FACTS } from '../../src/facts.js';
import { FIELDS, INDICATOR_GROUPS } from '../../src/schema/fields.js';
import { RULESET_LIMITS } from '../../src/schema/rule-input.js';
import { hostileNameArb, hostileStringArb } from './hostile-values.js';

// ---------------------------------------------------------------------------------------------
// Facts a rule may read, by kind of value

type FactKind = 'number' | 'boolean' | 'enum' | 'date';
interface Fact {
  name: string;
  kind: FactKind;
  values?: readonly string[];
}

const INPUT_FACTS: Fact[] = FIELDS.filter((f) => f.path === 'org.kind' || f.path === 'org.level' || INDICATOR_GROUPS.some((g) => f.path.startsWith(`${g.path}.`))).map((f) => ({
  name: f.path,
  kind: f.type === 'boolean' ? 'boolean' : f.type === 'enum' ? 'enum' : f.type === 'date' ? 'date' : 'number',
  ...(f.values ? { values: f.values } : {}),
}));
const FACTS: Fact[] = [...INPUT_FACTS, ...DERIVED_FACTS.map((d) => ({ name: d.name, kind: 'number' as const }))];
const EXTRA_FACTS: Fact[] = [
  { name: 'extra.income', kind: 'number' },
  { name: 'extra.audited', kind: 'boolean' },
  { name: 'extra.grade', kind: 'enum', values: ['A', 'B', 'C'] },
];
/** What `ruleset.json` declares for the extra facts above. */
export const EXTRA_DECLARED = { income: 'number', audited: 'boolean', grade: 'string' } as const;

const ORDERING = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
const UP = new Set(['greaterThan', 'greaterThanInclusive']);

// ---------------------------------------------------------------------------------------------
// Accepted shapes

/** A leaf before thresholds are named: the fact, operator and the kind of value. */
type LeafRecipe =
  | { fact: Fact; operator: (typeof ORDERING)[number]; value: { literal: number } | { threshold: number; warning: number | undefined; byDefault: number } | { fact: string } }
  | { fact: Fact; operator: 'equal' | 'notEqual'; value: { literal: string | number | boolean | null } | { fact: string } }
  | { fact: Fact; operator: 'in' | 'notIn'; value: { list: (string | number | boolean | null)[] } };

function leafArb(withExtra: boolean): fc.Arbitrary<LeafRecipe> {
  const facts = withExtra ? [...FACTS, ...EXTRA_FACTS] : FACTS;
  const numeric = facts.filter((f) => f.kind === 'number');
  const number = fc.oneof(fc.constantFrom(0, 1, 2, 3, 5, 6, 12, 24, 60, 72, 0.6, 0.7, 50_000, -1, 1e9, 0.1 + 0.2), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }));
  const scalarFor = (fact: Fact): fc.Arbitrary<string | number | boolean | null> =>
    fact.kind === 'boolean' ? fc.constantFrom(true, false, null)
      : fact.kind === 'enum' ? fc.constantFrom(...(fact.values ?? ['x']), 'VILLAGE', '', null)
        : fact.kind === 'date' ? fc.constantFrom(null, '2025-10-15', '2026-03-31')
          : fc.oneof(number, fc.constant(null));
  return fc.constantFrom(...facts).chain((fact): fc.Arbitrary<LeafRecipe> => {
    const sameKind = facts.filter((f) => f.kind === fact.kind).map((f) => f.name);
    const options: fc.Arbitrary<LeafRecipe>[] = [
      fc.record({ fact: fc.constant(fact), operator: fc.constantFrom('equal' as const, 'notEqual' as const), value: fc.oneof(scalarFor(fact).map((literal) => ({ literal })), fc.constantFrom(...sameKind).map((f) => ({ fact: f }))) }),
      fc.record({ fact: fc.constant(fact), operator: fc.constantFrom('in' as const, 'notIn' as const), value: fc.array(scalarFor(fact), { maxLength: 4 }).map((list) => ({ list })) }),
    ];
    if (fact.kind === 'number') {
      options.push(
        fc.record({
          fact: fc.constant(fact),
          operator: fc.constantFrom(...ORDERING),
          value: fc.oneof(
            number.map((literal) => ({ literal })),
            fc.record({ threshold: fc.nat(3), byDefault: number, warning: fc.option(fc.double({ min: 0.001, max: 100, noNaN: true }), { nil: undefined }) }),
            fc.constantFrom(...numeric.map((f) => f.name)).map((f) => ({ fact: f })),
          ),
        }),
      );
    }
    return fc.oneof(...options);
  });
}

/** A condition tree of leaves, `all`, `any` and `not`, as plain JSON (thresholds resolved later). */
type TreeRecipe = { leaf: LeafRecipe; name?: string } | { all: TreeRecipe[]; name?: string } | { any: TreeRecipe[]; name?: string } | { not: TreeRecipe; name?: string };

function treeArb(withExtra: boolean, depth: number): fc.Arbitrary<TreeRecipe> {
  const name = fc.option(fc.constantFrom('guarded', 'twoYears', 'b1', 'b2'), { nil: undefined, freq: 4 });
  const leaf = fc.record({ leaf: leafArb(withExtra), name }, { requiredKeys: ['leaf'] });
  const { tree } = fc.letrec<{ tree: TreeRecipe; node: TreeRecipe }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', maxDepth: depth }, leaf, tie('node')),
    node: fc.oneof(
      fc.record({ all: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }), name }, { requiredKeys: ['all'] }),
      fc.record({ any: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }), name }, { requiredKeys: ['any'] }),
      fc.record({ not: tie('tree'), name }, { requiredKeys: ['not'] }),
    ),
  }));
  // The root is all, any or not.
  return fc.oneof(
    fc.record({ any: fc.array(tree, { minLength: 1, maxLength: 5 }) }),
    fc.record({ all: fc.array(tree, { minLength: 1, maxLength: 4 }) }),
    fc.record({ not: tree }),
  );
}

/** One criterion file's metadata around its tree. */
export interface CriterionRecipe {
  id: string;
  no: number;
  title: { zh: string; en: string };
  seedWording: string;
  weight: number | undefined;
  sources: string[] | undefined;
  description: string | undefined;
  appliesTo: ('village' | 'community')[] | undefined;
  priority: number | undefined;
  eventParams: Record<string, string | number | boolean | null> | undefined;
  tree: TreeRecipe;
  /** Name the top-level branches of a root `any` (else two branches may share an id). */
  nameBranches: boolean;
}

function criterionArb(id: string, no: number, withExtra: boolean): fc.Arbitrary<CriterionRecipe> {
  return fc.record({
    id: fc.constant(id),
    no: fc.constant(no),
    title: fc.record({ zh: hostileNameArb, en: hostileNameArb }),
    seedWording: hostileNameArb,
    weight: fc.option(fc.constantFrom(0, 0.3, 7.5, 10, 12, 100), { nil: undefined }),
    sources: fc.option(fc.array(hostileNameArb, { maxLength: 2 }), { nil: undefined }),
    description: fc.option(hostileStringArb, { nil: undefined }),
    appliesTo: fc.option(fc.subarray(['village' as const, 'community' as const]), { nil: undefined }),
    priority: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    eventParams: fc.option(fc.dictionary(fc.constantFrom('criterion', 'level', 'x'), fc.oneof(hostileStringArb, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 2 }), { nil: undefined }),
    tree: treeArb(withExtra, 4),
    nameBranches: fc.boolean(),
  });
}

/** The JSON of one criterion file. */
export function criterionJson(recipe: CriterionRecipe): Record<string, unknown> {
  const thresholds: Record<string, { default: number; warningLine?: number; source: string }> = {};
  const directions = new Map<string, boolean>();
  const toJson = (node: TreeRecipe, top: boolean, i: number): Record<string, unknown> => {
    const named = (o: Record<string, unknown>) => {
      const name = top && recipe.nameBranches ? `branch${i}` : node.name;
      return name === undefined ? o : { ...o, name };
    };
    if ('all' in node) return named({ all: node.all.map((c) => toJson(c, false, 0)) });
    if ('any' in node) return named({ any: node.any.map((c) => toJson(c, false, 0)) });
    if ('not' in node) return named({ not: toJson(node.not, false, 0) });
    const { leaf } = node;
    let value: unknown;
    if ('list' in leaf.value) value = leaf.value.list;
    else if ('fact' in leaf.value) value = { fact: leaf.value.fact };
    else if ('literal' in leaf.value) value = leaf.value.literal;
    else {
      // A threshold keeps one direction: a leaf of the other direction gets a name of its own.
      const up = UP.has(leaf.operator);
      let name = `t${leaf.value.threshold}`;
      if (directions.has(name) && directions.get(name) !== up) name = `${name}${up ? 'Up' : 'Down'}`;
      directions.set(name, up);
      if (!thresholds[name]) {
        const spec: { default: number; warningLine?: number; source: string } = { default: leaf.value.byDefault, source: '测试' };
        // On the safe side: below an upward threshold, above a downward one.
        if (leaf.value.warning !== undefined) spec.warningLine = leaf.value.byDefault + (up ? -leaf.value.warning : leaf.value.warning);
        thresholds[name] = spec;
      }
      value = { fact: `threshold.${recipe.id}.${name}` };
    }
    return named({ fact: leaf.fact.name, operator: leaf.operator, value });
  };
  const root = recipe.tree;
  const conditions =
    'any' in root ? { any: root.any.map((c, i) => toJson(c, true, i)) } : 'all' in root ? { all: root.all.map((c) => toJson(c, false, 0)) } : { not: toJson((root as { not: TreeRecipe }).not, false, 0) };
  const out: Record<string, unknown> = {
    id: recipe.id,
    no: recipe.no,
    title: recipe.title,
    seedWording: recipe.seedWording,
    ...(recipe.weight !== undefined ? { weight: recipe.weight } : {}),
    thresholds,
    ...(recipe.sources !== undefined ? { sources: recipe.sources } : {}),
    ...(recipe.appliesTo !== undefined ? { appliesTo: recipe.appliesTo } : {}),
    name: recipe.id,
    ...(recipe.priority !== undefined ? { priority: recipe.priority } : {}),
    conditions,
    event: { type: 'criterion-matched', ...(recipe.eventParams ? { params: recipe.eventParams } : {}) },
  };
  return out;
}

/** A ruleset of accepted shapes: its `ruleset.json` choices and its criteria. */
export interface RulesetRecipe {
  id: string;
  version: string;
  title: { zh: string; en: string } | undefined;
  description: string | undefined;
  extendsChoice: 'none' | 'cn-2017-ten' | 'cn-2019-extended' | 'sibling';
  withExtra: boolean;
  criteria: CriterionRecipe[];
  /** Ruleset-level threshold overrides of the base's C01 and of its own thresholds. */
  overrideC01: number | undefined;
  /** Replaces the base's C10 (a file with an inherited id). */
  replaceC10: boolean;
}

export function rulesetRecipeArb(): fc.Arbitrary<RulesetRecipe> {
  return fc
    .record({
      id: fc.constantFrom('county', 'my-province', 'x.1', 'a_b'),
      version: hostileNameArb,
      title: fc.option(fc.record({ zh: hostileNameArb, en: hostileNameArb }), { nil: undefined }),
      description: fc.option(hostileStringArb, { nil: undefined }),
      extendsChoice: fc.constantFrom('none' as const, 'cn-2017-ten' as const, 'cn-2019-extended' as const, 'sibling' as const),
      withExtra: fc.boolean(),
      count: fc.integer({ min: 1, max: 4 }),
      overrideC01: fc.option(fc.constantFrom(1, 6, 12), { nil: undefined }),
      replaceC10: fc.boolean(),
    })
    .chain(({ count, ...rest }) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => criterionArb(`X${String(i + 1).padStart(2, '0')}`, 11 + i, rest.withExtra))).map((criteria) => ({ ...rest, criteria })),
    );
}

/** `ruleset.json` and the criterion files of an accepted-shape recipe (`base` names the sibling folder). */
export function rulesetFiles(recipe: RulesetRecipe, base = 'province'): { ruleset: Record<string, unknown>; criteria: Record<string, unknown>[] } {
  const criteria = recipe.criteria.map(criterionJson);
  const extending = recipe.extendsChoice !== 'none';
  if (extending && recipe.replaceC10 && criteria.length > 0) {
    // A file with the id of an inherited criterion replaces it in its place.
    criteria[0] = { ...criteria[0]!, id: 'C10', no: 10, name: 'C10' };
    criteria[0].conditions = JSON.parse(JSON.stringify(criteria[0].conditions).replaceAll(`threshold.${recipe.criteria[0]!.id}.`, 'threshold.C10.'));
  }
  const thresholds: Record<string, Record<string, number>> = {};
  if (extending && recipe.overrideC01 !== undefined) thresholds.C01 = { secretaryVacantMonths: recipe.overrideC01 };
  const last = criteria.at(-1);
  const lastThreshold = last && Object.keys(last.thresholds as object)[0];
  if (last && lastThreshold && recipe.overrideC01 !== undefined) thresholds[last.id as string] = { [lastThreshold]: recipe.overrideC01 };
  const ruleset: Record<string, unknown> = {
    id: recipe.id,
    version: recipe.version,
    ...(recipe.title ? { title: recipe.title } : {}),
    ...(recipe.description !== undefined ? { description: recipe.description } : {}),
    criteria: criteria.filter((c) => c.id !== 'C10').map((c) => c.id),
    ...(extending ? { extends: recipe.extendsChoice === 'sibling' ? base : recipe.extendsChoice } : {}),
    ...(recipe.withExtra ? { extraFacts: EXTRA_DECLARED } : {}),
    ...(Object.keys(thresholds).length ? { thresholds } : {}),
  };
  // A copy: near misses change the files in place, never the recipe (fast-check reuses it) or a constant.
  return structuredClone({ ruleset, criteria });
}

// ---------------------------------------------------------------------------------------------
// Near misses

/** One thing wrong with an otherwise accepted ruleset. */
export type NearMiss =
  | { miss: 'set'; file: number; path: number; value: unknown }
  | { miss: 'rename'; file: number; path: number; to: string }
  | { miss: 'delete'; file: number; path: number }
  | { miss: 'proto'; file: number; path: number }
  | { miss: 'reserved'; where: 'id' | 'threshold' | 'extraFact' | 'override' | 'branch'; name: string }
  | { miss: 'operator'; file: number; path: number; patch: Record<string, unknown> }
  | { miss: 'deep'; levels: number; via: 'all' | 'not' }
  | { miss: 'wide'; leaves: number }
  | { miss: 'big'; bytes: number }
  | { miss: 'many'; criteria: number }
  | { miss: 'extends'; to: string }
  | { miss: 'duplicate' }
  | { miss: 'unlisted' };

const RESERVED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__', 'prototype', '__defineGetter__', 'toLocaleString', 'propertyIsEnumerable'];

/** Near misses; `deepest` bounds the nesting of the deepest tree. */
export function nearMissArb(deepest: number): fc.Arbitrary<NearMiss> {
  const file = fc.nat(5);
  const path = fc.nat(200);
  const wrong = fc.oneof(
    fc.constantFrom(null, true, 0, -1, 1.5, '', '1', 'x', [], {}, [1, 'a'], { fact: 'threshold.X01.none' }, 1e308, -1e308, 'regex', 'C01', '../x'),
    hostileStringArb,
    fc.jsonValue({ maxDepth: 2 }),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ miss: fc.constant('set' as const), file, path, value: wrong }) },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('rename' as const), file, path, to: fc.constantFrom('weigth', 'condition', 'Conditions', 'threshold', 'warningline', 'fakt', 'operater', '__proto__', 'constructor') }) },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('delete' as const), file, path }) },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('proto' as const), file, path }) },
    { weight: 2, arbitrary: fc.record({ miss: fc.constant('reserved' as const), where: fc.constantFrom('id' as const, 'threshold' as const, 'extraFact' as const, 'override' as const, 'branch' as const), name: fc.constantFrom(...RESERVED) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        miss: fc.constant('operator' as const),
        file,
        path,
        patch: fc.constantFrom<Record<string, unknown>>(
          { operator: 'regex' }, { operator: 'everyFact:equal' }, { operator: 'contains' }, { operator: 'doesNotContain' }, { operator: 'equal ' },
          { path: '$..workStalled' }, { path: '$.workStalled' }, { params: { x: 1 } }, { priority: 2 }, { condition: 'shared' }, { fact: 'process.env' },
          { fact: 'extra.undeclared' }, { fact: 'threshold.C01.secretaryVacantMonths' }, { fact: 'leadership' }, { fact: '' },
          { value: { fact: 'leadership', path: '$..*' } }, { value: { fact: 'threshold.X01' } }, { value: { fact: 'threshold.C01.secretaryVacantMonths' } },
          { value: { fact: 'service.satisfactionRate', params: {} } }, { value: ['a', ['nested']] }, { value: { nested: true } }, { value: 'not a number' },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('deep' as const), levels: fc.oneof(fc.integer({ min: RULESET_LIMITS.conditionDepth - 2, max: RULESET_LIMITS.conditionDepth + 2 }), fc.constantFrom(1000, deepest)), via: fc.constantFrom('all' as const, 'not' as const) }) },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('wide' as const), leaves: fc.integer({ min: RULESET_LIMITS.leavesPerCriterion - 1, max: RULESET_LIMITS.leavesPerCriterion + 2 }) }) },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('big' as const), bytes: fc.integer({ min: RULESET_LIMITS.fileBytes - 600, max: RULESET_LIMITS.fileBytes + 600 }) }) },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('many' as const), criteria: fc.integer({ min: RULESET_LIMITS.criteriaPerRuleset - 1, max: RULESET_LIMITS.criteriaPerRuleset + 2 }) }) },
    { weight: 1, arbitrary: fc.record({ miss: fc.constant('extends' as const), to: fc.constantFrom('../secret', '../../secret', '/etc', 'a..b', 'sub/folder', 'secret', 'Secret', 'nope', 'county', '.', '..', 'cn-2017-ten/..', 'cn-2017-ten\u0000') }) },
    { weight: 1, arbitrary: fc.constant({ miss: 'duplicate' as const }) },
    { weight: 1, arbitrary: fc.constant({ miss: 'unlisted' as const }) },
  );
}

type Json = Record<string, unknown>;

/** Every container and key of a JSON value, depth first: the places a near miss can hit. */
function places(root: unknown): Array<{ parent: Json | unknown[]; key: string | number }> {
  const out: Array<{ parent: Json | unknown[]; key: string | number }> = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) node.forEach((v, i) => (out.push({ parent: node, key: i }), stack.push(v)));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push({ parent: node as Json, key: k }), stack.push(v);
  }
  return out;
}

/** The files of a ruleset with one near miss applied (in place, on fresh JSON). */
export function applyNearMiss(files: { ruleset: Json; criteria: Json[] }, miss: NearMiss): void {
  const all = [files.ruleset, ...files.criteria];
  const pick = (file: number) => all[file % all.length]!;
  const leafPlaces = (file: Json) => places(file.conditions).filter((p) => typeof p.parent === 'object' && !Array.isArray(p.parent) && 'operator' in (p.parent as Json));
  switch (miss.miss) {
    case 'set':
    case 'rename':
    case 'delete':
    case 'proto': {
      const spots = places(pick(miss.file));
      if (spots.length === 0) return;
      const { parent, key } = spots[miss.path % spots.length]!;
      if (miss.miss === 'set') (parent as Json)[key] = structuredClone(miss.value);
      else if (miss.miss === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete (parent as Json)[key];
      else if (!Array.isArray(parent)) {
        const value = (parent as Json)[key];
        delete (parent as Json)[key];
        Object.defineProperty(parent, miss.miss === 'rename' ? miss.to : '__proto__', { value: miss.miss === 'proto' ? { weight: 0 } : value, enumerable: true, writable: true, configurable: true });
      }
      return;
    }
    case 'reserved': {
      const c = files.criteria[0]!;
      const own = (o: Json, key: string, value: unknown) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
      if (miss.where === 'id') {
        c.id = miss.name;
        (files.ruleset.criteria as string[])[0] = miss.name;
      } else if (miss.where === 'threshold') own(c.thresholds as Json, miss.name, { default: 1, source: 'x' });
      else if (miss.where === 'extraFact') own((files.ruleset.extraFacts ??= {}) as Json, miss.name, 'number');
      else if (miss.where === 'override') own(((files.ruleset.thresholds ??= {}) as Json), c.id as string, own({}, miss.name, 1));
      else {
        const first = Object.values(c.conditions as Json)[0];
        const node = Array.isArray(first) ? first[0] : first;
        if (node && typeof node === 'object') (node as Json).name = miss.name;
      }
      return;
    }
    case 'operator': {
      const c = files.criteria[miss.file % files.criteria.length]!;
      const leaves = leafPlaces(c);
      if (leaves.length) Object.assign(leaves[miss.path % leaves.length]!.parent, structuredClone(miss.patch));
      return;
    }
    case 'deep': {
      const c = files.criteria[0]!;
      let node: unknown = c.conditions;
      for (let i = 0; i < miss.levels; i++) node = miss.via === 'all' ? { all: [node] } : { not: node };
      c.conditions = node;
      return;
    }
    case 'wide': {
      const c = files.criteria[0]!;
      c.thresholds = {};
      c.conditions = { all: Array.from({ length: miss.leaves }, (_, i) => ({ fact: 'safety.criminalCases', operator: 'greaterThan', value: i })) };
      return;
    }
    case 'big': {
      const c = files.criteria[0]!;
      delete c.description;
      const size = Buffer.byteLength(JSON.stringify(c));
      c.operationalisation = { zh: '甲', en: 'x'.repeat(Math.max(0, miss.bytes - size - 40)) };
      return;
    }
    case 'many': {
      const c = files.criteria[0]!;
      const extra = Array.from({ length: miss.criteria - files.criteria.length }, (_, i) => ({ ...structuredClone(c), id: `M${i}`, name: `M${i}`, conditions: JSON.parse(JSON.stringify(c.conditions).replaceAll(`threshold.${c.id}.`, `threshold.M${i}.`)) }));
      files.criteria.push(...extra);
      (files.ruleset.criteria as string[]).push(...extra.map((e) => e.id));
      return;
    }
    case 'extends':
      files.ruleset.extends = miss.to;
      return;
    case 'duplicate':
      files.criteria.push(structuredClone(files.criteria[0]!));
      return;
    case 'unlisted':
      (files.ruleset.criteria as string[]).splice(0, 1);
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// On disk

/** A file-system trick played on a ruleset folder. */
export type FolderTrick =
  | { trick: 'none' }
  | { trick: 'bom' }
  | { trick: 'link-file' }
  | { trick: 'link-sibling' }
  | { trick: 'not-utf8'; bytes: readonly number[] }
  | { trick: 'truncate'; at: number }
  | { trick: 'folder-as-file' }
  | { trick: 'empty-file' }
  | { trick: 'duplicate-key' };

export function folderTrickArb(): fc.Arbitrary<FolderTrick> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ trick: 'none' as const }) },
    { weight: 1, arbitrary: fc.constant({ trick: 'bom' as const }) },
    { weight: 1, arbitrary: fc.constant({ trick: 'link-file' as const }) },
    { weight: 1, arbitrary: fc.constant({ trick: 'link-sibling' as const }) },
    { weight: 1, arbitrary: fc.record({ trick: fc.constant('not-utf8' as const), bytes: fc.constantFrom([0xbc, 0xd7, 0xb4, 0xe5], [0xff], [0xc0, 0xaf], [0x81, 0x30, 0x81, 0x30]) }) },
    { weight: 1, arbitrary: fc.record({ trick: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
    { weight: 1, arbitrary: fc.constant({ trick: 'folder-as-file' as const }) },
    { weight: 1, arbitrary: fc.constant({ trick: 'empty-file' as const }) },
    { weight: 1, arbitrary: fc.constant({ trick: 'duplicate-key' as const }) },
  );
}

/** Text that must never appear in an error or output: it lives outside the ruleset's folder. */
export const SECRET = 'TOP-SECRET-CONTENT';

/**
 * Writes a ruleset's files into `dir/<name>` (and a sibling base folder `province`, and a
 * secret file and folder outside the rules root), playing `trick`. Returns the folder.
 */
export function writeRulesetFolder(dir: string, files: { ruleset: Json; criteria: Json[] }, trick: FolderTrick): string {
  const rules = join(dir, 'rules');
  const folder = join(rules, 'county');
  mkdirSync(folder, { recursive: true });
  // Outside the rules root: a secret file and a secret ruleset folder.
  mkdirSync(join(dir, 'secret'), { recursive: true });
  writeFileSync(join(dir, 'secret', 'ruleset.json'), JSON.stringify({ id: 'secret', version: SECRET, criteria: [] }));
  writeFileSync(join(dir, 'passwd'), `root:x:0:0:${SECRET}:/root:/bin/bash\n`);
  // A real sibling base, for extends "province".
  mkdirSync(join(rules, 'province'), { recursive: true });
  writeFileSync(join(rules, 'province', 'ruleset.json'), JSON.stringify({ id: 'province', version: '1', extends: 'cn-2017-ten', criteria: [] }));
  const texts = new Map<string, string | Uint8Array>();
  texts.set('ruleset.json', JSON.stringify(files.ruleset, null, 2));
  files.criteria.forEach((c, i) => {
    const name = typeof c.id === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(c.id) ? `${c.id}.json` : `bad${i}.json`;
    texts.set(texts.has(name) ? `dup${i}.json` : name, JSON.stringify(c, null, 2));
  });
  const victim = [...texts.keys()].find((k) => k !== 'ruleset.json') ?? 'ruleset.json';
  switch (trick.trick) {
    case 'bom':
      for (const [k, v] of texts) texts.set(k, `\ufeff${v as string}`);
      break;
    case 'not-utf8': {
      // Inside a text (as a title saved by a GBK editor would be), or at the very start.
      const text = texts.get(victim) as string;
      const at = text.indexOf('"zh": "');
      const cut = at < 0 ? 0 : at + '"zh": "'.length;
      texts.set(victim, Buffer.concat([Buffer.from(text.slice(0, cut)), Uint8Array.from(trick.bytes), Buffer.from(text.slice(cut))]));
      break;
    }
    case 'truncate': {
      const text = texts.get(victim) as string;
      texts.set(victim, text.slice(0, Math.floor(trick.at * text.length)));
      break;
    }
    case 'empty-file':
      texts.set(victim, '');
      break;
    case 'duplicate-key': {
      const text = texts.get(victim) as string;
      texts.set(victim, text.replace('{', `{"id": "${SECRET}", `));
      break;
    }
    default:
      break;
  }
  for (const [name, text] of texts) {
    if (name === victim && trick.trick === 'link-file') symlinkSync(join(dir, 'passwd'), join(folder, name));
    else if (name === victim && trick.trick === 'folder-as-file') mkdirSync(join(folder, name));
    else writeFileSync(join(folder, name), text);
  }
  if (trick.trick === 'link-sibling') {
    symlinkSync(join(dir, 'secret'), join(rules, 'secret'));
    files.ruleset.extends = 'secret';
    writeFileSync(join(folder, 'ruleset.json'), JSON.stringify(files.ruleset));
  }
  return folder;
}
