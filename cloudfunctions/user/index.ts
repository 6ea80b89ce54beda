/**
 * user: who am I (bootstrap), profile, and the rights desk for the caller's own data (R4.6).
 * Identity is the platform's OPENID only.
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { count, findAll, getDoc, isDuplicateKey } from '../_core/data'
import { communityNames, membershipViews } from '../_core/lookup'
import { requireConsent } from '../_core/guards'
import { eraseAccount, findReferences } from '../_core/personal-data'
import { readableSections, selectForExport } from './export'
import { pseudonymFor } from '../_core/id-hash'
import { recordRightsRequest, type RightsRequestDoc } from '../_core/rights'
import { userContract } from '../../domain/user/contract'
import { capabilitiesIn } from '../../domain/access/capabilities'
import { maskPhone } from '../../domain/privacy/masking'
import type { UserDoc } from '../../domain/community/model'

const IDEMPOTENCY_DAYS = 7

export const main = createFunction(userContract, {
  async bootstrap(_input, ctx) {
    let user = ctx.user
    let isNew = false
    if (!user) {
      const existing = await getDoc<UserDoc>('users', ctx.openid)
      if (existing && existing.deletedAt) {
        // A deleted account starts over as a new person (R4.6): nothing of the old one is reused.
        await db.collection('users').doc(ctx.openid).remove()
      }
      const fresh: UserDoc = {
        _id: ctx.openid,
        nickname: null,
        realName: null,
        phone: null,
        elderMode: null,
        currentCommunityId: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      try {
        await db.collection('users').add({ data: fresh })
        isNew = true
      } catch (e) {
        // Two first calls raced; the other one created it.
        if (!isDuplicateKey(e)) throw e
      }
      user = (await getDoc<UserDoc>('users', ctx.openid)) ?? fresh
    }

    const visible = ctx.memberships.filter((m) => m.status !== 'LEFT')
    const ownedUnits = visible.filter((m) => m.status === 'APPROVED' && (m.relation === 'OWNER' || m.relation === 'CO_OWNER')).map((m) => m.unitId)
    const [names, memberships, ownerReviews] = await Promise.all([
      communityNames([...visible.map((m) => m.communityId), ...ctx.roles.map((r) => r.communityId), ...(user.currentCommunityId ? [user.currentCommunityId] : [])]),
      membershipViews(visible),
      ownedUnits.length
        ? count('household_members', { unitId: _.in(ownedUnits), status: 'APPLIED', relation: _.in(['TENANT', 'FAMILY']), openid: _.neq(ctx.openid) })
        : Promise.resolve(0),
    ])
    const approved = visible.find((m) => m.status === 'APPROVED')
    const currentId = user.currentCommunityId ?? approved?.communityId ?? ctx.roles.find((r) => r.role !== 'RESIDENT' && r.role !== 'OWNER')?.communityId ?? null
    const capabilities: Record<string, string[]> = {}
    for (const c of new Set(ctx.roles.map((r) => r.communityId))) capabilities[c] = capabilitiesIn(ctx.roles, c)

    return {
      isNew: isNew || (visible.length === 0 && ctx.roles.length === 0 && !user.currentCommunityId),
      profile: { nickname: user.nickname, elderMode: user.elderMode, realName: user.realName ?? null, phoneMasked: user.phone ? maskPhone(user.phone) : null },
      memberships,
      ownerReviews,
      roles: ctx.roles,
      capabilities,
      currentCommunity: currentId ? { id: currentId, name: names.get(currentId) ?? '' } : null,
    }
  },

  async updateProfile(input, ctx) {
    // Consent per field, from the registry (R4.1): phone ∈ contact_phone, realName ∈ household.
    // Clearing a field (null) never needs consent — it reduces processing.
    if (input.phone) await requireConsent(ctx, 'contact_phone')
    if (input.realName) await requireConsent(ctx, 'household')
    const data: Record<string, unknown> = { updatedAt: ctx.now }
    for (const k of ['nickname', 'realName', 'phone'] as const) if (input[k] !== undefined) data[k] = input[k]
    await db.collection('users').doc(ctx.openid).update({ data })
    // Correction is a right too (R4.6): served at once, but on record like the others.
    await recordRightsRequest(ctx, ctx.openid, 'CORRECT', { fields: Object.keys(data).filter((k) => k !== 'updatedAt') })
    const user = await getDoc<UserDoc>('users', ctx.openid)
    return { nickname: user?.nickname ?? null, realName: user?.realName ?? null, phoneMasked: user?.phone ? maskPhone(user.phone) : null }
  },

  async exportMyData(_input, ctx) {
    // Record the request first, so the export also contains its own record (it refers to the caller).
    const rightsRequestId = await recordRightsRequest(ctx, ctx.openid, 'ACCESS_COPY', { format: 'json' })
    const found = await findReferences(ctx.openid)
    const { collections, counts, kept } = await selectForExport(found, ctx.openid)
    return { generatedAt: ctx.now, rightsRequestId, collections, counts, sections: await readableSections(kept, ctx.openid) }
  },

  async deleteAccount(_input, ctx) {
    const { deleted, pseudonymised } = await eraseAccount(ctx.openid)
    // The request record itself may only name the pseudonym: nothing may lead back to the openid.
    const rightsRequestId = await recordRightsRequest(ctx, pseudonymFor(ctx.openid), 'DELETE_ACCOUNT', { deleted, pseudonymised })
    return { rightsRequestId, deleted, pseudonymised }
  },

  async myRequests(_input, ctx) {
    const docs = await findAll<RightsRequestDoc>('rights_requests', { openid: ctx.openid }, { max: 500 })
    docs.sort((a, b) => new Date(b.requestedAt).getTime() - new Date(a.requestedAt).getTime())
    return {
      requests: docs.map((d) => ({
        id: d._id,
        type: d.type,
        status: d.status,
        requestedAt: d.requestedAt,
        deadline: d.deadline,
        completedAt: d.completedAt ?? null,
        refusalReason: d.refusalReason ?? null,
      })),
    }
  },

  async setElderMode({ elderMode }, ctx) {
    await db.collection('users').doc(ctx.openid).update({ data: { elderMode, updatedAt: ctx.now } })
    return { elderMode }
  },
}, {
  /** Idempotency records only need to outlive client retries; keep them 7 days (config.json timer, 03:30 Asia/Shanghai). */
  async 'purge-idempotency'({ now }) {
    const cutoff = new Date(now.getTime() - IDEMPOTENCY_DAYS * 24 * 3600 * 1000)
    const res = (await db.collection('idempotency').where({ at: _.lt(cutoff) }).remove()) as unknown as { stats: { removed: number } }
    return { removed: res.stats.removed }
  },
})
