/**
 * Issue #12 in the H5 build against the seeded 学堂坡社区: an owner finds the open vote on 首页,
 * reads the rule in plain words, votes, gets a 投票码 and verifies it (also in 长辈版); a tenant sees
 * the vote and its rule but no ballot (R2.8); the finished decision recounts from its public file.
 */
import type { Page } from 'playwright-core'
import { assert, expectMinSize, expectText, visible, type Scenario } from './harness'

const PHONE = { width: 390, height: 844 }
const VOTE = (id: string) => `#/subpackages/election/pages/vote/index?id=${id}`

async function open(page: Page, baseUrl: string, persona: string, hash: string): Promise<void> {
  await page.setViewportSize(PHONE)
  await page.goto(`${baseUrl}/?persona=${persona}${hash}`)
}

export const electionScenarios: Scenario[] = [
  {
    name: 'election: an owner reads the rule, votes, gets a 投票码 and verifies it',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_owner', '#/pages/home/index')
      // 首页 shows the open vote the owner has not voted in; a tap leads to it.
      const thing = visible(page, '#thing-election-open-vote')
      await thing.waitFor({ timeout: 20_000 })
      await expectText(page, '#thing-election-open-vote', '续聘学堂坡物业服务企业')
      await thing.click()
      await visible(page, '#election-rule').waitFor({ timeout: 15_000 })
      // The rule comes before the ballot, in numbers: heads and area, both needed.
      await expectText(page, '#election-rule', '三分之二以上')
      await expectText(page, '#election-rule', '超过参与表决人数的一半')
      await expectText(page, '#election-turnout', '至少需要')
      const [ruleTop, ballotTop] = await Promise.all(['#election-rule', '#election-ballot'].map((s) => visible(page, s).evaluate((el) => el.getBoundingClientRect().top)))
      assert(ruleTop < ballotTop, 'the ballot comes before the rule')
      await expectMinSize(page, '#election-ballot .choice, #ballot-submit', 44)
      await shot('ballot')
      await visible(page, '#ballot-YES').click()
      await visible(page, '#ballot-submit').click()
      const receipt = visible(page, '#election-receipt')
      await receipt.waitFor({ timeout: 15_000 })
      const code = (await receipt.textContent())?.trim() ?? ''
      assert(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(code), `投票码 "${code}"`)
      await expectText(page, '#election-my-vote', '已投：同意')
      assert((await visible(page, '#election-ballot').count()) === 0, 'the ballot is still offered after voting')
      await visible(page, '#verify-code input').fill(code.toLowerCase())
      await visible(page, '#verify-submit').click()
      await expectText(page, '#verify-result', '记录一致：同意')
      await shot('receipt-verified')
    },
  },
  {
    name: 'election: 长辈版 — the elder reads the rule and votes with large targets',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_elder', VOTE('el_xtp_renewal'))
      await visible(page, '#election-rule').waitFor({ timeout: 20_000 })
      await page.waitForFunction(() => parseFloat(getComputedStyle(document.documentElement).fontSize) >= 19.5, null, { timeout: 10_000 })
      await expectMinSize(page, '#election-ballot .choice, #ballot-submit, #verify-submit', 60)
      await shot('care-ballot')
      await visible(page, '#ballot-NO').click()
      await visible(page, '#ballot-submit').click()
      await visible(page, '#election-receipt').waitFor({ timeout: 15_000 })
      await expectText(page, '#election-my-vote', '已投：反对')
      await shot('care-receipt')
    },
  },
  {
    name: 'election: a tenant sees the vote and its rule, but no ballot',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_resident', VOTE('el_xtp_renewal'))
      await visible(page, '#election-rule').waitFor({ timeout: 20_000 })
      await expectText(page, '#election-no-ballot', '只有已核验的业主可以投票')
      assert((await visible(page, '#election-ballot').count()) === 0, 'a tenant is offered a ballot')
      assert((await visible(page, '#election-turnout').count()) === 0, 'a tenant sees the owners’ turnout')
      await shot('tenant')
    },
  },
  {
    name: 'election: the finished decision recounts from its published ballot file',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_owner', VOTE('el_xtp_elevator_funds'))
      await visible(page, '#election-results').waitFor({ timeout: 20_000 })
      await expectText(page, '#result-passed', '通过')
      await visible(page, '#result-recount').click()
      await expectText(page, '#recount-result', '与公布结果一致')
      await shot('recount')
    },
  },
  {
    name: 'election: the organiser cannot open voting before the 15-day publicity ends',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_committee', VOTE('el_xtp_committee'))
      await visible(page, '#election-staff').waitFor({ timeout: 20_000 })
      await expectText(page, '#election-candidates', '钱伟')
      await visible(page, '#staff-step-VOTING_OPEN').click()
      await expectText(page, '#staff-message', '公示期未满')
      await shot('staff')
    },
  },
]
