/**
 * The governance dashboard (issue #15): figures come from the nightly aggregate, equal an
 * independent count over the seeded data, sit beside the field study's values, suppress cells
 * under 5 households, and say "not yet" for features that do not exist instead of showing zero.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, expectOk } from './support/linli'
import { SEED_SURVEY_ID } from '../../seeds/survey'
import type { Figure } from '../../domain/dashboard/figures'
import type { SurveyResults } from '../../domain/survey/results'

let t: TestCloud
const STAFF = 'o_demo_rc_staff'
type Dash = { month: string | null; figures: Figure[]; trend: { month: string; accounts: number }[] }

const nightly = () => t.cloud.functions.invoke('dashboard', { Type: 'Timer', TriggerName: 'dashboard-nightly' }, { openid: '', source: 'wx_trigger' })
const fig = (d: Dash, key: string) => {
  const f = d.figures.find((x) => x.key === key)
  if (!f) throw new Error(`no figure ${key}`)
  return f
}

beforeAll(async () => {
  t = await startTestCloud()
}, 60_000)
afterAll(() => t?.close())

test('before the nightly job has run there are no figures (not zeros)', async () => {
  const d = expectOk(await t.call<Dash>('dashboard', 'get', { communityId: C }, STAFF))
  expect(d).toMatchObject({ month: null, figures: [] })
})

test('after the nightly job, figures equal an independent count over the seeded data', async () => {
  expect(await nightly()).toMatchObject({ ok: true })
  // One aggregate per community of the eight.
  expect(t.store.find('dashboard_aggregates', {})).toHaveLength(t.store.count('communities', {}))
  const d = expectOk(await t.call<Dash>('dashboard', 'get', { communityId: C }, STAFF))

  // Independent count straight from the store.
  const homes = t.store.find('units', { communityId: C, isParking: false, developerHeld: false })
  const homeIds = new Set(homes.map((h) => h._id))
  const approved = t.store.find('household_members', { communityId: C, status: 'APPROVED' }).filter((m) => homeIds.has(m.unitId as string))
  const active = new Set(approved.map((m) => m.unitId)).size
  const accounts = new Set(approved.map((m) => m.openid))
  const platform = fig(d, 'platform_use_households')
  expect([platform.count, platform.of]).toEqual([active, homes.length])
  expect(platform.baseline).toMatchObject({ value: 41.7 })
  expect(platform.source).toContain('房屋')
  expect(fig(d, 'accounts').value).toBe(accounts.size)

  const granted = t.store.find('consents', { purposeId: 'household', state: 'GRANTED' }).filter((c) => accounts.has(c.openid as string)).length
  expect(fig(d, 'consent_household').count).toBe(granted)

  const responses = t.store.find('survey_responses', { surveyId: SEED_SURVEY_ID })
  const worried = responses.filter((r) => (r.answers as Record<string, unknown>).q_security === 'worried').length
  const security = fig(d, 'survey_security_worry')
  expect([security.count, security.of]).toEqual([worried, responses.length])
  expect(security.value).toBe(Math.round((worried / responses.length) * 1000) / 10)
  expect(security.baseline).toMatchObject({ value: 56.6, statement: '56.6%' })

  // Two residents answered 村改居 (seeds/survey.ts): a figure about them would be suppressed.
  const villages = responses.filter((r) => (r.answers as Record<string, unknown>).q_type === 'village').length
  expect(villages).toBe(2)

  // The other features' figures, from their own collections, counted independently.
  const groupIds = t.store.find('groups', { communityId: C }).map((g) => g._id)
  const joined = t.store.find('group_members', { state: 'JOINED' }).filter((m) => groupIds.includes(m.groupId as string) && accounts.has(m.openid as string))
  const perResident = fig(d, 'groups_per_resident')
  if (groupIds.length === 0) expect(perResident).toMatchObject({ available: false, value: null })
  else expect(perResident).toMatchObject({ available: true, value: Math.round((joined.length / accounts.size) * 10) / 10 })
  const rights = t.store.find('elections', { communityId: C }).filter((e) => ['VOTING_OPEN', 'PRELIM_RESULT', 'RESULT_FINAL', 'TERMINATED'].includes(e.status as string))
  expect(fig(d, 'election_turnout').available).toBe(rights.length > 0)
  const resources = t.store.count('booking_resources', { communityId: C, active: true })
  expect(fig(d, 'booking_use').available).toBe(resources > 0)
  // A feature not in use here says so instead of 0.
  for (const f of d.figures.filter((x) => !x.available)) {
    expect(f.value).toBeNull()
    expect(f.note).toMatch(/不是0|还没有/)
  }
  expect(d.trend.at(-1)?.accounts).toBe(accounts.size)
}, 120_000)

test('a figure under 5 households is suppressed (a community with few accounts, consents refused by 2)', async () => {
  const d = expectOk(await t.call<Dash>('dashboard', 'get', { communityId: C }, STAFF))
  // No one in the seeds refused anything: 0 is shown, not suppressed.
  expect(fig(d, 'refused_any')).toMatchObject({ count: 0, suppressed: false })
  // Two seeded accounts refuse an optional purpose; the refresh recomputes; 2 < 5 is suppressed.
  for (const openid of ['o_seed_0001', 'o_seed_0002']) {
    t.store.put('consents', { _id: `${openid}:contact_phone`, openid, purposeId: 'contact_phone', state: 'REFUSED', policyVersion: 'x', channel: 'test', updatedAt: new Date(), grantedAt: null, refusedAt: new Date(), withdrawnAt: null }, 'replace')
  }
  expectOk(await t.call('dashboard', 'refresh', { communityId: C }, STAFF))
  const after = expectOk(await t.call<Dash>('dashboard', 'get', { communityId: C }, STAFF))
  expect(fig(after, 'refused_any')).toMatchObject({ count: null, value: null, suppressed: true })
  expect(fig(after, 'refused_any').baseline).toMatchObject({ value: 21.2 })
})

test('the seeded template survey shows a suppressed cell in its results', async () => {
  const r = expectOk(await t.call<SurveyResults>('survey', 'results', { surveyId: SEED_SURVEY_ID, communityId: C }, STAFF))
  const q = r.questions.find((x) => x.questionId === 'q_type')!
  expect(q.cells.find((c) => c.id === 'village')).toMatchObject({ count: null, share: null })
  expect(q.suppressed).toBe(true)
  expect(r.respondents).toBe(42)
})
