/**
 * The `weak-lax-screener` command. It only calls the library's public API.
 *
 * Exit codes: 0 every record screened; 1 some records invalid (each still reported);
 * 2 usage error or unreadable input.
 */
import { once } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  assessmentJsonSchema,
  defaultRuleset,
  isScreenerError,
  loadRuleset,
  screenManyCompact,
  type PlanTemplate,
  type Ruleset,
  type ScreeningSummary,
  type ScreenOptions,
} from '../node.js';
import { planCommand, resolveResults, reviewCommand } from './plan-review.js';
import { readChunks, readRecords, UsageError, type InputFormat } from './input.js';
import { FORMATS, OUTPUT_FORMATS, type Format } from './format.js';
import { runChunks, screenChunk, WorkerPool, workerCount, type ChunkInput } from './chunks.js';
import { mergeSummaries, renderSummary } from './summary.js';
import { startProgress } from './progress.js';

const USAGE = `Usage: weak-lax-screener <command> [options]

Commands
  screen FILE|-     screen assessments (JSON, JSON Lines or CSV with dotted column names)
  plan FILE|-       rectification plans for the weak-lax organisations among assessments or results
  review BEFORE AFTER
                    compare follow-up assessments (or results) with earlier ones, by org id
  schema            print the assessment JSON Schema (2020-12)
  rules             list the criteria, thresholds and warning lines of the ruleset

Options
  --format F        screen: table (default), json, jsonl, csv, md
                    plan: md (default) or json; review: md (default) or json; rules: table, json, md
  --input-format F  json, jsonl or csv (default: from the file name; guessed on stdin)
  --ruleset DIR     a ruleset folder (ruleset.json + one JSON file per criterion)
  --thresholds FILE JSON threshold overrides, e.g. {"C01": {"secretaryVacantMonths": 6}}
  --at-risk-score N score from which a result is at-risk (default 5)
  --locale L        language of error messages: en (default) or zh-CN
  --summary         screen: counts by verdict, criterion, county and township instead of rows
  --workers N       screen: worker threads (default: all cores for inputs of 8 MB or more, else 0)
  --start DATE      plan: start date (default: the day after assessedOn)
  --template T      plan: intensive (default, seed plan 1) or annual (seed plan 2)
  --lang L          plan: zh (default) or en
  -h, --help        this help

Exit codes: 0 all screened, 1 some records invalid, 2 usage error or unreadable input.
`;

/** Writes to stdout in large chunks, waiting when the pipe is full. */
class Output {
  private buffer = '';
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buffer) return;
    const ok = process.stdout.write(this.buffer);
    this.buffer = '';
    if (!ok) await once(process.stdout, 'drain');
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'input-format': { type: 'string' },
        ruleset: { type: 'string' },
        thresholds: { type: 'string' },
        'at-risk-score': { type: 'string' },
        locale: { type: 'string' },
        summary: { type: 'boolean' },
        workers: { type: 'string' },
        start: { type: 'string' },
        template: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

type Values = ReturnType<typeof parse>['values'];

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function loadOptions(values: Values): { options: ScreenOptions; ruleset: Ruleset } {
  const ruleset = values.ruleset ? loadRuleset(values.ruleset) : defaultRuleset;
  const options: ScreenOptions = { ruleset };
  if (values.thresholds) {
    let text: string;
    try {
      text = readFileSync(values.thresholds, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${values.thresholds}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      options.thresholds = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${values.thresholds} is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (values['at-risk-score'] !== undefined) {
    const score = Number(values['at-risk-score']);
    if (values['at-risk-score'].trim() === '' || !Number.isFinite(score)) throw new UsageError('--at-risk-score must be a number');
    options.atRiskScore = score;
  }
  options.locale = oneOf('locale', values.locale, ['en', 'zh-CN'] as const, 'en');
  return { options, ruleset };
}

/** Options loaded and validated before any input is read: a bad threshold is a usage error. */
async function checkedOptions(values: Values): Promise<{ options: ScreenOptions; ruleset: Ruleset }> {
  const loaded = loadOptions(values);
  try {
    // A batch checks its options before its first record; an empty one checks only them.
    for await (const _ of screenManyCompact([], loaded.options));
  } catch (error) {
    if (isScreenerError(error) && error.code === 'ERR_OPTIONS') throw new UsageError(error.message);
    throw error;
  }
  return loaded;
}

/** Records per chunk: large enough to amortise a message between threads, small enough to stream. */
const CHUNK_SIZE = 2000;
/** Inputs from this size on are screened by worker threads unless --workers says otherwise. */
const LARGE_INPUT_BYTES = 8 * 1024 * 1024;

function workersOption(values: Values): number | undefined {
  if (values.workers === undefined) return undefined;
  const n = Number(values.workers);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError('--workers must be a whole number from 0 to 64');
  return n;
}

function isLargeFile(path: string): boolean {
  if (path === '-') return false;
  try {
    return statSync(path).size >= LARGE_INPUT_BYTES;
  } catch {
    return false; // reading it will report the problem
  }
}

async function commandScreen(positionals: string[], values: Values): Promise<number> {
  const path = positionals[0];
  if (!path || positionals.length > 1) throw new UsageError('screen takes one FILE or - for standard input');
  const format = oneOf<Format>('format', values.format, FORMATS, 'table');
  if (values.summary && format === 'csv') throw new UsageError('--summary writes table, json or md');
  const inputFormat = inputFormatOf(values);
  const { options, ruleset } = await checkedOptions(values);
  const workers = workerCount(workersOption(values), isLargeFile(path));
  const withSummary = Boolean(values.summary);
  const pool =
    workers > 0
      ? new WorkerPool(
          new URL(import.meta.url),
          {
            ...(values.ruleset ? { rulesetDir: resolve(values.ruleset) } : {}),
            options: withoutRuleset(options),
            format,
            summary: withSummary,
          },
          workers,
        )
      : undefined;
  const screenOne = pool
    ? (input: ChunkInput, firstIndex: number) => pool.run(input, firstIndex)
    : (input: ChunkInput, firstIndex: number) => screenChunk(input, firstIndex, options, format, withSummary);
  const output = OUTPUT_FORMATS[format];
  const out = new Output();
  const progress = startProgress();
  const notes: string[] = [];
  let entries = 0;
  let invalid = 0;
  let summary: ScreeningSummary | undefined;
  let body = false;
  if (!withSummary) await out.write(output.head);
  try {
    await runChunks(readChunks(path, inputFormat, ruleset.extraFacts, CHUNK_SIZE), screenOne, pool ? workers * 2 : 1, async (chunk) => {
      entries += chunk.entries;
      invalid += chunk.invalid;
      progress.tick(chunk.entries);
      if (withSummary) {
        summary = mergeSummaries(summary, chunk.summary!);
        return;
      }
      notes.push(...chunk.notes);
      if (chunk.text) {
        await out.write(body ? output.separator + chunk.text : chunk.text);
        body = true;
      }
    });
  } finally {
    await pool?.close();
  }
  if (withSummary) await out.write(renderSummary(summary ?? emptySummary(), format));
  else await out.write(output.tail(notes, entries));
  await out.flush();
  progress.stop(invalid);
  return invalid > 0 ? 1 : 0;
}

/** The options a worker can receive: a ruleset cannot cross threads (it is rebuilt there). */
function withoutRuleset({ ruleset: _ruleset, ...rest }: ScreenOptions): Omit<ScreenOptions, 'ruleset'> {
  return rest;
}

function emptySummary(): ScreeningSummary {
  const byVerdict = { 'weak-lax': 0, 'at-risk': 0, sound: 0, undetermined: 0 };
  return { total: 0, invalid: 0, byVerdict, byCriterion: [], byRegion: { county: [], township: [] } };
}

function inputFormatOf(values: Values): InputFormat | undefined {
  return values['input-format'] === undefined ? undefined : oneOf<InputFormat>('input-format', values['input-format'], ['json', 'jsonl', 'csv'], 'json');
}

async function commandPlan(positionals: string[], values: Values): Promise<number> {
  const path = positionals[0];
  if (!path || positionals.length > 1) throw new UsageError('plan takes one FILE or - for standard input');
  const { options, ruleset } = await checkedOptions(values);
  const template = oneOf<PlanTemplate>('template', values.template, ['intensive', 'annual'], 'intensive');
  if (values.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.start)) throw new UsageError('--start must be a date YYYY-MM-DD');
  const out = new Output();
  const invalid = await planCommand(
    resolveResults(readRecords(path, inputFormatOf(values), ruleset.extraFacts), options),
    {
      template,
      lang: oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh'),
      format: oneOf('format', values.format, ['md', 'json'] as const, 'md'),
      ...(values.start !== undefined ? { start: values.start } : {}),
    },
    (text) => out.write(text),
  );
  await out.flush();
  return invalid > 0 ? 1 : 0;
}

async function commandReview(positionals: string[], values: Values): Promise<number> {
  if (positionals.length !== 2 || positionals.includes('-') && positionals[0] === positionals[1]) {
    throw new UsageError('review takes two files: BEFORE AFTER');
  }
  const { options, ruleset } = await checkedOptions(values);
  const read = (path: string) => resolveResults(readRecords(path, inputFormatOf(values), ruleset.extraFacts), options);
  const out = new Output();
  const invalid = await reviewCommand(read(positionals[0]!), read(positionals[1]!), oneOf('format', values.format, ['md', 'json'] as const, 'md'), (text) => out.write(text));
  await out.flush();
  return invalid > 0 ? 1 : 0;
}

async function commandRules(values: Values): Promise<number> {
  const { ruleset } = loadOptions(values);
  const format = oneOf('format', values.format, ['table', 'json', 'md'] as const, 'table');
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(ruleset, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  if (format === 'md') lines.push(`# ${ruleset.id} ${ruleset.version}`, '', '| id | 情形 | criterion | threshold | default | warning line | source |', '| --- | --- | --- | --- | ---: | ---: | --- |');
  else lines.push(`${ruleset.id} ${ruleset.version}`);
  for (const c of ruleset.criteria) {
    const thresholds = Object.entries(c.thresholds);
    if (format === 'md') {
      const rows = thresholds.length ? thresholds : [['—', undefined] as const];
      for (const [name, spec] of rows) {
        lines.push(`| ${c.id} | ${c.title.zh} | ${c.title.en} | ${name} | ${spec?.default ?? ''} | ${spec?.warningLine ?? ''} | ${(spec?.source ?? c.sources.join('; ')).replace(/\|/g, '\\|')} |`);
      }
    } else {
      lines.push(`${c.id} ${c.title.zh} | ${c.title.en}`);
      for (const [name, spec] of thresholds) {
        lines.push(`    ${name}: ${spec.direction === 'up' ? '≥' : '<'} ${spec.default}${spec.warningLine !== undefined ? ` (warning line ${spec.warningLine})` : ''} — ${spec.source}`);
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      (values.help ? process.stdout : process.stderr).write(USAGE);
      return values.help ? 0 : 2;
    }
    switch (command) {
      case 'screen':
        return await commandScreen(rest, values);
      case 'schema':
        process.stdout.write(`${JSON.stringify(assessmentJsonSchema, null, 2)}\n`);
        return 0;
      case 'rules':
        return await commandRules(values);
      case 'plan':
        return await commandPlan(rest, values);
      case 'review':
        return await commandReview(rest, values);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (isScreenerError(error) && error.code !== 'ERR_ASSESSMENT')) {
      process.stderr.write(`weak-lax-screener: ${(error as Error).message}\n`);
      if (error instanceof UsageError) process.stderr.write('Run with --help for usage.\n');
      return 2;
    }
    throw error;
  }
}
