/**
 * Subscribe messages (issue #10, R5.6, R5.7): credits recorded per user and template, a notice's
 * pokes sent in batches by the timer, each credit consumed exactly once per send, 43101 from the
 * platform marks the credit used up, field lengths enforced, a withdrawn `notifications` consent
 * stops sends, and a failed send is retried without anyone getting a notice twice.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, b, expectError, expectOk, grant } from './support/linli'

const TPL = 'TPL_NOTICE_LOCAL'
let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})
let seq = 0
const rid = () => `req_sub_${Date.now()}_${++seq}`
const record = (openid: string, results: { templateId: string; result: string }[]) => t.call<{ credits: { templateId: string; credits: number }[] }>('subscribe', 'record', { results }, openid, { requestId: rid() })
const credit = (openid: string) => (t.store.find('subscriptions', { _id: `${openid}:${TPL}` })[0]?.credits as number | undefined) ?? null
const outboxTo = (openid: string) => t.cloud.openapi.outbox.filter((m) => m.touser === openid)
const sendBatch = async () => ((await t.cloud.fireTimer('subscribe', 'send-batch')) as { data: { sent: number; retried: number } }).data

/** Approved members of 6栋 from the seeds (grid 2), who will be addressed by a 6栋 notice. */
const building6 = () => [...new Set(t.store.find('household_members', { buildingId: b(6), status: 'APPROVED' }).map((m) => m.openid as string))]

describe('subscribe.record', () => {
  test('needs the notifications consent; each accept is one credit; reject adds none', async () => {
    expectError(await record('o_demo_resident', [{ templateId: TPL, result: 'accept' }]), 'CONSENT_REQUIRED')
    await grant(t, 'o_demo_resident', ['notifications'])
    expect(expectOk(await record('o_demo_resident', [{ templateId: TPL, result: 'accept' }])).credits).toEqual([{ templateId: TPL, credits: 1, accepted: true }])
    expect(expectOk(await record('o_demo_resident', [{ templateId: TPL, result: 'reject' }])).credits[0].credits).toBe(1)
    expect(credit('o_demo_resident')).toBe(1)
  })

  test('unknown templates and more than 3 per call are refused (R5.7), nothing written', async () => {
    const before = t.store.count('subscriptions', {})
    expectError(await record('o_demo_resident', [{ templateId: 'TPL_NOT_CONFIGURED', result: 'accept' }]), 'VALIDATION_FAILED')
    expectError(await record('o_demo_resident', Array.from({ length: 4 }, () => ({ templateId: TPL, result: 'accept' }))), 'VALIDATION_FAILED')
    expect(t.store.count('subscriptions', {})).toBe(before)
  })
})

describe('pokes for a published notice', () => {
  let noticeId: string
  const withCredit = 'o_demo_resident'
  let ourCreditOnly: string
  let withdrawn: string

  beforeAll(async () => {
    ;[ourCreditOnly, withdrawn] = building6().filter((o) => o !== withCredit)
    // o_demo_resident: a credit in our ledger and at the platform. The second: our ledger says one,
    // the platform has none (it expired) → 43101. The third: credit, then consent withdrawn.
    t.cloud.openapi.grantSubscribeCredit(withCredit, TPL, 1)
    for (const o of [ourCreditOnly, withdrawn]) {
      await grant(t, o, ['notifications'])
      expectOk(await record(o, [{ templateId: TPL, result: 'accept' }]))
    }
    t.cloud.openapi.grantSubscribeCredit(withdrawn, TPL, 1)
    expectOk(await t.call('consent', 'withdraw', { purpose: 'notifications', channel: 'test' }, withdrawn))
    const title = '六栋楼顶防水施工期间请关好窗户并收好晾晒衣物' // 23 characters: over thing's 20
    noticeId = expectOk(await t.call<{ notice: { id: string } }>('notice', 'publish', { communityId: C, title, body: '施工期间请关好窗户。', category: 'NOTICE', audience: { scope: 'BUILDINGS', buildingIds: [b(6)] }, poke: true }, 'o_demo_rc_staff', { requestId: rid() })).notice.id
    expect(t.store.find('subscribe_jobs', { noticeId })).toHaveLength(1)
  })

  test('the timer sends one message to the person with a credit, consuming it once; fields fit', async () => {
    expect(t.cloud.openapi.outbox).toHaveLength(0)
    const r = await sendBatch()
    expect(r.sent).toBe(1)
    expect(outboxTo(withCredit)).toHaveLength(1)
    const data = outboxTo(withCredit)[0].data
    expect([...data.thing1.value].length).toBeLessThanOrEqual(20)
    expect(data.thing1.value.endsWith('…')).toBe(true)
    expect(data.time2.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(credit(withCredit)).toBe(0)
    expect(t.store.find('subscribe_sends', { noticeId, openid: withCredit })[0]).toMatchObject({ state: 'SENT', attempts: 1 })
  })

  test('43101 marks our credit used up; a withdrawn consent is never sent (withdrawal also deleted the credit)', () => {
    expect(t.store.find('subscribe_sends', { noticeId, openid: ourCreditOnly })[0]).toMatchObject({ state: 'NO_CREDIT' })
    expect(credit(ourCreditOnly)).toBe(0)
    expect(t.store.find('subscribe_sends', { noticeId, openid: withdrawn })).toHaveLength(0)
    expect(outboxTo(withdrawn)).toHaveLength(0)
    expect(credit(withdrawn)).toBeNull()
  })

  test('running the job again sends nothing twice', async () => {
    t.cloud.openapi.grantSubscribeCredit(withCredit, TPL, 5)
    expectOk(await record(withCredit, [{ templateId: TPL, result: 'accept' }]))
    const r = await sendBatch()
    expect(r.sent).toBe(0)
    expect(outboxTo(withCredit)).toHaveLength(1)
    expect(t.store.find('subscribe_jobs', { noticeId })[0].state).toBe('DONE')
  })

  test('a failed send is retried by the job, once, and consumes the credit once', async () => {
    const who = 'o_demo_owner'
    await grant(t, who, ['notifications'])
    expectOk(await record(who, [{ templateId: TPL, result: 'accept' }]))
    t.cloud.openapi.grantSubscribeCredit(who, TPL, 1)
    const message = { touser: who, templateId: TPL, page: `pages/notices/detail?id=${noticeId}`, data: { thing1: { value: '重试测试' } } }
    t.store.put('subscribe_sends', { _id: `ss_${noticeId}_${who}`, noticeId, openid: who, templateId: TPL, state: 'FAILED', attempts: 1, message, error: 'timeout', at: new Date() }, 'replace')
    const r = await sendBatch()
    expect(r).toMatchObject({ retried: 1, sent: 1 })
    expect(outboxTo(who)).toHaveLength(1)
    expect(credit(who)).toBe(0)
    expect((await sendBatch()).retried).toBe(0)
    expect(outboxTo(who)).toHaveLength(1)
  })
})

describe('the H5 dev build: POST /__dev/subscribe is the local cloud’s side of requestSubscribeMessage', () => {
  const devSubscribe = (openid: string | null, body: unknown) =>
    fetch(`${t.cloud.url}/__dev/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'X-Dev-Openid': openid } : {}) }, body: JSON.stringify(body) })
  const platformCredit = (openid: string) => t.cloud.openapi.subscribeCredits.get(`${openid}|${TPL}`) ?? 0

  test('an accept grants one platform credit; bad calls grant nothing', async () => {
    const who = 'o_demo_family'
    const before = platformCredit(who)
    expect((await devSubscribe(null, { tmplIds: [TPL] })).status).toBe(400)
    expect((await devSubscribe(who, { tmplIds: [TPL, 'A', 'B', 'C'] })).status).toBe(400)
    expect((await devSubscribe(who, { tmplIds: ['bad id!'] })).status).toBe(400)
    expect(platformCredit(who)).toBe(before)
    const ok = await devSubscribe(who, { tmplIds: [TPL] })
    expect(await ok.json()).toEqual({ errMsg: 'requestSubscribeMessage:ok', [TPL]: 'accept' })
    expect(platformCredit(who)).toBe(before + 1)
    expect(await (await devSubscribe(who, { tmplIds: [TPL], reject: [TPL] })).json()).toMatchObject({ [TPL]: 'reject' })
    expect(platformCredit(who)).toBe(before + 1)
  })

  test('the whole H5 path: opt-in tap → subscribe.record → publish with a poke → the timer’s send is in GET /__dev/outbox, not 43101', async () => {
    // 2栋 (grid 1): a member who has never subscribed, so the only credit is the one the tap grants.
    const who = [...new Set(t.store.find('household_members', { buildingId: b(2), status: 'APPROVED' }).map((m) => m.openid as string))].find((o) => !t.store.find('subscriptions', { openid: o }).length)!
    await grant(t, who, ['notifications'])
    const answer = (await (await devSubscribe(who, { tmplIds: [TPL] })).json()) as Record<string, string>
    expectOk(await record(who, [{ templateId: TPL, result: answer[TPL] }]))
    const id = expectOk(await t.call<{ notice: { id: string } }>('notice', 'publish', { communityId: C, title: '二栋停水通知', body: '明天上午二栋停水，请提前储水。', category: 'NOTICE', audience: { scope: 'BUILDINGS', buildingIds: [b(2)] }, poke: true }, 'o_demo_rc_staff', { requestId: rid() })).notice.id
    await sendBatch()
    const outbox = (await (await fetch(`${t.cloud.url}/__dev/outbox`)).json()) as { outbox: { touser: string; page?: string }[] }
    expect(outbox.outbox.filter((m) => m.touser === who && m.page?.includes(id))).toHaveLength(1)
    expect(t.store.find('subscribe_sends', { noticeId: id, openid: who })[0]).toMatchObject({ state: 'SENT' })
  })
})
