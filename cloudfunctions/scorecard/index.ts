/**
 * scorecard: the property company's public scorecard (issue #14 §3). get reads one precomputed
 * cell per period (scorecard_cells, kept current by the writes themselves: cells.ts), never the
 * repairs; rate adds one resident's monthly satisfaction scores into this month's cell.
 */
import { createHash } from 'node:crypto'
import { createFunction } from '../_core/router'
import { _ } from '../_core/cloud'
import { findPage, getDoc } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { bumpCell } from './cells'
import { applyItemScores } from '../../domain/scorecard/apply'
import { scorecardContract } from '../../domain/scorecard/contract'
import { cellFigures, cellId, emptyCell, type ScorecardCell } from '../../domain/scorecard/model'
import { periodOf } from '../../domain/repair/model'
import { AppError } from '../../domain/shared/errors'

/** The last `months` periods ending with `period` ('YYYY-MM'), newest first. */
export function lastPeriods(period: string, months: number): string[] {
  let [y, m] = period.split('-').map(Number)
  const out: string[] = []
  for (let i = 0; i < months; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m -= 1
    if (m === 0) {
      m = 12
      y -= 1
    }
  }
  return out
}

/** One account rates once a month; the id is a hash, so the rating does not name the person. */
const ratingId = (openid: string, communityId: string, period: string) => `sr_${createHash('sha256').update(`${openid}:${communityId}:${period}`).digest('hex').slice(0, 24)}`

export const main = createFunction(scorecardContract, {
  async get({ communityId, months }, ctx) {
    const current = periodOf(ctx.now)
    const periods = lastPeriods(current, months)
    const cells = await findPage<ScorecardCell>('scorecard_cells', { _id: _.in(periods.map((p) => cellId(communityId, p))) }, { limit: 24 })
    const byId = new Map(cells.map((c) => [c._id, c]))
    const mine = await getDoc('scorecard_ratings', ratingId(ctx.openid, communityId, current))
    return {
      currentPeriod: current,
      myRatingThisPeriod: !!mine,
      periods: periods.map((p) => cellFigures(byId.get(cellId(communityId, p)) ?? emptyCell(communityId, p, ctx.now))),
    }
  },

  async rate({ communityId, scores }, ctx) {
    if (!ctx.roles.some((r) => r.communityId === communityId && r.role === 'RESIDENT')) throw new AppError('FORBIDDEN', '本社区居民才能评价物业', { communityId })
    const period = periodOf(ctx.now)
    return withTransaction(async (t) => {
      const ref = t.collection('scorecard_ratings').doc(ratingId(ctx.openid, communityId, period))
      if (((await ref.get()) as { data: unknown }).data) throw new AppError('CONFLICT', '您本月已评价过，下月可再次评价', { period })
      await ref.set({ data: { communityId, period, openid: ctx.openid, scores, at: ctx.now } })
      await bumpCell(t, communityId, period, ctx.now, (c) => applyItemScores(c, scores))
      return { period, items: Object.keys(scores).length }
    })
  },
})
