/**
 * notice: compose and publish (msgSecCheck, scheduled publication), the residents' inbox with read
 * receipts per household and notice, 我已知晓, private questions, and the author's reach with the
 * unread households that become the grid worker's door-knock list (R5.6, R5.8, R7.3).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { imageFileIds } from '../media/contract'
import { AUDIENCE_RELATIONS, AUDIENCE_SCOPES, CARE_TAGS, DELIVERY_METHODS, NOTICE_CATEGORIES, NOTICE_STATUSES } from './model'

const category = z.enum(NOTICE_CATEGORIES)
const noticeId = z.string().min(1).max(80)
const idList = (item: z.ZodString) => z.array(item).max(500).optional()

export const audienceInput = z
  .object({
    scope: z.enum(AUDIENCE_SCOPES),
    gridIds: idList(ids.grid),
    buildingIds: idList(ids.building),
    unitIds: idList(ids.unit),
    tags: z.array(z.enum(CARE_TAGS)).max(CARE_TAGS.length).optional(),
    relation: z.enum(AUDIENCE_RELATIONS).optional(),
  })
  .strict()

/** Cloud file ids from the shared media upload (≤ 9, no repeats; the server checks they are the caller's own). */
const images = imageFileIds

const title = z.string().trim().min(2).max(40)
const body = z.string().trim().min(2).max(2000)

const inboxItem = z.object({
  id: z.string(),
  title: z.string(),
  category,
  excerpt: z.string(),
  authorName: z.string(),
  publishedAt: wireDate,
  expiresAt: wireDate.nullable(),
  pinned: z.boolean(),
  read: z.boolean(),
  ackRequired: z.boolean(),
  acknowledged: z.boolean(),
  /** Changed materially since this household read or acknowledged it. */
  updated: z.boolean(),
})

const authoredItem = z.object({
  id: z.string(),
  title: z.string(),
  category,
  status: z.enum(NOTICE_STATUSES),
  holdReason: z.enum(['REVIEW', 'CHECK_UNAVAILABLE']).nullable(),
  refusedReason: z.string().nullable(),
  authorName: z.string(),
  mine: z.boolean(),
  ackRequired: z.boolean(),
  addressed: z.number().int(),
  publishAt: wireDate,
  publishedAt: wireDate.nullable(),
  expiresAt: wireDate.nullable(),
  version: z.number().int(),
})

const question = z.object({
  id: z.string(),
  unitLabel: z.string(),
  text: z.string(),
  askedAt: wireDate,
  answer: z.string().nullable(),
  answeredAt: wireDate.nullable(),
})

const reach = z.object({
  addressed: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  delivered: z.number().int(),
  /** Read or delivered in person / on paper (R7.3): what "has it" means. */
  reached: z.number().int(),
  unread: z.number().int(),
  /** 'all' for the author, RC staff and admins; 'grids' when a grid worker sees their grids only. */
  scope: z.enum(['all', 'grids']),
})

export const noticeContract = defineFunction('notice', {
  publish: defineAction({
    summary:
      'Compose and publish (notice.publish; grid workers only to their grids, property staff only 物业). msgSecCheck on title and body: pass → published (or scheduled), review or check unavailable → held for a second staff member, risky → CONTENT_REFUSED with the reason. An audience without households → AUDIENCE_EMPTY; nothing written in either case.',
    input: z
      .object({
        communityId: ids.community,
        title,
        body,
        category,
        audience: audienceInput,
        images: images.default([]),
        ackRequired: z.boolean().default(false),
        /** Mandatory for 紧急: it is pinned until then. */
        expiresAt: z.iso.datetime().optional(),
        /** Later than now → scheduled; the publish-scheduled timer publishes it. */
        publishAt: z.iso.datetime().optional(),
        visitAfterDays: z.number().int().min(1).max(30).default(2),
        poke: z.boolean().default(false),
      })
      .strict()
      .refine((v) => v.category !== 'URGENT' || !!v.expiresAt, { message: '紧急通知必须设置截止时间', path: ['expiresAt'] }),
    output: z.object({ notice: authoredItem }),
    access: { capability: 'notice.publish', community: (i) => i.communityId },
    idempotent: true,
  }),
  update: defineAction({
    summary:
      'Edit a notice (the author; RC staff and admins in the community). Every edit is a version; a material edit (title, body, category, expiry; not declared minor) bumps the revision: reads and 我已知晓 of the old revision stop counting and residents are asked again.',
    input: z
      .object({
        noticeId,
        title: title.optional(),
        body: body.optional(),
        category: category.optional(),
        expiresAt: z.iso.datetime().nullable().optional(),
        minor: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ notice: authoredItem, material: z.boolean() }),
    access: 'member',
    idempotent: true,
  }),
  withdraw: defineAction({
    summary: 'Withdraw a notice (author, RC staff, admins): hidden from inboxes, kept with an audit record.',
    input: z.object({ noticeId, reason: z.string().trim().min(2).max(200) }).strict(),
    output: z.object({ notice: authoredItem }),
    access: 'member',
    idempotent: true,
  }),
  moderate: defineAction({
    summary: 'A second staff member (notice.moderate, not the author) releases or rejects a held notice (R5.8).',
    input: z
      .object({ noticeId, decision: z.enum(['APPROVE', 'REJECT']), reason: z.string().trim().max(200).optional() })
      .strict()
      .refine((v) => v.decision === 'APPROVE' || (v.reason ?? '').length >= 2, { message: '驳回需要填写理由', path: ['reason'] }),
    output: z.object({ notice: authoredItem }),
    access: 'member',
    idempotent: true,
  }),
  authored: defineAction({
    summary: "Notices the caller manages in a community: their own; RC staff and admins all; grid workers also those touching their grids. Newest first, 20 a page.",
    input: z.object({ communityId: ids.community, cursor: z.string().max(200).optional() }).strict(),
    output: z.object({ notices: z.array(authoredItem), nextCursor: z.string().nullable() }),
    access: { capability: 'notice.reach', community: (i) => i.communityId },
  }),
  list: defineAction({
    summary:
      "The inbox: published notices addressed to the caller's households, 紧急 pinned first until they expire, newest first, 20 a page by cursor, optional category filter.",
    input: z
      .object({ communityId: ids.community.optional(), cursor: z.string().max(200).optional(), category: category.optional() })
      .strict(),
    output: z.object({ notices: z.array(inboxItem), nextCursor: z.string().nullable() }),
    access: 'member',
  }),
  summary: defineAction({
    summary: 'For the tab badge and the home strip: unread notices among the latest 100 addressed to the caller, and the 紧急 and latest unread ones.',
    input: z.object({}).strict(),
    output: z.object({
      unread: z.number().int(),
      items: z.array(z.object({ id: z.string(), title: z.string(), urgent: z.boolean() })),
    }),
    access: 'member',
  }),
  get: defineAction({
    summary: "One notice addressed to the caller's household (or managed by the caller), with this household's receipt and its private questions.",
    input: z.object({ noticeId }).strict(),
    output: z.object({
      /** images: those this viewer may see (media check, R5.8); heldImages: how many are still 审核中 for them. */
      notice: inboxItem.extend({ body: z.string(), images: z.array(z.string()), heldImages: z.number().int(), version: z.number().int(), status: z.enum(NOTICE_STATUSES) }),
      questions: z.array(question),
      /** The caller can edit, withdraw and see reach. */
      manage: z.boolean(),
      addressedToMe: z.boolean(),
    }),
    access: 'member',
  }),
  markRead: defineAction({
    summary: "Record that the caller's household(s) read the notice: one receipt per household and notice, however many calls race.",
    input: z.object({ noticeId }).strict(),
    output: z.object({ households: z.number().int(), firstRead: z.boolean() }),
    access: 'member',
    purpose: 'household',
    idempotent: true,
  }),
  acknowledge: defineAction({
    summary: '我已知晓 for the current revision of a notice that asks for it, per household.',
    input: z.object({ noticeId }).strict(),
    output: z.object({ households: z.number().int(), acknowledgedAt: wireDate }),
    access: 'member',
    purpose: 'household',
    idempotent: true,
  }),
  ask: defineAction({
    summary: 'A private question to the author about a notice addressed to the caller’s household; visible to that household and the author only.',
    input: z.object({ noticeId, text: z.string().trim().min(2).max(300) }).strict(),
    output: z.object({ question }),
    access: 'member',
    purpose: 'household',
    idempotent: true,
  }),
  answer: defineAction({
    summary: 'The author (or RC staff / admin of the community) answers a question; the asking household sees it.',
    input: z.object({ questionId: z.string().min(1).max(120), text: z.string().trim().min(2).max(500) }).strict(),
    output: z.object({ question }),
    access: 'member',
    idempotent: true,
  }),
  reach: defineAction({
    summary:
      'Households addressed / read / acknowledged / delivered for one notice, counted with count() on indexed receipts (never by loading the audience). Author, RC staff and admins: all; grid workers: their grids only.',
    input: z.object({ noticeId }).strict(),
    output: reach,
    access: 'member',
  }),
  unreadHouseholds: defineAction({
    summary:
      "Addressed households in the caller's grids that neither read nor were reached in person, care tags first (tags shown to the grid's worker only, R4.10), with members (masked) for 查看电话 via access.reveal. 50 a page.",
    input: z.object({ noticeId, page: z.number().int().min(0).max(200).default(0) }).strict(),
    output: z.object({
      items: z.array(
        z.object({
          unitId: z.string(),
          unitLabel: z.string(),
          gridId: z.string().nullable(),
          priority: z.boolean(),
          tags: z.array(z.string()),
          members: z.array(z.object({ memberId: z.string(), nameMasked: z.string(), hasPhone: z.boolean() })),
        }),
      ),
      total: z.number().int(),
      hasMore: z.boolean(),
    }),
    access: 'member',
  }),
  markDelivered: defineAction({
    summary: '已上门送达 / 已纸质张贴 for one household (grid workers in their grids, RC staff): counts as reached. Audited.',
    input: z.object({ noticeId, unitId: ids.unit, method: z.enum(DELIVERY_METHODS) }).strict(),
    output: z.object({ unitId: z.string(), method: z.enum(DELIVERY_METHODS), deliveredAt: wireDate }),
    access: 'member',
    idempotent: true,
  }),
})
