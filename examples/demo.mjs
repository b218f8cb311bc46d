// Demo: screens the bundled fixture villages and prints a readable report,
// Chinese with English beside it. Run with `npm run demo` (builds first).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planRectification, renderPlan, screen } from '../dist/index.js';

const dir = fileURLToPath(new URL('../fixtures/villages/', import.meta.url)); // import.meta.dirname needs Node 20.11
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));

const VERDICT = {
  'weak-lax': '软弱涣散（初步排查） weak and lax (preliminary finding)',
  'at-risk': '有风险 at risk',
  sound: '正常 sound',
  undetermined: '数据不足，无法判定 undetermined (data missing)',
};
const KIND = { village: '村 village', community: '社区 community' };
const OPERATOR = {
  equal: '=', notEqual: '≠', lessThan: '<', lessThanInclusive: '≤', greaterThan: '>', greaterThanInclusive: '≥', in: 'in', notIn: 'not in',
};
const show = (value) => (value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function evidenceLine(e) {
  const mark = e.met === true ? '✔ met 满足' : e.met === false ? '· not met 不满足' : '? unknown 未知';
  const line = e.warningLine === undefined ? '' : ` (预警线 warning line ${OPERATOR[e.operator] ?? e.operator} ${e.warningLine})`;
  return `        ${e.fact} = ${show(e.actual)}  ${OPERATOR[e.operator] ?? e.operator} ${show(e.threshold)}${line}   ${mark}`;
}

function crossed(e) {
  if (e.actual === null) return false;
  return e.operator.startsWith('greater') ? e.actual >= e.warningLine : e.actual < e.warningLine;
}

const counts = {};
for (const f of fixtures) {
  const r = await screen(f.assessment, f.options);
  counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
  const where = [r.region?.province, r.region?.city, r.region?.county, r.region?.township].filter(Boolean).join(' ');
  console.log(`\n━━ ${r.orgName} (${r.orgId}) · ${KIND[r.kind]}${where ? ` · ${where}` : ''} · 排查日期 assessed ${r.assessedOn}`);
  console.log(`   结论 Verdict: ${VERDICT[r.verdict]} · 分数 score ${r.score}/100`);
  for (const c of r.criteria) {
    if (c.outcome !== 'matched' && !c.near) continue;
    const label = c.outcome === 'matched' ? '✗ 符合 matched' : '△ 接近预警线 near';
    console.log(`   ${label}  ${c.id} ${c.title.zh} | ${c.title.en}`);
    // Matched: the conditions met. Near: the conditions past their warning line.
    const shown = c.outcome === 'matched' ? c.evidence.filter((e) => e.met) : c.evidence.filter((e) => e.warningLine !== undefined && crossed(e));
    for (const e of shown) console.log(evidenceLine(e));
  }
  const missing = r.criteria.filter((c) => c.missing.length > 0);
  if (missing.length > 0) {
    console.log('   缺少数据 Missing data:');
    for (const c of missing) console.log(`        ${c.id} (${c.outcome}): ${c.missing.join(', ')}`);
  }
}

// One rectification plan in full: the seed's own village, 共同村.
const gongtong = fixtures.find((f) => f.assessment.org.name.includes('共同村'));
if (gongtong) {
  const result = await screen(gongtong.assessment);
  const plan = planRectification(result, { start: '2017-03-01', template: 'intensive' });
  console.log(`\n══ 整顿方案示例 Example rectification plan: ${result.orgName}（集中整顿 intensive template, from 2017-03-01）\n`);
  console.log(renderPlan(plan, { lang: 'zh' }));
}

console.log('\n══ 汇总 Summary');
for (const [verdict, n] of Object.entries(counts)) console.log(`   ${VERDICT[verdict]}: ${n}`);
console.log('   初步排查结果，须经乡镇（街道）党（工）委研究决定。Preliminary findings: the township or street Party committee decides the list.');
