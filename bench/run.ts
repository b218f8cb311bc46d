/**
 * `npm run bench`: runs each case in its own process (so peak RSS is the case's own) and
 * prints records/s, the ratio to the json-rules-engine baseline measured in the same run,
 * and peak RSS, as a Markdown table for bench/RESULTS.md. Never used by tests.
 *
 *   npm run bench                 # all cases
 *   npm run bench -- --quick      # smaller counts
 *   npm run bench -- --profile    # also a CPU profile of screenMany: top functions by self time
 *   npm run bench -- --rounds 5   # rounds of every case (default 3, 1 with --quick)
 *
 * This virtual machine's speed moves by up to 40% within minutes (other work on the host), so
 * each case runs once per round, the rounds one after another, and the table gives each case's
 * fastest run: the run least disturbed, for the baseline as for the rest. Every round's figure
 * is printed too, and the ratio of `screenMany` to the baseline within each round.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { records } from './records.js';

const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(process.argv[roundsAt + 1]) : quick ? 1 : 3;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number of at least 1');
const caseScript = fileURLToPath(new URL('./case.ts', import.meta.url));

const CASES: Array<{ name: string; label: string; count: number }> = [
  { name: 'baseline', label: 'baseline: plain json-rules-engine loop (one Engine, ten rules, sequential awaits)', count: quick ? 3_000 : 15_000 },
  { name: 'reference', label: 'reference path: `screen` per record (zod + fresh Engine + explanation)', count: quick ? 2_000 : 8_000 },
  { name: 'zod', label: '(for comparison) zod validation alone, `validateAssessment` per record', count: quick ? 20_000 : 100_000 },
  { name: 'core', label: 'compiled core: outcomes + near + score + verdict on pre-built fact vectors', count: quick ? 2_000_000 : 10_000_000 },
  { name: 'core-from-records', label: 'compiled core from parsed records: acceptance + fact extraction + core', count: quick ? 200_000 : 1_000_000 },
  { name: 'screenMany', label: '`screenMany` end to end: streamed records in, full ScreeningResults out (explanation, ruleset copy and plan built on first read, and not read here)', count: quick ? 50_000 : 300_000 },
  { name: 'screenMany-read', label: '`screenMany` as above, every result read whole (`JSON.stringify` of each entry: explanation and plan built)', count: quick ? 20_000 : 100_000 },
  { name: 'screenManyCompact', label: '`screenManyCompact` end to end: verdict, score and criterion ids out', count: quick ? 50_000 : 300_000 },
];

interface Row {
  name: string;
  records: number;
  perSecond: number;
  peakRssMiB: number;
}

function runCase(name: string, count: number, extraArgs: string[] = []): Row {
  const out = execFileSync(process.execPath, [...extraArgs, '--import', 'tsx', caseScript, name, String(count)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Row;
}

const machine = {
  node: process.version,
  nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
  cpu: (() => {
    try {
      return /Model name:\s*(.*)/.exec(execFileSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim() ?? cpus()[0]?.model;
    } catch {
      return cpus()[0]?.model;
    }
  })(),
  loadBefore: loadavg().map((l) => l.toFixed(2)).join(' '),
};
console.log(`Node ${machine.node}, nproc ${machine.nproc}, CPU ${machine.cpu}, load average before: ${machine.loadBefore}\n`);

const runs = new Map<string, Row[]>(CASES.map(({ name }) => [name, []]));
for (let round = 1; round <= rounds; round++) {
  for (const { name, count } of CASES) {
    const row = runCase(name, count);
    runs.get(name)!.push(row);
    process.stderr.write(`round ${round}, ${name}: ${Math.round(row.perSecond).toLocaleString('en')} records/s\n`);
  }
}
const fastest = (rows: Row[]): Row => rows.reduce((best, row) => (row.perSecond > best.perSecond ? row : best));
const rows = CASES.map(({ name, label }) => ({ ...fastest(runs.get(name)!), peakRssMiB: Math.max(...runs.get(name)!.map((r) => r.peakRssMiB)), label }));
const baseline = rows.find((r) => r.name === 'baseline')!.perSecond;
console.log('| case | records | records/s | × baseline | peak RSS (MiB) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.label} | ${row.records.toLocaleString('en')} | ${Math.round(row.perSecond).toLocaleString('en')} | ${(row.perSecond / baseline).toFixed(1)} | ${row.peakRssMiB.toFixed(0)} |`,
  );
}
console.log(`\n(${rounds} round${rounds === 1 ? '' : 's'}; each case's fastest run, and the highest peak RSS of its runs.) Every run, records/s:\n`);
for (const { name } of CASES) console.log(`- ${name}: ${runs.get(name)!.map((r) => Math.round(r.perSecond).toLocaleString('en')).join(', ')}`);
const ratios = runs.get('screenMany')!.map((row, i) => (row.perSecond / runs.get('baseline')![i]!.perSecond).toFixed(1));
console.log(`- screenMany against the baseline of the same round: ${ratios.join(', ')}`);

// The command line on generated JSON Lines written as CSV: wall time and peak RSS of the
// whole process (main thread and workers), measured by GNU time, `rounds` times on one input
// file; the fastest run and every run's wall time are given.
function cliRun(count: number, change: (record: unknown) => unknown = (record) => record): { wall: number; rssMiB: number; walls: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'wls-cli-'));
  const input = join(dir, 'records.jsonl');
  const out = openSync(input, 'w');
  let buffer = '';
  for (const record of records(count)) {
    buffer += `${JSON.stringify(change(record))}\n`;
    if (buffer.length > 1 << 20) {
      writeSync(out, buffer);
      buffer = '';
    }
  }
  writeSync(out, buffer);
  closeSync(out);
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const timed = Array.from({ length: rounds }, () => {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, 'screen', input, '--format', 'csv'], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const [wall, rssKiB] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number];
    return { wall, rssMiB: rssKiB / 1024 };
  });
  rmSync(dir, { recursive: true, force: true });
  return { wall: Math.min(...timed.map((t) => t.wall)), rssMiB: Math.max(...timed.map((t) => t.rssMiB)), walls: timed.map((t) => t.wall) };
}
const cliRow = (label: string, count: number, { wall, rssMiB }: { wall: number; rssMiB: number }) =>
  console.log(`| ${label} | ${count.toLocaleString('en')} | ${Math.round(count / wall).toLocaleString('en')} | ${(count / wall / baseline).toFixed(1)} | ${rssMiB.toFixed(0)} |`);
{
  const count = quick ? 100_000 : 600_000;
  const run = cliRun(count);
  cliRow(`CLI: \`weak-lax-screener screen records.jsonl --format csv\` (${count.toLocaleString('en')} records, both cores)`, count, run);
  // A county's file with one systematic mistake: every record written for contract 0.1, with the
  // removed field safety.petitions, so every record is invalid and reported.
  const bad = quick ? 50_000 : 200_000;
  const valid = cliRun(bad);
  const invalid = cliRun(bad, (record) => (record && typeof record === 'object' ? { ...record, safety: { ...((record as { safety?: object }).safety ?? {}), petitions: 3 } } : record));
  cliRow(`CLI, ${bad.toLocaleString('en')} valid records`, bad, valid);
  cliRow(`CLI, ${bad.toLocaleString('en')} records that all fail validation (\`safety.petitions\`, removed in 0.2)`, bad, invalid);
  const walls = (t: { walls: number[] }) => t.walls.map((w) => `${w.toFixed(2)} s`).join(', ');
  console.log(`\nCLI wall time: ${run.wall.toFixed(2)} s, fastest of ${walls(run)} (target ≤ 10 s); peak RSS ${run.rssMiB.toFixed(0)} MiB, the highest of the runs (target ≤ 300 MiB)`);
  console.log(`Invalid records: ${invalid.wall.toFixed(2)} s (${walls(invalid)}) against ${valid.wall.toFixed(2)} s (${walls(valid)}) for valid ones (${(invalid.wall / valid.wall).toFixed(1)}×)`);
}

console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

if (profile) {
  const dir = mkdtempSync(join(tmpdir(), 'wls-prof-'));
  runCase('screenMany', quick ? 50_000 : 200_000, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const id of prof.samples) {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  console.log('\nscreenMany CPU profile, top functions by self time:\n');
  console.log('| self time | function |');
  console.log('| ---: | --- |');
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`| ${((100 * n) / prof.samples.length).toFixed(1)}% | \`${key}\` |`);
  }
  rmSync(dir, { recursive: true, force: true });
}

