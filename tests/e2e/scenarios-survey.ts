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
      await expectText(page, '#figure-booking_use', '尚未上线')
      await shot('dashboard')
    },
  },
]
