/**
 * The check-in QR of 我的预约 (issue #11 item 3): the payload `LB:<bookingId>:<code>` that the staff
 * day sheet scans (Taro.scanCode) or types (the 6 digits alone), and the QR matrix as rows of runs,
 * so the page draws it with a few plain views per row — no canvas, identical on weapp and H5, and
 * the encoder (uqr, pure JS) stays in the booking subpackage. Error correction M: a phone screen
 * under a scratched protector or glare still scans, at 25–29 modules a side for these payloads.
 */
import { encode } from 'uqr'
import { shanghaiTime } from '@domain/booking/time'

/** What the QR says; the server looks the booking up by id and checks the code (booking.checkIn). */
export function checkInPayload(bookingId: string, code: string): string {
  return `LB:${bookingId}:${code}`
}

/** What a scanned or typed code says: the QR payload `LB:<bookingId>:<code>`, or the 6 digits alone. */
export function parseCheckIn(text: string): { code: string; bookingId?: string } | null {
  const t = text.trim()
  const qr = /^LB:([A-Za-z0-9_-]+):(\d{6})$/.exec(t)
  if (qr) return { bookingId: qr[1], code: qr[2] }
  const digits = t.replace(/\s+/g, '')
  return /^\d{6}$/.test(digits) ? { code: digits } : null
}

/** The modules of the QR, true = dark, with no quiet zone (the page draws a white border of 4 modules). */
export function qrModules(text: string): boolean[][] {
  return encode(text, { ecc: 'M', border: 0 }).data
}

/** One row as alternating runs, starting with a light run (possibly 0 wide): [light, dark, light, …]. */
export function runsOf(row: readonly boolean[]): number[] {
  const runs: number[] = []
  let dark = false
  let n = 0
  for (const m of row) {
    if (m === dark) n++
    else {
      runs.push(n)
      dark = m
      n = 1
    }
  }
  runs.push(n)
  return runs
}

/** The quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4

/**
 * The day sheet's words for a refused check-in whose window is not open: the generic text for
 * BOOKING_OUTSIDE_WINDOW speaks of booking dates, which misleads staff holding a scanner, so say
 * when check-in opens and closes (Beijing time). null: not this refusal.
 */
export function checkInWindowText(code: string | undefined, details: unknown): string | null {
  const d = details as { reason?: string; opensAt?: string; closesAt?: string } | undefined
  if (code !== 'BOOKING_OUTSIDE_WINDOW' || d?.reason !== 'CHECK_IN_WINDOW') return null
  return d.opensAt && d.closesAt ? `不在签到时间内：签到时间 ${shanghaiTime(d.opensAt)}—${shanghaiTime(d.closesAt)}（北京时间）` : '不在签到时间内'
}
