/** What the readers hand to the screening: records, or why a record could not be read. */
import type { Issue } from '../index.js';

/**
 * One input record, or why it could not be read; `row` is the row a spreadsheet (CSV or
 * `.xlsx`) shows it on, the header being row 1.
 */
export type InputItem = { ok: true; record: unknown; row?: number } | { ok: false; issues: Issue[]; orgId?: string; row?: number };

/** A chunk of input: parsed items, or raw JSON Lines bytes for the screening thread to parse. */
export type ChunkInput = { items: InputItem[] } | { bytes: Uint8Array; firstLine: number };

/** A chunk of input with the index of its first record. */
export interface Chunk {
  input: ChunkInput;
  firstIndex: number;
}

/** An invalid item with one issue at the root. */
export function unreadable(message: string, orgId?: string): InputItem {
  return { ok: false, issues: [{ path: '', message }], ...(orgId !== undefined ? { orgId } : {}) };
}
