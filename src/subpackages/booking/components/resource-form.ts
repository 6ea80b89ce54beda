/**
 * The resource editor's text fields ↔ the resource rules (booking.manage). Opening hours are typed
 * the way a notice board shows them — "09:00-12:00, 14:00-17:00" per weekday — and closures one
 * per line, "2027-01-01 元旦". Pure, so the parsing is tested without a page.
 */
import type { OpeningInterval, ResourceRules } from '@domain/booking/model'
import { isCalendarDate, minutesOf, TIME_RE } from '@domain/booking/time'

export const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const

export function hoursText(intervals: readonly OpeningInterval[] | undefined): string {
  return (intervals ?? []).map((i) => `${i.open}-${i.close}`).join(', ')
}

/** "09:00-12:00, 14:00-17:00" → intervals, or an error message. Empty = closed that day. */
export function parseHours(text: string): OpeningInterval[] | string {
  const parts = text.replace(/，/g, ',').replace(/[—–~至]/g, '-').split(',').map((p) => p.trim()).filter(Boolean)
  const out: OpeningInterval[] = []
  for (const p of parts) {
    const m = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(p)
    const pad = (t: string) => t.padStart(5, '0')
    if (!m || !TIME_RE.test(pad(m[1])) || !TIME_RE.test(pad(m[2]))) return `“${p}”应写成 09:00-12:00`
    if (minutesOf(pad(m[2])) <= minutesOf(pad(m[1]))) return `“${p}”结束时间应晚于开始时间`
    out.push({ open: pad(m[1]), close: pad(m[2]) })
  }
  return out
}

export function closuresText(closures: ResourceRules['closures']): string {
  return closures.map((c) => `${c.date} ${c.reason}`.trim()).join('\n')
}

/** One closure per line: "2027-01-01 元旦". */
export function parseClosures(text: string): ResourceRules['closures'] | string {
  const out: ResourceRules['closures'] = []
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [date, ...rest] = line.split(/\s+/)
    if (!isCalendarDate(date)) return `“${line}”应以日期开头，如 2027-01-01 元旦`
    out.push({ date, reason: rest.join(' ').slice(0, 40) || '闭馆' })
  }
  return out
}

/** A whole number in range from a text field, or null when empty and allowed. */
export function parseCount(text: string, min: number, max: number, optional = false): number | null | string {
  const t = text.trim()
  if (!t) return optional ? null : `请填写${min}—${max}之间的数字`
  const n = Number(t)
  if (!Number.isInteger(n) || n < min || n > max) return `请填写${min}—${max}之间的整数`
  return n
}
