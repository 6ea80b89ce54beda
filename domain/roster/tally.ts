/**
 * Headcount and area from units (R2.1, Interpretation Art. 8–9):
 * - each owner party holding at least one delivered, sold unit = 1 person, area = sum of its units;
 * - every developer-held unit (unsold, or sold but not delivered) together = 1 person;
 * - total area = sum of exclusive parts; parking spaces are left out of area — and, being then
 *   not counted as exclusive parts, out of headcount — when the community excludes them (R2.3,
 *   Ningbo Art. 18). [design choice for parking-only holders under exclusion]
 */
export interface TallyUnit {
  area: number
  isParking: boolean
  developerHeld: boolean
  delivered: boolean
  ownerPartyId: string | null
}

export interface Tally {
  headcount: number
  /** 0.01 m². */
  area: number
  ownerParties: number
  developerCounted: boolean
  countedUnits: number
}

/** Whether a unit takes part in the count at all under the community's parking rule. */
export function unitCounts(u: Pick<TallyUnit, 'isParking'>, settings: { excludeParkingFromArea: boolean }): boolean {
  return !(u.isParking && settings.excludeParkingFromArea)
}

export function tallyRoster(units: readonly TallyUnit[], settings: { excludeParkingFromArea: boolean }): Tally {
  const parties = new Set<string>()
  let developer = false
  let area = 0
  let countedUnits = 0
  for (const u of units) {
    if (!unitCounts(u, settings)) continue
    countedUnits++
    area += u.area
    if (u.developerHeld || !u.delivered) developer = true
    else if (u.ownerPartyId) parties.add(u.ownerPartyId)
  }
  return { headcount: parties.size + (developer ? 1 : 0), area, ownerParties: parties.size, developerCounted: developer, countedUnits }
}
