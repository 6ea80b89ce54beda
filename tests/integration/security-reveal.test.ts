/**
 * Reveals of a phone number: property staff only through a resident's call-back request (issue #9
 * §7.6), reviewers may call an applicant under review (issue #7 §4), and the resident sees who
 * looked, by full name (issue #7 §16).
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, bootstrap, expectError, expectOk, grant, hm, u } from './support/linli'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

const reveal = (input: Record<string, unknown>, by: string) => t.call<{ value: string; loggedAs: string }>('access', 'reveal', { communityId: C, field: 'phone', reason: '回电处理报修事项', ...input }, by)
const logsBy = (openid: string) => t.store.find('access_log', { actorOpenid: openid })

test('§7.6 property staff cannot reveal a phone from a household record; nothing is logged or shown', async () => {
  // 6栋302's tenant has a phone on file with consent (seeds): grid staff can reveal it.
  const member = hm('o_demo_resident', u(6, '302'))
  expect(expectOk(await reveal({ memberId: member }, 'o_demo_grid_worker_2')).value).toMatch(/^1\d{10}$/)
  const err = expectError(await reveal({ memberId: member }, 'o_demo_property_staff'), 'FORBIDDEN')
  expect(err.message).toMatch(/回电/)
  expectError(await reveal({ serviceRequestId: 'repair:r_unknown' }, 'o_demo_property_staff'), 'FORBIDDEN')
  expectError(await reveal({ serviceRequestId: 'not a ref' }, 'o_demo_property_staff'), 'FORBIDDEN')
  expect(logsBy('o_demo_property_staff')).toEqual([])
  // Exactly one of the two identifiers.
  expectError(await reveal({ memberId: member, serviceRequestId: 'repair:r1' }, 'o_demo_rc_staff'), 'VALIDATION_FAILED')
  expectError(await reveal({}, 'o_demo_rc_staff'), 'VALIDATION_FAILED')
})

test('issue #7 §4: the reviewer can call an applicant under review who left a phone; logged; seen by the applicant with the full name', async () => {
  const A = 'o_sec_applicant_with_phone'
  await bootstrap(t, A)
  await grant(t, A, ['household', 'contact_phone'])
  expectOk(await t.call('user', 'updateProfile', { phone: '13912345678' }, A))
  expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b02`, unitId: u(2, '502'), relation: 'TENANT', realName: '孔令华', adultConfirmed: true }, A))

  type Queue = { items: { id: string; unitId: string; hasPhone: boolean }[] }
  const queue = expectOk(await t.call<Queue>('household', 'listForReview', { communityId: C }, 'o_demo_grid_worker'))
  const item = queue.items.find((i) => i.unitId === u(2, '502'))!
  expect(item.hasPhone).toBe(true)
  expect(item.id).not.toContain(A)

  const r = expectOk(await reveal({ memberId: item.id, reason: '核实入户申请信息' }, 'o_demo_grid_worker'))
  expect(r.value).toBe('13912345678')
  expect(t.store.getById('access_log', r.loggedAs)!.doc).toMatchObject({ actorOpenid: 'o_demo_grid_worker', subjectOpenid: A, reason: '核实入户申请信息' })
  // Another grid's worker may not (R7.2); admins hold no reveal.
  expectError(await reveal({ memberId: item.id }, 'o_demo_grid_worker_2'), 'FORBIDDEN')
  expectError(await reveal({ memberId: item.id }, 'o_demo_admin'), 'FORBIDDEN')

  type Log = { entries: { actorName: string; actorNameMasked: string; actorRoleLabel: string; reason: string }[] }
  const log = expectOk(await t.call<Log>('access', 'myLog', {}, A))
  expect(log.entries).toEqual([expect.objectContaining({ actorName: '周敏', actorNameMasked: '周*', actorRoleLabel: '网格员', reason: '核实入户申请信息' })])
})
