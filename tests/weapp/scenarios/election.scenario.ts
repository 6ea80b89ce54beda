/**
 * Issue #12 on the built mini-program: an owner opens the open vote from 首页, reads the rule,
 * votes, gets a 投票码 and verifies it; a tenant opening the same vote gets no ballot (R2.8).
 */
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap, type } from './helpers'

const VOTE = 'subpackages/election/pages/vote/index'

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
]
