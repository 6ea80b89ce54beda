/**
 * 事件上报 on the weapp build (issue #10, the H5 flow of tests/e2e/scenarios-notices.ts): 陈桂兰
 * (长辈版 on her account: page-meta root-font-size 20px, R6.1) reports a 紧急 gas smell with a photo; before
 * sending, the page says it is not an emergency channel and offers 110/119/120 (wx.makePhoneCall);
 * the grid worker of her grid accepts it; she sees the step in her own list, attributed to 网格员.
 */
import { assert, type WeappTest } from '../suite'
import { makePng } from '../../fixtures/png'
import { onPage, see, tap, type } from './helpers'

const PAGES = {
  report: 'subpackages/incident/pages/report/index',
  list: 'subpackages/incident/pages/list/index',
  detail: 'subpackages/incident/pages/detail/index',
} as const

export const tests: WeappTest[] = [
  {
    name: 'scenario: incidents — a 长辈 reports a 紧急 hazard (110/119/120 offered), the grid worker accepts, she sees the step',
    async run({ open }) {
      const { mp } = await open('o_demo_elder', PAGES.report)
      await mp.until(() => parseFloat(String(mp.page.pageMeta()['root-font-size'] ?? 'NaN')) === 20, '长辈版 root-font-size 20px')
      await tap(mp, '#incident-category-SAFETY')
      await tap(mp, '#incident-at-home')
      await type(mp, '#incident-where', '4栋一楼楼道')
      await type(mp, '#incident-description', '楼道里有很浓的煤气味，担心漏气。')
      // A photo from the album (wx.chooseMedia), uploaded with wx.cloud.uploadFile on 提交.
      mp.device.filePicks.push([{ name: 'gas-pipe.png', content: makePng() }])
      await tap(mp, '.media-tile--add')
      // The first photo she picks asks for the privacy agreement (R5.3), then the album opens.
      await tap(mp, '#agree-btn')
      await see(mp, '.media-tile__img')
      await tap(mp, '#incident-urgent')
      await see(mp, '#emergency-card', '不是紧急救助渠道')
      for (const n of ['110', '119', '120']) await see(mp, `#call-${n}`)
      await tap(mp, '#call-119')
      const call = mp.wxCalls.find((c) => c.api === 'makePhoneCall')
      assert(call && JSON.stringify(call.args).includes('119'), '119 did not call wx.makePhoneCall')
      await tap(mp, '#incident-submit')
      await onPage(mp, PAGES.detail)
      await see(mp, '#incident-history', '已上报')
      const report = mp.cloudCalls.find((c) => c.name === 'incident' && c.result !== undefined && /"inc_/.test(JSON.stringify(c.result)))
      const id = /"(inc_[^"]+)"/.exec(JSON.stringify(report?.result ?? null))?.[1]
      assert(id, `no incident id in the answers: ${mp.cloudCalls.map((c) => `${c.name}.${c.action}`).join(', ')}`)

      const input = JSON.stringify(report?.input ?? null)
      assert(/cloud:\/\/[^"]*media\/incident\//.test(input), `the report carried no uploaded photo: ${input.slice(0, 300)}`)

      const { mp: worker } = await open('o_demo_grid_worker', `${PAGES.detail}?id=${encodeURIComponent(id)}`)
      // The handler sees the photo (a temp URL from wx.cloud.getTempFileURL).
      await see(worker, '.media-tile--view')
      await tap(worker, '#incident-to-ACCEPTED')
      await see(worker, '#incident-history', '已受理')

      const { mp: again } = await open('o_demo_elder', PAGES.list)
      await tap(again, `#incident-${id}`)
      await onPage(again, PAGES.detail)
      await see(again, '#incident-history', '已受理')
      await see(again, '#incident-history', '网格员')
    },
  },
]
