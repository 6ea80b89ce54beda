/**
 * Who may read, post in and moderate a group. Building groups are joined automatically: an
 * approved resident of the building is a member unless they left (or were removed) — derived from
 * the memberships the router already loaded, so household approval needs no extra write.
 */
import { _, db } from '../_core/cloud'
import { findAll, getDoc } from '../_core/data'
import type { CallContext } from '../_core/context'
import { capabilityScope } from '../../domain/access/capabilities'
import { AppError } from '../../domain/shared/errors'
import type { GroupViewIn as GroupView } from '../../domain/group/contract'
import { standardGroup, type GroupDoc, type MemberDoc } from './model'

export const memberDocId = (groupId: string, openid: string) => `gm_${groupId}_${openid}`

export function inCommunity(ctx: CallContext, communityId: string): boolean {
  return ctx.roles.some((r) => r.communityId === communityId)
}

export function isModerator(ctx: CallContext, g: GroupDoc): boolean {
  return g.adminOpenids.includes(ctx.openid) || capabilityScope(ctx.roles, 'group.moderate', g.communityId) !== null
}

/** Belongs to the group's audience by household or role (before leaving/joining). */
export function eligible(ctx: CallContext, g: GroupDoc): boolean {
  if (g.kind === 'BUILDING') return ctx.memberships.some((m) => m.status === 'APPROVED' && m.buildingId === g.buildingId)
  if (g.kind === 'OFFICIAL') return ctx.roles.some((r) => r.communityId === g.communityId && r.role === g.officialRole)
  return inCommunity(ctx, g.communityId)
}

export function isJoined(ctx: CallContext, g: GroupDoc, m: MemberDoc | null): boolean {
  if (m?.state === 'REMOVED') return false
  if (g.kind === 'INTEREST') return m?.state === 'JOINED'
  if (g.kind === 'BUILDING') return eligible(ctx, g) && m?.state !== 'LEFT'
  return eligible(ctx, g)
}

/** Building groups are for their residents; interest and official groups for the community. */
export function canRead(ctx: CallContext, g: GroupDoc): boolean {
  if (isModerator(ctx, g)) return true
  if (g.status === 'PROPOSED' || g.status === 'REJECTED') return g.proposedBy === ctx.openid
  if (g.kind === 'BUILDING') return eligible(ctx, g)
  return inCommunity(ctx, g.communityId)
}

export function mutedUntil(m: MemberDoc | null, now: Date): Date | null {
  return m?.mutedUntil && new Date(m.mutedUntil) > now ? new Date(m.mutedUntil) : null
}

export function canPost(ctx: CallContext, g: GroupDoc, m: MemberDoc | null): boolean {
  return g.status === 'ACTIVE' && isJoined(ctx, g, m) && !mutedUntil(m, ctx.now)
}

export interface Standing {
  group: GroupDoc
  member: MemberDoc | null
  moderator: boolean
}

/** The group and the caller's standing; NOT_FOUND when the caller may not even read it. */
export async function loadGroup(ctx: CallContext, groupId: string): Promise<Standing> {
  const [group, member] = await Promise.all([getDoc<GroupDoc>('groups', groupId), getDoc<MemberDoc>('group_members', memberDocId(groupId, ctx.openid))])
  if (!group || !canRead(ctx, group)) throw new AppError('NOT_FOUND', '没有找到这个群', { groupId })
  return { group, member, moderator: isModerator(ctx, group) }
}

/** Posting rights, with the reason a person is refused (R5.8: a muted member is told when it ends). */
export function requirePoster(ctx: CallContext, s: Standing): void {
  const { group: g, member: m } = s
  if (g.status !== 'ACTIVE') throw new AppError('FORBIDDEN', g.status === 'CLOSED' ? '这个群已关闭，只能查看' : '这个群已归档，只能查看', { groupId: g._id, status: g.status })
  if (m?.state === 'REMOVED') throw new AppError('FORBIDDEN', `您已被移出本群：${m.removedReason ?? ''}`, { groupId: g._id, removed: true })
  const until = mutedUntil(m, ctx.now)
  if (until) {
    const when = until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    throw new AppError('FORBIDDEN', `您已被禁言，${when} 后可以发言（${m?.muteReason ?? ''}）`, { groupId: g._id, mutedUntil: until.toISOString() })
  }
  if (!isJoined(ctx, g, m)) {
    throw new AppError('FORBIDDEN', g.kind === 'OFFICIAL' ? '只有本群成员可以发布，您可以评论和查看' : '请先加入这个群', { groupId: g._id, joined: false })
  }
}

/**
 * Taking part in a post (comment, react, 接龙, vote): a poster of the group — or, in an official
 * group, anyone of the community who was not removed (only its members post; residents respond).
 */
export function requireParticipant(ctx: CallContext, s: Standing): void {
  if (s.group.kind !== 'OFFICIAL' || eligible(ctx, s.group)) return requirePoster(ctx, s)
  if (!inCommunity(ctx, s.group.communityId)) throw new AppError('FORBIDDEN', '只有本社区的居民可以参与', { groupId: s.group._id })
  requirePoster(ctx, { ...s, group: { ...s.group, kind: 'INTEREST' }, member: s.member ?? ({ state: 'JOINED', mutedUntil: null } as MemberDoc) })
}

export function groupView(ctx: CallContext, g: GroupDoc, m: MemberDoc | null): GroupView {
  return {
    id: g._id,
    communityId: g.communityId,
    name: g.name,
    kind: g.kind,
    status: g.status,
    description: g.description,
    buildingId: g.buildingId,
    joined: isJoined(ctx, g, m),
    canPost: canPost(ctx, g, m),
    canModerate: isModerator(ctx, g),
    // A refusal's reason is the proposer's business; why a group was closed is everyone's.
    reviewNote: g.status === 'CLOSED' || g.proposedBy === ctx.openid || isModerator(ctx, g) ? (g.reviewNote ?? null) : null,
  }
}

export async function memberDocsOf(ctx: CallContext, groupIds: string[]): Promise<Map<string, MemberDoc>> {
  if (!groupIds.length) return new Map()
  const docs = await findAll<MemberDoc>('group_members', { openid: ctx.openid, groupId: _.in(groupIds) }, { max: 500 })
  return new Map(docs.map((d) => [d.groupId, d]))
}

/** One building group per building and the two official groups exist for every community (set is idempotent). */
export async function ensureStandardGroups(communityId: string, existing: GroupDoc[], now: Date): Promise<GroupDoc[]> {
  const have = new Set(existing.map((g) => g._id))
  const buildings = await findAll<{ _id: string; name: string; order: number }>('buildings', { communityId }, { max: 500 })
  const wanted: GroupDoc[] = [
    ...buildings.map((b) => standardGroup(`grp_${b._id}`, communityId, 'BUILDING', `${b.name}邻里群`, `${b.name}住户的群，审核通过的住户自动加入`, b._id, null, now)),
    standardGroup(`grp_${communityId}_rc`, communityId, 'OFFICIAL', '居委会', '居委会发布的事项，居民可以评论', null, 'RC_STAFF', now),
    standardGroup(`grp_${communityId}_committee`, communityId, 'OFFICIAL', '业委会', '业主委员会发布的事项，居民可以评论', null, 'COMMITTEE_MEMBER', now),
  ]
  const created: GroupDoc[] = []
  for (const g of wanted.filter((w) => !have.has(w._id))) {
    const { _id, ...data } = g
    await db.collection('groups').doc(_id).set({ data })
    created.push(g)
  }
  return [...existing, ...created]
}
