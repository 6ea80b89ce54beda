/**
 * community: browsing what to join (no owners, no personal data) and the resident's grid card (R7.1).
 */
import { createFunction } from '../_core/router'
import { _ } from '../_core/cloud'
import { findAll } from '../_core/data'
import { unitLabels } from '../_core/lookup'
import { gridOfBuilding, gridsOf } from '../_core/grid'
import { communityContract } from '../../domain/community/contract'
import { unitLabel, type BuildingDoc, type CommunityDoc, type UnitDoc } from '../../domain/community/model'
import { maskPhone } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'

export const main = createFunction(communityContract, {
  async list() {
    const docs = await findAll<CommunityDoc>('communities', {}, { max: 2000 })
    return { communities: docs.map((c) => ({ id: c._id, name: c.name, city: c.city, kind: c.kind })) }
  },

  async units({ communityId, buildingId }) {
    // Buildings of an import still in progress are not offered (issue #9 §7.10).
    const buildings = (await findAll<BuildingDoc & { stagedBy?: string }>('buildings', { communityId }, { orderBy: [['order', 'asc']], max: 1000 })).filter((b) => !b.stagedBy)
    if (buildingId && !buildings.some((b) => b._id === buildingId)) throw new AppError('NOT_FOUND', '没有找到该楼栋', { buildingId })
    let units: { id: string; buildingId: string; label: string; number: string; floor: number }[] = []
    if (buildingId) {
      const building = buildings.find((b) => b._id === buildingId)!
      // Only what a joiner needs to pick their door: never owners, areas or parking spaces (R4.2).
      const docs = await findAll<UnitDoc>('units', { buildingId, isParking: false, retired: _.neq(true) }, { orderBy: [['number', 'asc']], max: 2000 })
      units = docs.map((u) => ({ id: u._id, buildingId: u.buildingId, label: unitLabel(building.name, u.number), number: u.number, floor: u.floor }))
    }
    return { buildings: buildings.map((b) => ({ id: b._id, name: b.name })), units }
  },

  async grids({ communityId }) {
    const [grids, buildings] = await Promise.all([gridsOf(communityId), findAll<BuildingDoc>('buildings', { communityId }, { max: 1000 })])
    const name = new Map(buildings.map((b) => [b._id, b.name]))
    return {
      grids: grids.map((g) => ({ id: g._id, name: g.name, buildingIds: g.buildingIds, buildingNames: g.buildingIds.map((b) => name.get(b) ?? ''), households: g.households, workerName: g.workerName })),
    }
  },

  async myGridCard({ communityId }, ctx) {
    const homes = ctx.memberships.filter((m) => m.status === 'APPROVED' && (!communityId || m.communityId === communityId))
    if (homes.length === 0) return { cards: [] }
    const labels = await unitLabels(homes.map((m) => m.unitId))
    const cards = []
    const seen = new Set<string>()
    for (const c of [...new Set(homes.map((m) => m.communityId))]) {
      const grids = await gridsOf(c)
      for (const m of homes.filter((h) => h.communityId === c)) {
        const g = gridOfBuilding(grids, m.buildingId)
        if (!g || seen.has(g._id)) continue
        seen.add(g._id)
        cards.push({
          gridId: g._id,
          gridName: g.name,
          communityId: c,
          unitLabel: labels.get(m.unitId)?.label ?? '',
          households: g.households,
          workerName: g.workerName,
          // Shown masked on the card; the number itself is the worker's published contact
          // (R7.1, Binzhou Art. 6), so the client may dial it on tap without a logged reveal.
          workerPhoneMasked: maskPhone(g.workerPhone),
          workerTel: g.workerPhone,
          supervisorHotline: g.supervisorHotline,
        })
      }
    }
    return { cards }
  },
})
