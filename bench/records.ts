/**
 * Deterministic (seeded) benchmark records with a realistic mix: most organisations report
 * every indicator and are sound or near a warning line, some lack whole groups or fields,
 * some match one or more criteria, and about 2% are bad records (unknown keys, a percentage
 * instead of a share, a date after assessedOn, a non-object).
 */

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTIES = [
  { province: '河南省', city: '周口市', county: '扶沟县', townships: ['城关镇', '练寺镇', '大新镇', '包屯镇'] },
  { province: '陕西省', city: '咸阳市', county: '淳化县', townships: ['城关街道', '官庄镇', '方里镇'] },
  { province: '山东省', city: '菏泽市', county: '曹县', townships: ['曹城街道', '庄寨镇', '普连集镇', '青菏街道'] },
  { province: '甘肃省', city: '陇南市', county: '西和县', townships: ['汉源镇', '长道镇', '何坝镇'] },
  { province: '湖南省', city: '郴州市', county: '苏仙区', townships: ['苏仙街道', '白露塘镇', '良田镇'] },
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Generates `count` records from `seed`, lazily (memory stays flat however many are asked for). */
export function* records(count: number, seed = 2017): Generator<unknown> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const small = (max: number) => Math.floor(r() * (max + 1));
  for (let i = 0; i < count; i++) {
    const place = pick(COUNTIES);
    const township = pick(place.townships);
    const kind = chance(0.8) ? 'village' : 'community';
    const year = 2024 + small(2);
    const month = 1 + small(11);
    const assessedOn = `${year}-${pad(month)}-${pad(1 + small(27))}`;
    const monthsAgo = (m: number) => {
      const index = year * 12 + month - 1 - m;
      return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-${pad(1 + small(27))}`;
    };
    const record: Record<string, unknown> = {
      org: {
        id: `${410621}${pad(100 + (i % 900), 3)}${pad(i % 1000, 3)}-${i}`,
        name: `${township}第${(i % 40) + 1}${kind === 'village' ? '村' : '社区'}党支部`,
        kind,
        level: pick(['branch', 'branch', 'general-branch', 'committee'] as const),
        region: { province: place.province, city: place.city, county: place.county, township },
      },
      assessedOn,
    };
    const sparse = chance(0.2); // some organisations lack data
    const keep = () => !sparse || chance(0.6);
    const seats = 5 + small(4);
    if (keep()) {
      record.leadership = {
        seatsRequired: seats,
        seatsFilled: chance(0.04) ? seats - 1 : seats,
        secretaryVacantSince: chance(0.05) ? monthsAgo(small(5)) : null,
        workStalled: chance(0.02),
      };
    }
    if (keep()) record.secretary = { rating: pick(['excellent', 'competent', 'competent', 'competent', 'basic', chance(0.1) ? 'incompetent' : 'basic'] as const), disengaged: chance(0.02) };
    if (keep()) record.unity = { conflictReports: chance(0.9) ? small(1) : small(4), workDisrupted: chance(0.01) };
    if (keep()) {
      const life: Record<string, unknown> = {
        lastElectionOn: monthsAgo(chance(0.9) ? small(56) : 56 + small(14)),
        branchAssemblies: chance(0.9) ? 4 + small(2) : small(4),
        committeeMeetings: chance(0.9) ? 12 : 4 + small(8),
        partyClasses: chance(0.9) ? 2 + small(2) : small(2),
        lifeMeetingHeld: !chance(0.02),
        memberReviewHeld: !chance(0.02),
      };
      if (sparse && chance(0.3)) delete life.partyClasses;
      record.organisationLife = life;
    }
    if (keep()) record.service = { satisfactionRate: Math.round((0.55 + r() * 0.45) * 1000) / 1000 };
    if (keep()) record.elections = { voteBuyingCases: chance(0.01) ? 1 : 0, clanInterference: chance(0.01), religiousInterference: false, criminalInfiltration: chance(0.005) };
    if (keep()) record.affairs = { affairsDisclosures: chance(0.95) ? 4 + small(8) : small(3), financeDisclosures: chance(0.95) ? 4 + small(8) : small(3), supervisionCommitteeActive: !chance(0.02), fourTwoMethodApplied: !chance(0.03) };
    if (keep()) record.safety = { criminalCases: small(4), massIncidents: chance(0.01) ? 1 : 0, petitions: small(9), collectivePetitions: chance(0.9) ? 0 : small(3), unresolvedDisputes: small(4) };
    if (keep()) record.conduct = { disciplineCases: chance(0.02) ? 1 : 0, corruptionCases: chance(0.01) ? 1 : 0 };
    if (keep()) record.venue = { hasFixedVenue: !chance(0.03) };
    if (chance(0.02)) {
      // A bad record, of one of several kinds.
      const kinds: Array<() => unknown> = [
        () => ({ ...record, leadership: { ...(record.leadership as object), seatFilled: 3 } }),
        () => ({ ...record, service: { satisfactionRate: 85 } }),
        () => ({ ...record, organisationLife: { lastElectionOn: '2099-01-01' } }),
        () => null,
      ];
      yield pick(kinds)();
    } else {
      yield record;
    }
  }
}
