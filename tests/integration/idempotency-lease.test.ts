/**
 * Honest outcomes when the platform kills an invocation (issue #9, item 6): the caller is told
 * "timed out" although the call's transactions committed. A retry with the same request id must
 * get the committed answer — not a PENDING stuck for a minute, not a second application of the
 * writes. router-probe runs here with a 3-s time limit: this test is about the timeout.
 */
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { startTestCloud, type TestCloud } from './helpers/cloud'

let t: TestCloud
let dir: string
const WHO = 'o_demo_owner'

beforeAll(async () => {
  fs.mkdirSync(path.join(__dirname, '../../dist'), { recursive: true })
  dir = fs.mkdtempSync(path.join(__dirname, '../../dist/test-functions-'))
  await build({
    entryPoints: [path.join(__dirname, '../fixtures/router-probe/index.ts')],
    outfile: path.join(dir, 'router-probe', 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'error',
  })
  fs.writeFileSync(path.join(dir, 'router-probe', 'config.json'), JSON.stringify({ timeout: 3 }))
  t = await startTestCloud({ extraFunctionsDirs: [dir], extraCollections: [{ name: 'probe_writes', indexes: [] }] })
})
afterAll(async () => {
  await t.close()
  fs.rmSync(dir, { recursive: true, force: true })
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
  // The writes had committed although the caller was told the call failed.
  expect([n('k1-a'), n('k1-b')]).toEqual([1, 1])
  expect(t.store.getById('idempotency', `router-probe:countThenHang:${WHO}:req-lease-1`)?.doc.state).toBe('PENDING')

  const { body, seen } = await retryUntilSettled(input, 'req-lease-1')
  expect(body).toEqual({ ok: true, data: { first: 1, second: 1 } })
  for (const s of seen) expect(s).toMatch(/^CONFLICT retryAfterMs=\d+$/) // told when to come back, never a bare failure
  expect([n('k1-a'), n('k1-b')]).toEqual([1, 1]) // replayed, not applied again
  expect(t.store.getById('idempotency', `router-probe:countThenHang:${WHO}:req-lease-1`)?.doc.state).toBe('DONE')

  // Later retries replay the same answer; a new request id is a new call.
  expect((await t.raw('router-probe', { action: 'countThenHang', input, meta: { requestId: 'req-lease-1' } }, WHO)).body).toEqual({ ok: true, data: { first: 1, second: 1 } })
  expect((await t.raw('router-probe', { action: 'countThenHang', input, meta: { requestId: 'req-lease-2' } }, WHO)).body).toEqual({ ok: true, data: { first: 2, second: 2 } })
}, 120_000)

test('a duplicate sent while the original still runs is told to come back, with when', async () => {
  const input = { counter: 'k2', hang: true }
  const original = t.raw('router-probe', { action: 'countThenHang', input, meta: { requestId: 'req-dup-1' } }, WHO)
  // Wait until the original holds the key (its PENDING record exists).
  const key = `router-probe:countThenHang:${WHO}:req-dup-1`
  while (!t.store.getById('idempotency', key)) await new Promise((r) => setTimeout(r, 20))
  const dup = await t.call('router-probe', 'countThenHang', input, WHO, { requestId: 'req-dup-1' })
  expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { requestId: 'req-dup-1' } } })
  expect((dup as { error: { details: { retryAfterMs: number } } }).error.details.retryAfterMs).toBeGreaterThan(0)
  expect((await original).status).toBe(500) // it hung and was cut off
  expect((await retryUntilSettled(input, 'req-dup-1')).body).toEqual({ ok: true, data: { first: 1, second: 1 } })
  expect([n('k2-a'), n('k2-b')]).toEqual([1, 1])
}, 120_000)
