/**
 * visit: the grid worker's 走访 (R7.4) — log a visit, list visits, keep follow-up schedules for
 * care households, and the overdue list (schedules past due and notice visit tasks, R7.3). All
 * scoped to the worker's grids (R7.2) and audited; health flags need a care basis (R4.10).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { VISIT_CHIPS, VISIT_FLAGS } from './model'

const visit = z.object({
  id: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  visitedAt: wireDate,
  visitorName: z.string(),
  chips: z.array(z.string()),
  note: z.string().nullable(),
  flags: z.array(z.string()),
})

export const visitContract = defineFunction('visit', {
  log: defineAction({
    summary: 'Record a visit to a household of the caller’s grids: date, chips, optional short note, flags. Updates its schedule and closes its open visit tasks. Audited.',
    input: z
      .object({
        communityId: ids.community,
        unitId: ids.unit,
        visitedAt: z.iso.datetime().optional(),
        chips: z.array(z.enum(VISIT_CHIPS)).min(1).max(VISIT_CHIPS.length),
        note: z.string().trim().max(200).optional(),
        flags: z.array(z.enum(VISIT_FLAGS)).max(VISIT_FLAGS.length).default([]),
      })
      .strict(),
    output: z.object({ visit, nextDueAt: wireDate.nullable(), tasksClosed: z.number().int() }),
    access: { capability: 'visit.log', community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Visits in the caller’s grids (one household or all), newest first, 50 a page. Health flags only to the grid’s own worker (R4.10).',
    input: z.object({ communityId: ids.community, unitId: ids.unit.optional(), page: z.number().int().min(0).max(200).default(0) }).strict(),
    output: z.object({ visits: z.array(visit), hasMore: z.boolean() }),
    access: { capability: 'visit.read', community: (i) => i.communityId },
  }),
  schedule: defineAction({
    summary: 'Start, change or stop the follow-up schedule of a care household (frequency from its tags and the community’s rules, or given).',
    input: z.object({ communityId: ids.community, unitId: ids.unit, everyDays: z.number().int().min(1).max(365).optional(), active: z.boolean().default(true) }).strict(),
    output: z.object({ unitId: z.string(), everyDays: z.number().int(), nextDueAt: wireDate, active: z.boolean() }),
    access: { capability: 'visit.log', community: (i) => i.communityId },
    idempotent: true,
  }),
  overdue: defineAction({
    summary: 'What is due in the caller’s grids: schedules past due (most overdue first) and open visit tasks from unread notices.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({
      schedules: z.array(z.object({ unitId: z.string(), unitLabel: z.string(), gridId: z.string().nullable(), tags: z.array(z.string()), nextDueAt: wireDate, daysOverdue: z.number().int(), lastVisitAt: wireDate.nullable() })),
      tasks: z.array(z.object({ id: z.string(), unitId: z.string(), unitLabel: z.string(), noticeId: z.string(), noticeTitle: z.string(), dueAt: wireDate })),
    }),
    access: { capability: 'visit.read', community: (i) => i.communityId },
  }),
})
