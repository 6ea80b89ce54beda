/**
 * How each write changes a scorecard cell (issue #14 §3). The cloud functions apply these inside
 * the write's transaction; the seeds apply the same functions, so seeded cells agree with the
 * seeded repairs, ratings and answers.
 */
import type { RepairAction } from '../repair/model'
import { hourBucket, type SatisfactionItem, type ScorecardCell } from './model'

const inc = (h: Record<string, number>, key: string) => {
  h[key] = (h[key] ?? 0) + 1
}
const ms = (d: Date | string) => new Date(d).getTime()

export function applyRepairCreated(c: ScorecardCell): void {
  c.repairs.created++
}

/** The repair as it was before the step (its clocks and first completion decide the figures). */
export interface RepairBefore {
  createdAt: Date | string
  responseDueAt: Date | string
  completionDueAt: Date | string
  firstDoneAt: Date | string | null
  reopenCount: number
}

export function applyRepairStep(c: ScorecardCell, r: RepairBefore, action: RepairAction, now: Date): void {
  if (action === 'accept') {
    c.repairs.responseJudged++
    if (now.getTime() <= ms(r.responseDueAt)) c.repairs.responseKept++
  }
  // Completion is judged once, at the first completion; a reopening shows in the reopen rate.
  if (action === 'complete' && !r.firstDoneAt) {
    c.repairs.completionJudged++
    if (now.getTime() <= ms(r.completionDueAt)) c.repairs.completionKept++
    inc(c.repairs.completionHours, hourBucket(now.getTime() - ms(r.createdAt)))
  }
  // Repairs reopened at least once, of those completed.
  if (action === 'reopen' && r.reopenCount === 0) c.repairs.reopened++
}

export function applyRepairRating(c: ScorecardCell, score: number): void {
  c.repairRating.n++
  c.repairRating.sum += score
}

export function applyItemScores(c: ScorecardCell, scores: Partial<Record<SatisfactionItem, number>>): void {
  for (const [item, score] of Object.entries(scores) as [SatisfactionItem, number][]) {
    const tally = c.items[item] ?? { n: 0, sum: 0 }
    c.items[item] = { n: tally.n + 1, sum: tally.sum + score }
  }
}

export function applyQuestionAsked(c: ScorecardCell): void {
  c.questions.asked++
}

export function applyAnswer(c: ScorecardCell, askedAt: Date | string, now: Date): void {
  c.questions.answered++
  inc(c.questions.answerHours, hourBucket(now.getTime() - ms(askedAt)))
}
