/** Post, comment and agenda views: others' names masked (R4.9), notes only for author and moderators. */
import { _ } from '../_core/cloud'
import { findAll } from '../_core/data'
import type { CallContext } from '../_core/context'
import type { UserDoc } from '../../domain/community/model'
import { maskName, maskPhone } from '../../domain/privacy/masking'
import { AGENDA_LABELS, pollResultsVisible } from '../../domain/group/rules'
import type { AgendaViewIn as AgendaView, CommentViewIn as CommentView, DerivedView, PostViewIn as PostView } from '../../domain/group/contract'
import type { AgendaDoc, CommentDoc, PostDoc } from './model'

export async function namesOf(openids: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(openids)]
  if (!ids.length) return new Map()
  const users = await findAll<UserDoc>('users', { _id: _.in(ids) }, { max: ids.length })
  return new Map(users.map((u) => [u._id, maskName(u.nickname ?? u.realName ?? '') || '邻居']))
}

/** `images`: what visibleImages let this viewer see; without it (no photos) nothing is shown. */
export function postView(ctx: CallContext, p: PostDoc, names: Map<string, string>, myReactions: string[], moderator: boolean, images: { shown: string[]; held: number } = { shown: [], held: 0 }): PostView {
  const mine = p.authorOpenid === ctx.openid
  const privileged = mine || moderator
  return {
    id: p._id,
    groupId: p.groupId,
    kind: p.kind,
    text: p.text,
    images: images.shown,
    imagesHeld: images.held,
    status: p.status,
    authorMasked: names.get(p.authorOpenid) ?? '邻居',
    mine,
    pinned: !!p.pinned,
    createdAt: p.createdAt,
    commentCount: p.commentCount ?? 0,
    reactions: p.reactions ?? {},
    myReactions,
    note: privileged ? p.note : null,
    moderation: privileged ? (p.moderation ?? []) : [],
    chain: p.chain
      ? {
          cap: p.chain.cap,
          deadline: p.chain.deadline,
          fields: p.chain.fields,
          count: p.chainCount ?? 0,
          closed: new Date(p.chain.deadline) <= ctx.now || (p.chainCount ?? 0) >= p.chain.cap,
          // "Collect the minimum, shown masked": phone fields are masked for everyone but the entrant.
          entries: (p.chainEntries ?? []).map((e) => ({
            nameMasked: e.nameMasked,
            mine: e.openid === ctx.openid,
            at: e.at,
            values: Object.fromEntries(
              Object.entries(e.values).map(([k, v]) => [k, e.openid !== ctx.openid && p.chain!.fields.find((f) => f.key === k)?.kind === 'phone' ? maskPhone(v) : v]),
            ),
          })),
        }
      : null,
    poll: p.poll ? pollView(ctx, p, names) : null,
    agendaItemId: p.agendaItemId ?? null,
  }
}

function pollView(ctx: CallContext, p: PostDoc, names: Map<string, string>): NonNullable<PostView['poll']> {
  const poll = p.poll!
  const voted = (p.pollVoters ?? []).includes(ctx.openid)
  const visible = pollResultsVisible(poll, voted, ctx.now)
  const ballots = p.pollBallots ?? []
  const mineBallot = ballots.find((b) => b.openid === ctx.openid)
  return {
    options: poll.options.map((o) => ({
      id: o.id,
      text: o.text,
      votes: visible ? (p.pollTally?.[o.id] ?? 0) : null,
      // Named polls show who chose what (masked); anonymous polls never do, to anyone.
      votersMasked: visible && !poll.anonymous ? ballots.filter((b) => b.choices.includes(o.id)).map((b) => names.get(b.openid) ?? '邻居') : null,
    })),
    multiple: poll.multiple,
    anonymous: poll.anonymous,
    deadline: poll.deadline,
    closed: new Date(poll.deadline) <= ctx.now,
    myChoices: mineBallot?.choices ?? [],
    resultsVisible: visible,
    voters: visible ? (p.pollVoters ?? []).length : null,
  }
}

/** Openids whose masked names a set of posts needs (authors, named poll voters). */
export function openidsOf(posts: PostDoc[]): string[] {
  return posts.flatMap((p) => [p.authorOpenid, ...(p.poll && !p.poll.anonymous ? (p.pollBallots ?? []).map((b) => b.openid) : [])])
}

export function commentView(ctx: CallContext, c: CommentDoc, names: Map<string, string>, moderator: boolean): CommentView {
  const mine = c.authorOpenid === ctx.openid
  return {
    id: c._id,
    postId: c.postId,
    replyTo: c.replyTo,
    text: c.text,
    status: c.status,
    authorMasked: names.get(c.authorOpenid) ?? '邻居',
    mine,
    createdAt: c.createdAt,
    note: mine || moderator ? c.note : null,
  }
}

export function agendaView(a: AgendaDoc, names: Map<string, string>, derived: DerivedView[] = [], actions: AgendaView['actions'] = []): AgendaView {
  return {
    id: a._id,
    communityId: a.communityId,
    title: a.title,
    summary: a.summary,
    postId: a.postId,
    groupId: a.groupId,
    status: a.status,
    statusLabel: AGENDA_LABELS[a.status],
    raisedByMasked: names.get(a.raisedBy) ?? '居民',
    meetingAt: a.meetingAt,
    outcome: a.outcome,
    followUp: a.followUp,
    history: a.history,
    updatedAt: a.updatedAt,
    derived,
    actions,
  }
}
