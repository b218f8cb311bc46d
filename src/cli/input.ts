/**
 * Reading records for the CLI: JSON (one object or an array), JSON Lines, or CSV with
 * dotted column names. A record that cannot be read (a bad JSON Lines line, a CSV row with
 * the wrong number of cells) becomes an invalid record, reported and counted; input that
 * cannot be read at all is a {@link UsageError} (exit code 2).
 */
import { createReadStream, statSync } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import type { ExtraFacts } from './columns.js';
import { csvRecords } from './csv.js';
import type { Encoding } from './decode.js';
import { UsageError } from './errors.js';
import type { Chunk, InputItem } from './items.js';
import { jsonLinesChunks, jsonLinesRecords, withoutBom, type ByteSource } from './lines.js';
import { MESSAGES, type MessageTable } from './messages.js';
import { sheetRecords } from './sheet.js';
import { isUtf8, lineOfFirstInvalid } from './utf8.js';
import { xlsxRows } from './xlsx-read.js';

/** Input formats the CLI reads. */
export type InputFormat = 'json' | 'jsonl' | 'csv' | 'xlsx';

/** How spreadsheet input is read: CSV's encoding, the `.xlsx` sheet, the language of cell problems. */
export interface ReadOptions {
  encoding?: Encoding;
  sheet?: string;
  messages?: MessageTable;
}

/** How input is cut for screening: records per chunk (JSON, CSV) and bytes per chunk (JSON Lines). */
export interface ChunkSize {
  records: number;
  bytes: number;
}

/** Records per chunk: large enough to amortise a message between threads, small enough to stream. */
export const CHUNK_SIZE: ChunkSize = { records: 2000, bytes: 2000 * 1024 };

/** How far standard input is read to guess its format when its first line does not end. */
export const SNIFF_LIMIT = 16 * 1024 * 1024;

/** Guesses the format from the file name; `undefined` for stdin or an unknown ending. */
export function formatFromName(path: string): InputFormat | undefined {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(xlsx|xlsm|xls)$/i.test(path)) return 'xlsx';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  if (/\.json$/i.test(path)) return 'json';
  return undefined;
}

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Checks that `path` is a readable file (standard input, `-`, always is). */
function checkFile(path: string): void {
  if (path === '-') return;
  try {
    if (!statSync(path).isFile()) throw new UsageError(MESSAGES.notAFile(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(MESSAGES.cannotRead(path, reason(error)));
  }
}

/** The bytes of a file or of standard input (`-`); a read error is a {@link UsageError}. */
async function* bytesOf(path: string): AsyncGenerator<Uint8Array | string> {
  const stream: AsyncIterable<Uint8Array | string> = path === '-' ? process.stdin : createReadStream(path);
  try {
    yield* stream;
  } catch (error) {
    throw new UsageError(MESSAGES.cannotRead(path, reason(error)));
  }
}

/**
 * A named file as a {@link ByteSource}: JSON Lines chunks are read into their own buffers
 * by the system, with no stream's buffers to copy from. A read error is a {@link UsageError}.
 */
function fileSource(path: string): ByteSource {
  let handle: FileHandle | undefined;
  return {
    async read(into, offset, length) {
      try {
        handle ??= await openFile(path, 'r');
        return (await handle.read(into, offset, length, null)).bytesRead;
      } catch (error) {
        throw new UsageError(MESSAGES.cannotRead(path, reason(error)));
      }
    },
    async close() {
      await handle?.close();
    },
  };
}

/** Collects a byte stream. */
async function collect(stream: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const data of stream) parts.push(typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return Buffer.concat(parts);
}

/**
 * Parses a JSON document (a leading byte order mark allowed): bytes that are not UTF-8 or
 * text that is not JSON are a usage error.
 */
export function parseJsonDocument(bytes: Uint8Array, path: string): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) throw new UsageError(MESSAGES.jsonNotUtf8(path, lineOfFirstInvalid(buffer)));
  try {
    return JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(MESSAGES.notJson(path, (error as Error).message));
  }
}

/** The records of a JSON document: the elements of an array, or the one object. */
function* jsonRecords(bytes: Uint8Array, path: string): Generator<InputItem> {
  const document = parseJsonDocument(bytes, path);
  for (const record of Array.isArray(document) ? document : [document]) yield { ok: true, record };
}

/** The first bytes of a zip archive, which an `.xlsx` workbook is. */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;

/**
 * True when the line at bytes [start, end), whose first byte is `first`, holds nothing but
 * spacing of any kind (U+3000, a form feed…). Most lines start with something visible: only a
 * line starting with a byte that may begin other spacing (a control character, or a
 * multi-byte character) is decoded.
 */
function onlySpacing(chunks: readonly Uint8Array[], first: number, start: number, end: number): boolean {
  if (first > 0x20 && first < 0x80) return false;
  return Buffer.concat(chunks).toString('utf8', start, end).trim() === '';
}

/**
 * Guesses the format of a stream (standard input without `--input-format`) from its first
 * line that holds something visible (a line of only spacing of any kind, such as a full-width
 * space U+3000 or a form feed, tells nothing of the format, though JSON Lines counts it as an
 * invalid record, as it does in a named file): `[` is a JSON array; `{` is JSON Lines when
 * that line is a whole object, otherwise one (pretty-printed) JSON object; anything else is
 * CSV. The stream is read up to the end of that line (or the end of input, or
 * {@link SNIFF_LIMIT} bytes, after which `{` is taken for JSON), however it arrives in chunks.
 * Returns the format and the whole stream, the bytes read to decide included.
 */
export async function sniff(
  stream: AsyncIterable<Uint8Array | string>,
  limit = SNIFF_LIMIT,
): Promise<{ format: InputFormat; bytes: AsyncIterable<Uint8Array> }> {
  const iterator = withoutBom(stream)[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  let first = -1; // offset of the first byte that is not spacing, in the head
  let firstByte = 0; // that byte
  let lineEnd = -1; // offset of the newline that ends that line
  while (lineEnd < 0 && headBytes < limit) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const data = next.value;
    head.push(data);
    for (let i = 0; i < data.length; i++) {
      if (first < 0) {
        if (!isSpace(data[i]!)) {
          first = headBytes + i;
          firstByte = data[i]!;
        }
      } else if (data[i] === 0x0a) {
        if (onlySpacing(head, firstByte, first, headBytes + i)) {
          first = -1;
          continue;
        }
        lineEnd = headBytes + i;
        break;
      }
    }
    headBytes += data.length;
  }
  const joined = Buffer.concat(head);
  if (first >= 0 && lineEnd < 0 && done && onlySpacing([joined], firstByte, first, joined.length)) first = -1; // a last line of spacing
  let format: InputFormat = 'csv';
  if (first < 0) format = 'jsonl'; // nothing but spacing: no records in any format
  else if (joined.subarray(first, first + 4).equals(ZIP)) format = 'xlsx';
  else if (joined[first] === 0x5b) format = 'json';
  else if (joined[first] === 0x7b) {
    format = 'json';
    if (lineEnd >= 0 || done) {
      try {
        JSON.parse(joined.toString('utf8', first, lineEnd >= 0 ? lineEnd : joined.length));
        format = 'jsonl';
      } catch {
        // not a whole object on one line: one JSON document
      }
    }
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    if (joined.length > 0) yield joined;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { format, bytes: all() };
}

/**
 * The format of the input and its bytes, guessed for standard input when not given. An
 * `.xlsx` file is read by its own reader (`bytes` is undefined).
 */
async function open(path: string, format: InputFormat | undefined): Promise<{ format: InputFormat; bytes: AsyncIterable<Uint8Array | string> | undefined }> {
  checkFile(path);
  const resolved = format ?? formatFromName(path);
  if (resolved === 'xlsx' && path !== '-') return { format: resolved, bytes: undefined };
  if (resolved) return { format: resolved, bytes: bytesOf(path) };
  if (path !== '-') throw new UsageError(MESSAGES.unknownInputFormat(path));
  return sniff(bytesOf(path));
}

async function* records(
  format: InputFormat,
  bytes: AsyncIterable<Uint8Array | string> | undefined,
  path: string,
  extraFacts: ExtraFacts,
  size: ChunkSize,
  read: ReadOptions,
): AsyncGenerator<InputItem> {
  const messages = read.messages ?? MESSAGES;
  if (format === 'xlsx') {
    yield* sheetRecords(xlsxRows(path, read.sheet, messages, bytes), { extraFacts, messages });
    return;
  }
  if (read.encoding !== undefined && format !== 'csv') throw new UsageError(messages.encodingCsvOnly);
  if (read.sheet !== undefined) throw new UsageError(messages.sheetXlsxOnly);
  if (format === 'jsonl') yield* jsonLinesRecords(bytes!, size.bytes);
  else if (format === 'csv') yield* csvRecords(bytes!, path, { extraFacts, messages, ...(read.encoding ? { encoding: read.encoding } : {}) });
  else yield* jsonRecords(await collect(bytes!), path);
}

/**
 * Records from `path` (`-` for standard input) in `format`, guessed from the file name or,
 * for standard input, from the first line.
 */
export async function* readRecords(
  path: string,
  format: InputFormat | undefined,
  extraFacts: ExtraFacts = {},
  size: ChunkSize = CHUNK_SIZE,
  read: ReadOptions = {},
): AsyncGenerator<InputItem> {
  const input = await open(path, format);
  yield* records(input.format, input.bytes, path, extraFacts, size, read);
}

/**
 * The input in chunks, each with the index of its first record. JSON Lines travel as raw
 * bytes of about `size.bytes`, parsed where they are screened (a worker thread), so the
 * reading thread only finds newlines; JSON and CSV travel as `size.records` parsed records.
 */
export async function* readChunks(
  path: string,
  format: InputFormat | undefined,
  extraFacts: ExtraFacts,
  size: ChunkSize = CHUNK_SIZE,
  read: ReadOptions = {},
): AsyncGenerator<Chunk> {
  const input = await open(path, format);
  if (input.format === 'jsonl' && read.encoding === undefined && read.sheet === undefined) {
    yield* jsonLinesChunks(path === '-' ? input.bytes! : fileSource(path), size.bytes);
    return;
  }
  let firstIndex = 0;
  let items: InputItem[] = [];
  for await (const item of records(input.format, input.bytes, path, extraFacts, size, read)) {
    items.push(item);
    if (items.length === size.records) {
      yield { input: { items }, firstIndex };
      firstIndex += items.length;
      items = [];
    }
  }
  if (items.length > 0) yield { input: { items }, firstIndex };
}
