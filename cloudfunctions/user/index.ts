/**
 * user: who am I (bootstrap) and personal settings. Identity is the platform's OPENID only.
 */
import { createFunction } from '../_core/router'
import { db } from '../_core/cloud'
import { getDoc, isDuplicateKey } from '../_core/data'
import { communityNames, unitLabels } from '../_core/lookup'
import { userContract } from '../../domain/user/contract'
import { capabilitiesIn } from '../../domain/access/capabilities'
import type { UserDoc } from '../../domain/community/model'

export const main = createFunction(userContract, {
  async bootstrap(_input, ctx) {
    let user = ctx.user
    let isNew = false
    if (!user) {
      const existing = await getDoc<UserDoc & Record<string, unknown>>('users', ctx.openid)
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
      user = (await getDoc<UserDoc & Record<string, unknown>>('users', ctx.openid)) ?? fresh
    }

    const visible = ctx.memberships.filter((m) => m.status !== 'LEFT')
    const [names, labels] = await Promise.all([
      communityNames([...visible.map((m) => m.communityId), ...ctx.roles.map((r) => r.communityId), ...(user.currentCommunityId ? [user.currentCommunityId] : [])]),
      unitLabels(visible.map((m) => m.unitId)),
    ])
    const approved = visible.find((m) => m.status === 'APPROVED')
    const currentId = user.currentCommunityId ?? approved?.communityId ?? ctx.roles.find((r) => r.role !== 'RESIDENT' && r.role !== 'OWNER')?.communityId ?? null
    const capabilities: Record<string, string[]> = {}
    for (const c of new Set(ctx.roles.map((r) => r.communityId))) capabilities[c] = capabilitiesIn(ctx.roles, c)

    return {
      isNew: isNew || (visible.length === 0 && ctx.roles.length === 0 && !user.currentCommunityId),
      profile: { nickname: user.nickname, elderMode: user.elderMode },
      memberships: visible.map((m) => ({
        id: m._id,
        communityId: m.communityId,
        communityName: names.get(m.communityId) ?? '',
        unitId: m.unitId,
        unitLabel: labels.get(m.unitId)?.label ?? '',
        relation: m.relation,
        status: m.status,
      })),
      roles: ctx.roles,
      capabilities,
      currentCommunity: currentId ? { id: currentId, name: names.get(currentId) ?? '' } : null,
    }
  },

  async setElderMode({ elderMode }, ctx) {
    await db.collection('users').doc(ctx.openid).update({ data: { elderMode, updatedAt: ctx.now } })
    return { elderMode }
  },
})
