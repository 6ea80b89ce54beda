/**
 * 邻里群 (issue #13) in the H5 build against the seeded community: a 6栋 resident posts (two taps
 * from the group page, the 邻里群与议事 consent asked once on the way), joins the open 接龙 and
 * votes in the poll; an older resident does the same in 长辈版 in 4栋's group, with ≥ 60 px
 * targets (R6.2).
 */
import type { Page } from 'playwright-core'
import { assert, expectMinSize, expectText, visible, type Scenario } from './harness'

const PHONE = { width: 390, height: 844 }
const feedUrl = (baseUrl: string, persona: string, building: string) => `${baseUrl}/?persona=${persona}#/subpackages/group/pages/feed/index?id=grp_c_xuetangpo_${building}`

/** Click, and agree to the purpose's sheet if the server asks for consent first (R4.3). */
async function clickAgreeingOnce(page: Page, selector: string): Promise<void> {
  await visible(page, selector).click()
  const agree = visible(page, '#consent-agree-btn')
  const appeared = await agree.waitFor({ timeout: 4_000 }).then(() => true, () => false)
  if (!appeared) return
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

      const join = visible(page, '[id^="chain-join-"]').first()
      await join.scrollIntoViewIfNeeded()
      await visible(page, '[id^="chain-"][id$="-people"] input').first().fill('2')
      await clickAgreeingOnce(page, '[id^="chain-join-"]')
      await visible(page, '[id^="chain-leave-"]').first().waitFor({ timeout: 15_000 })
      await expectText(page, '.post-card__chain', '3/20')

      const option = visible(page, '[id^="poll-"][id$="-o1"]').first()
      await option.scrollIntoViewIfNeeded()
      await option.click()
      await clickAgreeingOnce(page, '[id^="poll-vote-"]')
      await expectText(page, '.post-card__poll', '共 3 人投票', 15_000)
      await shot('chain-and-poll')
      // The held seed post is the author's alone: a neighbour never sees it (R5.8).
      const body = (await page.textContent('#group-feed-page')) ?? ''
      assert(!body.includes('有闲置家具的可以加微信联系我'), 'a held post reached a neighbour')
    },
  },
  {
    name: '邻里群: 长辈版 — an older resident posts in two taps, targets ≥ 60 px',
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
    },
  },
]
