/**
 * Who may do what with one notice, once it is loaded (the router cannot know its community
 * beforehand). Authors manage their own; residents' committee staff and admins every notice of their
 * community; grid workers see reach and the unread list only for the households of their grids (R7.2).
 */
import { AppError } from '../../domain/shared/errors'
import { capabilityScope, type Capability } from '../../domain/access/capabilities'
import { audienceTouches, type NoticeDoc } from '../../domain/notice/model'
import { buildingsInScope, gridsOf } from '../_core/grid'
import type { CallContext } from '../_core/context'
import { unitsById } from './audience'

const COMMUNITY_STAFF = ['RC_STAFF', 'COMMUNITY_ADMIN'] as const

export function isCommunityStaff(ctx: CallContext, communityId: string): boolean {
  return ctx.roles.some((r) => r.communityId === communityId && (COMMUNITY_STAFF as readonly string[]).includes(r.role))
}

/** Edit, withdraw, answer questions: the author (still holding notice.publish) or community staff. */
export function canManage(ctx: CallContext, n: NoticeDoc): boolean {
  if (isCommunityStaff(ctx, n.communityId)) return true
  return n.authorOpenid === ctx.openid && capabilityScope(ctx.roles, 'notice.publish', n.communityId) !== null
}

export function requireManage(ctx: CallContext, n: NoticeDoc): void {
  if (!canManage(ctx, n)) throw new AppError('FORBIDDEN', '只有发布人或居委会工作人员可以处理这条通知', { noticeId: n._id })
}

/**
 * 'all' (every household of the notice) or the buildings a grid worker may see. `notice.reach`:
 * the author and community staff see all. `notice.deliver`: RC staff all; grid workers their grids.
 */
export async function householdScope(ctx: CallContext, n: NoticeDoc, capability: Extract<Capability, 'notice.reach' | 'notice.deliver'>): Promise<'all' | string[]> {
  const scope = capabilityScope(ctx.roles, capability, n.communityId)
  if (scope === 'all') {
    // Property staff hold notice.reach community-wide only for what they wrote.
    if (capability === 'notice.reach' && !isCommunityStaff(ctx, n.communityId) && n.authorOpenid !== ctx.openid) {
      throw new AppError('FORBIDDEN', '只能查看本人发布的通知', { noticeId: n._id })
    }
    return 'all'
  }
  if (!scope) throw new AppError('FORBIDDEN', '没有权限执行此操作', { capability, communityId: n.communityId })
  const grids = await gridsOf(n.communityId)
  const buildings = buildingsInScope(grids, scope) as string[]
  const unitBuildings = new Map((await unitsById(n.communityId, n.audience.unitIds)).map((u) => [u._id, u.buildingId]))
  if (!audienceTouches(n.audience, buildings, unitBuildings)) {
    throw new AppError('FORBIDDEN', '只能处理本人负责网格内的事项', { noticeId: n._id })
  }
  return buildings
}
