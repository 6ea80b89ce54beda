/**
 * Fault injection: the smoke check (the very function the smoke suite runs) over fixture pages
 * that each carry one fault a phone would hit — a property read of undefined during render, a
 * browser global, a wx API that does not exist, a navigation outside app.json. Each must fail
 * with a message naming the page; a fault-free fixture must pass.
 */
import { localCloud } from './harness'
import { FIXTURES, faultOverlay, fixtureRoute } from './fixtures/fault-pages'
import { smokePage } from './smoke-check'
import { assert, type WeappTest } from './suite'

export const tests: WeappTest[] = Object.entries(FIXTURES).map(([name, fixture]) => ({
  name: `faults: ${fixture.what} ${name === 'healthy' ? 'passes' : 'fails the smoke check, naming the page'}`,
  async run({ cloud, note }) {
    const route = fixtureRoute(name)
    const r = await smokePage(route, { cloud: localCloud(cloud.url, 'o_demo_resident'), overlay: faultOverlay() })
    if (name === 'healthy') {
      assert(r.problems.length === 0, `the fault-free fixture failed:\n${r.problems.join('\n')}`)
      return
    }
    assert(r.problems.length > 0, `${route}: the fault went unnoticed`)
    const naming = r.problems.filter((p) => p.includes(route) && fixture.expect.test(p))
    assert(naming.length > 0, `${route}: no message names the page and the fault ${fixture.expect}:\n${r.problems.join('\n')}`)
    note(naming[0].split('\n')[0].slice(0, 160))
  },
}))
