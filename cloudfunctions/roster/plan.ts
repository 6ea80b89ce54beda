/**
 * Validated rows → the documents to write, with deterministic _ids (community + building + unit
 * number), so importing the same file again writes the same documents (idempotent re-import).
 */
import { sha256Hex } from '../_core/id-hash'
import type { BuildingDoc, OwnerPartyDoc, UnitDoc } from '../../domain/community/model'
import type { RosterRow } from '../../domain/roster/validate'

/** Same ids as the seeds use for numbered buildings (`c_x_b01`), a hash for other labels. */
export function buildingIdFor(communityId: string, label: string): string {
  const n = /^(\d{1,3})(栋|号楼|幢|号)?$/.exec(label)
  return n ? `${communityId}_b${n[1].padStart(2, '0')}` : `${communityId}_b_${sha256Hex(label).slice(0, 12)}`
}

export function unitIdFor(buildingId: string, number: string): string {
  return /^[A-Za-z0-9-]{1,16}$/.test(number) ? `${buildingId}_u${number}` : `${buildingId}_u_${sha256Hex(number).slice(0, 12)}`
}

export const developerPartyId = (communityId: string) => `${communityId}_p_developer`

function floorOf(number: string, isParking: boolean): number {
  if (isParking) return -1
  const m = /^(\d+)(\d{2})$/.exec(number)
  return m ? Number(m[1]) : 0
}

export interface RosterPlan {
  buildings: BuildingDoc[]
  units: UnitDoc[]
  parties: OwnerPartyDoc[]
  needsDeveloper: boolean
}

export function planRoster(communityId: string, rows: readonly RosterRow[], fileHash: string): RosterPlan {
  const buildings = new Map<string, BuildingDoc>()
  const parties = new Map<string, OwnerPartyDoc>()
  const units: UnitDoc[] = []
  let needsDeveloper = false
  for (const r of rows) {
    const bId = buildingIdFor(communityId, r.building)
    if (!buildings.has(bId)) {
      const n = /^(\d+)/.exec(r.building)
      buildings.set(bId, { _id: bId, communityId, name: r.building, order: n ? Number(n[1]) : 1000 + buildings.size })
    }
    let partyId: string
    if (r.unsold) {
      partyId = developerPartyId(communityId)
      needsDeveloper = true
    } else {
      // One party per exact set of holders (R2.1, §9 Q2): the same buyer's units share it.
      const sorted = [...r.holders].sort((a, b) => (a.idHash < b.idHash ? -1 : a.idHash > b.idHash ? 1 : 0))
      const holderKey = sorted.map((h) => h.idHash).join('+')
      partyId = `${communityId}_p_${sha256Hex(holderKey).slice(0, 20)}`
      if (!parties.has(partyId)) parties.set(partyId, { _id: partyId, communityId, kind: 'PERSON', holderKey, holders: sorted })
    }
    units.push({
      _id: unitIdFor(bId, r.number),
      communityId,
      buildingId: bId,
      number: r.number,
      floor: floorOf(r.number, r.isParking),
      area: r.area,
      areaSource: r.areaSource,
      areaDocRef: `名册导入 ${fileHash.slice(0, 12)} 第${r.line}行`,
      isParking: r.isParking,
      // Unsold, or sold but not delivered: counted with the developer (R2.1).
      developerHeld: r.unsold || !r.delivered,
      delivered: r.delivered,
      ownerPartyId: partyId,
    })
  }
  return { buildings: [...buildings.values()], units, parties: [...parties.values()], needsDeveloper }
}
