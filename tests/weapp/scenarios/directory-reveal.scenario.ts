/**
 * 住户名册 and 查看电话 (R7.2, R4.9, R4.10): the worker of grid 2 is offered only 5–7栋, the row
 * of 6栋302 is masked and lists no phone; revealing needs a reason of at least 4 characters
 * (typed into the weapp textarea), then shows the number with 拨打 (wx.makePhoneCall) and says
 * the view was logged.
 */
import { assert, type WeappTest } from '../suite'
import { inside, onPage, see, seeRow, tap, type } from './helpers'

export const tests: WeappTest[] = [
  {
    name: 'scenario: 住户名册 — grid worker 2 sees 5–7栋 only and reveals 6栋302\'s phone with a reason',
    async run({ open }) {
      const { mp } = await open('o_demo_grid_worker_2', 'pages/me/index')
      await tap(mp, '#staff-directory-row')
      await onPage(mp, 'subpackages/staff/pages/directory/index')
      await tap(mp, '#building-c_xuetangpo_b06')
      assert(!mp.page.has('#building-c_xuetangpo_b01'), '1栋 offered to the worker of grid 2')
      // The tenant's row: membership ids are opaque, so the order of a unit's members is not fixed
      // (the owner 何*业 may come first); pick it by unit and masked name, as a person would.
      const row = await seeRow(mp, '.directory-row', '6栋302', '刘*燕')
      const rowText = mp.page.textOf(row)
      assert(rowText.includes('租户') && !rowText.includes('1390731'), `row reads "${rowText}"`)

      await mp.page.tap(inside(mp.page, row, '.btn', '查看电话'))
      await see(mp, '#reveal-sheet')
      await type(mp, '#reveal-reason', '走访')
      await see(mp, '#reveal-sheet .form-error', '至少4个字')
      await type(mp, '#reveal-reason', '上门走访前电话预约')
      await tap(mp, '#reveal-confirm')
      await see(mp, '#reveal-value', '13907310002')
      await see(mp, '#reveal-logged', '已记录')
      await tap(mp, '#reveal-call')
      const call = mp.wxCalls.find((c) => c.api === 'makePhoneCall')
      assert(call && JSON.stringify(call.args).includes('13907310002'), '拨打 did not call wx.makePhoneCall with the number')
    },
  },
]
