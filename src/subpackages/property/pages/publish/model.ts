/**
 * The 发布收支 form as typed (yuan text) ↔ the report the server checks (integer fen). Pure, so
 * the page stays small and the conversion is tested on its own.
 */
import { diffReports, sumFen, yuanToFen, type Change, type FinanceReport } from '@domain/finance/model'
import { fenOf, linesTotal, type LineDraft } from '../../components/LineEditor'

export interface UseDraft {
  yuan: string
  purpose: string
  decisionRef: string
}

export interface FormDraft {
  periodKey: string
  income: LineDraft[]
  expenditure: LineDraft[]
  commonIncome: LineDraft[]
  openingYuan: string
  depositsYuan: string
  uses: UseDraft[]
}

const yuanText = (fen: number) => (fen / 100).toFixed(2)
const toDrafts = (lines: { category: string; amountFen: number }[]): LineDraft[] => lines.map((l) => ({ category: l.category, yuan: yuanText(l.amountFen) }))

export function emptyForm(periodKey: string): FormDraft {
  return {
    periodKey,
    income: [{ category: '物业费', yuan: '' }],
    expenditure: [{ category: '人员工资', yuan: '' }],
    commonIncome: [{ category: '电梯广告', yuan: '' }],
    openingYuan: '',
    depositsYuan: '',
    uses: [],
  }
}

/** A published report as the form shows it, for a correction. */
export function formOf(periodKey: string, r: FinanceReport): FormDraft {
  return {
    periodKey,
    income: toDrafts(r.income),
    expenditure: toDrafts(r.expenditure),
    commonIncome: toDrafts(r.commonIncome),
    openingYuan: yuanText(r.fund.openingFen),
    depositsYuan: yuanText(r.fund.depositsFen),
    uses: r.fund.uses.map((u) => ({ yuan: yuanText(u.amountFen), purpose: u.purpose, decisionRef: u.decisionRef })),
  }
}

/** The closing balance the figures imply: opening + deposits − uses (what the server requires). */
export function closingFen(f: FormDraft): number {
  return (fenOf(f.openingYuan) ?? 0) + (fenOf(f.depositsYuan) ?? 0) - f.uses.reduce((s, u) => s + (fenOf(u.yuan) ?? 0), 0)
}

/** Everything still wrong with the form, in words; empty when it can be published. */
export function formProblems(f: FormDraft): string[] {
  const out: string[] = []
  const amounts: [string, string][] = [
    ...(['income', 'expenditure', 'commonIncome'] as const).flatMap((k) => f[k].map((l, i) => [`${{ income: '收入', expenditure: '支出', commonIncome: '公共收益' }[k]}第${i + 1}项`, l.yuan] as [string, string])),
    ['维修资金期初余额', f.openingYuan],
    ['维修资金本期存入', f.depositsYuan],
    ...f.uses.map((u, i) => [`维修资金使用第${i + 1}项`, u.yuan] as [string, string]),
  ]
  for (const [what, yuan] of amounts) {
    const r = yuanToFen(yuan)
    if ('problem' in r) out.push(`${what}：${r.problem}`)
  }
  for (const k of ['income', 'expenditure', 'commonIncome'] as const) if (f[k].some((l) => !l.category.trim())) out.push('每一项都要写名目')
  const seen = (k: 'income' | 'expenditure' | 'commonIncome') => new Set(f[k].map((l) => l.category.trim())).size !== f[k].length
  if ((['income', 'expenditure', 'commonIncome'] as const).some(seen)) out.push('同一类里名目不能重复')
  f.uses.forEach((u, i) => {
    if (u.purpose.trim().length < 2) out.push(`维修资金使用第${i + 1}项：请写明用途`)
    if (u.decisionRef.trim().length < 2) out.push(`维修资金使用第${i + 1}项：请填写业主决定的文号或名称`)
  })
  if (closingFen(f) < 0) out.push('维修资金使用超过了余额')
  return [...new Set(out)]
}

/** The report to send (call only when formProblems is empty): totals computed, never typed twice. */
export function reportOf(f: FormDraft): FinanceReport {
  const lines = (ls: LineDraft[]) => ls.map((l) => ({ category: l.category.trim(), amountFen: fenOf(l.yuan) ?? 0 }))
  const uses = f.uses.map((u) => ({ amountFen: fenOf(u.yuan) ?? 0, purpose: u.purpose.trim(), decisionRef: u.decisionRef.trim() }))
  const r = {
    income: lines(f.income),
    expenditure: lines(f.expenditure),
    commonIncome: lines(f.commonIncome),
    fund: { openingFen: fenOf(f.openingYuan) ?? 0, depositsFen: fenOf(f.depositsYuan) ?? 0, uses, closingFen: closingFen(f) },
  }
  return { ...r, incomeTotalFen: sumFen(r.income), expenditureTotalFen: sumFen(r.expenditure), commonIncomeTotalFen: sumFen(r.commonIncome) }
}

/** What a correction would change against the published version (shown before publishing). */
export const pendingChanges = (published: FinanceReport, f: FormDraft): Change[] => diffReports(published, reportOf(f))
export { linesTotal }
