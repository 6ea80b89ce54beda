/**
 * 60 people at once, each doing bootstrap → consent.grant → updateProfile(phone) → household.apply
 * (issue #9, item 6), and one person granting 50 times in parallel. Whatever the machine's load
 * does to individual calls, the outcome must be honest: a call that failed is retried with the
 * same request id until it is answered, and in the end every step is ok exactly once — one
 * consent event per purpose per grant, one application per person, no PENDING left behind.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C } from './support/linli'
import { POLICY_VERSION } from '../../domain/privacy/purposes'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

type Step = { fn: string; action: string; input: unknown; requestId: string }
const tally = { firstAnswerFailed: 0, retries: 0 }

/** Call, and on a failure that is not an answer (HTTP 500, or CONFLICT "still in progress") retry with the same request id. */
async function settle(openid: string, step: Step): Promise<{ ok: boolean; data?: any; error?: any }> {
  for (let attempt = 0; ; attempt++) {
    const r = await t.raw(step.fn, { action: step.action, input: step.input, meta: { requestId: step.requestId } }, openid)
    const body = r.body as { ok: boolean; error?: { code: string; details?: { retryAfterMs?: number } } }
    const inProgress = r.status === 200 && body.ok === false && body.error?.code === 'CONFLICT' && body.error.details?.retryAfterMs !== undefined
    if (r.status === 200 && !inProgress) return body
    if (attempt === 0) tally.firstAnswerFailed++
    tally.retries++
    await new Promise((res) => setTimeout(res, Math.min(Math.max(body.error?.details?.retryAfterMs ?? 250, 50), 2000)))
  }
}

const NAMES = '甲乙丙丁戊己庚辛壬癸'
const nameOf = (i: number) => `居民${NAMES[i % 10]}${NAMES[Math.floor(i / 10) % 10]}`

test('60 parallel callers: every step answered ok once, nothing written twice, nothing left PENDING', async () => {
  const units = t.store.find('units', { communityId: C }).filter((u) => !u.isParking && !u.retired).slice(0, 60)
  expect(units).toHaveLength(60)
  const people = units.map((unit, i) => ({ openid: `o_par_${String(i).padStart(2, '0')}`, unit, i }))

  const outcomes = await Promise.all(
    people.map(async ({ openid, unit, i }) => {
      const steps: Step[] = [
        { fn: 'user', action: 'bootstrap', input: {}, requestId: `par-boot-${i}` },
        { fn: 'consent', action: 'grant', input: { purposes: ['household', 'contact_phone'], policyVersion: POLICY_VERSION, channel: 'test_sheet' }, requestId: `par-grant-${i}` },
        { fn: 'user', action: 'updateProfile', input: { phone: `138${String(10_000_000 + i).slice(0, 8)}` }, requestId: `par-phone-${i}` },
        {
          fn: 'household',
          action: 'apply',
          input: { communityId: C, buildingId: unit.buildingId, unitId: unit._id, relation: 'TENANT', realName: nameOf(i), adultConfirmed: true },
          requestId: `par-apply-${i}`,
        },
      ]
      const answers = []
      for (const s of steps) answers.push(await settle(openid, s))
      return answers
    }),
  )
  for (const answers of outcomes) for (const a of answers) expect(a).toMatchObject({ ok: true })

  const ids = new Set(people.map((p) => p.openid))
  const mine = (docs: Record<string, unknown>[]) => docs.filter((d) => ids.has(String(d.openid)))
  expect(mine(t.store.find('consent_events', {}))).toHaveLength(120)
  expect(mine(t.store.find('household_members', {})).filter((m) => m.status === 'APPLIED')).toHaveLength(60)
  for (const p of people) expect(t.store.getById('users', p.openid)?.doc.phone).toMatch(/^138\d{8}$/)
  const pending = t.store.find('idempotency', { state: 'PENDING' }).filter((d) => /o_par_/.test(d._id))
  expect(pending).toEqual([])
  console.log(`60 parallel callers: ${tally.firstAnswerFailed} first answers were failures or in-progress, ${tally.retries} retries`)
}, 600_000)

test('50 parallel consent.grant by one person: consent_events equals the ok answers', async () => {
  const who = 'o_par_grant50'
  expect(await settle(who, { fn: 'user', action: 'bootstrap', input: {}, requestId: 'g50-boot' })).toMatchObject({ ok: true })
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      settle(who, { fn: 'consent', action: 'grant', input: { purposes: ['contact_phone'], policyVersion: POLICY_VERSION, channel: 'test_sheet' }, requestId: `g50-${i}` }),
    ),
  )
  const ok = answers.filter((a) => a.ok).length
  for (const a of answers) expect(a).toMatchObject({ ok: true })
  expect(t.store.find('consent_events', { openid: who })).toHaveLength(ok)
  expect(t.store.find('idempotency', { state: 'PENDING' }).filter((d) => d._id.includes(who))).toEqual([])
}, 600_000)
