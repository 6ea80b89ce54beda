/**
 * Property services in the H5 build (issue #14). The browser test: 刘晓燕 reports a repair
 * (with a photo once the shared media module is merged), property staff accept, assign, start
 * and complete it in the queue, she confirms and rates it, and the scorecard's repair figures
 * move. Then staff publish a period through 发布收支 and correct it; residents see what changed.
 * Every property page is measured in 长辈版 (domain-rules §6: body ≥ 18 px, targets ≥ 60 px,
 * contrast ≥ 4.5:1).
 */
import type { Page } from 'playwright-core'
import { assert, contrastRatios, expectMinSize, expectText, fontSizes, pageSettled, pickPngs, visible, type Scenario } from './harness'

const C = 'c_xuetangpo'
const ROOT = '#/subpackages/property/pages'
const REPAIRS = `${ROOT}/repairs/index`
const QUEUE = `${ROOT}/queue/index`
const FINANCE = `${ROOT}/finance/index`
const SCORECARD = `${ROOT}/scorecard/index`
const PUBLISH = `${ROOT}/publish/index`

const open = (page: Page, baseUrl: string, persona: string, hash: string) => page.goto(`${baseUrl}/?persona=${persona}${hash}`)

async function api<T>(baseUrl: string, fn: string, action: string, input: unknown, openid: string): Promise<T> {
  const res = await fetch(`${baseUrl}/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Dev-Openid': openid }, body: JSON.stringify({ action, input }) })
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown }
  assert(body.ok, `${fn}.${action}: ${JSON.stringify(body.error)}`)
  return body.data
}

type Fig = { n: number; value: number | null; suppressed: boolean }
const currentCard = (baseUrl: string) => api<{ periods: { period: string; repairRating: Fig; repairsReported: number }[] }>(baseUrl, 'scorecard', 'get', { communityId: C, months: 1 }, 'o_demo_owner').then((c) => c.periods[0])

/** Tap an enabled button (Taro H5 buttons announce disabled with aria-disabled). */
async function tap(page: Page, selector: string): Promise<void> {
  await visible(page, `${selector}:not([aria-disabled="true"])`).first().click({ timeout: 15_000 })
}

/** A CONSENT_REQUIRED answer opens the consent sheet; agree and the call is retried. */
async function agreeIfAsked(page: Page, done: string, text: string): Promise<void> {
  const sheet = visible(page, '#consent-sheet')
  await Promise.race([sheet.waitFor({ timeout: 20_000 }), visible(page, done).filter({ hasText: text }).first().waitFor({ timeout: 20_000 })])
  if (await sheet.count()) {
    await visible(page, '#consent-tick').click()
    await visible(page, '#consent-agree-btn').click()
  }
}

async function careMode(page: Page, baseUrl: string, persona: string): Promise<void> {
  await open(page, baseUrl, persona, '#/pages/me/index')
  const toggle = visible(page, '#care-toggle')
  await toggle.waitFor({ timeout: 15_000 })
  if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click()
  await page.waitForFunction(() => document.documentElement.style.fontSize === '20px')
}

/** domain-rules §6 in 长辈版: body text ≥ 18 px, each target ≥ 60 px, text contrast ≥ 4.5:1. */
async function expectCare(page: Page, targets: string[], texts: string[] = ['.body-text']): Promise<void> {
  const sizes = await fontSizes(page, '.body-text')
  assert(sizes.length > 0 && sizes.every((s) => s >= 18 - 0.01), `care mode body text ${sizes.join(', ')} px, expected ≥ 18`)
  for (const t of targets) await expectMinSize(page, t, 60)
  for (const sel of texts) for (const c of await contrastRatios(page, sel)) assert(c.ratio >= 4.5, `${sel} "${c.label}": contrast ${c.ratio.toFixed(2)}:1 (${c.fg} on ${c.bg}), expected ≥ 4.5:1`)
}

const DESCRIPTION = '卫生间的水管接头漏水，地上一直有水'

export const propertyScenarios: Scenario[] = [
  {
    name: 'property: a resident reports a repair, staff accept and complete it, she confirms and rates it, the scorecard moves',
    async run({ page, baseUrl, shot }) {
      const before = await currentCard(baseUrl)

      // 1. 刘晓燕 reports on one screen: 家里, 水电, the description, a call-back.
      await open(page, baseUrl, 'o_demo_resident', REPAIRS)
      await visible(page, '#repair-form').waitFor({ timeout: 20_000 })
      await visible(page, '#cat-WATER_ELECTRIC').click()
      await visible(page, '#repair-description textarea').fill(DESCRIPTION)
      await visible(page, '#repair-time input').fill('工作日晚上7点后')
      await visible(page, '#repair-callback').click()
      // The picker is a privacy API: a fresh device is asked for the platform agreement first (R5.3).
      const addPhoto = async () => {
        const chooser = page.waitForEvent('filechooser', { timeout: 15_000 }).then(() => 'chooser' as const)
        await visible(page, '#repair-form [aria-label="添加图片"]').click()
        const first = await Promise.race([chooser, visible(page, '#privacy-popup').waitFor({ timeout: 15_000 }).then(() => 'popup' as const)])
        if (first === 'popup') await visible(page, '#agree-btn').click()
      }
      await pickPngs(page, ['leak.png'], addPhoto)
      await visible(page, '#repair-form .media-tile__img').waitFor()
      await shot('report-form')

      // The photo upload fails (the storage answers without a file id): nothing is submitted, the draft stays.
      const UPLOAD = '**/__client/uploadFile**'
      await page.route(UPLOAD, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errMsg: 'uploadFile:fail network' }) }))
      await tap(page, '#repair-submit')
      await expectText(page, '#repairs-note', '照片上传失败，报修还没有提交', 20_000)
      await page.reload()
      await expectText(page, '#repairs-note', '已恢复上次未提交的报修草稿；1 张照片需要重新添加', 20_000)
      assert((await visible(page, '#repair-description textarea').inputValue()) === DESCRIPTION, 'the description came back from the draft')
      assert(await visible(page, '#repair-callback[aria-checked="true"]').count(), 'the call-back tick came back from the draft')
      await shot('draft-restored')
      await page.unroute(UPLOAD)
      await pickPngs(page, ['leak.png'], addPhoto)
      await visible(page, '#repair-form .media-tile__img').waitFor()
      await tap(page, '#repair-submit')
      await agreeIfAsked(page, '#repairs-note', '已提交')
      await expectText(page, '#repairs-note', '已提交', 20_000)
      const card = visible(page, '.repair-item').filter({ hasText: DESCRIPTION.slice(0, 10) }).first()
      await card.waitFor({ timeout: 20_000 })
      const repairId = ((await card.getAttribute('id')) ?? '').replace(/^repair-/, '')
      assert(repairId.startsWith('rp_'), `no repair id on the card: ${repairId}`)
      await shot('reported')

      // 2. 赵磊 (property staff) works it from the queue: accept, assign (who goes), start, complete.
      await open(page, baseUrl, 'o_demo_property_staff', QUEUE)
      const item = `#queue-${repairId}`
      await visible(page, item).waitFor({ timeout: 20_000 })
      await expectText(page, item, '需回电')
      assert(!(await visible(page, item).textContent())?.includes('刘晓燕'), 'the queue never shows the resident’s name')
      await tap(page, `#accept-${repairId}`)
      await visible(page, `#assign-who-${repairId} input`).fill('水电工 李师傅')
      await tap(page, `#assign-${repairId}`)
      await tap(page, `#start-${repairId}`)
      // The opened repair: the timeline so far and the logged call-back reveal.
      await tap(page, `#detail-${repairId}`)
      await expectText(page, '#repair-timeline', '已派单')
      await expectText(page, '#repair-timeline', '水电工 李师傅')
      // Her photo passed the (local) check, so staff see it.
      await visible(page, `#staff-repair-${repairId} .media-tile__img`).waitFor({ timeout: 20_000 })
      await visible(page, '#repair-reveal-reason input').fill('回电确认上门时间')
      await tap(page, '#repair-reveal-submit')
      await expectText(page, '#repair-call', '拨打 1')
      await shot('staff-working')
      await tap(page, `#complete-${repairId}`)
      await expectText(page, '#queue-note', '维修完成')

      // 3. She confirms and rates it once.
      await open(page, baseUrl, 'o_demo_resident', REPAIRS)
      await tap(page, `#open-${repairId}`)
      await expectText(page, '#repair-timeline', '待确认')
      await tap(page, '#repair-confirm')
      await visible(page, '#repair-rate').waitFor({ timeout: 20_000 })
      await visible(page, '#repair-score-4').click()
      await visible(page, '#repair-rate .choice').filter({ hasText: '响应及时' }).click()
      await tap(page, '#repair-rate-submit')
      await agreeIfAsked(page, '#repair-rated', '您的评价')
      await expectText(page, '#repair-rated', '您的评价：4分', 20_000)
      await shot('rated')

      // 4. The scorecard moved at write time: one more repair reported, one more rating behind the figure.
      const after = await currentCard(baseUrl)
      assert(after.period === before.period, 'same period')
      assert(after.repairsReported === before.repairsReported + 1, `repairs reported ${before.repairsReported} → ${after.repairsReported}`)
      assert(after.repairRating.n === before.repairRating.n + 1, `repair ratings ${before.repairRating.n} → ${after.repairRating.n}`)
      await open(page, baseUrl, 'o_demo_owner', SCORECARD)
      await expectText(page, '#score-reported', `本月报修：${after.repairsReported} 件`, 20_000)
      await expectText(page, '#score-repair-rating', `（${after.repairRating.n}）`)
      await shot('scorecard')
    },
  },
  {
    name: 'property: staff publish a month through 发布收支 and correct it; residents see the correction and what changed',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_property_staff', PUBLISH)
      await visible(page, '#publish-period input').waitFor({ timeout: 20_000 })
      await visible(page, '#publish-period input').fill('2026-08')
      await visible(page, '#income-0-amount input').fill('86,000')
      await tap(page, '#income-add')
      await visible(page, '#income-1-category input').fill('停车费')
      await visible(page, '#income-1-amount input').fill('-5')
      await expectText(page, '#publish-summary', '收入第2项：金额不能为负数')
      assert(await visible(page, '#publish-submit[aria-disabled="true"]').count(), 'a negative amount cannot be published')
      await visible(page, '#income-1-amount input').fill('12000.5')
      await visible(page, '#expenditure-0-amount input').fill('70000')
      await visible(page, '#common-0-amount input').fill('3000')
      await visible(page, '#fund-opening input').fill('500000')
      await visible(page, '#fund-deposits input').fill('3000')
      await tap(page, '#fund-use-add')
      await visible(page, '#fund-use-0-amount input').fill('8000')
      await visible(page, '#fund-use-0-purpose input').fill('更换6栋电梯钢丝绳')
      await visible(page, '#fund-use-0-ref input').fill('2026年第1次业主大会决议第3项')
      await expectText(page, '#income-total', '收入合计：98,000.50 元')
      await expectText(page, '#fund-closing', '495,000.00 元')
      await shot('publish-form')
      await tap(page, '#publish-submit')
      await tap(page, '#publish-confirm-confirm')
      await expectText(page, '#publish-done', '2026年8月收支已公示', 20_000)

      // The correction: the changes are listed before publishing, a reason is required.
      await open(page, baseUrl, 'o_demo_property_staff', `${PUBLISH}?period=2026-08`)
      await visible(page, '#income-0-amount input').waitFor({ timeout: 20_000 })
      await visible(page, '#income-0-amount input').fill('88000')
      await expectText(page, '#publish-summary', '收入·物业费：86,000.00元 → 88,000.00元')
      await expectText(page, '#publish-summary', '收入合计：98,000.50元 → 100,000.50元')
      assert(await visible(page, '#publish-submit[aria-disabled="true"]').count(), 'no correction without a reason')
      await visible(page, '#publish-reason textarea').fill('8月物业费漏记一笔预收款')
      await shot('correction-form')
      await tap(page, '#publish-submit')
      await tap(page, '#publish-confirm-confirm')
      await expectText(page, '#publish-done', '已发布第2版更正', 20_000)

      // A resident sees version 2, the reason and the change in words; version 1 is still there.
      await open(page, baseUrl, 'o_demo_owner', FINANCE)
      await expectText(page, '#period-2026-08', '第2版，已更正', 20_000)
      await tap(page, '#open-2026-08')
      await expectText(page, '#correction-2', '8月物业费漏记一笔预收款')
      await expectText(page, '#correction-2', '收入·物业费：86,000.00元 → 88,000.00元')
      await expectText(page, '#detail-fund', '更换6栋电梯钢丝绳')
      await tap(page, '#version-1')
      await expectText(page, '#detail-income', '86,000.00')
      await shot('resident-correction')
    },
  },
  {
    name: 'property: a held question waits unseen, the residents’ committee publishes it, property staff answer it, the asker reads the answer',
    async run({ page, baseUrl, shot }) {
      // 张建国 asks with a review word of the local msgSecCheck: held, seen only by him.
      await open(page, baseUrl, 'o_demo_owner', FINANCE)
      await tap(page, '#open-2026-09')
      await visible(page, '#finance-question textarea').fill('我要投诉物业经理：9月保洁支出为什么比8月多？')
      await tap(page, '#finance-ask')
      await agreeIfAsked(page, '#finance-note', '提问')
      await expectText(page, '#finance-note', '提问正在审核', 20_000)
      await expectText(page, '#detail-questions', '您的提问正在审核')

      // The committee's queue on 收支公示 (the property company does not moderate questions about itself).
      await open(page, baseUrl, 'o_demo_rc_staff', FINANCE)
      const held = visible(page, '.held-item').filter({ hasText: '9月保洁支出' }).first()
      await held.waitFor({ timeout: 20_000 })
      assert(!(await held.textContent())?.includes('张建国'), 'the queue shows the asker masked')
      await expectText(page, '#finance-held', '张*国（居民）')
      await shot('held-queue')
      await held.locator('[id^="held-publish-"]').click()
      await expectText(page, '#finance-held', '已公开', 20_000)

      // 赵磊 answers it; the period's open-question count says it waited.
      await open(page, baseUrl, 'o_demo_property_staff', FINANCE)
      await expectText(page, '#period-2026-09', '个提问待答复', 20_000)
      await tap(page, '#open-2026-09')
      const question = visible(page, '.question').filter({ hasText: '9月保洁支出' }).first()
      await question.waitFor({ timeout: 20_000 })
      await question.locator('textarea').fill('9月增加了两次外墙清洗，合同已贴在物业中心公告栏。')
      await question.locator('[id^="answer-submit-"]:not([aria-disabled="true"])').click()
      await expectText(page, '#finance-note', '已答复', 20_000)

      await open(page, baseUrl, 'o_demo_owner', FINANCE)
      await tap(page, '#open-2026-09')
      await expectText(page, '#detail-questions', '物业 赵磊答复')
      await expectText(page, '#detail-questions', '外墙清洗')
      await shot('answered')
    },
  },
  {
    name: 'property: every property page in 长辈版 (report, my repairs, queue, 发布收支, 收支公示, 评分) meets the care-mode sizes',
    async run({ page, baseUrl, shot }) {
      // 陈桂兰's account uses 长辈版: her report form and her repairs with the timeline.
      await careMode(page, baseUrl, 'o_demo_elder')
      await open(page, baseUrl, 'o_demo_elder', REPAIRS)
      await visible(page, '#repair-form').waitFor({ timeout: 20_000 })
      await pageSettled(page)
      await tap(page, '#open-rp_demo_reopened')
      await visible(page, '#repair-timeline').waitFor()
      await expectCare(page, ['#repair-form .choice', '#repair-submit', '#open-rp_demo_assigned'])
      await shot('care-repairs')
      await open(page, baseUrl, 'o_demo_elder', FINANCE)
      await tap(page, '#open-2026-10')
      await visible(page, '#finance-detail').waitFor({ timeout: 20_000 })
      await expectCare(page, ['#finance-ask', '#finance-versions .choice'])
      await shot('care-finance')
      await open(page, baseUrl, 'o_demo_elder', SCORECARD)
      await visible(page, '#scorecard-current').waitFor({ timeout: 20_000 })
      await expectCare(page, ['#scorecard-rate .choice', '#scorecard-submit'])
      await shot('care-scorecard')

      // Staff pages in 长辈版 too: the queue with an opened repair and 发布收支.
      await careMode(page, baseUrl, 'o_demo_property_staff')
      await open(page, baseUrl, 'o_demo_property_staff', QUEUE)
      await visible(page, '#queue-rp_demo_submitted').waitFor({ timeout: 20_000 })
      await pageSettled(page)
      await tap(page, '#detail-rp_demo_submitted')
      await visible(page, '#repair-timeline').waitFor()
      await expectCare(page, ['#queue-page .choice', '#accept-rp_demo_submitted', '#repair-reveal-submit'], ['.body-text', '.sla-red, .sla-amber, .sla-green'])
      await shot('care-queue')
      await tap(page, '#view-finished')
      await tap(page, '#detail-rp_demo_done')
      await visible(page, '#repair-inspect').waitFor({ timeout: 20_000 })
      await expectCare(page, ['#repair-inspect .choice', '#inspect-submit'])
      await shot('care-inspect')
      await open(page, baseUrl, 'o_demo_property_staff', PUBLISH)
      await visible(page, '#publish-period input').waitFor({ timeout: 20_000 })
      await expectCare(page, ['#income-add', '#fund-use-add', '#publish-submit'])
      await shot('care-publish')
    },
  },
]
