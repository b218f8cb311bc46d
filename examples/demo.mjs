// Demo: screens the bundled fixture organisations (all names invented) and prints what a
// county organisation department would read: Chinese first, English beside it.
// Run with `npm run demo` (builds first).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldLabel, history, ledger, planRectification, problemsOf, readCase, renderLedger, renderPlan, screenMany, summarize, warningsOf } from '../dist/index.js';

const dir = fileURLToPath(new URL('../fixtures/villages/', import.meta.url)); // import.meta.dirname needs Node 20.11
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, ...JSON.parse(readFileSync(join(dir, name), 'utf8')) }))
  // One batch, one set of options: the fixtures that show options are left to the tests.
  .filter((f) => !f.options);

const VERDICT = {
  'weak-lax': { zh: '软弱涣散（初步排查）', en: 'weak and lax (preliminary finding)' },
  'at-risk': { zh: '有风险', en: 'at risk' },
  sound: { zh: '正常', en: 'sound' },
  undetermined: { zh: '数据不足，暂无法判定', en: 'undetermined: data missing' },
};
const KIND = { village: '村', community: '社区' };
const DECIDES =
  '以上为初步排查结果：由乡镇（街道）党（工）委初步提出，县委组织部会同纪检监察、政法、信访、民政等部门联审，县委常委会研究确定整顿对象名单。\n' +
  '   Preliminary findings: the township (street) committee proposes, the county organisation department examines them jointly with the discipline, political-legal, petition and civil-affairs departments, and the county Party standing committee decides the list.';

const entries = [];
for await (const entry of screenMany(fixtures.map((f) => f.assessment))) entries.push(entry);
const results = entries.filter((e) => e.ok).map((e) => e.result);

// First screen: the count, then each organisation in a few lines.
const summary = summarize(entries);
console.log('软弱涣散基层党组织初步排查 Preliminary screening of weak and lax grassroots Party organisations');
console.log(`共排查 ${summary.total} 个党组织 (${summary.total} organisations screened)：` +
  Object.entries(summary.byVerdict).map(([v, n]) => `${VERDICT[v].zh} ${n}`).join('，') + '。');
console.log(`   ${DECIDES}`);

function print(r) {
  const where = [r.region?.city, r.region?.county, r.region?.township].filter(Boolean).join('');
  console.log(`\n━━ ${r.orgName}（${KIND[r.kind]}${where ? `，${where}` : ''}）排查日期 ${r.assessedOn}`);
  console.log(`   结论：${VERDICT[r.verdict].zh}，分数 ${r.score}　|　${r.orgId} · ${VERDICT[r.verdict].en} · score ${r.score}/100`);
  for (const c of r.criteria) {
    if (c.outcome === 'matched') {
      console.log(`   存在问题 ${c.id} ${c.title.zh}　|　problem found: ${c.title.en}`);
      for (const p of problemsOf(c)) console.log(`      · ${p.zh}\n        ${p.en}`);
    } else if (c.near) {
      console.log(`   接近预警线 ${c.id} ${c.title.zh}　|　near a warning line: ${c.title.en}`);
      for (const w of warningsOf(c)) console.log(`      · ${w.zh}\n        ${w.en}`);
    }
  }
  const missing = [...new Set(r.criteria.flatMap((c) => c.missing))];
  if (missing.length > 0) {
    const labels = missing.map((path) => fieldLabel(path) ?? { zh: path, en: path });
    console.log(`   缺少数据：${labels.map((l) => l.zh).join('、')}\n   Missing data: ${labels.map((l) => l.en).join(', ')}`);
  }
}

// Five organisations in full: the seed's case under an invented name, several problems at
// once, a boundary (exactly 3 months vacant: near, not matched), a community, and one whose
// data are incomplete.
for (const prefix of ['42-', '31-', '03-', '30-', '29-']) {
  const index = fixtures.findIndex((f) => f.name.startsWith(prefix));
  if (index >= 0 && entries[index].ok) print(entries[index].result);
}

console.log('\n══ 全部排查结果 All results');
for (const r of results) {
  const problems = r.matched.length ? `存在问题 ${r.matched.join(' ')}` : '';
  const near = r.criteria.filter((c) => c.near).map((c) => c.id);
  console.log(`   ${r.orgName.padEnd(12, '　')} ${VERDICT[r.verdict].zh.padEnd(10, '　')} ${String(r.score).padStart(3)}  ${problems}${near.length ? `${problems ? '；' : ''}接近预警线 ${near.join(' ')}` : ''}`);
}

// One rectification plan in full: the seed's case.
const seed = results.find((r) => r.orgId === fixtures.find((f) => f.name.startsWith('42-'))?.assessment.org.id);
if (seed) {
  const plan = planRectification(seed, { start: '2017-03-01', template: 'intensive' });
  console.log(`\n══ 整顿方案示例 Example rectification plan: ${seed.orgName}（集中整顿 intensive, 2017-03-01 起）\n`);
  console.log(renderPlan(plan, { lang: 'zh' }));
}
console.log(`\n${DECIDES}`);

// After the list: a year in the life of three invented villages (fixtures/lifecycle), one
// delisted on time, one overdue with a problem still open, one listed again the next year.
const lifecycleDir = fileURLToPath(new URL('../fixtures/lifecycle/', import.meta.url));
const cases = readdirSync(lifecycleDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .flatMap((name) => JSON.parse(readFileSync(join(lifecycleDir, name), 'utf8')).cases.map((c) => readCase(c.case)));
const relapsed = history(cases).filter((h) => h.relapsed);
console.log('\n══ 整顿工作月报 Monthly ledger of the rectification (截至2025年10月31日)\n');
console.log(renderLedger(ledger(cases.filter((c) => c.screening.assessedOn <= '2025-10-31'), { asOf: '2025-10-31' }), { lang: 'zh' }));
console.log(`反复列入 Listed again after 摘牌: ${relapsed.map((h) => `${h.orgId}（${h.years.join('、')}年）`).join('，') || '无'}`);
