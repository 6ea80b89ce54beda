/**
 * Whom the caller may book for (issue #11 item 4, R6.7): the other members of their own homes
 * (family, no agreement needed), and — for a grid worker — the residents of one building of their
 * grids at a time (R7.2), each with whether their booking_proxy consent is on record, so the page
 * can ask for the note of the phone call before the tap instead of after a refusal. Names masked
 * (R4.9); nothing else about the person is returned. The booking itself re-checks all of this in
 * resolveBooker (who.ts): this list is a convenience, never the authority.
 */
import { capabilityScope, type Role } from '../../domain/access/capabilities'
import { oneFamily } from '../../domain/booking/proxy'
import { RELATION_LABELS, type BuildingDoc, type HouseholdMemberDoc } from '../../domain/community/model'
import { consentId, type ConsentDoc } from '../../domain/privacy/consent-model'
import { consentView } from '../../domain/privacy/consent-rules'
import { maskName, unitLabelFor } from '../../domain/privacy/masking'
import { purposeById } from '../../domain/privacy/purposes'
import { AppError } from '../../domain/shared/errors'
import { _ } from '../_core/cloud'
import type { CallContext } from '../_core/context'
import { findAll, findPage } from '../_core/data'
import { buildingsInScope, gridOfBuilding, gridsOf } from '../_core/grid'
import { unitLabels } from '../_core/lookup'

type Member = HouseholdMemberDoc & Record<string, unknown>
const PAGE = 50

export type Agreement = 'FAMILY' | 'CONSENT' | 'NONE'

async function agreements(members: Member[], now: Date): Promise<Set<string>> {
  if (members.length === 0) return new Set()
  const purpose = purposeById('booking_proxy')
  const docs = await findAll<ConsentDoc & Record<string, unknown>>('consents', { _id: _.in([...new Set(members.map((m) => consentId(m.openid, 'booking_proxy')))]) })
  return new Set(docs.filter((d) => consentView(purpose, d, now).effective).map((d) => d.openid))
}

async function rows(ctx: CallContext, communityId: string, members: Member[], agreementOf: (m: Member) => Agreement) {
  const labels = await unitLabels(members.map((m) => m.unitId))
  const myRoles = ctx.roles.filter((r) => r.communityId === communityId).map((r) => r.role as Role)
  return members.map((m) => {
    const l = labels.get(m.unitId)
    return {
      memberId: m._id,
      nameMasked: maskName(m.realName),
      // A family member sees their own home in full; staff per role (R4.9).
      unitLabel: l ? unitLabelFor(agreementOf(m) === 'FAMILY' ? 'self' : myRoles, l.buildingName, l.unit.number) : '',
      relationLabel: RELATION_LABELS[m.relation],
      agreement: agreementOf(m),
    }
  })
}

export async function proxyTargets(ctx: CallContext, communityId: string, buildingId: string | undefined, page: number) {
  if (!ctx.roles.some((r) => r.communityId === communityId)) throw new AppError('FORBIDDEN', '加入本社区后才能预约', { communityId })
  const mine = ctx.memberships.filter((m) => m.status === 'APPROVED' && m.communityId === communityId)
  const myUnits = [...new Set(mine.map((m) => m.unitId))]
  // The same rule as booking.create (who.ts): one unit, and not a tenant with the unit's owner.
  const family = myUnits.length
    ? (await findAll<Member>('household_members', { communityId, unitId: _.in(myUnits), status: 'APPROVED' }, { orderBy: [['unitId', 'asc']], max: 200 })).filter(
        (m) => m.openid !== ctx.openid && mine.some((own) => own.unitId === m.unitId && oneFamily(own.relation, m.relation)),
      )
    : []

  const scope = capabilityScope(ctx.roles, 'booking.proxy', communityId)
  let buildings: { id: string; name: string }[] = []
  let residents: Awaited<ReturnType<typeof rows>> = []
  let hasMore = false
  if (scope) {
    const grids = await gridsOf(communityId)
    const inScope = buildingsInScope(grids, scope)
    const docs = await findAll<BuildingDoc & Record<string, unknown>>('buildings', inScope === 'all' ? { communityId } : { _id: _.in(inScope) }, { orderBy: [['order', 'asc']], max: 500 })
    buildings = docs.map((b) => ({ id: b._id, name: b.name }))
    if (buildingId) {
      const grid = gridOfBuilding(grids, buildingId)
      if (scope !== 'all' && (!grid || !scope.includes(grid._id))) throw new AppError('FORBIDDEN', '只能为本人负责网格内的居民代约', { buildingId })
      // One more than a page tells whether there is a next one without a count() round trip.
      const found = await findPage<Member>('household_members', { communityId, buildingId, status: 'APPROVED' }, { orderBy: [['unitId', 'asc'], ['_id', 'asc']], skip: page * PAGE, limit: PAGE + 1 })
      const slice = found.slice(0, PAGE)
      hasMore = found.length > PAGE
      const agreed = await agreements(slice, ctx.now)
      residents = await rows(ctx, communityId, slice, (m) => (agreed.has(m.openid) ? 'CONSENT' : 'NONE'))
    }
  } else if (buildingId) {
    throw new AppError('FORBIDDEN', '只有网格员可以为网格内的居民代约', { buildingId })
  }
  return { family: await rows(ctx, communityId, family, () => 'FAMILY'), buildings, residents, hasMore }
}
