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
import type { ChunkInput } from './chunks.js';

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

/** The records of a JSON document: the elements of an array, or the one object. */
function* jsonRecords(text: string, path: string): Generator<InputItem> {
  const document = parseJsonDocument(text, path);
  for (const record of Array.isArray(document) ? document : [document]) yield { ok: true, record };
}

async function* fromJson(path: string): AsyncGenerator<InputItem> {
  yield* jsonRecords(readText(path), path);
}

/** The non-blank lines of a stream, numbered from 1, a leading BOM removed. */
async function* nonEmptyLines(stream: Readable): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed !== '') yield { line, text: trimmed };
  }
}

/** One JSON Lines line as a record; a line that is not JSON is an invalid record. */
export function parseLine({ line, text }: { line: number; text: string }): InputItem {
  try {
    return { ok: true, record: JSON.parse(text) };
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `line ${line}: not valid JSON (${(error as Error).message})` }] };
  }
}

async function* fromJsonLines(stream: Readable): AsyncGenerator<InputItem> {
  for await (const line of nonEmptyLines(stream)) yield parseLine(line);
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

async function* sniffed(stream: Readable, path: string, types: Map<string, CellType>): AsyncGenerator<InputItem> {
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
    yield* jsonRecords(Buffer.concat(chunks).toString('utf8'), path);
  } else {
    yield* readRecordsFrom(Readable.from(rest()), format, path, types);
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
    return sniffed(stream, path, columnTypes(extraFacts));
  }
  return readRecordsFrom(stream, resolved, path, columnTypes(extraFacts));
}

const NEWLINE = 0x0a;

/** True when bytes [start, end) hold nothing but spaces, tabs and a carriage return. */
function blank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

/**
 * JSON Lines as raw byte chunks of about `bytes` bytes, cut after a newline. The reading
 * thread only finds newlines (to number records and lines); decoding and parsing happen
 * where the chunk is screened. Each chunk owns its buffer, so it can be transferred.
 */
async function* jsonLinesByteChunks(stream: Readable, bytes: number): AsyncGenerator<{ input: ChunkInput; firstIndex: number }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let firstIndex = 0;
  let firstLine = 1;
  const cut = (data: Buffer): { input: ChunkInput; firstIndex: number } => {
    const copy = new Uint8Array(data.length);
    copy.set(data);
    let records = 0;
    let lines = 0;
    for (let start = 0; start < copy.length; ) {
      let end = copy.indexOf(NEWLINE, start);
      if (end < 0) end = copy.length;
      lines++;
      if (!blank(copy, start, end)) records++;
      start = end + 1;
    }
    const chunk = { input: { bytes: copy, firstLine }, firstIndex };
    firstIndex += records;
    firstLine += lines;
    return chunk;
  };
  for await (const data of stream as AsyncIterable<Buffer>) {
    pending.push(data);
    pendingBytes += data.length;
    if (pendingBytes < bytes) continue;
    const joined = Buffer.concat(pending, pendingBytes);
    const last = joined.lastIndexOf(NEWLINE);
    if (last < 0) continue;
    yield cut(joined.subarray(0, last + 1));
    const rest = joined.subarray(last + 1);
    pending = rest.length ? [Buffer.from(rest)] : [];
    pendingBytes = rest.length;
  }
  if (pendingBytes > 0) yield cut(Buffer.concat(pending, pendingBytes));
}

/** The records of a byte chunk of JSON Lines (see {@link jsonLinesByteChunks}). */
export function linesOfBytes(bytes: Uint8Array, firstLine: number): InputItem[] {
  // Buffer's decoder is several times faster than TextDecoder on mostly-Chinese text.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const items: InputItem[] = [];
  let line = firstLine;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const trimmed = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (trimmed !== '') items.push(parseLine({ line, text: trimmed }));
    start = end + 1;
  }
  return items;
}

/**
 * The input in chunks of `size` records, each with the index of its first record. JSON
 * Lines from a file travel as raw lines, parsed where they are screened (a worker thread),
 * so the reading thread only splits lines.
 */
export async function* readChunks(
  path: string,
  format: InputFormat | undefined,
  extraFacts: Readonly<Record<string, 'number' | 'boolean' | 'string'>>,
  size: number,
): AsyncGenerator<{ input: ChunkInput; firstIndex: number }> {
  let firstIndex = 0;
  if ((format ?? formatFromName(path)) === 'jsonl' && path !== '-') {
    yield* jsonLinesByteChunks(openStream(path), size * 1024);
    return;
  }
  let items: InputItem[] = [];
  for await (const item of readRecords(path, format, extraFacts)) {
    items.push(item);
    if (items.length === size) {
      yield { input: { items }, firstIndex };
      firstIndex += size;
      items = [];
    }
  }
  if (items.length > 0) yield { input: { items }, firstIndex };
}
