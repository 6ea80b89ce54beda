/**
 * The check-in QR of 我的预约 (issue #11 item 3) decodes back to what the staff day sheet accepts:
 * the modules drawn the way CheckInQr draws them (runs per row, a 4-module quiet zone) are
 * rasterised and read by an independent decoder (jsQR), then parsed by the sheet's parseCheckIn.
 */
import { checkInPayload, checkInWindowText, parseCheckIn, qrModules, runsOf } from '../check-in-qr'
import { scan } from '../../../../../tests/integration/support/qr'

const samples = [
  ['bk_3f9a0c1d2e4b5a6978ff', '048213'],
  ['bk_00000000000000000000', '000000'],
  ['bk_ffffffffffffffffffff', '999999'],
] as const

test.each(samples)('the QR of %s / %s decodes to the payload the day sheet parses', (bookingId, code) => {
  const rows = qrModules(checkInPayload(bookingId, code)).map(runsOf)
  const read = scan(rows)
  expect(read).toBe(`LB:${bookingId}:${code}`)
  expect(parseCheckIn(read!)).toEqual({ bookingId, code })
})

test('a row of runs drawn with a colour flipped no longer reads as the payload', () => {
  // The decoder is not lenient enough to make the test above pass by accident.
  const rows = qrModules(checkInPayload('bk_3f9a0c1d2e4b5a6978ff', '048213')).map(runsOf)
  const broken = rows.map((runs, y) => (y >= 8 && y < 14 ? [0, ...runs] : runs))
  expect(scan(broken)).not.toBe('LB:bk_3f9a0c1d2e4b5a6978ff:048213')
})

test('every row of runs covers the symbol exactly, alternating from light', () => {
  const modules = qrModules(checkInPayload('bk_3f9a0c1d2e4b5a6978ff', '048213'))
  expect(modules.length).toBeGreaterThanOrEqual(21)
  for (const row of modules) {
    const runs = runsOf(row)
    expect(runs.reduce((a, n) => a + n, 0)).toBe(modules.length)
    // Runs alternate light, dark, …: none but the first may be empty (an empty one would shift the colours).
    expect(runs.slice(1).every((n) => n > 0)).toBe(true)
  }
  expect(runsOf([false, false, true, true, true, false])).toEqual([2, 3, 1])
})

test('a garbled scan or typed text is refused; six digits typed alone are accepted', () => {
  expect(parseCheckIn(' 048 213 ')).toEqual({ code: '048213' })
  expect(parseCheckIn('LB:bk_x:12345')).toBeNull()
  expect(parseCheckIn('https://example.com/LB:bk_x:123456')).toBeNull()
  expect(parseCheckIn('')).toBeNull()
})

test('a check-in outside its window says when check-in is open, on the Beijing clock', () => {
  expect(checkInWindowText('BOOKING_OUTSIDE_WINDOW', { reason: 'CHECK_IN_WINDOW', opensAt: '2026-12-07T02:45:00.000Z', closesAt: '2026-12-07T03:15:00.000Z' })).toBe(
    '不在签到时间内：签到时间 10:45—11:15（北京时间）',
  )
  // A booking date outside the horizon is another refusal: the generic text stays.
  expect(checkInWindowText('BOOKING_OUTSIDE_WINDOW', { reason: 'HORIZON' })).toBeNull()
  expect(checkInWindowText('NOT_FOUND', { reason: 'CHECK_IN_WINDOW' })).toBeNull()
})
