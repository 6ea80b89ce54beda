/**
 * Issue #12 in the H5 build against the seeded 学堂坡社区: an owner finds the open vote on 首页,
 * reads the rule in plain words, votes, gets a 投票码 and verifies it (also in 长辈版); a tenant sees
 * the vote and its rule but no ballot (R2.8); the finished decision recounts from its public file.
 * Organisers: create (from a group post) → publicise the roster → an owner objects and stands →
 * answer, approve, publicise → opening refused before 15 days; open a seeded vote → two staff enter
 * one paper ballot → counted; publish a closed vote's result; the staff pages in 长辈版.
 */
import type { Page } from 'playwright-core'
import { assert, expectMinSize, expectText, pickPngs, visible, type Scenario } from './harness'
import { call } from './scenarios-portal'

const PHONE = { width: 390, height: 844 }
const VOTE = (id: string) => `#/subpackages/election/pages/vote/index?id=${id}`
const CREATE = '#/subpackages/election/pages/create/index'
const MANAGE = '#/subpackages/election/pages/manage/index'
const ROSTER = '#/subpackages/election/pages/roster/index'
const NOMINATE = '#/subpackages/election/pages/nominate/index'
const PAPER = '#/subpackages/election/pages/paper/index'

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
      await thing.waitFor({ timeout: 45_000 })
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
      await visible(page, '#election-rule').waitFor({ timeout: 45_000 })
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
      await visible(page, '#election-rule').waitFor({ timeout: 45_000 })
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
      await visible(page, '#election-results').waitFor({ timeout: 45_000 })
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
      await visible(page, '#election-organiser').waitFor({ timeout: 45_000 })
      await expectText(page, '#election-candidates', '钱伟')
      await visible(page, '#election-manage-go').click()
      await visible(page, '#manage-steps').waitFor({ timeout: 15_000 })
      await expectText(page, '#manage-steps', '起可以开始投票')
      await visible(page, '#staff-step-VOTING_OPEN').click()
      await expectText(page, '#staff-message', '公示期未满')
      await shot('staff')
    },
  },
  {
    name: 'election: staff create a committee election, publicise the roster, an owner stands, the list is approved and publicised',
    async run({ page, baseUrl, shot }) {
      // Create from a neighbourhood discussion: the title is prefilled and the origin shown.
      await open(page, baseUrl, 'o_demo_committee', `${CREATE}?originKind=post&originId=p_demo_1&title=${encodeURIComponent('选举第二届业主委员会')}`)
      await visible(page, '#create-origin').waitFor({ timeout: 45_000 })
      await expectText(page, '#create-origin', '来自邻里讨论')
      await visible(page, '#create-kind-ELECTION').click()
      await visible(page, '#create-seats-5').click()
      await expectText(page, '#create-rule', '民法典第278条第3项')
      await visible(page, '#create-description textarea').fill('选举委员5名，任期五年。')
      await shot('create')
      await visible(page, '#create-submit').click()
      await visible(page, '#manage-steps').waitFor({ timeout: 45_000 })
      const id = /[?&]id=([^&]+)/.exec(page.url())?.[1] ?? ''
      assert(id.startsWith('el_'), `manage page for the new vote, got ${page.url()}`)
      await visible(page, '#staff-step-ROSTER_PUBLICIZED').click()
      await expectText(page, '#election-manage-page', '业主名册公示中', 45_000)
      await shot('manage-roster-publicised')

      // An owner reads the roster and stands: the community's conditions, the pledge, then the separate consent.
      await open(page, baseUrl, 'o_demo_owner', VOTE(id))
      await visible(page, '#election-origin').waitFor({ timeout: 45_000 })
      await visible(page, '#election-roster-link').click()
      await visible(page, '#roster-totals').waitFor({ timeout: 15_000 })
      // The snapshot's own head count (earlier scenarios may have verified more owners than the seeds hold).
      const roster = await call(page, baseUrl, 'o_demo_owner', 'election', 'roster', { electionId: id })
      assert(roster.total.heads >= 229, `the roster holds the seeded owners: ${roster.total.heads}`)
      await expectText(page, '#roster-totals', `全体 ${roster.total.heads} 人`)
      await visible(page, '#object-text textarea').fill('3栋502的面积应为120平方米')
      await visible(page, '#object-submit').click()
      await expectText(page, '#roster-objections', '3栋502的面积应为120平方米', 15_000)
      await shot('roster-objection')
      await open(page, baseUrl, 'o_demo_owner', `${NOMINATE}?id=${id}`)
      await visible(page, '#nominate-conditions').waitFor({ timeout: 45_000 })
      await visible(page, '#nominate-statement textarea').fill('退休会计，愿意把维修资金和公共收益的账目每月公开。')
      for (const key of ['FULL_CAPACITY', 'NO_PROPERTY_TIES', 'NO_FEE_ARREARS', 'NOT_DISHONEST_DEBTOR']) await visible(page, `#nominate-cond-${key}`).click()
      await visible(page, '#nominate-pledge').click()
      await shot('nominate')
      await visible(page, '#nominate-submit').click()
      await visible(page, '#consent-sheet').waitFor({ timeout: 15_000 })
      await visible(page, '#consent-tick').click()
      await visible(page, '#consent-agree-btn').click()
      await visible(page, '#election-page').waitFor({ timeout: 45_000 })

      // The organiser answers the objection, approves the nomination and publicises the list.
      await open(page, baseUrl, 'o_demo_committee', `${ROSTER}?id=${id}`)
      await visible(page, '#roster-objections textarea').waitFor({ timeout: 45_000 })
      await visible(page, '#roster-objections textarea').fill('已核对不动产登记簿，面积已更正')
      await visible(page, '#roster-objections .btn').first().click()
      await expectText(page, '#roster-objections', '答复：已核对不动产登记簿', 15_000)
      await open(page, baseUrl, 'o_demo_committee', `${MANAGE}?id=${id}`)
      await expectText(page, '#manage-candidates', '张建国', 45_000)
      await expectText(page, '#manage-candidates', '待审核')
      await shot('manage-review')
      await visible(page, '#manage-candidates .btn-secondary').first().click()
      await expectText(page, '#manage-candidates', '已通过', 15_000)
      await visible(page, '#staff-step-DOCS_PUBLICIZED').click()
      await expectText(page, '#election-manage-page', '表决事项与候选人公示中', 45_000)
      // Voting may not open before the 15 days are over: the server refuses and says why.
      await visible(page, '#staff-step-VOTING_OPEN').click()
      await expectText(page, '#staff-message', '公示期未满')
      await shot('manage-publicised')
    },
  },
  {
    name: 'election: staff open voting, two staff enter one paper ballot, it counts; the organiser publishes a closed vote\'s result',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_committee', `${MANAGE}?id=el_xtp_rules`)
      await visible(page, '#staff-step-VOTING_OPEN').click()
      await expectText(page, '#election-manage-page', '投票中', 45_000)
      const enter = async (persona: string) => {
        await open(page, baseUrl, persona, `${PAPER}?id=el_xtp_rules`)
        await visible(page, '#paper-form').waitFor({ timeout: 45_000 })
        await visible(page, '#paper-unit-search input').fill('5栋2')
        await visible(page, '#paper-unit-matches .choice').first().click()
        await visible(page, '#paper-YES').click()
        await visible(page, '#paper-sheet input').fill('Z-001')
        await visible(page, '#paper-submit').click()
      }
      await enter('o_demo_committee')
      await expectText(page, '#paper-message', '已录入第一次', 15_000)
      await expectText(page, '#paper-counts', '等第二次录入 1 张')
      await shot('paper-first')
      await enter('o_demo_rc_staff')
      await expectText(page, '#paper-message', '已计入', 15_000)
      await expectText(page, '#paper-counts', '已计入 1 张')
      await shot('paper-counted')

      await open(page, baseUrl, 'o_demo_committee', `${MANAGE}?id=el_xtp_cctv`)
      await visible(page, '#staff-step-PRELIM_RESULT').click()
      await expectText(page, '#election-manage-page', '初步结果公示中', 45_000)
      await open(page, baseUrl, 'o_demo_owner', VOTE('el_xtp_cctv'))
      await visible(page, '#election-results').waitFor({ timeout: 45_000 })
      await expectText(page, '#result-passed', '通过')
      await visible(page, '#result-recount').click()
      await expectText(page, '#recount-result', '与公布结果一致')
      await shot('results')
    },
  },
  {
    name: 'election: the organiser pages in 长辈版 keep care-mode sizes',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_committee', '#/pages/me/index')
      const toggle = visible(page, '#care-toggle')
      await toggle.waitFor({ timeout: 15_000 })
      if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click()
      await page.waitForFunction(() => document.documentElement.style.fontSize === '20px')
      await open(page, baseUrl, 'o_demo_committee', `${MANAGE}?id=el_xtp_committee`)
      await visible(page, '#manage-steps').waitFor({ timeout: 45_000 })
      await expectMinSize(page, '#manage-next .btn, #manage-links .list-row', 60)
      await shot('care-manage')
      await open(page, baseUrl, 'o_demo_committee', `${CREATE}`)
      await visible(page, '#create-submit').waitFor({ timeout: 45_000 })
      await expectMinSize(page, '#create-matters .choice, #create-submit', 60)
      await shot('care-create')
      await open(page, baseUrl, 'o_demo_committee', `${PAPER}?id=el_xtp_renewal`)
      await visible(page, '#paper-form').waitFor({ timeout: 45_000 })
      await expectMinSize(page, '#paper-form .choice, #paper-submit', 60)
      await shot('care-paper')
      await open(page, baseUrl, 'o_demo_committee', '#/pages/me/index')
      await visible(page, '#care-toggle').click()
      await page.waitForFunction(() => document.documentElement.style.fontSize === '16px')
    },
  },
  {
    name: 'election: an agent uploads the written authorisation, staff check the photo and approve, the agent votes for the flat',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_resident', VOTE('el_xtp_renewal'))
      await visible(page, '#election-proxy-link').click()
      await visible(page, '#proxy-unit').waitFor({ timeout: 45_000 })
      // 8栋601 (钱伟) has not voted yet: the proxy stays usable.
      await visible(page, '#proxy-building-c_xuetangpo_b08').click()
      await visible(page, '#proxy-door-c_xuetangpo_b08_u601').click()
      await visible(page, '#proxy-owner-name input').fill('钱伟')
      // R5.3: the privacy prompt comes before the picker; agreeing opens it.
      await pickPngs(page, ['authorisation.png'], async () => {
        await page.click('[aria-label="添加图片"]')
        await visible(page, '#agree-btn').click()
      })
      await shot('proxy-register')
      await visible(page, '#proxy-submit').click()
      await expectText(page, '#election-proxy-link', '1 份待审核', 45_000)

      await open(page, baseUrl, 'o_demo_committee', `${MANAGE}?id=el_xtp_renewal`)
      await expectText(page, '#staff-proxies', '待审核', 45_000)
      await visible(page, '#staff-proxies img, #staff-proxies image').first().waitFor({ timeout: 20_000 })
      await shot('proxy-review')
      await visible(page, '#staff-proxies .btn-secondary').first().click()
      await expectText(page, '#staff-proxies', '已通过', 15_000)

      await open(page, baseUrl, 'o_demo_resident', VOTE('el_xtp_renewal'))
      await visible(page, '#proxy-ballot-YES').click()
      await visible(page, '#proxy-ballot-submit').click()
      await expectText(page, '#election-proxy-link', '1 份已代投', 45_000)
      assert((await visible(page, '#proxy-ballot-submit').count()) === 0, 'the used proxy still offers a ballot')
      await shot('proxy-voted')
    },
  },
]
