/**
 * Consent built into every flow (R4.3–R4.5), through the local cloud with the real SDK. What the
 * store holds is checked directly (cloud.store), never through the API under test.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, bootstrap, expectError, expectOk, grant, hm, u, docsMentioning, countDocs } from './support/linli'
import { POLICY_VERSION } from '../../domain/privacy/purposes'
import { REASK_COOLDOWN_MS } from '../../domain/privacy/consent-model'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

/** 张建国, owner of 1栋101 in the demo register (seeds/index.ts). */
const OWNER_ID = '430104196503150011'
const apply101 = (extra: Record<string, unknown> = {}) => ({ communityId: C, buildingId: `${C}_b01`, unitId: u(1, '101'), relation: 'OWNER', realName: '张建国', adultConfirmed: true, ...extra })

type Status = { items: { purposeId: string; state: string; current: boolean; canAsk: boolean; askAfter: string | null; effective: boolean }[] }
const statusOf = async (openid: string, purpose: string) => expectOk(await t.call<Status>('consent', 'status', {}, openid)).items.find((i) => i.purposeId === purpose)!

describe('without consent: CONSENT_REQUIRED with the purpose, and nothing written', () => {
  const who = 'o_test_noconsent'
  beforeAll(async () => bootstrap(t, who))

  test('household.apply → household', async () => {
    const before = countDocs(t)
    const err = expectError(await t.call('household', 'apply', apply101({ relation: 'TENANT', realName: '无同意', adultConfirmed: true }), who), 'CONSENT_REQUIRED')
    expect(err.details).toMatchObject({ purpose: 'household', reason: 'NOT_ASKED', canAsk: true })
    expect(countDocs(t)).toEqual(before)
    expect(docsMentioning(t, who).get('household_members')).toBeUndefined()
  })

  test('household.listMine → household', async () => {
    expect(expectError(await t.call('household', 'listMine', {}, who), 'CONSENT_REQUIRED').details).toMatchObject({ purpose: 'household' })
  })

  test('user.updateProfile phone → contact_phone; realName → household; nickname needs none', async () => {
    expect(expectError(await t.call('user', 'updateProfile', { phone: '13800001111' }, who), 'CONSENT_REQUIRED').details).toMatchObject({ purpose: 'contact_phone' })
    expect(expectError(await t.call('user', 'updateProfile', { realName: '测试' }, who), 'CONSENT_REQUIRED').details).toMatchObject({ purpose: 'household' })
    expect(t.store.getById('users', who)!.doc).toMatchObject({ phone: null, realName: null })
    expectOk(await t.call('user', 'updateProfile', { nickname: '小测' }, who))
    expect(t.store.getById('users', who)!.doc.nickname).toBe('小测')
  })

  test('owner verification by ID needs its own separate consent; nothing (not even a hash) is written', async () => {
    await grant(t, who, ['household'])
    const before = countDocs(t)
    const err = expectError(await t.call('household', 'apply', apply101({ idNumber: OWNER_ID }), who), 'CONSENT_REQUIRED')
    expect(err.details).toMatchObject({ purpose: 'owner_verification' })
    expect(countDocs(t)).toEqual(before)
    expect(docsMentioning(t, OWNER_ID).size).toBe(0)
  })
})

describe('grant, refuse, withdraw', () => {
  test('each purpose is recorded separately with policy version, channel and time (R4.4)', async () => {
    const who = 'o_test_grant'
    await bootstrap(t, who)
    await grant(t, who, ['household', 'contact_phone', 'notifications'], 'onboarding_sheet_btn_agree')
    const consents = t.store.find('consents', { openid: who })
    expect(consents.map((c) => c.purposeId).sort()).toEqual(['contact_phone', 'household', 'notifications'])
    for (const c of consents) expect(c).toMatchObject({ state: 'GRANTED', policyVersion: POLICY_VERSION, channel: 'onboarding_sheet_btn_agree' })
    const events = t.store.find('consent_events', { openid: who })
    expect(events).toHaveLength(3)
    for (const e of events) expect(e).toMatchObject({ event: 'GRANTED', policyVersion: POLICY_VERSION, channel: 'onboarding_sheet_btn_agree' })
    expect(events.every((e) => e.at instanceof Date)).toBe(true)
  })

  test('a separate-consent purpose cannot be bundled with others; nothing is recorded', async () => {
    const who = 'o_test_bundle'
    await bootstrap(t, who)
    const err = expectError(await t.call('consent', 'grant', { purposes: ['household', 'owner_verification'], policyVersion: POLICY_VERSION, channel: 'x' }, who), 'VALIDATION_FAILED')
    expect(err.message).toMatch(/单独同意/)
    expect(t.store.find('consents', { openid: who })).toHaveLength(0)
    expect(t.store.find('consent_events', { openid: who })).toHaveLength(0)
  })

  test('a non-consent purpose cannot be toggled; a stale policy version cannot grant', async () => {
    const who = 'o_test_toggle'
    await bootstrap(t, who)
    expectError(await t.call('consent', 'grant', { purposes: ['account'], policyVersion: POLICY_VERSION, channel: 'x' }, who), 'VALIDATION_FAILED')
    expectError(await t.call('consent', 'withdraw', { purpose: 'security_logs', channel: 'x' }, who), 'VALIDATION_FAILED')
    expectError(await t.call('consent', 'grant', { purposes: ['household'], policyVersion: '2020.1-old', channel: 'x' }, who), 'CONFLICT')
    const policy = expectOk(await t.call<{ purposes: { id: string; toggleable: boolean }[] }>('consent', 'policy', {}, who))
    expect(policy.purposes.find((p) => p.id === 'owner_roster')?.toggleable).toBe(false)
  })

  test('48 h re-ask cooldown after a refusal (R4.5)', async () => {
    const who = 'o_test_cooldown'
    await bootstrap(t, who)
    expectOk(await t.call('consent', 'refuse', { purpose: 'contact_phone', policyVersion: POLICY_VERSION, channel: 'phone_sheet_btn_refuse' }, who))
    const s = await statusOf(who, 'contact_phone')
    expect(s).toMatchObject({ state: 'REFUSED', canAsk: false })
    const refusedAt = t.store.getById('consents', `${who}:contact_phone`)!.doc.refusedAt as Date
    expect(new Date(s.askAfter!).getTime()).toBe(refusedAt.getTime() + REASK_COOLDOWN_MS)
    // The guard tells the client not to prompt either.
    const err = expectError(await t.call('user', 'updateProfile', { phone: '13800002222' }, who), 'CONSENT_REQUIRED')
    expect(err.details).toMatchObject({ purpose: 'contact_phone', reason: 'REFUSED', canAsk: false })
    // 49 h later the app may ask again.
    const doc = t.store.getById('consents', `${who}:contact_phone`)!.doc
    t.store.put('consents', { ...doc, refusedAt: new Date(Date.now() - 49 * 3600 * 1000) }, 'replace')
    expect(await statusOf(who, 'contact_phone')).toMatchObject({ canAsk: true, askAfter: null })
    // The person can still change their mind themselves at any time.
    await grant(t, who, ['contact_phone'])
    expectOk(await t.call('user', 'updateProfile', { phone: '13800002222' }, who))
  })

  test('a new policy version asks again (PIPL Art. 14)', async () => {
    const who = 'o_test_policy'
    await bootstrap(t, who)
    await grant(t, who, ['household'])
    const doc = t.store.getById('consents', `${who}:household`)!.doc
    t.store.put('consents', { ...doc, policyVersion: '2025.1-00000000' }, 'replace')
    expect(await statusOf(who, 'household')).toMatchObject({ state: 'GRANTED', current: false, effective: false, canAsk: true })
    const err = expectError(await t.call('household', 'listMine', {}, who), 'CONSENT_REQUIRED')
    expect(err.details).toMatchObject({ purpose: 'household', reason: 'POLICY_CHANGED', policyVersion: POLICY_VERSION })
    await grant(t, who, ['household'])
    expectOk(await t.call('household', 'listMine', {}, who))
  })
})

describe('withdrawal stops processing and removes that purpose’s data (checked in the store)', () => {
  const who = 'o_test_withdraw'
  beforeAll(async () => {
    await bootstrap(t, who)
    await grant(t, who, ['household', 'contact_phone'])
    await grant(t, who, ['owner_verification'])
    await grant(t, who, ['special_care'])
  })

  test('contact_phone → users.phone = null, and the phone cannot be set again', async () => {
    expectOk(await t.call('user', 'updateProfile', { phone: '13800003333' }, who))
    expect(t.store.getById('users', who)!.doc.phone).toBe('13800003333')
    expectOk(await t.call('consent', 'withdraw', { purpose: 'contact_phone', channel: 'settings_privacy_withdraw' }, who))
    expect(t.store.getById('users', who)!.doc.phone).toBeNull()
    expect(t.store.getById('consents', `${who}:contact_phone`)!.doc).toMatchObject({ state: 'WITHDRAWN' })
    expect(t.store.find('consent_events', { openid: who, purposeId: 'contact_phone', event: 'WITHDRAWN' })).toHaveLength(1)
    expectError(await t.call('user', 'updateProfile', { phone: '13800003333' }, who), 'CONSENT_REQUIRED')
  })

  test('owner_verification → owner_verifications deleted; household → unreviewed applications deleted, reviewed ones anonymised', async () => {
    // Verified owner: auto-approved (reviewed by the register match) → kept pseudonymised.
    const a = expectOk(await t.call<{ autoApproved: boolean }>('household', 'apply', apply101({ idNumber: OWNER_ID }), who))
    expect(a.autoApproved).toBe(true)
    // A pending application nobody reviewed → deleted.
    expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b02`, unitId: u(2, '101'), relation: 'TENANT', realName: '张建国', adultConfirmed: true }, who))
    expect(t.store.find('owner_verifications', { openid: who })).toHaveLength(1)

    expectOk(await t.call('consent', 'withdraw', { purpose: 'owner_verification', channel: 'settings' }, who))
    expect(t.store.find('owner_verifications', { openid: who })).toHaveLength(0)

    expectOk(await t.call('consent', 'withdraw', { purpose: 'household', channel: 'settings' }, who))
    expect(t.store.find('household_members', { openid: who })).toHaveLength(0)
    expect(t.store.getById('household_members', hm(who, u(2, '101')))).toBeNull()
    const kept = t.store.find('household_members', { unitId: u(1, '101'), reviewedBy: 'system:owner_verification' })
    expect(kept).toHaveLength(1)
    expect(kept[0]).toMatchObject({ realName: '张*国', status: 'LEFT' })
    expect(String(kept[0].openid)).toMatch(/^anon_/)
    expect(JSON.stringify(kept[0])).not.toContain(who)
    // Processing stopped: the household actions now ask again.
    expect(expectError(await t.call('household', 'listMine', {}, who), 'CONSENT_REQUIRED').details).toMatchObject({ reason: 'WITHDRAWN' })
  })

  test('special_care → care_profiles deleted', async () => {
    t.store.put('care_profiles', { _id: `care:${who}`, openid: who, careFlags: ['LIVING_ALONE'], careNote: '独居', createdAt: new Date() }, 'replace')
    expectOk(await t.call('consent', 'withdraw', { purpose: 'special_care', channel: 'settings' }, who))
    expect(t.store.find('care_profiles', { openid: who })).toHaveLength(0)
  })
})

describe('household flow', () => {
  test('owner verification stores only the result and a salted hash, never the ID number (R4.2)', async () => {
    const who = 'o_test_verify'
    await bootstrap(t, who)
    await grant(t, who, ['household'])
    await grant(t, who, ['owner_verification'])
    const res = expectOk(await t.call<{ autoApproved: boolean; membership: { status: string; verified: boolean } }>('household', 'apply', apply101({ idNumber: OWNER_ID, relation: 'CO_OWNER' }), who))
    expect(res).toMatchObject({ autoApproved: true, membership: { status: 'APPROVED', verified: true } })
    const v = t.store.find('owner_verifications', { openid: who })
    expect(v).toHaveLength(1)
    expect(v[0]).toMatchObject({ result: 'MATCHED' })
    expect(String(v[0].idHash)).toMatch(/^[0-9a-f]{64}$/)
    expect(docsMentioning(t, OWNER_ID).size).toBe(0)
    // One active application per unit per person.
    expectError(await t.call('household', 'apply', apply101({ relation: 'CO_OWNER' }), who), 'HOUSEHOLD_ALREADY_MEMBER')
  })

  test('a wrong ID number goes to staff review and keeps no hash', async () => {
    const who = 'o_test_verify_wrong'
    await bootstrap(t, who)
    await grant(t, who, ['household'])
    await grant(t, who, ['owner_verification'])
    const res = expectOk(await t.call<{ autoApproved: boolean; membership: { status: string } }>('household', 'apply', apply101({ idNumber: '110105194912310021' }), who))
    expect(res).toMatchObject({ autoApproved: false, membership: { status: 'APPLIED' } })
    expect(t.store.find('owner_verifications', { openid: who })[0]).toMatchObject({ result: 'NOT_MATCHED', idHash: null })
  })

  test('an owner approves their own tenant; grid worker of another grid cannot; review is audited; leave', async () => {
    const who = 'o_test_tenant'
    await bootstrap(t, who)
    await grant(t, who, ['household'])
    // 7栋201 is o_demo_owner's (grid 2).
    const unitId = u(7, '201')
    expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b07`, unitId, relation: 'TENANT', realName: '王小二', adultConfirmed: true }, who))
    const id = hm(who, unitId)
    const queue = expectOk(await t.call<{ items: { id: string; nameMasked: string; as: string; unitLabel: string }[] }>('household', 'listForReview', { communityId: C }, 'o_demo_owner'))
    expect(queue.items.find((i) => i.id === id)).toMatchObject({ nameMasked: '王*二', as: 'OWNER', unitLabel: '7栋201' })
    expectError(await t.call('household', 'review', { memberId: id, decision: 'APPROVE' }, 'o_demo_grid_worker'), 'FORBIDDEN')
    expectOk(await t.call('household', 'review', { memberId: id, decision: 'APPROVE' }, 'o_demo_owner'))
    expect(t.store.getById('household_members', id)!.doc).toMatchObject({ status: 'APPROVED', reviewedBy: 'o_demo_owner' })
    const audits = t.store.find('audit_log', { event: 'household.reviewed', 'details.subjectOpenid': who })
    expect(audits[0]).toMatchObject({ actorOpenid: 'o_demo_owner', details: { as: 'OWNER', before: { status: 'APPLIED' }, after: { status: 'APPROVED' } } })
    // A second decision on the same application conflicts.
    expectError(await t.call('household', 'review', { memberId: id, decision: 'REJECT', reason: '重复' }, 'o_demo_owner'), 'CONFLICT')
    // Reject needs a reason.
    expectError(await t.call('household', 'review', { memberId: id, decision: 'REJECT' }, 'o_demo_rc_staff'), 'VALIDATION_FAILED')
    const left = expectOk(await t.call<{ result: string }>('household', 'leave', { memberId: id }, who))
    expect(left.result).toBe('anonymised')
    expect(t.store.find('household_members', { openid: who })).toHaveLength(0)
  })

  test('an owner cannot approve an OWNER claim on their unit', async () => {
    const who = 'o_test_claim'
    await bootstrap(t, who)
    await grant(t, who, ['household'])
    const unitId = u(7, '201')
    expectOk(await t.call('household', 'apply', { communityId: C, buildingId: `${C}_b07`, unitId, relation: 'CO_OWNER', realName: '冒名者', adultConfirmed: true }, who))
    expectError(await t.call('household', 'review', { memberId: hm(who, unitId), decision: 'APPROVE' }, 'o_demo_owner'), 'FORBIDDEN')
  })
})

describe('access log (谁看过我的数据)', () => {
  test('a reveal needs a reason, is logged, and the resident sees who, when, which field, why', async () => {
    const memberId = hm('o_demo_resident', u(6, '302'))
    expectError(await t.call('access', 'reveal', { communityId: C, memberId, field: 'phone', reason: '看' }, 'o_demo_grid_worker_2'), 'VALIDATION_FAILED')
    const r = expectOk(await t.call<{ value: string }>('access', 'reveal', { communityId: C, memberId, field: 'phone', reason: '通知停水，电话联系' }, 'o_demo_grid_worker_2'))
    expect(r.value).toBe('13907310002')
    const log = expectOk(await t.call<{ entries: Record<string, unknown>[] }>('access', 'myLog', {}, 'o_demo_resident'))
    expect(log.entries[0]).toMatchObject({ actorRole: 'GRID_WORKER', actorNameMasked: '吴*', field: 'phone', fieldLabel: '手机号', reason: '通知停水，电话联系' })
    expect(t.store.find('access_log', { subjectOpenid: 'o_demo_resident', actorOpenid: 'o_demo_grid_worker_2' }).length).toBeGreaterThan(0)
  })

  test('grid card: masked worker phone plus the published number to call', async () => {
    const r = expectOk(await t.call<{ cards: Record<string, unknown>[] }>('community', 'myGridCard', {}, 'o_demo_resident'))
    expect(r.cards).toEqual([
      expect.objectContaining({ gridName: '学堂坡第二网格', workerName: '吴强', workerPhoneMasked: '136****0102', workerTel: '13607310102', supervisorHotline: '0731-85550101' }),
    ])
  })
})
