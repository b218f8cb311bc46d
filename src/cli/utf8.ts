/**
 * UTF-8 checks. Input is never decoded into U+FFFD silently: a file that is not UTF-8 (a
 * CSV that Excel saved as GBK, say) would otherwise come out as `���` with exit code 0.
 * `isUtf8` (native) answers the common case; the scanner below only runs once something is
 * known to be wrong, to say where.
 */
import { isUtf8 } from 'node:buffer';

export { isUtf8 };

/** Bytes of a UTF-8 byte order mark. */
export const BOM = [0xef, 0xbb, 0xbf] as const;

/** Whether `bytes` begin with a UTF-8 byte order mark. */
export function startsWithBom(bytes: ArrayLike<number>): boolean {
  return bytes.length >= BOM.length && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** Bytes of a stream, strings encoded as UTF-8 (standard input in tests, `Readable.from`). */
export async function* asBytes(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const data of stream) yield typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong
 * forms, surrogates and code points above U+10FFFF included), from `from` on; `-1` if none.
 * A sequence cut off by the end of `bytes` counts as malformed at its first byte.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  for (let i = from; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** Number of newlines in bytes [0, end). */
export function newlinesBefore(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) count++;
  return count;
}

/**
 * The 1-based line of the first malformed byte of `bytes`, counting `linesBefore` lines
 * already read. With `continued`, continuation bytes at the very start (the rest of a
 * sequence begun in an earlier chunk) are skipped.
 */
export function lineOfFirstInvalid(bytes: Uint8Array, linesBefore = 0, continued = false): number {
  let from = 0;
  while (continued && from < 3 && from < bytes.length && (bytes[from]! & 0xc0) === 0x80) from++;
  const at = firstInvalidUtf8(bytes, from);
  return linesBefore + 1 + newlinesBefore(bytes, at < 0 ? bytes.length : at);
}
