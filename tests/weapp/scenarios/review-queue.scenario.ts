/**
 * The staff review queue (R4.8, R7.2): the grid worker of grid 1 sees 2栋402's application with
 * the name masked (R4.9), approves it, and the page says so.
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: staff review queue — the grid worker approves 2栋402 (masked name)',
    async run({ open }) {
      const { mp } = await open('o_demo_grid_worker', ROUTES.me)
      await tap(mp, '#staff-review-row')
      await onPage(mp, ROUTES.review)
      await see(mp, '.review-item', '2栋402 · 黄*')
      // Membership ids are opaque (issue #9 §7.5): find the card by what the worker reads.
      const card = mp.page.all('.review-item').find((el) => mp.page.textOf(el).includes('2栋402'))!
      const item = `#approve-${String(card.raw.uid).replace(/^review-/, '')}`
      assert(!mp.page.text().includes('黄磊'), 'the applicant\'s full name is shown in the queue')
      await tap(mp, item)
      await see(mp, '#review-note', '已通过')
      assert(mp.cloudCalls.some((c) => c.name === 'household' && /approve|decide|review/.test(c.action ?? '')), `calls: ${mp.cloudCalls.map((c) => c.name + '.' + c.action).join(', ')}`)
    },
  },
]
