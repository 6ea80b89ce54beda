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

type Row = { label: string; value: string }
type Export = {
  collections: Record<string, Record<string, unknown>[]>
  counts: Record<string, number>
  rightsRequestId: string
  sections: { purpose: string | null; title: string; records: { collection: string; title: string; rows: Row[] }[] }[]
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out))
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out))
  return out
}

test("the export holds the person's own records, records about them and what they did, nothing internal", async () => {
  const data = expectOk(await t.call<Export>('user', 'exportMyData', {}, WHO))
  // Every record the store holds for the person (openid field) is in it.
  for (const c of Object.keys(data.collections)) {
    expect([c, data.counts[c]]).toEqual([c, data.collections[c].length])
  }
  for (const c of t.store.listCollections().filter((c) => c !== 'idempotency')) {
    const own = t.store.find(c, { openid: WHO }).length
    expect([c, (data.collections[c] ?? []).length >= own]).toEqual([c, true])
  }
  // It really exercised the features (guards against an empty-equals-empty pass).
  for (const c of ['users', 'consents', 'consent_events', 'household_members', 'owner_verifications', 'access_log', 'audit_log', 'role_grants', 'rights_requests', 'care_profiles']) {
    expect([c, data.collections[c]?.length ?? 0]).not.toEqual([c, 0])
  }
  // Nothing internal (issue #7 §5): no idempotency rows, no third parties' records, no keys that
  // embed the account id or a request id, no other person's account id anywhere.
  expect(data.collections.idempotency).toBeUndefined()
  expect(data.collections.grids).toBeUndefined()
  expect(data.collections.household_members.every((d) => d.openid === WHO)).toBe(true)
  const all = strings(data)
  expect(all.filter((s) => s.includes(WHO) && s !== WHO)).toEqual([])
  expect(all.filter((s) => /o_demo_|anon_|^rr:/.test(s))).toEqual([])
  expect(JSON.stringify(data.collections)).not.toContain('"requestId"')

  expect(data.rightsRequestId).toMatch(/^RR-[A-Z2-9]{8}$/)
  const rr = t.store.getById('rights_requests', data.rightsRequestId)!.doc
  expect(rr).toMatchObject({ type: 'ACCESS_COPY', status: 'COMPLETED', openid: WHO })
  expect((rr.deadline as Date).getTime() - (rr.requestedAt as Date).getTime()).toBe(21 * 24 * 3600 * 1000)
  // The raw ID number is nowhere, in the store or the export.
  expect(JSON.stringify(data)).not.toContain('430104196503150011')
})

test('the readable view groups the records by purpose, with labels and display values', async () => {
  const data = expectOk(await t.call<Export>('user', 'exportMyData', {}, WHO))
  const section = (purpose: string) => data.sections.find((s) => s.purpose === purpose)!
  expect(section('household').title).toBe('房屋与家庭绑定')
  const home = section('household').records.find((r) => r.title === '房屋：2栋402')!
  expect(home.rows).toEqual(expect.arrayContaining([{ label: '与房屋关系', value: '租户' }, { label: '状态', value: '已认证' }, { label: '所在社区', value: '学堂坡社区' }]))
  expect(section('household').records.find((r) => r.collection === 'users')!.rows).toEqual([{ label: '姓名', value: '赵新民' }])
  expect(section('contact_phone').records[0].rows).toEqual([{ label: '手机号', value: '13700001234' }])
  expect(section('account').records[0].rows).toEqual(expect.arrayContaining([{ label: '昵称', value: '新邻居' }]))
  // Who viewed my data, by the viewer's full name (staff act in an official capacity, issue #7 §16).
  const viewed = section('security_logs').records.find((r) => r.title === '谁看过我的数据')!
  expect(viewed.rows).toEqual(expect.arrayContaining([{ label: '查看人', value: '周敏' }, { label: '查看理由', value: '核实租住信息' }, { label: '操作人角色', value: '网格员' }]))
  expect(data.sections.find((s) => s.title === '同意记录')!.records.length).toBeGreaterThan(0)
  expect(JSON.stringify(data.sections)).not.toMatch(/o_demo_|T\d\d:\d\d:\d\d/)
})

test("§7.5 a grid worker's export holds no other person's records, even after the grant is revoked", async () => {
  const GW = 'o_demo_grid_worker'
  // The oracle: the store does hold many others' memberships this worker reviewed.
  expect(t.store.find('household_members', { reviewedBy: GW }).filter((d) => d.openid !== GW).length).toBeGreaterThan(50)
  const check = async () => {
    const data = expectOk(await t.call<Export>('user', 'exportMyData', {}, GW))
    expect((data.collections.household_members ?? []).filter((d) => d.openid !== GW)).toEqual([])
    expect(data.collections.grids).toBeUndefined()
    // What the worker did is there (reviews, reveals), with the other people as 他人.
    expect((data.collections.audit_log ?? []).length).toBeGreaterThan(0)
    expect(strings(data).filter((s) => /^o_demo_/.test(s) && s !== GW)).toEqual([])
    expect(strings(data).filter((s) => s.includes(WHO))).toEqual([])
  }
  await check()
  const grant = t.store.find('role_grants', { openid: GW, role: 'GRID_WORKER' })[0]
  expectOk(await t.call('role', 'revoke', { communityId: C, grantId: grant._id }, 'o_demo_admin'))
  await check()
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
