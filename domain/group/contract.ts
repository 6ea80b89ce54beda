/**
 * group: neighbourhood groups, posts, comments, reactions, 接龙 chains, polls, moderation and the
 * residents' council agenda (议事厅) — issue #13. One cloud function; the action names are the
 * issue's: group actions are plain (`list` is group.list), the others carry their noun
 * (`post.create`, `chain.join`, `agenda.raise`). Everything a person writes for others to read goes
 * through msgSecCheck v2 with their openid (R5.8); held and refused content reaches only its author
 * and moderators. Names of other people are always masked (R4.9).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { imageFileIds } from '../media/contract'
import { AGENDA_STATUSES, GROUP_KINDS, GROUP_LIMITS as L, GROUP_STATUSES, POST_KINDS, POST_STATUSES, REACTIONS } from './rules'

const id = z.string().min(1).max(120)
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${max} 字`)
const future = wireDate

const groupView = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  kind: z.enum(GROUP_KINDS),
  status: z.enum(GROUP_STATUSES),
  description: z.string(),
  buildingId: z.string().nullable(),
  joined: z.boolean(),
  /** The caller may post here now (joined, active, not muted; official groups: only their members). */
  canPost: z.boolean(),
  /** The caller may moderate (group admin or a group.moderate role). */
  canModerate: z.boolean(),
  /** Why staff refused the proposal (proposer and moderators only) or closed the group (everyone who reads it). */
  reviewNote: z.string().nullable().default(null),
})

const moderationStep = z.object({ at: wireDate, action: z.string(), reason: z.string(), by: z.string() })
const chainView = z.object({
  cap: z.number().int(),
  deadline: wireDate,
  fields: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'number', 'phone']) })),
  count: z.number().int(),
  closed: z.boolean(),
  entries: z.array(z.object({ nameMasked: z.string(), values: z.record(z.string(), z.string()), mine: z.boolean(), at: wireDate })),
})
const pollView = z.object({
  options: z.array(z.object({ id: z.string(), text: z.string(), votes: z.number().int().nullable(), votersMasked: z.array(z.string()).nullable() })),
  multiple: z.boolean(),
  anonymous: z.boolean(),
  deadline: wireDate,
  closed: z.boolean(),
  myChoices: z.array(z.string()),
  resultsVisible: z.boolean(),
  voters: z.number().int().nullable(),
})
const postView = z.object({
  id: z.string(),
  groupId: z.string(),
  kind: z.enum(POST_KINDS),
  text: z.string(),
  /** Photos this viewer may see (visibleImages: passed, or held for the author and moderators). */
  images: z.array(z.string()),
  /** Photos held back from this viewer until the platform's check passes ("n 张图片审核中"). */
  imagesHeld: z.number().int().default(0),
  status: z.enum(POST_STATUSES),
  authorMasked: z.string(),
  mine: z.boolean(),
  pinned: z.boolean(),
  createdAt: wireDate,
  commentCount: z.number().int(),
  reactions: z.record(z.string(), z.number().int()),
  myReactions: z.array(z.string()),
  /** Only for the author and moderators: why it is held/hidden, and every moderation step. */
  note: z.string().nullable(),
  moderation: z.array(moderationStep),
  chain: chainView.nullable(),
  poll: pollView.nullable(),
  agendaItemId: z.string().nullable(),
})
const commentView = z.object({
  id: z.string(),
  postId: z.string(),
  replyTo: z.string().nullable(),
  text: z.string(),
  status: z.enum(POST_STATUSES),
  authorMasked: z.string(),
  mine: z.boolean(),
  createdAt: wireDate,
  note: z.string().nullable(),
})
/** Surveys and owners' decisions made from a post or an agenda item (their `origin`), read-only. */
const derivedView = z.object({ kind: z.enum(['survey', 'election']), id: z.string(), title: z.string() })
const agendaView = z.object({
  id: z.string(),
  communityId: z.string(),
  title: z.string(),
  summary: z.string(),
  postId: z.string().nullable(),
  groupId: z.string().nullable(),
  status: z.enum(AGENDA_STATUSES),
  statusLabel: z.string(),
  raisedByMasked: z.string(),
  meetingAt: wireDate.nullable(),
  outcome: z.string().nullable(),
  followUp: z.string().nullable(),
  history: z.array(z.object({ at: wireDate, status: z.enum(AGENDA_STATUSES), note: z.string() })),
  updatedAt: wireDate,
  /** Surveys / owners' decisions started from this item, and 你说我办 action items that carry it out. */
  derived: z.array(derivedView).default([]),
  actions: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })).default([]),
})

const chainField = z.object({ key: z.string().regex(/^[a-z][a-z0-9]{0,15}$/), label: text(10, '字段名称'), kind: z.enum(['text', 'number', 'phone']) }).strict()

export const groupContract = defineFunction('group', {
  list: defineAction({
    summary: 'Groups of a community the caller can see: their building group (joined automatically while an approved resident there), active interest and official groups, and proposals they made.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ groups: z.array(groupView) }),
    access: 'member',
  }),
  get: defineAction({
    summary: 'One group with the caller’s standing in it (muted until, removed with the reason).',
    input: z.object({ groupId: id }).strict(),
    output: z.object({ group: groupView, memberCount: z.number().int(), me: z.object({ mutedUntil: wireDate.nullable(), muteReason: z.string().nullable(), removedReason: z.string().nullable() }) }),
    access: 'member',
  }),
  join: defineAction({
    summary: 'Join an interest group, or rejoin one’s building group after leaving. Official groups are joined by holding the role.',
    input: z.object({ groupId: id }).strict(),
    output: z.object({ groupId: z.string(), joined: z.boolean() }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  leave: defineAction({
    summary: 'Leave a group (a building group too: it stays left until rejoined).',
    input: z.object({ groupId: id }).strict(),
    output: z.object({ groupId: z.string(), joined: z.boolean() }),
    access: 'member',
    idempotent: true,
  }),
  propose: defineAction({
    summary: 'Propose an interest group (广场舞, 书法 …); residents’ committee staff approve it. The proposer becomes its admin.',
    input: z.object({ communityId: ids.community, name: text(20, '群名称'), description: text(200, '群介绍') }).strict(),
    output: z.object({ group: groupView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  review: defineAction({
    summary: 'Approve or reject a proposed interest group; close (read-only), reopen or archive a group. Audited.',
    input: z
      .object({ communityId: ids.community, groupId: id, decision: z.enum(['APPROVE', 'REJECT', 'CLOSE', 'REOPEN', 'ARCHIVE']), reason: z.string().trim().max(200).optional() })
      .strict()
      .refine((i) => i.decision === 'APPROVE' || i.decision === 'REOPEN' || (i.reason ?? '').length > 0, { message: '请写明理由', path: ['reason'] }),
    output: z.object({ group: groupView }),
    access: { capability: 'group.review', community: (i) => i.communityId },
    idempotent: true,
  }),
  proposals: defineAction({
    summary: 'Interest groups awaiting approval (staff).',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ groups: z.array(groupView.extend({ proposedByMasked: z.string(), createdAt: wireDate })) }),
    access: { capability: 'group.review', community: (i) => i.communityId },
  }),
  members: defineAction({
    summary: 'Members of a group, names masked (R4.9), under-14s never listed (R4.7); paged.',
    input: z.object({ groupId: id, page: z.number().int().min(0).max(200).default(0) }).strict(),
    output: z.object({ members: z.array(z.object({ nameMasked: z.string(), admin: z.boolean(), mutedUntil: wireDate.nullable() })), total: z.number().int() }),
    access: 'member',
  }),
  'post.create': defineAction({
    summary: 'Write a post (≤ 2,000 characters, ≤ 9 images). msgSecCheck v2 decides: pass → PUBLISHED; review or check unavailable → HELD (only the author and moderators see it, with a note); risky → CONTENT_REFUSED with the reason, nothing published. Images (the caller’s own uploads) go to the platform’s media check and are shown to others only once passed; the author and moderators see them meanwhile. Rate-limited per person (R5.9).',
    input: z.object({ groupId: id, text: text(L.textMax, '内容'), images: imageFileIds.default([]) }).strict(),
    output: z.object({ post: postView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'post.list': defineAction({
    summary: 'A group’s feed, newest first, paged by cursor (the last id seen): new posts never shift a page. Pinned posts come first on the first page. The caller’s own held posts are included for them only.',
    input: z.object({ groupId: id, cursor: z.string().max(120).optional(), limit: z.number().int().min(1).max(50).default(L.pageSize) }).strict(),
    output: z.object({ pinned: z.array(postView), posts: z.array(postView), nextCursor: z.string().nullable() }),
    access: 'member',
  }),
  'post.get': defineAction({
    summary: 'A post with its comments (one level of replies), and the surveys and owners’ decisions made from it (their origin is this post).',
    input: z.object({ postId: id }).strict(),
    output: z.object({ post: postView, comments: z.array(commentView), derived: z.array(derivedView), canModerate: z.boolean() }),
    access: 'member',
  }),
  'post.comment': defineAction({
    summary: 'Comment on a post, or reply to a top-level comment (one level). Same checks as a post.',
    input: z.object({ postId: id, text: text(L.commentMax, '评论'), replyTo: id.optional() }).strict(),
    output: z.object({ comment: commentView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'post.react': defineAction({
    summary: 'Add or remove a reaction (like, thanks, agree) to a published post.',
    input: z.object({ postId: id, reaction: z.enum(REACTIONS), on: z.boolean() }).strict(),
    output: z.object({ postId: z.string(), reactions: z.record(z.string(), z.number().int()), myReactions: z.array(z.string()) }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'post.report': defineAction({
    summary: 'Report a post or comment to the moderators (once per person). Three reports hold it until a moderator decides.',
    input: z.object({ targetType: z.enum(['post', 'comment']), targetId: id, reason: text(200, '举报理由') }).strict(),
    output: z.object({ reported: z.boolean(), held: z.boolean() }),
    access: 'member',
    idempotent: true,
  }),
  'post.moderate': defineAction({
    summary: 'Moderators (group admins, group.moderate roles): publish a held item, hide or remove it, mute its author for a period, or remove the author from the group. Audited; the author sees the step and the reason.',
    input: z
      .object({
        targetType: z.enum(['post', 'comment']),
        targetId: id,
        action: z.enum(['PUBLISH', 'HIDE', 'REMOVE', 'MUTE', 'EXPEL']),
        reason: text(200, '理由'),
        muteDays: z.number().int().min(1).max(L.muteDaysMax).optional(),
      })
      .strict()
      .refine((i) => i.action !== 'MUTE' || i.muteDays !== undefined, { message: '请选择禁言天数', path: ['muteDays'] }),
    output: z.object({ status: z.enum(POST_STATUSES), mutedUntil: wireDate.nullable() }),
    access: 'member',
    idempotent: true,
  }),
  'post.pin': defineAction({
    summary: 'Pin or unpin a published post (group admins and moderators; at most 3 pinned).',
    input: z.object({ postId: id, pinned: z.boolean() }).strict(),
    output: z.object({ postId: z.string(), pinned: z.boolean() }),
    access: 'member',
    idempotent: true,
  }),
  'post.queue': defineAction({
    summary: 'The moderation queue of a community: held posts and comments, reported items, oldest first.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({
      items: z.array(z.object({ targetType: z.enum(['post', 'comment']), id: z.string(), groupId: z.string(), groupName: z.string(), text: z.string(), status: z.enum(POST_STATUSES), note: z.string().nullable(), reports: z.number().int(), authorMasked: z.string(), createdAt: wireDate })),
    }),
    access: { capability: 'group.moderate', community: (i) => i.communityId },
  }),
  'chain.create': defineAction({
    summary: '接龙: a post people sign up to, with optional fields that collect the minimum (≤ 3), a cap and a deadline. Title and field labels go through msgSecCheck.',
    input: z
      .object({ groupId: id, text: text(500, '接龙说明'), fields: z.array(chainField).max(L.chainFieldsMax).default([]), cap: z.number().int().min(1).max(L.chainCapMax), deadline: future })
      .strict()
      .refine((i) => new Set(i.fields.map((f) => f.key)).size === i.fields.length, { message: '字段不能重复', path: ['fields'] }),
    output: z.object({ post: postView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'chain.join': defineAction({
    summary: 'Sign up once. Racing joins each land once and never exceed the cap; past the deadline or the cap → CONFLICT, nothing written.',
    input: z.object({ postId: id, values: z.record(z.string().max(16), z.string().trim().max(50)).default({}) }).strict(),
    output: z.object({ post: postView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'chain.leave': defineAction({
    summary: 'Withdraw one’s entry before the deadline.',
    input: z.object({ postId: id }).strict(),
    output: z.object({ post: postView }),
    access: 'member',
    idempotent: true,
  }),
  'poll.create': defineAction({
    summary: 'A poll: single or multiple choice, anonymous or named, with a deadline; the question and every option go through msgSecCheck.',
    input: z
      .object({
        groupId: id,
        text: text(200, '投票问题'),
        options: z.array(text(40, '选项')).min(L.pollOptionsMin, `至少 ${L.pollOptionsMin} 个选项`).max(L.pollOptionsMax, `最多 ${L.pollOptionsMax} 个选项`),
        multiple: z.boolean().default(false),
        anonymous: z.boolean().default(true),
        deadline: future,
      })
      .strict()
      .refine((i) => new Set(i.options).size === i.options.length, { message: '选项不能重复', path: ['options'] }),
    output: z.object({ post: postView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'poll.vote': defineAction({
    summary: 'Vote once (one or several options of a multiple-choice poll) before the deadline; results show after voting or after close.',
    input: z.object({ postId: id, choices: z.array(z.string().min(1).max(20)).min(1).max(L.pollOptionsMax) }).strict(),
    output: z.object({ post: postView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'agenda.raise': defineAction({
    summary: '议事厅: raise a published post to the residents’ council agenda, its discussion linked (once per post).',
    input: z.object({ postId: id, summary: text(300, '议题说明') }).strict(),
    output: z.object({ item: agendaView }),
    access: 'member',
    purpose: 'community_groups',
    idempotent: true,
  }),
  'agenda.list': defineAction({
    summary: 'The council agenda of a community with each item’s status, newest first.',
    input: z.object({ communityId: ids.community, status: z.enum(AGENDA_STATUSES).optional() }).strict(),
    output: z.object({ items: z.array(agendaView) }),
    access: 'member',
  }),
  'agenda.transition': defineAction({
    summary: 'Staff move an item on: schedule it for a meeting, mark it discussed, record the decision, the follow-up and done (or decline it with a reason). Audited.',
    input: z
      .object({
        communityId: ids.community,
        itemId: id,
        to: z.enum(AGENDA_STATUSES),
        note: z.string().trim().max(500).default(''),
        meetingAt: wireDate.optional(),
        outcome: z.string().trim().max(500).optional(),
        followUp: z.string().trim().max(500).optional(),
      })
      .strict()
      .refine((i) => i.to !== 'SCHEDULED' || i.meetingAt !== undefined, { message: '请选择会议时间', path: ['meetingAt'] })
      .refine((i) => i.to !== 'DECIDED' || (i.outcome ?? '').length > 0, { message: '请填写议定结果', path: ['outcome'] })
      .refine((i) => i.to !== 'DONE' || (i.followUp ?? '').length > 0, { message: '请填写办理情况', path: ['followUp'] })
      .refine((i) => i.to !== 'DECLINED' || i.note.length > 0, { message: '请写明理由', path: ['note'] }),
    output: z.object({ item: agendaView }),
    access: { capability: 'agenda.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
})

export type GroupContract = typeof groupContract
export type GroupView = z.output<typeof groupView>
export type PostView = z.output<typeof postView>
export type CommentView = z.output<typeof commentView>
export type AgendaView = z.output<typeof agendaView>
export type DerivedView = z.output<typeof derivedView>
/** What handlers return (Dates), before the wire turns them into ISO strings. */
export type GroupViewIn = z.input<typeof groupView>
export type PostViewIn = z.input<typeof postView>
export type CommentViewIn = z.input<typeof commentView>
export type AgendaViewIn = z.input<typeof agendaView>
