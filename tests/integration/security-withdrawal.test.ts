/**
 * Issue #9 §7.3: withdrawing `household` consent erases every field the purpose declares wherever
 * it is held — users.realName too — and replayable answers in idempotency that still carry them.
 * Checked by scanning the whole store after withdrawal, not through the API under test.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, bootstrap, docsMentioning, expectOk, grant, hm, u } from './support/linli'
import type { BootstrapOutput } from '../../domain/user/contract'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

const WHO = 'o_sec_withdraws_9c2e'
const NAME = '钱多多'

test('after withdrawal of household, the name and the units are nowhere in the store', async () => {
  await bootstrap(t, WHO)
  await grant(t, WHO, ['household', 'contact_phone'])
  expectOk(await t.call('user', 'updateProfile', { realName: NAME, phone: '13700009999' }, WHO, { requestId: 'req_sec_profile_1' }))
  const approved = u(2, '402')
  const pending = u(3, '101')
  expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b02`, unitId: approved, relation: 'TENANT', realName: NAME, adultConfirmed: true }, WHO, { requestId: 'req_sec_apply_1' }))
  expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b03`, unitId: pending, relation: 'FAMILY', realName: NAME, adultConfirmed: true }, WHO, { requestId: 'req_sec_apply_2' }))
  expectOk(await t.call('household', 'review', { memberId: hm(WHO, approved), decision: 'APPROVE' }, 'o_demo_grid_worker'))
  // The oracle sees the data before: otherwise an empty store would pass.
  expect(docsMentioning(t, NAME).get('users')?.size).toBe(1)
  expect(docsMentioning(t, NAME).get('idempotency')?.size).toBeGreaterThan(0)

  const res = expectOk(await t.call<{ erased: Record<string, number> }>('consent', 'withdraw', { purpose: 'household', channel: 'privacy_settings' }, WHO))
  expect(res.erased.users).toBe(1)

  expect([...docsMentioning(t, NAME).keys()]).toEqual([])
  // No replayable answer names the person's units any more; the kept review record is pseudonymous.
  const idem = t.store.dump('idempotency').filter((d) => String(d._id).includes(WHO))
  expect(idem.filter((d) => JSON.stringify(d).includes(approved) || JSON.stringify(d).includes(pending))).toEqual([])
  expect(t.store.find('household_members', { openid: WHO })).toEqual([])
  expect(t.store.find('household_members', { unitId: pending, realName: NAME })).toEqual([])

  const boot = expectOk(await t.call<BootstrapOutput>('user', 'bootstrap', {}, WHO))
  expect(boot.profile.realName).toBeNull()
  expect(boot.memberships).toEqual([])
  // The phone is another purpose's data: still there.
  expect(boot.profile.phoneMasked).toBe('137****9999')
  // A retry of the old apply call does not replay the erased answer: it runs again, and the
  // withdrawn consent stops it.
  const retry = await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b03`, unitId: pending, relation: 'FAMILY', realName: NAME, adultConfirmed: true }, WHO, { requestId: 'req_sec_apply_2' })
  expect(retry.ok ? 'ok' : retry.error.code).toBe('CONSENT_REQUIRED')
})
