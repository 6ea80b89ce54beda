/**
 * booking: community facilities and services that never double-book (issue #11). Seats, waitlists
 * and household quotas change only in ledger.ts (one transaction over counter documents, R5.12);
 * this file resolves who is asking, checks the rules that do not need a transaction, and shapes
 * the answers. Sensitive services (health, mediation) need the separate booking_sensitive consent,
 * are never listed to others and lose their personal fields on a timer (R4, PIPL Art. 28–29).
 */
import { randomBytes } from 'node:crypto'
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, findPage, getDoc } from '../_core/data'
import { audit } from '../_core/audit'
import { requireConsent } from '../_core/guards'
import type { CallContext } from '../_core/context'
import { bookingContract } from '../../domain/booking/contract'
import { HOLDING, LIVE, slotCounterId, type BookingDoc, type ResourceDoc, type ResourceRules, type SlotCounterDoc } from '../../domain/booking/model'
import { cancelProblem, checkInState, dateProblem, daySlots, seatsOf, slotTimes, type SlotCount } from '../../domain/booking/slots'
import { addDays, daysBetween, shanghaiDate } from '../../domain/booking/time'
import { capabilityScope } from '../../domain/access/capabilities'
import { maskName } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'
import { bookSlot, releaseBooking, transition, type Release } from './ledger'
import { requireStaffFor, resolveBooker, staffFor } from './who'
import { namesOf, ownerView, resourceView, sheetRows, waitPositions } from './views'
import { notify } from './notify'
import { proxyTargets } from './proxy'
import { noShowRecorded, pausedStandingOf, requireNotPaused, standingOf, type StandingDoc } from './standing'
import { unitLabels } from '../_core/lookup'
import { recentNoShows } from '../../domain/booking/no-show'

type Stored<T> = T & Record<string, unknown>
const clock = () => new Date()

async function resourceOr404(id: string): Promise<ResourceDoc> {
  const r = await getDoc<ResourceDoc>('booking_resources', id)
  if (!r) throw new AppError('NOT_FOUND', '没有找到该设施或服务', { resourceId: id })
  return r
}

/** Members of the community (any role, derived or granted) may see its resources. */
function requireInCommunity(ctx: CallContext, communityId: string): void {
  if (!ctx.roles.some((r) => r.communityId === communityId)) throw new AppError('FORBIDDEN', '加入本社区后才能查看和预约', { communityId })
}

async function bookingOr404(id: string): Promise<BookingDoc> {
  const b = await getDoc<BookingDoc>('bookings', id)
  if (!b) throw new AppError('NOT_FOUND', '没有找到该预约', { bookingId: id })
  return b
}

async function viewFor(ctx: CallContext, b: BookingDoc, resource: ResourceDoc) {
  const [names, positions] = await Promise.all([namesOf([b.bookedBy]), waitPositions([b])])
  return ownerView(b, resource, ctx, names, positions, staffFor(ctx, resource))
}

const PHRASES = { promoted: '候补成功', approved: '审核通过', rejected: '未通过', cancelled: '已取消' } as const

async function tellPromoted(release: Release, resource: ResourceDoc, now: Date): Promise<void> {
  for (const p of release.promoted) {
    await notify(p, resource.name, p.status === 'PENDING_APPROVAL' ? '候补待审' : PHRASES.promoted, p.status === 'PENDING_APPROVAL' ? '已递补，等待工作人员审核' : '您候补的时段已为您保留', now)
  }
}

async function slotCounts(resourceId: string, dates: string[]): Promise<Map<string, Record<string, SlotCount>>> {
  const counters = await findAll<Stored<SlotCounterDoc>>('booking_slots', { resourceId, date: _.in(dates) }, { max: 2000 })
  const out = new Map<string, Record<string, SlotCount>>()
  for (const c of counters) {
    const day = out.get(c.date) ?? {}
    day[c.start] = { held: c.held, waiting: c.queue.length }
    out.set(c.date, day)
  }
  return out
}

/** Live future bookings that an edit of the rules would strand, with the reason. */
async function stranded(resource: ResourceDoc, next: ResourceRules, now: Date) {
  const live = (await findAll<BookingDoc>('bookings', { resourceId: resource._id, status: _.in([...LIVE]) }, { max: 5000 })).filter((b) => new Date(b.startAt) > now)
  const out: { booking: BookingDoc; reason: 'HOURS' | 'SEATS' | 'CLOSED' }[] = []
  const bySlot = new Map<string, BookingDoc[]>()
  for (const b of live) bySlot.set(`${b.date} ${b.start}`, [...(bySlot.get(`${b.date} ${b.start}`) ?? []), b])
  for (const list of bySlot.values()) {
    const { date, start } = list[0]
    if (next.closures.some((c) => c.date === date)) {
      for (const b of list) out.push({ booking: b, reason: 'CLOSED' })
      continue
    }
    if (!slotTimes(next, date).some((s) => s.start === start)) {
      for (const b of list) out.push({ booking: b, reason: 'HOURS' })
      continue
    }
    // Fewer seats: the latest holders beyond the new capacity lose theirs (first come keeps its seat).
    const holders = list.filter((b) => HOLDING.includes(b.status)).sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
    for (const b of holders.slice(seatsOf(next))) out.push({ booking: b, reason: 'SEATS' })
  }
  return out.sort((a, b) => (a.booking.date + a.booking.start).localeCompare(b.booking.date + b.booking.start))
}

export const main = createFunction(
  bookingContract,
  {
    async resources({ communityId, includeInactive }, ctx) {
      requireInCommunity(ctx, communityId)
      const all = await findAll<ResourceDoc>('booking_resources', { communityId }, { orderBy: [['name', 'asc']], max: 500 })
      const showInactive = includeInactive && !!capabilityScope(ctx.roles, 'booking.manage', communityId)
      return { resources: all.filter((r) => r.active || (showInactive && staffFor(ctx, r))).map(resourceView) }
    },

    async availability({ resourceId, date, days }, ctx) {
      const resource = await resourceOr404(resourceId)
      requireInCommunity(ctx, resource.communityId)
      const problem = dateProblem(resource, date, ctx.now)
      if (problem) throw new AppError(problem.code, problem.message, problem.details)
      const today = shanghaiDate(ctx.now)
      const lastDate = addDays(today, resource.horizonDays)
      const n = Math.min(days ?? 1, daysBetween(date, lastDate) + 1)
      const dates = Array.from({ length: n }, (_x, i) => addDays(date, i))
      const counts = await slotCounts(resourceId, dates)
      // Counts only: no names, units or booking ids for anyone, sensitive or not.
      const all = dates.map((d) => daySlots(resource, d, ctx.now, counts.get(d) ?? {}))
      return { resourceId, today, lastDate, date, closedReason: all[0].closedReason, slots: all[0].slots, days: all }
    },

    async create({ resourceId, date, start, note, forMemberId, proxyNote }, ctx) {
      const resource = await resourceOr404(resourceId)
      if (!resource.active) throw new AppError('BOOKING_CLOSED', '该设施暂停预约', { reason: 'INACTIVE' })
      if (note && !resource.sensitive) throw new AppError('VALIDATION_FAILED', '只有健康咨询、调解等服务需要填写事由', { fields: { note: ['此项无需填写'] } })
      // R4.3: the separate consent before anything about a sensitive service is written.
      if (resource.sensitive && !forMemberId) await requireConsent(ctx, 'booking_sensitive')
      const who = await resolveBooker(ctx, resource, forMemberId, proxyNote)
      await requireNotPaused(resource.communityId, who, ctx.now)
      const booking = await bookSlot(resource, date, start, who, resource.sensitive ? note ?? null : null, clock)
      if (who.bookedByRole !== 'SELF') {
        await audit(ctx, {
          communityId: resource.communityId,
          event: 'booking.proxy',
          target: booking._id,
          details: { subjectOpenid: who.openid, as: who.bookedByRole, basis: who.proxyBasis, note: who.proxyNote, resourceId, date, start },
        })
      }
      const view = await viewFor(ctx, booking, resource)
      // The person booked for hears of it (with their notifications consent), not only the one who booked.
      if (who.bookedByRole !== 'SELF') await notify(booking, resource.name, '已代约', `${view.bookedByLabel}，可在我的预约取消`, ctx.now)
      return { booking: view }
    },

    async cancel({ bookingId, reason }, ctx) {
      const b = await bookingOr404(bookingId)
      const resource = await resourceOr404(b.resourceId)
      const staff = staffFor(ctx, resource)
      if (b.openid !== ctx.openid && b.bookedBy !== ctx.openid && !staff) throw new AppError('NOT_FOUND', '没有找到该预约', { bookingId })
      if (b.status === 'CONFIRMED' || b.status === 'PENDING_APPROVAL') {
        const p = cancelProblem(resource, new Date(b.startAt), ctx.now, staff)
        if (p) throw new AppError(p.code, p.message, p.details)
      }
      const release = await releaseBooking(bookingId, 'CANCELLED', resource, { by: ctx.openid, note: reason ?? null }, clock)
      if (release.changed) {
        await tellPromoted(release, resource, ctx.now)
        if (ctx.openid !== b.openid) await notify(b, resource.name, PHRASES.cancelled, staff && b.bookedBy !== ctx.openid ? '工作人员已取消，详见我的预约' : '代约人已取消', ctx.now)
        if (staff || ctx.openid !== b.openid) {
          await audit(ctx, { communityId: b.communityId, event: 'booking.cancelled', target: bookingId, details: { subjectOpenid: b.openid, asStaff: staff, reason: reason ?? null, promoted: release.promoted.map((p) => p._id) } })
        }
      }
      return { booking: await viewFor(ctx, release.booking, resource), promoted: release.promoted.map((p) => p._id) }
    },

    async mine({ includePast }, ctx) {
      const [forMe, byMe] = await Promise.all([
        findAll<BookingDoc>('bookings', { openid: ctx.openid }, { max: 1000 }),
        findAll<BookingDoc>('bookings', { bookedBy: ctx.openid }, { max: 1000 }),
      ])
      const today = shanghaiDate(ctx.now)
      const unique = new Map([...forMe, ...byMe].map((b) => [b._id, b]))
      const list = [...unique.values()]
        .filter((b) => includePast || b.date >= today)
        .sort((a, b) => {
          const la = LIVE.includes(a.status) ? 0 : 1
          const lb = LIVE.includes(b.status) ? 0 : 1
          return la - lb || new Date(a.startAt).getTime() - new Date(b.startAt).getTime()
        })
        .slice(0, 100)
      const resourceIds = [...new Set(list.map((b) => b.resourceId))]
      const [resources, names, positions] = await Promise.all([
        resourceIds.length ? findAll<ResourceDoc>('booking_resources', { _id: _.in(resourceIds) }) : Promise.resolve([] as ResourceDoc[]),
        namesOf(list.map((b) => b.bookedBy)),
        waitPositions(list),
      ])
      const byId = new Map(resources.map((r) => [r._id, r]))
      const bookings = list.map((b) => {
        const r = byId.get(b.resourceId)
        return ownerView(b, r, ctx, names, positions, r ? staffFor(ctx, r) : false)
      })
      return { bookings, standing: await standingOf(ctx) }
    },

    async waitlist({ resourceId, date, start }, ctx) {
      const resource = await resourceOr404(resourceId)
      requireInCommunity(ctx, resource.communityId)
      const counter = await getDoc<Stored<SlotCounterDoc>>('booking_slots', slotCounterId(resourceId, date, start))
      const queue = counter?.queue ?? []
      let myPosition: number | null = null
      let myBookingId: string | null = null
      if (queue.length) {
        const mine = await findAll<BookingDoc>('bookings', { _id: _.in(queue), openid: ctx.openid })
        const idx = queue.findIndex((id) => mine.some((b) => b._id === id))
        if (idx >= 0) {
          myPosition = idx + 1
          myBookingId = queue[idx]
        }
      }
      return { waiting: queue.length, myPosition, myBookingId }
    },

    async checkIn({ communityId, code, bookingId }, ctx) {
      const candidates = bookingId
        ? [await bookingOr404(bookingId)].filter((b) => b.communityId === communityId && b.checkInCode === code)
        : // Windows can cross midnight (a 00:30 slot opening at 23:45): look at yesterday, today and tomorrow.
          await findAll<BookingDoc>('bookings', { communityId, status: _.in(['CONFIRMED', 'CHECKED_IN']), checkInCode: code, date: _.in([-1, 0, 1].map((d) => addDays(shanghaiDate(ctx.now), d))) }, { max: 50 })
      const open = candidates.filter((b) => b.checkInOpensAt && b.checkInClosesAt && checkInState({ opensAt: new Date(b.checkInOpensAt), closesAt: new Date(b.checkInClosesAt) }, ctx.now) === 'OPEN')
      if (candidates.length === 0) throw new AppError('NOT_FOUND', '签到码无效，或不是近期的预约', { code })
      if (open.length === 0) {
        const b = candidates[0]
        throw new AppError('BOOKING_OUTSIDE_WINDOW', '不在签到时间内', { reason: 'CHECK_IN_WINDOW', opensAt: b.checkInOpensAt, closesAt: b.checkInClosesAt })
      }
      if (open.length > 1) throw new AppError('CONFLICT', '有多个预约使用该签到码，请扫码签到', { reason: 'AMBIGUOUS_CODE', count: open.length })
      const resource = await resourceOr404(open[0].resourceId)
      requireStaffFor(ctx, resource)
      const res = await transition(open[0]._id, ['CONFIRMED', 'CHECKED_IN'], (_b, now) => ({ status: 'CHECKED_IN', checkedInAt: now, checkedInBy: ctx.openid }) as Partial<BookingDoc>, clock)
      const [row] = await sheetRows([res.booking])
      return { booking: row }
    },

    async approve({ communityId, bookingId, decision, note }, ctx) {
      const b = await bookingOr404(bookingId)
      if (b.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该预约', { bookingId })
      const resource = await resourceOr404(b.resourceId)
      requireStaffFor(ctx, resource)
      if (b.status !== 'PENDING_APPROVAL') throw new AppError('CONFLICT', '该预约已处理', { status: b.status })
      let booking: BookingDoc
      let promoted: string[] = []
      if (decision === 'APPROVE') {
        const res = await transition(bookingId, ['PENDING_APPROVAL'], () => ({ status: 'CONFIRMED', decidedBy: ctx.openid, decisionNote: note ?? null }), clock)
        if (!res.changed) throw new AppError('CONFLICT', '该预约已处理', { status: res.booking.status })
        booking = res.booking
        await notify(b, resource.name, PHRASES.approved, '请按时到场签到', ctx.now)
      } else {
        const release = await releaseBooking(bookingId, 'REJECTED', resource, { by: ctx.openid, note: note ?? null, expect: ['PENDING_APPROVAL'] }, clock)
        if (!release.changed) throw new AppError('CONFLICT', '该预约已处理', { status: release.booking.status })
        booking = release.booking
        promoted = release.promoted.map((p) => p._id)
        await notify(b, resource.name, PHRASES.rejected, note ?? '详见我的预约', ctx.now)
        await tellPromoted(release, resource, ctx.now)
      }
      await audit(ctx, { communityId, event: 'booking.decided', target: bookingId, details: { subjectOpenid: b.openid, decision, note: note ?? null } })
      const [row] = await sheetRows([booking])
      return { booking: row, promoted }
    },

    async manage({ communityId, resourceId, resource: input, confirm }, ctx) {
      const before = resourceId ? await resourceOr404(resourceId) : null
      if (before && before.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该设施或服务', { resourceId })
      if (before) requireStaffFor(ctx, before)
      requireStaffFor(ctx, { communityId, operator: input.operator })
      if (input.sensitive && input.operator === 'PROPERTY') {
        throw new AppError('VALIDATION_FAILED', '敏感服务由社区提供，不能交给物业运营', { fields: { operator: ['敏感服务须由居委会运营'] } })
      }
      const id = before?._id ?? `br_${randomBytes(8).toString('hex')}`
      const next: ResourceDoc = { ...input, _id: id, communityId, createdAt: before?.createdAt ?? ctx.now, updatedAt: ctx.now, updatedBy: ctx.openid }
      const hit = before ? await stranded(before, next, ctx.now) : []
      if (!input.active && before) for (const b of (await stranded(before, { ...next, weeklyHours: {}, exceptions: [] }, ctx.now))) if (!hit.some((h) => h.booking._id === b.booking._id)) hit.push({ booking: b.booking, reason: 'CLOSED' })
      const names = await namesOf(hit.map((h) => h.booking.openid))
      const affected = hit.map((h) => ({ id: h.booking._id, date: h.booking.date, start: h.booking.start, nameMasked: maskName(names.get(h.booking.openid) ?? ''), reason: h.reason }))
      if (hit.length && !confirm) return { saved: false, resource: null, affected }
      const { _id, ...data } = next
      await db.collection('booking_resources').doc(_id).set({ data })
      for (const h of hit) {
        const release = await releaseBooking(h.booking._id, 'CANCELLED', next, { by: ctx.openid, note: '设施时间或名额调整' }, clock)
        if (release.changed) {
          await notify(h.booking, next.name, PHRASES.cancelled, '设施调整，预约已取消', ctx.now)
          await tellPromoted(release, next, ctx.now)
        }
      }
      await audit(ctx, {
        communityId,
        event: before ? 'booking.resource_updated' : 'booking.resource_created',
        target: id,
        details: { before: before ? { capacity: before.capacity, exclusive: before.exclusive, active: before.active } : null, after: { capacity: next.capacity, exclusive: next.exclusive, active: next.active }, cancelled: affected.map((a) => a.id) },
      })
      return { saved: true, resource: resourceView(next), affected }
    },

    async list({ communityId, resourceId, date }, ctx) {
      const resource = await resourceOr404(resourceId)
      if (resource.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该设施或服务', { resourceId })
      requireStaffFor(ctx, resource)
      const bookings = (await findAll<BookingDoc>('bookings', { resourceId, date }, { max: 2000 })).sort((a, b) => a.start.localeCompare(b.start) || new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
      const rows = await sheetRows(bookings)
      return { date, rows, pending: bookings.filter((b) => b.status === 'PENDING_APPROVAL').length, checkedIn: bookings.filter((b) => b.status === 'CHECKED_IN').length }
    },

    async appeal({ communityId, reason }, ctx) {
      const st = await pausedStandingOf(ctx, communityId)
      if (!st) throw new AppError('NOT_FOUND', '您的预约没有被暂停', { communityId })
      await db.collection('booking_standing').doc(st._id).update({ data: { appeal: { reason, at: ctx.now, by: ctx.openid, status: 'PENDING' }, updatedAt: ctx.now } })
      await audit(ctx, { communityId, event: 'booking.appealed', target: st._id, details: { reason } })
      return { standingId: st._id, status: 'PENDING' as const }
    },

    async appeals({ communityId }, ctx) {
      const docs = (await findAll<StandingDoc>('booking_standing', { communityId }, { max: 2000 })).filter((d) => d.appeal?.status === 'PENDING')
      const units = await unitLabels(docs.map((d) => d.householdKey).filter((k) => k.startsWith('u_')).map((k) => k.slice(2)))
      return {
        appeals: docs.map((d) => ({
          id: d._id,
          unitLabel: d.householdKey.startsWith('u_') ? units.get(d.householdKey.slice(2))?.label ?? null : null,
          noShows: recentNoShows(d.noShows, ctx.now).length,
          pausedUntil: d.pausedUntil ? new Date(d.pausedUntil) : null,
          reason: d.appeal!.reason,
          at: d.appeal!.at,
        })),
      }
    },

    async decideAppeal({ communityId, standingId, decision, note }, ctx) {
      const st = await getDoc<StandingDoc>('booking_standing', standingId)
      if (!st || st.communityId !== communityId || st.appeal?.status !== 'PENDING') throw new AppError('NOT_FOUND', '没有找到待处理的申诉', { standingId })
      const status = decision === 'LIFT' ? ('LIFTED' as const) : ('KEPT' as const)
      await db.collection('booking_standing').doc(standingId).update({
        data: { ...(decision === 'LIFT' ? { pausedUntil: null, noShows: [] } : {}), appeal: { ...st.appeal, status, decidedBy: ctx.openid, note: note ?? null }, updatedAt: ctx.now },
      })
      await audit(ctx, { communityId, event: 'booking.appeal_decided', target: standingId, details: { decision, note: note ?? null, noShows: st.noShows.length } })
      return { standingId, status }
    },

    proxyTargets({ communityId, buildingId, page }, ctx) {
      return proxyTargets(ctx, communityId, buildingId, page)
    },

    async workload({ communityId }, ctx) {
      const resources = (await findAll<ResourceDoc>('booking_resources', { communityId }, { max: 500 })).filter((r) => staffFor(ctx, r))
      if (!resources.length) return { pendingApprovals: 0, checkInsToday: 0 }
      const ids = resources.map((r) => r._id)
      const [pending, today] = await Promise.all([
        db.collection('bookings').where({ communityId, status: 'PENDING_APPROVAL', resourceId: _.in(ids) }).count() as unknown as Promise<{ total: number }>,
        db.collection('bookings').where({ communityId, status: 'CONFIRMED', date: shanghaiDate(ctx.now), resourceId: _.in(ids) }).count() as unknown as Promise<{ total: number }>,
      ])
      return { pendingApprovals: pending.total, checkInsToday: today.total }
    },
  },
  {
    /**
     * Bookings still CONFIRMED after their check-in window are released as no-shows, and the seat
     * goes to the waitlist in order (issue #11 item 3). Promoted after check-in opened, a booking
     * is released without counting as a no-show (the person had little warning).
     */
    async 'release-no-shows'({ now }) {
      let released = 0
      let promoted = 0
      for (let round = 0; round < 20; round++) {
        const due = await findPage<BookingDoc>('bookings', { status: 'CONFIRMED', checkInClosesAt: _.lt(now) }, { orderBy: [['checkInClosesAt', 'asc']], limit: 100 })
        if (!due.length) break
        for (const b of due) {
          const resource = await getDoc<ResourceDoc>('booking_resources', b.resourceId)
          if (!resource) continue
          const release = await releaseBooking(b._id, 'NO_SHOW', resource, { by: 'system', expect: ['CONFIRMED'] }, () => now)
          if (!release.changed) continue
          released++
          promoted += release.promoted.length
          const late = !!(b as BookingDoc & { promotedAt?: Date }).promotedAt && b.checkInOpensAt && new Date((b as BookingDoc & { promotedAt: Date }).promotedAt) > new Date(b.checkInOpensAt)
          if (!late) await noShowRecorded(b, now)
          await tellPromoted(release, resource, now)
        }
        if (due.length < 100) break
      }
      return { released, promoted }
    },

    /**
     * Retention (registry): a sensitive booking loses the person and the note 30 days after the
     * service; any other booking is deleted 180 days after its date. Counters of past days go too.
     */
    async 'purge-bookings'({ now }) {
      let purged = 0
      let deleted = 0
      for (let round = 0; round < 50; round++) {
        const due = await findPage<BookingDoc>('bookings', { purgeAt: _.lt(now), purgedAt: null }, { limit: 100 })
        if (!due.length) break
        for (const b of due) {
          if (b.sensitive) {
            await db.collection('bookings').doc(b._id).update({
              data: { openid: 'purged', bookedBy: 'purged', householdKey: 'purged', unitId: null, note: null, proxyNote: null, checkInCode: '000000', purgedAt: now },
            })
            purged++
          } else {
            await db.collection('bookings').doc(b._id).remove()
            deleted++
          }
        }
        if (due.length < 100) break
      }
      const yesterday = addDays(shanghaiDate(now), -1)
      const quotas = (await db.collection('booking_quotas').where({ until: _.lt(yesterday) }).remove()) as unknown as { stats: { removed: number } }
      return { purged, deleted, quotaCountersRemoved: quotas.stats.removed }
    },
  },
)
