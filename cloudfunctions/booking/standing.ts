/** No-show standing per household and community (domain/booking/no-show.ts is the policy). */
import { getDoc } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import type { CallContext } from '../_core/context'
import type { UserDoc } from '../../domain/community/model'
import type { BookingDoc } from '../../domain/booking/model'
import { afterNoShow, isPaused, recentNoShows, type Standing } from '../../domain/booking/no-show'
import { AppError } from '../../domain/shared/errors'
import type { Booker } from './ledger'

export interface Appeal {
  reason: string
  at: Date
  by: string
  status: 'PENDING' | 'LIFTED' | 'KEPT'
  decidedBy?: string
  note?: string | null
}
export type StandingDoc = Standing & { _id: string; communityId: string; householdKey: string; openids: string[]; appeal?: Appeal | null }
export const standingId = (communityId: string, householdKey: string) => `st_${communityId}_${householdKey}`

/** Elderly residents are exempt from automatic pauses; 长辈版 is the signal we have without collecting an age. */
async function exempt(openid: string): Promise<boolean> {
  const u = await getDoc<UserDoc>('users', openid)
  return u?.elderMode === true
}

export async function requireNotPaused(communityId: string, who: Booker, now: Date): Promise<void> {
  const st = await getDoc<StandingDoc>('booking_standing', standingId(communityId, who.householdKey))
  if (isPaused(st, now)) throw new AppError('BOOKING_PAUSED', '因多次未到场，预约暂停中', { pausedUntil: st!.pausedUntil, noShows: st!.noShows.length })
}

export async function noShowRecorded(b: BookingDoc, now: Date): Promise<void> {
  const isExempt = await exempt(b.openid)
  const id = standingId(b.communityId, b.householdKey)
  await withTransaction(async (t) => {
    const prev = ((await t.collection('booking_standing').doc(id).get()) as { data: StandingDoc | null }).data
    const next = afterNoShow(prev, now, isExempt)
    await t.collection('booking_standing').doc(id).set({
      data: { communityId: b.communityId, householdKey: b.householdKey, openids: [...new Set([...(prev?.openids ?? []), b.openid])], ...next, updatedAt: now },
    })
  })
}

export async function standingOf(ctx: CallContext): Promise<{ pausedUntil: Date | null; noShows30d: number; exempt: boolean }> {
  const keys = ctx.memberships.filter((m) => m.status === 'APPROVED').map((m) => standingId(m.communityId, `u_${m.unitId}`))
  if (ctx.user?.currentCommunityId) keys.push(standingId(ctx.user.currentCommunityId, `p_${ctx.openid}`))
  const docs = (await Promise.all(keys.map((k) => getDoc<StandingDoc>('booking_standing', k)))).filter((d): d is StandingDoc => !!d)
  const paused = docs.filter((d) => isPaused(d, ctx.now)).map((d) => new Date(d.pausedUntil!))
  return {
    pausedUntil: paused.length ? new Date(Math.max(...paused.map((d) => d.getTime()))) : null,
    noShows30d: docs.reduce((n, d) => n + recentNoShows(d.noShows, ctx.now).length, 0),
    exempt: ctx.user?.elderMode === true,
  }
}


/** The caller's paused standing in a community (any of their homes there, or their own key). */
export async function pausedStandingOf(ctx: CallContext, communityId: string): Promise<StandingDoc | null> {
  const keys = ctx.memberships.filter((m) => m.status === 'APPROVED' && m.communityId === communityId).map((m) => standingId(communityId, `u_${m.unitId}`))
  keys.push(standingId(communityId, `p_${ctx.openid}`))
  for (const k of keys) {
    const d = await getDoc<StandingDoc>('booking_standing', k)
    if (d && isPaused(d, ctx.now)) return d
  }
  return null
}
