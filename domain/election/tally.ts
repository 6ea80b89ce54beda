/**
 * The tally of an owners' decision or committee election (Civil Code Art. 278, R1.2–R1.4, R2.1).
 * Pure and deterministic: the server counts with it and anyone recounts the published ballot file
 * with it. Areas are integers in 0.01 m²; every fraction is compared by cross-multiplying
 * integers (R1.2) — never with floating point.
 */

/** party = owner-party key; all developer-held units share one key (R2.1). */
export type RosterUnit = { unitId: string; areaCentiM2: number; party: string }
export type Totals = { heads: number; areaCentiM2: number }
export type MotionChoice = 'YES' | 'NO' | 'ABSTAIN'
export type Threshold = 'ORDINARY' | 'SPECIAL'

export interface MotionTally {
  total: Totals
  participating: Totals
  yes: Totals
  no: Totals
  abstain: Totals
  quorumMet: boolean
  passed: boolean
  invalidBallots: number
}

export interface ElectionTally {
  total: Totals
  participating: Totals
  quorumMet: boolean
  candidates: { id: string; yes: Totals; qualified: boolean }[]
  elected: string[]
  alternates: string[]
  tiesAtCutoff: string[]
  invalidBallots: number
}

const zero = (): Totals => ({ heads: 0, areaCentiM2: 0 })
const add = (t: Totals, area: number): void => {
  t.heads += 1
  t.areaCentiM2 += area
}

/** Voting rights: one head per distinct party, area = the sum of its units (R2.1). */
export function votingRights(roster: readonly RosterUnit[]): { total: Totals; areaOf: Map<string, number> } {
  const areaOf = new Map<string, number>()
  for (const u of roster) {
    if (!Number.isSafeInteger(u.areaCentiM2) || u.areaCentiM2 < 0) throw new RangeError(`areaCentiM2 of ${u.unitId} must be a non-negative integer`)
    areaOf.set(u.party, (areaOf.get(u.party) ?? 0) + u.areaCentiM2)
  }
  let area = 0
  for (const a of areaOf.values()) area += a
  return { total: { heads: areaOf.size, areaCentiM2: area }, areaOf }
}

/** Quorum: participating ≥ ⅔ of total, in heads AND in area (三分之二以上 includes ⅔, Art. 1259; R1.2, R1.4). */
export function quorumMet(participating: Totals, total: Totals): boolean {
  return 3 * participating.heads >= 2 * total.heads && 3 * participating.areaCentiM2 >= 2 * total.areaCentiM2
}

/** 过半数: strictly more than half, in both dimensions (R1.2). */
export function moreThanHalf(part: Totals, of: Totals): boolean {
  return 2 * part.heads > of.heads && 2 * part.areaCentiM2 > of.areaCentiM2
}

/** 四分之三以上: three quarters or more, in both dimensions (R1.2). */
export function threeQuartersOrMore(part: Totals, of: Totals): boolean {
  return 4 * part.heads >= 3 * of.heads && 4 * part.areaCentiM2 >= 3 * of.areaCentiM2
}

/**
 * The first ballot of each roster party counts; later ones and ballots of parties outside the
 * roster are invalid and do not participate. Yields each counted ballot with its party's area.
 */
function firstBallots<B extends { party: string }>(ballots: readonly B[], areaOf: Map<string, number>) {
  const seen = new Set<string>()
  const counted: { ballot: B; area: number }[] = []
  let invalid = 0
  for (const b of ballots) {
    const area = areaOf.get(b.party)
    if (area === undefined || seen.has(b.party)) {
      invalid++
      continue
    }
    seen.add(b.party)
    counted.push({ ballot: b, area })
  }
  return { counted, invalid }
}

export function tallyMotion(input: {
  threshold: Threshold
  roster: RosterUnit[]
  ballots: { party: string; choice: MotionChoice }[]
}): MotionTally {
  const { total, areaOf } = votingRights(input.roster)
  const participating = zero()
  const yes = zero()
  const no = zero()
  const abstain = zero()
  const { counted, invalid } = firstBallots(input.ballots, areaOf)
  let invalidBallots = invalid
  for (const { ballot, area } of counted) {
    const bucket = ballot.choice === 'YES' ? yes : ballot.choice === 'NO' ? no : ballot.choice === 'ABSTAIN' ? abstain : null
    if (!bucket) {
      // An unreadable choice from a roster party: invalid, but the party took part (as for elections).
      invalidBallots++
      add(participating, area)
      continue
    }
    add(participating, area)
    add(bucket, area)
  }
  const quorum = quorumMet(participating, total)
  const approved = input.threshold === 'SPECIAL' ? threeQuartersOrMore(yes, participating) : moreThanHalf(yes, participating)
  return { total, participating, yes, no, abstain, quorumMet: quorum, passed: quorum && approved, invalidBallots }
}

/** A ballot approving more than `seats`, a candidate twice or an unknown candidate is invalid. */
export function approvalValid(approve: readonly string[], seats: number, known: ReadonlySet<string>): boolean {
  if (!Array.isArray(approve) || approve.length > seats) return false
  const seen = new Set<string>()
  for (const c of approve) {
    if (!known.has(c) || seen.has(c)) return false
    seen.add(c)
  }
  return true
}

export function tallyElection(input: {
  seats: number
  candidates: string[]
  roster: RosterUnit[]
  ballots: { party: string; approve: string[] }[]
}): ElectionTally {
  const { total, areaOf } = votingRights(input.roster)
  const known = new Set(input.candidates)
  const yesOf = new Map<string, Totals>(input.candidates.map((c) => [c, zero()]))
  const participating = zero()
  const { counted, invalid } = firstBallots(input.ballots, areaOf)
  let invalidBallots = invalid
  for (const { ballot, area } of counted) {
    add(participating, area) // an invalid or empty ballot still participates, approving nobody
    if (!approvalValid(ballot.approve, input.seats, known)) {
      invalidBallots++
      continue
    }
    for (const c of ballot.approve) add(yesOf.get(c)!, area)
  }
  const quorum = quorumMet(participating, total)
  const candidates = input.candidates.map((id) => {
    const yes = yesOf.get(id)!
    return { id, yes: { ...yes }, qualified: quorum && moreThanHalf(yes, participating) }
  })
  // Qualified candidates rank by heads, then area; input order breaks nothing (equal = tied).
  const ranked = candidates.filter((c) => c.qualified).sort((a, b) => b.yes.heads - a.yes.heads || b.yes.areaCentiM2 - a.yes.areaCentiM2)
  const same = (a: Totals, b: Totals) => a.heads === b.heads && a.areaCentiM2 === b.areaCentiM2
  const elected: string[] = []
  const alternates: string[] = []
  const tiesAtCutoff: string[] = []
  const seats = Math.max(0, input.seats)
  if (ranked.length <= seats || seats === 0) {
    if (seats === 0) alternates.push(...ranked.map((c) => c.id))
    else elected.push(...ranked.map((c) => c.id))
  } else {
    const last = ranked[seats - 1].yes
    const next = ranked[seats].yes
    if (same(last, next)) {
      for (const c of ranked) {
        if (same(c.yes, last)) tiesAtCutoff.push(c.id)
        else if (c.yes.heads > last.heads || (c.yes.heads === last.heads && c.yes.areaCentiM2 > last.areaCentiM2)) elected.push(c.id)
        else alternates.push(c.id)
      }
    } else {
      ranked.forEach((c, i) => (i < seats ? elected : alternates).push(c.id))
    }
  }
  return { total, participating, quorumMet: quorum, candidates, elected, alternates, tiesAtCutoff, invalidBallots }
}
