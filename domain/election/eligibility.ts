/**
 * Candidate eligibility and proxy limits from the community's configuration, not from code (R3.4,
 * R2.6): each city sets different conditions (Beijing Art. 39–40, Shanghai Art. 20–21, Hangzhou
 * Art. 25), so a community lists the ones that apply in `settings.election`. A candidate declares
 * each condition with the written pledge; the preparatory group checks and approves the list.
 */

/** Conditions a community may require of committee candidates, with the words the candidate signs. */
export const CANDIDATE_CONDITIONS = {
  FULL_CAPACITY: '本人具有完全民事行为能力',
  NO_PROPERTY_TIES: '本人及配偶、直系亲属不在本小区物业服务企业任职，与其无直接利害关系',
  NO_FEE_ARREARS: '本人没有恶意拖欠物业费、维修资金',
  NOT_DISHONEST_DEBTOR: '本人不是失信被执行人',
  NO_VIOLATIONS: '本人没有违法搭建、损坏房屋承重结构等未整改的行为',
  RESIDES: '本人在本小区居住',
} as const
export type CandidateCondition = keyof typeof CANDIDATE_CONDITIONS
export const CONDITION_KEYS = Object.keys(CANDIDATE_CONDITIONS) as CandidateCondition[]

export interface ElectionSettings {
  /** R3.4: the conditions every candidate must declare. */
  candidateConditions: CandidateCondition[]
  /** R2.6 (Weifang Art. 32): approved proxies one agent may hold per vote. */
  proxyCapPerAgent: number
}

/** Beijing's list (Art. 39–40) — the strictest of the four cities compared — and Weifang's cap. */
export const DEFAULT_ELECTION_SETTINGS: ElectionSettings = {
  candidateConditions: ['FULL_CAPACITY', 'NO_PROPERTY_TIES', 'NO_FEE_ARREARS', 'NOT_DISHONEST_DEBTOR'],
  proxyCapPerAgent: 3,
}

/** The community's election settings, unknown keys dropped and defaults filled in. */
export function electionSettingsOf(community: { settings?: { election?: { candidateConditions?: string[]; proxyCapPerAgent?: number } } } | null): ElectionSettings {
  const s = community?.settings?.election ?? {}
  const conditions = Array.isArray(s.candidateConditions) ? s.candidateConditions.filter((c): c is CandidateCondition => (CONDITION_KEYS as string[]).includes(c)) : DEFAULT_ELECTION_SETTINGS.candidateConditions
  const cap = Number.isInteger(s.proxyCapPerAgent) && (s.proxyCapPerAgent as number) > 0 ? (s.proxyCapPerAgent as number) : DEFAULT_ELECTION_SETTINGS.proxyCapPerAgent
  return { candidateConditions: conditions, proxyCapPerAgent: cap }
}

/** The required conditions a nomination did not declare, as field messages (empty when eligible). */
export function missingDeclarations(settings: ElectionSettings, declared: readonly string[]): string[] {
  return settings.candidateConditions.filter((c) => !declared.includes(c)).map((c) => `须承诺：${CANDIDATE_CONDITIONS[c]}`)
}
