/** Timer triggers run on their schedule when enabled (tests elsewhere fire them on demand). */
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from './helpers/cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({
    seed: false,
    timers: true,
    extraFunctionsDirs: [FIXTURE_FUNCTIONS],
    extraCollections: [{ name: 'probe_items', indexes: [] }],
  })
})
afterAll(() => t.close())

test('the every-second trigger of sdk-probe/config.json fires by itself', async () => {
  // Wait for the condition, not for a fixed time: on a loaded machine the firings may lag.
  const deadline = Date.now() + 100_000
  while (t.store.find('probe_items', { timer: 'every-second' }).length < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200))
  }
  const fired = t.store.find('probe_items', { timer: 'every-second' })
  // At least two firings, each its own invocation receiving the cloud's timer event.
  expect(fired.length).toBeGreaterThanOrEqual(2)
}, 120_000)
