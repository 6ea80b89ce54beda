/**
 * Booking in the H5 build (issue #11): a resident books the last seat of the 活动室; a second
 * resident — 陈桂兰, 78, whose account uses 长辈版 — finds it full and joins the waitlist; the
 * first cancels in 我的预约; the second is promoted and sees the booking with its check-in code.
 * Care-mode sizes (R6.2) and contrast are measured on the booking pages; staff see the day sheet.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { addDays, shanghaiDate } from '../../domain/booking/time'
import { BOOKING_IDS } from '../../seeds/booking'
import { assert, contrastRatios, expectMinSize, expectText, fontSizes, pageSettled, visible, type Scenario } from './harness'

const DAY = (id: string) => `#/subpackages/booking/pages/day/index?id=${id}`
const MINE = '#/subpackages/booking/pages/mine/index'
const LIST = '#/subpackages/booking/pages/list/index'
const SHEET = '#/subpackages/booking/pages/sheet/index'
const HOME = '#/pages/home/index'

const open = (page: Page, baseUrl: string, persona: string, hash: string) => page.goto(`${baseUrl}/?persona=${persona}${hash}`)

/** Book through the API as other households (the scenario is about the last seat, not the first nine). */
async function fillSeats(baseUrl: string, date: string, start: string, seats: number): Promise<void> {
  let booked = 0
  for (let seq = 2; seq < 240 && booked < seats; seq++) {
    const openid = `o_seed_${String(seq).padStart(4, '0')}`
    const res = await fetch(`${baseUrl}/functions/booking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Dev-Openid': openid },
      body: JSON.stringify({ action: 'create', input: { resourceId: BOOKING_IDS.activityRoom, date, start } }),
    })
    const body = (await res.json()) as { ok: boolean }
    if (body.ok) booked++
  }
  assert(booked === seats, `could fill only ${booked} of ${seats} seats`)
}

async function pickSlot(page: Page, date: string, start: string): Promise<void> {
  await visible(page, `#day-${date}`).click()
  await visible(page, `#slot-${start.replace(':', '')}`).click()
  await visible(page, '#booking-summary').waitFor()
}

async function expectCareSizes(page: Page, selectors: string[]): Promise<void> {
  // The page left behind may still be torn down: measure one displayed page, and skip an element
  // detached while it was read (no computed style: NaN), which nobody sees.
  await pageSettled(page)
  const sizes = (await fontSizes(page, '.body-text')).filter((n) => !Number.isNaN(n))
  assert(sizes.length > 0 && sizes.every((s) => s >= 18 - 0.01), `care mode body text ${sizes.join(', ')} px, expected ≥ 18`)
  for (const s of selectors) await expectMinSize(page, s, 60)
}

async function expectContrast(page: Page, selector: string): Promise<void> {
  for (const c of await contrastRatios(page, selector)) assert(c.ratio >= 4.5, `${selector} "${c.label}": contrast ${c.ratio.toFixed(2)}:1, expected ≥ 4.5:1`)
}

/**
 * What a scanner reads off the screen: the element's screenshot (pixels as drawn by the browser),
 * decoded in the page by jsQR on a canvas — an independent reader, not our encoder run backwards.
 */
async function scanQr(page: Page, selector: string): Promise<string | null> {
  const png = await visible(page, selector).screenshot()
  await page.addScriptTag({ path: path.resolve(__dirname, '../../node_modules/jsqr/dist/jsQR.js') })
  return page.evaluate(async (b64) => {
    const img = new Image()
    img.src = `data:image/png;base64,${b64}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width
    canvas.height = img.height
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height)
    const jsQR = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR
    return jsQR(data.data, canvas.width, canvas.height)?.data ?? null
  }, png.toString('base64'))
}

export const bookingScenarios: Scenario[] = [
  {
    name: 'booking: last seat of the 活动室, a waitlisted 长辈 is promoted when the first resident cancels',
    async run({ page, baseUrl, shot }) {
      // Two days ahead, 19:00: far from the cancellation window (2 h) whatever the hour of the run.
      const date = addDays(shanghaiDate(new Date()), 2)
      await fillSeats(baseUrl, date, '19:00', 9)

      // 1. 刘晓燕 (tenant, normal mode) takes the tenth seat; the rules are on the summary before the tap.
      await open(page, baseUrl, 'o_demo_resident', DAY(BOOKING_IDS.activityRoom))
      await visible(page, `#day-${date}`).waitFor({ timeout: 20_000 })
      await visible(page, `#day-${date}`).click()
      await expectText(page, '#slot-1900', '可预约（剩1位）')
      await expectMinSize(page, '.slot-row', 44)
      await pickSlot(page, date, '19:00')
      await expectText(page, '#booking-summary', '每户最多每天1次')
      await shot('resident-summary')
      await visible(page, '#booking-confirm-confirm').click()
      await expectText(page, '#booking-result', '预约成功')
      await expectText(page, '#slot-1900', '已满，可候补')

      // 2. 陈桂兰 (78, 长辈版 from her account) finds it full and joins the waitlist.
      await open(page, baseUrl, 'o_demo_elder', DAY(BOOKING_IDS.activityRoom))
      await page.waitForFunction(() => document.documentElement.style.fontSize === '20px', undefined, { timeout: 20_000 })
      await visible(page, `#day-${date}`).waitFor({ timeout: 20_000 })
      await visible(page, `#day-${date}`).click()
      await expectText(page, '#slot-1900', '已满，可候补')
      await expectCareSizes(page, ['.slot-row', '#day-choices .choice'])
      await expectContrast(page, '.slot-row')
      await visible(page, '#slot-1900').click()
      await visible(page, '#booking-summary').waitFor()
      await expectText(page, '#booking-summary', '有人取消时按候补顺序自动为您保留')
      await expectCareSizes(page, ['#booking-confirm-confirm', '#booking-confirm-cancel'])
      await shot('elder-waitlist-summary')
      await visible(page, '#booking-confirm-confirm').click()
      await expectText(page, '#booking-result', '已加入候补（第1位）')

      // 3. 刘晓燕 cancels in 我的预约.
      await open(page, baseUrl, 'o_demo_resident', MINE)
      const card = visible(page, '.mine-item').filter({ hasText: '室内活动室' }).first()
      await card.waitFor({ timeout: 20_000 })
      await card.locator('.btn').filter({ hasText: '取消预约' }).click()
      await visible(page, '#cancel-sheet-confirm').click()
      await expectText(page, '#mine-note', '已取消')

      // 4. 陈桂兰 is promoted: 我的预约 shows it booked, with who made it implied (本人) and the rules.
      await open(page, baseUrl, 'o_demo_elder', MINE)
      const mine = visible(page, '.mine-item').filter({ hasText: '室内活动室' }).first()
      await mine.waitFor({ timeout: 20_000 })
      await expectText(page, '.mine-item .mine-status', '已预约')
      await expectCareSizes(page, ['.mine-item .btn'])
      await expectContrast(page, '.mine-item')
      await shot('elder-promoted')
    },
  },
  {
    name: 'booking: staff day sheet lists the 活动室 bookings with masked names; residents see the list of facilities',
    async run({ page, baseUrl, shot }) {
      await open(page, baseUrl, 'o_demo_resident', LIST)
      await expectText(page, `#resource-${BOOKING_IDS.activityRoom}`, '室内活动室', 20_000)
      await expectText(page, `#resource-${BOOKING_IDS.health}`, '敏感服务')
      assert((await visible(page, '#booking-staff-card').count()) === 0, 'a resident sees no staff tools')
      await open(page, baseUrl, 'o_demo_rc_staff', LIST)
      await visible(page, '#booking-sheet-row').click()
      await visible(page, `#sheet-resource-${BOOKING_IDS.activityRoom}`).click()
      const date = addDays(shanghaiDate(new Date()), 2)
      await visible(page, `#sheet-day-${date}`).click()
      await expectText(page, '#sheet-summary', '共', 20_000)
      const text = await visible(page, '#booking-sheet-page').innerText()
      assert(!/刘晓燕|陈桂兰/.test(text), 'full names never appear on the day sheet')
      await shot('staff-sheet')
    },
  },
  {
    name: 'booking: staff pages in 长辈版 (day sheet, resource editor) meet the care-mode sizes',
    async run({ page, baseUrl, shot }) {
      await fillSeats(baseUrl, addDays(shanghaiDate(new Date()), 3), '20:00', 2)
      await open(page, baseUrl, 'o_demo_rc_staff', '#/pages/me/index')
      await visible(page, '#care-toggle').click()
      await page.waitForFunction(() => document.documentElement.style.fontSize === '20px')
      await open(page, baseUrl, 'o_demo_rc_staff', SHEET)
      await visible(page, `#sheet-resource-${BOOKING_IDS.activityRoom}`).waitFor({ timeout: 20_000 })
      await expectCareSizes(page, ['#booking-sheet-page .choice', '#checkin-btn'])
      await expectContrast(page, '#booking-sheet-page .choice')
      await shot('care-sheet')
      await open(page, baseUrl, 'o_demo_rc_staff', '#/subpackages/booking/pages/manage/index')
      await visible(page, `#manage-${BOOKING_IDS.activityRoom}`).click()
      await visible(page, '#manage-form').waitFor()
      await expectCareSizes(page, ['#manage-form .list-row', '#manage-save', '#manage-cancel'])
      // Fewer seats than booked for a day: the editor lists the affected bookings before saving.
      await visible(page, '#f-capacity input').fill('1')
      await visible(page, '#manage-save').click()
      await expectText(page, '#affected-sheet', '个预约会受影响', 20_000)
      await shot('care-manage-affected')
      await visible(page, '#affected-sheet-cancel').click()
    },
  },
  {
    name: 'booking: a grid worker books the 活动室 for 陈桂兰 after a phone call; she sees who made it, scans-ready QR in 长辈版, and cancels',
    async run({ page, baseUrl, shot }) {
      // Four days ahead, 10:00: a day and hour no other scenario books.
      const date = addDays(shanghaiDate(new Date()), 4)

      // 1. 周敏 (grid worker of buildings 1–4) opens 代人预约 from 首页, picks 4栋 and 陈*兰.
      await open(page, baseUrl, 'o_demo_grid_worker', HOME)
      await visible(page, '#portal-entry-booking-proxy-proxy').click({ timeout: 20_000 })
      await visible(page, '#proxy-buildings').waitFor({ timeout: 20_000 })
      assert(!(await visible(page, '#proxy-buildings').innerText()).includes('6栋'), 'another grid’s building is offered')
      await visible(page, '#proxy-buildings .choice').filter({ hasText: '4栋' }).click()
      const elder = visible(page, '.proxy-person').filter({ hasText: '陈*兰' }).first()
      await elder.waitFor({ timeout: 20_000 })
      assert((await elder.innerText()).includes('未记录同意'), `the row reads "${await elder.innerText()}", not 未记录同意`)
      assert(!(await visible(page, '#booking-proxy-page').innerText()).includes('陈桂兰'), 'a full name on the proxy page')
      await elder.click()
      await expectText(page, '#proxy-chosen', '陈*兰（4栋102）')
      assert((await visible(page, '.proxy-person').count()) === 0, 'the building’s list stays open after choosing')

      // 2. No agreement on record: the note of the phone call comes before any slot can be tapped.
      await expectText(page, '#proxy-agreement', '请先打电话征得本人同意')
      await shot('proxy-agreement')
      await visible(page, `#proxy-resource-${BOOKING_IDS.activityRoom}`).click()
      await expectText(page, '#proxy-note-first', '填写通话记录后')
      assert((await visible(page, '.slot-row').count()) === 0, 'slots offered before the phone note')
      await visible(page, '#proxy-note textarea').fill('12月1日上午电话，陈阿姨同意代约活动室')
      await visible(page, `#day-${date}`).click()
      await visible(page, '#slot-1000').click()
      await expectText(page, '#proxy-summary', '为 陈*兰（4栋102）')
      await expectText(page, '#proxy-summary', '可以查看和取消')
      await shot('proxy-summary')
      await visible(page, '#proxy-confirm-confirm').click()
      await expectText(page, '#proxy-result', '已为陈*兰预约成功', 20_000)
      await shot('proxy-done')

      // 3. 陈桂兰 (长辈版) sees it in 我的预约: who made it, and a QR a scanner reads back.
      await open(page, baseUrl, 'o_demo_elder', MINE)
      await page.waitForFunction(() => document.documentElement.style.fontSize === '20px', undefined, { timeout: 20_000 })
      const card = visible(page, '.mine-item').filter({ hasText: '网格员周*代约' }).first()
      await card.waitFor({ timeout: 20_000 })
      const id = (await card.getAttribute('id'))!.replace(/^mine-/, '')
      const digits = (await visible(page, `#checkin-${id} .checkin-code__digits`).innerText()).trim()
      const read = await scanQr(page, `#qr-${id}`)
      assert(read === `LB:${id}:${digits}`, `the QR on screen reads "${read}", expected LB:${id}:${digits}`)
      await expectMinSize(page, `#qr-${id}`, 280)
      await expectCareSizes(page, ['.mine-item .btn'])
      await shot('elder-proxy-booking-qr')

      // 4. She cancels it herself.
      await card.locator('.btn').filter({ hasText: '取消预约' }).click()
      await visible(page, '#cancel-sheet-confirm').click()
      await expectText(page, '#mine-note', '已取消')
    },
  },
  {
    name: 'booking: a family member finds 代人预约 in 预约服务 and books for 张建国; a tenant (the owner is not her family) is not offered it',
    async run({ page, baseUrl, shot }) {
      const date = addDays(shanghaiDate(new Date()), 5)
      // 刘晓燕 rents 6栋302: its owner is not her family (R6.7), so she has nobody to book for.
      const answered = page.waitForResponse((r) => r.url().includes('/functions/booking') && (r.request().postData() ?? '').includes('proxyTargets'), { timeout: 20_000 })
      await open(page, baseUrl, 'o_demo_resident', LIST)
      await answered
      await expectText(page, `#resource-${BOOKING_IDS.activityRoom}`, '室内活动室', 20_000)
      await pageSettled(page)
      assert((await visible(page, '#booking-proxy-row').count()) === 0, 'a resident with nobody to book for is offered 代人预约')

      // 张小明 uses 长辈版 for this one: the proxy page meets the care-mode sizes too.
      await open(page, baseUrl, 'o_demo_family', '#/pages/me/index')
      await visible(page, '#care-toggle').click({ timeout: 20_000 })
      await page.waitForFunction(() => document.documentElement.style.fontSize === '20px')
      await open(page, baseUrl, 'o_demo_family', LIST)
      await visible(page, '#booking-proxy-row').click({ timeout: 20_000 })
      const owner = visible(page, '.proxy-person').filter({ hasText: '张*国' }).first()
      await owner.waitFor({ timeout: 20_000 })
      await expectCareSizes(page, ['.proxy-person'])
      await expectContrast(page, '.proxy-person')
      await shot('care-family-proxy')
      assert((await owner.innerText()).includes('家人'), `the row reads "${await owner.innerText()}"`)
      assert((await visible(page, '#proxy-buildings').count()) === 0, 'a family member is offered buildings')
      await owner.click()
      await visible(page, `#proxy-resource-${BOOKING_IDS.library}`).click()
      await visible(page, `#day-${date}`).click()
      await expectCareSizes(page, ['#proxy-what .choice', '.slot-row'])
      await visible(page, '.slot-row.slot-row--open').first().click()
      await expectText(page, '#proxy-summary', '为 张*国')
      await visible(page, '#proxy-confirm-confirm').click()
      await expectText(page, '#proxy-result', '已为张*国预约成功', 20_000)
      await shot('family-proxy-done')

      await open(page, baseUrl, 'o_demo_owner', MINE)
      await expectText(page, '.mine-item', '家人张*明代约', 20_000)

      // 张小明 back to the normal mode: later scenarios of other features use his account.
      await open(page, baseUrl, 'o_demo_family', '#/pages/me/index')
      await visible(page, '#care-toggle').click({ timeout: 20_000 })
      await page.waitForFunction(() => document.documentElement.style.fontSize === '16px')
    },
  },
]
