/**
 * Honest outcomes when the platform kills an invocation (issue #9, item 6): the caller is told
 * "timed out" although the call's transactions committed. A retry with the same request id must
 * get the committed answer — not a PENDING stuck for a minute, not a second application of the
 * writes. router-probe runs here with a 3-s time limit: this test is about the timeout.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { buildRouterProbe } from './helpers/router-probe'

let t: TestCloud
let probe: { dir: string; remove: () => void }
const WHO = 'o_demo_owner'

beforeAll(async () => {
  // This test is about the time limit: a short one.
  probe = await buildRouterProbe({ timeout: 3 })
  t = await startTestCloud({ extraFunctionsDirs: [probe.dir], extraCollections: [{ name: 'probe_writes', indexes: [] }] })
})
afterAll(async () => {
  await t.close()
  probe.remove()
})

const n = (id: string) => (t.store.getById('probe_writes', id)?.doc.n as number | undefined) ?? 0

/** Retry with the same request id until the answer is not "still in progress". */
async function retryUntilSettled(input: unknown, requestId: string) {
  const seen: string[] = []
  for (;;) {
    const r = await t.raw('router-probe', { action: 'countThenHang', input, meta: { requestId } }, WHO)
    const body = r.body as { ok: boolean; error?: { code: string; details?: { retryAfterMs?: number } } }
    if (r.status === 200 && !(body.ok === false && body.error?.code === 'CONFLICT')) return { body, seen }
    seen.push(r.status === 200 ? `CONFLICT retryAfterMs=${body.error?.details?.retryAfterMs}` : `HTTP ${r.status}`)
    // Wait as told (bounded by the jest timeout, not by a guess about machine speed).
    await new Promise((res) => setTimeout(res, Math.min(Math.max(body.error?.details?.retryAfterMs ?? 200, 50), 2000)))
  }
}

test('timed out after committing: the retry with the same request id gets the committed answer, writes applied once', async () => {
  const input = { counter: 'k1', hang: true }
  const first = await t.raw('router-probe', { action: 'countThenHang', input, meta: { requestId: 'req-lease-1' } }, WHO)
  expect(first.status).toBe(500)
  expect(String((first.body as { errMsg: string }).errMsg)).toMatch(/timed out after 3 seconds/)
  expect(t.store.getById('idempotency', `router-probe:countThenHang:${WHO}:req-lease-1`)?.doc.state).toBe('PENDING')

  const { body, seen } = await retryUntilSettled(input, 'req-lease-1')
  // Told when to come back, or (if a taken-over attempt was the one that hung) timed out again:
  // never a bare failure, never a different answer.
  for (const s of seen) expect(s).toMatch(/^(CONFLICT retryAfterMs=\d+|HTTP 500)$/)
  expect(body).toEqual({ ok: true, data: { first: 1, second: 1 } })
  // Some attempt committed both steps and then hung until it was killed (the marker says so);
  // the answer came from a later attempt, which replayed them: each counter moved once.
  expect(t.store.getById('probe_writes', 'k1-hung')).not.toBeNull()
  expect([n('k1-a'), n('k1-b')]).toEqual([1, 1])
  expect(t.store.getById('idempotency', `router-probe:countThenHang:${WHO}:req-lease-1`)?.doc.state).toBe('DONE')

  // Later retries replay the same answer; a new request id is a new call.
  expect((await t.raw('router-probe', { action: 'countThenHang', input, meta: { requestId: 'req-lease-1' } }, WHO)).body).toEqual({ ok: true, data: { first: 1, second: 1 } })
  expect((await t.raw('router-probe', { action: 'countThenHang', input, meta: { requestId: 'req-lease-2' } }, WHO)).body).toEqual({ ok: true, data: { first: 2, second: 2 } })
}, 300_000)

test('while the holder still runs, a duplicate is told when to come back; once its lease has ended the key is taken over', async () => {
  const key = `router-probe:countThenHang:${WHO}:req-dup-1`
  const input = { counter: 'k2', hang: false }
  // A holder that is still running: its lease ends in ten minutes.
  t.store.insert('idempotency', { _id: key, state: 'PENDING', at: new Date(), leaseUntil: new Date(Date.now() + 600_000) })
  const dup = await t.call('router-probe', 'countThenHang', input, WHO, { requestId: 'req-dup-1' })
  expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { requestId: 'req-dup-1' } } })
  const after = (dup as { error: { details: { retryAfterMs: number } } }).error.details.retryAfterMs
  expect(after).toBeGreaterThan(500_000)
  expect(after).toBeLessThanOrEqual(600_000)
  expect([n('k2-a'), n('k2-b')]).toEqual([0, 0]) // nothing ran
  // The holder died: its lease is over. The next retry takes the key and runs the call once.
  t.store.updateWhere('idempotency', { _id: key }, { $set: { leaseUntil: new Date(Date.now() - 1000) } }, { multi: false, merge: true, upsert: false })
  expect(await t.call('router-probe', 'countThenHang', input, WHO, { requestId: 'req-dup-1' })).toEqual({ ok: true, data: { first: 1, second: 1 } })
  expect(await t.call('router-probe', 'countThenHang', input, WHO, { requestId: 'req-dup-1' })).toEqual({ ok: true, data: { first: 1, second: 1 } })
  expect([n('k2-a'), n('k2-b')]).toEqual([1, 1])
}, 300_000)
