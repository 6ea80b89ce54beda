/**
 * Issue #7, first use: the traps a new or older resident met, walked again on a 390×844 phone
 * screen, in normal mode and in 长辈版 (items 1–8, 11, 14, 18). Screenshots in .artifacts/e2e/.
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { assert, expectMinSize, expectText, visible, type Scenario } from './harness'
import { ACCESS_LOG, expectCareSizes, freshOpenid, grantInPrivacySettings, ME, open, PRIVACY, turnOnCareMode } from './scenarios'

const PHONE = { width: 390, height: 844 }
const JOIN = '#/subpackages/onboarding/pages/join/index'
const WELCOME = '#/subpackages/onboarding/pages/welcome/index'
const MY_DATA = '#/subpackages/settings/pages/my-data/index'
const MY_HOMES = '#/subpackages/settings/pages/households/index'

/** The whole element is on screen: not below the bottom edge, not cut at the top (item 1). */
async function expectInViewport(page: Page, selector: string): Promise<void> {
  const box = await visible(page, selector).first().boundingBox()
  assert(box, `${selector} has no box`)
  const { height } = page.viewportSize() ?? PHONE
  assert(box.y >= 0 && box.y + box.height <= height + 0.5, `${selector} spans y ${box.y.toFixed(0)}–${(box.y + box.height).toFixed(0)}, outside the ${height}-px screen`)
}

/** A consent sheet's decision controls are all visible without scrolling. */
async function expectSheetDecisionsVisible(page: Page): Promise<void> {
  for (const selector of ['#consent-agree-btn', '#consent-refuse-btn', '#consent-tick', '#consent-sheet-close']) await expectInViewport(page, selector)
}

/** Tap the dimmed page above the sheet (a point inside the mask, outside the panel). */
async function tapOutsideSheet(page: Page): Promise<void> {
  await page.mouse.click(PHONE.width / 2, 20)
}

async function fillJoinForm(page: Page, building: string, door: string, relation: string, name: string): Promise<void> {
  await visible(page, '#community-c_xuetangpo').click({ timeout: 10_000 })
  await visible(page, `#building-c_xuetangpo_${building}`).click({ timeout: 10_000 })
  await visible(page, `#unit-${door}`).click({ timeout: 10_000 })
  await visible(page, `#relation-${relation}`).click()
  await visible(page, '#join-name input').fill(name)
}

/**
 * Put the device in the wanted mode through 我的's switch (#care-toggle). Earlier scenarios may
 * have saved 长辈版 on a seeded account (profile.elderMode wins), so look before tapping.
 */
async function setCareMode(page: Page, care: boolean): Promise<void> {
  await visible(page, '#care-toggle').waitFor({ timeout: 10_000 })
  const isCare = await page.evaluate(() => document.documentElement.style.fontSize === '20px')
  if (isCare !== care) await visible(page, '#care-toggle').click()
  await page.waitForFunction((want) => (document.documentElement.style.fontSize === '20px') === want, care, { timeout: 10_000 })
}

/** Visible text of the page without the tab bar. */
const pageText = async (page: Page, selector: string) => (await visible(page, selector).first().textContent()) ?? ''

const always: Scenario[] = [
  {
    name: 'first use: consent sheets keep 同意/不同意 on a 390×844 screen, close by ✕ and by a tap outside (normal)',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, freshOpenid(), PRIVACY)
      // The longest notice: owner verification (sensitive, three fields, separate consent).
      const toggle = visible(page, '#consent-toggle-owner_verification')
      await toggle.waitFor({ timeout: 10_000 })
      await expectText(page, '#privacy-summary', '可随时开启')
      await toggle.click()
      await visible(page, '#consent-sheet').waitFor()
      await expectSheetDecisionsVisible(page)
      await expectMinSize(page, '#consent-sheet-close', 44)
      await shot('sheet-normal')
      // The long notice scrolls inside the sheet, under a footer that stays put.
      const scrolled = await visible(page, '#consent-sheet .sheet__body').first().evaluate((body) => {
        body.scrollTop = body.scrollHeight
        return body.scrollTop > 0
      })
      assert(scrolled, 'the notice does not scroll inside the sheet')
      await expectSheetDecisionsVisible(page)
      await visible(page, '#consent-sheet-close').click()
      assert((await visible(page, '#consent-sheet').count()) === 0, '✕ did not close the sheet')

      await toggle.click()
      await visible(page, '#consent-sheet').waitFor()
      await tapOutsideSheet(page)
      assert((await visible(page, '#consent-sheet').count()) === 0, 'a tap outside did not close the sheet')
      // Closing decided nothing: the purpose is still off and can be asked again at once.
      assert((await toggle.getAttribute('aria-checked')) === 'false', 'closing the sheet changed the consent')
    },
  },
  {
    name: 'first use: 长辈版 — the 房屋与家庭绑定 sheet from 提交申请 shows its buttons; the form says what is missing',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, freshOpenid(), ME)
      await visible(page, '#profile-card').waitFor({ timeout: 10_000 })
      await turnOnCareMode(page)
      await page.evaluate((hash) => (location.hash = hash), JOIN)
      await visible(page, '#community-c_xuetangpo').waitFor({ timeout: 10_000 })
      // Item 11: disabled 提交申请 says what is missing; the name field explains itself.
      await expectText(page, '#join-missing', '选择房号')
      await fillJoinForm(page, 'b03', '401', 'TENANT', '钱小红')
      await expectText(page, '#join-name-field', '真实姓名')
      await expectText(page, '#join-missing', '确认已年满14周岁')
      await visible(page, '#join-adult').click()
      assert((await visible(page, '#join-missing').count()) === 0, 'still says something is missing')
      await visible(page, '#join-submit').click()

      await visible(page, '#consent-sheet').waitFor({ timeout: 10_000 })
      await expectText(page, '#consent-sheet', '房屋与家庭绑定')
      await expectSheetDecisionsVisible(page)
      await expectCareSizes(page, ['#consent-sheet .btn-primary', '#consent-sheet .btn-secondary', '#consent-tick', '#consent-sheet-close'])
      await shot('household-sheet-care')
      await visible(page, '#consent-tick').click()
      await visible(page, '#consent-agree-btn').click()
      await expectText(page, '#join-status', '待审核')
      await shot('joined-care')
    },
  },
  {
    name: 'first use: a sheet opened in 隐私设置 is gone after back, and 我的 still takes taps',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, 'o_demo_resident', ME)
      await visible(page, '#privacy-row').click({ timeout: 10_000 })
      const toggle = visible(page, '#consent-toggle-notifications')
      await toggle.waitFor({ timeout: 10_000 })
      await toggle.click()
      await visible(page, '#consent-sheet').waitFor()
      await page.goBack()
      await visible(page, '#me-page').waitFor({ timeout: 10_000 })
      // The leaving page slides out with its sheet; then no sheet may remain over 我的.
      await page.locator('#consent-sheet').waitFor({ state: 'detached', timeout: 10_000 })
      await shot('me-after-back')
      assert((await visible(page, '#consent-sheet').count()) === 0, 'the sheet reappeared over 我的')
      // Nothing blocks 我的: the next tap opens 隐私设置 again, without the old sheet.
      await visible(page, '#privacy-row').click()
      await visible(page, '#consent-toggle-notifications').waitFor({ timeout: 10_000 })
      assert((await visible(page, '#consent-sheet').count()) === 0, 'the old sheet came back with the page')
    },
  },
  {
    name: 'first use: withdrawing 房屋与家庭绑定 names the unit, needs a tick, and says what happened on screen',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      // 王芳, verified co-owner of 2栋301.
      await open(page, baseUrl, 'o_demo_coowner_b', ME)
      await visible(page, '#privacy-row').click({ timeout: 10_000 })
      await expectText(page, '#privacy-summary', '已开启')
      const toggle = visible(page, '#consent-toggle-household')
      await toggle.waitFor({ timeout: 10_000 })
      await toggle.scrollIntoViewIfNeeded()
      await toggle.click()
      await visible(page, '#withdraw-sheet').waitFor()
      await expectText(page, '#withdraw-consequences', '您在 学堂坡社区 2栋301 的共有人身份将解除，需重新申请并审核')
      await expectInViewport(page, '#withdraw-sheet-confirm')
      await expectInViewport(page, '#withdraw-understood')
      // Deliberate: confirm stays off until the consequences are acknowledged.
      assert((await visible(page, '#withdraw-sheet-confirm').getAttribute('aria-disabled')) === 'true', 'withdrawal possible without the tick')
      await shot('withdraw-confirm')
      await visible(page, '#withdraw-understood').click()
      await visible(page, '#withdraw-sheet-confirm').click()
      await expectText(page, '#privacy-note', '2栋301')
      await expectText(page, '#privacy-note', '已解除')
      // Said where the person is looking: the note is on screen, not at the top of a long page.
      await page.waitForFunction(() => {
        const notes = [...document.querySelectorAll('#privacy-note')].filter((n) => (n as HTMLElement).offsetParent !== null)
        const r = notes[0]?.getBoundingClientRect()
        return r !== undefined && r.top >= 0 && r.bottom <= window.innerHeight
      }, undefined, { timeout: 10_000 })
      await shot('withdrawn')
      // And it happened: 我的房屋 now needs the consent again (its sheet); closing it leaves a calm note, no 2栋301.
      await page.evaluate((hash) => (location.hash = hash), MY_HOMES)
      await visible(page, '#consent-sheet').waitFor({ timeout: 10_000 })
      await visible(page, '#consent-sheet-close').click()
      await expectText(page, '#households-page', '房屋功能未开启')
      assert(!(await pageText(page, '#households-page')).includes('2栋301'), '2栋301 still listed in 我的房屋')
    },
  },
  {
    name: 'first use: 我的数据 is grouped by purpose, without raw ids or collection names, with a machine-readable file (normal and 长辈版)',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, 'o_demo_owner', ME)
      await visible(page, '#profile-card').waitFor({ timeout: 10_000 })
      for (const mode of ['normal', 'care'] as const) {
        await setCareMode(page, mode === 'care')
        await page.evaluate((hash) => (location.hash = hash), MY_DATA)
        await visible(page, '#export-btn').click({ timeout: 10_000 })
        await visible(page, '#export-groups').waitFor({ timeout: 10_000 })
        await expectText(page, '#export-groups', '房屋与家庭绑定')
        await expectText(page, '#export-groups', '1栋101')
        const text = await pageText(page, '#my-data-page')
        for (const internal of ['idempotency', 'household_members', 'consent_events', 'rights_requests', 'o_demo_owner', 'rr:', 'c_xuetangpo', 'OpenID']) {
          const at = text.indexOf(internal)
          assert(at < 0, `我的数据 shows "${internal}" (${mode}) in "…${text.slice(Math.max(0, at - 60), at + 40)}…"`)
        }
        assert(!/[A-Za-z]+_[A-Za-z0-9_]+/.test(text), `我的数据 shows an internal key (${mode}): ${text.match(/[A-Za-z]+_[A-Za-z0-9_]+/)?.[0]}`)
        // Nothing runs off its card (长辈版 made the request id overflow before).
        const overflow = await visible(page, '.export-group').evaluateAll((cards) =>
          cards.flatMap((card) => {
            const right = card.getBoundingClientRect().right
            return [...card.querySelectorAll('.export-field__value')].filter((v) => v.getBoundingClientRect().right > right + 0.5).map((v) => v.textContent)
          }),
        )
        assert(overflow.length === 0, `values run off their card (${mode}): ${overflow.join(', ')}`)
        await shot(`export-${mode}`)
        // PIPL Art. 45: the same data as a machine-readable file, still without internals.
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), visible(page, '#export-save').click()])
        assert(download.suggestedFilename().endsWith('.json'), `download named ${download.suggestedFilename()}`)
        const file = fs.readFileSync(await download.path(), 'utf8')
        const parsed = JSON.parse(file) as { groups: Array<{ purpose: string }> }
        assert(parsed.groups.some((g) => g.purpose === '房屋与家庭绑定'), 'the file is not grouped by purpose')
        assert(!file.includes('o_demo_owner') && !file.includes('idempotency'), 'the file holds internal ids or collections')
        await page.evaluate((hash) => (location.hash = hash), ME)
        await visible(page, '#profile-card').waitFor({ timeout: 10_000 })
      }
    },
  },
  {
    name: 'first use: step 1 agrees once (also right after a 不同意) and opens the guide; step 2 leads with summaries and explains joining',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, freshOpenid(), PRIVACY)
      await visible(page, '#privacy-check-btn').click({ timeout: 10_000 })
      await visible(page, '#disagree-btn').click()
      // Item 7: a deliberate agreement right after a refusal is accepted (no "请稍后再试").
      await page.evaluate((hash) => (location.hash = hash), WELCOME)
      await visible(page, '#onboarding-guide-link').waitFor({ timeout: 10_000 })
      await expectMinSize(page, '#onboarding-guide-link', 44)
      await shot('step1')
      // Item 8: the guide opens (the notice page in H5), with the operator and a contact (item 9).
      await visible(page, '#onboarding-guide-link').click()
      await expectText(page, '#notice-operator', '学堂坡社区居民委员会')
      await expectText(page, '#notice-operator', '0731')
      assert(!/\d{4}\.\d+-[0-9a-f]{8}/.test(await pageText(page, '#notice-page')), 'the notice shows the policy hash')
      await visible(page, '#notice-my-data').waitFor()
      await shot('notice')
      await page.goBack()
      await visible(page, '#onboarding-privacy-btn').click({ timeout: 10_000 })
      assert((await visible(page, '#privacy-popup').count()) === 0, 'asked for the agreement a second time')

      // Item 14: one line per purpose first, the details folded.
      await visible(page, '#consent-card-household').waitFor({ timeout: 10_000 })
      assert((await visible(page, '#consent-card-household .notice-line').count()) === 0, 'details are not folded')
      await visible(page, '#consent-details-household').click()
      await expectText(page, '#consent-card-household', '保存期限')
      await visible(page, '#consent-choice-notifications-agree').click()
      await shot('step2')
      // Item 6: without 房屋与家庭绑定 the page says what joining needs and offers browsing.
      await visible(page, '#onboarding-consent-submit').click()
      await expectText(page, '#onboarding-no-household', '加入社区')
      await expectInViewport(page, '#onboarding-browse')
      await shot('no-household')
      await visible(page, '#onboarding-browse').click()
      await visible(page, '#home-page').waitFor({ timeout: 10_000 })
    },
  },
  {
    name: 'first use: 我的房屋 with one home offers 绑定其他房屋',
    async run({ page, baseUrl }) {
      await page.setViewportSize(PHONE)
      await open(page, baseUrl, 'o_demo_resident', MY_HOMES)
      await visible(page, '#households-add').click({ timeout: 10_000 })
      await visible(page, '#community-c_xuetangpo').waitFor({ timeout: 10_000 })
    },
  },
]

/**
 * Items 4 and 16: a reviewer may reveal the phone of an applicant under review who gave one under
 * contact_phone (access.reveal, logged), and the applicant sees the reviewer's full name in
 * 谁看过我的数据 (access.myLog actorName: staff act in an official capacity).
 */
const reviewerReveal: Scenario[] = [
  {
    name: 'first use: 查看电话 works from 审核入户申请 for an applicant who gave a phone; the applicant sees the full staff name',
    async run({ page, baseUrl, shot }) {
      await page.setViewportSize(PHONE)
      const applicant = freshOpenid()
      await open(page, baseUrl, applicant, PRIVACY)
      await grantInPrivacySettings(page, 'contact_phone')
      await page.evaluate((hash) => (location.hash = hash), '#/subpackages/settings/pages/profile/index')
      await visible(page, '#profile-phone input').fill('13912340007')
      await visible(page, '#profile-phone-save').click()
      await expectText(page, '#profile-phone-current', '139****0007')
      await page.evaluate((hash) => (location.hash = hash), JOIN)
      await fillJoinForm(page, 'b04', '402', 'TENANT', '孔小燕')
      await visible(page, '#join-adult').click()
      await visible(page, '#join-submit').click()
      await visible(page, '#consent-sheet').waitFor({ timeout: 10_000 })
      await visible(page, '#consent-tick').click()
      await visible(page, '#consent-agree-btn').click()
      await expectText(page, '#join-status', '待审核')

      // 周敏, grid 1 (buildings 1–4), reviews 4栋402 and calls the applicant first.
      await open(page, baseUrl, 'o_demo_grid_worker', ME)
      await visible(page, '#staff-review-row').click({ timeout: 10_000 })
      const card = visible(page, '.review-item').filter({ hasText: '4栋402' }).first()
      await card.waitFor({ timeout: 10_000 })
      await card.locator('[id^="reveal-"]').click()
      await visible(page, '#reveal-reason textarea').fill('审核前电话核实租住情况')
      await visible(page, '#reveal-confirm').click()
      await expectText(page, '#reveal-value', '13912340007')
      await expectText(page, '#reveal-logged', '已记录')
      await shot('revealed')

      await open(page, baseUrl, applicant, ACCESS_LOG)
      await expectText(page, '.access-entry', '审核前电话核实租住情况')
      await expectText(page, '.access-entry__who', '周敏')
    },
  },
]

export const firstUseScenarios: Scenario[] = [...always, ...reviewerReveal]
