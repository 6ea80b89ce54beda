/** The synchronous guards, on hand-made contexts (the async ones are covered through the local cloud). */
import { requireCapability, requireGridScope, requireMember, requireRole } from '../../cloudfunctions/_core/guards'
import type { CallContext } from '../../cloudfunctions/_core/context'
import { deriveRoles } from '../../cloudfunctions/_core/context'
import type { HouseholdMemberDoc, RoleGrantDoc } from '../../domain/community/model'

const now = new Date('2026-11-28T00:00:00Z')
function ctx(partial: Partial<CallContext>): CallContext {
  return { openid: 'o1', requestId: 'r1', now, db: undefined as never, user: null, memberships: [], roles: [], scope: null, functionName: 'f', action: 'a', ...partial }
}
const code = (fn: () => unknown) => {
  try {
    fn()
    return 'OK'
  } catch (e) {
    return (e as { code: string }).code
  }
}

test('requireMember: no account → UNAUTHENTICATED', () => {
  expect(code(() => requireMember(ctx({})))).toBe('UNAUTHENTICATED')
  expect(code(() => requireMember(ctx({ user: { _id: 'o1' } as never })))).toBe('OK')
})

test('requireRole: only the named roles in that community', () => {
  const c = ctx({ roles: [{ role: 'RC_STAFF', communityId: 'c1' }] })
  expect(code(() => requireRole(c, ['RC_STAFF', 'COMMUNITY_ADMIN'], 'c1'))).toBe('OK')
  expect(code(() => requireRole(c, ['RC_STAFF'], 'c2'))).toBe('FORBIDDEN')
  expect(code(() => requireRole(c, ['COMMUNITY_ADMIN'], 'c1'))).toBe('FORBIDDEN')
})

test('requireCapability + requireGridScope: a grid worker only in their grids (R7.2)', () => {
  const c = ctx({ roles: [{ role: 'GRID_WORKER', communityId: 'c1', gridIds: ['g1'] }] })
  const scope = requireCapability(c, 'household.read', 'c1')
  expect(scope).toEqual(['g1'])
  expect(code(() => requireGridScope(scope, 'g1'))).toBe('OK')
  expect(code(() => requireGridScope(scope, 'g2'))).toBe('FORBIDDEN')
  expect(code(() => requireGridScope(scope, null))).toBe('FORBIDDEN')
  expect(code(() => requireCapability(c, 'role.manage', 'c1'))).toBe('FORBIDDEN')
  expect(code(() => requireCapability(c, 'household.read', undefined))).toBe('FORBIDDEN')
  expect(code(() => requireGridScope('all', 'anything'))).toBe('OK')
})

test('deriveRoles: approved owners are OWNER+RESIDENT, tenants RESIDENT only (R2.8); revoked grants drop', () => {
  const m = (relation: HouseholdMemberDoc['relation'], status: HouseholdMemberDoc['status'] = 'APPROVED') => ({ communityId: 'c1', relation, status }) as HouseholdMemberDoc
  const g = (role: RoleGrantDoc['role'], revokedAt: Date | null, gridIds?: string[]) => ({ role, communityId: 'c1', revokedAt, gridIds }) as RoleGrantDoc
  expect(deriveRoles([m('TENANT')], [], now).map((r) => r.role)).toEqual(['RESIDENT'])
  expect(deriveRoles([m('CO_OWNER')], [], now).map((r) => r.role)).toEqual(['RESIDENT', 'OWNER'])
  expect(deriveRoles([m('OWNER', 'APPLIED')], [], now)).toEqual([])
  expect(deriveRoles([], [g('GRID_WORKER', null, ['g1']), g('GRID_WORKER', null, ['g2'])], now)).toEqual([{ role: 'GRID_WORKER', communityId: 'c1', gridIds: ['g1', 'g2'] }])
  expect(deriveRoles([], [g('RC_STAFF', new Date('2026-01-01'))], now)).toEqual([])
})
