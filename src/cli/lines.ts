/**
 * The one line reader of the command line, for JSON Lines from a file, from standard input
 * or from anywhere else. Input is cut into byte chunks at newlines; the reading thread only
 * counts records, the screening thread decodes and parses them. Both decide what a blank
 * line is with the same function ({@link isBlankLine}), so every input gives the same record
 * count and the same `index` for every record, whatever a line holds.
 */
import { MESSAGES } from './messages.js';
import { unreadable, type Chunk, type InputItem } from './items.js';
import { asBytes, BOM, isUtf8, startsWithBom } from './utf8.js';

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
    const bom = startsWithBom(head);
    if (!bom) yield Uint8Array.from(head);
    if (i < data.length) yield data.subarray(i);
  }
  if (!checked && head.length > 0) yield Uint8Array.from(head);
}

/**
 * Where {@link byteChunks} reads from: `read` puts at most `length` bytes into `into` at
 * `offset` and says how many (0 at the end of input); `close` lets go of the input.
 */
export interface ByteSource {
  read(into: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/** A stream as a {@link ByteSource}: its pieces are copied into the chunk being filled. */
export function streamSource(stream: AsyncIterable<Uint8Array | string>): ByteSource {
  const iterator = asBytes(stream)[Symbol.asyncIterator]();
  let current: Uint8Array = new Uint8Array(0);
  return {
    async read(into, offset, length) {
      while (current.length === 0) {
        const next = await iterator.next();
        if (next.done) return 0;
        current = next.value;
      }
      const count = Math.min(length, current.length);
      into.set(count === current.length ? current : current.subarray(0, count), offset);
      current = current.subarray(count);
      return count;
    },
    async close() {
      await iterator.return(undefined);
    },
  };
}

/**
 * Room a chunk's buffer has beyond `size`: the rest of the line that ends the chunk usually
 * fits, and what follows its newline starts the next chunk.
 */
const SLACK = 64 * 1024;

/**
 * The input in chunks of about `size` bytes: each chunk ends at the first newline at or
 * after its `size`th byte (the last chunk at the end of input), so no line is split and a
 * chunk holds at most one line more than `size` bytes. A leading byte order mark is dropped.
 * Each chunk is read straight into a buffer of its own (a file is read into it by the
 * system, with no copy in between), so it can be handed to another thread; only the bytes
 * after its last newline are copied, into the next chunk's buffer. Linear in the input:
 * every byte is searched for a newline at most once, and a buffer is doubled (copied) only
 * for a line longer than its room.
 */
export async function* byteChunks(input: AsyncIterable<Uint8Array | string> | ByteSource, size: number): AsyncGenerator<Uint8Array> {
  const source = Symbol.asyncIterator in input ? streamSource(input) : input;
  try {
    let buffer = Buffer.allocUnsafeSlow(size + SLACK);
    let filled = 0;
    let start = -1; // where the chunk starts: 0, or 3 after a byte order mark; -1 until known
    let searched = 0; // bytes before this hold no newline the chunk could end at
    let ended = false;
    for (;;) {
      if (start < 0 && (filled >= BOM.length || ended)) start = startsWithBom(buffer.subarray(0, filled)) ? BOM.length : 0;
      const from = Math.max(searched, start + size - 1);
      const newline = start >= 0 && from < filled ? buffer.subarray(0, filled).indexOf(NEWLINE, from) : -1;
      if (newline >= 0) {
        // The next chunk's buffer starts with what follows the newline.
        const next = Buffer.allocUnsafeSlow(Math.max(size, filled - newline) + SLACK);
        next.set(buffer.subarray(newline + 1, filled));
        yield buffer.subarray(start, newline + 1);
        buffer = next;
        filled -= newline + 1;
        start = 0;
        searched = 0;
        continue;
      }
      if (start >= 0) searched = Math.max(searched, filled);
      if (ended) {
        if (filled > start) yield buffer.subarray(start, filled);
        return;
      }
      if (filled === buffer.length) {
        const larger = Buffer.allocUnsafeSlow(buffer.length * 2);
        larger.set(buffer.subarray(0, filled));
        buffer = larger;
      }
      const count = await source.read(buffer, filled, buffer.length - filled);
      if (count === 0) ended = true;
      filled += count;
    }
  } finally {
    await source.close();
  }
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
export async function* jsonLinesChunks(stream: AsyncIterable<Uint8Array | string> | ByteSource, size: number): AsyncGenerator<Chunk> {
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
