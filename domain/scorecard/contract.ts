/**
 * scorecard: the property company's public scorecard (issue #14 §3), read from precomputed cells.
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids } from '../shared/contract'
import { SATISFACTION_ITEMS } from './model'

const fig = z.object({ value: z.number().nullable(), n: z.number().int(), suppressed: z.boolean() })

const periodFigures = z.object({
  period: z.string(),
  items: z.array(z.object({ item: z.enum(SATISFACTION_ITEMS), label: z.string(), value: z.number().nullable(), n: z.number().int(), suppressed: z.boolean() })),
  repairRating: fig,
  responseKept: fig,
  completionKept: fig,
  reopenRate: fig,
  medianCompletionHours: fig,
  questionsAnswered: fig,
  medianAnswerHours: fig,
  repairsReported: z.number().int(),
})

export const scorecardContract = defineFunction('scorecard', {
  get: defineAction({
    summary: 'The scorecard of a community for its last periods (default 6 months, newest first): each figure with the number behind it; under 5 suppressed. Reads one precomputed document per period.',
    input: z.object({ communityId: ids.community, months: z.number().int().min(1).max(24).default(6) }).strict(),
    output: z.object({ periods: z.array(periodFigures), myRatingThisPeriod: z.boolean(), currentPeriod: z.string() }),
    access: 'member',
  }),
  rate: defineAction({
    summary: "A resident rates this month's property service (any of the satisfaction items, 1–5), once per month per account.",
    input: z
      .object({
        communityId: ids.community,
        scores: z.partialRecord(z.enum(SATISFACTION_ITEMS), z.number().int().min(1).max(5)),
      })
      .strict()
      .refine((i) => Object.keys(i.scores).length > 0, { message: '请至少评价一项', path: ['scores'] }),
    output: z.object({ period: z.string(), items: z.number().int() }),
    access: 'member',
    purpose: 'property_service',
    idempotent: true,
  }),
})
