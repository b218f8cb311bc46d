/**
 * Text of a CSV byte stream in UTF-8 or GB18030 (which covers GBK, what "CSV (逗号分隔)" gives
 * on a Chinese Windows). The encoding is given (`--encoding`) or detected: a UTF-8 byte order
 * mark means UTF-8; otherwise the bytes from the first one that is not ASCII (4 KiB of them,
 * or to the end) decide: valid UTF-8 is UTF-8, anything else GB18030. Decoding is strict
 * either way: a byte that the encoding does not allow is a usage error naming its line, never
 * U+FFFD. Node's full ICU provides `TextDecoder('gb18030')`; no library is needed to read.
 */
import { UsageError } from './errors.js';
import type { MessageTable } from './messages.js';
import { asBytes, firstInvalidUtf8, lineOfFirstInvalid, startsWithBom } from './utf8.js';

/** Encodings of CSV input. */
export type Encoding = 'utf-8' | 'gb18030';

/** `--encoding`: utf-8 (utf8) or gb18030 (gbk, gb2312, whose characters GB18030 contains). */
export function encodingOption(value: string | undefined, messages: MessageTable): Encoding | undefined {
  if (value === undefined) return undefined;
  const name = value.trim().toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (name === 'gb18030' || name === 'gbk' || name === 'gb2312') return 'gb18030';
  throw new UsageError(messages.encodingOption);
}

/** How many bytes after the first non-ASCII one decide the encoding. */
const WINDOW = 4096;
/** An input whose first MiB is ASCII is read as UTF-8 (a later GBK byte is then an error that says so). */
const ASCII_LIMIT = 1 << 20;

/** Whether `bytes` are UTF-8, a sequence cut off at the very end (more bytes to come) allowed. */
function looksUtf8(bytes: Uint8Array, more: boolean): boolean {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return true;
  if (!more || bytes.length - at > 3) return false;
  // A cut sequence: its lead byte announces more bytes than are left, and those are continuations.
  const lead = bytes[at]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length === 0 || at + length <= bytes.length) return false;
  for (let i = at + 1; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) return false;
  return true;
}

/** Detects the encoding of the head of a stream; `more` when the stream goes on. */
export function detectEncoding(head: Uint8Array, more: boolean): Encoding {
  if (startsWithBom(head)) return 'utf-8';
  let first = 0;
  while (first < head.length && head[first]! < 0x80) first++;
  if (first === head.length) return 'utf-8';
  const window = head.subarray(first, first + WINDOW);
  return looksUtf8(window, more || first + WINDOW < head.length) ? 'utf-8' : 'gb18030';
}

/** The 1-based line of the first byte GB18030 refuses, counting `linesBefore` lines already read. */
function lineOfFirstInvalidGb18030(bytes: Uint8Array, linesBefore: number): number {
  let line = linesBefore + 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return line - 1;
}

/**
 * The text of a CSV byte stream in `encoding`, or detected; a byte order mark (UTF-8's, or
 * GB18030's) is removed. Bytes the encoding does not allow are a {@link UsageError}.
 */
export async function* decodeText(
  stream: AsyncIterable<Uint8Array | string>,
  path: string,
  encoding: Encoding | undefined,
  messages: MessageTable,
): AsyncGenerator<string> {
  const iterator = asBytes(stream)[Symbol.asyncIterator]();
  // Read far enough to decide: 4 KiB past the first byte that is not ASCII, or the end.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  let firstHigh = -1;
  while (encoding === undefined) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    if (firstHigh < 0) {
      const at = next.value.findIndex((b) => b >= 0x80);
      if (at >= 0) firstHigh = headBytes + at;
    }
    headBytes += next.value.length;
    if (firstHigh >= 0 ? headBytes - firstHigh >= WINDOW : headBytes >= ASCII_LIMIT) break;
  }
  const joined = Buffer.concat(head);
  const chosen = encoding ?? detectEncoding(joined, !done);
  const decoder = new TextDecoder(chosen, { fatal: true });
  let lines = 0;
  let continued = false;
  let first = true;
  const fail = (chunk: Uint8Array): never => {
    if (chosen === 'utf-8') throw new UsageError(messages.csvNotUtf8(path, lineOfFirstInvalid(chunk, lines, continued)));
    throw new UsageError(messages.csvNotGb18030(path, lineOfFirstInvalidGb18030(chunk, lines)));
  };
  const decode = (chunk: Uint8Array): string => {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      return fail(chunk);
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    continued = chunk.length > 0 && chunk[chunk.length - 1]! >= 0x80;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };
  if (joined.length > 0) yield decode(joined);
  if (!done) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield decode(next.value);
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    return fail(new Uint8Array([0x80]));
  }
  if (rest) yield rest;
}
