/** 你说我办 (issue #15): an action item from a survey finding, seen by residents, updated in parallel, closed with a note. */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectError, expectOk } from './support/linli'

let t: TestCloud
const STAFF = 'o_demo_rc_staff'
type Item = { id: string; status: string; progress: { status: string; note: string }[]; closedAt: string | null }

beforeAll(async () => {
  t = await startTestCloud()
}, 60_000)
afterAll(() => t?.close())

test('a finding becomes an action item; racing progress notes all land; closing is final', async () => {
  const created = expectOk(await t.call<Item>('action', 'create', { communityId: C, title: '公开物业费收支明细', source: { kind: 'survey', ref: 'sv_seed_baseline', label: '问卷：物业费与开支透明度评价低' }, ownerName: '孙丽', dueDate: '2027-01-31' }, STAFF))
  expect(created.status).toBe('OPEN')
  const seen = expectOk(await t.call<{ items: Item[]; canManage: boolean }>('action', 'list', { communityId: C }, 'o_demo_resident'))
  expect(seen.canManage).toBe(false)
  expect(seen.items.map((i) => i.id)).toContain(created.id)

  const notes = Array.from({ length: 8 }, (_, i) => `进展${i}`)
  const answers = await Promise.all(notes.map((note) => t.call<Item>('action', 'update', { communityId: C, actionId: created.id, status: 'IN_PROGRESS', note }, STAFF)))
  for (const a of answers) expectOk(a)
  const stored = t.store.getById('action_items', created.id)!.doc as unknown as Item
  expect(stored.progress.map((p) => p.note).sort()).toEqual(['已立项', ...notes].sort())

  const done = expectOk(await t.call<Item>('action', 'update', { communityId: C, actionId: created.id, status: 'DONE', note: '已在公示栏和小程序公开2026年收支' }, STAFF))
  expect(done.closedAt).not.toBeNull()
  expectError(await t.call('action', 'update', { communityId: C, actionId: created.id, note: '再改' }, STAFF), 'CONFLICT')
  const bad = expectError(await t.call('action', 'create', { communityId: C, title: '', source: { kind: 'survey', label: 'x' }, ownerName: '', dueDate: '明天' }, STAFF), 'VALIDATION_FAILED')
  expect(Object.keys((bad.details as { fields: Record<string, string[]> }).fields).sort()).toEqual(['dueDate', 'ownerName', 'title'])
}, 60_000)

test('a pattern of incidents becomes an item; its reporters see it came from them, and hear when it is closed', async () => {
  const incidents = t.store.find('incidents', { communityId: C }).filter((i) => ['o_demo_owner', 'o_demo_elder'].includes(i.reporterOpenid as string))
  expect(incidents.length).toBeGreaterThan(0)
  const ids = incidents.map((i) => i._id)
  const before = t.store.count('action_items', {})
  const bad = expectError(await t.call('action', 'create', { communityId: C, title: '楼道照明', source: { kind: 'incidents', label: '多次报修', incidentIds: [...ids, 'inc_nowhere'] }, ownerName: '王', dueDate: '2027-01-31' }, STAFF), 'VALIDATION_FAILED')
  expect((bad.details as { fields: Record<string, string[]> }).fields['source.incidentIds']).toBeDefined()
  expect(t.store.count('action_items', {})).toBe(before)

  const item = expectOk(await t.call<Item & { fromYou: boolean }>('action', 'create', { communityId: C, title: '楼道与公共设施集中整修', source: { kind: 'incidents', label: `近期${ids.length}起事件上报`, incidentIds: ids }, ownerName: '物业 王师傅', dueDate: '2027-02-15' }, STAFF))
  // The reporters' openids are kept for the notice but never sent to anyone.
  expect(JSON.stringify(item)).not.toContain('o_demo_')
  const reporters = [...new Set(incidents.map((i) => i.reporterOpenid as string))]
  const fromYou = async (who: string) => expectOk(await t.call<{ items: (Item & { fromYou: boolean })[] }>('action', 'list', { communityId: C }, who)).items.find((i) => i.id === item.id)!.fromYou
  for (const r of reporters) expect(await fromYou(r)).toBe(true)
  const other = ['o_demo_resident', 'o_demo_family'].find((o) => !reporters.includes(o))!
  expect(await fromYou(other)).toBe(false)

  // Closing needs a note residents can read.
  expectError(await t.call('action', 'update', { communityId: C, actionId: item.id, status: 'DONE', note: '好' }, STAFF), 'VALIDATION_FAILED')
  const done = expectOk(await t.call<Item>('action', 'update', { communityId: C, actionId: item.id, status: 'DONE', note: '已更换3栋、5栋楼道灯并修好单元门' }, STAFF))
  expect(done.status).toBe('DONE')
  expect(t.store.find('audit_log', { event: 'action.closed', target: item.id })).toHaveLength(1)
}, 60_000)
