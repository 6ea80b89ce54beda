/**
 * Surveys in the H5 build (issue #15): RC staff publish the field study template, three residents
 * answer it step by step (one in 长辈版, each granting 问卷调查 in the consent sheet on submit),
 * and the staff results page shows the chart with the small cells suppressed; the seeded survey's
 * chart has real bars; the dashboard shows figures beside the study's baseline.
 */
import type { Page } from 'playwright-core'
import { assert, expectMinSize, expectText, pageSettled, visible, type Scenario } from './harness'

const SURVEY = '#/subpackages/survey/pages'
const PHONE = { width: 390, height: 844 }

async function open(page: Page, baseUrl: string, persona: string, path: string, ready: string): Promise<void> {
  await page.setViewportSize(PHONE)
  await page.goto(`${baseUrl}/?persona=${persona}${SURVEY}/${path}`)
  await visible(page, ready).first().waitFor({ timeout: 20_000 })
  await pageSettled(page)
}

/** Answer every step: the first choice of each matrix row, else the first choice; text is optional. */
async function answerAll(page: Page): Promise<number> {
  await visible(page, '#survey-start').click()
  let steps = 0
  for (;;) {
    await visible(page, '#survey-question-title').waitFor()
    const rows = visible(page, '.matrix-row')
    const n = await rows.count()
    if (n) for (let i = 0; i < n; i++) await rows.nth(i).locator('.choice').first().click()
    else if (await visible(page, '.choice').count()) await visible(page, '.choice').first().click()
    const next = visible(page, '#survey-next')
    const last = (await next.textContent())?.includes('提交')
    await next.click()
    steps++
    if (last) break
  }
  await visible(page, '#survey-submit').click()
  // First survey of this persona: the 问卷调查 consent is asked, then the call is retried.
  const sheet = visible(page, '#consent-sheet')
  await Promise.race([sheet.waitFor({ timeout: 15_000 }), visible(page, '#survey-thanks-text').waitFor({ timeout: 15_000 })])
  if (await sheet.count()) {
    await visible(page, '#consent-tick').click()
    await visible(page, '#consent-agree-btn').click()
  }
  await expectText(page, '#survey-thanks-text', '匿名保存', 20_000)
  return steps
}

/** One cloud call as `openid`, the way the H5 client sends it (POST /functions/<name>, X-Dev-Openid). */
async function call(page: Page, baseUrl: string, openid: string, fn: string, action: string, input: object): Promise<any> {
  const res = await page.request.post(`${baseUrl}/functions/${fn}`, { headers: { 'X-Dev-Openid': openid }, data: { action, input, meta: { requestId: `e2e-${Math.random().toString(36).slice(2)}` } } })
  const body = await res.json()
  assert(body.ok, `${fn}.${action}: ${JSON.stringify(body.error)}`)
  return body.data
}

const STAFF = 'o_demo_rc_staff'
const C = 'c_xuetangpo'

export const surveyScenarios: Scenario[] = [
  {
    name: 'survey: staff publish the field study template, three residents answer it, the chart shows',
    async run({ page, baseUrl, shot }) {
      // Enabled once the session (and so the community) has loaded.
      await open(page, baseUrl, 'o_demo_rc_staff', 'builder/index', '#survey-use-template:not([aria-disabled="true"])')
      await visible(page, '#survey-use-template').click()
      await visible(page, '#survey-publish').waitFor({ timeout: 20_000 })
      const surveyId = decodeURIComponent(new URL(page.url().replace('#/', '')).searchParams.get('id') ?? page.url().split('id=')[1] ?? '')
      assert(surveyId.startsWith('sv_'), `no survey id in ${page.url()}`)
      await visible(page, '#survey-publish').click()
      await expectText(page, '#survey-note', '已发布')
      await shot('survey-published')

      for (const persona of ['o_demo_resident', 'o_demo_owner', 'o_demo_elder']) {
        await open(page, baseUrl, persona, `answer/index?id=${encodeURIComponent(surveyId)}`, '#survey-start')
        if (persona === 'o_demo_elder') {
          // 长辈版: every choice is a ≥ 60 px target (R6.2).
          await visible(page, '#survey-start').click()
          await expectMinSize(page, '.choice', 60)
          await shot('survey-answer-elder')
          await page.reload()
          await visible(page, '#survey-start').waitFor({ timeout: 20_000 })
        }
        const steps = await answerAll(page)
        assert(steps === 15, `${persona} answered ${steps} steps, the template has 15`)
      }

      await open(page, baseUrl, 'o_demo_rc_staff', `results/index?id=${encodeURIComponent(surveyId)}`, '#survey-respondents')
      await expectText(page, '#survey-respondents', '共3份答卷')
      const bars = await visible(page, '#chart-q_platform .bar-row').count()
      assert(bars === 2, `q_platform chart has ${bars} bars`)
      // Three answers: every non-empty cell describes fewer than 5 people and is suppressed.
      await expectText(page, '#chart-q_platform', '少于5人')
      await shot('survey-results-three')

      await open(page, baseUrl, 'o_demo_rc_staff', 'results/index?id=sv_seed_baseline', '#survey-respondents')
      await expectText(page, '#survey-respondents', '共42份答卷')
      const widths = await visible(page, '#chart-q_security .bar-row__fill').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width))
      assert(widths.some((w) => w > 10), `seeded chart bars have widths ${widths.join(', ')}`)
      await expectText(page, '#chart-q_type-village', '少于5人')
      await shot('survey-results-seeded')
    },
  },
  {
    name: 'survey: the dashboard shows figures beside the field study after a refresh',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_rc_staff', 'dashboard/index', '#dashboard-refresh')
      await visible(page, '#dashboard-refresh').click()
      await visible(page, '#figure-platform_use_households').waitFor({ timeout: 20_000 })
      await expectText(page, '#figure-platform_use_households', '41.7%')
      await expectText(page, '#figure-survey_security_worry', '56.6%')
      // Features in use now show their figures; one not in use here says so instead of 0.
      await shot('dashboard')
      await visible(page, '#figure-groups_per_resident').scrollIntoViewIfNeeded()
      await shot('dashboard-features')
      await visible(page, '#figure-incident_resolution').scrollIntoViewIfNeeded()
      await shot('dashboard-services')
    },
  },
  {
    name: 'survey: a held free-text answer is reviewed and released, then shown in the results',
    async run({ page, baseUrl, shot }) {
      const now = Date.now()
      const { surveyId } = await call(page, baseUrl, STAFF, 'survey', 'create', {
        communityId: C,
        title: '楼道停车意见（e2e）',
        questions: [{ id: 'q1', kind: 'text', title: '您对电动车停放有什么建议？' }],
        anonymous: true,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 7 * 86400e3).toISOString(),
      })
      await call(page, baseUrl, STAFF, 'survey', 'publish', { surveyId, communityId: C })
      const { policyVersion } = await call(page, baseUrl, 'o_demo_resident', 'consent', 'policy', {})
      await call(page, baseUrl, 'o_demo_resident', 'consent', 'grant', { purposes: ['survey'], policyVersion, channel: 'e2e-setup' })
      // The local msgSecCheck holds contact details for review.
      const r = await call(page, baseUrl, 'o_demo_resident', 'survey', 'respond', { surveyId, answers: { q1: '建议集中充电，有事加微信联系' } })
      assert(r.held === 1, `held ${r.held}`)

      await open(page, baseUrl, STAFF, `results/index?id=${encodeURIComponent(surveyId)}`, '#survey-respondents')
      await expectText(page, '#result-q1', '待审核')
      await visible(page, '#survey-review').click()
      await visible(page, '#held-1').waitFor({ timeout: 20_000 })
      await expectText(page, '#held-1', '建议集中充电')
      await expectMinSize(page, '#held-1-release', 44)
      await shot('survey-review')
      await visible(page, '#held-1-release').click()
      await visible(page, '#review-empty').waitFor({ timeout: 20_000 })
      await expectText(page, '#review-note', '已公开')
      // Back to the results (as the user goes): they are read again and show the released text.
      await page.goBack()
      await expectText(page, '#result-q1', '建议集中充电', 20_000)
      await shot('survey-review-released')
    },
  },
  {
    name: 'survey: the builder from a 邻里讨论 post, audience by building with the households addressed',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, STAFF, `builder/index?originKind=post&originId=ps_e2e_1&title=${encodeURIComponent('电动车充电桩放哪里')}`, '#survey-origin')
      await expectText(page, '#survey-origin', '来自邻里讨论')
      const title = await visible(page, '#survey-title input').inputValue()
      assert(title === '电动车充电桩放哪里', `title prefilled as ${title}`)
      await expectText(page, '#aud-reach', '将发给')
      const all = Number((await visible(page, '#aud-reach').textContent())?.match(/(\d+)户/)?.[1])
      await visible(page, '#aud-buildings').click()
      await expectText(page, '#aud-reach', '请选择楼栋')
      await visible(page, '#aud-building-list .choice').first().click()
      await expectText(page, '#aud-reach', '将发给')
      const one = Number((await visible(page, '#aud-reach').textContent())?.match(/(\d+)户/)?.[1])
      assert(one > 0 && one < all, `one building ${one} households, the community ${all}`)
      await shot('survey-builder-audience')
    },
  },
  {
    name: 'survey: 你说我办 — staff turn incidents into an item and close it; the reporter in 长辈版 sees it came from them',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, STAFF, 'actions/index', '#action-create')
      await visible(page, '#action-source-incidents').click()
      await visible(page, '#action-incidents .choice').first().click()
      await visible(page, '#action-title input').fill('单元门禁集中检修（e2e）')
      await visible(page, '#action-owner input').fill('物业 王师傅')
      await visible(page, '#action-create-submit').click()
      const card = visible(page, '.card').filter({ hasText: '单元门禁集中检修（e2e）' })
      await card.first().waitFor({ timeout: 20_000 })
      await shot('actions-staff-created')
      await card.first().locator('.choice', { hasText: '已办结' }).click()
      await card.first().locator('textarea').fill('已更换2栋、5栋门禁读卡器')
      await card.first().locator('.btn').filter({ hasText: '办结并告知居民' }).click()
      await visible(page, '.card').filter({ hasText: '已更换2栋、5栋门禁读卡器' }).first().waitFor({ timeout: 20_000 })
      await shot('actions-staff-closed')

      // 陈桂兰 (长辈版) reported the lamp: the seeded item says it came from her report.
      await open(page, baseUrl, 'o_demo_elder', 'actions/index', '#action-ai_seed_lights')
      await expectText(page, '#action-ai_seed_lights', '包括您上报的事件')
      const root = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)
      assert(parseFloat(root) >= 20, `长辈版 root font ${root}`)
      await shot('actions-elder')
    },
  },
]
