/**
 * The owner register file (R2.1/R2.2), validated as a whole before anything is written.
 *
 * Columns (first row, zh headers; order free; full-width or ASCII brackets; the unit suffix optional):
 *   楼栋            building label, e.g. 1栋 / 1号楼
 *   房号            door number within the building, e.g. 302, P001
 *   面积(m²)        exclusive-part area, up to two decimals, 0 < area ≤ 10000 (R2.3)
 *   面积来源        不动产登记 | 实测 | 合同  (register > survey > contract, Interpretation Art. 8, R2.2)
 *   是否车位        是 | 否  (parking space, R2.3)
 *   开发商持有      是 | 否  (unsold: counted with the developer, R2.1)
 *   已交付          是 | 否  (sold but undelivered also counts with the developer, R2.1)
 *   权利人          holder names as on the certificate, separated by 、 (empty only when 开发商持有=是)
 *   证件号          their ID numbers in the same order, separated by 、 — hashed at once, never kept
 *
 * ID numbers are turned into hashes by the `hash` function passed in, inside this pass, so the raw
 * numbers never leave it (R4.2).
 */
import { AREA_SOURCES, type AreaSource } from '../community/model'
import { parseAreaCenti } from './area'
import { parseCsv } from './csv'
import { idChecksumValid, isIdNumberFormat, normalizeId } from './id-number'
import { looksLikeFormula, neutralizeFormula, unsafeTextProblem } from '../shared/text'

export const ROSTER_COLUMNS = {
  building: '楼栋',
  number: '房号',
  area: '面积(m²)',
  areaSource: '面积来源',
  isParking: '是否车位',
  developerHeld: '开发商持有',
  delivered: '已交付',
  holders: '权利人',
  ids: '证件号',
} as const
type ColumnKey = keyof typeof ROSTER_COLUMNS

export const AREA_SOURCE_LABELS: Record<string, AreaSource> = {
  不动产登记: 'REGISTER',
  不动产登记簿: 'REGISTER',
  登记: 'REGISTER',
  实测: 'SURVEY',
  实测面积: 'SURVEY',
  合同: 'CONTRACT',
  购房合同: 'CONTRACT',
}

export interface RosterIssue {
  line: number
  field: string
  message: string
}

export interface RosterRow {
  line: number
  building: string
  number: string
  area: number
  areaSource: AreaSource
  isParking: boolean
  /** As declared: unsold, still the developer's. */
  unsold: boolean
  delivered: boolean
  /** Holders in certificate order, ID numbers already hashed. */
  holders: { name: string; idHash: string }[]
}

export type RosterValidation =
  | { ok: true; rows: RosterRow[]; warnings: RosterIssue[] }
  | { ok: false; errors: RosterIssue[]; warnings: RosterIssue[] }

/** 面积（m²） / 面积(㎡) / 面积 → 面积 */
function headerKey(raw: string): ColumnKey | null {
  const h = raw.replace(/^\ufeff/, '').replace(/\s+/g, '').replace(/[（(][^)）]*[)）]/g, '')
  const bare = Object.entries(ROSTER_COLUMNS).find(([, label]) => label.replace(/\(.*\)/, '') === h)
  return bare ? (bare[0] as ColumnKey) : null
}

function yesNo(v: string): boolean | null {
  const s = v.trim()
  if (s === '是') return true
  if (s === '否') return false
  return null
}

function splitList(v: string): string[] {
  return v
    .split(/[、]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

export function validateRoster(text: string, hash: (idNumber: string) => string): RosterValidation {
  const errors: RosterIssue[] = []
  const warnings: RosterIssue[] = []
  const { records, error } = parseCsv(text)
  if (error) return { ok: false, errors: [{ line: error.line, field: '文件', message: error.message }], warnings }
  const nonEmpty = records.filter((r) => r.fields.some((f) => f.trim() !== ''))
  if (nonEmpty.length === 0) return { ok: false, errors: [{ line: 1, field: '文件', message: '文件为空' }], warnings }

  const [header, ...body] = nonEmpty
  const col = new Map<ColumnKey, number>()
  header.fields.forEach((h, i) => {
    const k = headerKey(h)
    if (k && !col.has(k)) col.set(k, i)
  })
  const missing = (Object.keys(ROSTER_COLUMNS) as ColumnKey[]).filter((k) => !col.has(k))
  if (missing.length) {
    return { ok: false, errors: missing.map((k) => ({ line: header.line, field: ROSTER_COLUMNS[k], message: `缺少列“${ROSTER_COLUMNS[k]}”` })), warnings }
  }
  if (body.length === 0) return { ok: false, errors: [{ line: header.line, field: '文件', message: '没有数据行' }], warnings }

  const rows: RosterRow[] = []
  const seen = new Map<string, number>()
  for (const r of body) {
    const get = (k: ColumnKey) => (r.fields[col.get(k)!] ?? '').trim()
    const bad = (k: ColumnKey, message: string) => errors.push({ line: r.line, field: ROSTER_COLUMNS[k], message })
    const before = errors.length

    // Labels are shown in lists and written to CSV again (issue #9 §7.11): no hidden characters,
    // and a value a spreadsheet would run as a formula is stored as text ('=… → '=…).
    const text = (k: ColumnKey): string => {
      const raw = get(k)
      const problem = unsafeTextProblem(raw)
      if (problem) bad(k, problem)
      if (!looksLikeFormula(raw)) return raw
      warnings.push({ line: r.line, field: ROSTER_COLUMNS[k], message: `“${raw.slice(0, 20)}”像表格公式，已按文本保存` })
      return neutralizeFormula(raw)
    }
    const building = text('building')
    const number = text('number')
    if (!building) bad('building', '楼栋为空')
    else if (building.length > 32) bad('building', '楼栋名称过长')
    if (!number) bad('number', '房号为空')
    else if (number.length > 16) bad('number', '房号过长')
    if (building && number) {
      const key = `${building}\u0000${number}`
      const first = seen.get(key)
      if (first !== undefined) bad('number', `${building}${number} 重复（与第${first}行相同）`)
      else seen.set(key, r.line)
    }

    const area = parseAreaCenti(get('area'))
    if (!area.ok) bad('area', area.message)

    const sourceRaw = get('areaSource')
    const areaSource = AREA_SOURCE_LABELS[sourceRaw]
    if (!sourceRaw) bad('areaSource', '面积来源为空')
    else if (!areaSource) bad('areaSource', `未知的面积来源“${sourceRaw}”（应为 不动产登记/实测/合同）`)

    const flags = { isParking: yesNo(get('isParking')), developerHeld: yesNo(get('developerHeld')), delivered: yesNo(get('delivered')) }
    for (const k of ['isParking', 'developerHeld', 'delivered'] as const) {
      if (flags[k] === null) bad(k, `应填“是”或“否”，实际为“${get(k)}”`)
    }

    const holderProblem = unsafeTextProblem(get('holders'))
    if (holderProblem) bad('holders', holderProblem)
    const names = splitList(get('holders')).map((n) => {
      if (!looksLikeFormula(n)) return n
      warnings.push({ line: r.line, field: ROSTER_COLUMNS.holders, message: `“${n.slice(0, 20)}”像表格公式，已按文本保存` })
      return neutralizeFormula(n)
    })
    const idList = splitList(get('ids'))
    const holders: { name: string; idHash: string }[] = []
    if (flags.developerHeld === true) {
      // Unsold units belong to the developer's single party (R2.1); holder columns are not used.
      if (names.length || idList.length) warnings.push({ line: r.line, field: ROSTER_COLUMNS.holders, message: '开发商持有的房屋不使用权利人和证件号，已忽略' })
    } else {
      if (names.length === 0) bad('holders', '权利人为空')
      if (idList.length === 0) bad('ids', '证件号为空')
      if (names.length && idList.length && names.length !== idList.length) {
        bad('ids', `权利人${names.length}人，证件号${idList.length}个，数量不一致`)
      }
      idList.forEach((raw, i) => {
        if (!isIdNumberFormat(raw)) bad('ids', `第${i + 1}个证件号格式不正确（应为18位）`)
        else if (!idChecksumValid(raw)) warnings.push({ line: r.line, field: ROSTER_COLUMNS.ids, message: `第${i + 1}个证件号校验位不符，请核对` })
      })
      if (names.some((n) => n.length > 50)) bad('holders', '权利人姓名过长')
      if (errors.length === before) names.forEach((name, i) => holders.push({ name, idHash: hash(normalizeId(idList[i])) }))
    }

    if (errors.length === before && area.ok && areaSource) {
      rows.push({
        line: r.line,
        building,
        number,
        area: area.centi,
        areaSource,
        isParking: flags.isParking!,
        unsold: flags.developerHeld!,
        delivered: flags.delivered!,
        holders,
      })
    }
  }
  return errors.length ? { ok: false, errors, warnings } : { ok: true, rows, warnings }
}

export { AREA_SOURCES }
