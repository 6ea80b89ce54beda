/**
 * role: grant, revoke and list staff roles of a community. Every change is audited with the grant
 * before and after; grid-worker grants name grids of that community, which is what grid scoping
 * (R7.2) later trusts. The grid's workerOpenids is kept in step so the grid card stays right.
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, getDoc } from '../_core/data'
import { audit } from '../_core/audit'
import { gridsOf } from '../_core/grid'
import { roleContract } from '../../domain/role/contract'
import { ROLE_LABELS, type GrantableRole } from '../../domain/access/capabilities'
import type { RoleGrantDoc, UserDoc } from '../../domain/community/model'
import { maskName } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'

const grantId = (openid: string, role: GrantableRole, communityId: string) => `rg_${openid}_${role}_${communityId}`

async function nameOf(openid: string): Promise<string> {
  const u = await getDoc<UserDoc>('users', openid)
  return maskName(u?.realName ?? u?.nickname ?? '')
}

function viewOf(g: RoleGrantDoc, nameMasked: string) {
  return { grantId: g._id, role: g.role, roleLabel: ROLE_LABELS[g.role], nameMasked, gridIds: g.gridIds ?? [], grantedAt: g.grantedAt }
}

async function syncGridWorkers(communityId: string, openid: string, gridIds: string[]): Promise<void> {
  for (const g of await gridsOf(communityId)) {
    const has = g.workerOpenids.includes(openid)
    const should = gridIds.includes(g._id)
    if (has !== should) {
      await db.collection('grids').doc(g._id).update({ data: { workerOpenids: should ? _.addToSet(openid) : _.pull(openid) } })
    }
  }
}

export const main = createFunction(roleContract, {
  async assign({ communityId, targetOpenid, role, gridIds }, ctx) {
    const target = await getDoc<UserDoc>('users', targetOpenid)
    if (!target || target.deletedAt) throw new AppError('NOT_FOUND', '没有找到该用户', { targetOpenid })
    let grids: string[] = []
    if (role === 'GRID_WORKER') {
      const known = new Set((await gridsOf(communityId)).map((g) => g._id))
      grids = [...new Set(gridIds ?? [])]
      const unknown = grids.filter((g) => !known.has(g))
      if (grids.length === 0 || unknown.length) {
        throw new AppError('VALIDATION_FAILED', '网格员需要指定本社区的网格', { fields: { gridIds: unknown.length ? [`不属于本社区：${unknown.join(',')}`] : ['至少指定一个网格'] } })
      }
    } else if (gridIds?.length) {
      throw new AppError('VALIDATION_FAILED', '只有网格员可以指定网格', { fields: { gridIds: ['仅网格员'] } })
    }
    const id = grantId(targetOpenid, role, communityId)
    const before = await getDoc<RoleGrantDoc>('role_grants', id)
    const active = before && !before.revokedAt
    const next: RoleGrantDoc = {
      _id: id,
      openid: targetOpenid,
      role,
      communityId,
      ...(role === 'GRID_WORKER' ? { gridIds: grids } : {}),
      grantedBy: ctx.openid,
      grantedAt: active ? before.grantedAt : ctx.now,
      revokedAt: null,
      ...(role === 'PROPERTY_STAFF' ? { propertyCompanyStaff: true } : {}),
    }
    const { _id, ...data } = next
    await db.collection('role_grants').doc(_id).set({ data })
    if (role === 'GRID_WORKER') await syncGridWorkers(communityId, targetOpenid, grids)
    await audit(ctx, {
      communityId,
      event: 'role.assigned',
      target: targetOpenid,
      details: {
        role,
        before: before ? { gridIds: before.gridIds ?? [], revokedAt: before.revokedAt ?? null } : null,
        after: { gridIds: next.gridIds ?? [], revokedAt: null },
      },
    })
    return viewOf(next, maskName(target.realName ?? target.nickname ?? ''))
  },

  async revoke({ communityId, grantId: id }, ctx) {
    const g = await getDoc<RoleGrantDoc>('role_grants', id)
    if (!g || g.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该授权', { grantId: id })
    if (g.revokedAt) return { grantId: id, revokedAt: g.revokedAt }
    if (g.role === 'COMMUNITY_ADMIN') {
      const admins = await findAll<RoleGrantDoc>('role_grants', { communityId, role: 'COMMUNITY_ADMIN', revokedAt: null }, { max: 100 })
      // Never leave a community without anyone who can manage roles.
      if (admins.length <= 1) throw new AppError('CONFLICT', '不能撤销唯一的社区管理员', { grantId: id })
    }
    await db.collection('role_grants').doc(id).update({ data: { revokedAt: ctx.now, revokedBy: ctx.openid } })
    if (g.role === 'GRID_WORKER') await syncGridWorkers(communityId, g.openid, [])
    await audit(ctx, {
      communityId,
      event: 'role.revoked',
      target: g.openid,
      details: { role: g.role, before: { gridIds: g.gridIds ?? [], revokedAt: null }, after: { gridIds: g.gridIds ?? [], revokedAt: ctx.now } },
    })
    return { grantId: id, revokedAt: ctx.now }
  },

  async list({ communityId }) {
    const grants = await findAll<RoleGrantDoc>('role_grants', { communityId, revokedAt: null }, { max: 2000 })
    const users = grants.length ? await findAll<UserDoc>('users', { _id: _.in([...new Set(grants.map((g) => g.openid))]) }) : []
    const names = new Map(users.map((u) => [u._id, maskName(u.realName ?? u.nickname ?? '')]))
    return { grants: grants.map((g) => viewOf(g, names.get(g.openid) ?? '')) }
  },
})
