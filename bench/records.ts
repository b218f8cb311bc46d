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

// Invented places only: benchmark records give organisations problems at random.
const COUNTIES = [
  { province: '青川省', city: '石泉市', county: '枫桥县', townships: ['青石镇', '柳溪乡', '白沙镇', '云岭民族乡'] },
  { province: '青川省', city: '石泉市', county: '松涛县', townships: ['松涛街道', '竹坪镇', '桃源乡'] },
  { province: '青川省', city: '云岫市', county: '栖云县', townships: ['栖云街道', '霁岚镇', '松埠乡', '东湖街道'] },
  { province: '青川省', city: '云岫市', county: '澄溪县', townships: ['鹤汀镇', '芦湾街道', '石磬镇'] },
  { province: '青川省', city: '云岫市', county: '柳塘县', townships: ['柳塘街道', '青篁乡', '石磴瑶族乡'] },
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
    const day = 1 + small(27);
    const assessedOn = `${year}-${pad(month)}-${pad(day)}`;
    // A date m months before assessedOn, never after it.
    const monthsAgo = (m: number) => {
      const index = year * 12 + month - 1 - m;
      return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-${pad(m === 0 ? 1 + small(day - 1) : 1 + small(27))}`;
    };
    const record: Record<string, unknown> = {
      org: {
        id: `99${pad(i % 10_000, 4)}${pad(100 + (i % 900), 3)}${pad(i % 1000, 3)}-${i}`,
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
      const short = chance(0.03);
      const vacant = chance(0.02);
      record.leadership = {
        seatsRequired: seats,
        seatsFilled: short ? seats - 1 : seats,
        seatsShortSince: short ? monthsAgo(small(5)) : null,
        secretaryVacantSince: vacant ? monthsAgo(small(5)) : null,
        secretaryAbsentSince: !vacant && chance(0.01) ? monthsAgo(small(5)) : null,
        workStalled: chance(0.005),
      };
    }
    const rating = () => (chance(0.85) ? pick(['excellent', 'competent', 'competent', 'competent'] as const) : chance(0.8) ? 'basic' : 'incompetent');
    if (keep()) record.secretary = { rating: rating(), previousRating: rating(), disengaged: chance(0.005) };
    if (keep()) record.unity = { confirmedConflicts: chance(0.99) ? 0 : 1, conflictReports: chance(0.9) ? small(1) : small(4), workDisrupted: chance(0.005) };
    if (keep()) {
      const life: Record<string, unknown> = {
        lastElectionOn: monthsAgo(chance(0.9) ? small(56) : 56 + small(20)),
        postponementApproved: chance(0.95),
        branchAssemblies: chance(0.95) ? 4 + small(2) : small(4),
        committeeMeetings: chance(0.95) ? 12 : 5 + small(7),
        partyClasses: chance(0.95) ? 2 + small(2) : small(2),
        themedPartyDays: chance(0.95) ? 12 : 5 + small(7),
        lifeMeetingHeld: !chance(0.005),
        memberReviewHeld: !chance(0.005),
      };
      if (sparse && chance(0.3)) delete life.partyClasses;
      record.organisationLife = life;
    }
    if (keep()) record.service = { satisfactionRate: Math.round((chance(0.97) ? 0.7 + r() * 0.3 : 0.5 + r() * 0.2) * 1000) / 1000 };
    if (keep()) record.elections = { voteBuyingCases: chance(0.01) ? 1 : 0, clanInterference: chance(0.01), religiousInterference: false, criminalInfiltration: chance(0.005), cadreWithCriminalRecord: chance(0.005) };
    if (keep()) record.affairs = { affairsDisclosures: chance(0.98) ? 4 + small(8) : small(3), financeDisclosures: chance(0.98) ? 4 + small(8) : small(3), supervisionCommitteeActive: !chance(0.01), fourTwoMethodApplied: !chance(0.01) };
    if (keep()) record.safety = { criminalCases: small(4), massIncidents: chance(0.005) ? 1 : 0, repeatPetitions: chance(0.9) ? small(2) : small(5), petitionBacklog: chance(0.95) ? 0 : small(2), collectivePetitions: chance(0.95) ? 0 : small(3), unresolvedDisputes: small(4) };
    if (keep()) record.conduct = { disciplineCases: chance(0.01) ? 1 : 0, corruptionCases: chance(0.005) ? 1 : 0 };
    if (keep()) record.venue = { hasFixedVenue: !chance(0.01) };
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
