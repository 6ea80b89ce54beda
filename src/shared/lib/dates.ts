/**
 * Dates cross the wire as JSON, so a contract's `z.date()` arrives as an ISO string even though
 * the inferred type says Date. Everything the UI shows goes through these, which accept both.
 */
export type WireDate = Date | string | number | null | undefined

export function toDate(value: WireDate): Date | null {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 2026-11-29 14:05 in the device's time zone; '' for a missing date. */
export function formatDateTime(value: WireDate): string {
  const d = toDate(value)
  if (!d) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function formatDate(value: WireDate): string {
  const d = toDate(value)
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : ''
}
