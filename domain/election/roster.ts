/**
 * The roster snapshot of a vote (R2.1–R2.3, issue #12 item 3): one voting right per owner party —
 * one head with the sum of its units' areas; every developer-held unit (unsold, or sold and not
 * delivered) under one key; a co-owned unit is one party (one certificate), hence one right.
 * Parking spaces leave area and heads when the community excludes them (R2.3). Area is whatever the
 * register holds for the unit, whose source is register > survey > contract (R2.2, validated on import).
 */
import type { RosterUnit } from './tally'

export interface SnapshotUnit {
  _id: string
  area: number
  isParking: boolean
  developerHeld: boolean
  delivered: boolean
  ownerPartyId: string | null
  retired?: boolean
}

export const DEVELOPER_PARTY = 'DEVELOPER'

export function partyOfUnit(u: SnapshotUnit): string | null {
  if (u.developerHeld || !u.delivered) return DEVELOPER_PARTY
  return u.ownerPartyId
}

export function snapshotRoster(units: readonly SnapshotUnit[], settings: { excludeParkingFromArea: boolean }): RosterUnit[] {
  const out: RosterUnit[] = []
  for (const u of units) {
    if (u.retired) continue
    if (u.isParking && settings.excludeParkingFromArea) continue
    const party = partyOfUnit(u)
    if (!party) continue
    out.push({ unitId: u._id, areaCentiM2: u.area, party })
  }
  return out
}

/** Voting rights of a snapshot: party → { area, units }. */
export function rightsOf(roster: readonly RosterUnit[]): Map<string, { areaCentiM2: number; unitIds: string[] }> {
  const m = new Map<string, { areaCentiM2: number; unitIds: string[] }>()
  for (const u of roster) {
    const r = m.get(u.party) ?? { areaCentiM2: 0, unitIds: [] }
    r.areaCentiM2 += u.areaCentiM2
    r.unitIds.push(u.unitId)
    m.set(u.party, r)
  }
  return m
}
