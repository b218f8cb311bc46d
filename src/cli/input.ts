/**
 * Reading records for the CLI: JSON (one object or an array), JSON Lines, or CSV with
 * dotted column names. A record that cannot be read (a bad JSON Lines line, a CSV row with
 * the wrong number of cells) becomes an invalid record, reported and counted; input that
 * cannot be read at all is a {@link UsageError} (exit code 2).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { assessmentJsonSchema, type Issue } from '../index.js';

/** A usage error or unreadable input: exit code 2. */
export class UsageError extends Error {}

/** One input record, or why it could not be read. */
export type InputItem = { ok: true; record: unknown } | { ok: false; issues: Issue[]; orgId?: string };

/** Input formats the CLI reads. */
export type InputFormat = 'json' | 'jsonl' | 'csv';

/** Guesses the format from the file name; `undefined` for stdin or an unknown ending. */
export function formatFromName(path: string): InputFormat | undefined {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  if (/\.json$/i.test(path)) return 'json';
  return undefined;
}

function openStream(path: string): Readable {
  if (path === '-') return process.stdin;
  try {
    if (!statSync(path).isFile()) throw new UsageError(`not a file: ${path}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return createReadStream(path);
}

/** Reads the whole input as text (for JSON documents). */
export function readText(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Parses a JSON document; unreadable JSON is a usage error. */
export function parseJsonDocument(text: string, path: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function orgIdOf(record: unknown): string | undefined {
  const id = (record as { org?: { id?: unknown } } | null)?.org?.id;
  return typeof id === 'string' ? id : undefined;
}

async function* fromJson(path: string): AsyncGenerator<InputItem> {
  const document = parseJsonDocument(readText(path), path);
  for (const record of Array.isArray(document) ? document : [document]) yield { ok: true, record };
}

async function* fromJsonLines(stream: Readable): AsyncGenerator<InputItem> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    try {
      yield { ok: true, record: JSON.parse(trimmed) };
    } catch (error) {
      yield { ok: false, issues: [{ path: '', message: `line ${line}: not valid JSON (${(error as Error).message})` }] };
    }
  }
}

type CellType = 'number' | 'integer' | 'boolean' | 'string';

/** Column types from the assessment JSON Schema, plus the ruleset's declared extra facts. */
export function columnTypes(extraFacts: Readonly<Record<string, 'number' | 'boolean' | 'string'>> = {}): Map<string, CellType> {
  const types = new Map<string, CellType>();
  const walk = (schema: Record<string, unknown>, prefix: string) => {
    const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [key, child] of Object.entries(properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      const variants = (child.anyOf as Record<string, unknown>[] | undefined) ?? [child];
      const type = variants.map((v) => v.type).find((t) => t !== 'null');
      if (type === 'object') walk(child, path);
      else if (type === 'number' || type === 'integer' || type === 'boolean' || type === 'string') types.set(path, type);
    }
  };
  walk(assessmentJsonSchema as Record<string, unknown>, '');
  for (const [name, type] of Object.entries(extraFacts)) types.set(`extra.${name}`, type);
  return types;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * One CSV cell as a value: an empty cell is absent (`undefined`), `null` is null,
 * `true`/`false` are booleans, and a number where the column holds numbers. Anything else
 * stays a string, for validation to name.
 */
export function cellValue(cell: string, type: CellType | undefined): unknown {
  if (cell === '') return undefined;
  if (cell === 'null') return null;
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  if ((type === 'number' || type === 'integer') && NUMBER.test(cell.trim())) return Number(cell.trim());
  return cell;
}

/** Builds a nested record from dotted column names (`leadership.seatsFilled`). */
export function rowToRecord(header: readonly string[], row: readonly string[], types: Map<string, CellType>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const value = cellValue(row[i] ?? '', types.get(column));
    if (value === undefined) return;
    const keys = column.split('.');
    let target = record;
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys[keys.length - 1]!] = value;
  });
  return record;
}

async function* fromCsv(stream: Readable, types: Map<string, CellType>): AsyncGenerator<InputItem> {
  const parser = stream.pipe(parseCsv({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }));
  let header: string[] | undefined;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = row.map((c) => c.trim());
        continue;
      }
      const record = rowToRecord(header, row, types);
      if (row.length !== header.length) {
        yield {
          ok: false,
          issues: [{ path: '', message: `CSV row has ${row.length} cells, the header ${header.length}` }],
          ...(orgIdOf(record) ? { orgId: orgIdOf(record)! } : {}),
        };
      } else {
        yield { ok: true, record };
      }
    }
  } catch (error) {
    throw new UsageError(`cannot parse CSV: ${(error as Error).message}`);
  }
}

async function* sniffed(stream: Readable, path: string): AsyncGenerator<InputItem> {
  // Standard input without --input-format: '[' is a JSON array; '{' is JSON Lines when its
  // first line is a whole object, otherwise one (pretty-printed) JSON object; else CSV.
  // Only the head is buffered to decide, so a long JSON Lines stream still streams.
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let done = false;
  while (!done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else head.push(Buffer.from(next.value));
    const text = Buffer.concat(head).toString('utf8');
    if (text.includes('\n') || text.length > 65536) break;
  }
  const headText = Buffer.concat(head).toString('utf8').replace(/^\uFEFF/, '');
  const start = headText.trimStart();
  let format: InputFormat = 'csv';
  if (start.startsWith('[')) format = 'json';
  else if (start.startsWith('{')) {
    try {
      JSON.parse(start.split('\n', 1)[0]!);
      format = 'jsonl';
    } catch {
      format = 'json';
    }
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield Buffer.from(next.value);
  }
  if (format === 'json') {
    const chunks: Buffer[] = [];
    for await (const chunk of rest()) chunks.push(chunk);
    const document = parseJsonDocument(Buffer.concat(chunks).toString('utf8'), path);
    for (const record of Array.isArray(document) ? document : [document]) yield { ok: true, record };
  } else {
    yield* readRecordsFrom(Readable.from(rest()), format, path, columnTypes());
  }
}

function readRecordsFrom(stream: Readable, format: InputFormat, path: string, types: Map<string, CellType>): AsyncGenerator<InputItem> {
  if (format === 'jsonl') return fromJsonLines(stream);
  if (format === 'csv') return fromCsv(stream, types);
  return fromJson(path);
}

/**
 * Records from `path` (`-` for standard input) in `format`, guessed from the file name or,
 * for standard input, from the first characters.
 */
export function readRecords(
  path: string,
  format: InputFormat | undefined,
  extraFacts?: Readonly<Record<string, 'number' | 'boolean' | 'string'>>,
): AsyncGenerator<InputItem> {
  const resolved = format ?? formatFromName(path);
  if (resolved === 'json') return fromJson(path);
  const stream = openStream(path);
  if (!resolved) {
    if (path !== '-') throw new UsageError(`cannot tell the format of ${path}: use --input-format json|jsonl|csv`);
    return sniffed(stream, path);
  }
  return readRecordsFrom(stream, resolved, path, columnTypes(extraFacts));
}
