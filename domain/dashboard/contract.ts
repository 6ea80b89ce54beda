/**
 * dashboard: the governance dashboard for residents'-committee staff and admins (dashboard.view,
 * issue #15). Figures are read from aggregates the nightly timer maintains, never computed by
 * scanning collections on request; each carries its source and the field study's value.
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'

const figure = z.object({
  key: z.string(),
  group: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  count: z.number().nullable(),
  of: z.number().nullable(),
  suppressed: z.boolean(),
  available: z.boolean(),
  source: z.string(),
  baseline: z.object({ value: z.number(), statement: z.string(), source: z.string() }).nullable(),
  note: z.string().nullable(),
})

export const dashboardContract = defineFunction('dashboard', {
  get: defineAction({
    summary: 'Figures of a community from the latest nightly aggregate, each beside the field study’s baseline where it has one, with a monthly trend.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({
      communityId: z.string(),
      month: z.string().nullable(),
      computedAt: wireDate.nullable(),
      figures: z.array(figure),
      trend: z.array(z.object({ month: z.string(), households: z.number(), activeHouseholds: z.number(), accounts: z.number() })),
      minCell: z.number(),
    }),
    access: { capability: 'dashboard.view', community: (i) => i.communityId },
  }),
  refresh: defineAction({
    summary: 'Run the nightly aggregation for one community now (after publishing a survey, say). Audited.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ communityId: z.string(), month: z.string(), computedAt: wireDate }),
    access: { capability: 'dashboard.view', community: (i) => i.communityId },
    idempotent: true,
  }),
})
