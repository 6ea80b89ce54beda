/**
 * Issue #10 in the browser (H5 against the seeded local cloud): a grid worker publishes a 需确认
 * notice to grid 1; a resident of grid 1 sees the unread badge on the 通知 tab, reads the notice
 * and taps 我已知晓; the worker's unread list no longer lists that household. Once in normal mode,
 * once with both people in 长辈版 (sizes per domain-rules §6: body ≥ 18 px, targets ≥ 60 px).
 */
import type { Page } from 'playwright-core'
import { assert, expectMinSize, expectText, fontSizes, pickPngs, visible, type Scenario } from './harness'
// One cloud call as a persona, the way the H5 client sends it (setup only: the steps go through the pages).
import { call } from './scenarios-portal'

const C = 'c_xuetangpo'
const NOTICES = '#/pages/notices/index'
const ME = '#/pages/me/index'

const open = (page: Page, baseUrl: string, persona: string, hash: string) => page.goto(`${baseUrl}/?persona=${persona}${hash}`)

async function careMode(page: Page, on: boolean): Promise<void> {
  const toggle = visible(page, '#care-toggle')
  await toggle.waitFor({ timeout: 15_000 })
  if (((await toggle.getAttribute('aria-checked')) === 'true') !== on) await toggle.click()
  await page.waitForFunction((px) => document.documentElement.style.fontSize === px, on ? '20px' : '16px')
}

async function expectSizes(page: Page, care: boolean, targets: string[]): Promise<void> {
  const sizes = await fontSizes(page, '.body-text')
  const floor = care ? 18 : 14
  assert(sizes.length > 0 && sizes.every((s) => s >= floor - 0.01), `body text ${sizes.join(', ')} px, expected ≥ ${floor}`)
  for (const t of targets) await expectMinSize(page, t, care ? 60 : 44)
}

/** The unread count written in the 通知 tab's badge (Taro H5 tab bar), or null without one. */
async function tabBadge(page: Page): Promise<string | null> {
  const badge = page.locator('.weui-tabbar__item:visible').filter({ hasText: '通知' }).locator('.weui-badge:visible')
  return (await badge.count()) ? ((await badge.first().textContent()) ?? '').trim() : null
}

/**
 * R5.6/R5.7 in H5: the resident taps 订阅后续通知 on a notice of theirs (the seeded 需确认 one of
 * grid 1), agrees to the notifications purpose in the sheet, and the local cloud records the
 * platform's credit (POST /__dev/subscribe) as WeChat would after an accept.
 */
async function subscribeToNotices(page: Page, baseUrl: string, openid: string): Promise<void> {
  await open(page, baseUrl, openid, `#/pages/notices/detail?id=ntc_seed_ack`)
  await visible(page, '#notice-subscribe-btn').click({ timeout: 15_000 })
  await visible(page, '#consent-sheet').waitFor({ timeout: 15_000 })
  const tick = visible(page, '#consent-tick')
  if ((await tick.count()) && (await tick.getAttribute('aria-checked')) !== 'true') await tick.click()
  await visible(page, '#consent-agree-btn').click()
  await expectText(page, '#notice-note', '已订阅', 15_000)
}

/**
 * 添加图片 inside `container`, answering the privacy prompt the first time this person picks
 * photos (R5.3: 同意并继续, then the album opens), and the file chooser with generated PNGs.
 */
async function addPhotos(page: Page, container: string, names: string[]): Promise<void> {
  await pickPngs(page, names, async () => {
    await visible(page, `${container} .media-tile--add`).click()
    const agree = visible(page, '#agree-btn')
    const prompted = await Promise.race([
      agree.waitFor({ timeout: 15_000 }).then(() => true),
      page.waitForEvent('filechooser', { timeout: 15_000 }).then(() => false),
    ])
    if (prompted) await agree.click()
  })
  await visible(page, `${container} .media-tile__img`).first().waitFor({ timeout: 15_000 })
}

/**
 * The media check's verdict arrives asynchronously (a wxa_media_check push): wait until `openid`
 * is shown `n` images of the notice (what notice.get lets them see), polling the function.
 */
async function waitForImages(page: Page, baseUrl: string, openid: string, noticeId: string, n: number): Promise<void> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const { notice } = await call(page, baseUrl, openid, 'notice', 'get', { noticeId })
    if (notice.images.length === n) return
    assert(Date.now() < deadline, `${openid} sees ${notice.images.length} images of ${noticeId}, expected ${n}`)
    await page.waitForTimeout(200)
  }
}

/** The send-batch timer, fired on demand, then the platform's outbox (GET /__dev/outbox) for one person. */
async function pokesTo(page: Page, baseUrl: string, openid: string): Promise<Array<{ page?: string; data: Record<string, { value: string }> }>> {
  const fired = await page.request.post(`${baseUrl}/__dev/timers/subscribe/send-batch`)
  assert(fired.ok(), `send-batch timer: HTTP ${fired.status()}`)
  const { outbox } = (await (await page.request.get(`${baseUrl}/__dev/outbox`)).json()) as { outbox: Array<{ touser: string; page?: string; data: Record<string, { value: string }> }> }
  return outbox.filter((m) => m.touser === openid)
}

function publishAndAcknowledge(care: boolean, resident: { openid: string; unitId: string; unitLabel: string }): Scenario {
  const title = care ? '长辈版消防检查通知' : '楼道消防检查通知'
  return {
    name: `notices: a grid worker publishes a 需确认 notice, ${resident.unitLabel} reads and acknowledges it, the unread list shrinks${care ? ' (长辈版)' : ''}`,
    async run({ page, baseUrl, shot }) {
      // Normal mode: the resident opted in to reminders first, so publishing pokes them.
      if (!care) await subscribeToNotices(page, baseUrl, resident.openid)
      // The grid worker of grid 1 (1–4栋) composes from the 通知 tab.
      await open(page, baseUrl, 'o_demo_grid_worker', ME)
      await careMode(page, care)
      await open(page, baseUrl, 'o_demo_grid_worker', NOTICES)
      await visible(page, '#notice-compose-btn').click({ timeout: 15_000 })
      await visible(page, '#compose-title input').waitFor({ timeout: 15_000 })
      await visible(page, '#compose-title input').fill(title)
      await visible(page, '#compose-body textarea').fill('本周六上午网格员上门检查楼道消防通道，请各户清理杂物并确认已知晓。')
      // Only their own grid is offered, already chosen (R7.2).
      assert((await visible(page, `#compose-grid-${C}_g1`).getAttribute('aria-checked')) === 'true', 'grid 1 not preselected')
      assert((await visible(page, `#compose-grid-${C}_g2`).count()) === 0, 'grid 2 offered to the worker of grid 1')
      await visible(page, '#compose-ack').click()
      // Normal mode: a photo of the stairwell, picked through the browser's file chooser.
      if (!care) {
        await addPhotos(page, '#compose-images', ['stairwell.png'])
      }
      assert((await visible(page, '#compose-poke').getAttribute('aria-checked')) === 'true', 'the WeChat reminder is not on by default')
      await expectSizes(page, care, ['#compose-submit', '.checkbox-row', '.choice'])
      await shot('compose')
      await visible(page, '#compose-submit').click()

      await expectText(page, '#reach-addressed', '96', 20_000)
      const noticeId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url().split('#')[1] ?? '')?.[1] ?? '')
      assert(noticeId.startsWith('ntc_'), `no notice id in ${page.url()}`)
      await visible(page, `#unread-${resident.unitId}`).waitFor({ timeout: 15_000 })
      if (!care) {
        // The timer sends the poke through subscribeMessage.send: in the outbox, not a 43101.
        const pokes = (await pokesTo(page, baseUrl, resident.openid)).filter((m) => m.page?.includes(noticeId))
        assert(pokes.length === 1, `${pokes.length} subscribe messages for the new notice in the outbox, expected 1`)
        assert(Object.values(pokes[0].data).some((f) => f.value.includes('消防')), `poke fields ${JSON.stringify(pokes[0].data)}`)
      }
      const totalBefore = Number(((await visible(page, '#reach-unread').textContent()) ?? '').trim())
      await shot('reach-before')

      // The resident: a badge on the 通知 tab, the notice unread at the top of the list.
      await open(page, baseUrl, resident.openid, ME)
      if (!care) await careMode(page, false)
      await page.waitForFunction(() => [...document.querySelectorAll('.weui-tabbar__item .weui-badge')].some((b) => (b as HTMLElement).offsetParent && b.textContent?.trim()), undefined, { timeout: 15_000 })
      const badge = await tabBadge(page)
      assert(badge && Number(badge) >= 1, `badge reads "${badge}"`)
      await page.locator('.weui-tabbar__item:visible').filter({ hasText: '通知' }).first().click()
      const row = visible(page, `#notice-${noticeId}`)
      await row.waitFor({ timeout: 15_000 })
      assert(((await row.textContent()) ?? '').includes('未读'), 'new notice not marked 未读 in words')
      await expectSizes(page, care, ['.notice-row', '.choice'])
      await shot('inbox')
      if (!care) await waitForImages(page, baseUrl, resident.openid, noticeId, 1)
      await row.click()
      await expectText(page, '#notice-body', '消防通道')
      if (!care) {
        // The photo passed the media check: the resident sees it, nothing 审核中.
        await visible(page, '#notice-images .media-tile--view img, #notice-images .media-tile--view .media-tile__img').first().waitFor({ timeout: 15_000 })
        assert(!((await visible(page, '#notice-images').textContent()) ?? '').includes('审核中'), 'the passed photo is still 审核中')
      }
      await visible(page, '#notice-ack-btn').waitFor({ timeout: 15_000 })
      await expectSizes(page, care, ['#notice-ack-btn'])
      await shot('detail')
      await visible(page, '#notice-ack-btn').click()
      await expectText(page, '#notice-acknowledged', '已确认')

      // Back to the worker: that household is off the unread list, acknowledged counted.
      await open(page, baseUrl, 'o_demo_grid_worker', `#/subpackages/grid/pages/reach/index?id=${encodeURIComponent(noticeId)}`)
      await expectText(page, '#reach-acknowledged', '1', 20_000)
      await visible(page, '#unread-list').waitFor({ timeout: 15_000 })
      assert((await visible(page, `#unread-${resident.unitId}`).count()) === 0, `${resident.unitLabel} still on the unread list`)
      const totalAfter = Number(((await visible(page, '#reach-unread').textContent()) ?? '').trim())
      assert(totalAfter === totalBefore - 1, `unread ${totalBefore} → ${totalAfter}, expected one household fewer`)
      await expectSizes(page, care, ['.unread-row .btn-secondary'])
      await shot('reach-after')
    },
  }
}

/** 事件上报 in 长辈版 with a photo: 紧急 shows 110/119/120 before sending; the grid worker sees the photo and accepts; the reporter sees each step. */
const incidentScenario: Scenario = {
  name: 'incidents: a resident reports a 紧急 hazard (110/119/120 shown), the grid worker accepts it, the reporter sees the step (长辈版)',
  async run({ page, baseUrl, shot }) {
    await open(page, baseUrl, 'o_demo_elder', '#/subpackages/incident/pages/report/index')
    await visible(page, '#incident-category-SAFETY').click({ timeout: 15_000 })
    await visible(page, '#incident-at-home').click()
    await visible(page, '#incident-where input').fill('4栋一楼楼道')
    await visible(page, '#incident-description textarea').fill('楼道里有很浓的煤气味，担心漏气。')
    await addPhotos(page, '#incident-photos', ['gas-pipe.png'])
    await visible(page, '#incident-urgent').click()
    await expectText(page, '#emergency-card', '不是紧急救助渠道')
    for (const n of ['110', '119', '120']) await visible(page, `#call-${n}`).waitFor()
    await expectSizes(page, true, ['#call-119', '#incident-submit', '.choice', '.checkbox-row'])
    await shot('report')
    await visible(page, '#incident-submit').click()
    await expectText(page, '#incident-history', '已上报', 20_000)
    const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url().split('#')[1] ?? '')?.[1] ?? '')
    assert(id.startsWith('inc_'), `no incident id in ${page.url()}`)

    await open(page, baseUrl, 'o_demo_grid_worker', `#/subpackages/incident/pages/detail/index?id=${encodeURIComponent(id)}`)
    await visible(page, '#incident-to-ACCEPTED').waitFor({ timeout: 15_000 })
    // The handler sees the photo (also while its check is pending: staff act on the case).
    await visible(page, '.media-tile--view').first().waitFor({ timeout: 15_000 })
    await visible(page, '#incident-to-ACCEPTED').click()
    await expectText(page, '#incident-history', '已受理')
    await shot('accepted')

    await open(page, baseUrl, 'o_demo_elder', '#/subpackages/incident/pages/list/index')
    await visible(page, `#incident-${id}`).click({ timeout: 15_000 })
    await expectText(page, '#incident-history', '网格员')
    await expectSizes(page, true, [])
    await shot('reporter-sees')
  },
}

/** 走访: the overdue 独居老人 household of grid 1 is listed; logging a visit takes it off the list. */
const visitScenario: Scenario = {
  name: 'visits: the grid worker logs a visit to the overdue 独居老人 household and it leaves the overdue list',
  async run({ page, baseUrl, shot }) {
    await open(page, baseUrl, 'o_demo_grid_worker', ME)
    await careMode(page, false)
    await open(page, baseUrl, 'o_demo_grid_worker', '#/subpackages/grid/pages/visits/index')
    const row = visible(page, `#visit-due-${C}_b02_u101`)
    await row.waitFor({ timeout: 15_000 })
    assert(((await row.textContent()) ?? '').includes('独居老人'), 'care tag not shown to the grid’s worker')
    await visible(page, `#visit-log-${C}_b02_u101`).click()
    await visible(page, '#visit-sheet').waitFor()
    await visible(page, '#visit-sheet .checkbox-row').filter({ hasText: '生活能自理' }).click()
    await expectSizes(page, false, ['#visit-save'])
    await shot('visit-sheet')
    await visible(page, '#visit-save').click()
    await expectText(page, '#visit-done', '已记录')
    // The list reloads after saving: wait for the household to leave it.
    await page.locator(`#visit-due-${C}_b02_u101:visible`).waitFor({ state: 'detached', timeout: 15_000 })
    // The visit is the first of the latest visits, with what was found.
    await expectText(page, '#visit-recent', '生活能自理', 15_000)
    await shot('visit-logged')
  },
}

/**
 * 修改与撤回: the author edits a 需确认 notice a household has acknowledged; the resident sees
 * 内容已更新 and is asked to confirm again; then the author withdraws it and it leaves the inbox.
 */
const editAndWithdraw = (care: boolean): Scenario => ({
  name: `notices: the author edits an acknowledged notice (the household is asked again), then withdraws it${care ? ' (长辈版)' : ''}`,
  async run({ page, baseUrl, shot }) {
    const resident = 'o_demo_family'
    const { notice } = await call(page, baseUrl, 'o_demo_grid_worker', 'notice', 'publish', {
      communityId: C,
      title: care ? '长辈版电梯保养通知' : '电梯保养通知',
      body: '本周三上午1栋电梯保养，请错峰出行。',
      category: 'NOTICE',
      audience: { scope: 'BUILDINGS', buildingIds: [`${C}_b01`] },
      ackRequired: true,
    })
    await call(page, baseUrl, resident, 'notice', 'acknowledge', { noticeId: notice.id })

    await open(page, baseUrl, 'o_demo_grid_worker', ME)
    await careMode(page, care)
    await open(page, baseUrl, 'o_demo_grid_worker', `#/subpackages/grid/pages/reach/index?id=${encodeURIComponent(notice.id)}`)
    await expectText(page, '#reach-acknowledged', '1', 20_000)
    await visible(page, '#reach-edit').click({ timeout: 15_000 })
    await visible(page, '#edit-body textarea').waitFor({ timeout: 15_000 })
    await visible(page, '#edit-body textarea').fill('保养改到本周四上午，1栋电梯停用两小时，请错峰出行。')
    await expectSizes(page, care, ['#edit-save', '#edit-withdraw', '.checkbox-row'])
    await visible(page, '#edit-save').click()
    await expectText(page, '#edit-note', '重新确认', 15_000)
    await shot('edited')

    await open(page, baseUrl, resident, `#/pages/notices/detail?id=${encodeURIComponent(notice.id)}`)
    await expectText(page, '#notice-updated', '内容已更新', 15_000)
    await expectText(page, '#notice-body', '本周四')
    await visible(page, '#notice-ack-btn').waitFor({ timeout: 15_000 })
    await shot('resident-asked-again')

    await open(page, baseUrl, 'o_demo_grid_worker', `#/subpackages/grid/pages/edit/index?id=${encodeURIComponent(notice.id)}`)
    await visible(page, '#edit-withdraw-reason input').fill('保养日期另行通知')
    await visible(page, '#edit-withdraw').click()
    await visible(page, '#withdraw-confirm-confirm').waitFor({ timeout: 15_000 })
    await expectSizes(page, care, ['#withdraw-confirm-confirm', '#withdraw-confirm-cancel'])
    await shot('withdraw-confirm')
    await visible(page, '#withdraw-confirm-confirm').click()
    await visible(page, '#mine-list').waitFor({ timeout: 15_000 })
    await expectText(page, `#mine-${notice.id}`, '已撤回', 15_000)
    await shot('withdrawn')

    await open(page, baseUrl, resident, NOTICES)
    await visible(page, '.notice-row').first().waitFor({ timeout: 15_000 })
    assert((await page.locator(`#notice-${notice.id}:visible`).count()) === 0, 'a withdrawn notice is still in the inbox')
  },
})

export const noticeScenarios: Scenario[] = [
  publishAndAcknowledge(false, { openid: 'o_demo_family', unitId: `${C}_b01_u101`, unitLabel: '1栋101' }),
  // 陈桂兰 (独居老人, 长辈版 on her account) — the household the unread list puts first.
  publishAndAcknowledge(true, { openid: 'o_demo_elder', unitId: `${C}_b04_u102`, unitLabel: '4栋102' }),
  editAndWithdraw(false),
  editAndWithdraw(true),
  incidentScenario,
  visitScenario,
]
