/**
 * Benchmark of the monthly ledger (issue 14): `ledger` over 60,000 cases (a province's listed
 * organisations over a few years) with 30 checklist items each, two of them recurring. Run
 * on its own, not by `npm run bench`:
 *
 *   node --expose-gc --import tsx bench/ledger.ts            # 60,000 cases
 *   node --expose-gc --import tsx bench/ledger.ts 6000       # fewer
 *   node --expose-gc --import tsx bench/ledger.ts 60000 --no-render   # the ledger alone
 *
 * Prints one JSON line: the time of `ledger` (validation of every case included), of
 * `renderLedger` for comparison, the heap the ledger keeps, and the process's peak RSS (the
 * cases themselves included). Targets: under 5 s and 500 MiB. Never used by tests.
 */
import { performance } from 'node:perf_hooks';
import { ledger, openCase, recordListing, renderLedger, screen, type RectificationCase } from '../src/index.js';
import type { ChecklistItem } from '../src/plan/types.js';

const count = Number(process.argv[2] ?? 60_000);
const ITEMS = 30;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

/** Three kinds of weak-lax organisations, as the fixtures' villages: their cases are the templates. */
async function templates(): Promise<RectificationCase[]> {
  const base = {
    org: { id: '990100000000', name: '样例村党支部', kind: 'village', region: { city: '云岫市', county: '雾岫县', township: '萤川镇' } },
    assessedOn: '2025-02-20',
    leadership: { seatsRequired: 5, seatsFilled: 5, seatsShortSince: null, secretaryVacantSince: null, secretaryAbsentSince: '2024-10-08', workStalled: false },
    affairs: { affairsDisclosures: 4, financeDisclosures: 2, supervisionCommitteeActive: true, fourTwoMethodApplied: true },
    safety: { petitionBacklog: 3 },
    venue: { hasFixedVenue: false },
  };
  const out: RectificationCase[] = [];
  for (const template of ['annual', 'intensive'] as const) {
    const result = await screen(base);
    let c = openCase(result, { start: '2025-04-01', template });
    c = recordListing(c, { stage: 'decided', on: '2025-03-28', by: '雾岫县委常委会' });
    // Pad the checklist to 30 items (the catalogue gives 15 to 20 for these criteria).
    const checklist: ChecklistItem[] = [...c.plan.checklist];
    for (let i = 0; checklist.length < ITEMS; i++) checklist.push({ ...c.plan.checklist[i % c.plan.checklist.length]!, id: `extra-${i}` });
    if (!checklist.some((item) => item.occurrences?.length)) {
      checklist[ITEMS - 1] = { ...checklist[ITEMS - 1]!, occurrences: ['2025-04-15', '2025-05-15', '2025-06-15'], due: '2025-06-15' };
    }
    out.push({ ...c, plan: { ...c.plan, checklist } });
  }
  return out;
}

/** 60,000 cases: their own ids, names, regions and entries; screening texts and plans shared by kind. */
function cases(templateCases: readonly RectificationCase[]): RectificationCase[] {
  const all: RectificationCase[] = [];
  for (let n = 0; n < count; n++) {
    const t = templateCases[n % templateCases.length]!;
    // 1,000 townships in 100 counties in 13 cities.
    const township = n % 1000;
    const county = Math.floor(township / 10);
    const region = { province: '云岭省', city: `市${county % 13}`, county: `县${county}`, township: `镇${township}` };
    const orgId = String(990_000_000_000 + n);
    const orgName = `村${n}党支部`;
    const items = t.plan.checklist;
    const progress = [];
    // About two thirds of the items done, a few started, the rest untouched: a realistic October.
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const roll = (n * 31 + i * 17) % 12;
      const dates = item.occurrences?.length ? item.occurrences : [item.due];
      for (const due of dates) {
        if (roll < 8) progress.push({ itemId: item.id, ...(item.occurrences?.length ? { occurrence: due } : {}), on: due, status: 'done' as const });
        else if (roll < 10) progress.push({ itemId: item.id, ...(item.occurrences?.length ? { occurrence: due } : {}), on: '2025-05-01', status: 'started' as const });
      }
    }
    all.push({
      ...t,
      orgId,
      orgName,
      region,
      screening: { ...t.screening, orgId, orgName, region },
      plan: { ...t.plan, orgId },
      progress,
      problems: t.problems.map((p, i) => ((n + i) % 3 === 0 ? { ...p, closedOn: '2025-09-30' } : p)),
    });
  }
  return all;
}

const templateCases = await templates();
const heapBefore = heap();
const input = cases(templateCases);
const heapCases = heap();

const cpuStart = process.cpuUsage();
const start = performance.now();
const monthly = ledger(input, { asOf: '2025-10-31' });
const ledgerMs = performance.now() - start;
// CPU time of the whole process (GC threads included): less at the mercy of other load on a shared machine.
const cpu = process.cpuUsage(cpuStart);
// Peak RSS of the ledger itself (the cases included), before the report is rendered.
const ledgerPeakRss = process.resourceUsage().maxRSS * 1024;
const heapLedger = heap();

let renderMs: number | undefined;
let reportBytes: number | undefined;
if (!process.argv.includes('--no-render')) {
  const renderStart = performance.now();
  reportBytes = Buffer.byteLength(renderLedger(monthly, { lang: 'zh' }));
  renderMs = performance.now() - renderStart;
}

const MiB = 2 ** 20;
process.stdout.write(
  `${JSON.stringify({
    name: 'ledger',
    cases: count,
    items: ITEMS,
    rows: monthly.rows.length,
    townships: monthly.townships.length,
    ledgerMs: Math.round(ledgerMs),
    ledgerCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    casesPerSecond: Math.round((count / ledgerMs) * 1000),
    renderLedgerMs: renderMs === undefined ? undefined : Math.round(renderMs),
    reportKiB: reportBytes === undefined ? undefined : Math.round(reportBytes / 1024),
    casesHeapMiB: Math.round((heapCases - heapBefore) / MiB),
    ledgerHeapMiB: Math.round((heapLedger - heapCases) / MiB),
    ledgerPeakRssMiB: Math.round(ledgerPeakRss / MiB),
    peakRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MiB),
    node: process.version,
  })}\n`,
);
