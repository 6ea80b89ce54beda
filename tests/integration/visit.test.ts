/**
 * 走访 (issue #10, R7.4, R7.2, R4.10, R7.3): visits within the worker's grids, schedules and the
 * overdue list against an independent reading of the store, health flags only with a care basis
 * and only inside the grid, and unread households of a notice turned into visit tasks by the timer.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, b, expectError, expectOk, u } from './support/linli'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})
let seq = 0
const rid = () => `req_visit_${Date.now()}_${++seq}`
const log = (openid: string, input: Record<string, unknown>) => t.call<{ nextDueAt: string | null; tasksClosed: number }>('visit', 'log', { communityId: C, chips: ['身体状况良好'], ...input }, openid, { requestId: rid() })
type Overdue = { schedules: { unitId: string; tags: string[]; daysOverdue: number }[]; tasks: { unitId: string; noticeId: string }[] }
const overdue = async (openid: string) => expectOk(await t.call<Overdue>('visit', 'overdue', { communityId: C }, openid))

test('the overdue list is the grid’s schedules past due, from the store; tags only for the grid’s worker', async () => {
  const now = Date.now()
  const expected = t.store
    .find('visit_schedules', { communityId: C, active: true, buildingId: { $in: [b(1), b(2), b(3), b(4)] } })
    .filter((s) => new Date(s.nextDueAt as string).getTime() <= now)
    .map((s) => s.unitId)
  const mine = await overdue('o_demo_grid_worker')
  expect(mine.schedules.map((s) => s.unitId).sort()).toEqual([...expected].sort())
  expect(mine.schedules.find((s) => s.unitId === u(2, '101'))).toMatchObject({ tags: ['独居老人'] })
  expect(mine.schedules.find((s) => s.unitId === u(2, '101'))!.daysOverdue).toBeGreaterThan(0)
  expect((await overdue('o_demo_grid_worker_2')).schedules).toEqual([])
  expect((await overdue('o_demo_rc_staff')).schedules.every((s) => s.tags.length === 0)).toBe(true)
  expectError(await t.call('visit', 'overdue', { communityId: C }, 'o_demo_resident'), 'FORBIDDEN')
})

test('logging a visit moves the schedule on and is audited; outside the grid → FORBIDDEN, nothing written', async () => {
  const r = expectOk(await log('o_demo_grid_worker', { unitId: u(2, '101'), chips: ['生活能自理'], flags: ['NEEDS_HELP'] }))
  const next = new Date(r.nextDueAt!).getTime()
  expect(Math.round((next - Date.now()) / 86_400_000)).toBe(7)
  expect((await overdue('o_demo_grid_worker')).schedules.map((s) => s.unitId)).not.toContain(u(2, '101'))
  expect(t.store.find('audit_log', { event: 'visit.log', target: u(2, '101') })).toHaveLength(1)
  const before = t.store.count('visits', {})
  expectError(await log('o_demo_grid_worker', { unitId: u(6, '302') }), 'FORBIDDEN')
  expectError(await log('o_demo_grid_worker', { unitId: u(2, '102'), chips: [] }), 'VALIDATION_FAILED')
  expect(t.store.count('visits', {})).toBe(before)
})

test('R4.10: a health flag needs a care basis and is shown only inside the grid', async () => {
  const noBasis = expectError(await log('o_demo_grid_worker', { unitId: u(2, '102'), flags: ['HEALTH_CONCERN'] }), 'VALIDATION_FAILED')
  expect(Object.keys((noBasis.details as { fields: Record<string, string[]> }).fields)).toEqual(['flags'])
  expectOk(await log('o_demo_grid_worker', { unitId: u(4, '102'), flags: ['HEALTH_CONCERN'] }))
  type List = { visits: { unitId: string; flags: string[] }[] }
  const worker = expectOk(await t.call<List>('visit', 'list', { communityId: C, unitId: u(4, '102') }, 'o_demo_grid_worker'))
  expect(worker.visits[0].flags).toEqual(['身体状况需关注'])
  const rc = expectOk(await t.call<List>('visit', 'list', { communityId: C, unitId: u(4, '102') }, 'o_demo_rc_staff'))
  expect(rc.visits[0].flags).toEqual([])
  expectError(await t.call('visit', 'list', { communityId: C, unitId: u(4, '102') }, 'o_demo_grid_worker_2'), 'FORBIDDEN')
})

test('schedules: only for care households, frequency from the tags (独居老人 every 7 days)', async () => {
  expectError(await t.call('visit', 'schedule', { communityId: C, unitId: u(2, '102') }, 'o_demo_grid_worker', { requestId: rid() }), 'NOT_FOUND')
  const s = expectOk(await t.call<{ everyDays: number }>('visit', 'schedule', { communityId: C, unitId: u(3, '203') }, 'o_demo_grid_worker', { requestId: rid() }))
  expect(s.everyDays).toBe(14) // 残疾人
  expectError(await t.call('visit', 'schedule', { communityId: C, unitId: u(6, '101') }, 'o_demo_grid_worker', { requestId: rid() }), 'FORBIDDEN')
})

test('R7.3: after its days, a notice’s unread households become visit tasks (once); a visit closes the task', async () => {
  // The seeded 需确认 notice of grid 1 was published on 2026-11-24 (visitAfterDays 2).
  const notice = t.store.find('notices', { _id: 'ntc_seed_ack' })[0]
  const reached = new Set(t.store.find('notice_receipts', { noticeId: 'ntc_seed_ack', readRev: 1 }).map((r) => r.unitId))
  const unread = t.store.find('units', { communityId: C, isParking: false, buildingId: { $in: (notice.audience as { buildingIds: string[] }).buildingIds } }).filter((x) => !reached.has(x._id))
  // Only this notice is due here: the other seeded ones are marked done (keeps the run light).
  for (const other of t.store.find('notices', { _id: { $ne: 'ntc_seed_ack' } })) t.store.put('notices', { ...other, visitTasksDone: true } as never, 'replace')
  const r = (await t.cloud.fireTimer('visit', 'notice-tasks')) as { data: { created: number } }
  expect(t.store.find('visit_tasks', { noticeId: 'ntc_seed_ack' })).toHaveLength(unread.length)
  expect(r.data.created).toBe(unread.length)
  expect(((await t.cloud.fireTimer('visit', 'notice-tasks')) as { data: { created: number } }).data.created).toBe(0)
  // The worker's list holds tasks of grid 1 only (other seeded notices made tasks too).
  const tasks = (await overdue('o_demo_grid_worker')).tasks
  expect(tasks.length).toBeGreaterThan(0)
  const grid1 = new Set(t.store.find('units', { buildingId: { $in: [b(1), b(2), b(3), b(4)] } }).map((x) => x._id))
  expect(tasks.every((x) => grid1.has(x.unitId))).toBe(true)
  expect((await overdue('o_demo_grid_worker_2')).tasks.every((x) => !grid1.has(x.unitId))).toBe(true)
  const target = unread[0]._id
  expect(expectOk(await log('o_demo_grid_worker', { unitId: target, chips: ['已送达通知'] })).tasksClosed).toBeGreaterThanOrEqual(1)
  expect(t.store.find('visit_tasks', { noticeId: 'ntc_seed_ack', unitId: target })[0].state).toBe('DONE')
})
