/**
 * The standing adversarial suite of issue 11, one home for both tiers: each class of hostile
 * input is a function that declares its properties with a tier's seed, number of runs and
 * sizes. `npm test` runs the default tier (test/adversarial/*.test.ts, a few seconds);
 * `npm run test:heavy` runs the same properties with many more runs and bigger inputs
 * (test/heavy/adversarial.test.ts). What each run must hold is in `invariants.ts`; what the
 * generators make is in `hostile-*.ts`; docs/hostile-input.md lists both.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isOptionsError,
  planRectification,
  renderPlan,
  rulesets,
  screen,
  screenMany,
  screenManyCompact,
  type BatchEntry,
  type CompactEntry,
  type Ruleset,
  type ScreeningResult,
  type ScreenOptions,
} from '../../src/index.js';
import { loadRuleset } from '../../src/node.js';
import type { RulesetObjects } from '../../src/rulesets.js';
import { DERIVED_FACTS } from '../../src/facts.js';
import { KNOWN_KEYS } from '../../src/schema/assessment.js';
import { FIELDS } from '../../src/schema/fields.js';
import { assessmentArb } from '../helpers/arbitraries.js';
import { compactOf } from '../helpers/compare.js';
import { shapesAssessmentArb, shapesRuleset } from '../helpers/shapes-ruleset.js';
import {
  cliProblems,
  csvProblems,
  csvTextCell,
  deepSnapshot,
  issueProblems,
  markdownProblems,
  prototypeChanges,
  runCli,
  snapshotDifference,
  terminalProblems,
  typedErrorProblems,
} from './invariants.js';
import { assessmentRecipeArb, buildAssessment, buildHostile, POISON_OBJECT, type AssessmentRecipe, type Edit, type RulesetChoice, type Sizes } from './hostile-values.js';
import { csvBytes, csvRecipeArb, jsonLinesBytes, jsonLinesRecipeArb, jsonLinesRecordCount, lineText, OPTION_KEYS, OPTION_RECORDS, optionsRecipeArb, type CsvRecipe, type JsonLinesRecipe, type OptionsRecipe } from './hostile-docs.js';
import { applyNearMiss, folderTrickArb, nearMissArb, rulesetFiles, rulesetRecipeArb, SECRET, writeRulesetFolder, type FolderTrick, type NearMiss, type RulesetRecipe } from './hostile-rules.js';

/** How hard a tier tries: runs per class, the seed, and the largest inputs. */
export interface Tier {
  name: string;
  seed: number;
  runs: { assessments: number; options: number; csv: number; jsonLines: number; ruleObjects: number; ruleFolders: number };
  /** Records per assessment run (screened one by one and as a batch). */
  batch: number;
  /** Rows of a CSV file, lines of a JSON Lines file. */
  rows: number;
  sizes: Sizes;
}

/** Problems found in a run, reported together (fast-check then shrinks the input). */
function expectNone(problems: string[]): void {
  expect(problems.slice(0, 8)).toEqual([]);
}

/**
 * What the runs met (a result or an error, each trick and near miss), counted per class:
 * `ADVERSARIAL_STATS=1` prints them after each suite, to see that the generators reach what
 * they are meant to.
 */
export const stats = new Map<string, number>();
function count(label: string): void {
  stats.set(label, (stats.get(label) ?? 0) + 1);
}
function printStats(prefix: string): void {
  if (!process.env.ADVERSARIAL_STATS) return;
  const lines = [...stats].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
  process.stderr.write(`${lines.map(([k, n]) => `${k}: ${n}`).join('\n')}\n`);
}

function params(tier: Tier, runs: number, offset: number): fc.Parameters<unknown> {
  return { seed: tier.seed + offset, numRuns: runs };
}

// ---------------------------------------------------------------------------------------------
// Results

const FIELD_KIND = new Map<string, { kind: string; values?: readonly string[] }>(FIELDS.map((f) => [f.path, { kind: f.type, ...(f.values ? { values: f.values } : {}) }]));
for (const d of DERIVED_FACTS) FIELD_KIND.set(d.name, { kind: 'amount' });

const isDate = (v: unknown) => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
};

/**
 * Problems of a screening result: not JSON, a poison value, a field of the wrong type, a date
 * that is not a real YYYY-MM-DD, criteria other than the ruleset's, or evidence whose actual
 * value is not of its fact's type (a value that was never validated).
 */
function resultProblems(result: ScreeningResult, ruleset: Ruleset, what: string): string[] {
  const problems: string[] = [];
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    return [`${what}: result is not JSON: ${String(error)}`];
  }
  if (text.includes(POISON_OBJECT)) problems.push(`${what}: a value that failed validation reached the result`);
  const r = JSON.parse(text) as ScreeningResult;
  const bad = (field: string, value: unknown) => problems.push(`${what}: ${field} = ${JSON.stringify(value)?.slice(0, 80)}`);
  if (typeof r.orgId !== 'string' || r.orgId === '') bad('orgId', r.orgId);
  if (typeof r.orgName !== 'string') bad('orgName', r.orgName);
  if (!['village', 'community'].includes(r.kind)) bad('kind', r.kind);
  if (!isDate(r.assessedOn)) bad('assessedOn', r.assessedOn);
  if (!['weak-lax', 'at-risk', 'sound', 'undetermined'].includes(r.verdict)) bad('verdict', r.verdict);
  if (!(r.score >= 0 && r.score <= 100)) bad('score', r.score);
  for (const [k, v] of Object.entries(r.region ?? {})) if (typeof v !== 'string') bad(`region.${k}`, v);
  const ids = ruleset.criteria.map((c) => c.id);
  if (JSON.stringify(r.criteria.map((c) => c.id)) !== JSON.stringify(ids)) bad('criteria ids', r.criteria.map((c) => c.id));
  if (!r.matched.every((id) => ids.includes(id))) bad('matched', r.matched);
  for (const [id, names] of Object.entries(r.ruleset.thresholds)) {
    if (!ids.includes(id)) bad(`ruleset.thresholds.${id}`, names);
    for (const [name, n] of Object.entries(names)) if (typeof n !== 'number' || !Object.hasOwn(ruleset.criteria.find((c) => c.id === id)?.thresholds ?? {}, name)) bad(`ruleset.thresholds.${id}.${name}`, n);
  }
  for (const c of r.criteria) {
    if (!['matched', 'not-matched', 'insufficient-data'].includes(c.outcome)) bad(`${c.id}.outcome`, c.outcome);
    for (const e of c.evidence) {
      if (e.actual === null) continue;
      const extra = /^extra\.(.+)$/.exec(e.fact);
      const spec = extra ? { kind: ruleset.extraFacts[extra[1]!] ?? 'undeclared' } : FIELD_KIND.get(e.fact);
      const ok =
        spec === undefined ? false
          : spec.kind === 'boolean' ? typeof e.actual === 'boolean'
            : spec.kind === 'enum' ? (spec as { values?: readonly string[] }).values?.includes(e.actual as string) === true
              : spec.kind === 'date' ? isDate(e.actual)
                : spec.kind === 'string' ? typeof e.actual === 'string'
                  : typeof e.actual === 'number' && Number.isFinite(e.actual);
      if (!ok) bad(`${c.id} evidence ${e.fact} actual`, e.actual);
    }
  }
  for (const phase of r.timeline) if (!isDate(phase.start) || !isDate(phase.end)) bad('timeline phase', phase);
  for (const item of r.checklist) if (!isDate(item.due) || !(item.occurrences ?? []).every(isDate)) bad('checklist due', item.due);
  return problems;
}

/** Problems of a compact result: it must equal the same fields of the full result. */
function compactProblems(compact: CompactEntry, full: BatchEntry, what: string): string[] {
  if (compact.ok !== full.ok || compact.index !== full.index) return [`${what}: compact entry ${compact.index} ok=${compact.ok}, full ok=${full.ok}`];
  if (!compact.ok || !full.ok) return JSON.stringify(compact) === JSON.stringify(full) ? [] : [`${what}: compact and full invalid entries differ`];
  return JSON.stringify(compact) === JSON.stringify(compactOf(full)) ? [] : [`${what}: compact result differs from the full one`];
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<{ entries: T[]; error?: unknown }> {
  const entries: T[] = [];
  try {
    for await (const entry of iterable) entries.push(entry);
    return { entries };
  } catch (error) {
    return { entries, error };
  }
}

type Single = { ok: true; result: ScreeningResult } | { ok: false; error: unknown };

async function screenOnce(input: unknown, options: unknown): Promise<Single> {
  try {
    return { ok: true, result: await screen(input, options as ScreenOptions) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The issues an error carries (for comparing a batch entry with `screen`). */
const issuesOf = (error: unknown) => JSON.stringify((error as { issues?: unknown }).issues);

/** Plans of weak-lax results rendered in both languages: no markup or control sequence from data. */
function planProblems(result: ScreeningResult, what: string): string[] {
  if (result.verdict !== 'weak-lax') return [];
  const plan = planRectification(result, { start: result.timeline[0]!.start });
  return [...markdownProblems(renderPlan(plan, { lang: 'zh' }), `${what} renderPlan zh`), ...markdownProblems(renderPlan(plan, { lang: 'en' }), `${what} renderPlan en`)];
}

// ---------------------------------------------------------------------------------------------
// Class 1: assessments

const ROOT_KEYS = KNOWN_KEYS[''] ?? [];
const OPTIONS_FOR: Record<RulesetChoice, { options: ScreenOptions | undefined; ruleset: Ruleset }> = {
  default: { options: undefined, ruleset: rulesets['cn-2017-ten'] },
  extended: { options: { ruleset: rulesets['cn-2019-extended'] }, ruleset: rulesets['cn-2019-extended'] },
  shapes: { options: { ruleset: shapesRuleset }, ruleset: shapesRuleset },
};

async function assessmentRun(recipes: AssessmentRecipe[]): Promise<string[]> {
  const problems: string[] = [];
  const singles: Single[] = [];
  for (const [i, recipe] of recipes.entries()) {
    const { options, ruleset } = OPTIONS_FOR[recipe.ruleset];
    const built = buildAssessment(recipe, ROOT_KEYS);
    const before = built.plain ? deepSnapshot(built.input) : undefined;
    const single = await screenOnce(built.input, options);
    singles.push(single);
    const what = `record ${i}`;
    count(`assessments: ${single.ok ? 'result' : 'typed error'}${recipe.edits.length ? '' : ' (no edit)'}`);
    for (const edit of recipe.edits) count(`assessments: edit ${edit.op}${'mode' in edit ? ` ${edit.mode}` : 'value' in edit && typeof edit.value === 'object' ? ` ${edit.value.v}` : ''}`);
    if (single.ok) problems.push(...resultProblems(single.result, ruleset, what), ...(built.plain ? planProblems(single.result, what) : []));
    else problems.push(...typedErrorProblems(single.error, ['assessment'], built.roots).map((p) => `${what}: ${p}`));
    const change = before && snapshotDifference(before, deepSnapshot(built.input));
    if (change) problems.push(`${what}: screen changed its input: ${change}`);
  }
  // Batches: one options object each, so one batch per ruleset; fresh inputs for every pass.
  for (const choice of ['default', 'extended', 'shapes'] as const) {
    const members = recipes.map((recipe, i) => ({ recipe, i })).filter((m) => m.recipe.ruleset === choice);
    if (members.length === 0) continue;
    const { options, ruleset } = OPTIONS_FOR[choice];
    const builtFull = members.map((m) => buildAssessment(m.recipe, ROOT_KEYS));
    const snapshots = builtFull.map((b) => (b.plain ? deepSnapshot(b.input) : undefined));
    const full = await collect(screenMany(builtFull.map((b) => b.input), options));
    const compact = await collect(screenManyCompact(members.map((m) => buildAssessment(m.recipe, ROOT_KEYS).input), options));
    for (const [name, run] of [['screenMany', full], ['screenManyCompact', compact]] as const) {
      if (run.error !== undefined) problems.push(`${choice} ${name} threw: ${String(run.error)}`);
      if (run.entries.length !== members.length || run.entries.some((e, k) => e.index !== k)) problems.push(`${choice} ${name}: ${members.length} in, indexes ${run.entries.map((e) => e.index)} out`);
    }
    full.entries.forEach((entry, k) => {
      const { i, recipe } = members[k]!;
      const built = builtFull[k]!;
      const what = `record ${i} in ${choice} batch`;
      if (entry.ok) problems.push(...resultProblems(entry.result, ruleset, what));
      else problems.push(...issueProblems(entry.issues, built.roots).map((p) => `${what}: ${p}`));
      if (compact.entries[k] && built.deterministic) problems.push(...compactProblems(compact.entries[k]!, entry, what));
      const single = singles[i]!;
      if (!built.deterministic) return;
      // Deterministic input: the batch says what screen said (contract: the same issues, the same result).
      if (entry.ok !== single.ok) problems.push(`${what}: batch ok=${entry.ok}, screen ok=${single.ok} (${recipe.edits.map((e) => e.op).join(',')})`);
      else if (entry.ok && single.ok && JSON.stringify(entry.result) !== JSON.stringify(single.result)) problems.push(`${what}: batch result differs from screen's`);
      else if (!entry.ok && !single.ok && JSON.stringify(entry.issues) !== issuesOf(single.error)) problems.push(`${what}: batch issues ${JSON.stringify(entry.issues)} differ from screen's ${issuesOf(single.error)}`);
    });
    builtFull.forEach((b, k) => {
      const change = snapshots[k] && snapshotDifference(snapshots[k]!, deepSnapshot(b.input));
      if (change) problems.push(`record ${members[k]!.i}: screenMany changed its input: ${change}`);
    });
  }
  problems.push(...prototypeChanges());
  return problems;
}

export function assessmentSuite(tier: Tier): void {
  describe(`hostile assessments (${tier.name} tier)`, () => {
    afterAll(() => printStats('assessments'));
    it(`${tier.runs.assessments} runs of ${tier.batch} records: a result or an AssessmentError with paths; input and prototypes unchanged; batches count in = count out and agree with screen`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(assessmentRecipeArb(tier.sizes), { minLength: 1, maxLength: tier.batch }), async (recipes) => expectNone(await assessmentRun(recipes))),
        params(tier, tier.runs.assessments, 1),
      );
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Class 2: options

const OPTION_ROOTS = [...OPTION_KEYS];

/** What a ruleset choice puts in the options. */
function presetOf(recipe: OptionsRecipe): Record<string, unknown> {
  if (recipe.ruleset === 'default') return { ruleset: rulesets['cn-2017-ten'] };
  if (recipe.ruleset === 'extended') return { ruleset: rulesets['cn-2019-extended'] };
  return {};
}

async function optionsRun(recipe: OptionsRecipe, dir: string): Promise<string[]> {
  const problems: string[] = [];
  const build = () => buildHostile(recipe.base, recipe.edits, OPTION_ROOTS, presetOf(recipe));
  const ruleset = recipe.ruleset === 'extended' ? rulesets['cn-2019-extended'] : rulesets['cn-2017-ten'];
  const singles: Single[] = [];
  let deterministic = true;
  for (const [i, record] of OPTION_RECORDS.entries()) {
    const built = build();
    deterministic = built.deterministic;
    const before = built.plain ? deepSnapshot(built.input) : undefined;
    const single = await screenOnce(structuredClone(record), built.input);
    singles.push(single);
    const what = `record ${i}`;
    count(`options: ${single.ok ? 'result' : `OptionsError at ${issuesOf(single.error)?.match(/"path":"([^".]*)/)?.[1] || '(root)'}`}`);
    if (single.ok) {
      problems.push(...resultProblems(single.result, ruleset, what));
      // Every override the result reports is the one given, and nothing else is reported.
      const given = built.plain ? ((built.input as { thresholds?: Record<string, Record<string, unknown>> }).thresholds ?? {}) : {};
      for (const [id, names] of Object.entries(given)) {
        for (const [name, value] of Object.entries(names ?? {})) {
          if (single.result.ruleset.thresholds[id]?.[name] !== value) problems.push(`${what}: threshold ${id}.${name} given ${String(value)}, result says ${String(single.result.ruleset.thresholds[id]?.[name])}`);
        }
      }
    } else {
      problems.push(...typedErrorProblems(single.error, ['options'], built.roots).map((p) => `${what}: ${p}`));
    }
    const change = before && snapshotDifference(before, deepSnapshot(built.input));
    if (change) problems.push(`${what}: screen changed the options: ${change}`);
  }
  const records = () => OPTION_RECORDS.map((r) => structuredClone(r));
  const full = await collect(screenMany(records(), build().input as ScreenOptions));
  const compact = await collect(screenManyCompact(records(), build().input as ScreenOptions));
  for (const [name, run] of [['screenMany', full], ['screenManyCompact', compact]] as const) {
    if (run.error !== undefined) {
      problems.push(...typedErrorProblems(run.error, ['options']).map((p) => `${name}: ${p}`));
      // Options are checked once, before any record: a batch that refuses them says what screen says for every record.
      if (run.entries.length > 0) problems.push(`${name}: rejected after ${run.entries.length} entries`);
      if (deterministic && singles.some((s) => s.ok || issuesOf(s.error) !== issuesOf(run.error))) problems.push(`${name} refused options that screen took (or with other issues): ${issuesOf(run.error)}`);
      continue;
    }
    if (run.entries.length !== OPTION_RECORDS.length || run.entries.some((e, k) => e.index !== k)) problems.push(`${name}: ${OPTION_RECORDS.length} in, ${run.entries.length} out`);
    run.entries.forEach((entry, k) => {
      const single = singles[k]!;
      if (!entry.ok) problems.push(...issueProblems(entry.issues, new Set(OPTION_ROOTS)).map((p) => `${name} record ${k}: ${p}`));
      if (!deterministic) return;
      if (entry.ok !== single.ok) problems.push(`${name} record ${k}: batch ok=${entry.ok}, screen ok=${single.ok}: ${single.ok ? '' : issuesOf(single.error)}`);
      else if (!entry.ok && !single.ok && JSON.stringify(entry.issues) !== issuesOf(single.error)) problems.push(`${name} record ${k}: issues differ from screen's`);
      else if (name === 'screenMany' && entry.ok && single.ok && JSON.stringify(entry.result) !== JSON.stringify(single.result)) problems.push(`${name} record ${k}: result differs from screen's`);
    });
  }
  // The same thresholds from a file at the command line: a usage error (2) exactly when the library refuses them.
  const built = build();
  const thresholds = built.plain ? (built.input as { thresholds?: unknown }).thresholds : undefined;
  let text: string | undefined;
  try {
    text = thresholds === undefined ? undefined : JSON.stringify(thresholds);
  } catch {
    text = undefined; // BigInt, a cycle: no JSON file can hold it
  }
  if (text !== undefined) {
    const file = join(dir, 'thresholds.json');
    writeFileSync(file, text);
    const run = await runCli(['screen', join(dir, 'records.jsonl'), '--thresholds', file, '--format', 'jsonl']);
    count(`options: CLI --thresholds exit ${run.code}`);
    problems.push(...cliProblems(run, 'screen --thresholds'));
    const library = await screenOnce(structuredClone(OPTION_RECORDS[0]), { thresholds: JSON.parse(text) });
    const expected = library.ok ? 0 : isOptionsError(library.error) ? 2 : 'a typed error';
    if (run.code !== expected) problems.push(`screen --thresholds ${text.slice(0, 100)}: exit ${run.code}, the library says ${expected}`);
  }
  problems.push(...prototypeChanges());
  return problems;
}

/** `plan --start`, `--template`: any text; exit 0 with one plan per weak-lax record when it is a date on or after assessedOn. */
async function planStartRun(start: string, template: string, dir: string): Promise<string[]> {
  const run = await runCli(['plan', join(dir, 'records.jsonl'), '--start', start, '--template', template]);
  const problems = cliProblems(run, `plan --start ${JSON.stringify(start)} --template ${template}`);
  count(`options: plan --start exit ${run.code}`);
  if (run.code === 0 || run.code === 1) problems.push(...markdownProblems(run.stdout, 'plan'));
  const valid = isDate(start) && start >= '2026-05-15' && start <= '9000-12-31' && ['intensive', 'annual'].includes(template);
  if (valid && run.code !== 0) problems.push(`plan --start ${start}: exit ${run.code}: ${run.stderr}`);
  if (!isDate(start) && run.code !== 2) problems.push(`plan --start ${JSON.stringify(start)}: exit ${run.code}, expected a usage error`);
  return problems;
}

export function optionsSuite(tier: Tier, editArb: fc.Arbitrary<Edit>): void {
  describe(`hostile options (${tier.name} tier)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wls-adversarial-options-'));
    writeFileSync(join(dir, 'records.jsonl'), OPTION_RECORDS.map((r) => JSON.stringify(r)).join('\n'));
    afterAll(() => (rmSync(dir, { recursive: true, force: true }), printStats('options')));

    it(`${tier.runs.options} runs over ${OPTION_RECORDS.length} records: a result or an OptionsError with paths; options and prototypes unchanged; batches agree with screen; the CLI agrees on --thresholds`, async () => {
      await fc.assert(fc.asyncProperty(optionsRecipeArb(editArb), async (recipe) => expectNone(await optionsRun(recipe, dir))), params(tier, tier.runs.options, 2));
    });

    it(`${Math.ceil(tier.runs.options / 4)} runs of plan --start and --template`, async () => {
      const startArb = fc.oneof(fc.constantFrom('2026-05-15', '2026-06-01', '2027-02-28', '2026-05-14', '2026-02-30', '9000-12-31', '0000-01-01'), fc.string({ maxLength: 12 }), fc.constantFrom(...(await import('./hostile-docs.js')).DATE_LIKE));
      await fc.assert(
        fc.asyncProperty(startArb, fc.constantFrom('intensive', 'annual', 'castle', ''), async (start, template) => expectNone(await planStartRun(start, template, dir))),
        params(tier, Math.ceil(tier.runs.options / 4), 3),
      );
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Class 3: the command line on hostile CSV and JSON Lines files

interface Formats {
  jsonl: { entries: Array<{ index: number; ok: boolean; orgId?: string; result?: { orgId: string; orgName: string } }> };
}

/** Runs `screen` in every output format on one file; checks each output and that they agree. */
async function screenFormatsRun(path: string, bytes: Uint8Array, expectedCount: number | undefined): Promise<{ problems: string[]; code: number | 'threw'; entries: Formats['jsonl']['entries'] }> {
  const problems: string[] = [];
  const jsonl = await runCli(['screen', path, '--format', 'jsonl']);
  problems.push(...cliProblems(jsonl, 'jsonl'));
  const hadReplacement = Buffer.from(bytes).includes(Buffer.from('\ufffd'));
  let entries: Formats['jsonl']['entries'] = [];
  if (jsonl.code === 0 || jsonl.code === 1) {
    entries = jsonl.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    if (expectedCount !== undefined && entries.length !== expectedCount) problems.push(`jsonl: ${expectedCount} records in, ${entries.length} entries out`);
    if (entries.some((e, i) => e.index !== i)) problems.push('jsonl: indexes out of order');
    if ((jsonl.code === 1) !== entries.some((e) => !e.ok)) problems.push(`jsonl: exit ${jsonl.code} with ${entries.filter((e) => !e.ok).length} invalid entries`);
    if (!hadReplacement && jsonl.stdout.includes('\ufffd')) problems.push('jsonl: bytes that are not UTF-8 became U+FFFD');
  }
  for (const [format, extra] of [['csv', []], ['table', []], ['md', []], ['md', ['--summary']]] as const) {
    const what = `${format}${extra.length ? ' --summary' : ''}`;
    const run = await runCli(['screen', path, '--format', format, ...extra]);
    problems.push(...cliProblems(run, what));
    if (run.code !== jsonl.code) problems.push(`${what}: exit ${run.code}, jsonl exit ${jsonl.code}`);
    if (run.code !== 0 && run.code !== 1) continue;
    if (format === 'csv') {
      let rows: string[][];
      try {
        rows = parseCsv(run.stdout.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
      } catch (error) {
        problems.push(`csv output is not CSV: ${String(error)}`);
        continue;
      }
      problems.push(...csvProblems(rows, 'csv'));
      if (rows.length - 1 !== entries.length) problems.push(`csv: ${entries.length} entries, ${rows.length - 1} rows`);
      entries.forEach((e, i) => {
        const row = rows[i + 1];
        // Text as UTF-8 can carry it: a lone surrogate half is written as U+FFFD.
        const id = wellFormed(e.ok ? e.result!.orgId : (e.orgId ?? ''));
        if (row && row[0] !== csvTextCell(id)) problems.push(`csv row ${i + 1}: id ${JSON.stringify(row[0])} for ${JSON.stringify(id)}`);
        if (row && e.ok && row[1] !== csvTextCell(wellFormed(e.result!.orgName))) problems.push(`csv row ${i + 1}: name ${JSON.stringify(row[1])} for ${JSON.stringify(e.result!.orgName)}`);
      });
    } else if (format === 'table') {
      problems.push(...terminalProblems(run.stdout, 'table'));
      const lines = run.stdout.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
      if (lines.length !== entries.length + 1) problems.push(`table: ${entries.length} entries, ${lines.length - 1} rows`);
    } else {
      problems.push(...markdownProblems(run.stdout, what));
      if (extra.length === 0) {
        const rows = run.stdout.split('\n').filter((l) => l.startsWith('|')).length - 2;
        if (rows !== entries.filter((e) => e.ok).length) problems.push(`md: ${entries.filter((e) => e.ok).length} screened, ${rows} table rows`);
      } else if (!run.stdout.includes(`Records: ${entries.length};`)) {
        problems.push(`md --summary: does not count ${entries.length} records`);
      }
    }
  }
  return { problems, code: jsonl.code, entries };
}

/** The text as UTF-8 carries it: each lone surrogate half becomes U+FFFD. */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** Counts a file's outcome: exit code, records screened and invalid. */
function tallyFile(kind: string, code: number | 'threw', entries: Array<{ ok: boolean }>, reading: string, bad: boolean): void {
  count(`${kind}: exit ${code}${bad ? ' (bad bytes)' : ''} (${reading})`);
  count(`${kind}: records screened`);
  stats.set(`${kind}: records screened`, (stats.get(`${kind}: records screened`) ?? 1) - 1 + entries.filter((e) => e.ok).length);
  stats.set(`${kind}: records invalid`, (stats.get(`${kind}: records invalid`) ?? 0) + entries.filter((e) => !e.ok).length);
}

/** What csv-parse (an independent RFC 4180 reader) finds: the number of records, or that it is not CSV. */
function csvRecordCount(bytes: Uint8Array): number | 'not CSV' | 'not UTF-8' {
  if (!isUtf8(bytes)) return 'not UTF-8';
  try {
    const rows = parseCsv(Buffer.from(bytes).toString('utf8').replace(/^\ufeff/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
    return Math.max(0, rows.length - 1);
  } catch {
    return 'not CSV';
  }
}

const KNOWN_COLUMNS = new Set(FIELDS.map((f) => f.path));

/** The header row of a CSV file that csv-parse reads. */
function csvHeader(bytes: Uint8Array): string[] {
  const rows = parseCsv(Buffer.from(bytes).toString('utf8').replace(/^\ufeff/, ''), { relax_column_count: true, skip_empty_lines: true, to_line: 1 }) as string[][];
  return rows[0] ?? [];
}

async function csvRun(recipe: CsvRecipe, dir: string): Promise<string[]> {
  const bytes = csvBytes(recipe);
  const path = join(dir, 'input.csv');
  writeFileSync(path, bytes);
  const records = csvRecordCount(bytes);
  const { problems, code, entries } = await screenFormatsRun(path, bytes, typeof records === 'number' ? records : undefined);
  tallyFile('csv', code, entries, typeof records === 'number' ? 'CSV' : records, recipe.bad !== undefined);
  // A file of known columns that is UTF-8 and CSV is read: each bad row is a record, never the
  // whole file. The header is taken as csv-parse reads it: a bad byte inside a column name makes
  // it a column that names no field, which is a usage error for the file (contract, Spreadsheets).
  const header = typeof records === 'number' ? csvHeader(bytes) : [];
  const plainHeader = header.length > 0 && header.every((c) => KNOWN_COLUMNS.has(c)) && new Set(header).size === header.length;
  if (typeof records === 'number' && plainHeader && code === 2) problems.push('a readable CSV file with known columns was refused as a whole (exit 2)');
  problems.push(...prototypeChanges());
  return problems;
}

async function jsonLinesRun(recipe: JsonLinesRecipe, dir: string): Promise<string[]> {
  const bytes = jsonLinesBytes(recipe);
  const path = join(dir, 'input.jsonl');
  writeFileSync(path, bytes);
  const records = jsonLinesRecordCount(bytes);
  const { problems, code, entries } = await screenFormatsRun(path, bytes, records);
  tallyFile('jsonl', code, entries, 'JSON Lines', recipe.bad !== undefined);
  // Every line of a JSON Lines file is a record (or blank): no content makes the file unreadable.
  if (code !== 0 && code !== 1) problems.push(`JSON Lines file refused as a whole (exit ${code})`);
  // plan: each record is planned, noted (not weak-lax) or reported invalid, once.
  const plan = await runCli(['plan', path]);
  problems.push(...cliProblems(plan, 'plan'));
  if (plan.code === 0 || plan.code === 1) {
    problems.push(...markdownProblems(plan.stdout, 'plan'));
    const plans = plan.stdout.split('\n').filter((l) => l.startsWith('# ')).length;
    const notes = plan.stderr.split('\n').filter(Boolean).length;
    if (plans + notes !== records) problems.push(`plan: ${records} records, ${plans} plans and ${notes} notes`);
    if (plans !== entries.filter((e) => e.ok && (e as { result?: { verdict?: string } }).result?.verdict === 'weak-lax').length) problems.push(`plan: ${plans} plans for the weak-lax records`);
  }
  // review: the same organisations a year later.
  const later = recipe.lines.map((line) => {
    if (line.l !== 'record') return lineText(line);
    const next = { ...line, record: { ...line.record, assessedOn: `${Number((line.record.assessedOn as string).slice(0, 4)) + 1}${(line.record.assessedOn as string).slice(4).replace('-02-29', '-02-28')}` } };
    return lineText(next);
  });
  const laterPath = join(dir, 'later.jsonl');
  writeFileSync(laterPath, later.join('\n'));
  for (const format of ['md', 'json']) {
    const review = await runCli(['review', path, laterPath, '--format', format]);
    problems.push(...cliProblems(review, `review ${format}`));
    if (format === 'md' && (review.code === 0 || review.code === 1)) problems.push(...markdownProblems(review.stdout, 'review md'));
  }
  problems.push(...prototypeChanges());
  return problems;
}

export function cliSuite(tier: Tier): void {
  describe(`hostile files at the command line (${tier.name} tier)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wls-adversarial-cli-'));
    afterAll(() => (rmSync(dir, { recursive: true, force: true }), printStats('csv'), printStats('jsonl')));

    it(`${tier.runs.csv} CSV files (cells, headers, quotes, BOMs, NUL, bytes that are not UTF-8, GB18030): exit 0/1/2 without a stack; count in = count out; no formula cell; no markup or control sequence`, async () => {
      await fc.assert(fc.asyncProperty(csvRecipeArb(tier.rows), async (recipe) => expectNone(await csvRun(recipe, dir))), params(tier, tier.runs.csv, 4));
    });

    it(`${tier.runs.jsonLines} JSON Lines files (records with hostile text, broken and deep JSON, blank and spacing lines, huge lines, bad bytes): count in = count out in every format, plan and review`, async () => {
      await fc.assert(fc.asyncProperty(jsonLinesRecipeArb(tier.rows, tier.sizes), async (recipe) => expectNone(await jsonLinesRun(recipe, dir))), params(tier, tier.runs.jsonLines, 5));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Class 4: rule files

/** Every object reachable from a loaded ruleset must be frozen (it is shared by every screening). */
function unfrozen(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (!Object.isFrozen(v)) return path || '(root)';
    for (const [k, child] of Object.entries(v)) stack.push([child, `${path}.${k}`]);
  }
  return undefined;
}

/** A loaded ruleset screens like any other: screen, screenMany and screenManyCompact agree on every record. */
async function loadedRulesetProblems(ruleset: Ruleset, records: Record<string, unknown>[]): Promise<string[]> {
  const problems: string[] = [];
  const where = unfrozen(ruleset);
  if (where) problems.push(`loaded ruleset not frozen at ${where}`);
  const options = { ruleset };
  const singles: Single[] = [];
  for (const record of records) singles.push(await screenOnce(record, options));
  const full = await collect(screenMany(records, options));
  const compact = await collect(screenManyCompact(records, options));
  if (full.error || compact.error) problems.push(`batch threw: ${String(full.error ?? compact.error)}`);
  singles.forEach((single, k) => {
    const entry = full.entries[k];
    if (single.ok) problems.push(...resultProblems(single.result, ruleset, `record ${k}`), ...planProblems(single.result, `record ${k}`));
    else problems.push(...typedErrorProblems(single.error, ['assessment']).map((p) => `record ${k}: ${p}`));
    if (!entry) return;
    if (entry.ok !== single.ok) problems.push(`record ${k}: screenMany ok=${entry.ok}, screen ok=${single.ok}`);
    else if (entry.ok && single.ok && JSON.stringify(entry.result) !== JSON.stringify(single.result)) {
      problems.push(`record ${k}: the compiled evaluator and json-rules-engine disagree: ${firstDifference(entry.result, single.result)}`);
    }
    if (compact.entries[k]) problems.push(...compactProblems(compact.entries[k]!, entry, `record ${k}`));
  });
  return problems;
}

function firstDifference(a: ScreeningResult, b: ScreeningResult): string {
  for (const [i, c] of a.criteria.entries()) {
    const d = b.criteria[i]!;
    if (JSON.stringify(c) !== JSON.stringify(d)) return `${c.id}: compiled ${JSON.stringify({ outcome: c.outcome, near: c.near, evidence: c.evidence.map((e) => [e.actual, e.threshold, e.met]) })}, reference ${JSON.stringify({ outcome: d.outcome, near: d.near, evidence: d.evidence.map((e) => [e.actual, e.threshold, e.met]) })}`;
  }
  return 'outside the criteria';
}

/** The sibling base a recipe may extend, as objects. */
const province = loadRuleset({ ruleset: { id: 'province', version: '1', extends: 'cn-2017-ten', criteria: [] }, criteria: [] });


async function ruleObjectsRun(recipe: RulesetRecipe, miss: NearMiss | undefined, edits: Edit[], records: Record<string, unknown>[]): Promise<string[]> {
  const problems: string[] = [];
  const files = rulesetFiles(recipe);
  if (miss) applyNearMiss(files, miss);
  // Edits of the assessment kind (getters, proxies, cycles, __proto__ keys, locks) anywhere in
  // what is handed over: the container, ruleset.json, the list, a criterion, deep in a tree.
  const bases = recipe.extendsChoice === 'sibling' ? [province] : [];
  const hostile = buildHostile({ ruleset: files.ruleset, criteria: files.criteria }, edits, [], { bases }, true);
  const objects = hostile.input as RulesetObjects;
  const before = hostile.plain ? deepSnapshot(objects) : undefined;
  let ruleset: Ruleset | undefined;
  try {
    ruleset = loadRuleset(objects);
    count(`rules objects: loaded${miss ? ` despite near miss ${miss.miss}` : ''}`);
  } catch (error) {
    count(`rules objects: refused ${miss ? `(near miss ${miss.miss})` : edits.length ? '(edits)' : '(accepted shape!)'}`);
    if (!miss && !edits.length) count(`rules objects: shape refused: ${String((error as Error).message).slice(0, 90)}`);
    problems.push(...typedErrorProblems(error, ['ruleset']));
  }
  const change = before && snapshotDifference(before, deepSnapshot(objects));
  if (change) problems.push(`loadRuleset changed the objects it was given: ${change}`);
  if (ruleset) problems.push(...(await loadedRulesetProblems(ruleset, records)));
  problems.push(...prototypeChanges());
  return problems;
}

async function ruleFolderRun(recipe: RulesetRecipe, miss: NearMiss | undefined, trick: FolderTrick, records: Record<string, unknown>[]): Promise<string[]> {
  const problems: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wls-adversarial-rules-'));
  try {
    const files = rulesetFiles(recipe);
    if (miss) applyNearMiss(files, miss);
    const folder = writeRulesetFolder(dir, files, trick);
    let ruleset: Ruleset | undefined;
    try {
      ruleset = loadRuleset(folder);
      count(`rules folders: loaded (trick ${trick.trick}${miss ? `, near miss ${miss.miss}` : ''})`);
    } catch (error) {
      count(`rules folders: refused (trick ${trick.trick}${miss ? `, near miss ${miss.miss}` : ''})`);
      problems.push(...typedErrorProblems(error, ['ruleset']));
      if (String((error as Error).message).includes(SECRET)) problems.push(`an error quotes a file outside the folder: ${(error as Error).message}`);
    }
    if (ruleset) {
      const text = JSON.stringify(ruleset);
      if (text.includes(SECRET)) problems.push('a loaded ruleset holds text from outside its folder');
      if (text.includes('\ufffd') && !['ruleset.json', ...files.criteria.map((c) => `${String(c.id)}.json`)].some((f) => safeRead(join(folder, f)).includes('\ufffd'))) {
        problems.push('bytes that are not UTF-8 in a rule file became U+FFFD');
      }
      problems.push(...(await loadedRulesetProblems(ruleset, records)));
    }
    // The command line on the same folder.
    const recordsPath = join(dir, 'records.jsonl');
    writeFileSync(recordsPath, records.map((r) => JSON.stringify(r)).join('\n'));
    for (const [what, argv] of [
      ['rules md', ['rules', '--ruleset', folder, '--format', 'md']],
      ['rules table', ['rules', '--ruleset', folder]],
      ['screen --summary md', ['screen', recordsPath, '--ruleset', folder, '--summary', '--format', 'md']],
    ] as const) {
      const run = await runCli([...argv]);
      problems.push(...cliProblems(run, what));
      if (run.stdout.includes(SECRET) || run.stderr.includes(SECRET)) problems.push(`${what}: prints a file outside the folder`);
      if (ruleset === undefined && run.code !== 2) problems.push(`${what}: a ruleset loadRuleset refuses gives exit ${run.code}`);
      if (ruleset !== undefined && run.code === 2) problems.push(`${what}: a ruleset loadRuleset takes gives exit 2: ${run.stderr}`);
      if (run.code === 0 || run.code === 1) problems.push(...(what === 'rules table' ? terminalProblems(run.stdout, what) : markdownProblems(run.stdout, what)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  problems.push(...prototypeChanges());
  return problems;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const recordsArb = fc.array(fc.oneof(assessmentArb, shapesAssessmentArb), { minLength: 1, maxLength: 3 });

export function ruleFileSuite(tier: Tier, editArb: fc.Arbitrary<Edit>): void {
  describe(`hostile rule files (${tier.name} tier)`, () => {
    afterAll(() => printStats('rules'));
    it(`${tier.runs.ruleObjects} rulesets as objects (every accepted shape, near misses, getters and proxies): a frozen ruleset that screens alike on both evaluators, or a RulesetError with file and field`, async () => {
      await fc.assert(
        fc.asyncProperty(
          rulesetRecipeArb(),
          fc.option(nearMissArb(20_000), { nil: undefined, freq: 2 }),
          fc.oneof({ weight: 4, arbitrary: fc.constant([] as Edit[]) }, { weight: 1, arbitrary: fc.array(editArb, { minLength: 1, maxLength: 2 }) }),
          recordsArb,
          async (recipe, miss, edits, records) => expectNone(await ruleObjectsRun(recipe, miss, edits, records)),
        ),
        params(tier, tier.runs.ruleObjects, 6),
      );
    });

    it(`${tier.runs.ruleFolders} ruleset folders (links out, bytes that are not UTF-8, broken JSON, big files, extends out of the folder): the same, never quoting a file outside; the CLI agrees`, async () => {
      await fc.assert(
        // A folder's files are written with JSON.stringify, which stops near 2,000 levels; over 64 KB they are refused by size anyway.
        fc.asyncProperty(rulesetRecipeArb(), fc.option(nearMissArb(1_000), { nil: undefined, freq: 2 }), folderTrickArb(), recordsArb, async (recipe, miss, trick, records) =>
          expectNone(await ruleFolderRun(recipe, miss, trick, records)),
        ),
        params(tier, tier.runs.ruleFolders, 7),
      );
    });
  });
}
