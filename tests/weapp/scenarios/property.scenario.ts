/**
 * Property services on the weapp build (issue #14, the H5 flow of tests/e2e/scenarios-property.ts):
 * 刘晓燕 reports a repair with a photo (chooseMedia behind the platform privacy agreement, then
 * wx.cloud.uploadFile) and a call-back (granting 物业服务 in the consent sheet), property
 * staff accept, assign, start and complete it in the queue, she confirms and rates it, and the
 * scorecard counts one more repair rating.
 */
import { assert, type WeappTest } from '../suite'
import { makePng } from '../../fixtures/png'
import { onPage, see, tap, type } from './helpers'

const PAGES = {
  repairs: 'subpackages/property/pages/repairs/index',
  queue: 'subpackages/property/pages/queue/index',
  scorecard: 'subpackages/property/pages/scorecard/index',
} as const

export const tests: WeappTest[] = [
  {
    name: 'scenario: property — a resident reports a repair, staff accept and complete it, she confirms and rates it, the scorecard counts it',
    async run({ open }) {
      const { mp } = await open('o_demo_resident', PAGES.repairs)
      await see(mp, '#repair-form')
      await tap(mp, '#cat-WATER_ELECTRIC')
      await type(mp, '#repair-description', '卫生间的水管接头漏水，地上一直有水')
      await tap(mp, '#repair-callback')
      mp.device.filePicks.push([{ name: 'leak.png', content: makePng() }])
      await tap(mp, '添加图片')
      // A fresh phone is asked for the platform agreement before the picker opens (R5.3).
      await mp.until(() => mp.page.has('#privacy-popup') || mp.page.has('.media-tile__img'), 'the privacy popup or the picked photo')
      if (mp.page.has('#privacy-popup')) await tap(mp, '#agree-btn')
      await see(mp, '.media-tile__img')
      await tap(mp, '#repair-submit')
      // The first repair asks for 物业服务 (the property company is a separate processor, R4.14).
      await see(mp, '#consent-sheet')
      await tap(mp, '#consent-tick')
      await tap(mp, '#consent-agree-btn')
      await see(mp, '#repairs-note', '已提交')
      const created = mp.cloudCalls.filter((c) => c.name === 'repair' && c.action === 'create')
      const id = /"(rp_[0-9a-f]+)"/.exec(JSON.stringify(created.map((c) => c.result)))?.[1]
      assert(id, `no repair id in repair.create's answers: ${JSON.stringify(created)}`)
      assert(JSON.stringify(created[0].input).includes('"callbackRequested":true'), 'the call-back tick did not reach repair.create')
      const photos = (created[0].input as { photos: string[] }).photos
      assert(photos.length === 1 && photos[0].startsWith('cloud://'), `the photo was not uploaded first: ${JSON.stringify(photos)}`)
      const ratingsBefore = (await scorecardRatings(open))

      const { mp: staff } = await open('o_demo_property_staff', PAGES.queue)
      await tap(staff, `#accept-${id}`)
      await type(staff, `#assign-who-${id}`, '水电工 李师傅')
      await tap(staff, `#assign-${id}`)
      await tap(staff, `#start-${id}`)
      await tap(staff, `#detail-${id}`)
      await see(staff, `#staff-repair-${id} .media-tile__img`)
      await tap(staff, `#complete-${id}`)
      await see(staff, '#queue-note', '维修完成')
      const steps = staff.cloudCalls.filter((c) => c.name === 'repair' && c.action === 'transition').map((c) => (c.input as { action: string }).action)
      assert(JSON.stringify(steps) === JSON.stringify(['accept', 'assign', 'start', 'complete']), `staff steps ${steps.join(', ')}`)

      const { mp: again } = await open('o_demo_resident', PAGES.repairs)
      await onPage(again, PAGES.repairs)
      await tap(again, `#open-${id}`)
      await see(again, '#repair-timeline', '待确认')
      await tap(again, '#repair-confirm')
      await tap(again, '#repair-score-4')
      await tap(again, '#repair-rate-submit')
      await see(again, '#repair-rated', '您的评价：4分')
      assert((await scorecardRatings(open)) === ratingsBefore + 1, 'the scorecard did not count the rating')
    },
  },
]

/** The number of repair ratings behind this month's figure, as the 物业评分 page shows it in brackets. */
async function scorecardRatings(open: Parameters<WeappTest['run']>[0]['open']): Promise<number> {
  const { mp } = await open('o_demo_owner', PAGES.scorecard)
  await see(mp, '#score-repair-rating')
  const m = /（(\d+)）/.exec(mp.page.textOf('#score-repair-rating'))
  assert(m, `no count in ${mp.page.textOf('#score-repair-rating')}`)
  return Number(m[1])
}
