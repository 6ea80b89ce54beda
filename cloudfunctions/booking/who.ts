/**
 * Who a booking is for and whose quota it uses (issue #11 item 4, R6.7). Identity is the caller's
 * OPENID; forMemberId names someone else only through a household membership the caller is
 * entitled to act on: a member of the same home (family), or a grid worker for a resident of their
 * grid (R7.2) with the resident's booking_proxy consent or a note of the phone call.
 */
import { capabilityScope, roleHas } from '../../domain/access/capabilities'
import type { HouseholdMemberDoc } from '../../domain/community/model'
import type { ResourceDoc } from '../../domain/booking/model'
import { oneFamily } from '../../domain/booking/proxy'
import { consentId, type ConsentDoc } from '../../domain/privacy/consent-model'
import { consentView } from '../../domain/privacy/consent-rules'
import { purposeById } from '../../domain/privacy/purposes'
import { AppError } from '../../domain/shared/errors'
import type { CallContext } from '../_core/context'
import { getDoc } from '../_core/data'
import { gridOfBuilding, gridsOf } from '../_core/grid'
import type { Booker } from './ledger'

const isOwner = (m: HouseholdMemberDoc) => m.relation === 'OWNER' || m.relation === 'CO_OWNER'

function eligible(resource: ResourceDoc, m: HouseholdMemberDoc): boolean {
  return resource.eligibility !== 'OWNERS' || isOwner(m)
}

/**
 * The household of a person for a resource: the first approved eligible home, by unit (membership
 * ids are opaque hashes since issue #9 §7.5, so ordering by them would pick a home at random).
 */
function homeFor(resource: ResourceDoc, memberships: HouseholdMemberDoc[]): HouseholdMemberDoc | null {
  return (
    memberships
      .filter((m) => m.status === 'APPROVED' && m.communityId === resource.communityId && eligible(resource, m))
      .sort((a, b) => a.unitId.localeCompare(b.unitId))[0] ?? null
  )
}

const refuse = (resource: ResourceDoc) =>
  new AppError('FORBIDDEN', resource.eligibility === 'OWNERS' ? '该设施仅限本社区业主预约' : '该设施仅限本社区居民预约', { eligibility: resource.eligibility })

export async function resolveBooker(ctx: CallContext, resource: ResourceDoc, forMemberId: string | undefined, proxyNote: string | undefined): Promise<Booker> {
  if (!forMemberId) {
    if (proxyNote) throw new AppError('VALIDATION_FAILED', '只有代约时才需要电话记录', { fields: { proxyNote: ['仅代约时填写'] } })
    const home = homeFor(resource, ctx.memberships)
    if (home) return { openid: ctx.openid, householdKey: `u_${home.unitId}`, unitId: home.unitId, bookedBy: ctx.openid, bookedByRole: 'SELF', proxyBasis: null, proxyNote: null }
    if (resource.eligibility === 'COMMUNITY' && ctx.roles.some((r) => r.communityId === resource.communityId)) {
      return { openid: ctx.openid, householdKey: `p_${ctx.openid}`, unitId: null, bookedBy: ctx.openid, bookedByRole: 'SELF', proxyBasis: null, proxyNote: null }
    }
    throw refuse(resource)
  }
  // Sensitive services rest on the person's own separate consent (PIPL Art. 29): nobody books them for someone else.
  if (resource.sensitive) throw new AppError('FORBIDDEN', '健康咨询、调解等敏感服务需本人预约，或到社区服务大厅现场办理', { reason: 'SENSITIVE_SELF_ONLY' })
  const m = await getDoc<HouseholdMemberDoc>('household_members', forMemberId)
  if (!m || m.status !== 'APPROVED' || m.communityId !== resource.communityId) throw new AppError('NOT_FOUND', '没有找到该住户', { memberId: forMemberId })
  if (!eligible(resource, m)) throw refuse(resource)
  const base = { openid: m.openid, householdKey: `u_${m.unitId}`, unitId: m.unitId, bookedBy: ctx.openid }
  if (m.openid === ctx.openid) return { ...base, bookedByRole: 'SELF', proxyBasis: null, proxyNote: null }
  const sameHome = ctx.memberships.some((own) => own.status === 'APPROVED' && own.unitId === m.unitId && oneFamily(own.relation, m.relation))
  if (sameHome) return { ...base, bookedByRole: 'FAMILY', proxyBasis: null, proxyNote: null }
  const scope = capabilityScope(ctx.roles, 'booking.proxy', resource.communityId)
  const grid = scope && scope !== 'all' ? gridOfBuilding(await gridsOf(resource.communityId), m.buildingId) : null
  if (!scope || (scope !== 'all' && (!grid || !scope.includes(grid._id)))) {
    throw new AppError('FORBIDDEN', '只能为同一房屋的家人，或本人负责网格内的居民代约', { memberId: forMemberId })
  }
  // The resident's recorded agreement: a booking_proxy consent, or the worker's note of the phone call.
  const consent = await getDoc<ConsentDoc>('consents', consentId(m.openid, 'booking_proxy'))
  if (consentView(purposeById('booking_proxy'), consent, ctx.now).effective) return { ...base, bookedByRole: 'GRID_WORKER', proxyBasis: 'CONSENT', proxyNote: null }
  if (proxyNote) return { ...base, bookedByRole: 'GRID_WORKER', proxyBasis: 'PHONE_NOTE', proxyNote }
  // Not CONSENT_REQUIRED: that would ask the caller, and the agreement needed is the resident's.
  throw new AppError('FORBIDDEN', '该居民尚未同意网格员代约，请电话确认后填写通话记录', { reason: 'PROXY_AGREEMENT_REQUIRED', purpose: 'booking_proxy', forMemberId })
}

/** Staff with booking.manage in the resource's community; property staff only for the property's facilities. */
export function staffFor(ctx: CallContext, resource: Pick<ResourceDoc, 'communityId' | 'operator'>): boolean {
  return ctx.roles.some(
    (r) => r.communityId === resource.communityId && roleHas(r.role, 'booking.manage') && (r.role !== 'PROPERTY_STAFF' || resource.operator === 'PROPERTY'),
  )
}

export function requireStaffFor(ctx: CallContext, resource: Pick<ResourceDoc, 'communityId' | 'operator'>): void {
  if (!staffFor(ctx, resource)) throw new AppError('FORBIDDEN', '物业人员只能管理物业运营的设施', { operator: resource.operator })
}
