/**
 * The day picker of the booking pages: a short list of large day buttons (今天 / 明天 / 后天 and
 * 12月3日 周四), never a tiny calendar grid (issue #11: a 78-year-old in 长辈版 must manage it).
 * Dates are Shanghai calendar days as the server returns them (today … lastDate).
 */
import { addDays, dayLabel, daysBetween } from '@domain/booking/time'

export interface DayChoice {
  date: string
  label: string
}

const NEAR = ['今天', '明天', '后天']

export function dayChoices(today: string, lastDate: string, max = 14): DayChoice[] {
  const n = Math.min(max, daysBetween(today, lastDate) + 1)
  return Array.from({ length: Math.max(n, 0) }, (_x, i) => {
    const date = addDays(today, i)
    return { date, label: i < NEAR.length ? `${NEAR[i]} ${dayLabel(date).split(' ')[0]}` : dayLabel(date) }
  })
}

/** "12月3日 周四 15:00–16:00" for summaries and 我的预约. */
export function slotLabel(date: string, start: string, end: string): string {
  return `${dayLabel(date)} ${start}–${end}`
}

const RESULT_TEXT: Record<string, string> = {
  CONFIRMED: '预约成功',
  PENDING_APPROVAL: '已提交，等待工作人员审核',
  WAITLISTED: '已加入候补',
}

/** What the page says after booking.create: "预约成功：12月3日 周四 15:00–16:00", or the waitlist place. */
export function bookedText(b: { status: string; statusLabel: string; waitPosition: number | null; date: string; start: string; end: string }): string {
  const pos = b.waitPosition ? `（第${b.waitPosition}位）` : ''
  return `${RESULT_TEXT[b.status] ?? b.statusLabel}${pos}：${slotLabel(b.date, b.start, b.end)}`
}
