/**
 * Checks a screening result (or a batch entry) read from the input of `plan` or `review`
 * before the library reads it: every field those commands and the library rely on, each
 * problem named by its path, so a hand-edited or truncated result is an invalid record with
 * a clear message rather than a crash.
 */
import type { Issue } from '../index.js';
import { MESSAGES } from './messages.js';

const VERDICTS = ['weak-lax', 'at-risk', 'sound', 'undetermined'];
const OUTCOMES = ['matched', 'not-matched', 'insufficient-data'];
const KINDS = ['village', 'community'];
const REGION_PARTS = ['province', 'city', 'county', 'township'];

type Check = (value: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` is a real calendar date `YYYY-MM-DD`. */
export function isDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : MESSAGES.resultText);
const anyText: Check = (v) => (typeof v === 'string' ? undefined : MESSAGES.resultAnyText);
const date: Check = (v) => (isDate(v) ? undefined : MESSAGES.resultDate);
const number: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : MESSAGES.resultNumber);
const oneOf =
  (allowed: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : MESSAGES.resultOneOf(allowed);
const bilingual: Check = (v) => (isObject(v) && typeof v.zh === 'string' && typeof v.en === 'string' ? undefined : MESSAGES.resultBilingual);

/**
 * The problems of a screening result read from input, with paths under `prefix` (`result`
 * inside a batch entry); `[]` when plan and review can use it.
 */
export function resultIssues(value: unknown, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  const at = (path: string) => (prefix && path ? `${prefix}.${path}` : prefix || path);
  const check = (path: string, v: unknown, rule: Check) => {
    const message = rule(v);
    if (message !== undefined) issues.push({ path: at(path), message });
  };
  if (!isObject(value)) return [{ path: at(''), message: MESSAGES.resultNotObject }];
  check('orgId', value.orgId, text);
  check('orgName', value.orgName, anyText);
  check('kind', value.kind, oneOf(KINDS));
  check('assessedOn', value.assessedOn, date);
  check('verdict', value.verdict, oneOf(VERDICTS));
  check('score', value.score, number);
  if (value.region !== undefined) {
    if (!isObject(value.region)) issues.push({ path: at('region'), message: MESSAGES.resultObject });
    else for (const part of REGION_PARTS) if (value.region[part] !== undefined) check(`region.${part}`, value.region[part], anyText);
  }
  if (!Array.isArray(value.matched)) issues.push({ path: at('matched'), message: MESSAGES.resultIds });
  else value.matched.forEach((id, i) => check(`matched.${i}`, id, text));
  const ruleset = value.ruleset;
  if (!isObject(ruleset)) issues.push({ path: at('ruleset'), message: MESSAGES.resultRuleset });
  else {
    check('ruleset.id', ruleset.id, text);
    check('ruleset.version', ruleset.version, text);
    if (!isObject(ruleset.thresholds)) issues.push({ path: at('ruleset.thresholds'), message: MESSAGES.resultObject });
    else {
      for (const [id, names] of Object.entries(ruleset.thresholds)) {
        if (!isObject(names)) issues.push({ path: at(`ruleset.thresholds.${id}`), message: MESSAGES.resultObject });
        else for (const [name, n] of Object.entries(names)) check(`ruleset.thresholds.${id}.${name}`, n, number);
      }
    }
  }
  if (!Array.isArray(value.criteria)) issues.push({ path: at('criteria'), message: MESSAGES.resultCriteria });
  else {
    value.criteria.forEach((c, i) => {
      if (!isObject(c)) {
        issues.push({ path: at(`criteria.${i}`), message: MESSAGES.resultObject });
        return;
      }
      check(`criteria.${i}.id`, c.id, text);
      check(`criteria.${i}.outcome`, c.outcome, oneOf(OUTCOMES));
      if (c.title !== undefined) check(`criteria.${i}.title`, c.title, bilingual);
    });
  }
  for (const list of ['timeline', 'checklist'] as const) {
    if (value[list] !== undefined && !Array.isArray(value[list])) issues.push({ path: at(list), message: MESSAGES.resultList });
  }
  if (Array.isArray(value.timeline)) {
    value.timeline.forEach((phase, i) => {
      if (!isObject(phase)) issues.push({ path: at(`timeline.${i}`), message: MESSAGES.resultObject });
      else check(`timeline.${i}.start`, phase.start, date);
    });
  }
  return issues;
}

/** The issues of an invalid batch entry, if they are a list of `{ path, message }`; otherwise `undefined`. */
export function entryIssues(value: unknown): Issue[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const issues: Issue[] = [];
  for (const issue of value) {
    if (!isObject(issue) || typeof issue.path !== 'string' || typeof issue.message !== 'string') return undefined;
    issues.push({ path: issue.path, message: issue.message });
  }
  return issues;
}
