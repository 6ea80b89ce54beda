/**
 * Calendar arithmetic in Asia/Shanghai whatever the server's zone (functions run in UTC in the
 * cloud; CI runs the suite with TZ=UTC). China has kept UTC+8 without daylight saving since 1991,
 * so a fixed offset is exact and needs no zone database in the bundles. Nothing here reads the
 * clock: callers pass `now`.
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60
const DAY_MS = 24 * 3600 * 1000

/** 'YYYY-MM-DD' with a real calendar day (no 2026-02-30, no time or zone suffix). */
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
/** 'HH:mm', 00:00–24:00 (24:00 only as a closing time). */
export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

export function isCalendarDate(date: string): boolean {
  if (!DATE_RE.test(date)) return false
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** Minutes since midnight for 'HH:mm'. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10)
}

/** The instant of a Shanghai wall-clock time on a date ('24:00' = next midnight). */
export function shanghaiInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d) + (minutesOf(time) - SHANGHAI_OFFSET_MINUTES) * 60_000)
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay()
  return wd === 0 ? 7 : wd
}

/** The Monday of the date's week (weekly quotas count Monday–Sunday, as people read a calendar). */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date))
}

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

/** 12月3日 周四 — how a day is read out on the booking pages. */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日 ${WEEKDAY_LABELS[isoWeekday(date)]}`
}

/** 'HH:mm' of an instant on the Shanghai wall clock (check-in windows, pauses). */
export function shanghaiTime(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(11, 16)
}
