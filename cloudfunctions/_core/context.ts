/**
 * The call context: who is calling (from the platform's OPENID only — never from input), their
 * account, memberships and roles loaded once per call, a clock, and the request id.
 */
import { db } from './cloud'
import { findAll, getDoc } from './data'
import type { HeldRole, Role } from '../../domain/access/capabilities'
import type { HouseholdMemberDoc, RoleGrantDoc, UserDoc } from '../../domain/community/model'

export interface CallContext {
  openid: string
  requestId: string
  now: Date
  db: typeof db
  user: UserDoc | null
  memberships: HouseholdMemberDoc[]
  /** Granted roles plus RESIDENT/OWNER derived from approved memberships. */
  roles: HeldRole[]
  /** Set by the router for capability actions: 'all', or the grid ids a grid worker may touch. */
  scope: 'all' | string[] | null
  functionName: string
  action: string
}

export function deriveRoles(memberships: HouseholdMemberDoc[], grants: RoleGrantDoc[], now: Date): HeldRole[] {
  const held: HeldRole[] = []
  const add = (role: Role, communityId: string, gridIds?: string[]) => {
    const existing = held.find((h) => h.role === role && h.communityId === communityId)
    if (existing) {
      if (gridIds) existing.gridIds = [...new Set([...(existing.gridIds ?? []), ...gridIds])]
    } else held.push(gridIds ? { role, communityId, gridIds } : { role, communityId })
  }
  for (const m of memberships) {
    if (m.status !== 'APPROVED') continue
    add('RESIDENT', m.communityId)
    // R2.8: tenants and family members are residents, not owners.
    if (m.relation === 'OWNER' || m.relation === 'CO_OWNER') add('OWNER', m.communityId)
  }
  for (const g of grants) {
    if (g.revokedAt && new Date(g.revokedAt) <= now) continue
    add(g.role, g.communityId, g.role === 'GRID_WORKER' ? g.gridIds ?? [] : undefined)
  }
  return held
}

export async function loadCaller(openid: string): Promise<Pick<CallContext, 'user' | 'memberships' | 'roles'>> {
  const now = new Date()
  const [user, memberships, grants] = await Promise.all([
    getDoc<UserDoc>('users', openid),
    findAll<HouseholdMemberDoc>('household_members', { openid }, { max: 500 }),
    findAll<RoleGrantDoc>('role_grants', { openid, revokedAt: null }, { max: 200 }),
  ])
  const liveUser = user && !user.deletedAt ? user : null
  return { user: liveUser, memberships, roles: deriveRoles(memberships, grants, now) }
}
