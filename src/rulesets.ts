/**
 * The built-in rulesets (bundled from `rules/` at build time, so no file is read at run
 * time) and `loadRuleset` for a province's own rule files given as objects. This module uses
 * no Node built-in: it is part of the core entry that runs in a browser. Reading a folder is
 * the Node entry's (`src/node.ts`, `src/load-folder.ts`).
 *
 * @module
 */
import { isRulesetError, type Locale } from './errors.js';
import { deepFreeze } from './internals/freeze.js';
import { inLocale, rulesetError } from './schema/messages.js';
import { RULESET_LIMITS, limitError } from './schema/rule-input.js';
import { buildRuleset, isRuleset, thresholdDefaults, type RuleFileInput, type Ruleset, type Thresholds } from './ruleset.js';

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

/** The built-in ruleset with this id, if any. @internal */
export function builtInRuleset(id: string): Ruleset | undefined {
  return builtIn.get(id);
}
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
export const defaultThresholds: Readonly<Thresholds> = deepFreeze(thresholdDefaults(cn2017Ten));

/** Options of {@link loadRuleset}. */
export interface LoadRulesetOptions {
  /**
   * Language of the `RulesetError` message for a bad file.
   * @default 'en'
   */
  locale?: Locale;
}

/** A ruleset given as objects rather than a folder. */
export interface RulesetObjects {
  /** The content of `ruleset.json`. */
  ruleset: unknown;
  /** The criterion files' contents. */
  criteria: readonly unknown[];
  /** Base rulesets that `extends` may name, besides the built-in ones. */
  bases?: readonly Ruleset[];
}

/**
 * Loads and validates a ruleset, synchronously. In Node (the `node` export condition, or
 * `weak-lax-screener/node`) it reads a folder: `ruleset.json` plus one JSON file per criterion,
 * named after its id. Everywhere, and in the browser build only, it takes the files' contents
 * as objects. `extends` names a built-in ruleset, a sibling folder of the ruleset's folder, or
 * (for objects) one of `bases`. Every file is validated, within documented limits; a bad one
 * throws a {@link RulesetError} naming the file and the field. The ruleset returned is deeply
 * frozen and can be shared by any number of screenings.
 *
 * In the browser build, a folder path throws a {@link RulesetError}: reading files needs Node.
 *
 * @example
 * ```ts
 * const ruleset = loadRuleset('./rules/my-province');             // Node
 * const same = loadRuleset({ ruleset: rulesetJson, criteria: [x01Json] });  // anywhere
 * const result = await screen(assessment, { ruleset });
 * ```
 */
export function loadRuleset(dirOrObjects: string | RulesetObjects, options?: LoadRulesetOptions): Ruleset {
  return inLocale(options?.locale, () => {
    if (typeof dirOrObjects === 'string') throw rulesetError(dirOrObjects, '', 'folderNeedsNode');
    return loadRulesetObjects(dirOrObjects);
  });
}

/** `loadRuleset` for objects, shared by both entries. @internal */
export function loadRulesetObjects(objects: RulesetObjects): Ruleset {
  if (typeof objects !== 'object' || objects === null) {
    throw rulesetError('(objects)', '', 'notObjects');
  }
  // The container, its lists and the bases are read once, here; a getter or a Proxy that
  // throws is a RulesetError like any other unreadable content (the files themselves are
  // copied as plain data by buildRuleset).
  let ruleset: unknown;
  let criteria: unknown[];
  let bases: Ruleset[];
  try {
    const given = objects as { ruleset?: unknown; criteria?: unknown; bases?: unknown };
    ruleset = given.ruleset;
    const list = given.criteria;
    if (!Array.isArray(list)) throw rulesetError('(objects)', 'criteria', 'criteriaNotArray');
    if (list.length > RULESET_LIMITS.criteriaPerRuleset) {
      throw limitError('(objects)', 'criteria', 'criteriaPerRuleset', 'criterionObjects', list.length);
    }
    criteria = [...list];
    const baseList = given.bases ?? [];
    if (!Array.isArray(baseList)) throw rulesetError('(objects)', 'bases', 'basesNotArray');
    bases = [...baseList];
    bases.forEach((base: unknown, i: number) => {
      if (!isRuleset(base)) throw rulesetError('(objects)', `bases.${i}`, 'notARuleset');
    });
  } catch (error) {
    if (isRulesetError(error)) throw error;
    throw rulesetError('(objects)', '', 'objectsUnreadable');
  }
  const label = (content: unknown, i: number) => {
    let id: unknown;
    try {
      id = typeof content === 'object' && content !== null && Object.hasOwn(content, 'id') ? (content as { id?: unknown }).id : undefined;
    } catch {
      id = undefined; // unreadable content: buildRuleset reports it under this label
    }
    return `criteria[${i}]${typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? ` (${id})` : ''}`;
  };
  return buildRuleset(
    { file: 'ruleset', content: ruleset },
    criteria.map((content: unknown, i: number) => ({ file: label(content, i), content })),
    (id) => bases.find((base) => base.id === id) ?? builtIn.get(id),
  );
}
