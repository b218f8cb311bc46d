/**
 * Branch ids: the names of a criterion's top-level conditions that plan measures answer
 * (`addresses`), and the reader of the met ones from a screening result.
 *
 * @module
 */
/**
 * The top-level branch ids of the built-in rulesets (`cn-2017-ten`, and C11, C12 of
 * `cn-2019-extended`), revision 0.2, by criterion, in rule order (the order of the contract's
 * thresholds table). The one list the measures catalogue is checked against; it is meant to
 * be read from the loaded rulesets once they carry branch ids. @internal
 */
export const BUILT_IN_BRANCHES: Readonly<Record<string, readonly string[]>> = {
  C01: ['C01.secretaryVacantMonths', 'C01.secretaryAbsentMonths', 'C01.seatsShortMonths', 'C01.workStalled'],
  C02: ['C02.rating', 'C02.twoYearsBasic', 'C02.disengaged'],
  C03: ['C03.confirmedConflicts', 'C03.workDisrupted'],
  C04: [
    'C04.monthsSinceElection',
    'C04.termExpired',
    'C04.branchAssemblies',
    'C04.committeeMeetings',
    'C04.partyClasses',
    'C04.themedPartyDays',
    'C04.lifeMeetingHeld',
    'C04.memberReviewHeld',
  ],
  C05: ['C05.satisfactionRate'],
  C06: [
    'C06.voteBuyingCases',
    'C06.clanInterference',
    'C06.religiousInterference',
    'C06.criminalInfiltration',
    'C06.cadreWithCriminalRecord',
  ],
  C07: ['C07.affairsDisclosures', 'C07.financeDisclosures', 'C07.supervisionCommitteeActive', 'C07.fourTwoMethod'],
  C08: [
    'C08.massIncidents',
    'C08.repeatPetitions',
    'C08.petitionBacklog',
    'C08.collectivePetitions',
    'C08.criminalCases',
    'C08.unresolvedDisputes',
  ],
  C09: ['C09.disciplineCases', 'C09.corruptionCases'],
  C10: ['C10.hasFixedVenue'],
  C11: ['C11.collectiveIncome'],
  C12: ['C12.recruitmentStalled'],
};

/**
 * What an address names: a branch id of a built-in criterion (`C04.termExpired`), a
 * criterion id (`C04`, criterion-wide), or nothing known (`undefined`). @internal
 */
export function addressKind(address: string): 'branch' | 'criterion' | undefined {
  if (Object.hasOwn(BUILT_IN_BRANCHES, address)) return 'criterion';
  const criterionId = address.slice(0, address.indexOf('.'));
  if (criterionId && Object.hasOwn(BUILT_IN_BRANCHES, criterionId) && BUILT_IN_BRANCHES[criterionId]!.includes(address)) {
    return 'branch';
  }
  return undefined;
}

/**
 * The ids of a criterion's met top-level branches (`met: true`), read from its `branches`
 * (revision 0.2). `undefined` when the criterion carries no `branches` (a result from an
 * older screening or another producer): then only criterion-wide measures apply. Entries
 * that are not `{ id: string, met }` are skipped. @internal
 */
export function metBranches(criterion: object | undefined): ReadonlySet<string> | undefined {
  const branches = (criterion as { branches?: unknown } | undefined)?.branches;
  if (!Array.isArray(branches)) return undefined;
  const met = new Set<string>();
  for (const branch of branches as unknown[]) {
    if (typeof branch !== 'object' || branch === null) continue;
    const { id, met: isMet } = branch as { id?: unknown; met?: unknown };
    if (typeof id === 'string' && isMet === true) met.add(id);
  }
  return met;
}
