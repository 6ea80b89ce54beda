/**
 * repair: 报事报修 (issue #14 §1). Residents report, property staff (a separate processor, R4.14)
 * work the queue and never see the household directory; the residents' committee sees what the
 * SLA timer escalated. Descriptions go through msgSecCheck (R5.8).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, safeText, wireDate } from '../shared/contract'
import { imageFileIds } from '../media/contract'
import { RATING_TAGS, REPAIR_ACTIONS, REPAIR_CATEGORIES, REPAIR_STATUSES } from './model'

const repairId = z.string().min(3).max(80).regex(/^[A-Za-z0-9_:-]+$/)

const historyEntry = z.object({
  at: wireDate,
  action: z.string(),
  from: z.enum(REPAIR_STATUSES).nullable(),
  to: z.enum(REPAIR_STATUSES),
  /** 报修人 / 物业 赵磊 / 系统: staff act in an official capacity and are named (issue #7 §16). */
  by: z.string(),
  note: z.string(),
})

export const repairView = z.object({
  id: z.string(),
  communityId: z.string(),
  category: z.enum(REPAIR_CATEGORIES),
  location: z.enum(['UNIT', 'COMMON']),
  /** The unit label for the reporter and staff (repairs are the property company's service data). */
  place: z.string(),
  description: z.string(),
  /** Photos this viewer may see (docs/media.md): passed ones, and held ones for the reporter. */
  photos: z.array(z.string()),
  /** Photos still being checked (or held) that this viewer is not shown: "n 张图片审核中". */
  photosHeld: z.number().int(),
  preferredTime: z.string(),
  callbackRequested: z.boolean(),
  status: z.enum(REPAIR_STATUSES),
  createdAt: wireDate,
  responseDueAt: wireDate,
  completionDueAt: wireDate,
  overdue: z.enum(['RESPONSE', 'COMPLETION']).nullable(),
  slaColour: z.enum(['red', 'amber', 'green', 'grey']),
  escalated: z.boolean(),
  assignee: z.string().nullable(),
  reopenCount: z.number().int(),
  rating: z.object({ score: z.number().int(), tags: z.array(z.string()) }).nullable(),
  /** Actions the caller may take now (buttons). */
  actions: z.array(z.enum(REPAIR_ACTIONS)),
  mine: z.boolean(),
})

const listItem = repairView.omit({ photos: true, photosHeld: true, description: true }).extend({ summary: z.string() })

export const repairContract = defineFunction('repair', {
  create: defineAction({
    summary:
      'A resident reports a repair in one of their homes or a common area: category, description (msgSecCheck), up to 6 photos already uploaded, preferred time, whether they want a call-back. Starts the SLA clock.',
    input: z
      .object({
        communityId: ids.community,
        /** One of the caller's approved homes: the private unit, or the building of the common area. */
        unitId: ids.unit,
        location: z.enum(['UNIT', 'COMMON']),
        /** Where in the common area (3栋电梯, 北门路灯); required for COMMON. */
        commonPlace: safeText(0, 40).optional(),
        category: z.enum(REPAIR_CATEGORIES),
        description: z.string().trim().min(4, '请至少写4个字说明问题').max(500),
        /** Cloud file ids the reporter uploaded first (media.prepareUpload + uploadFile); the server checks they are theirs. */
        photos: imageFileIds.refine((p) => p.length <= 6, '最多6张照片').default([]),
        preferredTime: safeText(0, 40).default(''),
        callbackRequested: z.boolean(),
      })
      .strict()
      .refine((i) => i.location === 'UNIT' || (i.commonPlace ?? '').length >= 2, { message: '请写明公共区域的位置', path: ['commonPlace'] }),
    output: z.object({ id: z.string(), status: z.enum(REPAIR_STATUSES), responseDueAt: wireDate, completionDueAt: wireDate, moderation: z.enum(['PASS', 'REVIEW']) }),
    access: 'member',
    purpose: 'property_service',
    idempotent: true,
  }),
  get: defineAction({
    summary: 'One repair with its timeline: the reporter, or property staff / residents’-committee staff of its community.',
    input: z.object({ id: repairId }).strict(),
    output: z.object({ repair: repairView, history: z.array(historyEntry), inspections: z.array(z.object({ at: wireDate, by: z.string(), result: z.enum(['PASS', 'FAIL']), note: z.string() })) }),
    access: 'member',
  }),
  list: defineAction({
    summary:
      "view 'mine': the caller's repairs; 'queue': property staff's queue of a community (status filter, overdue first); 'overdue': the overdue list; 'escalated': what the SLA timer escalated (still open by default), for residents'-committee staff. Paged by 20.",
    input: z
      .object({
        view: z.enum(['mine', 'queue', 'overdue', 'escalated']),
        communityId: ids.community.optional(),
        /** OPEN: still the company's work; FINISHED: done or confirmed (what a quality check looks at). */
        status: z.enum(['OPEN', 'FINISHED', 'ALL', ...REPAIR_STATUSES]).default('OPEN'),
        page: z.number().int().min(0).max(500).default(0),
      })
      .strict()
      .refine((i) => i.view === 'mine' || !!i.communityId, { message: '请指定社区', path: ['communityId'] }),
    output: z.object({ items: z.array(listItem), hasMore: z.boolean() }),
    access: 'member',
  }),
  counts: defineAction({
    summary: 'Staff work counts for the home tab: new (submitted or reopened) and overdue repairs of a community.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ fresh: z.number().int(), overdue: z.number().int() }),
    access: { capability: 'repair.handle', community: (i) => i.communityId },
  }),
  transition: defineAction({
    summary:
      'A step of the state machine (domain/repair/model.ts TRANSITIONS): staff accept, assign (note = who), start, complete; the reporter confirms, reopens (note = why) or cancels. Illegal steps → CONFLICT; the wrong person → FORBIDDEN. Every step is kept with who, when and the note.',
    input: z
      .object({
        id: repairId,
        action: z.enum(REPAIR_ACTIONS),
        note: safeText(0, 200).default(''),
        /** The status the caller saw: a stale screen cannot act on a repair that moved on. */
        expectedStatus: z.enum(REPAIR_STATUSES).optional(),
      })
      .strict(),
    output: z.object({ id: z.string(), status: z.enum(REPAIR_STATUSES) }),
    access: 'member',
    idempotent: true,
  }),
  rate: defineAction({
    summary: 'The reporter rates a confirmed repair once: 1–5 and reason tags. Counted into the scorecard at write time.',
    input: z.object({ id: repairId, score: z.number().int().min(1).max(5), tags: z.array(z.enum(RATING_TAGS)).max(8).default([]) }).strict(),
    output: z.object({ id: z.string(), score: z.number().int() }),
    access: 'member',
    purpose: 'property_service',
    idempotent: true,
  }),
  inspect: defineAction({
    summary: "Property staff record a quality check of a finished repair (pass/fail, note), kept apart from the resident's rating.",
    input: z.object({ id: repairId, result: z.enum(['PASS', 'FAIL']), note: safeText(0, 200).default('') }).strict(),
    output: z.object({ id: z.string(), inspections: z.number().int() }),
    access: 'member',
    idempotent: true,
  }),
})
