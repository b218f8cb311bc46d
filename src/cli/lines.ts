/**
 * The one line reader of the command line, for JSON Lines from a file, from standard input
 * or from anywhere else. Input is cut into byte chunks at newlines; the reading thread only
 * counts records, the screening thread decodes and parses them. Both decide what a blank
 * line is with the same function ({@link isBlankLine}), so every input gives the same record
 * count and the same `index` for every record, whatever a line holds.
 */
import { MESSAGES } from './messages.js';
import { unreadable, type Chunk, type InputItem } from './items.js';
import { BOM, isUtf8 } from './utf8.js';

const NEWLINE = 0x0a;

/**
 * The one definition of a blank line: bytes [start, end) hold nothing but ASCII spaces, tabs
 * and carriage returns. A blank line is skipped and is no record. Any other line is a record,
 * even one holding only a full-width space (U+3000) or a form feed: it becomes an invalid
 * record that says so, rather than vanishing in one reader and counting in another.
 */
export function isBlankLine(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

/** Bytes of a stream, strings encoded as UTF-8 (standard input in tests, `Readable.from`). */
async function* asBytes(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const data of stream) yield typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/** The bytes of a stream without a leading UTF-8 byte order mark, however the stream is cut. */
export async function* withoutBom(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  let head: number[] = [];
  let checked = false;
  for await (const data of asBytes(stream)) {
    if (checked) {
      yield data;
      continue;
    }
    // Collect the first three bytes (they may come one at a time), then drop a BOM.
    let i = 0;
    while (head.length < 3 && i < data.length) head.push(data[i++]!);
    if (head.length < 3) continue;
    checked = true;
    const bom = head.every((b, k) => b === BOM[k]);
    if (!bom) yield Uint8Array.from(head);
    if (i < data.length) yield data.subarray(i);
  }
  if (!checked && head.length > 0) yield Uint8Array.from(head);
}

/** One buffer holding `parts` then `last`, owning its whole ArrayBuffer (so it can be transferred). */
function join(parts: readonly Uint8Array[], partsBytes: number, last: Uint8Array): Uint8Array {
  const out = new Uint8Array(partsBytes + last.length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  out.set(last, at);
  return out;
}

/**
 * The stream in chunks of about `size` bytes: each chunk ends at the first newline at or
 * after its `size`th byte (the last chunk at the end of input), so no line is split and a
 * chunk holds at most one line more than `size` bytes. Linear in the input: every byte is
 * searched for a newline once, and the pieces of a long line are joined once, when its
 * newline (or the end) comes. A leading byte order mark is dropped.
 */
export async function* byteChunks(stream: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const data of withoutBom(stream)) {
    let rest = data;
    while (rest.length > 0) {
      // Bytes already pending hold no newline at or after the chunk's size.
      const from = Math.max(0, size - 1 - pendingBytes);
      const newline = from < rest.length ? rest.indexOf(NEWLINE, from) : -1;
      if (newline < 0) {
        pending.push(rest);
        pendingBytes += rest.length;
        break;
      }
      yield join(pending, pendingBytes, rest.subarray(0, newline + 1));
      pending = [];
      pendingBytes = 0;
      rest = rest.subarray(newline + 1);
    }
  }
  if (pendingBytes > 0) yield join(pending, pendingBytes, new Uint8Array(0));
}

/** Number of lines and of records (non-blank lines) in a byte chunk. */
export function countLines(bytes: Uint8Array): { lines: number; records: number } {
  let lines = 0;
  let records = 0;
  for (let start = 0; start < bytes.length; lines++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    if (!isBlankLine(bytes, start, end)) records++;
    start = end + 1;
  }
  return { lines, records };
}

/**
 * JSON Lines as raw byte chunks of about `size` bytes, each with the number of its first
 * line and the index of its first record; decoding and parsing happen where the chunk is
 * screened ({@link linesOfBytes}).
 */
export async function* jsonLinesChunks(stream: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<Chunk> {
  let firstIndex = 0;
  let firstLine = 1;
  for await (const bytes of byteChunks(stream, size)) {
    const { lines, records } = countLines(bytes);
    yield { input: { bytes, firstLine }, firstIndex };
    firstIndex += records;
    firstLine += lines;
  }
}

/** One JSON Lines line (already decoded and trimmed) as a record; a line that is not JSON is an invalid record. */
export function parseLine(line: number, text: string): InputItem {
  try {
    return { ok: true, record: JSON.parse(text) };
  } catch (error) {
    return unreadable(MESSAGES.lineNotJson(line, (error as Error).message));
  }
}

/**
 * The records of a chunk of JSON Lines bytes whose first line is `firstLine`: one item per
 * line that is not blank ({@link isBlankLine}), in order. A line that is not valid UTF-8, not
 * JSON, or holds only other spacing is an invalid record. Each line is parsed when its item is
 * asked for, so a record screened at once is garbage while it is still young.
 */
export function* lineItemsOfBytes(bytes: Uint8Array, firstLine: number): Generator<InputItem> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // One native check for the whole chunk; lines are checked one by one only when it fails.
  const valid = isUtf8(buffer);
  let line = firstLine;
  for (let start = 0; start < buffer.length; line++) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end < 0) end = buffer.length;
    if (!isBlankLine(buffer, start, end)) {
      if (!valid && !isUtf8(buffer.subarray(start, end))) yield unreadable(MESSAGES.lineNotUtf8(line));
      else {
        // Buffer's decoder is several times faster than TextDecoder on mostly-Chinese text.
        // Spacing around the JSON (a full-width space typed after it, say) is forgiven.
        const text = buffer.toString('utf8', start, end).trim();
        yield text === '' ? unreadable(MESSAGES.lineOnlyOddSpace(line)) : parseLine(line, text);
      }
    }
    start = end + 1;
  }
}

/** {@link lineItemsOfBytes}, all at once. */
export function linesOfBytes(bytes: Uint8Array, firstLine: number): InputItem[] {
  return [...lineItemsOfBytes(bytes, firstLine)];
}

/** The records of a JSON Lines stream, read with the same chunks and lines as {@link jsonLinesChunks}. */
export async function* jsonLinesRecords(stream: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<InputItem> {
  for await (const { input } of jsonLinesChunks(stream, size)) {
    if ('bytes' in input) yield* linesOfBytes(input.bytes, input.firstLine);
  }
}
