/**
 * Children under 14 (R4.7, PIPL Art. 31): they cannot register themselves; a guardian adds them to
 * their own home under a separate consent, only the guardian sees them, and withdrawal, export and
 * account deletion treat them as the guardian's records. Plus the rights-request list (R4.6).
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectError, expectOk, grant, hm, u } from './support/linli'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

const OWNER_HOME = hm('o_demo_owner', u(1, '101'))
const thisYear = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear()
type Minor = { id: string; displayName: string; birthYear: number; turned14: boolean; unitLabel: string }

test('self-registration needs the 14+ declaration; without it nothing is written', async () => {
  const who = 'o_minor_selfreg'
  expectOk(await t.call('user', 'bootstrap', {}, who))
  await grant(t, who, ['household'])
  const err = expectError(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b09`, unitId: u(9, '201'), relation: 'FAMILY', realName: '小朋友' }, who), 'VALIDATION_FAILED')
  expect(Object.keys((err.details as { fields: Record<string, string[]> }).fields)).toEqual(['adultConfirmed'])
  expect(t.store.find('household_members', { openid: who })).toHaveLength(0)
})

test('a guardian adds a child to their own home under the separate consent; only the guardian sees it', async () => {
  const body = { memberId: OWNER_HOME, displayName: '张小宝', birthYear: thisYear - 6 }
  const need = expectError(await t.call('household', 'addMinor', body, 'o_demo_owner'), 'CONSENT_REQUIRED')
  expect(need.details).toMatchObject({ purpose: 'minor_household' })
  expect(t.store.find('household_minors', {})).toHaveLength(0)

  // A separate-consent purpose is granted on its own, never bundled (R4.3).
  expectError(await t.call('consent', 'grant', { purposes: ['minor_household', 'notifications'], policyVersion: (await import('../../domain/privacy/purposes')).POLICY_VERSION, channel: 't' }, 'o_demo_owner'), 'VALIDATION_FAILED')
  await grant(t, 'o_demo_owner', ['minor_household'])
  const { minor } = expectOk(await t.call<{ minor: Minor }>('household', 'addMinor', body, 'o_demo_owner'))
  expect(minor).toMatchObject({ displayName: '张小宝', birthYear: thisYear - 6, turned14: false, unitLabel: '1栋101' })
  const mine = expectOk(await t.call<{ minors: Minor[] }>('household', 'listMine', {}, 'o_demo_owner'))
  expect(mine.minors.map((m) => m.id)).toEqual([minor.id])

  // Not in anyone else's view: the grid worker's directory, the family member's own list.
  const dir = expectOk(await t.call('household', 'directory', { communityId: C, buildingId: `${C}_b01` }, 'o_demo_grid_worker'))
  expect(JSON.stringify(dir)).not.toContain('小宝')
  const family = expectOk(await t.call<{ minors: Minor[] }>('household', 'listMine', {}, 'o_demo_family'))
  expect(family.minors).toHaveLength(0)
  expectError(await t.call('household', 'removeMinor', { minorId: minor.id }, 'o_demo_family'), 'NOT_FOUND')
})

test('14 or older, a future year, or another person’s home are refused', async () => {
  expectError(await t.call('household', 'addMinor', { memberId: OWNER_HOME, displayName: '大孩子', birthYear: thisYear - 14 }, 'o_demo_owner'), 'VALIDATION_FAILED')
  expectError(await t.call('household', 'addMinor', { memberId: OWNER_HOME, displayName: '未出生', birthYear: thisYear + 1 }, 'o_demo_owner'), 'VALIDATION_FAILED')
  expectError(await t.call('household', 'addMinor', { memberId: hm('o_demo_resident', u(6, '302')), displayName: '别人家', birthYear: thisYear - 3 }, 'o_demo_owner'), 'NOT_FOUND')
  expect(t.store.find('household_minors', { displayName: '大孩子' })).toHaveLength(0)
})

test('the export holds the child records; withdrawing minor_household deletes them (checked in the store)', async () => {
  const exported = expectOk(
    await t.call<{ collections: Record<string, { _id: string; displayName?: string }[]>; sections: { purpose: string | null; records: { rows: { value: string }[] }[] }[] }>('user', 'exportMyData', {}, 'o_demo_owner'),
  )
  expect(exported.collections.household_minors.map((m) => m.displayName)).toEqual(['张小宝'])
  // The child's id and every readable row outside the account section carry no account id (issue #7 item 5, #9 §7.5).
  expect(t.store.find('household_minors', { guardianOpenid: 'o_demo_owner' }).map((m) => String(m._id))).toEqual([expect.not.stringContaining('o_demo_owner')])
  const readable = exported.sections.filter((s) => s.purpose !== 'account').flatMap((s) => s.records.flatMap((r) => r.rows.map((row) => row.value)))
  expect(readable.length).toBeGreaterThan(0)
  expect(readable.filter((v) => v.includes('o_demo_owner'))).toEqual([])
  // Headings and labels are words, never collection or field names (the owner has seeded repairs, bookings …).
  const shown = (exported.sections as unknown as { records: { title: string; rows: { label: string }[] }[] }[]).flatMap((s) => s.records.flatMap((r) => [r.title, ...r.rows.map((row) => row.label)]))
  expect(shown.filter((text) => /[A-Za-z]+_[A-Za-z0-9_]+/.test(text))).toEqual([])
  // …and values are words too: no state codes such as IN_PROGRESS (seeded repairs are in every state).
  expect(readable.filter((v) => /\b[A-Z]+_[A-Z0-9_]+\b/.test(v))).toEqual([])
  // …and no record ids (a child's minor_… id once showed through an audit entry).
  expect(readable.filter((v) => /\b[a-z]{1,12}_[A-Za-z0-9]{6,}/.test(v))).toEqual([])
  expectOk(await t.call('consent', 'withdraw', { purpose: 'minor_household', channel: 't' }, 'o_demo_owner'))
  expect(t.store.find('household_minors', { guardianOpenid: 'o_demo_owner' })).toHaveLength(0)
  expectError(await t.call('household', 'addMinor', { memberId: OWNER_HOME, displayName: '张小宝', birthYear: thisYear - 6 }, 'o_demo_owner'), 'CONSENT_REQUIRED')
})

/** A new account with an approved home in 9栋 (approved in the store) and one child added under the separate consent. */
async function guardianWithChild(who: string, door: string, realName: string, child: string, age: number): Promise<void> {
  expectOk(await t.call('user', 'bootstrap', {}, who))
  await grant(t, who, ['household'])
  const applied = expectOk(await t.call<{ membership: { id: string } }>('household', 'apply', { communityId: C, buildingId: `${C}_b09`, unitId: u(9, door), relation: 'TENANT', realName, adultConfirmed: true }, who))
  t.store.updateWhere('household_members', { _id: applied.membership.id }, { $set: { status: 'APPROVED', reviewedBy: 'o_demo_rc_staff' } }, { multi: false, merge: true, upsert: false })
  await grant(t, who, ['minor_household'])
  expectOk(await t.call('household', 'addMinor', { memberId: applied.membership.id, displayName: child, birthYear: thisYear - age }, who))
}

test('deleting the guardian account deletes the children they added', async () => {
  const who = 'o_minor_guardian'
  await guardianWithChild(who, '301', '钱监护', '钱小满', 2)
  expect(t.store.find('household_minors', { guardianOpenid: who })).toHaveLength(1)
  expectOk(await t.call('user', 'deleteAccount', { confirm: true }, who))
  expect(t.store.find('household_minors', {}).filter((m) => JSON.stringify(m).includes('钱小满'))).toHaveLength(0)
})

// Issue #7 item 3: the children hang on the guardian's homes; without the homes they have no purpose.
test('withdrawing 房屋与家庭绑定 also deletes the children registered to those homes (the minor consent stays as set)', async () => {
  const who = 'o_minor_withdraw'
  await guardianWithChild(who, '302', '孙监护', '孙小禾', 4)
  const before = t.store.find('household_minors', {}).length

  const answer = expectOk(await t.call<{ erased: Record<string, number> }>('consent', 'withdraw', { purpose: 'household', channel: 't' }, who))
  expect(answer.erased).toMatchObject({ household_members: 1, household_minors: 1 })
  expect(t.store.find('household_minors', { guardianOpenid: who })).toHaveLength(0)
  expect(t.store.find('household_minors', {})).toHaveLength(before - 1)
  expect(t.store.getById('consents', `${who}:minor_household`)!.doc).toMatchObject({ state: 'GRANTED' })
})

test('my rights requests: export, correction and their deadlines are listed', async () => {
  const who = 'o_rights_lister'
  expectOk(await t.call('user', 'bootstrap', {}, who))
  expectOk(await t.call('user', 'updateProfile', { nickname: '老王' }, who))
  expectOk(await t.call('user', 'exportMyData', {}, who))
  const { requests } = expectOk(await t.call<{ requests: { type: string; status: string; requestedAt: string; deadline: string }[] }>('user', 'myRequests', {}, who))
  expect(requests.map((r) => r.type).sort()).toEqual(['ACCESS_COPY', 'CORRECT'])
  for (const r of requests) {
    expect(r.status).toBe('COMPLETED')
    const days = (new Date(r.deadline).getTime() - new Date(r.requestedAt).getTime()) / (24 * 3600 * 1000)
    expect(days).toBe(21)
  }
  expect(expectOk(await t.call<{ requests: unknown[] }>('user', 'myRequests', {}, 'o_demo_resident')).requests).toHaveLength(0)
})
