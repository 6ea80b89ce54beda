/**
 * What staff need to act on people without handling raw identifiers: the household directory
 * (grid-scoped, masked, paged), role grants by membership, one-time invite codes for people who
 * are not residents, the grid list; and the caller's own profile and owner-review count in
 * bootstrap.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectError, expectOk, rg, u } from './support/linli'
import type { BootstrapOutput } from '../../domain/user/contract'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

type Directory = { items: { memberId: string; unitId: string; unitLabel: string; gridId: string | null; nameMasked: string; hasPhone: boolean }[]; hasMore: boolean }
const directory = (input: Record<string, unknown>, by: string) => t.call<Directory>('household', 'directory', { communityId: C, ...input }, by)

describe('household.directory', () => {
  test('a grid worker lists only households of their grid (R7.2), names masked, no phone numbers', async () => {
    const all: Directory['items'] = []
    for (let page = 0; ; page++) {
      const d = expectOk(await directory({ page }, 'o_demo_grid_worker'))
      all.push(...d.items)
      if (!d.hasMore) break
    }
    const inStore = t.store
      .find('household_members', { communityId: C, status: 'APPROVED' })
      .filter((m) => ['b01', 'b02', 'b03', 'b04'].some((b) => String(m.buildingId).endsWith(b)))
    expect(all.map((i) => i.memberId).sort()).toEqual(inStore.map((m) => m._id).sort())
    expect(all.every((i) => i.gridId === `${C}_g1`)).toBe(true)
    expect(all.every((i) => /\*/.test(i.nameMasked))).toBe(true)
    expect(JSON.stringify(all)).not.toMatch(/1380731|张建国/)
    const owner = all.find((i) => i.unitId === u(1, '101') && i.nameMasked === '张*国')
    // Ids shown to staff never carry an account id (issue #9 §7.5).
    expect(JSON.stringify(all)).not.toMatch(/o_demo_/)
    expect(owner?.hasPhone).toBe(true)
  })

  test("asking for a building in another grid is FORBIDDEN; another grid's worker sees it", async () => {
    expectError(await directory({ buildingId: `${C}_b06` }, 'o_demo_grid_worker'), 'FORBIDDEN')
    const d = expectOk(await directory({ buildingId: `${C}_b06` }, 'o_demo_grid_worker_2'))
    expect(d.items.some((i) => i.unitId === u(6, '302'))).toBe(true)
  })

  test('residents and property staff cannot browse the directory', async () => {
    expectError(await directory({}, 'o_demo_owner'), 'FORBIDDEN')
    expectError(await directory({}, 'o_demo_property_staff'), 'FORBIDDEN')
  })

  test('pages are 50 long and do not overlap', async () => {
    const p0 = expectOk(await directory({ page: 0 }, 'o_demo_rc_staff'))
    const p1 = expectOk(await directory({ page: 1 }, 'o_demo_rc_staff'))
    expect(p0.items).toHaveLength(50)
    expect(p0.hasMore).toBe(true)
    expect(p1.items.filter((i) => p0.items.some((j) => j.memberId === i.memberId))).toHaveLength(0)
  })
})

describe('roles without raw account ids', () => {
  test('an admin grants a role to a household member picked from the directory', async () => {
    const d = expectOk(await directory({ buildingId: `${C}_b04` }, 'o_demo_admin'))
    const elder = d.items.find((i) => i.unitId === u(4, '102'))!
    const g = expectOk(await t.call<{ role: string; nameMasked: string }>('role', 'assign', { communityId: C, memberId: elder.memberId, role: 'COMMITTEE_MEMBER' }, 'o_demo_admin'))
    expect(g).toMatchObject({ role: 'COMMITTEE_MEMBER', nameMasked: '陈*兰' })
    expect(t.store.getById('role_grants', rg('o_demo_elder', 'COMMITTEE_MEMBER'))?.doc.revokedAt).toBeNull()
    expectError(await t.call('role', 'assign', { communityId: C, role: 'RC_STAFF' }, 'o_demo_admin'), 'VALIDATION_FAILED')
    expectError(await t.call('role', 'assign', { communityId: 'c_yuelong', memberId: elder.memberId, role: 'RC_STAFF' }, 'o_demo_admin'), 'FORBIDDEN')
  })

  test('an invite code grants the role to whoever redeems it, once; parallel redemptions grant it once', async () => {
    const inv = expectOk(await t.call<{ code: string; expiresAt: string }>('role', 'invite', { communityId: C, role: 'PROPERTY_STAFF' }, 'o_demo_admin'))
    expect(inv.code).toMatch(/^[A-Z2-9]{8}$/)
    expect(new Date(inv.expiresAt).getTime() - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000)
    const people = ['o_inv_a', 'o_inv_b', 'o_inv_c', 'o_inv_d', 'o_inv_e']
    for (const p of people) expectOk(await t.call('user', 'bootstrap', {}, p))
    const results = await Promise.all(people.map((p) => t.call('role', 'redeemInvite', { code: inv.code.toLowerCase() }, p)))
    const winners = people.filter((_, i) => results[i].ok)
    expect(winners).toHaveLength(1)
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('CONFLICT')
    const grants = t.store.find('role_grants', { role: 'PROPERTY_STAFF', communityId: C, revokedAt: null }).filter((g) => people.includes(g.openid as string))
    expect(grants.map((g) => g.openid)).toEqual(winners)
    // The winner now holds the role. Redeeming again grants nothing new: it answers with the grant
    // this code made while that stands, and no second audit row (a used code never grants again,
    // issue #9 §7.1 — tests/integration/security-roles.test.ts covers the revoked case).
    expect(expectOk(await t.call<BootstrapOutput>('user', 'bootstrap', {}, winners[0])).roles).toContainEqual({ role: 'PROPERTY_STAFF', communityId: C })
    expect(expectOk(await t.call<{ role: string }>('role', 'redeemInvite', { code: inv.code }, winners[0])).role).toBe('PROPERTY_STAFF')
    expect(t.store.find('audit_log', { event: 'role.assigned', target: winners[0] })).toHaveLength(1)
    expect(t.store.find('audit_log', { event: 'role.invited', target: inv.code })).toHaveLength(1)
  })

  test('invites: grid workers need grids, codes expire, unknown codes are NOT_FOUND, only admins invite', async () => {
    expectError(await t.call('role', 'invite', { communityId: C, role: 'GRID_WORKER' }, 'o_demo_admin'), 'VALIDATION_FAILED')
    expectError(await t.call('role', 'invite', { communityId: C, role: 'RC_STAFF' }, 'o_demo_rc_staff'), 'FORBIDDEN')
    expectError(await t.call('role', 'redeemInvite', { code: 'ZZZZ2222' }, 'o_demo_owner'), 'NOT_FOUND')
    expectError(await t.call('role', 'redeemInvite', { code: 'short' }, 'o_demo_owner'), 'VALIDATION_FAILED')
    const inv = expectOk(await t.call<{ code: string }>('role', 'invite', { communityId: C, role: 'GRID_WORKER', gridIds: [`${C}_g3`] }, 'o_demo_admin'))
    const doc = t.store.getById('role_invites', inv.code)!.doc
    t.store.put('role_invites', { ...doc, expiresAt: new Date(Date.now() - 1000) }, 'replace')
    expectError(await t.call('role', 'redeemInvite', { code: inv.code }, 'o_demo_owner'), 'CONFLICT')
    expect(t.store.find('role_grants', { openid: 'o_demo_owner', role: 'GRID_WORKER' })).toHaveLength(0)
  })
})

test('open invites are listed; a cancelled code cannot be redeemed; a redeemed code cannot be cancelled', async () => {
  const a = expectOk(await t.call<{ code: string }>('role', 'invite', { communityId: C, role: 'RC_STAFF' }, 'o_demo_admin'))
  const b = expectOk(await t.call<{ code: string }>('role', 'invite', { communityId: C, role: 'COMMITTEE_MEMBER' }, 'o_demo_admin'))
  const open = expectOk(await t.call<{ invites: { code: string }[] }>('role', 'invites', { communityId: C }, 'o_demo_admin')).invites.map((i) => i.code)
  expect(open).toEqual(expect.arrayContaining([a.code, b.code]))
  expect(expectOk(await t.call('role', 'cancelInvite', { communityId: C, code: a.code }, 'o_demo_admin'))).toEqual({ code: a.code, cancelled: true })
  expect(expectOk(await t.call('role', 'cancelInvite', { communityId: C, code: a.code }, 'o_demo_admin'))).toEqual({ code: a.code, cancelled: false })
  expectError(await t.call('role', 'redeemInvite', { code: a.code }, 'o_demo_family'), 'CONFLICT')
  const redeemed = expectOk(await t.call<{ communityName: string }>('role', 'redeemInvite', { code: b.code }, 'o_demo_family'))
  expect(redeemed.communityName).toBe('学堂坡社区')
  expectError(await t.call('role', 'cancelInvite', { communityId: C, code: b.code }, 'o_demo_admin'), 'CONFLICT')
  const after = expectOk(await t.call<{ invites: { code: string }[] }>('role', 'invites', { communityId: C }, 'o_demo_admin')).invites.map((i) => i.code)
  expect(after).not.toContain(a.code)
  expect(after).not.toContain(b.code)
  expect(t.store.find('audit_log', { event: 'role.inviteCancelled', target: a.code })).toHaveLength(1)
})

test('community.grids lists grids with their buildings and worker', async () => {
  const r = expectOk(await t.call<{ grids: { id: string; buildingIds: string[]; buildingNames: string[]; workerName: string }[] }>('community', 'grids', { communityId: C }, 'o_demo_admin'))
  expect(r.grids.map((g) => g.id)).toEqual([`${C}_g1`, `${C}_g2`, `${C}_g3`])
  expect(r.grids[0]).toMatchObject({ buildingIds: [1, 2, 3, 4].map((n) => `${C}_b0${n}`), buildingNames: ['1栋', '2栋', '3栋', '4栋'], workerName: '周敏' })
})

test("bootstrap shows the caller's own name and masked phone, and tenants waiting for an owner's review", async () => {
  const owner = expectOk(await t.call<BootstrapOutput>('user', 'bootstrap', {}, 'o_demo_owner'))
  expect(owner.profile).toMatchObject({ realName: '张建国', phoneMasked: '138****0001' })
  expect(owner.ownerReviews).toBe(0)
  // A tenant applies to the owner's 3栋502.
  const applicant = 'o_tenant_for_owner'
  expectOk(await t.call('user', 'bootstrap', {}, applicant))
  expectOk(await t.call('consent', 'grant', { purposes: ['household'], policyVersion: (await import('../../domain/privacy/purposes')).POLICY_VERSION, channel: 'test' }, applicant))
  expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b03`, unitId: u(3, '502'), relation: 'TENANT', realName: '租客甲', adultConfirmed: true }, applicant))
  expect(expectOk(await t.call<BootstrapOutput>('user', 'bootstrap', {}, 'o_demo_owner')).ownerReviews).toBe(1)
  // Dates travel as ISO strings, as the contract says.
  const mine = expectOk(await t.call<{ memberships: { createdAt: unknown }[] }>('household', 'listMine', {}, applicant))
  expect(mine.memberships[0].createdAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/))
})
