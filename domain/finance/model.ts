/**
 * 物业收支公示 (issue #14 §2; Civil Code Art. 281–282: owners' right to know the maintenance fund
 * and the income of common parts). Pure rules: period keys, amounts in integer fen, totals that
 * add up, no overlap with a published period, and the diff a correction shows.
 */

/** '2026-03' (a month) or '2026-Q1' (a quarter). */
export const PERIOD_KEY = /^(\d{4})-(0[1-9]|1[0-2]|Q[1-4])$/

/** The months a period covers, as [first, last] 'YYYY-MM' (inclusive). */
export function periodMonths(key: string): [string, string] | null {
  const m = PERIOD_KEY.exec(key)
  if (!m) return null
  const year = m[1]
  if (m[2].startsWith('Q')) {
    const q = Number(m[2].slice(1))
    const first = (q - 1) * 3 + 1
    return [`${year}-${String(first).padStart(2, '0')}`, `${year}-${String(first + 2).padStart(2, '0')}`]
  }
  return [`${year}-${m[2]}`, `${year}-${m[2]}`]
}

export function periodLabel(key: string): string {
  const m = PERIOD_KEY.exec(key)
  if (!m) return key
  return m[2].startsWith('Q') ? `${m[1]}年第${m[2].slice(1)}季度` : `${m[1]}年${Number(m[2])}月`
}

/** Two periods share a month (a month inside a published quarter, or the same month twice). */
export function periodsOverlap(a: string, b: string): boolean {
  const x = periodMonths(a)
  const y = periodMonths(b)
  if (!x || !y) return false
  return x[0] <= y[1] && y[0] <= x[1]
}

export interface Line {
  category: string
  amountFen: number
}

export interface FundUse {
  amountFen: number
  purpose: string
  /** The owners' decision that approved it (e.g. 2026年第1次业主大会决议第3项). */
  decisionRef: string
}

/** What staff publish for one period; every amount is integer fen ≥ 0. */
export interface FinanceReport {
  income: Line[]
  incomeTotalFen: number
  expenditure: Line[]
  expenditureTotalFen: number
  /** Income from common parts (lifts' ads, parking on common land …), Civil Code Art. 282. */
  commonIncome: Line[]
  commonIncomeTotalFen: number
  fund: { openingFen: number; depositsFen: number; uses: FundUse[]; closingFen: number }
}

export const sumFen = (lines: readonly { amountFen: number }[]) => lines.reduce((s, l) => s + l.amountFen, 0)

/**
 * Totals that must add up, as field path → message (empty when consistent). Schema-level checks
 * (integers, ≥ 0) come first in the contract; this is the arithmetic.
 */
export function totalProblems(r: FinanceReport): Record<string, string> {
  const out: Record<string, string> = {}
  if (sumFen(r.income) !== r.incomeTotalFen) out.incomeTotalFen = `收入合计应为各项之和 ${sumFen(r.income)} 分`
  if (sumFen(r.expenditure) !== r.expenditureTotalFen) out.expenditureTotalFen = `支出合计应为各项之和 ${sumFen(r.expenditure)} 分`
  if (sumFen(r.commonIncome) !== r.commonIncomeTotalFen) out.commonIncomeTotalFen = `公共收益合计应为各项之和 ${sumFen(r.commonIncome)} 分`
  const closing = r.fund.openingFen + r.fund.depositsFen - sumFen(r.fund.uses)
  if (closing !== r.fund.closingFen) out['fund.closingFen'] = `维修资金期末余额应为 期初+存入−使用 = ${closing} 分`
  return out
}

export interface Change {
  path: string
  before: number | string | null
  after: number | string | null
}

function flatten(r: FinanceReport): Map<string, number | string> {
  const m = new Map<string, number | string>()
  const lines = (name: string, ls: readonly Line[]) => ls.forEach((l) => m.set(`${name}.${l.category}`, l.amountFen))
  lines('income', r.income)
  m.set('incomeTotalFen', r.incomeTotalFen)
  lines('expenditure', r.expenditure)
  m.set('expenditureTotalFen', r.expenditureTotalFen)
  lines('commonIncome', r.commonIncome)
  m.set('commonIncomeTotalFen', r.commonIncomeTotalFen)
  m.set('fund.openingFen', r.fund.openingFen)
  m.set('fund.depositsFen', r.fund.depositsFen)
  m.set('fund.closingFen', r.fund.closingFen)
  r.fund.uses.forEach((u, i) => m.set(`fund.uses.${i + 1}`, `${u.amountFen}|${u.purpose}|${u.decisionRef}`))
  return m
}

/** What a correction changed, line by line: shown with the new version (issue #14 §2). */
export function diffReports(before: FinanceReport, after: FinanceReport): Change[] {
  const a = flatten(before)
  const b = flatten(after)
  const keys = [...new Set([...a.keys(), ...b.keys()])]
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => ({ path: k, before: a.get(k) ?? null, after: b.get(k) ?? null }))
}

/** 123456 → '1,234.56' (yuan, for display). */
export function fenToYuan(fen: number): string {
  const neg = fen < 0
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`
}

/** Whole days a question has waited for an answer: unanswered questions age visibly. */
export function ageDays(askedAt: Date | string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(askedAt).getTime()) / 86_400_000))
}

/**
 * What staff type as yuan ('1234.5', '1,234.50', '12') → integer fen, or a problem in words.
 * Negative amounts, more than two decimals and anything not a number are refused here, before
 * the server refuses them again (issue #14 "Bad input"): staff think in yuan, the store in fen.
 */
export function yuanToFen(text: string): { fen: number } | { problem: string } {
  const t = text.trim().replace(/[,，\s]/g, '')
  if (t === '') return { problem: '请填写金额' }
  if (t.startsWith('-')) return { problem: '金额不能为负数' }
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return { problem: /^\d+\.\d{3,}$/.test(t) ? '金额最多两位小数（到分）' : '请填写数字金额，如 1234.50' }
  return { fen: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) }
}

const PART_LABELS: Record<string, string> = {
  income: '收入',
  expenditure: '支出',
  commonIncome: '公共收益',
  incomeTotalFen: '收入合计',
  expenditureTotalFen: '支出合计',
  commonIncomeTotalFen: '公共收益合计',
  'fund.openingFen': '维修资金期初余额',
  'fund.depositsFen': '维修资金本期存入',
  'fund.closingFen': '维修资金期末余额',
}

const valueText = (v: number | string | null) => {
  if (v === null) return '（无）'
  if (typeof v === 'number') return `${fenToYuan(v)}元`
  const [amount, purpose, ref] = v.split('|')
  return `${purpose} ${fenToYuan(Number(amount))}元（依据：${ref}）`
}

/** A correction's change in words, as residents read it: "收入·物业费：10,000.00元 → 11,000.00元". */
export function changeText(c: Change): string {
  const [head, ...rest] = c.path.split('.')
  const label = PART_LABELS[c.path] ?? (head === 'fund' && rest[0] === 'uses' ? `维修资金使用第${rest[1]}项` : `${PART_LABELS[head] ?? head}·${rest.join('.')}`)
  return `${label}：${valueText(c.before)} → ${valueText(c.after)}`
}
