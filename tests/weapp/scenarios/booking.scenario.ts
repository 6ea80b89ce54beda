/**
 * Booking on the weapp build (issue #11, the H5 flow of tests/e2e/scenarios-booking.ts): a
 * resident opens 预约服务 from the 首页 portal, books the 室内活动室 two days ahead (the rules on
 * the summary before the tap), sees it in 我的预约 with its check-in code; the residents'
 * committee's day sheet lists it with the name masked (R4.9); the resident cancels and the
 * day sheet no longer counts it.
 */
import { addDays, shanghaiDate } from '../../../domain/booking/time'
import { BOOKING_IDS } from '../../../seeds/booking'
import { assert, type WeappTest } from '../suite'
import { ROUTES, inside, onPage, see, seeRow, tap } from './helpers'

const PAGES = {
  list: 'subpackages/booking/pages/list/index',
  day: 'subpackages/booking/pages/day/index',
  mine: 'subpackages/booking/pages/mine/index',
  sheet: 'subpackages/booking/pages/sheet/index',
} as const

export const tests: WeappTest[] = [
  {
    name: 'scenario: booking — a resident books the 活动室 from 首页, sees it in 我的预约 and cancels; the day sheet shows it masked',
    async run({ open }) {
      // Two days ahead, 19:00: far from the 2 h cancellation window whatever the hour of the run.
      const date = addDays(shanghaiDate(new Date()), 2)
      const room = BOOKING_IDS.activityRoom

      const { mp } = await open('o_demo_resident', ROUTES.home)
      await tap(mp, '#portal-entry-booking-list')
      await onPage(mp, PAGES.list)
      await tap(mp, `#resource-${room}`)
      await onPage(mp, PAGES.day)
      await tap(mp, `#day-${date}`)
      await see(mp, '#slot-1900', '可预约')
      await tap(mp, '#slot-1900')
      // The rules are on the summary before the person commits (issue #11).
      await see(mp, '#booking-summary', '每户最多每天1次')
      await tap(mp, '#booking-confirm-confirm')
      await see(mp, '#booking-result', '预约成功')
      const create = mp.cloudCalls.find((c) => c.name === 'booking' && c.action === 'create')
      assert(create && JSON.stringify(create.input).includes(date), `booking.create not called for ${date}`)

      await tap(mp, '#go-mine')
      await onPage(mp, PAGES.mine)
      const booked = await seeRow(mp, '.mine-item', '室内活动室', '已预约')
      assert(mp.page.textOf(booked).includes('签到码'), `我的预约 reads "${mp.page.textOf(booked)}", no check-in code`)

      // The day sheet (booking.manage): the booking listed, the name masked.
      const { mp: staff } = await open('o_demo_rc_staff', PAGES.list)
      await tap(staff, '#booking-sheet-row')
      await onPage(staff, PAGES.sheet)
      await tap(staff, `#sheet-resource-${room}`)
      await tap(staff, `#sheet-day-${date}`)
      await see(staff, '#sheet-summary', '共1条')
      await seeRow(staff, '.sheet-row', '19:00', '刘*燕')
      assert(!staff.page.text().includes('刘晓燕'), 'the full name is on the day sheet')

      // Back to the resident: cancel in 我的预约, after a confirmation.
      await mp.page.tap(inside(mp.page, booked, '.btn', '取消预约'))
      await see(mp, '#cancel-sheet', '取消后名额会自动让给候补的邻居')
      await tap(mp, '#cancel-sheet-confirm')
      await see(mp, '#mine-note', '已取消')
      assert(mp.cloudCalls.some((c) => c.name === 'booking' && c.action === 'cancel'), 'booking.cancel not called')

      // The day sheet, opened again, no longer counts it as booked.
      const { mp: again } = await open('o_demo_rc_staff', PAGES.sheet)
      await tap(again, `#sheet-resource-${room}`)
      await tap(again, `#sheet-day-${date}`)
      await see(again, '#sheet-summary', '共')
      assert(!again.page.all('.sheet-row').some((r) => again.page.textOf(r).includes('刘*燕') && again.page.textOf(r).includes('已预约')), 'the cancelled booking is still 已预约 on the day sheet')
    },
  },
]
