/**
 * The workbook writer keeps its heap near a ceiling by full collections (src/cli/memory.ts):
 * garbage above the ceiling is collected at the next check; below it nothing happens.
 */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { heapKeeper } from '../src/cli/memory.js';

const used = () => getHeapStatistics().used_heap_size;

/** Old-space garbage: arrays held until all are made (so they outlive the young generation), then dropped. */
function garbage(megabytes: number): number {
  let held: number[][] = [];
  for (let i = 0; i < megabytes * 16; i++) held.push(new Array(8192).fill(i)); // 64 KiB each
  const count = held.reduce((n, a) => n + a.length, 0);
  held = [];
  return count;
}

describe('heapKeeper', () => {
  it('collects the garbage above the ceiling', () => {
    const keep = heapKeeper(1);
    keep(); // start from what is live
    const live = used();
    expect(garbage(64)).toBe(64 * 16 * 8192);
    const before = used();
    keep();
    expect(before - live).toBeGreaterThan(16 * 2 ** 20);
    expect(used()).toBeLessThan(live + 16 * 2 ** 20);
  });

  it('does nothing under the ceiling', () => {
    const keep = heapKeeper(64 * 2 ** 30);
    garbage(32);
    const before = used();
    keep();
    expect(used()).toBeGreaterThanOrEqual(before);
  });
});
