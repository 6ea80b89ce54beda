/**
 * access: the audited reveal of a masked field, and the subject's view of every such access
 * ("谁看过我的数据"). GB/T 35273 §7.1: access to personal data is authorised and logged; R4.10:
 * grid workers only within their grids (R7.2).
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, findPage, getDoc } from '../_core/data'
import { requireGridScope } from '../_core/guards'
import { gridOfBuilding, gridsOf } from '../_core/grid'
import { accessContract } from '../../domain/access/contract'
import { ROLE_LABELS, capabilityScope, roleHas, type Role } from '../../domain/access/capabilities'
import { findCallbackRequest } from '../_core/callbacks'
import type { CallContext } from '../_core/context'
import { consentId, type ConsentDoc } from '../../domain/privacy/consent-model'
import { POLICY_VERSION } from '../../domain/privacy/purposes'
import type { HouseholdMemberDoc, UserDoc } from '../../domain/community/model'
import { maskName } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'

interface AccessLogDoc {
  _id: string
  at: Date
  actorOpenid: string
  actorRole: Role | null
  subjectOpenid: string
  communityId: string
  field: string
  reason: string
  unitId: string | null
  /** The service request that justified a property reveal ('<kind>:<id>'). */
  serviceRequestId?: string
}

const FIELD_LABELS: Record<string, string> = { phone: '手机号' }

/** Roles that may reveal from the household records (the directory, the review queue). */
const HOUSEHOLD_REVEALERS: Role[] = ['GRID_WORKER', 'RC_STAFF']

/**
 * Whose phone this reveal is for, and in which capacity (issue #9 §7.6, issue #7 §4):
 * - a household membership (approved, or an application under review — the reviewer must be able
 *   to call the applicant), for grid workers in their grids (R7.2) and residents'-committee staff;
 * - a service request of the resident that asked for a call-back, for property staff (and the
 *   others): the property company gets no roster to browse (R4.14, docs/decisions.md).
 */
async function revealSubject(ctx: CallContext, communityId: string, memberId: string | undefined, serviceRequestId: string | undefined) {
  const held = ctx.roles.filter((r) => r.communityId === communityId && roleHas(r.role, 'personal.reveal'))
  if (memberId) {
    const staff = held.filter((r) => HOUSEHOLD_REVEALERS.includes(r.role))
    if (staff.length === 0) throw new AppError('FORBIDDEN', '物业人员只能在住户请求回电的服务单中查看电话', { memberId })
    const m = await getDoc<HouseholdMemberDoc>('household_members', memberId)
    if (!m || m.communityId !== communityId || (m.status !== 'APPROVED' && m.status !== 'APPLIED')) throw new AppError('NOT_FOUND', '没有找到该住户', { memberId })
    // Row-level grid check (R7.2), on the household roles only: a property role must not widen it.
    const grid = gridOfBuilding(await gridsOf(communityId), m.buildingId)
    requireGridScope(capabilityScope(staff, 'personal.reveal', communityId), grid?._id)
    return { openid: m.openid, unitId: m.unitId, actorRole: staff[0].role }
  }
  const req = serviceRequestId ? await findCallbackRequest(communityId, serviceRequestId) : null
  if (!req) throw new AppError('FORBIDDEN', '只能在住户请求回电的服务单中查看电话', { serviceRequestId: serviceRequestId ?? null })
  const gridScoped = held.every((r) => r.role === 'GRID_WORKER')
  if (gridScoped) requireGridScope(capabilityScope(held, 'personal.reveal', communityId), gridOfBuilding(await gridsOf(communityId), req.buildingId)?._id)
  const actorRole = held.find((r) => r.role === 'PROPERTY_STAFF')?.role ?? held[0]?.role ?? null
  return { openid: req.openid, unitId: req.unitId ?? null, actorRole }
}

export const main = createFunction(accessContract, {
  async reveal({ communityId, memberId, serviceRequestId, field, reason }, ctx) {
    const subject = await revealSubject(ctx, communityId, memberId, serviceRequestId)
    // The subject's phone is held on their contact_phone consent: withdrawn or never given → none to show.
    const consent = await getDoc<ConsentDoc>('consents', consentId(subject.openid, 'contact_phone'))
    const user = await getDoc<UserDoc>('users', subject.openid)
    if (consent?.state !== 'GRANTED' || consent.policyVersion !== POLICY_VERSION || !user?.phone || user.deletedAt) {
      throw new AppError('NOT_FOUND', '该住户未提供联系电话', { field })
    }
    const actorRole = subject.actorRole
    const log: AccessLogDoc = {
      _id: `ax:${ctx.requestId}`,
      at: ctx.now,
      actorOpenid: ctx.openid,
      actorRole,
      subjectOpenid: subject.openid,
      communityId,
      field,
      reason,
      unitId: subject.unitId,
      ...(serviceRequestId ? { serviceRequestId } : {}),
    }
    // Logged before the value leaves the function: no reveal without its trace.
    const { _id, ...data } = log
    await db.collection('access_log').doc(_id).set({ data })
    return { field, value: user.phone, loggedAs: _id }
  },

  async myLog({ page }, ctx) {
    const PAGE = 50
    const docs = await findPage<AccessLogDoc>('access_log', { subjectOpenid: ctx.openid }, { orderBy: [['at', 'desc']], skip: page * PAGE, limit: PAGE + 1 > 100 ? 100 : PAGE + 1 })
    const shown = docs.slice(0, PAGE)
    const actors = shown.length ? await findAll<UserDoc>('users', { _id: _.in([...new Set(shown.map((d) => d.actorOpenid))]) }) : []
    // Staff act in an official capacity: the resident sees who, by full name (issue #7 §16).
    const names = new Map(actors.map((u) => [u._id, u.realName ?? u.nickname ?? '']))
    return {
      entries: shown.map((d) => ({
        at: d.at,
        actorRole: d.actorRole,
        actorRoleLabel: d.actorRole ? ROLE_LABELS[d.actorRole] : '工作人员',
        actorName: names.get(d.actorOpenid) ?? '（已注销）',
        actorNameMasked: names.has(d.actorOpenid) ? maskName(names.get(d.actorOpenid)) : '（已注销）',
        field: d.field,
        fieldLabel: FIELD_LABELS[d.field] ?? d.field,
        reason: d.reason,
      })),
      hasMore: docs.length > PAGE,
    }
  },
})
