/** Resolve ids to the names people read (community names, unit labels) in a few batched queries. */
import { _ } from './cloud'
import { findAll } from './data'
import { unitLabel, type BuildingDoc, type CommunityDoc, type HouseholdMemberDoc, type UnitDoc } from '../../domain/community/model'

export async function communityNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const docs = await findAll<CommunityDoc & Record<string, unknown>>('communities', { _id: _.in(unique) })
  return new Map(docs.map((c) => [c._id, c.name]))
}

export async function unitLabels(unitIds: string[]): Promise<Map<string, { label: string; buildingName: string; unit: UnitDoc }>> {
  const unique = [...new Set(unitIds)]
  if (unique.length === 0) return new Map()
  const units = await findAll<UnitDoc & Record<string, unknown>>('units', { _id: _.in(unique) })
  const buildingIds = [...new Set(units.map((u) => u.buildingId))]
  const buildings = await findAll<BuildingDoc & Record<string, unknown>>('buildings', { _id: _.in(buildingIds) })
  const bName = new Map(buildings.map((b) => [b._id, b.name]))
  return new Map(units.map((u) => [u._id, { label: unitLabel(bName.get(u.buildingId) ?? '', u.number), buildingName: bName.get(u.buildingId) ?? '', unit: u }]))
}

/** What a person reads about a membership: community and unit by name, relation and status. */
export async function membershipViews(docs: HouseholdMemberDoc[]) {
  const [names, labels] = await Promise.all([communityNames(docs.map((d) => d.communityId)), unitLabels(docs.map((d) => d.unitId))])
  return docs.map((d) => ({
    id: d._id,
    communityId: d.communityId,
    communityName: names.get(d.communityId) ?? '',
    unitId: d.unitId,
    unitLabel: labels.get(d.unitId)?.label ?? '',
    relation: d.relation,
    status: d.status,
  }))
}
