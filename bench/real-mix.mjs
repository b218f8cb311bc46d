// `node bench/real-mix.mjs [COUNT] [FILE]`: JSON Lines of COUNT organisations (default 600,000)
// made from the fixture villages, 10% weak-lax and 90% sound as in a real screening, each with
// its own id and one of 1,000 townships. bench/RESULTS.md screens it to a workbook:
//   /usr/bin/time -f '%e s %M KB' node dist/cli.js screen FILE --format xlsx --output out.xlsx
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';

const count = Number(process.argv[2] ?? 600_000);
const path = process.argv[3] ?? 'real-mix.jsonl';
const dir = new URL('../fixtures/villages/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
const of = (verdict) => fixtures.filter((f) => f.expected.verdict === verdict).map((f) => f.assessment);
const weak = of('weak-lax');
const sound = of('sound');
const fd = openSync(path, 'w');
let buffer = '';
for (let i = 0; i < count; i++) {
  const a = i % 10 === 0 ? weak[i % weak.length] : sound[i % sound.length];
  const org = { ...a.org, id: String(990_000_000_000 + i), region: { ...(a.org.region ?? {}), township: `第${i % 1000}镇` } };
  buffer += `${JSON.stringify({ ...a, org })}\n`;
  if (buffer.length > 1 << 20) {
    writeSync(fd, buffer);
    buffer = '';
  }
}
writeSync(fd, buffer);
closeSync(fd);
console.log(`wrote ${count} organisations (${weak.length} weak-lax and ${sound.length} sound fixtures, 1 in 10 weak-lax) to ${path}`);
