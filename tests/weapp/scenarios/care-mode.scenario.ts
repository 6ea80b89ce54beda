/**
 * 长辈版 on the weapp build (R6.1, R6.2): the page's <page-meta root-font-size> is what enlarges
 * every rem-sized text and target in WeChat, so it is checked at the data boundary here (the H5
 * tests measure the pixels). A phone with a large WeChat font gets the suggestion sheet
 * (getAppBaseInfo), never a forced switch.
 */
import { Device } from '../harness'
import { assert, type WeappTest } from '../suite'
import { ROUTES, see, tap } from './helpers'

const rootPx = (meta: Record<string, unknown>) => parseFloat(String(meta['root-font-size'] ?? 'NaN'))

export const tests: WeappTest[] = [
  {
    name: 'scenario: 长辈版 — the switch sets page-meta root-font-size 20px; a large WeChat font is offered it',
    async run({ open, freshOpenid }) {
      const { mp } = await open('o_demo_resident', ROUTES.me)
      const before = rootPx(mp.page.pageMeta())
      assert(before === 16, `root font before: ${before}px, expected 16`)
      await tap(mp, '#care-toggle')
      await mp.until(() => rootPx(mp.page.pageMeta()) === 20, 'root-font-size 20px')
      await tap(mp, '#care-settings-row')
      await mp.until(() => rootPx(mp.page.pageMeta()) === 20, 'the next page in 长辈版 too')

      // WeChat font 23 px (≥ 22 counts as large): the root follows it upwards, 长辈版 is suggested, not forced.
      const { mp: elder } = await open(freshOpenid(), ROUTES.home, { device: new Device({ fontSizeSetting: 23, fontSizeScaleFactor: 1.4 }) })
      await see(elder, '#care-suggestion')
      assert(rootPx(elder.page.pageMeta()) === 23, `root font ${rootPx(elder.page.pageMeta())}px, expected to follow WeChat's 23px`)
      assert(!elder.page.has('.page--care'), '长辈版 switched on by itself')
      await tap(elder, '#care-suggestion-accept')
      await see(elder, '.page--care')
      assert(!elder.page.has('#care-suggestion'), 'the suggestion is still open')
      assert(rootPx(elder.page.pageMeta()) >= 20, 'root font below the 长辈版 floor')
    },
  },
]
