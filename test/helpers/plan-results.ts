/**
 * Hand-built screening results for the plan tests: the real `ScreeningResult` shape with the
 * revision 0.2 `branches` of each criterion filled in, so that plans can be tested before (and
 * independently of) the rule files that produce them. Places and organisations are invented.
 */
import type { ScreeningResult } from '../../src/index.js';
import { BUILT_IN_BRANCHES } from '../../src/plan/branches.js';

/** Criterion titles of the built-in rulesets (contract, "The ten criteria"; C11, C12 extended). */
export const TITLES: Record<string, { zh: string; en: string }> = {
  C01: { zh: '班子配备不齐、书记长期缺职、工作停滞', en: 'Leadership incomplete, secretary post long vacant, work stalled' },
  C02: { zh: '书记不胜任现职、工作不在状态', en: 'Secretary unfit for the post, disengaged' },
  C03: { zh: '班子不团结、内耗严重', en: 'Leadership disunited, serious internal friction' },
  C04: { zh: '长期不换届、制度形同虚设、不开展活动', en: 'Overdue election, systems nominal, no organisational life' },
  C05: { zh: '凝聚力不强、服务水平不高、群众满意率低', en: 'Weak cohesion, poor service, low public satisfaction' },
  C06: { zh: '拉票贿选突出、宗族宗教和黑恶势力干扰渗透', en: 'Vote buying; clan, religious or criminal interference' },
  C07: { zh: '村(居)务财务不公开、民主管理混乱', en: 'Affairs and finances not disclosed, democratic management chaotic' },
  C08: { zh: '社会治安问题和信访矛盾纠纷集中', en: 'Public-security problems, concentrated petitions and disputes' },
  C09: { zh: '干部违纪违法、贪污腐化', en: 'Cadres breaking discipline or law, corruption' },
  C10: { zh: '无固定活动场所', en: 'No fixed activity venue' },
  C11: { zh: '集体经济薄弱', en: 'Weak collective economy' },
  C12: { zh: '发展党员停滞', en: 'Party recruitment stalled' },
};

/** A criterion result with the revision 0.2 `branches`. */
export type CriterionWithBranches = Omit<ScreeningResult['criteria'][number], 'branches'> & { branches?: Array<{ id: string; met: boolean | null }> };

export interface HandOptions {
  kind?: 'village' | 'community';
  /** `org.region.township`; `null` for no region at all. */
  township?: string | null;
  orgName?: string;
  orgId?: string;
  assessedOn?: string;
  /** Branch ids that were met; their criteria are matched. */
  met?: readonly string[];
  /** Branch ids that are unknown (`met: null`). */
  unknown?: readonly string[];
  /** Criteria given without `branches` (an older result). */
  withoutBranches?: readonly string[];
  /** Criteria matched although no branch is listed as met (only with `withoutBranches`). */
  alsoMatched?: readonly string[];
  /** The criteria of the ruleset, in order. @default C01..C10 */
  criteria?: readonly string[];
}

/** A weak-lax (or sound) result built by hand: matched = the criteria of the met branches. */
export function hand(options: HandOptions = {}): ScreeningResult {
  const {
    kind = 'village',
    township = kind === 'village' ? '青石镇' : '东湖街道',
    orgName = kind === 'village' ? '白沙村党支部' : '滨河社区党委',
    orgId = '990000000001',
    assessedOn = '2026-03-20',
    met = [],
    unknown = [],
    withoutBranches = [],
    alsoMatched = [],
    criteria = ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10'],
  } = options;
  const matchedIds = criteria.filter((id) => met.some((b) => b.startsWith(`${id}.`)) || alsoMatched.includes(id));
  const results: CriterionWithBranches[] = criteria.map((id, i) => ({
    id,
    no: i + 1,
    title: TITLES[id] ?? { zh: id, en: id },
    outcome: matchedIds.includes(id) ? 'matched' : 'not-matched',
    near: false,
    evidence: [],
    missing: [],
    ...(withoutBranches.includes(id)
      ? {}
      : {
          branches: (BUILT_IN_BRANCHES[id] ?? []).map((branch) => ({
            id: branch,
            met: met.includes(branch) ? true : unknown.includes(branch) ? null : false,
          })),
        }),
  }));
  return {
    orgId,
    orgName,
    kind,
    ...(township === null ? {} : { region: { county: '云山县', township } }),
    assessedOn,
    ruleset: { id: 'cn-2017-ten', version: '0.2.0', thresholds: {} },
    verdict: matchedIds.length > 0 ? 'weak-lax' : 'sound',
    score: Math.min(100, matchedIds.length * 10),
    matched: matchedIds,
    // Results from before 0.2 (or stored by a host) may lack branches: plans must cope.
    criteria: results as ScreeningResult['criteria'],
    checklist: [],
    timeline: [],
  };
}
