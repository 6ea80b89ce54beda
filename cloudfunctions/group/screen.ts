/**
 * Content security (R5.8, R5.9): msgSecCheck v2 with the author's openid, behind two limits — a
 * per-person rate (posts, comments, chains, polls) and an app-wide per-minute budget of checks.
 * Over the budget, or when the check fails in any way, the verdict is HOLD (fail closed); the
 * recheck-held timer takes such content up again. Counters are single conditional updates, atomic
 * under racing calls without a transaction.
 */
import { _, db } from '../_core/cloud'
import { checkContent } from '../_core/content-check'
import { isDuplicateKey } from '../_core/data'
import { AppError } from '../../domain/shared/errors'
import { GROUP_LIMITS as L, HOLD_NOTES, verdictOf, type Verdict } from '../../domain/group/rules'

/** Take one unit of a counter window; false when the window is full. */
async function take(id: string, limit: number, now: Date): Promise<boolean> {
  const bump = async () => {
    const r = (await db.collection('rate_limits').where({ _id: id, n: _.lt(limit) }).update({ data: { n: _.inc(1) } })) as unknown as { stats: { updated: number } }
    return r.stats.updated === 1
  }
  if (await bump()) return true
  try {
    await db.collection('rate_limits').add({ data: { _id: id, n: 1, at: now } })
    return true
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  return bump() // someone created the window first
}

/** R5.9: one person may not flood a group (nor the platform's check quota). */
export async function takePersonalRate(openid: string, now: Date): Promise<void> {
  const w = Math.floor(now.getTime() / L.rateWindowMs)
  if (await take(`rl_${openid}_${w}`, L.ratePerWindow, now)) return
  const retryAfterMs = (w + 1) * L.rateWindowMs - now.getTime()
  throw new AppError('RATE_LIMITED', `发得太快了，请 ${Math.ceil(retryAfterMs / 60000)} 分钟后再试`, { retryAfterMs })
}

/** Screen text written by `openid`. scene 2 = comments/posts (评论), 3 = forum (论坛). */
export async function screen(openid: string, content: string, now: Date, scene: 2 | 3 = 3): Promise<Verdict> {
  const minute = Math.floor(now.getTime() / 60000)
  if (!(await take(`rl_global_check_${minute}`, L.checksPerMinute, now))) return { outcome: 'HOLD', reason: 'UNAVAILABLE', note: HOLD_NOTES.UNAVAILABLE }
  return verdictOf(await checkContent(openid, content, scene))
}

/** A refused verdict ends the call with the reason; nothing is written by the caller after this. */
export function refuse(v: Verdict & { outcome: 'REFUSE' }): never {
  throw new AppError('CONTENT_REFUSED', v.note, { label: v.label, reason: v.note })
}
