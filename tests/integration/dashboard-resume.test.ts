/**
 * The nightly dashboard job is incremental and resumable (issue #15, R5.14). With a time budget
 * of 0 every run does one step (a page of consent events or one community), saves its progress in
 * dashboard_progress and stops; the next firing goes on from there. The counts at the end equal
 * an independent count (no event counted twice, none skipped — including many events sharing
 * one timestamp), and the next night reads only the events added since.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectOk } from './support/linli'
import type { Figure } from '../../domain/dashboard/figures'

let t: TestCloud
const STAFF = 'o_demo_rc_staff'
type Run = { ok: boolean; data: { complete: boolean; communities: number; done: number; eventsRead: number } }
const nightly = async () => ((await t.cloud.functions.invoke('dashboard', { Type: 'Timer', TriggerName: 'dashboard-nightly' }, { openid: '', source: 'wx_trigger' })) as { result: Run }).result

/** Accounts of 学堂坡 with an approved home (the seeds' residents). */
const accountsOf = (communityId: string) => [...new Set(t.store.find('household_members', { communityId, status: 'APPROVED' }).map((m) => m.openid as string))]

function addEvents(openids: string[], n: number, at: Date, tag: string): void {
  t.store.atomically(() => {
    for (let i = 0; i < n; i++) {
      const openid = openids[i % openids.length]
      t.store.insert('consent_events', { _id: `ce:${tag}:${String(i).padStart(4, '0')}`, openid, purposeId: i % 2 ? 'contact_phone' : 'notifications', event: i % 3 === 0 ? 'WITHDRAWN' : 'REFUSED', previousState: 'GRANTED', policyVersion: 'test', channel: 'test', at, requestId: `${tag}${i}` })
    }
  })
}

beforeAll(async () => {
  process.env.DASHBOARD_BUDGET_MS = '1'
  t = await startTestCloud()
}, 60_000)
afterAll(async () => {
  delete process.env.DASHBOARD_BUDGET_MS
  await t?.close()
})

test('a job cut into many runs finishes with exact counts, then reads only new events', async () => {
  const accounts = accountsOf(C)
  // 350 events at one instant: the cursor must order ties by _id to neither skip nor repeat.
  addEvents(accounts, 350, new Date(), 'tie')
  const runs: Run['data'][] = []
  for (let i = 0; i < 60; i++) {
    const r = await nightly()
    expect(r.ok).toBe(true)
    runs.push(r.data)
    if (r.data.complete) break
  }
  const last = runs.at(-1)!
  expect(last.complete).toBe(true)
  // Several runs: the events alone need 4 pages, then one run per community at least.
  expect(runs.length).toBeGreaterThan(4)
  expect(runs.filter((r) => !r.complete).length).toBeGreaterThan(0)
  expect(t.store.find('dashboard_aggregates', {})).toHaveLength(t.store.count('communities', {}))
  const progress = t.store.getById('dashboard_progress', 'dp_consent_events')!.doc as unknown as { eventsRead: number }
  expect(progress.eventsRead).toBe(t.store.count('consent_events', {}))

  const monthly = (d: { figures: Figure[] }, purpose: string) => d.figures.find((f) => f.key === `consent_${purpose}`)!.note
  const expected = (purpose: string) => {
    const evs = t.store.find('consent_events', { purposeId: purpose }).filter((e) => accounts.includes(e.openid as string))
    return `本月拒绝${evs.filter((e) => e.event === 'REFUSED').length}人、撤回${evs.filter((e) => e.event === 'WITHDRAWN').length}人`
  }
  const d = expectOk(await t.call<{ figures: Figure[] }>('dashboard', 'get', { communityId: C }, STAFF))
  expect(monthly(d, 'contact_phone')).toBe(expected('contact_phone'))
  expect(monthly(d, 'notifications')).toBe(expected('notifications'))

  // A finished day's pass: a later firing the same night does nothing.
  const again = await nightly()
  expect(again.data).toMatchObject({ complete: true, eventsRead: 0 })

  // The next night (a new pass) reads only the 30 events added since.
  t.store.removeWhere('dashboard_progress', { _id: `dp_pass_${new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)}` }, false)
  addEvents(accounts, 30, new Date(), 'next')
  const reads: number[] = []
  for (let i = 0; i < 40; i++) {
    const r = await nightly()
    reads.push(r.data.eventsRead)
    if (r.data.complete) break
  }
  expect(reads.reduce((s, n) => s + n, 0)).toBe(30)
  const after = expectOk(await t.call<{ figures: Figure[] }>('dashboard', 'get', { communityId: C }, STAFF))
  expect(monthly(after, 'contact_phone')).toBe(expected('contact_phone'))
}, 300_000)
