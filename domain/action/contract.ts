/**
 * action: 你说我办 (issue #15) — a survey finding, a council agenda item or a pattern of incidents
 * becomes an action item with an owner, a due date and a status; residents of the community see
 * the list and its progress. Staff with action.manage create and update.
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { ACTION_STATUSES } from './model'

const status = z.enum(ACTION_STATUSES)
/**
 * Where an item came from: a survey (ref = survey id), an agenda item (ref = its id) or a pattern
 * of incidents (incidentIds: the reports behind it, whose reporters hear when it is closed).
 */
const source = z
  .object({
    kind: z.enum(['survey', 'agenda', 'incidents']),
    ref: z.string().max(80).nullable().default(null),
    label: z.string().trim().min(1, '请写明来源').max(100),
    incidentIds: z.array(z.string().min(1).max(80)).max(50).default([]),
  })
  .strict()
const day = z.string().regex(/^\d{4}-\d\d-\d\d$/, '日期格式为YYYY-MM-DD')

const item = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  source,
  ownerName: z.string(),
  dueDate: z.string(),
  status,
  progress: z.array(z.object({ at: wireDate, status, note: z.string() })),
  createdAt: wireDate,
  closedAt: wireDate.nullable(),
  /** For the caller: this item came from something they took part in (their incident report, a survey or agenda of their community). */
  fromYou: z.boolean(),
})

const manage = { capability: 'action.manage' as const }

export const actionContract = defineFunction('action', {
  create: defineAction({
    summary: 'Turn a finding into an action item with an owner and a due date. Audited.',
    input: z.object({ communityId: ids.community, title: z.string().trim().min(1, '请填写事项').max(100), description: z.string().trim().max(1000).default(''), source, ownerName: z.string().trim().min(1, '请填写负责人').max(40), dueDate: day }).strict(),
    output: item,
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  update: defineAction({
    summary: 'Record progress (a note, a new status, a new due date or owner). Closing an item (DONE) needs a note that tells residents what was done.',
    input: z
      .object({ communityId: ids.community, actionId: z.string().min(1).max(80), status: status.optional(), note: z.string().trim().min(1, '请写明进展').max(500), dueDate: day.optional(), ownerName: z.string().trim().min(1).max(40).optional() })
      .strict(),
    output: item,
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Action items of a community, open ones first, with their progress (residents and staff of the community).',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ items: z.array(item), canManage: z.boolean() }),
    access: 'member',
  }),
})
