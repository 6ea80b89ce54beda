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
