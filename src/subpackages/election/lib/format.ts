/** Small formatting shared by the election pages (areas in 0.01 m², dates as the server sends them). */
export type Totals = { heads: number; areaCentiM2: number }

export const m2 = (centi: number) => `${(centi / 100).toFixed(2)} 平方米`
export const totalsText = (x: Totals) => `${x.heads} 人 · ${m2(x.areaCentiM2)}`
export const CHOICE_LABEL: Record<string, string> = { YES: '同意', NO: '反对', ABSTAIN: '弃权' }

/** The date part of an ISO time, in China time (the server stores UTC). */
export function day(iso: string | null | undefined): string {
  if (!iso) return ''
  return new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

/** "YYYY-MM-DD" typed by staff → 09:00 China time that day; null when it is not a date. */
export function parseDay(text: string): Date | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim())
  if (!m) return null
  const d = new Date(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}T09:00:00+08:00`)
  return Number.isNaN(d.getTime()) ? null : d
}

export const daysFromNow = (n: number) => day(new Date(Date.now() + n * 24 * 3600 * 1000).toISOString())

/** Field messages of a VALIDATION_FAILED answer, by field name. */
export function fieldErrors(e: unknown): Record<string, string> {
  const fields = (e as { details?: { fields?: Record<string, string[]> } })?.details?.fields ?? {}
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0]]))
}
