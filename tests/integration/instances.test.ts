/**
 * Function instances are reaped when idle (issue #9, item 4): after a burst of parallel calls the
 * extra instances stop after the idle time, one stays warm, and calls keep working. The idle time
 * is an option (3 minutes by default), set short here so the test needs no long wait.
 */
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from './helpers/cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ seed: false, idleInstanceMs: 300, extraFunctionsDirs: [FIXTURE_FUNCTIONS] })
})
afterAll(() => t.close())

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 50_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

test('a burst leaves several instances; idle ones are reaped down to one warm instance, which still answers', async () => {
  // Each call holds its instance until all six have started, so six instances must exist.
  const burst = await Promise.all(Array.from({ length: 6 }, () => t.raw('timeout-probe', { ms: 1500 })))
  for (const r of burst) expect(r.body).toEqual({ slept: 1500 })
  expect(t.cloud.functions.stats.peakInstances).toBeGreaterThanOrEqual(2)
  await until(() => t.cloud.functions.instanceCount('timeout-probe') === 1, 'reaping to one instance')
  expect(t.cloud.functions.stats.instancesReaped).toBeGreaterThanOrEqual(1)
  // However long it idles, the last one stays warm.
  t.cloud.functions.reap(Date.now() + 3_600_000)
  expect(t.cloud.functions.instanceCount('timeout-probe')).toBe(1)
  const started = t.cloud.functions.stats.instancesStarted
  expect((await t.raw('timeout-probe', { ms: 0 })).body).toEqual({ slept: 0 })
  expect(t.cloud.functions.stats.instancesStarted).toBe(started) // served warm, no new instance
}, 120_000)

test('a busy instance is never reaped, however old', async () => {
  const running = t.raw('timeout-probe', { ms: 1000 })
  const second = t.raw('timeout-probe', { ms: 1000 })
  await until(() => t.cloud.functions.instanceCount('timeout-probe') >= 2, 'two instances')
  t.cloud.functions.reap(Date.now() + 3_600_000)
  expect(t.cloud.functions.instanceCount('timeout-probe')).toBeGreaterThanOrEqual(2)
  expect((await running).body).toEqual({ slept: 1000 })
  expect((await second).body).toEqual({ slept: 1000 })
}, 120_000)
