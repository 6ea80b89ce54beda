/**
 * The staff review queue (R4.8, R7.2): the grid worker of grid 1 sees 2栋402's application with
 * the name masked (R4.9), approves it, and the page says so.
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, inside, onPage, see, seeRow, tap } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: staff review queue — the grid worker approves 2栋402 (masked name)',
    async run({ open }) {
      const { mp } = await open('o_demo_grid_worker', ROUTES.me)
      await tap(mp, '#staff-review-row')
      await onPage(mp, ROUTES.review)
      // Membership ids are opaque (salted hashes): the item is found by what it says.
      const item = await seeRow(mp, '.review-item', '2栋402 · 黄*')
      assert(!mp.page.text().includes('黄磊'), 'the applicant\'s full name is shown in the queue')
      await mp.page.tap(inside(mp.page, item, '.btn', '通过'))
      await see(mp, '#review-note', '已通过')
      assert(mp.cloudCalls.some((c) => c.name === 'household' && /approve|decide|review/.test(c.action ?? '')), `calls: ${mp.cloudCalls.map((c) => c.name + '.' + c.action).join(', ')}`)
    },
  },
]
