/**
 * Issue #12 on the built mini-program: an owner opens the open vote from 首页, reads the rule,
 * votes, gets a 投票码 and verifies it; a tenant opening the same vote gets no ballot (R2.8);
 * an organiser creates a vote and opens a seeded one, and two staff enter one paper ballot (★).
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap, type } from './helpers'

const VOTE = 'subpackages/election/pages/vote/index'
const MANAGE = 'subpackages/election/pages/manage/index'
const PAPER = 'subpackages/election/pages/paper/index'
const CREATE = 'subpackages/election/pages/create/index'

/** One staff member enters the same paper ballot (5栋2…, 同意, sheet W-001). */
async function enterPaper(open: (persona: string, route: string) => Promise<{ mp: Parameters<typeof tap>[0] }>, persona: string): Promise<Parameters<typeof tap>[0]> {
  const { mp } = await open(persona, `${PAPER}?id=el_xtp_rules`)
  await type(mp, '#paper-unit-search', '5栋2')
  await tap(mp, '#paper-unit-matches .choice')
  await tap(mp, '#paper-YES')
  await type(mp, '#paper-sheet', 'W-001')
  await tap(mp, '#paper-submit')
  return mp
}

export const tests: WeappTest[] = [
  {
    name: 'scenario: election — an owner reads the rule, votes, gets a 投票码 and verifies it',
    async run({ open }) {
      const { mp } = await open('o_demo_owner', ROUTES.home)
      await tap(mp, '#thing-election-open-vote')
      await onPage(mp, VOTE)
      await see(mp, '#election-rule', '三分之二以上')
      await tap(mp, '#ballot-YES')
      await tap(mp, '#ballot-submit')
      const page = await see(mp, '#election-receipt')
      const code = page.textOf('#election-receipt').trim()
      assert(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(code), `投票码 "${code}"`)
      await type(mp, '#verify-code', code)
      await tap(mp, '#verify-submit')
      await see(mp, '#verify-result', '记录一致：同意')
      assert(mp.cloudCalls.some((c) => c.name === 'election' && c.action === 'castBallot'), 'election.castBallot not called')
    },
  },
  {
    name: 'scenario: election — a tenant sees the rule but no ballot',
    async run({ open }) {
      const { mp } = await open('o_demo_resident', `${VOTE}?id=el_xtp_renewal`)
      await see(mp, '#election-rule', '三分之二以上')
      await see(mp, '#election-no-ballot', '只有已核验的业主可以投票')
      assert(!mp.cloudCalls.some((c) => c.name === 'election' && c.action === 'castBallot'), 'a tenant cast a ballot')
    },
  },
  {
    name: 'scenario: election — staff create a vote, open another, and two staff enter one paper ballot',
    async run({ open }) {
      const { mp } = await open('o_demo_committee', CREATE)
      await tap(mp, '#create-matter-7')
      await see(mp, '#create-rule', '四分之三以上通过')
      await type(mp, '#create-title', '改建小区北门')
      await type(mp, '#create-description', '北门改为人车分流，费用由公共收益支出。')
      await tap(mp, '#create-submit')
      await onPage(mp, MANAGE)
      await see(mp, '#manage-steps', '须在投票开始 15 日前公示')
      const { mp: staff } = await open('o_demo_committee', `${MANAGE}?id=el_xtp_rules`)
      await tap(staff, '#staff-step-VOTING_OPEN')
      await see(staff, '#staff-message', '已完成')
      const first = await enterPaper(open, 'o_demo_committee')
      await see(first, '#paper-message', '已录入第一次')
      const second = await enterPaper(open, 'o_demo_rc_staff')
      await see(second, '#paper-message', '已计入')
      await see(second, '#paper-counts', '已计入 1 张')
      assert(second.cloudCalls.some((c) => c.name === 'election' && c.action === 'enterPaperBallot'), 'election.enterPaperBallot not called')
    },
  },
]
