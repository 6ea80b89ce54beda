/**
 * R4.6 rights desk: the export holds every stored document that refers to the person (checked
 * against an independent scan of the whole store), and account deletion leaves nothing that leads
 * back to the openid — retained records carry a pseudonym — after which the openid is a new person.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, bootstrap, docsMentioning, expectError, expectOk, grant, hm, u } from './support/linli'
import { pseudonymFor } from '../../cloudfunctions/_core/id-hash'
import { POLICY_VERSION } from '../../domain/privacy/purposes'

let t: TestCloud
// Not a prefix of any other openid, so a plain substring scan is an exact oracle.
const WHO = 'o_fresh_rights_7f3a9c'

beforeAll(async () => {
  t = await startTestCloud()
  // Use every feature as this person.
  await bootstrap(t, WHO)
  await grant(t, WHO, ['household', 'contact_phone', 'notifications'])
  await grant(t, WHO, ['owner_verification'])
  expectOk(await t.call('consent', 'refuse', { purpose: 'special_care', policyVersion: POLICY_VERSION, channel: 'care_sheet' }, WHO))
  expectOk(await t.call('user', 'updateProfile', { nickname: '新邻居', realName: '赵新民', phone: '13700001234' }, WHO, { requestId: 'req_profile_0001' }))
  expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b01`, unitId: u(1, '101'), relation: 'CO_OWNER', realName: '张建国', adultConfirmed: true, idNumber: '430104196503150011' }, WHO))
  expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b02`, unitId: u(2, '402'), relation: 'TENANT', realName: '赵新民', adultConfirmed: true }, WHO))
  expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b03`, unitId: u(3, '101'), relation: 'TENANT', realName: '赵新民', adultConfirmed: true }, WHO))
  expectOk(await t.call('household', 'review', { memberId: hm(WHO, u(2, '402')), decision: 'APPROVE' }, 'o_demo_grid_worker'))
  expectOk(await t.call('access', 'reveal', { communityId: C, memberId: hm(WHO, u(2, '402')), field: 'phone', reason: '核实租住信息' }, 'o_demo_grid_worker'))
  expectOk(await t.call('access', 'myLog', {}, WHO))
  // Also staff: a grid of their own, and a review they did.
  expectOk(await t.call('role', 'assign', { communityId: C, memberId: hm(WHO, u(2, '402')), role: 'GRID_WORKER', gridIds: [`${C}_g3`] }, 'o_demo_admin'))
  expectOk(await t.call('household', 'review', { memberId: hm('o_demo_applicant', u(2, '402')), decision: 'REJECT', reason: '无法联系' }, 'o_demo_rc_staff'))
  t.store.put('care_profiles', { _id: `care:${WHO}`, openid: WHO, careFlags: [], createdAt: new Date() }, 'replace')
})
afterAll(async () => {
  await t?.close()
})

type Export = { collections: Record<string, { _id: string }[]>; counts: Record<string, number>; rightsRequestId: string }

test('the export contains exactly the documents in the store that refer to the person', async () => {
  const data = expectOk(await t.call<Export>('user', 'exportMyData', {}, WHO))
  // Computed after the call: the export's own rights request is part of both.
  const expected = docsMentioning(t, WHO)
  const got = new Map(Object.entries(data.collections).map(([c, docs]) => [c, new Set(docs.map((d) => d._id))]))
  expect(Object.fromEntries([...got].map(([c, s]) => [c, [...s].sort()]))).toEqual(Object.fromEntries([...expected].map(([c, s]) => [c, [...s].sort()])))
  // It really exercised the features (guards against an empty-equals-empty pass).
  for (const c of ['users', 'consents', 'consent_events', 'household_members', 'owner_verifications', 'access_log', 'audit_log', 'role_grants', 'grids', 'idempotency', 'rights_requests', 'care_profiles']) {
    expect([c, got.get(c)?.size ?? 0]).not.toEqual([c, 0])
  }
  const rr = t.store.getById('rights_requests', data.rightsRequestId)!.doc
  expect(rr).toMatchObject({ type: 'ACCESS_COPY', status: 'COMPLETED' })
  expect((rr.deadline as Date).getTime() - (rr.requestedAt as Date).getTime()).toBe(21 * 24 * 3600 * 1000)
  // The raw ID number is nowhere, in the store or the export.
  expect(JSON.stringify(data)).not.toContain('430104196503150011')
})

test('third parties in the export are masked', async () => {
  const data = expectOk(await t.call<{ collections: Record<string, Record<string, unknown>[]> }>('user', 'exportMyData', {}, 'o_demo_grid_worker'))
  const reviewed = (data.collections.household_members ?? []).find((d) => d.openid === WHO)
  expect(reviewed).toMatchObject({ realName: '赵*民', reviewedBy: 'o_demo_grid_worker' })
})

test('deleting the account removes every reference; kept records are pseudonymous; the openid starts anew', async () => {
  expectError(await t.call('user', 'deleteAccount', {}, WHO), 'VALIDATION_FAILED')
  const res = expectOk(await t.call<{ deleted: number; pseudonymised: number; rightsRequestId: string }>('user', 'deleteAccount', { confirm: true }, WHO))
  expect(res.deleted).toBeGreaterThan(0)
  expect(docsMentioning(t, WHO).size).toBe(0)

  const anon = pseudonymFor(WHO)
  const kept = docsMentioning(t, anon)
  for (const c of ['audit_log', 'access_log', 'consents', 'consent_events', 'rights_requests']) expect([c, kept.has(c)]).toEqual([c, true])
  // Personal data itself is gone.
  for (const c of ['users', 'owner_verifications', 'care_profiles', 'role_grants', 'idempotency']) expect([c, kept.has(c)]).toEqual([c, false])
  // Reviewed applications stay as review records with a masked name; the unreviewed one is gone.
  const reviewed = t.store.find('household_members', { openid: anon })
  expect(reviewed.map((d) => d.unitId).sort()).toEqual([u(1, '101'), u(2, '402')])
  expect(reviewed.every((d) => d.status === 'LEFT' && !String(d.realName).includes('新民') && d.realName !== '张建国')).toBe(true)
  expect(t.store.getById('rights_requests', res.rightsRequestId)!.doc).toMatchObject({ type: 'DELETE_ACCOUNT', status: 'COMPLETED', openid: anon })
  expect(t.store.getById('grids', `${C}_g3`)!.doc.workerOpenids).not.toContain(WHO)

  const boot = expectOk(await t.call<{ isNew: boolean; memberships: unknown[]; roles: unknown[] }>('user', 'bootstrap', {}, WHO))
  expect(boot).toMatchObject({ isNew: true, memberships: [], roles: [] })
  const status = expectOk(await t.call<{ items: { state: string }[] }>('consent', 'status', {}, WHO))
  expect(status.items.every((i) => i.state === 'NOT_ASKED' || i.state === 'NOT_REQUIRED')).toBe(true)
  expect(expectOk(await t.call<{ entries: unknown[] }>('access', 'myLog', {}, WHO)).entries).toEqual([])
})
