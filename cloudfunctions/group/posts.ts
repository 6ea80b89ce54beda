/** post.*: create, feed, detail, comments, reactions, reports, moderation, pinning, the queue. */
import { randomBytes } from 'node:crypto'
import { _, db } from '../_core/cloud'
import { findAll, findPage, getDoc, isDuplicateKey } from '../_core/data'
import { audit } from '../_core/audit'
import { withTransaction } from '../_core/transaction'
import type { CallContext } from '../_core/context'
import type { Handlers } from '../_core/router'
import type { GroupContract } from '../../domain/group/contract'
import { AppError } from '../../domain/shared/errors'
import { timeOrderedId, type Verdict } from '../../domain/group/rules'
import { assertOwnUploads, requestMediaChecks, visibleImagesOf } from '../_core/media-check'
import type { CommentDoc, GroupDoc, ModerationStep, PostDoc } from './model'
import { isModerator, loadGroup, requireParticipant, requirePoster, type Standing } from './standing'
import { commentView, namesOf, openidsOf, postView } from './views'
import { refuse, screen, takePersonalRate } from './screen'
import { setMember } from './groups'
import { derivedOf } from './derived'

type H = Pick<Handlers<GroupContract>, 'post.create' | 'post.list' | 'post.get' | 'post.comment' | 'post.react' | 'post.report' | 'post.moderate' | 'post.pin' | 'post.queue'>

const REPORTS_TO_HOLD = 3
const PINNED_MAX = 3

export const newPostId = (now: Date) => timeOrderedId('p_', now, randomBytes(5).toString('hex'))

/** The first moderation step, from the check's verdict. */
export function firstStep(v: Verdict, now: Date): { status: 'PUBLISHED' | 'HELD'; note: string | null; pendingCheck: boolean; moderation: ModerationStep[] } {
  if (v.outcome === 'PUBLISH') return { status: 'PUBLISHED', note: null, pendingCheck: false, moderation: [{ at: now, action: 'PASSED', reason: '通过内容安全检查', by: '内容安全检查' }] }
  if (v.outcome === 'REFUSE') throw new Error('refused content is never stored')
  return { status: 'HELD', note: v.note, pendingCheck: v.reason === 'UNAVAILABLE', moderation: [{ at: now, action: 'HELD', reason: v.note, by: '内容安全检查' }] }
}

/** Write a post once per request (journaled insert: a retried call never posts twice). */
export async function insertPost(ctx: CallContext, doc: PostDoc): Promise<PostDoc> {
  const id = await withTransaction(async (t) => {
    const { _id, ...data } = doc
    await t.collection('posts').doc(_id).set({ data })
    return _id
  })
  const stored = (await getDoc<PostDoc>('posts', id))!
  await audit(ctx, { communityId: doc.communityId, event: stored.status === 'PUBLISHED' ? 'post.published' : 'post.held', target: id, details: { kind: doc.kind, note: stored.note } })
  return stored
}

export function basePost(ctx: CallContext, g: GroupDoc, kind: PostDoc['kind'], text: string, images: string[], v: Verdict): PostDoc {
  return {
    _id: newPostId(ctx.now),
    groupId: g._id,
    communityId: g.communityId,
    authorOpenid: ctx.openid,
    kind,
    text,
    images,
    ...firstStep(v, ctx.now),
    pinned: false,
    commentCount: 0,
    reactions: {},
    reports: 0,
    createdAt: ctx.now,
    agendaItemId: null,
  }
}

/** A post the caller may see (published, or theirs, or they moderate); NOT_FOUND otherwise — held content does not leak. */
export async function loadPost(ctx: CallContext, postId: string): Promise<{ post: PostDoc } & Standing> {
  const post = await getDoc<PostDoc>('posts', postId)
  if (!post) throw new AppError('NOT_FOUND', '没有找到这条帖子', { postId })
  const s = await loadGroup(ctx, post.groupId)
  if (post.status !== 'PUBLISHED' && post.authorOpenid !== ctx.openid && !s.moderator) throw new AppError('NOT_FOUND', '没有找到这条帖子', { postId })
  return { post, ...s }
}

export async function viewOne(ctx: CallContext, post: PostDoc, moderator: boolean) {
  const [names, mine, [imgs]] = await Promise.all([namesOf(openidsOf([post])), myReactionsOf(ctx, [post._id]), imagesOf(ctx, [post], moderator)])
  return postView(ctx, post, names, mine.get(post._id) ?? [], moderator, imgs)
}

/** Each post's photos this viewer may see, one query for the page (the author sees their own held ones). */
export function imagesOf(ctx: CallContext, posts: PostDoc[], moderator: boolean) {
  return visibleImagesOf(ctx, posts.map((p) => p.images ?? []), { maySeeHeld: moderator })
}

async function myReactionsOf(ctx: CallContext, postIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (!postIds.length) return out
  const docs = await findPage<{ _id: string; postId: string; reaction: string }>('post_reactions', { openid: ctx.openid, postId: _.in(postIds) }, { limit: 100 })
  for (const d of docs) out.set(d.postId, [...(out.get(d.postId) ?? []), d.reaction])
  return out
}

const byLabel = (ctx: CallContext, g: GroupDoc) => (g.adminOpenids.includes(ctx.openid) ? '群管理员' : '居委会')

export const postHandlers: H = {
  async 'post.create'({ groupId, text, images }, ctx) {
    const s = await loadGroup(ctx, groupId)
    requirePoster(ctx, s)
    await assertOwnUploads(ctx, images, 'images') // someone else's photo id → VALIDATION_FAILED, nothing written
    await takePersonalRate(ctx.openid, ctx.now)
    const v = await screen(ctx.openid, text, ctx.now)
    if (v.outcome === 'REFUSE') {
      await audit(ctx, { communityId: s.group.communityId, event: 'post.refused', target: groupId, details: { label: v.label } })
      refuse(v)
    }
    const post = await insertPost(ctx, basePost(ctx, s.group, 'TEXT', text, images, v))
    // Photos go to the platform's asynchronous check (R5.8); until it passes, readers other than
    // the author and moderators get "n 张图片审核中" (visibleImages at read time). Unavailable → held.
    if (images.length) await requestMediaChecks(ctx, { fileIds: images, scene: 3 })
    return { post: await viewOne(ctx, post, s.moderator) }
  },

  async 'post.list'({ groupId, cursor, limit }, ctx) {
    const s = await loadGroup(ctx, groupId)
    // One indexed query per page whatever the group's size: ids sort by time, the cursor is the
    // last id seen, so posts arriving meanwhile (larger ids) cannot shift or repeat a page.
    // Moderators (a group admin too) also see what waits for them in the feed; hidden and removed
    // items stay on the author's side only.
    const visible = s.moderator ? _.or([{ status: _.in(['PUBLISHED', 'HELD']) }, { authorOpenid: ctx.openid }]) : _.or([{ status: 'PUBLISHED' }, { authorOpenid: ctx.openid }])
    const where = cursor ? _.and([{ groupId }, { _id: _.lt(cursor) }, visible]) : _.and([{ groupId }, visible])
    const [page, pinned] = await Promise.all([
      findPage<PostDoc>('posts', where as never, { orderBy: [['_id', 'desc']], limit: limit + 1 }),
      cursor ? Promise.resolve([] as PostDoc[]) : findPage<PostDoc>('posts', { groupId, status: 'PUBLISHED', pinned: true }, { orderBy: [['_id', 'desc']], limit: PINNED_MAX }),
    ])
    const posts = page.slice(0, limit)
    const all = [...pinned, ...posts]
    const [names, mine, imgs] = await Promise.all([namesOf(openidsOf(all)), myReactionsOf(ctx, [...new Set(all.map((p) => p._id))]), imagesOf(ctx, all, s.moderator)])
    const byPost = new Map(all.map((p, i) => [p, imgs[i]]))
    const view = (p: PostDoc) => postView(ctx, p, names, mine.get(p._id) ?? [], s.moderator, byPost.get(p))
    return { pinned: pinned.map(view), posts: posts.map(view), nextCursor: page.length > limit ? posts[posts.length - 1]._id : null }
  },

  async 'post.get'({ postId }, ctx) {
    const { post, moderator } = await loadPost(ctx, postId)
    const all = await findAll<CommentDoc>('post_comments', { postId }, { orderBy: [['createdAt', 'asc']], max: 500 })
    const comments = all.filter((c) => c.status === 'PUBLISHED' || c.authorOpenid === ctx.openid || moderator)
    const names = await namesOf([...openidsOf([post]), ...comments.map((c) => c.authorOpenid)])
    const [mine, derived, [imgs]] = await Promise.all([myReactionsOf(ctx, [postId]), derivedOf([postId], moderator), imagesOf(ctx, [post], moderator)])
    return { post: postView(ctx, post, names, mine.get(postId) ?? [], moderator, imgs), comments: comments.map((c) => commentView(ctx, c, names, moderator)), derived: derived.get(postId) ?? [], canModerate: moderator }
  },

  async 'post.comment'({ postId, text, replyTo }, ctx) {
    const { post, ...s } = await loadPost(ctx, postId)
    if (post.status !== 'PUBLISHED') throw new AppError('CONFLICT', '这条帖子还未公开，不能评论', { postId })
    requireParticipant(ctx, s)
    if (replyTo) {
      const parent = await getDoc<CommentDoc>('post_comments', replyTo)
      if (!parent || parent.postId !== postId) throw new AppError('VALIDATION_FAILED', '回复的评论不存在', { fields: { replyTo: ['不存在'] } })
      if (parent.replyTo) throw new AppError('VALIDATION_FAILED', '只能回复一层', { fields: { replyTo: ['只能回复一层评论'] } })
    }
    await takePersonalRate(ctx.openid, ctx.now)
    const v = await screen(ctx.openid, text, ctx.now, 2)
    if (v.outcome === 'REFUSE') {
      await audit(ctx, { communityId: post.communityId, event: 'comment.refused', target: postId, details: { label: v.label } })
      refuse(v)
    }
    const first = firstStep(v, ctx.now)
    const doc: CommentDoc = {
      _id: timeOrderedId('c_', ctx.now, randomBytes(5).toString('hex')),
      postId,
      groupId: post.groupId,
      communityId: post.communityId,
      authorOpenid: ctx.openid,
      replyTo: replyTo ?? null,
      text,
      ...first,
      counted: first.status === 'PUBLISHED',
      reports: 0,
      createdAt: ctx.now,
    }
    const id = await withTransaction(async (t) => {
      const { _id, ...data } = doc
      await t.collection('post_comments').doc(_id).set({ data })
      return _id
    })
    if (doc.counted && id === doc._id) await db.collection('posts').doc(postId).update({ data: { commentCount: _.inc(1) } })
    const stored = (await getDoc<CommentDoc>('post_comments', id))!
    await audit(ctx, { communityId: post.communityId, event: stored.status === 'PUBLISHED' ? 'comment.published' : 'comment.held', target: id })
    const names = await namesOf([ctx.openid])
    return { comment: commentView(ctx, stored, names, s.moderator) }
  },

  async 'post.react'({ postId, reaction, on }, ctx) {
    const { post, ...s } = await loadPost(ctx, postId)
    if (post.status !== 'PUBLISHED') throw new AppError('CONFLICT', '这条帖子还未公开', { postId })
    requireParticipant(ctx, s)
    const rid = `r_${postId}_${ctx.openid}_${reaction}`
    if (on) {
      try {
        await db.collection('post_reactions').add({ data: { _id: rid, postId, openid: ctx.openid, reaction, at: ctx.now } })
        await db.collection('posts').doc(postId).update({ data: { [`reactions.${reaction}`]: _.inc(1) } })
      } catch (e) {
        if (!isDuplicateKey(e)) throw e // already on
      }
    } else {
      const r = (await db.collection('post_reactions').where({ _id: rid }).remove()) as unknown as { stats: { removed: number } }
      if (r.stats.removed === 1) await db.collection('posts').doc(postId).update({ data: { [`reactions.${reaction}`]: _.inc(-1) } })
    }
    const fresh = (await getDoc<PostDoc>('posts', postId))!
    const mine = await myReactionsOf(ctx, [postId])
    return { postId, reactions: fresh.reactions ?? {}, myReactions: mine.get(postId) ?? [] }
  },

  async 'post.report'({ targetType, targetId, reason }, ctx) {
    const coll = targetType === 'post' ? 'posts' : 'post_comments'
    const target = await getDoc<PostDoc | CommentDoc>(coll, targetId)
    const postId = target ? (targetType === 'post' ? target._id : (target as CommentDoc).postId) : ''
    if (!target || target.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', '没有找到要举报的内容', { targetId })
    await loadPost(ctx, postId) // may the caller see it at all
    try {
      await db.collection('post_reports').add({ data: { _id: `rp_${targetId}_${ctx.openid}`, targetType, targetId, communityId: target.communityId, openid: ctx.openid, reason, handled: false, at: ctx.now } })
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      return { reported: false, held: target.status !== 'PUBLISHED' }
    }
    await db.collection(coll).doc(targetId).update({ data: { reports: _.inc(1) } })
    // Several neighbours reporting hold it until a moderator decides (conditional: once).
    const held = (await db.collection(coll).where({ _id: targetId, status: 'PUBLISHED', reports: _.gte(REPORTS_TO_HOLD) }).update({
      data: { status: 'HELD', note: '被多位邻居举报，等待工作人员处理', moderation: _.push([{ at: ctx.now, action: 'HELD', reason: '被多位邻居举报，等待工作人员处理', by: '邻居举报' }]) },
    })) as unknown as { stats: { updated: number } }
    await audit(ctx, { communityId: target.communityId, event: `${targetType}.reported`, target: targetId, details: { heldNow: held.stats.updated === 1 } })
    return { reported: true, held: held.stats.updated === 1 }
  },

  async 'post.moderate'({ targetType, targetId, action, reason, muteDays }, ctx) {
    const coll = targetType === 'post' ? 'posts' : 'post_comments'
    const target = await getDoc<PostDoc | CommentDoc>(coll, targetId)
    if (!target) throw new AppError('NOT_FOUND', '没有找到这条内容', { targetId })
    const group = await getDoc<GroupDoc>('groups', target.groupId)
    if (!group || !isModerator(ctx, group)) throw new AppError('FORBIDDEN', '只有群管理员和居委会工作人员可以处理', { targetId })
    const step: ModerationStep = { at: ctx.now, action, reason, by: byLabel(ctx, group) }
    let status = target.status
    let mutedUntil: Date | null = null
    if (action === 'PUBLISH' || action === 'HIDE' || action === 'REMOVE') {
      status = action === 'PUBLISH' ? 'PUBLISHED' : action === 'HIDE' ? 'HIDDEN' : 'REMOVED'
      const note = status === 'PUBLISHED' ? null : `${action === 'HIDE' ? '已被隐藏' : '已被删除'}：${reason}`
      await db.collection(coll).doc(targetId).update({ data: { status, note, pendingCheck: false, moderation: _.push([step]) } })
      if (targetType === 'comment') {
        const c = target as CommentDoc
        const delta = status === 'PUBLISHED' && !c.counted ? 1 : status !== 'PUBLISHED' && c.counted ? -1 : 0
        if (delta) {
          await db.collection('post_comments').doc(targetId).update({ data: { counted: delta > 0 } })
          await db.collection('posts').doc(c.postId).update({ data: { commentCount: _.inc(delta) } })
        }
      }
      await db.collection('post_reports').where({ targetId, handled: false }).update({ data: { handled: true, handledAt: ctx.now } })
    } else {
      // Mute for a period or remove from the group: the author sees it on the group and on this item.
      mutedUntil = action === 'MUTE' ? new Date(ctx.now.getTime() + muteDays! * 24 * 3600 * 1000) : null
      await setMember(group._id, group.communityId, target.authorOpenid, action === 'MUTE' ? { mutedUntil, muteReason: reason } : { state: 'REMOVED', removedReason: reason }, ctx.now)
      await db.collection(coll).doc(targetId).update({ data: { moderation: _.push([step]) } })
    }
    await audit(ctx, { communityId: group.communityId, event: `moderation.${action.toLowerCase()}`, target: targetId, details: { targetType, author: target.authorOpenid, reason, before: target.status, after: status, mutedUntil } })
    return { status, mutedUntil }
  },

  async 'post.pin'({ postId, pinned }, ctx) {
    const { post, moderator } = await loadPost(ctx, postId)
    if (!moderator) throw new AppError('FORBIDDEN', '只有群管理员可以置顶', { postId })
    if (pinned && post.status !== 'PUBLISHED') throw new AppError('CONFLICT', '只能置顶已公开的帖子', { postId })
    if (pinned && !post.pinned) {
      const current = await findPage<PostDoc>('posts', { groupId: post.groupId, pinned: true }, { limit: PINNED_MAX + 1 })
      if (current.length >= PINNED_MAX) throw new AppError('CONFLICT', `最多置顶 ${PINNED_MAX} 条`, { max: PINNED_MAX })
    }
    if (!!post.pinned !== pinned) {
      await db.collection('posts').doc(postId).update({ data: { pinned } })
      await audit(ctx, { communityId: post.communityId, event: pinned ? 'post.pinned' : 'post.unpinned', target: postId })
    }
    return { postId, pinned }
  },

  async 'post.queue'({ communityId }) {
    const [heldPosts, reportedPosts, heldComments, reportedComments] = await Promise.all([
      findPage<PostDoc>('posts', { communityId, status: 'HELD' }, { orderBy: [['_id', 'asc']], limit: 100 }),
      findPage<PostDoc>('posts', { communityId, status: 'PUBLISHED', reports: _.gt(0) }, { orderBy: [['_id', 'asc']], limit: 100 }),
      findPage<CommentDoc>('post_comments', { communityId, status: 'HELD' }, { orderBy: [['_id', 'asc']], limit: 100 }),
      findPage<CommentDoc>('post_comments', { communityId, status: 'PUBLISHED', reports: _.gt(0) }, { orderBy: [['_id', 'asc']], limit: 100 }),
    ])
    const items: { targetType: 'post' | 'comment'; d: PostDoc | CommentDoc }[] = [...heldPosts, ...reportedPosts].map((p) => ({ targetType: 'post' as const, d: p }))
    items.push(...[...heldComments, ...reportedComments].map((c) => ({ targetType: 'comment' as const, d: c as PostDoc | CommentDoc })))
    const groupIds = [...new Set(items.map((i) => i.d.groupId))]
    const groups = groupIds.length ? await findAll<GroupDoc>('groups', { _id: _.in(groupIds) }, { max: groupIds.length }) : []
    const gname = new Map(groups.map((g) => [g._id, g.name]))
    const names = await namesOf(items.map((i) => i.d.authorOpenid))
    return {
      items: items
        .sort((a, b) => new Date(a.d.createdAt).getTime() - new Date(b.d.createdAt).getTime())
        .map(({ targetType, d }) => ({ targetType, id: d._id, groupId: d.groupId, groupName: gname.get(d.groupId) ?? '', text: d.text, status: d.status, note: d.note, reports: d.reports ?? 0, authorMasked: names.get(d.authorOpenid) ?? '邻居', createdAt: d.createdAt })),
    }
  },
}
