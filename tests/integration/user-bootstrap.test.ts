/** user.bootstrap — who am I — through the local cloud with the real SDK. */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import type { BootstrapOutput } from '../../domain/user/contract'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

async function boot(openid: string): Promise<BootstrapOutput> {
  const r = await t.call<BootstrapOutput>('user', 'bootstrap', {}, openid)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.data
}

test('an owner of three units sees their community and three approved memberships', async () => {
  const me = await boot('o_demo_owner')
  expect(me.isNew).toBe(false)
  expect(me.currentCommunity).toEqual({ id: 'c_xuetangpo', name: '学堂坡社区' })
  expect(me.memberships.map((m) => m.unitLabel).sort()).toEqual(['1栋101', '3栋502', '7栋201'])
  expect(me.memberships.every((m) => m.relation === 'OWNER' && m.status === 'APPROVED')).toBe(true)
  expect(me.roles.map((r) => r.role).sort()).toEqual(['OWNER', 'RESIDENT'])
})

test('a tenant is a resident but not an owner (R2.8)', async () => {
  const me = await boot('o_demo_resident')
  expect(me.roles.map((r) => r.role)).toEqual(['RESIDENT'])
})

test('a grid worker holds grid-scoped capabilities in their community', async () => {
  const me = await boot('o_demo_grid_worker')
  expect(me.roles).toEqual([{ role: 'GRID_WORKER', communityId: 'c_xuetangpo', gridIds: ['c_xuetangpo_g1'] }])
  expect(me.capabilities.c_xuetangpo).toEqual(expect.arrayContaining(['household.review', 'household.read', 'personal.reveal']))
  expect(me.capabilities.c_xuetangpo).not.toContain('role.manage')
})

test('a first-time caller is new, gets an account record, and parallel first calls create exactly one', async () => {
  const results = await Promise.all(Array.from({ length: 5 }, () => boot('o_first_timer')))
  expect(results.every((r) => r.isNew)).toBe(true)
  expect(results[0]).toMatchObject({ memberships: [], roles: [], currentCommunity: null, profile: { nickname: null, elderMode: null } })
  expect(t.store.find('users', { _id: 'o_first_timer' })).toHaveLength(1)
})

test('setElderMode stores the care-mode choice for the caller only', async () => {
  const r = await t.call('user', 'setElderMode', { elderMode: true, openid: 'o_demo_owner' }, 'o_demo_resident')
  expect(r).toEqual({ ok: true, data: { elderMode: true } })
  expect(t.store.getById('users', 'o_demo_resident')?.doc.elderMode).toBe(true)
  expect(t.store.getById('users', 'o_demo_owner')?.doc.elderMode).toBeNull()
  expect((await boot('o_demo_resident')).profile.elderMode).toBe(true)
})

test('the purge-idempotency timer (user/config.json) removes records older than 7 days only', async () => {
  const old = new Date(Date.now() - 8 * 24 * 3600 * 1000)
  t.store.insert('idempotency', { _id: 'old-key', state: 'DONE', response: null, at: old })
  t.store.insert('idempotency', { _id: 'new-key', state: 'DONE', response: null, at: new Date() })
  expect(await t.cloud.fireTimer('user', 'purge-idempotency')).toMatchObject({ ok: true, data: { removed: 1 } })
  expect(t.store.getById('idempotency', 'old-key')).toBeNull()
  expect(t.store.getById('idempotency', 'new-key')).not.toBeNull()
})
