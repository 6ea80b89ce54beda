/**
 * Notices on the weapp build (issue #10, the H5 flow of tests/e2e/scenarios-notices.ts): the grid
 * worker of grid 1 publishes a 需确认 notice from the 通知 tab (only their own grid offered, already
 * chosen, R7.2); a resident of grid 1 (1栋101) gets the unread badge on the native 通知 tab
 * (wx.setTabBarBadge), opens the notice from the inbox and taps 我已知晓; the badge drops and the
 * worker's reach page counts one acknowledgement and one unread household fewer.
 */
import type { MiniProgram } from '../harness'
import { assert, type WeappTest } from '../suite'
import { ROUTES, checked, onPage, see, tap, type } from './helpers'

const C = 'c_xuetangpo'
const HOUSEHOLD = `${C}_b01_u101`
const PAGES = {
  notices: 'pages/notices/index',
  detail: 'pages/notices/detail',
  compose: 'subpackages/grid/pages/compose/index',
  reach: 'subpackages/grid/pages/reach/index',
} as const

/** What the 通知 tab's badge last said (0 once removed), or null if the program never set it. */
function tabBadge(mp: MiniProgram): number | null {
  const last = [...mp.wxCalls].reverse().find((c) => (c.api === 'setTabBarBadge' || c.api === 'removeTabBarBadge') && (c.args[0] as { index?: number } | undefined)?.index === 1)
  if (!last) return null
  return last.api === 'removeTabBarBadge' ? 0 : Number((last.args[0] as { text?: string }).text)
}

const count = (mp: MiniProgram, selector: string) => Number(mp.page.textOf(selector).trim())

export const tests: WeappTest[] = [
  {
    name: 'scenario: notices — a grid worker publishes a 需确认 notice to grid 1; 1栋101 sees the badge, reads it and taps 我已知晓; the unread list shrinks',
    async run({ open }) {
      const title = '楼道消防检查通知'
      const { mp: worker } = await open('o_demo_grid_worker', PAGES.notices)
      await tap(worker, '#notice-compose-btn')
      await onPage(worker, PAGES.compose)
      await type(worker, '#compose-title', title)
      await type(worker, '#compose-body', '本周六上午网格员上门检查楼道消防通道，请各户清理杂物并确认已知晓。')
      await see(worker, `#compose-grid-${C}_g1`)
      assert(checked(worker.page, `#compose-grid-${C}_g1`) === true, 'grid 1 not preselected')
      assert(!worker.page.has(`#compose-grid-${C}_g2`), 'grid 2 offered to the worker of grid 1')
      await tap(worker, '#compose-ack')
      await tap(worker, '#compose-submit')
      await onPage(worker, PAGES.reach)
      const publish = worker.cloudCalls.find((c) => c.name === 'notice' && c.action === 'publish')
      const noticeId = /"(ntc_[^"]+)"/.exec(JSON.stringify(publish?.result ?? null))?.[1]
      assert(noticeId, `no notice id in notice.publish's answer: ${JSON.stringify(publish)}`)
      assert(JSON.stringify(publish!.input).includes('"ackRequired":true'), 'published without 需确认')
      await see(worker, '#reach-addressed', '96')
      await see(worker, `#unread-${HOUSEHOLD}`)
      const unreadBefore = count(worker, '#reach-unread')

      // The resident: the badge is set at launch, from the server's unread count.
      const { mp } = await open('o_demo_family', ROUTES.me)
      await mp.until(() => (tabBadge(mp) ?? 0) >= 1, 'an unread badge on the 通知 tab')
      const badgeBefore = tabBadge(mp)!
      await mp.tapTab('通知')
      await onPage(mp, PAGES.notices)
      await see(mp, `#notice-${noticeId}`, '未读')
      await tap(mp, `#notice-${noticeId}`)
      await onPage(mp, PAGES.detail)
      await see(mp, '#notice-body', '消防通道')
      await tap(mp, '#notice-ack-btn')
      await see(mp, '#notice-acknowledged', '已确认')
      assert(mp.cloudCalls.some((c) => c.name === 'notice' && /ack/i.test(c.action ?? '')), `calls: ${mp.cloudCalls.map((c) => `${c.name}.${c.action}`).join(', ')}`)
      await mp.until(() => tabBadge(mp) === badgeBefore - 1, `the badge to drop from ${badgeBefore} (now ${tabBadge(mp)})`)

      // The worker, opening the reach page again: acknowledged 1, that household off the unread list.
      const { mp: again } = await open('o_demo_grid_worker', `${PAGES.reach}?id=${encodeURIComponent(noticeId)}`)
      await see(again, '#reach-acknowledged', '1')
      await see(again, '#unread-list')
      assert(!again.page.has(`#unread-${HOUSEHOLD}`), '1栋101 still on the unread list')
      const unreadAfter = count(again, '#reach-unread')
      assert(unreadAfter === unreadBefore - 1, `unread ${unreadBefore} → ${unreadAfter}, expected one household fewer`)
    },
  },
]
