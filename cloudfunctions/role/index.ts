/**
 * role: grant, revoke and list staff roles of a community. Every change is audited with the grant
 * before and after; grid-worker grants name grids of that community, which is what grid scoping
 * (R7.2) later trusts. The grid's workerOpenids is kept in step so the grid card stays right.
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, getDoc, isDuplicateKey } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import type { CallContext } from '../_core/context'
import { randomBytes } from 'node:crypto'
import { audit } from '../_core/audit'
import { gridsOf } from '../_core/grid'
import { communityNames } from '../_core/lookup'
import { grantIdFor } from '../_core/id-hash'
import { roleContract } from '../../domain/role/contract'
import { ROLE_LABELS, type GrantableRole } from '../../domain/access/capabilities'
import type { HouseholdMemberDoc, RoleGrantDoc, UserDoc } from '../../domain/community/model'
import { maskName } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'

const grantId = (openid: string, role: GrantableRole, communityId: string) => grantIdFor(openid, role, communityId)

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

/** GRID_WORKER grants must name grids of this community; other roles none (what R7.2 scoping trusts). */
async function checkGrids(communityId: string, role: GrantableRole, gridIds: string[] | undefined): Promise<string[]> {
  if (role !== 'GRID_WORKER') {
    if (gridIds?.length) throw new AppError('VALIDATION_FAILED', '只有网格员可以指定网格', { fields: { gridIds: ['仅网格员'] } })
    return []
  }
  const known = new Set((await gridsOf(communityId)).map((g) => g._id))
  const grids = [...new Set(gridIds ?? [])]
  const unknown = grids.filter((g) => !known.has(g))
  if (grids.length === 0 || unknown.length) {
    throw new AppError('VALIDATION_FAILED', '网格员需要指定本社区的网格', { fields: { gridIds: unknown.length ? [`不属于本社区：${unknown.join(',')}`] : ['至少指定一个网格'] } })
  }
  return grids
}

function grantDoc(ctx: CallContext, targetOpenid: string, role: GrantableRole, communityId: string, grids: string[], before: RoleGrantDoc | null, viaInvite?: string): RoleGrantDoc {
  const active = before && !before.revokedAt
  return {
    _id: grantId(targetOpenid, role, communityId),
    openid: targetOpenid,
    role,
    communityId,
    ...(role === 'GRID_WORKER' ? { gridIds: grids } : {}),
    grantedBy: ctx.openid,
    grantedAt: active ? before.grantedAt : ctx.now,
    revokedAt: null,
    ...(role === 'PROPERTY_STAFF' ? { propertyCompanyStaff: true } : {}),
    // Which code made this grant: a repeat redemption may only ever see the grant it made (§7.1).
    viaInvite: viaInvite ?? null,
  }
}

async function afterGrant(ctx: CallContext, next: RoleGrantDoc, before: RoleGrantDoc | null, via: string): Promise<void> {
  if (next.role === 'GRID_WORKER') await syncGridWorkers(next.communityId, next.openid, next.gridIds ?? [])
  await audit(ctx, {
    communityId: next.communityId,
    event: 'role.assigned',
    target: next.openid,
    details: {
      role: next.role,
      via,
      before: before ? { gridIds: before.gridIds ?? [], revokedAt: before.revokedAt ?? null } : null,
      after: { gridIds: next.gridIds ?? [], revokedAt: null },
    },
  })
}

/** Invite codes avoid look-alike characters (0/O, 1/I/L) — they are read aloud and typed by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const INVITE_DAYS = 7

function newInviteCode(): string {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
}

interface InviteDoc {
  _id: string
  communityId: string
  role: GrantableRole
  gridIds: string[]
  createdBy: string
  createdAt: Date
  expiresAt: Date
  redeemedBy: string | null
  redeemedAt: Date | null
  cancelledAt?: Date | null
}

export const main = createFunction(roleContract, {
  async assign({ communityId, memberId, role, gridIds }, ctx) {
    // Roles go to a household member picked from the directory (docs/decisions.md: never by typing
    // an account id, issue #9 §7.11); people who are not residents redeem an invite code.
    const m = await getDoc<HouseholdMemberDoc>('household_members', memberId)
    if (!m || m.communityId !== communityId || m.status !== 'APPROVED') throw new AppError('NOT_FOUND', '没有找到该住户', { memberId })
    const target = await getDoc<UserDoc>('users', m.openid)
    if (!target || target.deletedAt) throw new AppError('NOT_FOUND', '没有找到该住户', { memberId })
    const grids = await checkGrids(communityId, role, gridIds)
    const before = await getDoc<RoleGrantDoc>('role_grants', grantId(target._id, role, communityId))
    const next = grantDoc(ctx, target._id, role, communityId, grids, before)
    const { _id, ...data } = next
    await db.collection('role_grants').doc(_id).set({ data })
    await afterGrant(ctx, next, before, 'member')
    return viewOf(next, maskName(target.realName ?? target.nickname ?? ''))
  },

  async invite({ communityId, role, gridIds }, ctx) {
    const grids = await checkGrids(communityId, role, gridIds)
    const expiresAt = new Date(ctx.now.getTime() + INVITE_DAYS * 24 * 3600 * 1000)
    for (let attempt = 0; ; attempt++) {
      const code = newInviteCode()
      const doc: InviteDoc = { _id: code, communityId, role, gridIds: grids, createdBy: ctx.openid, createdAt: ctx.now, expiresAt, redeemedBy: null, redeemedAt: null }
      try {
        await db.collection('role_invites').add({ data: doc })
      } catch (e) {
        if (isDuplicateKey(e) && attempt < 5) continue // 31^8 codes: a clash is rare, try another
        throw e
      }
      await audit(ctx, { communityId, event: 'role.invited', target: code, details: { role, gridIds: grids, expiresAt } })
      return { code, role, roleLabel: ROLE_LABELS[role], gridIds: grids, expiresAt }
    }
  },

  async redeemInvite({ code }, ctx) {
    // The code and the grant it makes change together in one transaction: a used code can then
    // never grant again (issue #9 §7.1 — a revoked grant stays revoked, even if the same person
    // redeems the same code again), and a repeat by the person who used it sees the committed grant.
    const outcome = await withTransaction(async (t) => {
      const doc = ((await t.collection('role_invites').doc(code).get()) as unknown as { data: InviteDoc | null }).data
      if (!doc) throw new AppError('NOT_FOUND', '邀请码不存在', { code })
      const id = grantId(ctx.openid, doc.role, doc.communityId)
      const before = ((await t.collection('role_grants').doc(id).get()) as unknown as { data: RoleGrantDoc | null }).data
      if (doc.redeemedBy === ctx.openid) {
        // The same person tapping twice: answer with the grant this code made while it stands.
        if (before && !before.revokedAt && before.viaInvite === code) return { invite: doc, next: before, before, fresh: false }
        throw new AppError('CONFLICT', '邀请码已被使用', { code })
      }
      if (doc.redeemedBy) throw new AppError('CONFLICT', '邀请码已被使用', { code })
      if (doc.cancelledAt) throw new AppError('CONFLICT', '邀请码已被管理员作废', { code })
      if (new Date(doc.expiresAt) <= ctx.now) throw new AppError('CONFLICT', '邀请码已过期，请联系管理员重新生成', { code })
      await t.collection('role_invites').doc(code).update({ data: { redeemedBy: ctx.openid, redeemedAt: ctx.now } })
      const next = grantDoc({ ...ctx, openid: doc.createdBy }, ctx.openid, doc.role, doc.communityId, doc.gridIds, before, code)
      const { _id, ...data } = next
      await t.collection('role_grants').doc(_id).set({ data })
      return { invite: doc, next, before, fresh: true }
    })
    const { invite, next, before } = outcome
    // The audit row only for the redemption that granted: 50 parallel taps → one row. The grid
    // sync is idempotent and runs for a repeat too, in case the granting call died before it.
    if (outcome.fresh) await afterGrant(ctx, next, before, `invite:${code}`)
    else if (next.role === 'GRID_WORKER') await syncGridWorkers(next.communityId, next.openid, next.gridIds ?? [])
    const names = await communityNames([invite.communityId])
    return { ...viewOf(next, maskName(ctx.user?.realName ?? ctx.user?.nickname ?? '')), communityId: invite.communityId, communityName: names.get(invite.communityId) ?? '' }
  },

  async invites({ communityId }, ctx) {
    const docs = await findAll<InviteDoc>('role_invites', { communityId, redeemedBy: null }, { max: 500 })
    const open = docs.filter((d) => !d.cancelledAt && new Date(d.expiresAt) > ctx.now).sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
    return { invites: open.map((d) => ({ code: d._id, role: d.role, roleLabel: ROLE_LABELS[d.role], gridIds: d.gridIds, createdAt: d.createdAt, expiresAt: d.expiresAt })) }
  },

  async cancelInvite({ communityId, code }, ctx) {
    const cancelled = await withTransaction(async (t) => {
      const doc = ((await t.collection('role_invites').doc(code).get()) as unknown as { data: InviteDoc | null }).data
      if (!doc || doc.communityId !== communityId) throw new AppError('NOT_FOUND', '邀请码不存在', { code })
      if (doc.redeemedBy) throw new AppError('CONFLICT', '邀请码已被使用，请在授权列表中撤销角色', { code })
      if (doc.cancelledAt) return false
      await t.collection('role_invites').doc(code).update({ data: { cancelledAt: ctx.now, cancelledBy: ctx.openid } })
      return true
    })
    if (cancelled) await audit(ctx, { communityId, event: 'role.inviteCancelled', target: code })
    return { code, cancelled }
  },

  async revoke({ communityId, grantId: id }, ctx) {
    const g = await getDoc<RoleGrantDoc>('role_grants', id)
    if (!g || g.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该授权', { grantId: id })
    if (g.revokedAt) return { grantId: id, revokedAt: g.revokedAt }
    // The other admins this revocation relies on, read again inside the transaction (issue #9 §7.4).
    const otherAdmins =
      g.role === 'COMMUNITY_ADMIN'
        ? (await findAll<RoleGrantDoc>('role_grants', { communityId, role: 'COMMUNITY_ADMIN', revokedAt: null }, { max: 100 })).filter((a) => a._id !== id).map((a) => a._id)
        : []
    const revoked = await withTransaction(async (t) => {
      const cur = ((await t.collection('role_grants').doc(id).get()) as unknown as { data: RoleGrantDoc | null }).data
      if (!cur || cur.revokedAt) return false
      if (cur.role === 'COMMUNITY_ADMIN') {
        // Never leave a community without anyone who can manage roles. Two admins revoking each
        // other would each see the other still active (write skew under snapshot isolation), so the
        // transaction also writes the admin grant it relies on: a parallel revocation of that grant
        // then conflicts at commit and retries, and sees this one.
        let keeper: string | null = null
        for (const other of otherAdmins) {
          const o = ((await t.collection('role_grants').doc(other).get()) as unknown as { data: RoleGrantDoc | null }).data
          if (o && !o.revokedAt) {
            keeper = other
            break
          }
        }
        if (!keeper) throw new AppError('CONFLICT', '不能撤销唯一的社区管理员', { grantId: id })
        await t.collection('role_grants').doc(keeper).update({ data: { adminCheckedAt: ctx.now } })
      }
      await t.collection('role_grants').doc(id).update({ data: { revokedAt: ctx.now, revokedBy: ctx.openid } })
      return true
    })
    if (!revoked) return { grantId: id, revokedAt: (await getDoc<RoleGrantDoc>('role_grants', id))?.revokedAt ?? ctx.now }
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
    // Admins manage staff by name (issue #7 §16): the full name beside the masked one.
    const names = new Map(users.map((u) => [u._id, u.realName ?? u.nickname ?? '']))
    return { grants: grants.map((g) => ({ ...viewOf(g, maskName(names.get(g.openid) ?? '')), name: names.get(g.openid) ?? '' })) }
  },
})
