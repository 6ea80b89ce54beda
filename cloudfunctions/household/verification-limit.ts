/**
 * Owner verification by ID number cannot be guessed without limit (issue #9 §7.2). Name + ID
 * against the register is a yes/no oracle: with unlimited attempts (apply, miss, leave, apply …)
 * the sequence codes of a plausible birth date fall in a dozen tries. So every attempt is counted
 * per person and per unit per Asia/Shanghai day, before the match is computed; past the limit the
 * application can only go to staff review. Misses are security events in the audit log, and the
 * attempt that reaches a limit raises an alert for the staff of that grid.
 *
 * The counters are transactional documents (R5.12): parallel guesses by one person cannot slip
 * past the limit between a read and a write.
 */
import { db } from '../_core/cloud'
import { withTransaction } from '../_core/transaction'
import { audit } from '../_core/audit'
import type { CallContext } from '../_core/context'
import type { UnitDoc } from '../../domain/community/model'
import { AppError } from '../../domain/shared/errors'

/** Attempts per person and per unit per day (Asia/Shanghai calendar day). */
export const VERIFICATION_ATTEMPTS_PER_DAY = 5

interface AttemptDoc {
  _id: string
  kind: 'person' | 'unit'
  /** person counters: whose attempts (export and account deletion find them). */
  openid?: string
  unitId?: string
  communityId: string
  day: string
  count: number
  lastAt: Date
}

export interface SecurityAlertDoc {
  _id: string
  communityId: string
  buildingId: string
  unitId: string
  kind: 'OWNER_VERIFICATION_LIMIT'
  /** Which limit was reached; the person stays out of it (staff need the unit, not the account). */
  limit: 'person' | 'unit'
  day: string
  at: Date
}

/** YYYY-MM-DD in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

/** The next Shanghai midnight, when the counters start again. */
function nextShanghaiMidnight(now: Date): Date {
  const day = shanghaiDay(now)
  return new Date(new Date(`${day}T00:00:00.000Z`).getTime() + 16 * 3600 * 1000)
}

const personKey = (openid: string, day: string) => `ova:p:${day}:${openid}`
const unitKey = (unitId: string, day: string) => `ova:u:${day}:${unitId}`

/**
 * Count one attempt for the caller and the unit, or refuse with RATE_LIMITED (nothing counted)
 * when either has used up the day. Returns the counts after this attempt.
 */
export async function countAttempt(ctx: CallContext, unit: UnitDoc): Promise<{ person: number; unit: number }> {
  const day = shanghaiDay(ctx.now)
  return withTransaction(async (t) => {
    const keys = { person: personKey(ctx.openid, day), unit: unitKey(unit._id, day) }
    const p = await t.collection('owner_verification_attempts').doc(keys.person).get()
    const u = await t.collection('owner_verification_attempts').doc(keys.unit).get()
    const person = (p.data as AttemptDoc | null)?.count ?? 0
    const onUnit = (u.data as AttemptDoc | null)?.count ?? 0
    if (person >= VERIFICATION_ATTEMPTS_PER_DAY || onUnit >= VERIFICATION_ATTEMPTS_PER_DAY) {
      throw new AppError('RATE_LIMITED', '今天的在线核验次数已用完。您可以不填身份证号提交申请，由工作人员审核', {
        limit: person >= VERIFICATION_ATTEMPTS_PER_DAY ? 'person' : 'unit',
        attemptsPerDay: VERIFICATION_ATTEMPTS_PER_DAY,
        retryAfter: nextShanghaiMidnight(ctx.now).toISOString(),
        staffReview: true,
      })
    }
    const personDoc: Omit<AttemptDoc, '_id'> = { kind: 'person', openid: ctx.openid, communityId: unit.communityId, day, count: person + 1, lastAt: ctx.now }
    const unitDoc: Omit<AttemptDoc, '_id'> = { kind: 'unit', unitId: unit._id, communityId: unit.communityId, day, count: onUnit + 1, lastAt: ctx.now }
    await t.collection('owner_verification_attempts').doc(keys.person).set({ data: personDoc })
    await t.collection('owner_verification_attempts').doc(keys.unit).set({ data: unitDoc })
    return { person: person + 1, unit: onUnit + 1 }
  })
}

/** A miss: a security event; the attempt that uses up a limit also alerts the grid's staff. */
export async function recordMiss(ctx: CallContext, unit: UnitDoc, counts: { person: number; unit: number }): Promise<void> {
  await audit(ctx, {
    communityId: unit.communityId,
    event: 'security.ownerVerificationMissed',
    target: unit._id,
    details: { subjectOpenid: ctx.openid, attemptsToday: counts, attemptsPerDay: VERIFICATION_ATTEMPTS_PER_DAY },
  })
  const reached = counts.unit >= VERIFICATION_ATTEMPTS_PER_DAY ? 'unit' : counts.person >= VERIFICATION_ATTEMPTS_PER_DAY ? 'person' : null
  if (!reached) return
  const day = shanghaiDay(ctx.now)
  const alert: SecurityAlertDoc = {
    _id: `sa:ova:${day}:${unit._id}:${reached}`,
    communityId: unit.communityId,
    buildingId: unit.buildingId,
    unitId: unit._id,
    kind: 'OWNER_VERIFICATION_LIMIT',
    limit: reached,
    day,
    at: ctx.now,
  }
  const { _id, ...data } = alert
  await db.collection('security_alerts').doc(_id).set({ data })
  await audit(ctx, { communityId: unit.communityId, event: 'security.ownerVerificationLimit', target: unit._id, details: { subjectOpenid: ctx.openid, limit: reached, day } })
}
