/**
 * The property scorecard (issue #14 §3): per community and period, precomputed cells that every
 * write updates (a rating, a repair step, an answer), so reading a scorecard is one document per
 * period and never a scan of repairs. Cells with fewer than 5 ratings are suppressed (a small
 * count would both mislead and point at individual residents).
 */
import { type RepairCategory } from '../repair/model'

export const SATISFACTION_ITEMS = ['ACCESS', 'CLEANING', 'GREENING', 'REPAIR', 'PATROL', 'PARKING', 'FEES'] as const
export type SatisfactionItem = (typeof SATISFACTION_ITEMS)[number]

export const ITEM_LABELS: Record<SatisfactionItem, string> = {
  ACCESS: '门禁',
  CLEANING: '保洁',
  GREENING: '绿化',
  REPAIR: '维修',
  PATROL: '巡逻',
  PARKING: '车辆管理',
  FEES: '收费透明',
}

export const MIN_CELL = 5

/** A count and a sum: enough for a mean, mergeable by addition. */
export interface Tally {
  n: number
  sum: number
}

/** One community × period: what the writes maintain (collection scorecard_cells). */
export interface ScorecardCell {
  _id: string
  communityId: string
  period: string
  items: Partial<Record<SatisfactionItem, Tally>>
  repairRating: Tally
  repairs: {
    created: number
    /** Accepted within the response limit / accepted at all (judged when accepted). */
    responseKept: number
    responseJudged: number
    /** Done within the completion limit / done at all (judged at the first completion). */
    completionKept: number
    completionJudged: number
    reopened: number
    /** Hours from report to first completion, as a histogram (hour → count; 720+ in '720'). */
    completionHours: Record<string, number>
  }
  questions: { asked: number; answered: number; answerHours: Record<string, number> }
  updatedAt: Date | string
}

export const cellId = (communityId: string, period: string) => `${communityId}:${period}`

export function emptyCell(communityId: string, period: string, now: Date): ScorecardCell {
  return {
    _id: cellId(communityId, period),
    communityId,
    period,
    items: {},
    repairRating: { n: 0, sum: 0 },
    repairs: { created: 0, responseKept: 0, responseJudged: 0, completionKept: 0, completionJudged: 0, reopened: 0, completionHours: {} },
    questions: { asked: 0, answered: 0, answerHours: {} },
    updatedAt: now,
  }
}

export const hourBucket = (ms: number) => String(Math.min(720, Math.max(0, Math.floor(ms / 3_600_000))))

/** The median of a histogram (the bucket holding the middle value), or null when empty. */
export function histogramMedian(h: Record<string, number>): number | null {
  const entries = Object.entries(h).map(([k, v]) => [Number(k), v] as const).filter(([, v]) => v > 0).sort((a, b) => a[0] - b[0])
  const total = entries.reduce((s, [, v]) => s + v, 0)
  if (total === 0) return null
  let seen = 0
  for (const [k, v] of entries) {
    seen += v
    if (seen * 2 >= total) return k
  }
  return entries[entries.length - 1][0]
}

export type Figure = { value: number | null; n: number; suppressed: boolean }

/** A figure with the count behind it; under MIN_CELL it is suppressed (value null). */
export function figure(value: number | null, n: number): Figure {
  if (n < MIN_CELL) return { value: null, n, suppressed: true }
  return { value: value === null ? null : Math.round(value * 100) / 100, n, suppressed: false }
}

export const ratio = (a: number, b: number) => (b === 0 ? null : a / b)

export function cellFigures(c: ScorecardCell) {
  const items = SATISFACTION_ITEMS.map((item) => {
    const t = c.items[item] ?? { n: 0, sum: 0 }
    return { item, label: ITEM_LABELS[item], ...figure(ratio(t.sum, t.n), t.n) }
  })
  const r = c.repairs
  const completionN = Object.values(r.completionHours).reduce((s, v) => s + v, 0)
  const answerN = Object.values(c.questions.answerHours).reduce((s, v) => s + v, 0)
  return {
    period: c.period,
    items,
    repairRating: figure(ratio(c.repairRating.sum, c.repairRating.n), c.repairRating.n),
    responseKept: figure(ratio(r.responseKept, r.responseJudged), r.responseJudged),
    completionKept: figure(ratio(r.completionKept, r.completionJudged), r.completionJudged),
    reopenRate: figure(ratio(r.reopened, r.completionJudged), r.completionJudged),
    medianCompletionHours: figure(histogramMedian(r.completionHours), completionN),
    questionsAnswered: figure(ratio(c.questions.answered, c.questions.asked), c.questions.asked),
    medianAnswerHours: figure(histogramMedian(c.questions.answerHours), answerN),
    repairsReported: r.created,
  }
}

/** Repair categories that count into the 维修 satisfaction item's neighbour: all of them. */
export type { RepairCategory }
