/** group.list/get/join/leave/propose/review/proposals/members. */
import { randomBytes } from 'node:crypto'
import { _, db } from '../_core/cloud'
import { count, findAll, findPage, getDoc } from '../_core/data'
import { audit } from '../_core/audit'
import type { Handlers } from '../_core/router'
import type { HouseholdMemberDoc } from '../../domain/community/model'
import type { GroupContract } from '../../domain/group/contract'
import { AppError } from '../../domain/shared/errors'
import { maskName } from '../../domain/privacy/masking'
import type { GroupDoc, MemberDoc } from './model'
import { canRead, ensureStandardGroups, groupView, inCommunity, isJoined, loadGroup, memberDocId, memberDocsOf, mutedUntil } from './standing'
import { namesOf } from './views'
import { screen, refuse } from './screen'

type H = Pick<Handlers<GroupContract>, 'list' | 'get' | 'join' | 'leave' | 'propose' | 'review' | 'proposals' | 'members'>

const PAGE = 50

async function setMember(groupId: string, communityId: string, openid: string, patch: Partial<MemberDoc>, now: Date): Promise<void> {
  const before = await getDoc<MemberDoc>('group_members', memberDocId(groupId, openid))
  const next: Omit<MemberDoc, '_id'> = {
    groupId,
    communityId,
    openid,
    state: before?.state ?? 'JOINED',
    mutedUntil: before?.mutedUntil ?? null,
    muteReason: before?.muteReason ?? null,
    removedReason: before?.removedReason ?? null,
    ...patch,
    updatedAt: now,
  }
  await db.collection('group_members').doc(memberDocId(groupId, openid)).set({ data: next })
}
export { setMember }

export const groupHandlers: H = {
  async list({ communityId }, ctx) {
    if (!inCommunity(ctx, communityId)) return { groups: [] }
    const existing = await findAll<GroupDoc>('groups', { communityId }, { max: 1000 })
    const all = await ensureStandardGroups(communityId, existing, ctx.now)
    // A refused proposal stays in its proposer's list with the reason; others never see it.
    const visible = all.filter((g) => g.status !== 'ARCHIVED' && (g.status !== 'REJECTED' || g.proposedBy === ctx.openid) && canRead(ctx, g))
    const mine = await memberDocsOf(ctx, visible.map((g) => g._id))
    const order = { BUILDING: 0, OFFICIAL: 1, INTEREST: 2 } as const
    const groups = visible
      .map((g) => groupView(ctx, g, mine.get(g._id) ?? null))
      .sort((a, b) => Number(b.joined) - Number(a.joined) || order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh'))
    return { groups }
  },

  async get({ groupId }, ctx) {
    const s = await loadGroup(ctx, groupId)
    return {
      group: groupView(ctx, s.group, s.member),
      memberCount: await memberCount(s.group),
      me: { mutedUntil: mutedUntil(s.member, ctx.now), muteReason: mutedUntil(s.member, ctx.now) ? s.member!.muteReason : null, removedReason: s.member?.state === 'REMOVED' ? s.member.removedReason : null },
    }
  },

  async join({ groupId }, ctx) {
    const s = await loadGroup(ctx, groupId)
    const g = s.group
    if (s.member?.state === 'REMOVED') throw new AppError('FORBIDDEN', `您已被移出本群：${s.member.removedReason ?? ''}`, { groupId })
    if (g.status !== 'ACTIVE') throw new AppError('CONFLICT', '这个群现在不能加入', { status: g.status })
    if (g.kind === 'OFFICIAL') throw new AppError('CONFLICT', '官方群由工作人员组成，居民可以直接查看和评论', { groupId })
    if (g.kind === 'BUILDING' && !isJoined(ctx, g, { ...(s.member as MemberDoc), state: 'JOINED' })) throw new AppError('FORBIDDEN', '只有本楼栋审核通过的住户可以加入', { groupId })
    if (!isJoined(ctx, g, s.member)) await setMember(groupId, g.communityId, ctx.openid, { state: 'JOINED' }, ctx.now)
    return { groupId, joined: true }
  },

  async leave({ groupId }, ctx) {
    const s = await loadGroup(ctx, groupId)
    if (s.group.kind === 'OFFICIAL') throw new AppError('CONFLICT', '官方群随工作角色加入和退出', { groupId })
    if (isJoined(ctx, s.group, s.member)) await setMember(groupId, s.group.communityId, ctx.openid, { state: 'LEFT' }, ctx.now)
    return { groupId, joined: false }
  },

  async propose({ communityId, name, description }, ctx) {
    if (!ctx.roles.some((r) => r.communityId === communityId && (r.role === 'RESIDENT' || r.role === 'OWNER'))) {
      throw new AppError('FORBIDDEN', '只有本社区的住户可以发起兴趣群', { communityId })
    }
    const v = await screen(ctx.openid, `${name}\n${description}`, ctx.now)
    if (v.outcome === 'REFUSE') refuse(v)
    if (v.outcome === 'HOLD') throw new AppError('CONFLICT', '群名称或介绍暂时无法通过内容检查，请稍后再试或修改', { reason: v.reason })
    const g: GroupDoc = {
      _id: `grp_${communityId}_i_${randomBytes(6).toString('hex')}`,
      communityId,
      kind: 'INTEREST',
      name,
      description,
      status: 'PROPOSED',
      buildingId: null,
      officialRole: null,
      adminOpenids: [ctx.openid],
      proposedBy: ctx.openid,
      reviewNote: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    const { _id, ...data } = g
    await db.collection('groups').doc(_id).set({ data })
    await setMember(_id, communityId, ctx.openid, { state: 'JOINED' }, ctx.now)
    await audit(ctx, { communityId, event: 'group.proposed', target: _id, details: { name } })
    return { group: groupView(ctx, g, null) }
  },

  async review({ communityId, groupId, decision, reason }, ctx) {
    const g = await getDoc<GroupDoc>('groups', groupId)
    if (!g || g.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到这个群', { groupId })
    const allowed: Record<typeof decision, GroupDoc['status'][]> = {
      APPROVE: ['PROPOSED'],
      REJECT: ['PROPOSED'],
      CLOSE: ['ACTIVE'],
      REOPEN: ['CLOSED'],
      ARCHIVE: ['ACTIVE', 'CLOSED'],
    }
    const to = ({ APPROVE: 'ACTIVE', REJECT: 'REJECTED', CLOSE: 'CLOSED', REOPEN: 'ACTIVE', ARCHIVE: 'ARCHIVED' } as const)[decision]
    if (g.status !== to) {
      if (!allowed[decision].includes(g.status)) throw new AppError('CONFLICT', '这个群的状态不允许此操作', { status: g.status, decision })
      if (g.kind !== 'INTEREST' && (decision === 'APPROVE' || decision === 'REJECT' || decision === 'ARCHIVE')) throw new AppError('CONFLICT', '楼栋群和官方群不能审核或归档', { kind: g.kind })
      await db.collection('groups').doc(groupId).update({ data: { status: to, reviewNote: reason ?? null, updatedAt: ctx.now } })
      await audit(ctx, { communityId, event: `group.${decision.toLowerCase()}`, target: groupId, details: { before: g.status, after: to, reason: reason ?? null } })
    }
    const next = { ...g, status: to, reviewNote: g.status !== to ? (reason ?? null) : g.reviewNote }
    const m = await getDoc<MemberDoc>('group_members', memberDocId(groupId, ctx.openid))
    return { group: groupView(ctx, next, m) }
  },

  async proposals({ communityId }, ctx) {
    const docs = await findPage<GroupDoc>('groups', { communityId, kind: 'INTEREST', status: 'PROPOSED' }, { orderBy: [['createdAt', 'asc']], limit: 100 })
    const names = await namesOf(docs.map((d) => d.proposedBy ?? ''))
    return { groups: docs.map((g) => ({ ...groupView(ctx, g, null), proposedByMasked: names.get(g.proposedBy ?? '') ?? '居民', createdAt: g.createdAt })) }
  },

  async members({ groupId, page }, ctx) {
    const s = await loadGroup(ctx, groupId)
    const g = s.group
    if (!s.moderator && !isJoined(ctx, g, s.member)) throw new AppError('FORBIDDEN', '加入后可以查看成员', { groupId })
    const total = await memberCount(g)
    let rows: { openid: string; doc: MemberDoc | null }[]
    if (g.kind === 'BUILDING') {
      // Approved residents with accounts; children live in household_minors and are never listed (R4.7).
      const hm = await findPage<HouseholdMemberDoc>('household_members', { buildingId: g.buildingId, status: 'APPROVED' }, { orderBy: [['_id', 'asc']], skip: page * PAGE, limit: PAGE })
      const docs = await findAll<MemberDoc>('group_members', { groupId, openid: _.in(hm.map((h) => h.openid)) }, { max: PAGE })
      const by = new Map(docs.map((d) => [d.openid, d]))
      rows = [...new Map(hm.map((h) => [h.openid, h])).keys()].map((openid) => ({ openid, doc: by.get(openid) ?? null })).filter((r) => r.doc?.state !== 'LEFT' && r.doc?.state !== 'REMOVED')
    } else if (g.kind === 'OFFICIAL') {
      const grants = await findPage<{ _id: string; openid: string }>('role_grants', { communityId: g.communityId, role: g.officialRole, revokedAt: null }, { orderBy: [['_id', 'asc']], skip: page * PAGE, limit: PAGE })
      rows = grants.map((r) => ({ openid: r.openid, doc: null }))
    } else {
      const docs = await findPage<MemberDoc>('group_members', { groupId, state: 'JOINED' }, { orderBy: [['_id', 'asc']], skip: page * PAGE, limit: PAGE })
      rows = docs.map((d) => ({ openid: d.openid, doc: d }))
    }
    const names = await namesOf(rows.map((r) => r.openid))
    return {
      total,
      members: rows.map((r) => ({ nameMasked: names.get(r.openid) ?? maskName('邻居'), admin: g.adminOpenids.includes(r.openid), mutedUntil: mutedUntil(r.doc, ctx.now) })),
    }
  },
}

async function memberCount(g: GroupDoc): Promise<number> {
  if (g.kind === 'BUILDING') {
    const [approved, left] = await Promise.all([
      count('household_members', { buildingId: g.buildingId, status: 'APPROVED' }),
      count('group_members', { groupId: g._id, state: _.in(['LEFT', 'REMOVED']) }),
    ])
    return Math.max(0, approved - left)
  }
  if (g.kind === 'OFFICIAL') return count('role_grants', { communityId: g.communityId, role: g.officialRole, revokedAt: null })
  return count('group_members', { groupId: g._id, state: 'JOINED' })
}
