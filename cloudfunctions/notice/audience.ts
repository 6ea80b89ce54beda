/**
 * The audience in the database: counting it with one request (never loading it, so publishing to
 * 5,000 households costs what publishing to 500 does), listing it for the unread list, and the
 * caller's own households for the inbox. The matching rule itself is domain/notice/model.ts
 * `addresses`, shared with the tests.
 */
import { _, db } from '../_core/cloud'
import { findAll } from '../_core/data'
import type { HouseholdMemberDoc, UnitDoc } from '../../domain/community/model'
import type { CareProfileDoc, HouseholdFacts, ResolvedAudience } from '../../domain/notice/model'

export type { CareProfileDoc }

export const careProfileId = (unitId: string) => `care_${unitId}`

/** Where-clause for the audience's scope (buildings / units) on a collection with buildingId and unitId fields. */
export function scopeWhere(a: ResolvedAudience, unitField: '_id' | 'unitId', within: readonly string[] | null): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = []
  if (!a.communityWide) {
    const or: Record<string, unknown>[] = []
    if (a.buildingIds.length) or.push({ buildingId: _.in(a.buildingIds) })
    if (a.unitIds.length) or.push({ [unitField]: _.in(a.unitIds) })
    parts.push(or.length === 1 ? or[0] : (_.or(or) as unknown as Record<string, unknown>))
  }
  if (within) parts.push({ buildingId: _.in([...within]) })
  return parts
}

export const and = (parts: Record<string, unknown>[]): Record<string, unknown> =>
  parts.length === 1 ? parts[0] : (_.and(parts) as unknown as Record<string, unknown>)

/** The query whose documents are the audience's households, with the collection and its unit field. */
function audienceQuery(communityId: string, a: ResolvedAudience, within: readonly string[] | null): { collection: string; where: Record<string, unknown>; unitField: string; distinct: boolean } {
  if (a.tags.length) {
    return { collection: 'care_profiles', unitField: 'unitId', distinct: false, where: and([{ communityId, careFlags: _.in(a.tags) }, ...scopeWhere(a, 'unitId', within)]) }
  }
  if (a.relation === 'TENANTS') {
    return {
      collection: 'household_members',
      unitField: 'unitId',
      distinct: true,
      where: and([{ communityId, status: 'APPROVED', relation: 'TENANT' }, ...scopeWhere(a, 'unitId', within)]),
    }
  }
  // Dwellings of the register (parking spaces and retired units are not households). Owners only:
  // units whose owner is not the developer (R2.1).
  const base: Record<string, unknown> = { communityId, isParking: false, retired: _.neq(true) }
  if (a.relation === 'OWNERS') base.developerHeld = false
  return { collection: 'units', unitField: '_id', distinct: false, where: and([base, ...scopeWhere(a, '_id', within)]) }
}

/** Households addressed, with one count() (or one aggregate for tenants, who are counted per unit). */
export async function countAudience(communityId: string, a: ResolvedAudience, within: readonly string[] | null = null): Promise<number> {
  const q = audienceQuery(communityId, a, within)
  if (!q.distinct) {
    const res = (await db.collection(q.collection).where(q.where).count()) as unknown as { total: number }
    return res.total
  }
  const res = (await db
    .collection(q.collection)
    .aggregate()
    .match(q.where)
    .group({ _id: `$${q.unitField}` })
    .count('n')
    .end()) as unknown as { list: { n: number }[] }
  return res.list[0]?.n ?? 0
}

/** The audience's households as unit ids + buildings (paged reads; only for the unread list, which may grow). */
export async function listAudience(communityId: string, a: ResolvedAudience, within: readonly string[] | null): Promise<{ unitId: string; buildingId: string }[]> {
  const q = audienceQuery(communityId, a, within)
  const docs = await findAll<{ _id: string; unitId?: string; buildingId: string }>(q.collection, q.where, { max: 20_000 })
  const seen = new Map<string, string>()
  for (const d of docs) {
    const unitId = q.unitField === '_id' ? d._id : (d.unitId as string)
    if (!seen.has(unitId)) seen.set(unitId, d.buildingId)
  }
  return [...seen].map(([unitId, buildingId]) => ({ unitId, buildingId }))
}

/** The caller's own households (approved memberships) with their care tags, for the inbox rule. */
export async function myHouseholds(memberships: readonly HouseholdMemberDoc[], communityId?: string): Promise<(HouseholdFacts & { communityId: string })[]> {
  const approved = memberships.filter((m) => m.status === 'APPROVED' && (!communityId || m.communityId === communityId))
  if (approved.length === 0) return []
  const unitIds = [...new Set(approved.map((m) => m.unitId))]
  const care = await findAll<CareProfileDoc>('care_profiles', { unitId: _.in(unitIds) }, { max: 500 })
  return unitIds.map((unitId) => {
    const mine = approved.filter((m) => m.unitId === unitId)
    const rel = mine.map((m) => m.relation)
    return {
      unitId,
      buildingId: mine[0].buildingId,
      communityId: mine[0].communityId,
      relations: rel,
      // For the caller's inbox an owners-only notice reaches them when they are an owner of it.
      hasOwner: rel.some((r) => r === 'OWNER' || r === 'CO_OWNER'),
      tags: care.filter((c) => c.unitId === unitId).flatMap((c) => c.careFlags),
    }
  })
}

/** Unit documents by id (validates ids in a community and maps units to buildings). */
export async function unitsById(communityId: string, unitIds: readonly string[]): Promise<UnitDoc[]> {
  if (unitIds.length === 0) return []
  return findAll<UnitDoc>('units', { communityId, _id: _.in([...unitIds]) }, { max: 1000 })
}
