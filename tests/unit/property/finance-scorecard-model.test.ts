/** Finance period rules (issue #14 §2) and scorecard suppression (§3). */
import { diffReports, fenToYuan, periodMonths, periodsOverlap, totalProblems, type FinanceReport } from '../../../domain/finance/model'
import { financeReport } from '../../../domain/finance/contract'
import { cellFigures, emptyCell, histogramMedian, MIN_CELL } from '../../../domain/scorecard/model'
import { applyItemScores, applyRepairStep } from '../../../domain/scorecard/apply'

const good: FinanceReport = {
  income: [{ category: '物业费', amountFen: 1000 }, { category: '停车费', amountFen: 250 }],
  incomeTotalFen: 1250,
  expenditure: [{ category: '工资', amountFen: 800 }],
  expenditureTotalFen: 800,
  commonIncome: [{ category: '电梯广告', amountFen: 100 }],
  commonIncomeTotalFen: 100,
  fund: { openingFen: 5000, depositsFen: 100, uses: [{ amountFen: 600, purpose: '电梯维修', decisionRef: '业主大会决议第1项' }], closingFen: 4500 },
}

test('periods: months, quarters, overlap', () => {
  expect(periodMonths('2026-Q2')).toEqual(['2026-04', '2026-06'])
  expect(periodMonths('2026-13')).toBeNull()
  expect(periodsOverlap('2026-05', '2026-Q2')).toBe(true)
  expect(periodsOverlap('2026-07', '2026-Q2')).toBe(false)
  expect(periodsOverlap('2026-Q1', '2026-Q1')).toBe(true)
})

test('totals must add up, fund closing = opening + deposits − uses', () => {
  expect(totalProblems(good)).toEqual({})
  const bad = { ...good, incomeTotalFen: 1251, fund: { ...good.fund, closingFen: 4600 } }
  expect(Object.keys(totalProblems(bad)).sort()).toEqual(['fund.closingFen', 'incomeTotalFen'])
})

test('the contract refuses negative and fractional fen, with field paths', () => {
  expect(financeReport.safeParse(good).success).toBe(true)
  const r = financeReport.safeParse({ ...good, income: [{ category: '物业费', amountFen: -1 }, { category: '停车费', amountFen: 2.5 }] })
  expect(r.success).toBe(false)
  const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
  expect(paths).toEqual(expect.arrayContaining(['income.0.amountFen', 'income.1.amountFen']))
})

test('a correction lists what changed', () => {
  const next = { ...good, income: [{ category: '物业费', amountFen: 1100 }, { category: '停车费', amountFen: 250 }], incomeTotalFen: 1350 }
  expect(diffReports(good, next)).toEqual([
    { path: 'income.物业费', before: 1000, after: 1100 },
    { path: 'incomeTotalFen', before: 1250, after: 1350 },
  ])
  expect(fenToYuan(123456789)).toBe('1,234,567.89')
})

test(`scorecard cells under ${MIN_CELL} ratings are suppressed`, () => {
  const c = emptyCell('c', '2026-11', new Date())
  for (let i = 0; i < MIN_CELL - 1; i++) applyItemScores(c, { CLEANING: 4, PATROL: 2 })
  expect(cellFigures(c).items.find((i) => i.item === 'CLEANING')).toMatchObject({ value: null, n: 4, suppressed: true })
  applyItemScores(c, { CLEANING: 5 })
  expect(cellFigures(c).items.find((i) => i.item === 'CLEANING')).toMatchObject({ value: 4.2, n: 5, suppressed: false })
  expect(cellFigures(c).items.find((i) => i.item === 'PATROL')).toMatchObject({ value: null, n: 4, suppressed: true })
})

test('completion is judged once; reopen rate counts a repair once; median from the histogram', () => {
  const c = emptyCell('c', '2026-11', new Date())
  const t0 = new Date('2026-11-01T00:00:00.000Z')
  const r = { createdAt: t0, responseDueAt: new Date(t0.getTime() + 3_600_000), completionDueAt: new Date(t0.getTime() + 10 * 3_600_000), firstDoneAt: null, reopenCount: 0 }
  applyRepairStep(c, r, 'complete', new Date(t0.getTime() + 5 * 3_600_000))
  applyRepairStep(c, r, 'reopen', new Date(t0.getTime() + 6 * 3_600_000))
  applyRepairStep(c, { ...r, firstDoneAt: t0, reopenCount: 1 }, 'complete', new Date(t0.getTime() + 20 * 3_600_000))
  applyRepairStep(c, { ...r, firstDoneAt: t0, reopenCount: 1 }, 'reopen', new Date(t0.getTime() + 21 * 3_600_000))
  expect(c.repairs).toMatchObject({ completionJudged: 1, completionKept: 1, reopened: 1, completionHours: { '5': 1 } })
  expect(histogramMedian({ '1': 2, '10': 1, '30': 2 })).toBe(10)
  expect(histogramMedian({})).toBeNull()
})
