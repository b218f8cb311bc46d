/**
 * The responsible organs of a plan (`role`): the township organ read from the township's
 * name, and the county, discipline and organisation roles from `rules/plans/measures.json`.
 *
 * @module
 */
import type { Bilingual } from '../ruleset.js';
import type { Organs, TownshipLevel } from '../schema/plans.js';

type Kind = 'village' | 'community';

/**
 * The township level of an organisation from `org.region.township`: a trailing 人民政府, 党委
 * or 办事处 is removed once, then the ending gives the level (…街道 → 街道党工委; …苏木 →
 * 苏木党委; …乡, including …民族乡 → 乡党委; …镇 → 镇党委); a missing name or another ending
 * gives 乡镇（街道）党（工）委. The organ's kind, never the place's name. @internal
 */
export function townshipLevel(township: unknown, organs: Organs): TownshipLevel {
  const rule = organs.township;
  const copy = ({ organ, level, discipline }: TownshipLevel): TownshipLevel => ({ organ: { ...organ }, level: { ...level }, discipline: { ...discipline } });
  if (typeof township !== 'string') return copy(rule.fallback);
  let name = township.trim();
  const suffix = rule.strip.find((s) => name.length > s.length && name.endsWith(s));
  if (suffix) name = name.slice(0, -suffix.length);
  return copy(rule.endings.find((e) => name.endsWith(e.ending)) ?? rule.fallback);
}

/** The placeholders a measure's text may hold, filled in from the township level. @internal */
export const PLACEHOLDERS = ['{township}', '{level}', '{townshipDiscipline}'] as const;

/** A text with `{township}`, `{level}` and `{townshipDiscipline}` filled in. @internal */
export function fillTownship(text: Bilingual, level: TownshipLevel): Bilingual {
  const one = (s: string, lang: 'zh' | 'en') =>
    s.replaceAll('{township}', level.organ[lang]).replaceAll('{level}', level.level[lang]).replaceAll('{townshipDiscipline}', level.discipline[lang]);
  return { zh: one(text.zh, 'zh'), en: one(text.en, 'en') };
}

/** The organ a measure's `role` key names, for this organisation. @internal */
export function organOf(role: 'township' | 'county' | 'discipline' | 'organisation', kind: Kind, township: Bilingual, organs: Organs): Bilingual {
  switch (role) {
    case 'township':
      return { ...township };
    case 'organisation':
      return { ...organs.organisation[kind] };
    default:
      return { ...organs[role] };
  }
}
