/**
 * Areas are integers in 0.01 m² (architecture.md conventions). A decimal string is parsed digit by
 * digit — never through a float — so "89.5" is exactly 8950 and "0.29" exactly 29.
 */
export const MAX_UNIT_AREA_CENTI = 10_000 * 100

export type AreaParse = { ok: true; centi: number } | { ok: false; message: string }

export function parseAreaCenti(raw: string): AreaParse {
  const s = raw.trim()
  if (s === '') return { ok: false, message: '面积为空' }
  if (s.startsWith('-')) return { ok: false, message: '面积必须大于0' }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s)
  if (!m) return { ok: false, message: `面积“${s}”不是数字` }
  const frac = m[2] ?? ''
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) return { ok: false, message: `面积“${s}”最多保留两位小数` }
  const whole = m[1].replace(/^0+(?=\d)/, '')
  if (whole.length > 7) return { ok: false, message: `面积“${s}”超过10000 m²` }
  const centi = Number(whole) * 100 + Number((frac + '00').slice(0, 2))
  if (centi <= 0) return { ok: false, message: '面积必须大于0' }
  if (centi > MAX_UNIT_AREA_CENTI) return { ok: false, message: `面积“${s}”超过10000 m²，请核对` }
  return { ok: true, centi }
}
