/**
 * Repairs through the local cloud (issue #14 §1): the lifecycle with history, who may take each
 * step, rating once, racing staff and racing ratings, SLA escalation by the timer, the call-back
 * reveal, and the property company's walls (no directory, no other community).
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectError, expectOk, grant, u } from './support/linli'
import { pngBytes } from '../fixtures/png'
import { uploadToLocalCloud } from '../../src/features/media/local-cloud-storage'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
  await grant(t, 'o_demo_resident', ['property_service'])
  await grant(t, 'o_demo_owner', ['property_service'])
  // Staff hold the consent too, so the refusals below are about the role, not the consent.
  await grant(t, 'o_demo_property_staff', ['property_service'])
}, 120_000)
afterAll(async () => {
  await t?.close()
})

const STAFF = 'o_demo_property_staff'
const call = <T = Record<string, unknown>>(action: string, input: unknown, openid: string, requestId?: string) =>
  t.call<T>('repair', action, input, openid, requestId ? { requestId } : undefined)
let seq = 0
const rid = () => `req_${Date.now().toString(36)}_${++seq}`

async function report(openid = 'o_demo_resident', extra: Record<string, unknown> = {}): Promise<string> {
  const unitId = openid === 'o_demo_resident' ? u(6, '302') : u(1, '101')
  const r = expectOk(await call<{ id: string }>('create', { communityId: C, unitId, location: 'UNIT', category: 'WATER_ELECTRIC', description: '卫生间水管漏水，地上都是水', preferredTime: '周末上午', callbackRequested: true, ...extra }, openid, rid()))
  return r.id
}
const step = (id: string, action: string, openid: string, note = '') => call<{ status: string }>('transition', { id, action, note }, openid, rid())

test('report → accept → assign → start → complete → confirm → rate, every step in the history with who and a note', async () => {
  const id = await report()
  for (const [action, note] of [['accept', ''], ['assign', '维修工 王师傅'], ['start', ''], ['complete', '已更换阀门']] as const) expectOk(await step(id, action, STAFF, note))
  // Only the reporter confirms: not the staff, not another resident (who cannot even see it).
  expectError(await step(id, 'confirm', STAFF), 'FORBIDDEN')
  expectError(await step(id, 'confirm', 'o_demo_owner'), 'NOT_FOUND')
  expectOk(await step(id, 'confirm', 'o_demo_resident'))
  expectOk(await call('rate', { id, score: 4, tags: ['响应及时'] }, 'o_demo_resident', rid()))
  expectError(await call('rate', { id, score: 1 }, 'o_demo_resident', rid()), 'CONFLICT')
  const got = expectOk(await call<{ repair: { status: string; rating: unknown; assignee: string }; history: { action: string; by: string; note: string }[] }>('get', { id }, 'o_demo_resident'))
  expect(got.repair).toMatchObject({ status: 'CONFIRMED', rating: { score: 4, tags: ['响应及时'] }, assignee: '维修工 王师傅' })
  expect(got.history.map((h) => [h.action, h.by])).toEqual([
    ['create', '报修人'],
    ['accept', '物业 赵磊'],
    ['assign', '物业 赵磊'],
    ['start', '物业 赵磊'],
    ['complete', '物业 赵磊'],
    ['confirm', '报修人'],
  ])
  expect(got.history[4].note).toBe('已更换阀门')
  // Counted once into the scorecard at write time.
  expect(t.store.find('repair_ratings', { repairId: id })).toHaveLength(1)
}, 120_000)

test('illegal steps are refused and change nothing; a reopen needs a reason; only the reporter rates', async () => {
  const id = await report()
  const before = JSON.stringify(t.store.getById('repair_requests', id)!.doc)
  expectError(await step(id, 'complete', STAFF), 'CONFLICT')
  expectError(await step(id, 'confirm', 'o_demo_resident'), 'CONFLICT')
  expectError(await step(id, 'accept', 'o_demo_resident'), 'FORBIDDEN')
  expectError(await call('rate', { id, score: 5 }, 'o_demo_resident', rid()), 'CONFLICT')
  expect(JSON.stringify(t.store.getById('repair_requests', id)!.doc)).toBe(before)
  for (const a of ['accept', 'assign', 'start', 'complete']) expectOk(await step(id, a, STAFF, 'x师傅'))
  expectError(await step(id, 'reopen', 'o_demo_resident'), 'VALIDATION_FAILED')
  expectOk(await step(id, 'reopen', 'o_demo_resident', '还是漏水'))
  expectError(await call('rate', { id, score: 5 }, STAFF, rid()), 'FORBIDDEN')
  const r = t.store.getById('repair_requests', id)!.doc as unknown as { status: string; reopenCount: number }
  expect(r).toMatchObject({ status: 'REOPENED', reopenCount: 1 })
}, 120_000)

test('racing: two staff accept the same repair at once → one wins, one CONFLICT; two ratings at once → one', async () => {
  const id = await report()
  const [a, b] = await Promise.all([step(id, 'accept', STAFF), step(id, 'accept', STAFF)])
  expect([a.ok, b.ok].sort()).toEqual([false, true])
  const doc = t.store.getById('repair_requests', id)!.doc as unknown as { history: { action: string }[] }
  expect(doc.history.filter((h) => h.action === 'accept')).toHaveLength(1)
  for (const x of ['assign', 'start', 'complete']) expectOk(await step(id, x, STAFF, '王师傅'))
  expectOk(await step(id, 'confirm', 'o_demo_resident'))
  const rates = await Promise.all([1, 2, 3].map((s) => call('rate', { id, score: s }, 'o_demo_resident', rid())))
  expect(rates.filter((r) => r.ok)).toHaveLength(1)
  expect(t.store.find('repair_ratings', { repairId: id })).toHaveLength(1)
}, 120_000)

test('a retry of create with the same request id makes one repair', async () => {
  const requestId = rid()
  const input = { communityId: C, unitId: u(6, '302'), location: 'COMMON', commonPlace: '6栋电梯', category: 'ELEVATOR', description: '电梯门关不上', callbackRequested: false }
  const [a, b] = await Promise.all([call<{ id: string }>('create', input, 'o_demo_resident', requestId), call<{ id: string }>('create', input, 'o_demo_resident', requestId)])
  const ids = [a, b].filter((r) => r.ok).map((r) => (r as { data: { id: string } }).data.id)
  expect(new Set(ids).size).toBe(1)
  expect(t.store.find('repair_requests', { description: '电梯门关不上' })).toHaveLength(1)
}, 120_000)

test('bad input: validation with field details, nothing written; risky text refused; another home refused', async () => {
  const n = t.store.count('repair_requests', {})
  const bad = expectError(await call('create', { communityId: C, unitId: u(6, '302'), location: 'COMMON', category: 'NOPE', description: 'x', photos: Array(7).fill('cloud://env/x.jpg'), callbackRequested: true }, 'o_demo_resident', rid()), 'VALIDATION_FAILED')
  expect(Object.keys((bad.details as { fields: Record<string, string[]> }).fields).sort()).toEqual(expect.arrayContaining(['category', 'description', 'photos']))
  expectError(await call('create', { communityId: C, unitId: u(6, '302'), location: 'UNIT', category: 'OTHER', description: '楼下有人赌博很吵', callbackRequested: false }, 'o_demo_resident', rid()), 'VALIDATION_FAILED')
  expectError(await call('create', { communityId: C, unitId: u(1, '101'), location: 'UNIT', category: 'OTHER', description: '不是我家的房子', callbackRequested: false }, 'o_demo_resident', rid()), 'FORBIDDEN')
  expect(t.store.count('repair_requests', {})).toBe(n)
}, 120_000)

test('SLA: the timer escalates an overdue repair to the residents’ committee once; RC staff see it', async () => {
  const id = await report()
  const doc = t.store.getById('repair_requests', id)!.doc
  t.store.put('repair_requests', { ...doc, responseDueAt: new Date(Date.now() - 60_000), responseDueMs: Date.now() - 60_000, nextDueMs: Date.now() - 60_000 }, 'replace')
  expectError(await call('list', { view: 'escalated', communityId: C }, STAFF), 'FORBIDDEN')
  const first = (await t.cloud.fireTimer('repair', 'sla-escalate')) as { data: { escalated: number } }
  expect(first.data.escalated).toBeGreaterThanOrEqual(1)
  await t.cloud.fireTimer('repair', 'sla-escalate')
  const after = t.store.getById('repair_requests', id)!.doc as unknown as { escalatedAt: unknown; escalation: { kind: string }; history: { action: string; by: string }[] }
  expect(after.escalation.kind).toBe('RESPONSE')
  expect(after.history.filter((h) => h.action === 'escalate')).toEqual([expect.objectContaining({ by: '系统' })])
  const seen = expectOk(await call<{ items: { id: string; escalated: boolean }[] }>('list', { view: 'escalated', communityId: C }, 'o_demo_rc_staff'))
  expect(seen.items.find((i) => i.id === id)).toMatchObject({ escalated: true })
  const overdue: { id: string; overdue: string }[] = []
  for (let page = 0, more = true; more && page < 10; page++) {
    const r = expectOk(await call<{ items: { id: string; overdue: string }[]; hasMore: boolean }>('list', { view: 'overdue', communityId: C, page }, STAFF))
    overdue.push(...r.items)
    more = r.hasMore
  }
  expect(overdue.find((i) => i.id === id)).toMatchObject({ overdue: 'RESPONSE' })
  expect(overdue.every((i) => i.overdue)).toBe(true)
  expect(expectOk(await call<{ overdue: number }>('counts', { communityId: C }, STAFF)).overdue).toBeGreaterThanOrEqual(1)
  // Once closed it leaves the committee's 督办中 list and stays in the full record (status ALL).
  expectOk(await step(id, 'cancel', 'o_demo_resident'))
  const open = expectOk(await call<{ items: { id: string }[] }>('list', { view: 'escalated', communityId: C }, 'o_demo_rc_staff'))
  expect(open.items.map((i) => i.id)).not.toContain(id)
  const all = expectOk(await call<{ items: { id: string; status: string }[] }>('list', { view: 'escalated', communityId: C, status: 'ALL' }, 'o_demo_rc_staff'))
  expect(all.items.find((i) => i.id === id)).toMatchObject({ status: 'CANCELLED' })
}, 120_000)

describe('call-back reveal (issue #9 §7.6 hook, domain/access/callback.ts)', () => {
  const reveal = (serviceRequestId: string, by = STAFF) => t.call<{ value: string }>('access', 'reveal', { communityId: C, serviceRequestId, field: 'phone', reason: '回电处理报修' }, by)

  test('property staff reveal the reporter’s phone for an open repair that asked for a call-back, logged', async () => {
    const id = await report('o_demo_resident', { callbackRequested: true })
    expect(expectOk(await reveal(`repair:${id}`)).value).toMatch(/^1\d{10}$/)
    expect(t.store.find('access_log', { actorOpenid: STAFF, serviceRequestId: `repair:${id}`, subjectOpenid: 'o_demo_resident' })).toHaveLength(1)
  }, 120_000)

  test('refused without a call-back wish, and once the repair is done', async () => {
    const none = await report('o_demo_resident', { callbackRequested: false })
    expectError(await reveal(`repair:${none}`), 'FORBIDDEN')
    const id = await report('o_demo_resident', { callbackRequested: true })
    for (const a of ['accept', 'assign', 'start', 'complete']) expectOk(await step(id, a, STAFF, '王师傅'))
    expectError(await reveal(`repair:${id}`), 'FORBIDDEN')
    expect(t.store.find('access_log', { serviceRequestId: `repair:${none}` })).toEqual([])
  }, 120_000)
})

describe('the property company’s walls (R4.14)', () => {
  test('property staff cannot read the household directory', async () => {
    expectError(await t.call('household', 'directory', { communityId: C }, STAFF), 'FORBIDDEN')
  })

  test('nor another community’s repairs or queue', async () => {
    const other = 'c_other_community'
    t.store.put('repair_requests', { ...t.store.getById('repair_requests', 'rp_demo_submitted')!.doc, _id: 'rp_other_1', communityId: other }, 'replace')
    expectError(await call('get', { id: 'rp_other_1' }, STAFF), 'NOT_FOUND')
    expectError(await step('rp_other_1', 'accept', STAFF), 'NOT_FOUND')
    expectError(await call('list', { view: 'queue', communityId: other }, STAFF), 'FORBIDDEN')
    expectError(await call('counts', { communityId: other }, STAFF), 'FORBIDDEN')
    const mine = expectOk(await call<{ items: { communityId: string }[] }>('list', { view: 'queue', communityId: C, status: 'ALL' }, STAFF))
    expect(mine.items.length).toBeGreaterThan(0)
    expect(mine.items.every((i) => i.communityId === C)).toBe(true)
    // Queue items carry no phone and no names of residents. A phone stands alone: digits inside
    // a random record id (rp_e5176273264…) are not one.
    expect(JSON.stringify(mine)).not.toMatch(/(?<![0-9A-Za-z_])1\d{10}(?!\d)|刘晓燕/)
  })

  test('a resident sees only their own repairs', async () => {
    const mine = expectOk(await call<{ items: { mine: boolean }[] }>('list', { view: 'mine' }, 'o_demo_owner'))
    expect(mine.items.length).toBeGreaterThan(0)
    expect(mine.items.every((i) => i.mine)).toBe(true)
    expectError(await call('list', { view: 'queue', communityId: C }, 'o_demo_owner'), 'FORBIDDEN')
  })
})

describe('photos (up to 6, through the shared media pipeline, docs/media.md)', () => {
  /** What the H5 client does: slots from media.prepareUpload, bytes to the local cloud's upload path. */
  async function upload(openid: string, names: string[]): Promise<string[]> {
    const { cloudPaths } = expectOk(await t.call<{ cloudPaths: string[] }>('media', 'prepareUpload', { feature: 'repair', exts: names.map(() => 'png') }, openid))
    return Promise.all(cloudPaths.map((p, i) => uploadToLocalCloud({ origin: t.cloud.url, openid }, p, new Blob([pngBytes()]), names[i])))
  }
  const photosOf = async (id: string, openid: string) => expectOk(await call<{ repair: { photos: string[]; photosHeld: number } }>('get', { id }, openid)).repair

  test('checked after the report: staff see what passed, the reporter also her held photo, nobody the risky one', async () => {
    const [leak, held, risky] = await upload('o_demo_resident', ['leak.png', 'review-pipe.png', 'risky.png'])
    const id = await report('o_demo_resident', { photos: [leak, held, risky] })
    await t.cloud.openapi.pushesSettled()
    expect(t.store.find('media_checks', {}).filter((c) => [leak, held, risky].includes((c as unknown as { fileId: string }).fileId))).toHaveLength(3)
    expect(await photosOf(id, STAFF)).toMatchObject({ photos: [leak], photosHeld: 1 })
    expect(await photosOf(id, 'o_demo_resident')).toMatchObject({ photos: [leak, held], photosHeld: 0 })
    // The list never carries photos.
    const list = expectOk(await call<{ items: Record<string, unknown>[] }>('list', { view: 'queue', communityId: C }, STAFF))
    expect(list.items.every((i) => !('photos' in i))).toBe(true)
  }, 120_000)

  test("someone else's photo, more than 6, or a made-up id → VALIDATION_FAILED, no repair written", async () => {
    const before = t.store.find('repair_requests', {}).length
    const [owners] = await upload('o_demo_owner', ['door.png'])
    const e = expectError(await call('create', { communityId: C, unitId: u(6, '302'), location: 'UNIT', category: 'OTHER', description: '借用别人的照片', callbackRequested: false, photos: [owners] }, 'o_demo_resident', rid()), 'VALIDATION_FAILED')
    expect(JSON.stringify(e.details)).toContain('photos.0')
    const seven = await upload('o_demo_resident', ['1.png', '2.png', '3.png', '4.png', '5.png', '6.png', '7.png'])
    expectError(await call('create', { communityId: C, unitId: u(6, '302'), location: 'UNIT', category: 'OTHER', description: '七张照片太多了', callbackRequested: false, photos: seven }, 'o_demo_resident', rid()), 'VALIDATION_FAILED')
    expectError(await call('create', { communityId: C, unitId: u(6, '302'), location: 'UNIT', category: 'OTHER', description: '编造的文件编号', callbackRequested: false, photos: ['cloud://env-x.1234/media/repair/zzz/a-0.png'] }, 'o_demo_resident', rid()), 'VALIDATION_FAILED')
    expect(t.store.find('repair_requests', {}).length).toBe(before)
  }, 120_000)
})
