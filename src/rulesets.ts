/**
 * The built-in rulesets (bundled from `rules/` at build time, so no file is read at run
 * time) and `loadRuleset` for a province's own rule files.
 *
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RulesetError } from './errors.js';
import { buildRuleset, thresholdDefaults, type RuleFileInput, type Ruleset, type Thresholds } from './ruleset.js';

import tenRuleset from '../rules/cn-2017-ten/ruleset.json';
import C01 from '../rules/cn-2017-ten/C01.json';
import C02 from '../rules/cn-2017-ten/C02.json';
import C03 from '../rules/cn-2017-ten/C03.json';
import C04 from '../rules/cn-2017-ten/C04.json';
import C05 from '../rules/cn-2017-ten/C05.json';
import C06 from '../rules/cn-2017-ten/C06.json';
import C07 from '../rules/cn-2017-ten/C07.json';
import C08 from '../rules/cn-2017-ten/C08.json';
import C09 from '../rules/cn-2017-ten/C09.json';
import C10 from '../rules/cn-2017-ten/C10.json';
import extendedRuleset from '../rules/cn-2019-extended/ruleset.json';
import C11 from '../rules/cn-2019-extended/C11.json';
import C12 from '../rules/cn-2019-extended/C12.json';

function bundled(folder: string, ruleset: unknown, criteria: Record<string, unknown>): [RuleFileInput, RuleFileInput[]] {
  return [
    { file: `rules/${folder}/ruleset.json`, content: ruleset },
    Object.entries(criteria).map(([id, content]) => ({ file: `rules/${folder}/${id}.json`, content })),
  ];
}

const builtIn = new Map<string, Ruleset>();
function register(ruleset: Ruleset): Ruleset {
  builtIn.set(ruleset.id, ruleset);
  return ruleset;
}

const cn2017Ten = register(
  buildRuleset(...bundled('cn-2017-ten', tenRuleset, { C01, C02, C03, C04, C05, C06, C07, C08, C09, C10 }), (id) => builtIn.get(id)),
);

const cn2019Extended = register(
  buildRuleset(...bundled('cn-2019-extended', extendedRuleset, { C11, C12 }), (id) => builtIn.get(id)),
);

/**
 * The built-in rulesets:
 * - `cn-2017-ten`: the ten criteria of the 2017 plans with today's thresholds (the default);
 * - `cn-2019-extended`: the ten plus C11 集体经济薄弱 (weak collective economy, villages only)
 *   and C12 发展党员停滞 (Party recruitment stalled), twelve criteria in order.
 *
 * @example
 * ```ts
 * const result = await screen(assessment, { ruleset: rulesets['cn-2019-extended'] });
 * result.criteria.map((c) => c.id);   // ['C01', …, 'C10', 'C11', 'C12']
 * ```
 */
export const rulesets: Readonly<BuiltInRulesets> = Object.freeze({
  'cn-2017-ten': cn2017Ten,
  'cn-2019-extended': cn2019Extended,
});

/** The built-in rulesets, by id. */
export interface BuiltInRulesets {
  /** The ten criteria of the 2017 plans with today's thresholds (the default). */
  'cn-2017-ten': Ruleset;
  /** The ten plus C11 集体经济薄弱 and C12 发展党员停滞. */
  'cn-2019-extended': Ruleset;
}

/** The default ruleset, `cn-2017-ten`. */
export const defaultRuleset: Ruleset = cn2017Ten;

/** The default ruleset's thresholds, `{ [criterionId]: { [name]: number } }`. */
export const defaultThresholds: Readonly<Thresholds> = Object.freeze(thresholdDefaults(cn2017Ten));

/** A ruleset given as objects rather than a folder. */
export interface RulesetObjects {
  /** The content of `ruleset.json`. */
  ruleset: unknown;
  /** The criterion files' contents. */
  criteria: readonly unknown[];
  /** Base rulesets that `extends` may name, besides the built-in ones. */
  bases?: readonly Ruleset[];
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RulesetError(file, '', `cannot read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RulesetError(file, '', `not valid JSON: ${(error as Error).message}`);
  }
}

function loadFolder(dir: string, loading: Set<string>): Ruleset {
  const folder = resolve(dir);
  if (loading.has(folder)) throw new RulesetError(join(folder, 'ruleset.json'), 'extends', 'circular extends');
  loading.add(folder);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new RulesetError(folder, '', `cannot read folder: ${(error as Error).message}`);
  }
  if (!names.includes('ruleset.json')) throw new RulesetError(join(folder, 'ruleset.json'), '', 'missing ruleset.json');
  const rulesetFile = join(folder, 'ruleset.json');
  const criteria = names
    .filter((name) => name !== 'ruleset.json')
    .map((name) => ({ file: join(folder, name), content: readJson(join(folder, name)) }));
  for (const input of criteria) {
    const id = (input.content as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && basename(input.file, '.json') !== id) {
      throw new RulesetError(input.file, 'id', `id "${id}" does not match the file name`);
    }
  }
  return buildRuleset({ file: rulesetFile, content: readJson(rulesetFile) }, criteria, (id) => {
    const sibling = join(dirname(folder), id);
    try {
      readdirSync(sibling);
    } catch {
      return builtIn.get(id);
    }
    return loadFolder(sibling, loading);
  });
}

/**
 * Loads and validates a ruleset, synchronously: from a folder (`ruleset.json` plus one
 * JSON file per criterion, named after its id) or from objects. `extends` names a built-in
 * ruleset, a sibling folder, or (for objects) one of `bases`. Every file is validated; a bad
 * one throws a {@link RulesetError} naming the file and the field.
 *
 * @example
 * ```ts
 * const ruleset = loadRuleset('./rules/my-province');
 * const result = await screen(assessment, { ruleset });
 * ```
 */
export function loadRuleset(dirOrObjects: string | RulesetObjects): Ruleset {
  if (typeof dirOrObjects === 'string') return loadFolder(dirOrObjects, new Set());
  const { ruleset, criteria, bases = [] } = dirOrObjects;
  if (!Array.isArray(criteria)) throw new RulesetError('(objects)', 'criteria', 'must be an array of criterion objects');
  const label = (content: unknown, i: number) => {
    const id = (content as { id?: unknown } | null)?.id;
    return `criteria[${i}]${typeof id === 'string' ? ` (${id})` : ''}`;
  };
  return buildRuleset(
    { file: 'ruleset', content: ruleset },
    criteria.map((content, i) => ({ file: label(content, i), content })),
    (id) => bases.find((base) => base.id === id) ?? builtIn.get(id),
  );
}
