/**
 * group: neighbourhood groups and the residents' council (issue #13). Handlers live by area —
 * groups.ts, posts.ts, extras.ts (接龙, polls, 议事厅) — and the recheck-held timer is the moderation
 * queue: content held because the check was unavailable is checked again, a bounded batch per run,
 * so the pipeline stays under the platform's limits (R5.8, R5.9).
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findPage } from '../_core/data'
import { groupContract } from '../../domain/group/contract'
import { GROUP_LIMITS } from '../../domain/group/rules'
import { groupHandlers } from './groups'
import { postHandlers } from './posts'
import { extraHandlers } from './extras'
import { screen } from './screen'
import type { CommentDoc, PostDoc } from './model'

const BATCH = 50

async function recheck(coll: 'posts' | 'post_comments', now: Date): Promise<Record<string, number>> {
  const out = { published: 0, review: 0, removed: 0, still: 0 }
  const pending = await findPage<PostDoc | CommentDoc>(coll, { pendingCheck: true, status: 'HELD' }, { orderBy: [['_id', 'asc']], limit: BATCH })
  for (const d of pending) {
    const v = await screen(d.authorOpenid, d.text, now, coll === 'posts' ? 3 : 2)
    if (v.outcome === 'HOLD' && v.reason === 'UNAVAILABLE') {
      out.still++
      continue
    }
    // Photos do not hold the text: they are filtered at read time until their own check passes.
    const status = v.outcome === 'PUBLISH' ? 'PUBLISHED' : v.outcome === 'REFUSE' ? 'REMOVED' : 'HELD'
    const note = status === 'PUBLISHED' ? null : v.outcome === 'REFUSE' ? v.note : v.outcome === 'HOLD' ? v.note : d.note
    const step = { at: now, action: status === 'PUBLISHED' ? 'PASSED' : status === 'REMOVED' ? 'REFUSED' : 'HELD', reason: note ?? '通过内容安全检查', by: '内容安全检查' }
    const r = (await db.collection(coll).where({ _id: d._id, pendingCheck: true }).update({ data: { status, note, pendingCheck: false, moderation: _.push([step]) } })) as unknown as { stats: { updated: number } }
    if (r.stats.updated === 1 && status === 'PUBLISHED' && coll === 'post_comments') {
      await db.collection('post_comments').doc(d._id).update({ data: { counted: true } })
      await db.collection('posts').doc((d as CommentDoc).postId).update({ data: { commentCount: _.inc(1) } })
    }
    if (r.stats.updated === 1) out[status === 'PUBLISHED' ? 'published' : status === 'REMOVED' ? 'removed' : 'review']++
  }
  return out
}

export const main = createFunction(groupContract, { ...groupHandlers, ...postHandlers, ...extraHandlers }, {
  async 'recheck-held'({ now }) {
    const posts = await recheck('posts', now)
    const comments = await recheck('post_comments', now)
    // Rate-limit windows older than a day are of no use.
    await db.collection('rate_limits').where({ at: _.lt(new Date(now.getTime() - 24 * 3600 * 1000 - GROUP_LIMITS.rateWindowMs)) }).remove()
    return { posts, comments }
  },
})
