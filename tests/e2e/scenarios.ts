/**
 * What a person does in the H5 build against a seeded local cloud (demo community 学堂坡社区).
 * Sizes and contrast follow domain-rules.md §6: care mode body text ≥ 18 px, primary buttons and
 * list rows ≥ 60×60 px (≥ 44×44 otherwise), line height ≥ 1.3, text contrast ≥ 4.5:1.
 */
import type { Page } from 'playwright-core'
import {
  assert,
  contrastRatios,
  expectMinSize,
  expectText,
  fontSizes,
  lineHeightRatios,
  visible,
  type Scenario,
} from './harness'

const HOME = '#/pages/home/index'
const ME = '#/pages/me/index'

const open = (page: Page, baseUrl: string, persona: string, hash = HOME, extraQuery = '') =>
  page.goto(`${baseUrl}/?persona=${persona}${extraQuery}${hash}`)

async function tapTab(page: Page, label: '首页' | '通知' | '我的'): Promise<void> {
  await page.locator('.weui-tabbar__item:visible').filter({ hasText: label }).first().click()
}

async function expectAllAtLeast(page: Page, selector: string, minPx: number): Promise<void> {
  const sizes = await fontSizes(page, selector)
  assert(sizes.length > 0, `no visible ${selector}`)
  const small = sizes.filter((s) => s < minPx - 0.01)
  assert(small.length === 0, `${selector}: font sizes ${sizes.join(', ')} px, expected ≥ ${minPx}`)
}

async function expectLineHeights(page: Page, selector: string): Promise<void> {
  const ratios = await lineHeightRatios(page, selector)
  const tight = ratios.filter((r) => r < 1.3 - 0.01)
  assert(tight.length === 0, `${selector}: line-height ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}, expected ≥ 1.3`)
}

async function expectContrast(page: Page, selector: string): Promise<void> {
  for (const c of await contrastRatios(page, selector)) {
    assert(c.ratio >= 4.5, `${selector} "${c.label}": contrast ${c.ratio.toFixed(2)}:1 (${c.fg} on ${c.bg}), expected ≥ 4.5:1`)
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'resident sees the demo community on the home page',
    async run({ page, baseUrl }) {
      await open(page, baseUrl, 'o_demo_resident')
      await expectText(page, '#community-name', '学堂坡社区')
      await expectText(page, '.role-tag', '居民')
    },
  },
  {
    name: 'switching persona in the dev switcher re-bootstraps as 网格员',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_resident')
      await expectText(page, '#community-name', '学堂坡社区')
      await tapTab(page, '我的')
      await visible(page, '#persona-row').click()
      await visible(page, '#persona-o_demo_grid_worker').waitFor({ timeout: 10_000 })
      await shot('switcher')
      await visible(page, '#persona-o_demo_grid_worker').click()
      await expectText(page, '.role-tag', '网格员')
      const stored = await page.evaluate(() => localStorage.getItem('linli.dev.openid'))
      assert(stored?.includes('o_demo_grid_worker'), `stored persona is ${stored}`)
    },
  },
  {
    name: 'care mode (长辈版) enlarges text and targets; normal mode meets 44 px',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_resident', ME)
      await expectText(page, '#profile-card', '学堂坡社区')
      // Normal mode.
      await expectMinSize(page, '.list-row', 44)
      await expectAllAtLeast(page, '.body-text', 16)
      await shot('normal')

      await visible(page, '#care-toggle').click()
      await page.waitForFunction(() => document.documentElement.style.fontSize === '20px')
      const checked = await visible(page, '#care-toggle').getAttribute('aria-checked')
      assert(checked === 'true', `care toggle aria-checked=${checked}`)
      await expectAllAtLeast(page, '.body-text', 18)
      await expectAllAtLeast(page, '.caption', 18)
      await expectAllAtLeast(page, '.heading', 30)
      await expectLineHeights(page, '.body-text, .caption, .title, .heading')
      await expectMinSize(page, '.list-row', 60)
      await expectAllAtLeast(page, '.weui-tabbar__label', 18)
      await shot('care-me')

      // A primary button, on the 长辈版 settings page.
      await visible(page, '#care-settings-row').click()
      await visible(page, '#care-preview-btn').waitFor()
      await expectMinSize(page, '.btn-primary', 60)
      await expectAllAtLeast(page, '.body-text', 18)
      await shot('care-settings')

      // The choice survives a reload.
      await page.reload()
      await page.waitForFunction(() => document.documentElement.style.fontSize === '20px')
    },
  },
  {
    name: 'text contrast is at least 4.5:1 (normal and care mode)',
    async run({ page, baseUrl }) {
      await open(page, baseUrl, 'o_demo_owner', ME)
      await expectText(page, '#profile-card', '学堂坡社区')
      const textSelectors = '.body-text, .caption, .title, .heading, .tag, .weui-tabbar__label'
      await expectContrast(page, textSelectors)
      await visible(page, '#care-settings-row').click()
      await visible(page, '#care-preview-btn').waitFor()
      await expectContrast(page, `${textSelectors}, .btn-primary`)
    },
  },
  {
    name: 'newcomer gets the 加入社区 empty state with a large enough button',
    async run({ page, baseUrl }) {
      await open(page, baseUrl, 'o_demo_newcomer')
      await visible(page, '#join-empty').waitFor({ timeout: 10_000 })
      await expectText(page, '#join-btn', '加入社区')
      await expectMinSize(page, '.btn-primary', 44)
    },
  },
  {
    name: 'a large font (?care=1) suggests 长辈版 and accepting turns it on',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_newcomer', HOME, '&care=1')
      await visible(page, '#care-suggestion').waitFor({ timeout: 10_000 })
      await shot('suggestion')
      await expectMinSize(page, '#care-suggestion .btn-primary', 44)
      await visible(page, '#care-suggestion-accept').click()
      await visible(page, '.page--care').waitFor()
      // The simulated WeChat font (23.8 px) is larger than the care floor (20 px): the app follows it.
      const rootPx = await page.evaluate(() => parseFloat(document.documentElement.style.fontSize))
      assert(rootPx >= 20, `root font ${rootPx}px, expected ≥ 20`)
      await expectAllAtLeast(page, '.body-text', 18)
      assert((await visible(page, '#care-suggestion').count()) === 0, 'suggestion still open')
      const saved = await page.evaluate(() => localStorage.getItem('linli.careMode'))
      assert(saved?.includes('1'), `care mode not saved (${saved})`)
    },
  },
  {
    name: 'privacy popup: refusing rejects and stays quiet, agreeing is remembered',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_resident', '#/subpackages/settings/pages/privacy/index')
      await visible(page, '.purpose-card').first().waitFor({ timeout: 10_000 })
      await visible(page, '#privacy-check-btn').click()
      await visible(page, '#privacy-popup').waitFor()
      await expectText(page, '#privacy-popup', '《邻里小程序隐私保护指引》')
      await shot('popup')
      await visible(page, '#disagree-btn').click()
      assert((await visible(page, '#privacy-popup').count()) === 0, 'popup still open after 不同意')
      // Within 10 s of a refusal no popup is shown again.
      await visible(page, '#privacy-check-btn').click()
      await page.waitForTimeout(300)
      assert((await visible(page, '#privacy-popup').count()) === 0, 'popup re-opened within 10 s of a refusal')
      await page.waitForTimeout(10_000)
      await visible(page, '#privacy-check-btn').click()
      await visible(page, '#agree-btn').click()
      const agreed = await page.evaluate(() => localStorage.getItem('linli.privacy.agreed'))
      assert(agreed?.includes('1'), `agreement not stored (${agreed})`)
    },
  },
]
