/**
 * Issue #9 §7.2 on the weapp build, twin of tests/e2e/scenarios-security.ts: five missed owner
 * verifications (through the cloud, as an attacker would), then the sixth on the join page is told
 * in plain words and goes on without the ID number for staff review; the alert reaches the grid
 * worker's 首页 as 核验异常提醒 and leads back to the review queue.
 */
import { invokeCloud, localCloud } from '../harness/cloud'
import { assert, type WeappTest } from '../suite'
import { ROUTES, onPage, see, tap, type } from './helpers'

const C = 'c_xuetangpo'
/** 2栋304: grid 1 (o_demo_grid_worker); not the unit the H5 twin uses. */
const BUILDING = `${C}_b02`
const UNIT = `${BUILDING}_u304`
const WRONG_ID = (n: number) => `43010419700102${String(100 + n)}X`
const ALERTS = 'subpackages/staff/pages/alerts/index'

export const tests: WeappTest[] = [
  {
    name: 'scenario: security — the 6th owner verification offers staff review; the alert reaches the grid worker',
    async run({ cloud, open, freshOpenid }) {
      const guesser = freshOpenid()
      const as = localCloud(cloud.url, guesser)
      const call = async (name: string, action: string, input: object) => {
        const r = await invokeCloud(as, name, { action, input, meta: { requestId: `setup-${Math.random().toString(36).slice(2)}` } })
        assert(r.ok, `${name}.${action}: ${r.ok ? '' : r.errMsg}`)
        const body = r.result as { ok?: boolean; data?: any; error?: unknown }
        assert(body?.ok, `${name}.${action}: ${JSON.stringify(body?.error)}`)
        return body.data
      }
      await call('user', 'bootstrap', {})
      const { policyVersion } = await call('consent', 'policy', {})
      await call('consent', 'grant', { purposes: ['household'], policyVersion, channel: 'weapp-setup' })
      await call('consent', 'grant', { purposes: ['owner_verification'], policyVersion, channel: 'weapp-setup' })
      for (let i = 0; i < 5; i++) {
        const r = await call('household', 'apply', { communityId: C, buildingId: BUILDING, unitId: UNIT, relation: 'OWNER', realName: '测试业主', adultConfirmed: true, idNumber: WRONG_ID(i) })
        assert(!r.autoApproved, `guess ${i + 1} was approved`)
        await call('household', 'leave', { memberId: r.membership.id })
      }

      const { mp } = await open(guesser, ROUTES.join)
      await tap(mp, '#community-c_xuetangpo')
      await tap(mp, `#building-${BUILDING}`)
      await tap(mp, '#unit-304')
      await tap(mp, '#relation-OWNER')
      await type(mp, '#join-name', '测试业主')
      await tap(mp, '#owner-verify-btn')
      await type(mp, '#join-id-number', WRONG_ID(6))
      await tap(mp, '#join-adult')
      await tap(mp, '#join-submit')
      await see(mp, '#join-verification-limit', '在线核验次数已用完')
      assert(!mp.page.has('#join-id-number'), 'the ID-number field is still offered after the limit')
      await tap(mp, '#join-staff-review')
      await see(mp, '#join-status', '待审核')
      const applies = mp.cloudCalls.filter((c) => c.name === 'household' && c.action === 'apply')
      const last = applies[applies.length - 1]
      assert(applies.length === 2, `household.apply calls: ${applies.length}`)
      assert(!JSON.stringify(last.input).includes('idNumber'), 'the staff-review application still sent the ID number')

      const worker = (await open('o_demo_grid_worker', ROUTES.home)).mp
      await tap(worker, '#work-staff-security-alerts')
      await onPage(worker, ALERTS)
      await see(worker, '.security-alert', '2栋304')
      await tap(worker, '#alerts-to-review')
      await onPage(worker, ROUTES.review)
      await see(worker, '.review-item', '2栋304')
    },
  },
]
