/**
 * Issue #9 §7.2 on the H5 client against the seeded demo community: after five missed owner
 * verifications (made through the API, as an attacker would), the sixth try on the join page is
 * told in plain words and goes on without the ID number for staff review — never stuck; the alert
 * the limit raised reaches the grid worker's 首页 as a work item, lists the unit on 核验异常提醒,
 * and leads back to the review queue, where the staff-review application waits. In 长辈版 too.
 */
import type { Page } from 'playwright-core'
import { assert, expectText, visible, type Scenario } from './harness'
import { expectCareSizes, freshOpenid, ME, open, turnOnCareMode } from './scenarios'

const PHONE = { width: 390, height: 844 }
const JOIN = '#/subpackages/onboarding/pages/join/index'
const HOME = '#/pages/home/index'
const C = 'c_xuetangpo'
/** 2栋303: grid 1 (周敏, o_demo_grid_worker), a generated owner no other scenario verifies. */
const BUILDING = `${C}_b02`
const UNIT = `${BUILDING}_u303`
const WRONG_ID = (n: number) => `43010419700101${String(100 + n)}X`

/** One cloud call as `openid`, the way the H5 client sends it; returns the envelope. */
async function call(page: Page, baseUrl: string, openid: string, fn: string, action: string, input: object): Promise<{ ok: boolean; data?: any; error?: any }> {
  const res = await page.request.post(`${baseUrl}/functions/${fn}`, {
    headers: { 'X-Dev-Openid': openid },
    data: { action, input, meta: { requestId: `e2e-${Math.random().toString(36).slice(2)}` } },
  })
  return res.json()
}
async function ok(page: Page, baseUrl: string, openid: string, fn: string, action: string, input: object): Promise<any> {
  const body = await call(page, baseUrl, openid, fn, action, input)
  assert(body.ok, `${fn}.${action}: ${JSON.stringify(body.error)}`)
  return body.data
}

/** Guess, leave, guess again — five misses: the person's limit for the day (and an alert for grid 1). */
async function fiveMisses(page: Page, baseUrl: string, openid: string): Promise<void> {
  await ok(page, baseUrl, openid, 'user', 'bootstrap', {})
  const { policyVersion } = await ok(page, baseUrl, openid, 'consent', 'policy', {})
  await ok(page, baseUrl, openid, 'consent', 'grant', { purposes: ['household'], policyVersion, channel: 'e2e-setup' })
  await ok(page, baseUrl, openid, 'consent', 'grant', { purposes: ['owner_verification'], policyVersion, channel: 'e2e-setup' })
  for (let i = 0; i < 5; i++) {
    const r = await ok(page, baseUrl, openid, 'household', 'apply', { communityId: C, buildingId: BUILDING, unitId: UNIT, relation: 'OWNER', realName: '测试业主', adultConfirmed: true, idNumber: WRONG_ID(i) })
    assert(!r.autoApproved, `guess ${i + 1} was approved`)
    await ok(page, baseUrl, openid, 'household', 'leave', { memberId: r.membership.id })
  }
}

export const securityScenarios: Scenario[] = [
  {
    name: 'security: the 6th owner verification is told plainly and goes to staff review; the alert reaches the grid worker',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      const guesser = freshOpenid()
      await fiveMisses(page, baseUrl, guesser)

      // The sixth try, on the join page, in 长辈版.
      await open(page, baseUrl, guesser, ME)
      await visible(page, '#profile-card').waitFor({ timeout: 15_000 })
      await turnOnCareMode(page)
      await page.evaluate((hash) => (location.hash = hash), JOIN)
      await visible(page, '#community-c_xuetangpo').click({ timeout: 15_000 })
      await visible(page, `#building-${BUILDING}`).click({ timeout: 10_000 })
      await visible(page, '#unit-303').click({ timeout: 10_000 })
      await visible(page, '#relation-OWNER').click()
      await visible(page, '#join-name input').fill('测试业主')
      await visible(page, '#owner-verify-btn').click({ timeout: 10_000 })
      await visible(page, '#join-id-number input').fill(WRONG_ID(6))
      await visible(page, '#join-adult').click()
      await visible(page, '#join-submit').click()

      await visible(page, '#join-verification-limit').waitFor({ timeout: 15_000 })
      await expectText(page, '#join-verification-limit', '在线核验次数已用完')
      await expectText(page, '#join-verification-limit', '不填身份证号提交')
      assert((await visible(page, '#join-id-number').count()) === 0, 'the ID-number field is still offered after the limit')
      await expectCareSizes(page, ['#join-staff-review'])
      await shot('limit-care')

      await visible(page, '#join-staff-review').click()
      await expectText(page, '#join-status', '待审核', 15_000)
      await shot('filed-for-review')

      // The grid worker of grid 1: 核验异常提醒 on 首页, a tap away.
      await open(page, baseUrl, 'o_demo_grid_worker', HOME)
      const item = visible(page, '#work-staff-security-alerts')
      await item.waitFor({ timeout: 15_000 })
      await expectText(page, '#work-staff-security-alerts', '核验异常提醒')
      await shot('grid-worker-home')
      await item.click()
      const alert = visible(page, '.security-alert').filter({ hasText: '2栋303' })
      await alert.first().waitFor({ timeout: 15_000 })
      assert(!((await alert.first().textContent()) ?? '').includes(guesser), 'the alert names the person')
      await shot('alerts')

      // Back to the review queue, where the staff-review application of 2栋303 waits.
      await visible(page, '#alerts-to-review').click()
      await visible(page, '.review-item').filter({ hasText: '2栋303' }).first().waitFor({ timeout: 15_000 })
    },
  },
  {
    name: 'security: another grid\'s worker does not see the alert (R7.2)',
    async run({ page, baseUrl }) {
      // Grid 2 (5–7栋): the alerts page answers, and 2栋303 is not on it.
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, 'o_demo_grid_worker_2', '#/subpackages/staff/pages/alerts/index')
      await visible(page, '#alerts-to-review').waitFor({ timeout: 15_000 })
      await page.waitForFunction(() => !!document.querySelector('#alerts-empty, .security-alert'), null, { timeout: 15_000 })
      assert((await visible(page, '.security-alert').filter({ hasText: '2栋303' }).count()) === 0, 'grid 2 sees grid 1\'s alert')
    },
  },
]
