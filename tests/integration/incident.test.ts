/**
 * 事件上报 / 社情民意 (issue #10, R7.5–R7.7): reporting, the state machine (illegal steps refused,
 * nothing written), who may take each step, every step recorded and visible to the reporter,
 * grid scope (R7.2), 紧急's emergency numbers (R7.6), and SLA escalation by the timer fired on demand.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, b, expectError, expectOk, u } from './support/linli'
import { uploadPngs } from './support/uploads'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})
let seq = 0
const rid = () => `req_inc_${Date.now()}_${++seq}`
interface View {
  id: string
  state: string
  level: string
  history: { state: string; byLabel: string; note: string | null; level: string }[]
  locationLabel: string
}
const report = (openid: string, input: Record<string, unknown>) =>
  t.call<{ incident: View; emergency: { numbers: { number: string }[]; disclaimer: string } | null }>('incident', 'report', { communityId: C, category: 'ENVIRONMENT', description: '楼道灯坏了一周了，请尽快处理。', ...input }, openid, { requestId: rid() })
const move = (openid: string, incidentId: string, to: string, extra: Record<string, unknown> = {}) => t.call<{ incident: View }>('incident', 'transition', { incidentId, to, ...extra }, openid, { requestId: rid() })
const doc = (id: string) => t.store.find('incidents', { _id: id })[0]

test('a resident reports from their home: grid 2, level 网格; 紧急 answers 110/119/120 and that Linli is not an emergency service', async () => {
  const r = expectOk(await report('o_demo_resident', { unitId: u(6, '302') }))
  expect(r.incident).toMatchObject({ state: 'REPORTED', level: 'GRID' })
  expect(doc(r.incident.id).gridId).toBe(`${C}_g2`)
  expect(r.emergency).toBeNull()
  const urgent = expectOk(await report('o_demo_resident', { buildingId: b(6), locationText: '6栋地下室', category: 'SAFETY', description: '地下室有烟味，可能着火了！', urgency: 'URGENT' }))
  expect(urgent.emergency!.numbers.map((n) => n.number)).toEqual(['110', '119', '120'])
  expect(urgent.emergency!.disclaimer).toContain('不是紧急救助渠道')
})

test('bad input and risky text: a clear error, nothing written', async () => {
  const before = t.store.count('incidents', {})
  const noPlace = expectError(await report('o_demo_resident', {}), 'VALIDATION_FAILED')
  expect(Object.keys((noPlace.details as { fields: Record<string, string[]> }).fields)).toEqual(['locationText'])
  expectError(await report('o_demo_resident', { locationText: '广场', description: '线上赌博稳赚，快来' }), 'CONTENT_REFUSED')
  expectError(await report('o_demo_newcomer_inc', { locationText: '广场' }), 'UNAUTHENTICATED')
  expect(t.store.count('incidents', {})).toBe(before)
})

test('the whole path with who, when and a note at every step; illegal steps and the wrong people are refused', async () => {
  const id = expectOk(await report('o_demo_resident', { unitId: u(6, '302'), description: '6栋302门口水管漏水。' })).incident.id
  const before = JSON.stringify(doc(id))
  expectError(await move('o_demo_grid_worker_2', id, 'RESOLVED', { note: '已修好' }), 'CONFLICT') // skipping steps
  expectError(await move('o_demo_grid_worker', id, 'ACCEPTED'), 'FORBIDDEN') // grid 1's worker
  expectError(await move('o_demo_resident', id, 'ACCEPTED'), 'FORBIDDEN') // the reporter does not accept
  expectError(await move('o_demo_grid_worker_2', id, 'ASSIGNED', { assignee: '物业' }), 'CONFLICT')
  expect(JSON.stringify(doc(id))).toBe(before)

  expectOk(await move('o_demo_grid_worker_2', id, 'ACCEPTED'))
  expectError(await move('o_demo_grid_worker_2', id, 'ASSIGNED'), 'VALIDATION_FAILED') // assignee needed
  expectOk(await move('o_demo_grid_worker_2', id, 'ASSIGNED', { assignee: '物业服务中心' }))
  expectOk(await move('o_demo_grid_worker_2', id, 'IN_PROGRESS'))
  expectOk(await move('o_demo_rc_staff', id, 'RESOLVED', { note: '已更换阀门' }))
  expectError(await move('o_demo_grid_worker_2', id, 'CONFIRMED'), 'FORBIDDEN') // only the reporter confirms
  expectOk(await move('o_demo_resident', id, 'REOPENED', { note: '还在滴水' }))
  expectOk(await move('o_demo_grid_worker_2', id, 'IN_PROGRESS'))
  expectOk(await move('o_demo_grid_worker_2', id, 'RESOLVED', { note: '再次维修' }))
  const done = expectOk(await move('o_demo_resident', id, 'CONFIRMED'))
  expectError(await move('o_demo_resident', id, 'REOPENED', { note: '又坏了' }), 'CONFLICT') // confirmed is final

  const seen = expectOk(await t.call<{ incident: View }>('incident', 'get', { incidentId: id }, 'o_demo_resident')).incident
  expect(seen.history.map((h) => h.state)).toEqual(['REPORTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'REOPENED', 'IN_PROGRESS', 'RESOLVED', 'CONFIRMED'])
  expect(seen.history[2].note).toContain('物业服务中心')
  expect(seen.history[4].byLabel).toContain('居委会工作人员')
  expect(seen.history[5]).toMatchObject({ byLabel: '上报人', note: '还在滴水' })
  expect(done.incident.state).toBe('CONFIRMED')
  expect(t.store.find('audit_log', { event: 'incident.transition', target: id })).toHaveLength(8)
  // Others do not see it.
  expectError(await t.call('incident', 'get', { incidentId: id }, 'o_demo_owner'), 'NOT_FOUND')
  expectError(await t.call('incident', 'get', { incidentId: id }, 'o_demo_grid_worker'), 'NOT_FOUND')
})

test('lists: the reporter their own; a grid worker their grids; RC staff all', async () => {
  type List = { incidents: { id: string; mine: boolean }[] }
  const mine = expectOk(await t.call<List>('incident', 'list', { communityId: C }, 'o_demo_resident')).incidents
  expect(mine.length).toBeGreaterThan(0)
  expect(mine.every((i) => i.mine)).toBe(true)
  const g1 = expectOk(await t.call<List>('incident', 'list', { communityId: C, mine: false }, 'o_demo_grid_worker')).incidents.map((i) => i.id)
  const grid1 = t.store.find('incidents', { gridId: `${C}_g1` }).map((i) => i._id)
  expect([...g1].sort()).toEqual([...grid1].sort())
  const all = expectOk(await t.call<List>('incident', 'list', { communityId: C, mine: false }, 'o_demo_rc_staff')).incidents
  expect(all.length).toBe(Math.min(30, t.store.count('incidents', { communityId: C })))
  expectError(await t.call('incident', 'list', { communityId: C, mine: false }, 'o_demo_resident'), 'FORBIDDEN')
})

test('SLA escalation by the timer: grid → community → 街道, each step in the history; resolved cases are left alone', async () => {
  const id = expectOk(await report('o_demo_owner', { unitId: u(1, '101'), category: 'SAFETY', description: '1栋楼顶护栏松动，有坠落危险。' })).incident.id
  const pastDue = () => t.store.put('incidents', { ...doc(id), slaDueAt: new Date(Date.now() - 60_000) } as never, 'replace')
  const fire = async () => ((await t.cloud.fireTimer('incident', 'escalate')) as { data: { escalated: number } }).data.escalated
  // Seeded cases past their SLA may be raised too; count this case only.
  pastDue()
  await fire()
  expect(doc(id).level).toBe('COMMUNITY')
  expect(await fire()).toBe(0) // a fresh SLA
  expect(doc(id).level).toBe('COMMUNITY')
  pastDue()
  await fire()
  expect(doc(id).level).toBe('STREET')
  pastDue()
  await fire()
  expect(doc(id).level).toBe('STREET')
  const h = expectOk(await t.call<{ incident: View }>('incident', 'get', { incidentId: id }, 'o_demo_owner')).incident.history
  expect(h.filter((x) => x.byLabel === '系统').map((x) => x.level)).toEqual(['COMMUNITY', 'STREET'])
  const resolved = 'inc_seed_lamp'
  t.store.put('incidents', { ...doc(resolved), slaDueAt: new Date(Date.now() - 60_000) } as never, 'replace')
  await fire()
  expect(doc(resolved).level).toBe('GRID')
})

test('photos (shared media module, R5.8): only the reporter’s own uploads; the handler and the reporter see a held one, nobody a risky one', async () => {
  const reporter = 'o_demo_resident'
  const [theirs] = await uploadPngs(t, 'o_demo_owner', 'incident', ['theirs.png'])
  const before = t.store.count('incidents', {})
  const e = expectError(await report(reporter, { unitId: u(6, '302'), photos: [theirs] }), 'VALIDATION_FAILED') as { details: { fields: Record<string, string[]> } }
  expect(Object.keys(e.details.fields)).toEqual(['photos.0'])
  expect(t.store.count('incidents', {})).toBe(before)

  const [ok, review, risky] = await uploadPngs(t, reporter, 'incident', ['leak.png', 'review-leak.png', 'risky-leak.png'])
  const { incident } = expectOk(await report(reporter, { unitId: u(6, '302'), photos: [ok, review, risky] }))
  await t.cloud.openapi.pushesSettled()
  const seen = async (openid: string) => expectOk(await t.call<{ incident: { photos: string[]; heldPhotos: number } }>('incident', 'get', { incidentId: incident.id }, openid)).incident
  expect(await seen(reporter)).toMatchObject({ photos: [ok, review], heldPhotos: 0 })
  expect(await seen('o_demo_rc_staff')).toMatchObject({ photos: [ok, review], heldPhotos: 0 })
})
