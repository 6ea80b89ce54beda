/**
 * The action router and guards, through the local cloud with the real SDK: envelope, error codes,
 * validation with field details and nothing written, identity only from OPENID, idempotent replay,
 * consent and capability guards, grid scope (R7.2).
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { buildRouterProbe } from './helpers/router-probe'
import { POLICY_VERSION } from '../../domain/privacy/purposes'

let t: TestCloud
let probe: { dir: string; remove: () => void }

beforeAll(async () => {
  // The time this fixture needs on a loaded machine; only tests about the timeout use a short one.
  probe = await buildRouterProbe({ timeout: 60 })
  t = await startTestCloud({ extraFunctionsDirs: [probe.dir], extraCollections: [{ name: 'probe_writes', indexes: [] }] })
})
afterAll(async () => {
  await t.close()
  probe.remove()
})

const writes = () => t.store.find('probe_writes', {})

test('ok answers are the envelope {ok:true,data}', async () => {
  expect(await t.call('router-probe', 'echo', { text: 'hi' }, 'o_demo_owner')).toEqual({ ok: true, data: { text: 'hi', caller: 'o_demo_owner' } })
})

test('an unknown action is UNKNOWN_ACTION with a request id', async () => {
  const r = await t.call('router-probe', 'nope', {}, 'o_demo_owner')
  expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  expect(r.ok === false && r.error.requestId).toMatch(/^[0-9a-f]{20}$/)
})

test('a call without a platform identity is UNAUTHENTICATED', async () => {
  const r = await t.raw('router-probe', { action: 'echo', input: { text: 'x' } })
  expect(r.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
})

test('identity comes only from OPENID: an openid field in the input is ignored', async () => {
  const r = await t.call('router-probe', 'echo', { text: 'x', openid: 'o_demo_admin' }, 'o_demo_resident')
  expect(r).toEqual({ ok: true, data: { text: 'x', caller: 'o_demo_resident' } })
})

test('invalid input is VALIDATION_FAILED with a field map, and nothing is written', async () => {
  const before = writes().length
  const r = await t.call('router-probe', 'write', { note: '', count: -1, extra: 1 }, 'o_demo_owner')
  expect(r.ok).toBe(false)
  if (r.ok) return
  expect(r.error.code).toBe('VALIDATION_FAILED')
  const fields = (r.error.details as { fields: Record<string, string[]> }).fields
  expect(Object.keys(fields).sort()).toEqual(['_', 'count', 'note'])
  // zod's own messages are in Simplified Chinese: they are shown to people.
  expect(fields.count.join()).toMatch(/[\u4e00-\u9fa5]/)
  expect(writes()).toHaveLength(before)
})

test('an unexpected throw is INTERNAL; the cause is logged, never returned', async () => {
  const r = await t.call('router-probe', 'boom', {}, 'o_demo_owner')
  expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  expect(JSON.stringify(r)).not.toContain('hunter2')
})

test('an answer outside the output contract is INTERNAL, not leaked', async () => {
  const r = await t.call('router-probe', 'badOutput', {}, 'o_demo_owner')
  expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  expect(JSON.stringify(r)).not.toContain('not a number')
})

test("'member' actions need an account: a never-seen OPENID is UNAUTHENTICATED and writes nothing", async () => {
  const before = writes().length
  expect(await t.call('router-probe', 'write', { note: 'x', count: 1 }, 'o_never_seen')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  expect(writes()).toHaveLength(before)
})

test('a retried write with the same request id is applied once and answered the same', async () => {
  const meta = { requestId: 'retry-abc-123' }
  const first = await t.call('router-probe', 'write', { note: 'once', count: 1 }, 'o_demo_owner', meta)
  expect(first.ok).toBe(true)
  expect(await t.call('router-probe', 'write', { note: 'once', count: 1 }, 'o_demo_owner', meta)).toEqual(first)
  expect(writes().filter((w) => w.note === 'once')).toHaveLength(1)
  // The same request id from another caller is another call.
  expect(await t.call('router-probe', 'write', { note: 'once', count: 1 }, 'o_demo_family', meta)).toMatchObject({ ok: true })
  expect(writes().filter((w) => w.note === 'once')).toHaveLength(2)
})

test('duplicates racing the original are applied once: the others replay it or are told it is in progress', async () => {
  const meta = { requestId: 'race-req-0001' }
  const answers = await Promise.all(Array.from({ length: 6 }, () => t.call<{ id: string }>('router-probe', 'write', { note: 'raced', count: 3 }, 'o_demo_owner', meta)))
  expect(writes().filter((w) => w.note === 'raced')).toHaveLength(1)
  const oks = answers.filter((a) => a.ok)
  expect(oks.length).toBeGreaterThanOrEqual(1)
  expect(new Set(oks.map((a) => a.ok && a.data.id)).size).toBe(1)
  for (const a of answers) if (!a.ok) expect(a.error.code).toBe('CONFLICT')
  // Once done, every retry replays the one answer.
  expect(await t.call('router-probe', 'write', { note: 'raced', count: 3 }, 'o_demo_owner', meta)).toEqual(oks[0])
})

test('a call that fails in its handler frees its request id, so the retry runs', async () => {
  const meta = { requestId: 'fails-then-ok-1' }
  expect(await t.call('router-probe', 'flaky', { note: 'flaky', fail: true }, 'o_demo_owner', meta)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(t.store.getById('idempotency', 'router-probe:flaky:o_demo_owner:fails-then-ok-1')).toBeNull()
  const ok = await t.call('router-probe', 'flaky', { note: 'flaky', fail: false }, 'o_demo_owner', meta)
  expect(ok).toMatchObject({ ok: true })
  expect(await t.call('router-probe', 'flaky', { note: 'flaky', fail: false }, 'o_demo_owner', meta)).toEqual(ok)
  expect(writes().filter((w) => w.note === 'flaky')).toHaveLength(1)
})

describe('consent guard (R4.3)', () => {
  test('without consent the action answers CONSENT_REQUIRED with the purpose', async () => {
    const r = await t.call('router-probe', 'personal', {}, 'o_demo_family')
    expect(r).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', details: { purpose: 'contact_phone', reason: 'NOT_ASKED' } } })
  })
  test('with current consent it runs', async () => {
    expect(await t.call('router-probe', 'personal', {}, 'o_demo_owner')).toEqual({ ok: true, data: { ok: true } })
  })
  test('consent given under an older policy version asks again', async () => {
    const id = 'o_demo_owner:contact_phone'
    const doc = t.store.getById('consents', id)!.doc
    t.store.put('consents', { ...doc, policyVersion: 'old-version' }, 'replace')
    expect(await t.call('router-probe', 'personal', {}, 'o_demo_owner')).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', details: { reason: 'POLICY_CHANGED', policyVersion: POLICY_VERSION } } })
    t.store.put('consents', doc, 'replace')
  })
})

describe('capability guard and grid scope (R7.2)', () => {
  const C = 'c_xuetangpo'
  test('roles without the capability are FORBIDDEN', async () => {
    for (const who of ['o_demo_resident', 'o_demo_owner', 'o_demo_property_staff', 'o_demo_committee', 'o_demo_newcomer']) {
      expect(await t.call('router-probe', 'staff', { communityId: C, gridId: `${C}_g1` }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
  test('community-wide roles see every grid', async () => {
    expect(await t.call('router-probe', 'staff', { communityId: C, gridId: `${C}_g2` }, 'o_demo_rc_staff')).toEqual({ ok: true, data: { scope: 'all' } })
  })
  test('a grid worker acts in their own grid and is FORBIDDEN in another', async () => {
    expect(await t.call('router-probe', 'staff', { communityId: C, gridId: `${C}_g1` }, 'o_demo_grid_worker')).toEqual({ ok: true, data: { scope: [`${C}_g1`] } })
    expect(await t.call('router-probe', 'staff', { communityId: C, gridId: `${C}_g2` }, 'o_demo_grid_worker')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
  test('a role in one community gives nothing in another', async () => {
    expect(await t.call('router-probe', 'staff', { communityId: 'c_yuelong', gridId: 'x' }, 'o_demo_rc_staff')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
