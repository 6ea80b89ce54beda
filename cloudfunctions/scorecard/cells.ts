/**
 * Updating the precomputed scorecard cells (domain/scorecard/model.ts) inside the transaction of
 * the write that changes them, so a figure can never disagree with the repairs, ratings and
 * answers behind it, and reading a scorecard touches one document per period (issue #14 §3).
 */
import type { Txn } from '../_core/transaction'
import { cellId, emptyCell, type ScorecardCell } from '../../domain/scorecard/model'

export async function bumpCell(t: Txn, communityId: string, period: string, now: Date, change: (c: ScorecardCell) => void): Promise<void> {
  const ref = t.collection('scorecard_cells').doc(cellId(communityId, period))
  const found = ((await ref.get()) as { data: ScorecardCell | null }).data
  const cell: ScorecardCell = found ? { ...emptyCell(communityId, period, now), ...found } : emptyCell(communityId, period, now)
  change(cell)
  cell.updatedAt = now
  const { _id, ...data } = cell
  await ref.set({ data })
}

