/**
 * The `weak-lax-screener` command. It only calls the library's public API (and shares the
 * library's text sanitisers, `internals/text.ts`).
 *
 * Exit codes: 0 every record screened; 1 some records invalid (each still reported);
 * 2 usage error or unreadable input. What the command does with each kind of bad input is
 * listed in docs/cli.md; its messages are in `messages.ts`.
 */
import { createWriteStream, openSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { CASE_OPTIONS, caseCommand } from './case-command.js';
import {
  assessmentJsonSchema,
  defaultRuleset,
  isScreenerError,
  loadRuleset,
  mergeSummaries,
  screenManyCompact,
  type PlanTemplate,
  type Ruleset,
  type ScreeningSummary,
  type ScreenOptions,
} from '../node.js';
import { terminalText } from '../internals/text.js';
import { planCommand, resolveResults, reviewCommand } from './plan-review.js';
import { isDate } from './results.js';
import { CHUNK_SIZE, parseJsonDocument, readChunks, readRecords, type ChunkSize, type InputFormat, type ReadOptions } from './input.js';
import { OutputClosed, UsageError } from './errors.js';
import { FORMATS, mdCell, OUTPUT_FORMATS, type Format } from './format.js';
import { runChunks, screenChunk, WorkerPool, workerCount, type ScreenFormat } from './chunks.js';
import { encodingOption } from './decode.js';
import type { ChunkInput } from './items.js';
import { LOCALE, MESSAGES, localeFrom, useLocale } from './messages.js';
import { templateCsv, writeTemplate } from './template.js';
import { ResultsWorkbook } from './xlsx-write.js';
import { Output } from './output.js';
import { renderSummary } from './summary.js';
import { startProgress } from './progress.js';

/** The version of the package this command belongs to (from its package.json). */
function packageVersion(): string {
  // dist/cli.js and src/cli/index.ts sit one and two folders below package.json.
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'weak-lax-screener' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: try the next folder up
    }
  }
  return 'unknown';
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        // The case commands' own flags (--as-of, --org, --item, …), then the rest.
        ...CASE_OPTIONS,
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
        encoding: { type: 'string' },
        sheet: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'no-bom': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error as Error & { code?: string }));
  }
}

/** Node's parseArgs errors in the run's language. */
function parseArgsMessage(error: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(error.message)?.[1]?.split(' ')[0]?.replace(/,$/, '') ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return MESSAGES.unknownOption(option);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(error.message) ? MESSAGES.optionNeedsValue(option) : MESSAGES.optionTakesNoValue(/--[\w-]+/.exec(error.message)?.[0] ?? option);
  }
  return error.message;
}

type Values = ReturnType<typeof parse>['values'];

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(MESSAGES.oneOf(name, allowed));
  return value as T;
}

function loadOptions(values: Values): { options: ScreenOptions; ruleset: Ruleset } {
  const ruleset = values.ruleset ? loadRuleset(values.ruleset, { locale: LOCALE }) : defaultRuleset;
  const options: ScreenOptions = { ruleset };
  if (values.thresholds) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(values.thresholds);
    } catch (error) {
      throw new UsageError(MESSAGES.cannotRead(values.thresholds, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
    }
    options.thresholds = parseJsonDocument(bytes, values.thresholds) as ScreenOptions['thresholds'];
  }
  if (values['at-risk-score'] !== undefined) {
    const score = Number(values['at-risk-score']);
    if (values['at-risk-score'].trim() === '' || !Number.isFinite(score)) throw new UsageError(MESSAGES.atRiskScore);
    options.atRiskScore = score;
  }
  options.locale = oneOf('locale', values.locale, ['en', 'zh-CN'] as const, LOCALE);
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

/** Inputs from this size on are screened by worker threads unless --workers says otherwise. */
const LARGE_INPUT_BYTES = 8 * 1024 * 1024;

/** `--workers N`: digits only (not `''`, `0x2`, `1e1`, ` 2` or `2.0`), 0 to 64. */
export function workersOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,3}$/.test(value) || Number(value) > 64) throw new UsageError(MESSAGES.workers);
  return Number(value);
}

function isLargeFile(path: string): boolean {
  if (path === '-') return false;
  try {
    return statSync(path).size >= LARGE_INPUT_BYTES;
  } catch {
    return false; // reading it will report the problem
  }
}

/** Settings a test may change: how input is cut into chunks, rows per sheet of a workbook. */
export interface Tuning {
  chunkSize?: ChunkSize;
  maxSheetRows?: number;
}

/** How spreadsheet input is read, from `--encoding`, `--sheet` and the run's language. */
function readOptionsOf(values: Values): ReadOptions {
  const messages = MESSAGES;
  const encoding = encodingOption(values.encoding, messages);
  return { messages, ...(encoding ? { encoding } : {}), ...(values.sheet !== undefined ? { sheet: values.sheet } : {}) };
}

/** The stream a workbook goes to: `--output FILE`, or standard output when it is not a terminal. */
function workbookStream(values: Values, out: Output): NodeJS.WritableStream {
  if (values.output === undefined && process.stdout.isTTY) throw new UsageError(MESSAGES.workbookToTerminal);
  return out.stream;
}

/**
 * Writes a workbook made by `write` to `destination` through a pass-through stream (exceljs
 * ends the stream it is given, which standard output must not be) and waits until it is out.
 */
async function writeBinary(destination: NodeJS.WritableStream, write: (stream: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const sink = new PassThrough();
  sink.pipe(destination, { end: false });
  await write(sink);
  await finished(sink);
}

const BOM = '\uFEFF';

async function commandScreen(positionals: string[], values: Values, out: Output, tuning: Tuning): Promise<number> {
  const path = positionals[0];
  if (!path || positionals.length > 1) throw new UsageError(MESSAGES.screenArguments);
  const format = oneOf<ScreenFormat>('format', values.format, [...FORMATS, 'xlsx'], 'table');
  if (values.summary && (format === 'csv' || format === 'xlsx')) throw new UsageError(MESSAGES.summaryFormat);
  const inputFormat = inputFormatOf(values);
  const read = readOptionsOf(values);
  const requestedWorkers = workersOption(values.workers);
  const { options, ruleset } = await checkedOptions(values);
  const destination = format === 'xlsx' ? workbookStream(values, out) : undefined;
  // A workbook is written by this thread, which is then the slowest step: screening threads
  // would only compete with it for the cores (bench/RESULTS.md), so it screens here unless told.
  const workers = format === 'xlsx' && requestedWorkers === undefined ? 0 : workerCount(requestedWorkers, isLargeFile(path));
  const withSummary = Boolean(values.summary);
  // Threads start as chunks need them (see WorkerPool), so a small input starts few.
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
  const window = pool ? workers * 2 : 1;
  const chunks = () => readChunks(path, inputFormat, ruleset.extraFacts, tuning.chunkSize ?? CHUNK_SIZE, read);
  const progress = startProgress();
  if (destination) {
    // A workbook: rows go to the results sheet as chunks arrive; counts are merged for the summary sheet.
    let invalid = 0;
    let merged: ScreeningSummary | undefined;
    let workbook: ResultsWorkbook | undefined;
    const sink = new PassThrough();
    try {
      await runChunks(chunks(), screenOne, window, async (chunk) => {
        if (!workbook) {
          sink.pipe(destination, { end: false });
          workbook = await ResultsWorkbook.open(sink, tuning.maxSheetRows);
        }
        invalid += chunk.invalid;
        progress.tick(chunk.entries);
        merged = merged ? mergeSummaries(merged, chunk.summary!) : chunk.summary!;
        await workbook.add(chunk.sheet!);
      });
      if (!workbook) {
        sink.pipe(destination, { end: false });
        workbook = await ResultsWorkbook.open(sink, tuning.maxSheetRows);
      }
      await workbook.finish(merged ?? mergeSummaries());
      await finished(sink);
    } catch (error) {
      workbook?.discard();
      throw error;
    } finally {
      await pool?.close();
    }
    progress.stop(invalid);
    return invalid > 0 ? 1 : 0;
  }
  const output = OUTPUT_FORMATS[format as Format];
  const notes: string[] = [];
  let entries = 0;
  let invalid = 0;
  const summaries: ScreeningSummary[] = [];
  let body = false;
  // The head is written with the first chunk, so input refused as a whole leaves stdout empty.
  let headWritten = withSummary;
  const head = async () => {
    if (!headWritten) await out.write(format === 'csv' && !values['no-bom'] ? BOM + output.head : output.head);
    headWritten = true;
  };
  try {
    await runChunks(chunks(), screenOne, window, async (chunk) => {
      entries += chunk.entries;
      invalid += chunk.invalid;
      progress.tick(chunk.entries);
      if (withSummary) {
        summaries.push(chunk.summary!);
        return;
      }
      await head();
      notes.push(...chunk.notes);
      if (chunk.text) {
        await out.write(body ? output.separator + chunk.text : chunk.text);
        body = true;
      }
    });
  } finally {
    await pool?.close();
  }
  await head();
  if (withSummary) await out.write(renderSummary(mergeSummaries(...summaries), format));
  else await out.write(output.tail(notes, entries));
  progress.stop(invalid);
  return invalid > 0 ? 1 : 0;
}

async function commandTemplate(positionals: string[], values: Values, out: Output): Promise<number> {
  if (positionals.length > 0) throw new UsageError(MESSAGES.templateArguments);
  const format = oneOf('format', values.format, ['xlsx', 'csv'] as const, 'xlsx');
  const { ruleset } = loadOptions(values);
  if (format === 'csv') {
    await out.write(templateCsv(ruleset));
    return 0;
  }
  await writeBinary(workbookStream(values, out), (stream) => writeTemplate(stream, ruleset));
  return 0;
}

/** The options a worker can receive: a ruleset cannot cross threads (it is rebuilt there). */
function withoutRuleset({ ruleset: _ruleset, ...rest }: ScreenOptions): Omit<ScreenOptions, 'ruleset'> {
  return rest;
}

function inputFormatOf(values: Values): InputFormat | undefined {
  return values['input-format'] === undefined ? undefined : oneOf<InputFormat>('input-format', values['input-format'], ['json', 'jsonl', 'csv', 'xlsx'], 'json');
}

async function commandPlan(positionals: string[], values: Values, out: Output): Promise<number> {
  const path = positionals[0];
  if (!path || positionals.length > 1) throw new UsageError(MESSAGES.planArguments);
  const { options, ruleset } = await checkedOptions(values);
  const template = oneOf<PlanTemplate>('template', values.template, ['intensive', 'annual'], 'intensive');
  if (values.start !== undefined && !isDate(values.start)) throw new UsageError(MESSAGES.startDate);
  const invalid = await planCommand(
    resolveResults(readRecords(path, inputFormatOf(values), ruleset.extraFacts, CHUNK_SIZE, readOptionsOf(values)), options),
    {
      template,
      locale: LOCALE,
      lang: oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh'),
      format: oneOf('format', values.format, ['md', 'json'] as const, 'md'),
      ...(values.start !== undefined ? { start: values.start } : {}),
    },
    (text) => out.write(text),
  );
  return invalid > 0 ? 1 : 0;
}

async function commandReview(positionals: string[], values: Values, out: Output): Promise<number> {
  if (positionals.length !== 2 || (positionals.includes('-') && positionals[0] === positionals[1])) {
    throw new UsageError(MESSAGES.reviewArguments);
  }
  const { options, ruleset } = await checkedOptions(values);
  const format = oneOf('format', values.format, ['md', 'json'] as const, 'md');
  const read = (path: string) => resolveResults(readRecords(path, inputFormatOf(values), ruleset.extraFacts, CHUNK_SIZE, readOptionsOf(values)), options);
  const invalid = await reviewCommand(read(positionals[0]!), read(positionals[1]!), format, (text) => out.write(text), LOCALE);
  return invalid > 0 ? 1 : 0;
}

const COMPARISON_SYMBOLS: Readonly<Record<string, string>> = { greaterThan: '>', greaterThanInclusive: '≥', lessThan: '<', lessThanInclusive: '≤' };

async function commandRules(values: Values, out: Output): Promise<number> {
  const { ruleset } = loadOptions(values);
  const format = oneOf('format', values.format, ['table', 'json', 'md'] as const, 'table');
  if (format === 'json') {
    await out.write(`${JSON.stringify(ruleset, null, 2)}\n`);
    return 0;
  }
  // A ruleset folder is data written elsewhere: every text is made safe for its output.
  const md = (value: string | number | undefined) => mdCell(value === undefined ? '' : String(value));
  const tx = (value: string | number | undefined) => terminalText(value === undefined ? '' : String(value));
  const lines: string[] = [];
  if (format === 'md') lines.push(`# ${md(ruleset.id)} ${md(ruleset.version)}`, '', '| id | 情形 | criterion | threshold | default | warning line | source |', '| --- | --- | --- | --- | ---: | ---: | --- |');
  else lines.push(`${tx(ruleset.id)} ${tx(ruleset.version)}`);
  for (const c of ruleset.criteria) {
    const thresholds = Object.entries(c.thresholds);
    // The comparison as the rule makes it: "more than 3" (>) is not "at least 3" (≥).
    const symbol = (name: string) => {
      const leaf = c.leaves.find((l) => l.value.kind === 'threshold' && l.value.name === name);
      return leaf ? COMPARISON_SYMBOLS[leaf.operator] ?? leaf.operator : '';
    };
    if (format === 'md') {
      const rows = thresholds.length ? thresholds : [['—', undefined] as const];
      for (const [name, spec] of rows) {
        const cells = [c.id, c.title.zh, c.title.en, name, spec ? `${symbol(name)} ${spec.default}` : '', spec?.warningLine === undefined ? '' : `${symbol(name)} ${spec.warningLine}`, spec?.source ?? c.sources.join('; ')];
        lines.push(`| ${cells.map(md).join(' | ')} |`);
      }
    } else {
      lines.push(`${tx(c.id)} ${tx(c.title.zh)} | ${tx(c.title.en)}`);
      for (const [name, spec] of thresholds) {
        lines.push(`    ${tx(name)}: ${symbol(name)} ${spec.default}${spec.warningLine !== undefined ? MESSAGES.warningLine(`${symbol(name)} ${spec.warningLine}`) : ''} — ${tx(spec.source)}`);
      }
    }
  }
  await out.write(`${lines.join('\n')}\n`);
  return 0;
}

async function run(argv: string[], out: Output, tuning: Tuning): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.version) {
    await out.write(`${packageVersion()}\n`);
    return 0;
  }
  if (values.help || !command) {
    if (values.help) await out.write(MESSAGES.usage);
    else process.stderr.write(MESSAGES.usage);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case 'screen':
      return await commandScreen(rest, values, out, tuning);
    case 'template':
      return await commandTemplate(rest, values, out);
    case 'schema':
      await out.write(`${JSON.stringify(assessmentJsonSchema, null, 2)}\n`);
      return 0;
    case 'rules':
      return await commandRules(values, out);
    case 'plan':
      return await commandPlan(rest, values, out);
    case 'review':
      return await commandReview(rest, values, out);
    case 'case':
      return await caseCommand(
        rest,
        values,
        (text) => out.write(text),
        undefined,
        (write) => writeBinary(workbookStream(values, out), write),
      );
    default:
      throw new UsageError(MESSAGES.unknownCommand(command));
  }
}

/** `--output FILE` opened for writing (a usage error when it cannot be), or `undefined` for standard output. */
function outputTarget(argv: string[]): (NodeJS.WritableStream & { end(cb: () => void): void }) | undefined {
  const path = parse(argv).values.output;
  if (path === undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new UsageError(MESSAGES.cannotWriteFile(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
  }
  return createWriteStream(path, { fd });
}

/** A message for stderr: each line made safe for a terminal. */
function stderrText(message: string): string {
  return message.split('\n').map(terminalText).join('\n');
}

/**
 * Runs the command line; resolves to the exit code. A usage error or unreadable input is
 * a one-line message and exit code 2; a reader closing standard output early ends the run
 * quietly with 0; only a bug rejects (and `bin.ts` prints it as an internal error).
 */
export async function main(argv: string[], tuning: Tuning = {}): Promise<number> {
  // The language of every message of this run: --locale, else LC_ALL, LC_MESSAGES, LANG.
  useLocale(localeFrom(argv, process.env));
  let out = new Output();
  try {
    const target = outputTarget(argv);
    if (target !== undefined) {
      out.release();
      out = new Output(target);
    }
    const code = await run(argv, out, tuning);
    await out.flush();
    if (target !== undefined) await new Promise<void>((resolve) => target.end(resolve));
    return code;
  } catch (error) {
    if (error instanceof OutputClosed || out.closed) return 0;
    // What was made before the failure (plans, rows) is still written.
    await out.flush().catch(() => {});
    if (error instanceof UsageError || (isScreenerError(error) && error.code !== 'ERR_ASSESSMENT')) {
      process.stderr.write(`${MESSAGES.prefix}${stderrText((error as Error).message)}\n`);
      if (error instanceof UsageError) process.stderr.write(`${MESSAGES.seeHelp}\n`);
      return 2;
    }
    throw error;
  } finally {
    out.release();
    useLocale('en');
  }
}
