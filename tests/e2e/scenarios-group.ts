/**
 * 邻里群 (issue #13) in the H5 build against the seeded community: a 6栋 resident posts (two taps
 * from the group page, the 邻里群与议事 consent asked once on the way), joins the open 接龙 and
 * votes in the poll; an older resident does the same in 长辈版 in 4栋's group (posting, starting
 * and joining a 接龙, starting and voting in a poll), with ≥ 60 px targets (R6.2). Staff pages:
 * 内容审核 (hide a held post with a reason), 建群审核 (approve a proposed group), 议事厅 (schedule an
 * item, carry a decided one out as 你说我办), once in 长辈版.
 */
import type { Page } from 'playwright-core'
import { assert, contrastRatios, expectMinSize, expectText, fontSizes, pickPngs, visible, type Scenario } from './harness'

const PHONE = { width: 390, height: 844 }
const open = (page: Page, baseUrl: string, persona: string, hash: string) => page.goto(`${baseUrl}/?persona=${persona}${hash}`)
const PAGES = '#/subpackages/group/pages'

async function careMode(page: Page, baseUrl: string, persona: string): Promise<void> {
  await open(page, baseUrl, persona, '#/pages/me/index')
  const toggle = visible(page, '#care-toggle')
  await toggle.waitFor({ timeout: 20_000 })
  if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click()
  await page.waitForFunction(() => document.documentElement.style.fontSize === '20px')
}

async function expectCareSizes(page: Page, selectors: string[]): Promise<void> {
  const sizes = await fontSizes(page, '.body-text')
  assert(sizes.length > 0 && sizes.every((s) => s >= 18 - 0.01), `care mode body text ${sizes.join(', ')} px, expected ≥ 18`)
  for (const s of selectors) await expectMinSize(page, s, 60)
  for (const c of await contrastRatios(page, selectors[0])) assert(c.ratio >= 4.5, `"${c.label}": contrast ${c.ratio.toFixed(2)}:1, expected ≥ 4.5:1`)
}
const feedUrl = (baseUrl: string, persona: string, building: string) => `${baseUrl}/?persona=${persona}#/subpackages/group/pages/feed/index?id=grp_c_xuetangpo_${building}`

/**
 * Click, and agree to the purpose's sheet if the server asks for consent first (R4.3). Waits for
 * whichever comes first — the sheet or `done` (what the click leads to) — never a fixed time.
 */
async function clickAgreeingOnce(page: Page, selector: string, done = '#feed-note, #post-note, .form-error'): Promise<void> {
  await visible(page, selector).click()
  const agree = visible(page, '#consent-agree-btn')
  await agree.or(visible(page, done)).first().waitFor({ timeout: 30_000 })
  if (!(await agree.isVisible())) return
  await visible(page, '#consent-tick').click() // an explicit tick first (R4.3: nothing pre-ticked)
  await agree.click()
}

async function postTwoTaps(page: Page, text: string): Promise<void> {
  await visible(page, '#compose-open').click() // tap 1
  await visible(page, '#compose-text textarea').fill(text)
  await clickAgreeingOnce(page, '#compose-submit') // tap 2
  await expectText(page, '#feed-note', '已发布', 15_000)
  await expectText(page, '#group-feed-page', text)
}

export const groupScenarios: Scenario[] = [
  {
    name: '邻里群: a resident posts in two taps, joins the 接龙 and votes in the poll',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await page.goto(feedUrl(baseUrl, 'o_demo_resident', 'b06'))
      await visible(page, '#compose-open').waitFor({ timeout: 20_000 })
      await postTwoTaps(page, '周六上午楼下有义诊，欢迎参加')
      await shot('posted')

      // A post with a photo: the author sees it at once; neighbours once the platform's check passes.
      await visible(page, '#compose-open').click()
      await visible(page, '#compose-text textarea').fill('楼下的桂花开了')
      // A fresh device: the privacy check comes first (R5.3), then the file chooser.
      await pickPngs(page, ['osmanthus.png'], async () => {
        await visible(page, '#compose-photos [aria-label="添加图片"]').click()
        await visible(page, '#privacy-popup #agree-btn').click()
      })
      await visible(page, '#compose-photos .media-tile img, #compose-photos .media-tile__img').first().waitFor({ timeout: 15_000 })
      await visible(page, '#compose-submit').click()
      await expectText(page, '#feed-note', '图片通过安全检查后邻居才能看到', 30_000)
      const photoPost = page.locator('.post-card', { hasText: '楼下的桂花开了' }).first()
      await photoPost.locator('.media-tile--view').first().waitFor({ timeout: 15_000 })
      await shot('posted-photo')

      const join = visible(page, '[id^="chain-join-"]').first()
      await join.scrollIntoViewIfNeeded()
      await visible(page, '[id^="chain-"][id$="-people"] input').first().fill('2')
      await clickAgreeingOnce(page, '[id^="chain-join-"]', '[id^="chain-leave-"], .form-error')
      await visible(page, '[id^="chain-leave-"]').first().waitFor({ timeout: 15_000 })
      await expectText(page, '.post-card__chain', '3/20')

      const option = visible(page, '[id^="poll-"][id$="-o1"]').first()
      await option.scrollIntoViewIfNeeded()
      await option.click()
      await clickAgreeingOnce(page, '[id^="poll-vote-"]', '.post-card__poll .poll-option .body-text, .form-error')
      await expectText(page, '.post-card__poll', '共 3 人投票', 15_000)
      await shot('chain-and-poll')
      // The held seed post is the author's alone: a neighbour never sees it (R5.8).
      const body = (await page.textContent('#group-feed-page')) ?? ''
      assert(!body.includes('有闲置家具的可以加微信联系我'), 'a held post reached a neighbour')
    },
  },
  {
    name: '邻里群: 长辈版 — an older resident posts in two taps, starts and joins a 接龙, votes in a poll; targets ≥ 60 px',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await page.goto(feedUrl(baseUrl, 'o_demo_elder', 'b04'))
      await visible(page, '.page--care #compose-open').waitFor({ timeout: 20_000 })
      await expectMinSize(page, '#compose-open', 60)
      await visible(page, '#compose-open').click()
      await expectMinSize(page, '#compose-card .btn, #compose-card .choice', 60)
      await visible(page, '#compose-text textarea').fill('今天晚上广场舞照常')
      await clickAgreeingOnce(page, '#compose-submit')
      await expectText(page, '#feed-note', '已发布', 15_000)
      await expectText(page, '#group-feed-page', '今天晚上广场舞照常')
      await shot('care-posted')

      // A 接龙 with one field (人数), then the elder signs up to it.
      await visible(page, '#compose-open').click()
      await visible(page, '#mode-chain').click()
      await visible(page, '#compose-text textarea').fill('周六上午一起去社区医院量血压，报名接龙')
      await visible(page, '#compose-field-people').click()
      await visible(page, '#compose-days-3').click()
      await expectMinSize(page, '#compose-card .choice', 60)
      await shot('care-compose-chain')
      await visible(page, '#compose-submit').click()
      await expectText(page, '#feed-note', '已发布', 15_000)
      const chainCard = page.locator('.post-card', { hasText: '量血压' }).first()
      await chainCard.locator('[id$="-people"] input').fill('1')
      await expectMinSize(page, '[id^="chain-join-"]', 60)
      await chainCard.locator('[id^="chain-join-"]').click()
      await chainCard.locator('[id^="chain-leave-"]').waitFor({ timeout: 15_000 })
      await expectText(page, '.post-card__chain', '1/20')

      // A poll, then the elder votes: results show after voting.
      await visible(page, '#compose-open').click()
      await visible(page, '#mode-poll').click()
      await visible(page, '#compose-text textarea').fill('下次活动选哪天？')
      await visible(page, '#compose-option-0 input').fill('周六')
      await visible(page, '#compose-option-1 input').fill('周日')
      await visible(page, '#compose-submit').click()
      await expectText(page, '#feed-note', '已发布', 15_000)
      const pollCard = page.locator('.post-card', { hasText: '下次活动选哪天' }).first()
      await pollCard.locator('[id$="-o2"]').click()
      await expectMinSize(page, '[id^="poll-vote-"]', 60)
      await pollCard.locator('[id^="poll-vote-"]').click()
      await expectText(page, '.post-card__poll', '共 1 人投票', 15_000)
      await expectCareSizes(page, ['#group-feed-page .btn'])
      await shot('care-chain-and-poll')
    },
  },
  {
    name: '邻里群: a resident raises a post to 议事厅 with a summary and sees it submitted',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await page.goto(feedUrl(baseUrl, 'o_demo_resident', 'b06'))
      await visible(page, '#compose-open').waitFor({ timeout: 20_000 })
      await page.locator('.post-card__text', { hasText: '电梯周三上午保养' }).first().click()
      await visible(page, '#post-raise').click()
      await visible(page, '#raise-summary textarea').fill('请物业把电梯保养时间提前一天在群里通知')
      await shot('raise')
      await clickAgreeingOnce(page, '#raise-submit')
      await expectText(page, '#post-note', '已提交议事厅', 15_000)
      await visible(page, '#post-agenda-link').click()
      await expectText(page, '#agenda-page', '请物业把电梯保养时间提前一天在群里通知', 15_000)
      await shot('agenda-submitted')
    },
  },
  {
    name: '邻里群 staff: hide a held post with a reason, approve a proposed group, schedule an agenda item, carry one out as 你说我办',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, 'o_demo_rc_staff', `${PAGES}/moderation/index`)
      const held = page.locator('[id^="queue-"]', { hasText: '有闲置家具的可以加微信联系我' }).first()
      await held.waitFor({ timeout: 20_000 })
      await held.locator('[id$="-preset-1"]').click() // 广告推销
      await shot('moderation')
      await held.locator('[id^="moderate-hide-"]').click()
      await expectText(page, '#moderation-note', '已隐藏', 15_000)
      await page.locator('[id^="queue-"]', { hasText: '有闲置家具的可以加微信联系我' }).waitFor({ state: 'detached', timeout: 15_000 })

      await open(page, baseUrl, 'o_demo_rc_staff', `${PAGES}/review/index`)
      await visible(page, '#proposal-grp_c_xuetangpo_i_calligraphy').waitFor({ timeout: 20_000 })
      await shot('review')
      await visible(page, '#review-approve-grp_c_xuetangpo_i_calligraphy').click()
      await expectText(page, '#review-note', '已通过', 15_000)
      await visible(page, '#managed-grp_c_xuetangpo_i_calligraphy').waitFor({ timeout: 15_000 })

      await open(page, baseUrl, 'o_demo_rc_staff', `${PAGES}/agenda/index`)
      await visible(page, '#agenda-meeting-0-ag_seed_SUBMITTED').click()
      await visible(page, '#agenda-schedule-ag_seed_SUBMITTED').click()
      await expectText(page, '#agenda-status-ag_seed_SUBMITTED', '已排期', 15_000)
      await visible(page, '#agenda-owner-ag_seed_DECIDED input').fill('王主任')
      await visible(page, '#agenda-to-action-ag_seed_DECIDED').click()
      await expectText(page, '#agenda-derived-ag_seed_DECIDED', '你说我办：楼道灯统一更换', 15_000)
      await shot('agenda-staff')
    },
  },
  {
    name: '邻里群 staff: 长辈版 — 内容审核, 建群审核 and 议事厅 meet the care-mode sizes',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await careMode(page, baseUrl, 'o_demo_rc_staff')
      await open(page, baseUrl, 'o_demo_rc_staff', `${PAGES}/agenda/index`)
      await visible(page, '#agenda-staff-ag_seed_SCHEDULED').waitFor({ timeout: 20_000 })
      await expectCareSizes(page, ['#agenda-staff-ag_seed_SCHEDULED .btn', '#agenda-staff-ag_seed_SCHEDULED .choice'])
      await shot('care-agenda')
      await open(page, baseUrl, 'o_demo_rc_staff', `${PAGES}/review/index`)
      await visible(page, '#group-review-page').waitFor({ timeout: 20_000 })
      await shot('care-review')
      await open(page, baseUrl, 'o_demo_rc_staff', `${PAGES}/moderation/index`)
      await visible(page, '#moderation-page').waitFor({ timeout: 20_000 })
      const first = page.locator('[id^="queue-"]').first()
      if (await first.count()) await expectCareSizes(page, ['#moderation-page .btn', '#moderation-page .choice'])
      await shot('care-moderation')
    },
  },
]
