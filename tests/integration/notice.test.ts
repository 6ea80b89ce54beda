/**
 * Notices end to end through the local cloud (issue #10, R5.6, R5.8, R7.2, R7.3): publishing and
 * its refusals, the inbox, racing read receipts, reach against an independent count of the store,
 * grid scope, versioning and acknowledgement reset, held notices, the unread list and delivery.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, b, expectError, expectOk, grant, hm, u } from './support/linli'
import { uploadPngs } from './support/uploads'
import type { Envelope } from '../../domain/shared/envelope'

let t: TestCloud
beforeAll(async () => {
  // Six instances still race for real; fewer simultaneous cold starts keep a loaded machine under the function timeout.
  t = await startTestCloud({ maxInstancesPerFunction: 6 })
})
afterAll(async () => {
  await t?.close()
})

const G1 = `${C}_g1` // buildings 1–4
const G2 = `${C}_g2` // buildings 5–7
let seq = 0
const rid = () => `req_notice_${Date.now()}_${++seq}`

interface Authored {
  id: string
  status: string
  addressed: number
  holdReason: string | null
  version: number
}
interface InboxItem {
  id: string
  title: string
  category: string
  read: boolean
  pinned: boolean
  acknowledged: boolean
  ackRequired: boolean
  updated: boolean
}
interface Reach {
  addressed: number
  read: number
  acknowledged: number
  delivered: number
  reached: number
  unread: number
  scope: string
}

async function publish(openid: string, input: Record<string, unknown>): Promise<Envelope<{ notice: Authored }>> {
  return t.call('notice', 'publish', { communityId: C, title: '测试通知标题', body: '这是一条测试通知的正文内容。', category: 'NOTICE', ...input }, openid, { requestId: rid() })
}
const inbox = async (openid: string, input: Record<string, unknown> = {}) => expectOk(await t.call<{ notices: InboxItem[]; nextCursor: string | null }>('notice', 'list', input, openid))
const reach = async (openid: string, noticeId: string) => t.call<Reach>('notice', 'reach', { noticeId }, openid)

/** Households (dwellings) of the register in these buildings — counted straight from the store. */
const dwellings = (buildings: string[]) => t.store.find('units', { communityId: C, isParking: false, buildingId: { $in: buildings } }).length
const snapshot = () => ['notices', 'notice_versions', 'notice_receipts', 'audit_log'].map((c) => t.store.count(c, {})).join(',')

describe('publish', () => {
  test('a grid worker publishes a 需确认 notice to grid 1: addressed = the dwellings of buildings 1–4', async () => {
    const n = expectOk(await publish('o_demo_grid_worker', { audience: { scope: 'GRIDS', gridIds: [G1] }, ackRequired: true })).notice
    expect(n.status).toBe('PUBLISHED')
    expect(n.addressed).toBe(dwellings([b(1), b(2), b(3), b(4)]))
    expect(n.addressed).toBe(96)
    // A version record and an audit entry exist.
    expect(t.store.find('notice_versions', { noticeId: n.id })).toHaveLength(1)
    expect(t.store.find('audit_log', { event: 'notice.publish', target: n.id })).toHaveLength(1)
  })

  test('R7.2: a grid-1 worker publishing to grid 2 (or a grid-2 building, or community-wide) → FORBIDDEN, nothing written', async () => {
    const before = snapshot()
    expectError(await publish('o_demo_grid_worker', { audience: { scope: 'GRIDS', gridIds: [G2] } }), 'FORBIDDEN')
    expectError(await publish('o_demo_grid_worker', { audience: { scope: 'BUILDINGS', buildingIds: [b(1), b(6)] } }), 'FORBIDDEN')
    expectError(await publish('o_demo_grid_worker', { audience: { scope: 'UNITS', unitIds: [u(6, '302')] } }), 'FORBIDDEN')
    expectError(await publish('o_demo_grid_worker', { audience: { scope: 'COMMUNITY' } }), 'FORBIDDEN')
    expect(snapshot()).toBe(before)
  })

  test('bad audiences: a clear error with the field, nothing written', async () => {
    const before = snapshot()
    const unknownUnit = expectError(await publish('o_demo_rc_staff', { audience: { scope: 'UNITS', unitIds: ['no_such_unit'] } }), 'VALIDATION_FAILED')
    expect((unknownUnit.details as { fields: Record<string, string[]> }).fields['audience.unitIds'][0]).toContain('no_such_unit')
    const noGrids = expectError(await publish('o_demo_rc_staff', { audience: { scope: 'GRIDS', gridIds: [] } }), 'VALIDATION_FAILED')
    expect(Object.keys((noGrids.details as { fields: Record<string, string[]> }).fields)).toEqual(['audience.gridIds'])
    // Grid 3 has no household with a disability tag: the audience is empty.
    const empty = expectError(await publish('o_demo_rc_staff', { audience: { scope: 'GRIDS', gridIds: [`${C}_g3`], tags: ['DISABLED'] } }), 'AUDIENCE_EMPTY')
    expect(empty.message).toContain('没有住户')
    const urgentNoExpiry = expectError(await publish('o_demo_rc_staff', { category: 'URGENT', audience: { scope: 'COMMUNITY' } }), 'VALIDATION_FAILED')
    expect(Object.keys((urgentNoExpiry.details as { fields: Record<string, string[]> }).fields)).toEqual(['expiresAt'])
    expect(snapshot()).toBe(before)
  })

  test('property staff publish only 物业', async () => {
    expectError(await publish('o_demo_property_staff', { category: 'POLICY', audience: { scope: 'COMMUNITY' } }), 'FORBIDDEN')
    expect(expectOk(await publish('o_demo_property_staff', { category: 'PROPERTY', audience: { scope: 'BUILDINGS', buildingIds: [b(8)] } })).notice.addressed).toBe(24)
  })

  test('R5.8: risky → CONTENT_REFUSED with the reason, nothing written; review → held until a second staff member releases it', async () => {
    const before = snapshot()
    const refused = expectError(await publish('o_demo_rc_staff', { body: '线上赌博稳赚不赔，快来参加', audience: { scope: 'COMMUNITY' } }), 'CONTENT_REFUSED')
    expect(refused.message).toContain('违法犯罪')
    expect(snapshot()).toBe(before)

    const held = expectOk(await publish('o_demo_grid_worker', { title: '网格群邀请', body: '有问题可以加微信联系网格员', audience: { scope: 'GRIDS', gridIds: [G1] } })).notice
    expect(held).toMatchObject({ status: 'HELD', holdReason: 'REVIEW' })
    expect((await inbox('o_demo_owner')).notices.map((n) => n.id)).not.toContain(held.id)
    // The author cannot release their own; a grid worker has no moderation right; RC staff can.
    expectError(await t.call('notice', 'moderate', { noticeId: held.id, decision: 'APPROVE' }, 'o_demo_grid_worker', { requestId: rid() }), 'FORBIDDEN')
    expect(expectOk(await t.call<{ notice: Authored }>('notice', 'moderate', { noticeId: held.id, decision: 'APPROVE' }, 'o_demo_rc_staff', { requestId: rid() })).notice.status).toBe('PUBLISHED')
    expect((await inbox('o_demo_owner')).notices.map((n) => n.id)).toContain(held.id)
  })

  test('R5.8: the check unavailable (errcode from the platform) → held, never published unchecked', async () => {
    const openapi = t.cloud.openapi
    const original = openapi.handle.bind(openapi)
    // Only msgSecCheck fails: the platform answers a system error.
    openapi.handle = (api, data, allowed) => (api === 'security.msgSecCheck' ? { errcode: -1, errmsg: 'system error' } : original(api, data, allowed))
    try {
      const held = expectOk(await publish('o_demo_rc_staff', { title: '检查不可用时', audience: { scope: 'GRIDS', gridIds: [G1] } })).notice
      expect(held).toMatchObject({ status: 'HELD', holdReason: 'CHECK_UNAVAILABLE' })
      expect((await inbox('o_demo_owner')).notices.map((n) => n.id)).not.toContain(held.id)
    } finally {
      openapi.handle = original
    }
  })

  test('scheduled publication: not in the inbox until the publish-scheduled timer runs after publishAt', async () => {
    const publishAt = new Date(Date.now() + 1500).toISOString()
    const n = expectOk(await publish('o_demo_rc_staff', { title: '定时发布的通知', audience: { scope: 'BUILDINGS', buildingIds: [b(6)] }, publishAt })).notice
    expect(n.status).toBe('SCHEDULED')
    expect((await inbox('o_demo_resident')).notices.map((x) => x.id)).not.toContain(n.id)
    // Fire the timer until its time has come (the timer is what publishes, not the clock).
    let published = 0
    for (let i = 0; i < 200 && published === 0; i++) {
      const r = (await t.cloud.fireTimer('notice', 'publish-scheduled')) as { data: { published: number } }
      published = r.data.published
      if (!published) await new Promise((r) => setTimeout(r, 50))
    }
    expect(published).toBe(1)
    expect((await inbox('o_demo_resident')).notices.map((x) => x.id)).toContain(n.id)
    expect(((await t.cloud.fireTimer('notice', 'publish-scheduled')) as { data: { published: number } }).data.published).toBe(0)
  })
})

describe('inbox, receipts and reach', () => {
  let noticeId: string
  beforeAll(async () => {
    noticeId = expectOk(await publish('o_demo_grid_worker', { title: '第一网格停电检修', audience: { scope: 'GRIDS', gridIds: [G1] }, ackRequired: true })).notice.id
  })

  test('addressed households see it, newest first; others do not', async () => {
    const owner = await inbox('o_demo_owner') // 1栋101 (grid 1), 3栋502 (grid 1), 7栋201 (grid 2)
    expect(owner.notices.map((n) => n.id)).toContain(noticeId)
    expect(owner.notices.find((n) => n.id === noticeId)).toMatchObject({ read: false, ackRequired: true, acknowledged: false })
    expect((await inbox('o_demo_resident')).notices.map((n) => n.id)).not.toContain(noticeId) // 6栋302, grid 2
    // Never bootstrapped: no account, no inbox.
    expectError(await t.call('notice', 'list', {}, 'o_demo_newcomer'), 'UNAUTHENTICATED')
  })

  test('紧急 is pinned first while it has not expired; the category filter works', async () => {
    const urgent = expectOk(await publish('o_demo_rc_staff', { title: '燃气泄漏紧急疏散', category: 'URGENT', audience: { scope: 'COMMUNITY' }, expiresAt: new Date(Date.now() + 3600_000).toISOString() })).notice
    const later = expectOk(await publish('o_demo_rc_staff', { title: '之后发布的普通通知', audience: { scope: 'COMMUNITY' } })).notice
    const list = (await inbox('o_demo_resident')).notices
    expect(list.filter((n) => n.pinned).map((n) => n.id)).toContain(urgent.id)
    expect(list.findIndex((n) => n.id === urgent.id)).toBeLessThan(list.findIndex((n) => n.id === later.id))
    expect(list.filter((n) => n.id === urgent.id)).toHaveLength(1)
    const onlyUrgent = (await inbox('o_demo_resident', { category: 'URGENT' })).notices
    expect(onlyUrgent.every((n) => n.category === 'URGENT')).toBe(true)
  })

  test('paging by cursor returns every notice once', async () => {
    for (let i = 0; i < 22; i++) expectOk(await publish('o_demo_rc_staff', { title: `分页测试通知${i}`, audience: { scope: 'BUILDINGS', buildingIds: [b(6)] } }))
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 10; i++) {
      const page = await inbox('o_demo_resident', cursor ? { cursor } : {})
      seen.push(...page.notices.map((n) => n.id))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    const expected = t.store.find('notices', { status: 'PUBLISHED', $or: [{ 'audience.communityWide': true }, { 'audience.buildingIds': b(6) }] }).length
    expect(seen.length).toBe(expected)
  })

  test('50 racing markRead calls from one household (two people of 1栋101) leave one receipt for it', async () => {
    const calls = Array.from({ length: 50 }, (_x, i) => t.call('notice', 'markRead', { noticeId }, i % 2 ? 'o_demo_owner' : 'o_demo_family', { requestId: rid() }))
    const results = await Promise.all(calls)
    for (const r of results) expectOk(r)
    expect(t.store.find('notice_receipts', { noticeId, unitId: u(1, '101') })).toHaveLength(1)
    // The owner's other grid-1 home (3栋502) got its own receipt; 7栋201 is grid 2, not addressed.
    expect(t.store.find('notice_receipts', { noticeId }).map((r) => r.unitId).sort()).toEqual([u(1, '101'), u(3, '502')])
    expect((await inbox('o_demo_family')).notices.find((n) => n.id === noticeId)?.read).toBe(true)
  })

  test('reach equals an independent count of the store; 我已知晓 counts per household', async () => {
    expectOk(await t.call('notice', 'acknowledge', { noticeId }, 'o_demo_elder', { requestId: rid() }))
    // The author sees every household of the notice (all of them in grid 1 anyway).
    const r = expectOk(await reach('o_demo_grid_worker', noticeId))
    const receipts = t.store.find('notice_receipts', { noticeId })
    expect(r).toEqual({
      addressed: dwellings([b(1), b(2), b(3), b(4)]),
      read: receipts.filter((x) => x.readRev === 1).length,
      acknowledged: receipts.filter((x) => x.ackRev === 1).length,
      delivered: 0,
      reached: receipts.length,
      unread: dwellings([b(1), b(2), b(3), b(4)]) - receipts.length,
      scope: 'all',
    })
    expect(r).toMatchObject({ read: 3, acknowledged: 1 })
  })

  test('R7.2: a grid-1 worker cannot see the reach of, list unread households of, or deliver a grid-2 notice', async () => {
    const g2 = expectOk(await publish('o_demo_grid_worker_2', { title: '第二网格的通知', audience: { scope: 'GRIDS', gridIds: [G2] } })).notice.id
    expectError(await reach('o_demo_grid_worker', g2), 'FORBIDDEN')
    expectError(await t.call('notice', 'unreadHouseholds', { noticeId: g2 }, 'o_demo_grid_worker'), 'FORBIDDEN')
    expectError(await t.call('notice', 'markDelivered', { noticeId: g2, unitId: u(6, '302'), method: 'DOOR' }, 'o_demo_grid_worker', { requestId: rid() }), 'FORBIDDEN')
    expect(expectOk(await reach('o_demo_grid_worker_2', g2)).scope).toBe('all') // the author
    expect(expectOk(await reach('o_demo_rc_staff', g2)).scope).toBe('all')
    // On someone else's community-wide notice a grid worker sees only their grid's households.
    const all = expectOk(await publish('o_demo_rc_staff', { title: '全社区通知', audience: { scope: 'COMMUNITY' } })).notice
    expect(expectOk(await reach('o_demo_grid_worker', all.id))).toMatchObject({ addressed: 96, scope: 'grids' })
    expect(expectOk(await reach('o_demo_grid_worker_2', all.id))).toMatchObject({ addressed: dwellings([b(5), b(6), b(7)]), scope: 'grids' })
    expect(expectOk(await reach('o_demo_rc_staff', all.id)).addressed).toBe(all.addressed)
  })

  test('unread list: care tags first, tags only for the grid’s worker; reading or 已上门送达 removes a household', async () => {
    type Unread = { items: { unitId: string; priority: boolean; tags: string[]; members: { memberId: string }[] }[]; total: number }
    const first = expectOk(await t.call<Unread>('notice', 'unreadHouseholds', { noticeId }, 'o_demo_grid_worker'))
    const tagged = t.store.find('care_profiles', { buildingId: { $in: [b(1), b(2), b(3), b(4)] } }).map((c) => c.unitId)
    const unreadTagged = tagged.filter((x) => !t.store.find('notice_receipts', { noticeId, unitId: x }).length)
    expect(first.items.slice(0, unreadTagged.length).map((i) => i.unitId).sort()).toEqual([...unreadTagged].sort())
    expect(first.items[0].priority).toBe(true)
    expect(first.items.find((i) => i.unitId === u(2, '101'))?.tags).toEqual(['独居老人'])
    expect(first.total).toBe(expectOk(await reach('o_demo_grid_worker', noticeId)).unread)
    const rc = expectOk(await t.call<Unread>('notice', 'unreadHouseholds', { noticeId }, 'o_demo_rc_staff'))
    expect(rc.items.every((i) => i.tags.length === 0)).toBe(true)

    expectOk(await t.call('notice', 'markDelivered', { noticeId, unitId: u(2, '101'), method: 'DOOR' }, 'o_demo_grid_worker', { requestId: rid() }))
    const after = expectOk(await t.call<Unread>('notice', 'unreadHouseholds', { noticeId }, 'o_demo_grid_worker'))
    expect(after.total).toBe(first.total - 1)
    expect(after.items.map((i) => i.unitId)).not.toContain(u(2, '101'))
    expect(expectOk(await reach('o_demo_grid_worker', noticeId)).delivered).toBe(1)
    expect(t.store.find('audit_log', { event: 'notice.markDelivered', target: noticeId })).toHaveLength(1)
  })

  test('a material edit is a new version and resets 我已知晓; a minor one does not', async () => {
    expect(expectOk(await reach('o_demo_grid_worker', noticeId)).acknowledged).toBe(1)
    const minor = expectOk(await t.call<{ material: boolean }>('notice', 'update', { noticeId, title: '第一网格停电检修', body: '这是一条测试通知的正文内容。 ', minor: true }, 'o_demo_grid_worker', { requestId: rid() }))
    expect(minor.material).toBe(false)
    expect(expectOk(await reach('o_demo_grid_worker', noticeId)).acknowledged).toBe(1)
    const major = expectOk(await t.call<{ material: boolean; notice: Authored }>('notice', 'update', { noticeId, body: '停电时间改为周四全天，请提前准备。' }, 'o_demo_grid_worker', { requestId: rid() }))
    expect(major.material).toBe(true)
    expect(expectOk(await reach('o_demo_grid_worker', noticeId))).toMatchObject({ read: 0, acknowledged: 0 })
    const item = (await inbox('o_demo_elder')).notices.find((n) => n.id === noticeId)!
    expect(item).toMatchObject({ read: false, acknowledged: false, updated: true })
    expect(t.store.find('notice_versions', { noticeId }).map((v) => v.version).sort()).toEqual([1, 2, 3])
    // Someone else's notice: a grid worker of another grid may not edit it.
    expectError(await t.call('notice', 'update', { noticeId, body: '改动' + '内容' }, 'o_demo_grid_worker_2', { requestId: rid() }), 'FORBIDDEN')
  })

  test('a private question reaches the author only; the answer is seen by the asking household', async () => {
    const q = expectOk(await t.call<{ question: { id: string } }>('notice', 'ask', { noticeId, text: '停电期间电梯能用吗？' }, 'o_demo_elder', { requestId: rid() })).question
    type Detail = { questions: { id: string; answer: string | null }[]; manage: boolean }
    expect(expectOk(await t.call<Detail>('notice', 'get', { noticeId }, 'o_demo_owner')).questions).toEqual([])
    expect(expectOk(await t.call<Detail>('notice', 'get', { noticeId }, 'o_demo_grid_worker')).questions.map((x) => x.id)).toEqual([q.id])
    expectError(await t.call('notice', 'answer', { questionId: q.id, text: '电梯停用' }, 'o_demo_owner', { requestId: rid() }), 'FORBIDDEN')
    expectOk(await t.call('notice', 'answer', { questionId: q.id, text: '停电期间电梯停用，请走楼梯。' }, 'o_demo_grid_worker', { requestId: rid() }))
    expect(expectOk(await t.call<Detail>('notice', 'get', { noticeId }, 'o_demo_elder')).questions[0].answer).toContain('电梯停用')
  })

  test('withdrawal hides it from inboxes and keeps an audit record', async () => {
    expectOk(await t.call('notice', 'withdraw', { noticeId, reason: '检修取消' }, 'o_demo_grid_worker', { requestId: rid() }))
    expect((await inbox('o_demo_owner')).notices.map((n) => n.id)).not.toContain(noticeId)
    expect(t.store.find('audit_log', { event: 'notice.withdraw', target: noticeId })).toHaveLength(1)
    expect(t.store.find('notices', { _id: noticeId })[0]).toMatchObject({ status: 'WITHDRAWN', withdrawReason: '检修取消' })
  })
})

describe('households moving in and out between publication and reading', () => {
  test('a household that moves in after publication sees the notice; one that left does not', async () => {
    const n = expectOk(await publish('o_demo_rc_staff', { title: '2栋住户注意', audience: { scope: 'BUILDINGS', buildingIds: [b(2)] } })).notice
    const newcomer = 'o_notice_mover_in'
    await t.call('user', 'bootstrap', {}, newcomer)
    await grant(t, newcomer, ['household'])
    t.store.put('household_members', { _id: hm(newcomer, u(2, '402')), openid: newcomer, communityId: C, buildingId: b(2), unitId: u(2, '402'), relation: 'TENANT', status: 'APPROVED', realName: '新住户', createdAt: new Date(), updatedAt: new Date() }, 'replace')
    expect((await inbox(newcomer)).notices.map((x) => x.id)).toContain(n.id)
    t.store.put('household_members', { ...t.store.find('household_members', { _id: hm(newcomer, u(2, '402')) })[0], status: 'LEFT' } as never, 'replace')
    expect((await inbox(newcomer)).notices.map((x) => x.id)).not.toContain(n.id)
    expectError(await t.call('notice', 'markRead', { noticeId: n.id }, newcomer, { requestId: rid() }), 'NOT_FOUND')
  })
})

describe('images (the shared media module, R5.8)', () => {
  interface Detail {
    notice: { images: string[]; heldImages: number }
  }
  const detail = async (openid: string, noticeId: string) => expectOk(await t.call<Detail>('notice', 'get', { noticeId }, openid)).notice

  test('another person’s upload → VALIDATION_FAILED naming the image, nothing written', async () => {
    const [mine] = await uploadPngs(t, 'o_demo_grid_worker', 'notice', ['stairs.png'])
    const [theirs] = await uploadPngs(t, 'o_demo_owner', 'notice', ['theirs.png'])
    const before = snapshot()
    const e = expectError(await publish('o_demo_grid_worker', { images: [mine, theirs], audience: { scope: 'GRIDS', gridIds: [G1] } }), 'VALIDATION_FAILED') as { details: { fields: Record<string, string[]> } }
    expect(Object.keys(e.details.fields)).toEqual(['images.1'])
    expect(snapshot()).toBe(before)
    expect(t.store.find('media_checks', { fileId: mine })).toHaveLength(0)
  })

  test('residents see an image only once it passed; the author also sees the held one; a risky one nobody', async () => {
    const [ok, review, risky] = await uploadPngs(t, 'o_demo_grid_worker', 'notice', ['stairs.png', 'review-poster.png', 'risky-poster.png'])
    const n = expectOk(await publish('o_demo_grid_worker', { title: '带图片的通知', images: [ok, review, risky], audience: { scope: 'GRIDS', gridIds: [G1] } })).notice
    expect(t.store.find('media_checks', { fileId: { $in: [ok, review, risky] } })).toHaveLength(3)
    await t.cloud.openapi.pushesSettled()
    // o_demo_owner lives in grid 1: a resident the notice is addressed to.
    expect(await detail('o_demo_owner', n.id)).toEqual(expect.objectContaining({ images: [ok], heldImages: 1 }))
    expect(await detail('o_demo_grid_worker', n.id)).toEqual(expect.objectContaining({ images: [ok, review], heldImages: 0 }))
    expect(await detail('o_demo_rc_staff', n.id)).toEqual(expect.objectContaining({ images: [ok, review] }))
  })
})
