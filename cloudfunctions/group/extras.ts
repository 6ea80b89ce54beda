/** 接龙 chains, polls, and the residents' council agenda (议事厅). */
import { _, db } from '../_core/cloud'
import { findPage, getDoc, isDuplicateKey } from '../_core/data'
import { audit } from '../_core/audit'
import type { CallContext } from '../_core/context'
import type { Handlers } from '../_core/router'
import type { GroupContract } from '../../domain/group/contract'
import { AppError } from '../../domain/shared/errors'
import { maskName } from '../../domain/privacy/masking'
import { canTransition, checkTextOf } from '../../domain/group/rules'
import type { AgendaDoc, PostDoc } from './model'
import { inCommunity, loadGroup, requireParticipant, requirePoster, type Standing } from './standing'
import { basePost, insertPost, loadPost, viewOne } from './posts'
import { refuse, screen, takePersonalRate } from './screen'
import { agendaView, namesOf } from './views'
import { actionsOf, derivedOf } from './derived'
import { capabilityScope } from '../../domain/access/capabilities'

type H = Pick<Handlers<GroupContract>, 'chain.create' | 'chain.join' | 'chain.leave' | 'poll.create' | 'poll.vote' | 'agenda.raise' | 'agenda.list' | 'agenda.transition'>

function requireFuture(deadline: string, now: Date): Date {
  const d = new Date(deadline)
  if (d <= now) throw new AppError('VALIDATION_FAILED', '截止时间必须晚于现在', { fields: { deadline: ['截止时间必须晚于现在'] } })
  return d
}

async function createScreened(ctx: CallContext, groupId: string, kind: 'CHAIN' | 'POLL', text: string, checkParts: string[], extra: Partial<PostDoc>) {
  const s = await loadGroup(ctx, groupId)
  requirePoster(ctx, s)
  await takePersonalRate(ctx.openid, ctx.now)
  // Title and every field label / option in one check (R5.8): none may slip past.
  const v = await screen(ctx.openid, checkTextOf([text, ...checkParts]), ctx.now)
  if (v.outcome === 'REFUSE') {
    await audit(ctx, { communityId: s.group.communityId, event: `${kind.toLowerCase()}.refused`, target: groupId, details: { label: v.label } })
    refuse(v)
  }
  const post = await insertPost(ctx, { ...basePost(ctx, s.group, kind, text, [], v), ...extra })
  return { post: await viewOne(ctx, post, s.moderator) }
}

function requireOpen(ctx: CallContext, post: PostDoc, s: Standing) {
  if (post.status !== 'PUBLISHED') throw new AppError('CONFLICT', '这条帖子还未公开', { postId: post._id })
  requireParticipant(ctx, s)
}

export const extraHandlers: H = {
  async 'chain.create'({ groupId, text, fields, cap, deadline }, ctx) {
    const d = requireFuture(deadline, ctx.now)
    return createScreened(ctx, groupId, 'CHAIN', text, fields.map((f) => f.label), { chain: { cap, deadline: d, fields }, deadlineMs: d.getTime(), chainCount: 0, chainJoined: [], chainEntries: [] })
  },

  async 'chain.join'({ postId, values }, ctx) {
    const { post, ...s } = await loadPost(ctx, postId)
    if (!post.chain) throw new AppError('NOT_FOUND', '这不是接龙', { postId })
    requireOpen(ctx, post, s)
    const fields = post.chain.fields
    const unknown = Object.keys(values).filter((k) => !fields.some((f) => f.key === k))
    if (unknown.length) throw new AppError('VALIDATION_FAILED', '有不需要填写的内容', { fields: Object.fromEntries(unknown.map((k) => [`values.${k}`, ['不需要填写']])) })
    const bad: Record<string, string[]> = {}
    for (const f of fields) {
      const v = values[f.key] ?? ''
      if (f.kind === 'number' && v && !/^\d{1,4}$/.test(v)) bad[`values.${f.key}`] = ['请填写数字']
      if (f.kind === 'phone' && v && !/^1\d{10}$/.test(v)) bad[`values.${f.key}`] = ['请填写11位手机号']
    }
    if (Object.keys(bad).length) throw new AppError('VALIDATION_FAILED', '填写的内容有误，请检查', { fields: bad })
    if ((post.chainJoined ?? []).includes(ctx.openid)) return { post: await viewOne(ctx, post, s.moderator) }
    if (new Date(post.chain.deadline) <= ctx.now) throw new AppError('CONFLICT', '接龙已截止', { reason: 'CHAIN_CLOSED' })
    if ((post.chainCount ?? 0) >= post.chain.cap) throw new AppError('CONFLICT', '接龙已满', { reason: 'CHAIN_FULL', cap: post.chain.cap })
    const freeText = Object.entries(values).filter(([k]) => fields.find((f) => f.key === k)?.kind === 'text').map(([, v]) => v)
    if (freeText.some((t) => t.trim())) {
      const v = await screen(ctx.openid, checkTextOf(freeText), ctx.now, 2)
      if (v.outcome === 'REFUSE') refuse(v)
      if (v.outcome === 'HOLD') throw new AppError('CONFLICT', '填写的内容暂时无法通过内容检查，请稍后再试或修改', { reason: v.reason })
    }
    const entry = { openid: ctx.openid, nameMasked: maskName(ctx.user?.nickname ?? ctx.user?.realName ?? '') || '邻居', values, at: ctx.now }
    // One conditional update: below the cap, before the deadline, not yet in — atomic per document,
    // so racing joins each land once and never exceed the cap (R5.12), with no transaction retries.
    const r = (await db
      .collection('posts')
      .where({ _id: postId, chainCount: _.lt(post.chain.cap), chainJoined: _.neq(ctx.openid), deadlineMs: _.gt(ctx.now.getTime()) })
      .update({ data: { chainCount: _.inc(1), chainJoined: _.push([ctx.openid]), chainEntries: _.push([entry]) } })) as unknown as { stats: { updated: number } }
    const fresh = (await getDoc<PostDoc>('posts', postId))!
    if (r.stats.updated !== 1 && !(fresh.chainJoined ?? []).includes(ctx.openid)) {
      if (new Date(fresh.chain!.deadline) <= ctx.now) throw new AppError('CONFLICT', '接龙已截止', { reason: 'CHAIN_CLOSED' })
      throw new AppError('CONFLICT', '接龙已满', { reason: 'CHAIN_FULL', cap: post.chain.cap })
    }
    return { post: await viewOne(ctx, fresh, s.moderator) }
  },

  async 'chain.leave'({ postId }, ctx) {
    const { post, ...s } = await loadPost(ctx, postId)
    if (!post.chain) throw new AppError('NOT_FOUND', '这不是接龙', { postId })
    if (new Date(post.chain.deadline) <= ctx.now) throw new AppError('CONFLICT', '接龙已截止，不能退出', { reason: 'CHAIN_CLOSED' })
    // Only this person's element goes; a conditional update on membership keeps a racing retry from decrementing twice.
    await db
      .collection('posts')
      .where({ _id: postId, chainJoined: ctx.openid })
      .update({ data: { chainCount: _.inc(-1), chainJoined: _.pull(ctx.openid), chainEntries: _.pull({ openid: ctx.openid }) } })
    return { post: await viewOne(ctx, (await getDoc<PostDoc>('posts', postId))!, s.moderator) }
  },

  async 'poll.create'({ groupId, text, options, multiple, anonymous, deadline }, ctx) {
    const d = requireFuture(deadline, ctx.now)
    const opts = options.map((o, i) => ({ id: `o${i + 1}`, text: o }))
    return createScreened(ctx, groupId, 'POLL', text, options, {
      poll: { options: opts, multiple, anonymous, deadline: d },
      deadlineMs: d.getTime(),
      pollVoters: [],
      pollBallots: [],
      pollTally: Object.fromEntries(opts.map((o) => [o.id, 0])),
    })
  },

  async 'poll.vote'({ postId, choices }, ctx) {
    const { post, ...s } = await loadPost(ctx, postId)
    if (!post.poll) throw new AppError('NOT_FOUND', '这不是投票', { postId })
    requireOpen(ctx, post, s)
    const ids = [...new Set(choices)]
    const unknown = ids.filter((c) => !post.poll!.options.some((o) => o.id === c))
    if (unknown.length) throw new AppError('VALIDATION_FAILED', '选项不存在', { fields: { choices: [`不存在：${unknown.join(',')}`] } })
    if (!post.poll.multiple && ids.length > 1) throw new AppError('VALIDATION_FAILED', '这是单选投票', { fields: { choices: ['只能选一项'] } })
    if (new Date(post.poll.deadline) <= ctx.now) throw new AppError('CONFLICT', '投票已截止', { reason: 'POLL_CLOSED' })
    if ((post.pollVoters ?? []).includes(ctx.openid)) throw new AppError('CONFLICT', '您已经投过票了', { reason: 'ALREADY_VOTED' })
    const inc = Object.fromEntries(ids.map((c) => [`pollTally.${c}`, _.inc(1)]))
    // Anonymous polls keep who voted (one vote each) but never which choice is whose.
    const ballot = post.poll.anonymous ? { openid: '', choices: [] as string[] } : { openid: ctx.openid, choices: ids }
    const r = (await db
      .collection('posts')
      .where({ _id: postId, pollVoters: _.neq(ctx.openid), deadlineMs: _.gt(ctx.now.getTime()) })
      .update({ data: { pollVoters: _.push([ctx.openid]), ...(post.poll.anonymous ? {} : { pollBallots: _.push([ballot]) }), ...inc } })) as unknown as { stats: { updated: number } }
    if (r.stats.updated !== 1) throw new AppError('CONFLICT', '您已经投过票了', { reason: 'ALREADY_VOTED' })
    const fresh = (await getDoc<PostDoc>('posts', postId))!
    const view = await viewOne(ctx, fresh, s.moderator)
    // The voter's own choices of an anonymous poll are echoed once, never stored with their name.
    return { post: post.poll.anonymous ? { ...view, poll: { ...view.poll!, myChoices: ids } } : view }
  },

  async 'agenda.raise'({ postId, summary }, ctx) {
    const { post } = await loadPost(ctx, postId)
    if (post.status !== 'PUBLISHED') throw new AppError('CONFLICT', '只有已公开的帖子可以提交议事', { postId })
    if (!inCommunity(ctx, post.communityId)) throw new AppError('FORBIDDEN', '只有本社区的居民可以提交议事', {})
    const v = await screen(ctx.openid, summary, ctx.now)
    if (v.outcome === 'REFUSE') refuse(v)
    if (v.outcome === 'HOLD') throw new AppError('CONFLICT', '议题说明暂时无法通过内容检查，请稍后再试或修改', { reason: v.reason })
    const item: AgendaDoc = {
      _id: `ag_${postId}`,
      communityId: post.communityId,
      title: post.text.slice(0, 40),
      summary,
      postId,
      groupId: post.groupId,
      status: 'SUBMITTED',
      raisedBy: ctx.openid,
      meetingAt: null,
      outcome: null,
      followUp: null,
      history: [{ at: ctx.now, status: 'SUBMITTED', note: '居民提交' }],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    try {
      await db.collection('agenda_items').add({ data: item })
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      throw new AppError('CONFLICT', '这条帖子已经提交过议事', { itemId: item._id })
    }
    await db.collection('posts').doc(postId).update({ data: { agendaItemId: item._id } })
    await audit(ctx, { communityId: post.communityId, event: 'agenda.raised', target: item._id, details: { postId } })
    return { item: agendaView(item, await namesOf([ctx.openid])) }
  },

  async 'agenda.list'({ communityId, status }, ctx) {
    if (!inCommunity(ctx, communityId)) return { items: [] }
    const docs = await findPage<AgendaDoc>('agenda_items', status ? { communityId, status } : { communityId }, { orderBy: [['updatedAt', 'desc']], limit: 100 })
    const ids = docs.map((d) => d._id)
    const [names, derived, actions] = await Promise.all([namesOf(docs.map((d) => d.raisedBy)), derivedOf(ids, capabilityScope(ctx.roles, 'agenda.manage', communityId) !== null), actionsOf(communityId, ids)])
    return { items: docs.map((d) => agendaView(d, names, derived.get(d._id) ?? [], actions.get(d._id) ?? [])) }
  },

  async 'agenda.transition'({ communityId, itemId, to, note, meetingAt, outcome, followUp }, ctx) {
    const item = await getDoc<AgendaDoc>('agenda_items', itemId)
    if (!item || item.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到这个议题', { itemId })
    if (!canTransition(item.status, to)) throw new AppError('CONFLICT', `议题不能从“${item.status}”变为“${to}”`, { from: item.status, to })
    const patch: Partial<AgendaDoc> = { status: to, updatedAt: ctx.now }
    if (meetingAt) patch.meetingAt = new Date(meetingAt)
    if (outcome) patch.outcome = outcome
    if (followUp) patch.followUp = followUp
    const step = { at: ctx.now, status: to, note }
    // Conditional on the status read: two staff moving the same item cannot both apply.
    const r = (await db.collection('agenda_items').where({ _id: itemId, status: item.status }).update({ data: { ...patch, history: _.push([step]) } })) as unknown as { stats: { updated: number } }
    if (r.stats.updated !== 1) throw new AppError('CONFLICT', '议题刚被其他人更新，请刷新后再试', { itemId })
    await audit(ctx, { communityId, event: 'agenda.transition', target: itemId, details: { before: item.status, after: to, note } })
    const next = { ...item, ...patch, history: [...item.history, step] }
    return { item: agendaView(next, await namesOf([item.raisedBy])) }
  },
}
