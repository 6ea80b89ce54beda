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
import { ROLE_LABELS, roleHas, type Role } from '../../domain/access/capabilities'
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
}

const FIELD_LABELS: Record<string, string> = { phone: '手机号' }

export const main = createFunction(accessContract, {
  async reveal({ communityId, memberId, field, reason }, ctx) {
    const m = await getDoc<HouseholdMemberDoc>('household_members', memberId)
    if (!m || m.communityId !== communityId || m.status !== 'APPROVED') throw new AppError('NOT_FOUND', '没有找到该住户', { memberId })
    // Router checked the capability in the community; now the row-level grid check (R7.2).
    const grid = gridOfBuilding(await gridsOf(communityId), m.buildingId)
    requireGridScope(ctx.scope, grid?._id)
    // The subject's phone is held on their contact_phone consent: withdrawn or never given → none to show.
    const consent = await getDoc<ConsentDoc>('consents', consentId(m.openid, 'contact_phone'))
    const subject = await getDoc<UserDoc>('users', m.openid)
    if (consent?.state !== 'GRANTED' || consent.policyVersion !== POLICY_VERSION || !subject?.phone) {
      throw new AppError('NOT_FOUND', '该住户未提供联系电话', { field })
    }
    const actorRole = ctx.roles.find((r) => r.communityId === communityId && roleHas(r.role, 'personal.reveal'))?.role ?? null
    const log: AccessLogDoc = {
      _id: `ax:${ctx.requestId}`,
      at: ctx.now,
      actorOpenid: ctx.openid,
      actorRole,
      subjectOpenid: m.openid,
      communityId,
      field,
      reason,
      unitId: m.unitId,
    }
    // Logged before the value leaves the function: no reveal without its trace.
    const { _id, ...data } = log
    await db.collection('access_log').doc(_id).set({ data })
    return { field, value: subject.phone, loggedAs: _id }
  },

  async myLog({ page }, ctx) {
    const PAGE = 50
    const docs = await findPage<AccessLogDoc>('access_log', { subjectOpenid: ctx.openid }, { orderBy: [['at', 'desc']], skip: page * PAGE, limit: PAGE + 1 > 100 ? 100 : PAGE + 1 })
    const shown = docs.slice(0, PAGE)
    const actors = shown.length ? await findAll<UserDoc>('users', { _id: _.in([...new Set(shown.map((d) => d.actorOpenid))]) }) : []
    const names = new Map(actors.map((u) => [u._id, maskName(u.realName ?? u.nickname ?? '')]))
    return {
      entries: shown.map((d) => ({
        at: d.at,
        actorRole: d.actorRole,
        actorRoleLabel: d.actorRole ? ROLE_LABELS[d.actorRole] : '工作人员',
        actorNameMasked: names.get(d.actorOpenid) ?? '（已注销）',
        field: d.field,
        fieldLabel: FIELD_LABELS[d.field] ?? d.field,
        reason: d.reason,
      })),
      hasMore: docs.length > PAGE,
    }
  },
})
