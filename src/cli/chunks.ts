/**
 * Screening a stream of input records in chunks, in this thread or in worker threads, with
 * the output kept in input order. A chunk is screened with the public `screenMany` and
 * formatted where it was screened, so only text (and, for `--summary`, counts) crosses
 * between threads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { defaultRuleset, screenMany, screenManyCompact, summarize, type BatchEntry, type CompactEntry, type Issue, type ScreeningSummary, type ScreenOptions } from '../index.js';
import { ChunkText, OUTPUT_FORMATS, type Entry, type Format } from './format.js';
import { countedEntry, SheetChunkBuilder, type SheetChunk } from './xlsx-write.js';

/** What `screen` writes: a text format, or an `.xlsx` workbook (written by the main thread). */
export type ScreenFormat = Format | 'xlsx';
import type { Chunk, ChunkInput, InputItem } from './items.js';
import { lineItemsOfBytes, linesOfBytes } from './lines.js';

/** What screening a chunk gives back. */
export interface ChunkOutput {
  /** The chunk's entries, formatted and joined. */
  text: string;
  /** Notes about invalid records, for the format's tail. */
  notes: string[];
  entries: number;
  invalid: number;
  /** Counts of the chunk, with `--summary` and for a workbook. */
  summary?: ScreeningSummary;
  /** Compact rows for a workbook (`--format xlsx`). */
  sheet?: SheetChunk;
}

/** Screens one chunk whose first record has index `firstIndex`. */
export async function screenChunk(
  input: ChunkInput,
  firstIndex: number,
  options: ScreenOptions,
  format: ScreenFormat,
  withSummary: boolean,
): Promise<ChunkOutput> {
  if (format === 'xlsx') return screenSheetChunk('items' in input ? input.items : linesOfBytes(input.bytes, input.firstLine), firstIndex, options);
  // Records are read one at a time as the screening asks for them (raw JSON Lines are parsed
  // only then), and each entry is formatted as it comes, so a record and its result are
  // garbage soon after; the items that could not be read wait, with their places, for the
  // entries around them.
  const unread: Array<{ at: number; item: Extract<InputItem, { ok: false }> }> = [];
  const places: number[] = []; // the place in the chunk of each record handed to the screening
  const rows = new Map<number, number>();
  let count = 0;
  function* readable(): Generator<unknown> {
    for (const item of 'items' in input ? input.items : lineItemsOfBytes(input.bytes, input.firstLine)) {
      const at = count++;
      if (item.row !== undefined) rows.set(at, item.row);
      if (item.ok) {
        places.push(at);
        yield item.record;
      } else unread.push({ at, item });
    }
  }
  const text = new ChunkText(OUTPUT_FORMATS[format]);
  const kept: Entry[] | undefined = withSummary ? [] : undefined;
  let invalid = 0;
  /** Puts the entry at place `at` of the chunk into the output, with its index in the whole input. */
  const add = (entry: Entry, at: number): void => {
    entry.index = firstIndex + at;
    // An invalid record from a spreadsheet says on which row it is, as the spreadsheet numbers them.
    const row = rows.get(at);
    if (!entry.ok && row !== undefined) entry = { ...entry, row };
    if (!entry.ok) invalid++;
    kept?.push(entry);
    text.add(entry);
  };
  let waiting = 0; // the first unread item not yet added
  /** Adds the items that could not be read, up to place `before`: they keep their place among the screened ones. */
  const addUnread = (before: number): void => {
    for (; waiting < unread.length && unread[waiting]!.at < before; waiting++) {
      const { at, item } = unread[waiting]!;
      add({ index: 0, ok: false, issues: item.issues, ...(item.orgId ? { orgId: item.orgId } : {}) }, at);
    }
  };
  // Tables and CSV need no explanation: the compact path is several times faster.
  // A workbook shows criterion titles and checklists, and counts townships with summarize.
  const full = withSummary || format === 'json' || format === 'jsonl';
  let screened = 0;
  for await (const entry of full ? screenMany(readable(), options) : screenManyCompact(readable(), options)) {
    const at = places[screened++]!;
    addUnread(at);
    add(entry, at);
  }
  addUnread(Infinity);
  const counts = kept ? { summary: summarize(kept as BatchEntry[]) } : {};
  return { text: text.text, notes: text.notes, entries: count, invalid, ...counts };
}

/**
 * Screens one chunk for a workbook: the compact path for every record (verdict, score,
 * criterion ids: several times faster, and little garbage), then the full path for the
 * weak-lax ones only, whose plans fill the checklist. Each result becomes its compact rows at
 * once, and a slim entry for the summary's counts.
 */
async function screenSheetChunk(items: readonly InputItem[], firstIndex: number, options: ScreenOptions): Promise<ChunkOutput> {
  const readable: unknown[] = [];
  for (const item of items) if (item.ok) readable.push(item.record);
  const compact: Entry[] = [];
  for await (const entry of screenManyCompact(readable, options)) compact.push(entry);
  const weakLax = readable.filter((_, i) => compact[i]!.ok && (compact[i] as Extract<CompactEntry, { ok: true }>).result.verdict === 'weak-lax');
  const plans = screenMany(weakLax, options)[Symbol.asyncIterator]();
  const criteria = (options.ruleset ?? defaultRuleset).criteria;
  const builder = new SheetChunkBuilder(criteria);
  const counted: BatchEntry[] = [];
  let next = 0;
  let invalid = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let entry: Entry = item.ok
      ? { ...compact[next++]!, index: firstIndex + i }
      : { index: firstIndex + i, ok: false, issues: item.issues as Issue[], ...(item.orgId ? { orgId: item.orgId } : {}) };
    if (!entry.ok && item.row !== undefined) entry = { ...entry, row: item.row };
    if (!entry.ok) invalid++;
    counted.push(countedEntry(entry, criteria));
    if (entry.ok && entry.result.verdict === 'weak-lax') entry = { ...((await plans.next()).value as BatchEntry), index: entry.index };
    builder.add(entry);
  }
  return { text: '', notes: [], entries: items.length, invalid, summary: summarize(counted), sheet: builder.chunk };
}

/** How a worker thread rebuilds the screening options (a ruleset cannot cross threads). */
export interface WorkerSetup {
  rulesetDir?: string;
  options: Omit<ScreenOptions, 'ruleset'>;
  format: ScreenFormat;
  summary: boolean;
}

interface Pending {
  resolve(output: ChunkOutput): void;
  reject(error: unknown): void;
}

/**
 * A pool of at most `size` worker threads running this same script (see `bin.ts`). A thread
 * is started only when a chunk finds no idle one, so a small input starts no more threads
 * than it has chunks, whatever `--workers` says.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<() => void> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(
    private readonly script: URL,
    private readonly setup: WorkerSetup,
    private readonly size: number,
  ) {}

  /** Number of threads started so far. */
  get started(): number {
    return this.workers.length;
  }

  private start(): Worker {
    // A chunk needs little memory; a small young generation keeps three isolates' heaps near
    // 300 MiB on a province-sized run (bench/RESULTS.md).
    const worker = new Worker(this.script, { workerData: { weakLaxScreenerWorker: this.setup }, resourceLimits: { maxYoungGenerationSizeMb: 12 } });
    worker.on('message', (message: { id: number; output?: ChunkOutput; error?: string }) => {
      const pending = this.pending.get(message.id)!;
      this.pending.delete(message.id);
      this.release(worker);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.output!);
    });
    worker.on('error', (error) => {
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
    this.workers.push(worker);
    return worker;
  }

  private release(worker: Worker): void {
    const waiter = this.waiting.shift();
    this.idle.push(worker);
    waiter?.();
  }

  /** Screens a chunk on the next free worker, starting one if none is free and the pool is not full. */
  async run(input: ChunkInput, firstIndex: number): Promise<ChunkOutput> {
    if (this.idle.length === 0 && this.workers.length < this.size) this.idle.push(this.start());
    while (this.idle.length === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const worker = this.idle.pop()!;
    const id = this.nextId++;
    return new Promise<ChunkOutput>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Raw bytes are handed over, not copied.
      worker.postMessage({ id, input, firstIndex }, 'bytes' in input ? [input.bytes.buffer as ArrayBuffer] : []);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Worker threads to use: `--workers N`, else both cores for inputs large enough to pay off. */
export function workerCount(requested: number | undefined, largeInput: boolean): number {
  if (requested !== undefined) return requested;
  return largeInput ? Math.max(1, Math.min(availableParallelism(), 4)) : 0;
}

/**
 * Runs chunks through `screen` (this thread or a pool) keeping at most `window` chunks in
 * flight, and hands their outputs to `emit` in input order.
 */
export async function runChunks(
  chunks: AsyncIterable<Chunk>,
  screen: (input: ChunkInput, firstIndex: number) => Promise<ChunkOutput>,
  window: number,
  emit: (output: ChunkOutput) => Promise<void>,
): Promise<void> {
  const inFlight: Array<Promise<ChunkOutput>> = [];
  for await (const { input, firstIndex } of chunks) {
    const started = screen(input, firstIndex);
    started.catch(() => {}); // awaited below, in order; this only stops an early unhandled rejection
    inFlight.push(started);
    if (inFlight.length >= window) await emit(await inFlight.shift()!);
  }
  while (inFlight.length > 0) await emit(await inFlight.shift()!);
}
