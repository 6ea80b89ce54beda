/**
 * dashboard (issue #15): governance figures per community beside the field study's baseline,
 * read from the aggregates of the nightly timer (aggregate.ts).
 */
import { createFunction } from '../_core/router'
import { findPage } from '../_core/data'
import { audit } from '../_core/audit'
import { dashboardContract } from '../../domain/dashboard/contract'
import { figuresFrom } from '../../domain/dashboard/figures'
import { MIN_CELL } from '../../domain/survey/model'
import { aggregateAll, aggregateCommunity, type StoredAggregate } from './aggregate'

export const main = createFunction(
  dashboardContract,
  {
    async get({ communityId }) {
      const docs = await findPage<StoredAggregate & { _id: string }>('dashboard_aggregates', { communityId }, { orderBy: [['month', 'desc']], limit: 12 })
      const latest = docs[0]
      if (!latest) return { communityId, month: null, computedAt: null, figures: [], trend: [], minCell: MIN_CELL }
      return {
        communityId,
        month: latest.month,
        computedAt: latest.computedAt,
        figures: figuresFrom(latest),
        trend: [...docs].reverse().map((d) => ({ month: d.month, households: d.households, activeHouseholds: d.activeHouseholds, accounts: d.accounts })),
        minCell: MIN_CELL,
      }
    },

    async refresh({ communityId }, ctx) {
      const doc = await aggregateCommunity(communityId, ctx.now)
      await audit(ctx, { communityId, event: 'dashboard.refreshed', target: communityId })
      return { communityId, month: doc.month, computedAt: doc.computedAt }
    },
  },
  {
    async 'dashboard-nightly'({ now }) {
      return aggregateAll(now)
    },
  },
)
