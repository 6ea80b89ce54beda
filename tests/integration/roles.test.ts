/** role.assign / revoke / list: grantable roles only, grid workers need their community's grids, audited. */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectError, expectOk, hm, rg, u } from './support/linli'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

/** 陈桂兰 of 4栋102, picked from the directory by her membership (never by account id). */
const ELDER = hm('o_demo_elder', u(4, '102'))
const assign = (input: Record<string, unknown>, by = 'o_demo_admin') => t.call<Record<string, any>>('role', 'assign', { communityId: C, ...input }, by)

test('only grantable roles; GRID_WORKER needs grids of this community; others take none', async () => {
  expectError(await assign({ memberId: ELDER, role: 'OWNER' }), 'VALIDATION_FAILED')
  expectError(await assign({ memberId: ELDER, role: 'GRID_WORKER' }), 'VALIDATION_FAILED')
  expectError(await assign({ memberId: ELDER, role: 'GRID_WORKER', gridIds: ['c_yuelong_g1'] }), 'VALIDATION_FAILED')
  expectError(await assign({ memberId: ELDER, role: 'RC_STAFF', gridIds: [`${C}_g1`] }), 'VALIDATION_FAILED')
  expectError(await assign({ memberId: hm('o_nobody', u(4, '102')), role: 'RC_STAFF' }), 'NOT_FOUND')
  expect(t.store.find('role_grants', { openid: 'o_demo_elder' })).toHaveLength(0)
})

test('assign a grid worker, move them to another grid, revoke — audited with before/after', async () => {
  const g = expectOk(await assign({ memberId: ELDER, role: 'GRID_WORKER', gridIds: [`${C}_g3`] }))
  expect(g).toMatchObject({ role: 'GRID_WORKER', nameMasked: '陈*兰', gridIds: [`${C}_g3`] })
  expect(t.store.getById('grids', `${C}_g3`)!.doc.workerOpenids).toContain('o_demo_elder')
  // Now grid-scoped: may review in grid 3 only.
  const queue = expectOk(await t.call<{ items: { gridId: string; as: string }[] }>('household', 'listForReview', { communityId: C }, 'o_demo_elder'))
  expect(queue.items.filter((i) => i.as === 'STAFF').every((i) => i.gridId === `${C}_g3`)).toBe(true)

  expectOk(await assign({ memberId: ELDER, role: 'GRID_WORKER', gridIds: [`${C}_g2`] }))
  expect(t.store.getById('grids', `${C}_g3`)!.doc.workerOpenids).not.toContain('o_demo_elder')
  expect(t.store.getById('grids', `${C}_g2`)!.doc.workerOpenids).toContain('o_demo_elder')
  const moved = t.store.find('audit_log', { event: 'role.assigned', target: 'o_demo_elder' })
  expect(moved.some((a) => (a.details as any).before?.gridIds?.[0] === `${C}_g3` && (a.details as any).after.gridIds[0] === `${C}_g2`)).toBe(true)

  // Admins manage staff by name (issue #7 §16): full and masked name; ids carry no account id.
  const list = expectOk(await t.call<{ grants: { grantId: string; role: string; nameMasked: string; name: string }[] }>('role', 'list', { communityId: C }, 'o_demo_admin'))
  expect(list.grants.find((x) => x.grantId === g.grantId)).toMatchObject({ nameMasked: '陈*兰', name: '陈桂兰' })
  expect(list.grants.find((x) => x.name === '周敏')?.role).toBe('GRID_WORKER')
  expect(JSON.stringify(list)).not.toMatch(/o_demo_/)

  expectOk(await t.call('role', 'revoke', { communityId: C, grantId: g.grantId }, 'o_demo_admin'))
  expect(t.store.getById('role_grants', g.grantId)!.doc.revokedAt).toBeInstanceOf(Date)
  expect(t.store.getById('grids', `${C}_g2`)!.doc.workerOpenids).not.toContain('o_demo_elder')
  expect(t.store.find('audit_log', { event: 'role.revoked', target: 'o_demo_elder' })).toHaveLength(1)
  const boot = expectOk(await t.call<{ roles: { role: string }[] }>('user', 'bootstrap', {}, 'o_demo_elder'))
  expect(boot.roles.map((r) => r.role)).not.toContain('GRID_WORKER')
})

test('the last community admin cannot be revoked', async () => {
  expectError(await t.call('role', 'revoke', { communityId: C, grantId: rg('o_demo_admin', 'COMMUNITY_ADMIN') }, 'o_demo_admin'), 'CONFLICT')
})

test('GET /__dev/actions lists every new action with its input schema', async () => {
  const res = (await (await fetch(`${t.cloud.url}/__dev/actions`)).json()) as { functions: { name: string; actions: { action: string; input: unknown; purpose: string | null }[] }[] }
  const names = res.functions.flatMap((f) => f.actions.map((a) => `${f.name}.${a.action}`))
  for (const n of [
    'community.list', 'community.units', 'community.myGridCard',
    'user.bootstrap', 'user.updateProfile', 'user.exportMyData', 'user.deleteAccount',
    'household.apply', 'household.review', 'household.leave', 'household.listMine', 'household.listForReview',
    'consent.status', 'consent.grant', 'consent.refuse', 'consent.withdraw', 'consent.policy',
    'roster.import', 'roster.publish', 'role.assign', 'role.revoke', 'role.list', 'access.myLog', 'access.reveal',
  ]) expect(names).toContain(n)
  const apply = res.functions.find((f) => f.name === 'household')!.actions.find((a) => a.action === 'apply')!
  expect(apply.purpose).toBe('household')
  expect(JSON.stringify(apply.input)).toContain('idNumber')
})
