/**
 * The booking ledger: every change of seats, waitlists and household quotas happens here, inside
 * one withTransaction over single-document operations (R5.12). The documents are the slot counter
 * (bs_…: seats held and the waitlist in order) and the household's day and week counters (bq_…:
 * its live bookings). Parallel calls conflict on those documents at commit and the loser re-runs
 * on fresh counts, so capacity and quotas hold whatever the number of parallel calls — there is no
 * count-then-insert anywhere.
 */
import { randomBytes, randomInt } from 'node:crypto'
import { db } from '../_core/cloud'
import { withTransaction, type Txn } from '../_core/transaction'
import { AppError } from '../../domain/shared/errors'
import {
  dayQuotaId,
  HOLDING,
  LIVE,
  slotCounterId,
  weekQuotaId,
  type BookingDoc,
  type BookingStatus,
  type QuotaCounterDoc,
  type ResourceDoc,
  type ResourceRules,
  type SlotCounterDoc,
} from '../../domain/booking/model'
import { checkInWindow, quotaProblem, seatDecision, seatsOf, slotProblem } from '../../domain/booking/slots'
import { addDays, shanghaiInstant, weekStart } from '../../domain/booking/time'
import { purposeById } from '../../domain/privacy/purposes'

type Stored<T> = T & Record<string, unknown>
const DAY_MS = 24 * 3600 * 1000

export interface Booker {
  openid: string
  householdKey: string
  unitId: string | null
  bookedBy: string
  bookedByRole: BookingDoc['bookedByRole']
  proxyBasis: BookingDoc['proxyBasis']
  proxyNote: string | null
}

/**
 * withTransaction with a backoff that spreads a rush out: each round is the SDK's own quick
 * retries (withTransaction, one attempt), then a jittered exponential pause before the next
 * round. Under 200 callers on one slot, fixed short pauses make everyone collide again at once.
 */
async function patiently<T>(fn: (t: Txn) => Promise<T>, rounds = 30): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return await withTransaction(fn, { attempts: 1 })
    } catch (e) {
      const storm = e instanceof AppError && e.code === 'CONFLICT' && typeof (e.details as { cause?: unknown })?.cause === 'string'
      if (!storm || round >= rounds) throw e
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(600, 15 * 2 ** Math.min(round, 6))))
    }
  }
}

async function read<T>(t: Txn, coll: string, id: string): Promise<T | null> {
  return ((await t.collection(coll).doc(id).get()) as { data: T | null }).data ?? null
}

async function write(t: Txn, coll: string, doc: { _id: string }): Promise<void> {
  const { _id, ...data } = doc
  await t.collection(coll).doc(_id).set({ data })
}

function emptyQuota(id: string, resourceId: string, householdKey: string, period: string, until: string): Stored<QuotaCounterDoc> & { until: string; entries: { id: string; date: string; start: string }[] } {
  return { _id: id, resourceId, householdKey, period, until, bookingIds: [], entries: [] }
}

type QuotaDoc = ReturnType<typeof emptyQuota>

/** When a booking's personal fields go: sensitive services after the purpose's retention, others after the booking purpose's. */
export function purgeAt(resource: Pick<ResourceDoc, 'sensitive'>, date: string, end: string): Date {
  const days = purposeById(resource.sensitive ? 'booking_sensitive' : 'booking').retentionDays ?? 180
  return new Date(shanghaiInstant(date, end).getTime() + days * DAY_MS)
}

/**
 * Book one slot. The slot maths (slotProblem, quotaProblem, seatDecision) is re-run here on the
 * counters read inside the transaction with the clock of this attempt, so what the availability
 * view showed is checked again, never trusted.
 */
export async function bookSlot(resource: ResourceDoc, date: string, start: string, who: Booker, note: string | null, clock: () => Date): Promise<BookingDoc> {
  const slotId = slotCounterId(resource._id, date, start)
  const dayId = dayQuotaId(resource._id, who.householdKey, date)
  const monday = weekStart(date)
  const weekId = weekQuotaId(resource._id, who.householdKey, monday)
  // Fast refusal outside the transaction: a slot whose seats and waitlist are both taken stays
  // so until someone cancels, so a committed read is a true answer and spares the rush a
  // transaction. Anything else is decided inside the transaction.
  const seen = ((await db.collection('booking_slots').doc(slotId).get()) as unknown as { data: SlotCounterDoc | null }).data
  if (seen && seatDecision(resource, seen.held, seen.queue.length) === 'FULL') {
    throw new AppError('BOOKING_SLOT_FULL', '该时段已约满', { capacity: seatsOf(resource), waitlistMax: resource.waitlistMax })
  }
  const bookingId = `bk_${randomBytes(10).toString('hex')}`
  const checkInCode = String(randomInt(0, 1_000_000)).padStart(6, '0')
  return patiently(
    async (t) => {
      const now = clock()
      const check = slotProblem(resource, date, start, now)
      if ('refusal' in check) throw new AppError(check.refusal.code, check.refusal.message, check.refusal.details)
      const counter: Stored<SlotCounterDoc> = (await read<Stored<SlotCounterDoc>>(t, 'booking_slots', slotId)) ?? { _id: slotId, resourceId: resource._id, date, start, held: 0, queue: [] }
      const day: QuotaDoc = (await read<QuotaDoc>(t, 'booking_quotas', dayId)) ?? emptyQuota(dayId, resource._id, who.householdKey, date, date)
      // Without a weekly quota there is no week counter to keep (two requests fewer per booking).
      const week: QuotaDoc | null =
        resource.quotaPerWeek === null ? null : (await read<QuotaDoc>(t, 'booking_quotas', weekId)) ?? emptyQuota(weekId, resource._id, who.householdKey, `w${monday}`, addDays(monday, 6))
      const mine = day.entries.find((e) => e.start === start)
      if (mine) throw new AppError('CONFLICT', '您家已预约或候补了这个时段', { reason: 'ALREADY_BOOKED', bookingId: mine.id })
      const quota = quotaProblem(resource, day.entries.length, week?.entries.length ?? 0)
      if (quota) throw new AppError(quota.code, quota.message, quota.details)
      const decision = seatDecision(resource, counter.held, counter.queue.length)
      if (decision === 'FULL') throw new AppError('BOOKING_SLOT_FULL', '该时段已约满', { capacity: seatsOf(resource), waitlistMax: resource.waitlistMax })
      const status: BookingStatus = decision === 'WAITLIST' ? 'WAITLISTED' : resource.requiresApproval ? 'PENDING_APPROVAL' : 'CONFIRMED'
      if (decision === 'SEAT') counter.held += 1
      else counter.queue = [...counter.queue, bookingId]
      const entry = { id: bookingId, date, start }
      day.entries = [...day.entries, entry]
      day.bookingIds = day.entries.map((e) => e.id)
      if (week) {
        week.entries = [...week.entries, entry]
        week.bookingIds = week.entries.map((e) => e.id)
      }
      const slot = check.slot
      const window = checkInWindow(resource, date, start)
      const booking: BookingDoc = {
        _id: bookingId,
        resourceId: resource._id,
        communityId: resource.communityId,
        date,
        start,
        end: slot.end,
        startAt: slot.startAt,
        status,
        householdKey: who.householdKey,
        unitId: who.unitId,
        openid: who.openid,
        bookedBy: who.bookedBy,
        bookedByRole: who.bookedByRole,
        proxyBasis: who.proxyBasis,
        proxyNote: who.proxyNote,
        checkInCode,
        checkInOpensAt: window?.opensAt ?? null,
        checkInClosesAt: window?.closesAt ?? null,
        waitPosition: status === 'WAITLISTED' ? counter.queue.length : null,
        sensitive: resource.sensitive,
        note,
        purgeAt: purgeAt(resource, date, slot.end),
        purgedAt: null,
        decidedBy: null,
        decisionNote: null,
        cancelledBy: null,
        createdAt: now,
        updatedAt: now,
      }
      await write(t, 'booking_slots', counter)
      await write(t, 'booking_quotas', day)
      if (week) await write(t, 'booking_quotas', week)
      await write(t, 'bookings', booking)
      return booking
    },
  )
}

export interface Release {
  booking: BookingDoc
  promoted: BookingDoc[]
  /** False when the booking had already left the live states (a retry or a race): nothing changed. */
  changed: boolean
}

/**
 * End a live booking (cancelled, rejected, released as a no-show) and hand its seat to the
 * waitlist in order, in one transaction: the booking, its slot counter, the household's counters
 * and each promoted booking are single-document reads and writes.
 */
export async function releaseBooking(
  bookingId: string,
  outcome: Extract<BookingStatus, 'CANCELLED' | 'REJECTED' | 'NO_SHOW'>,
  rules: ResourceRules,
  extra: { by: string; note?: string | null; expect?: readonly BookingStatus[] },
  clock: () => Date,
): Promise<Release> {
  return patiently(
    async (t) => {
      const now = clock()
      const booking = await read<BookingDoc>(t, 'bookings', bookingId)
      if (!booking) throw new AppError('NOT_FOUND', '没有找到该预约', { bookingId })
      const allowed = extra.expect ?? LIVE
      if (!allowed.includes(booking.status)) return { booking: { ...booking, _id: bookingId }, promoted: [], changed: false }
      const slotId = slotCounterId(booking.resourceId, booking.date, booking.start)
      const counter = (await read<Stored<SlotCounterDoc>>(t, 'booking_slots', slotId)) ?? { _id: slotId, resourceId: booking.resourceId, date: booking.date, start: booking.start, held: 0, queue: [] }
      counter._id = slotId
      const dayId = dayQuotaId(booking.resourceId, booking.householdKey, booking.date)
      const weekId = weekQuotaId(booking.resourceId, booking.householdKey, weekStart(booking.date))
      const quotas = [await read<QuotaDoc>(t, 'booking_quotas', dayId), rules.quotaPerWeek === null ? null : await read<QuotaDoc>(t, 'booking_quotas', weekId)]
      if (HOLDING.includes(booking.status)) counter.held = Math.max(0, counter.held - 1)
      counter.queue = counter.queue.filter((id) => id !== bookingId)
      const promoted: BookingDoc[] = []
      // Promotion in order: the head of the queue gets the seat (pending again if approval is required).
      while (counter.held < seatsOf(rules) && counter.queue.length > 0) {
        const nextId = counter.queue[0]
        counter.queue = counter.queue.slice(1)
        const next = await read<BookingDoc>(t, 'bookings', nextId)
        if (!next || next.status !== 'WAITLISTED') continue
        const window = checkInWindow(rules, next.date, next.start)
        // Promoted after check-in opened: give them the full check-in allowance from now.
        const closesAt = window ? new Date(Math.max(window.closesAt.getTime(), now.getTime() + rules.checkIn.closesAfterMinutes * 60_000)) : null
        const up: BookingDoc = {
          ...next,
          _id: nextId,
          status: rules.requiresApproval ? 'PENDING_APPROVAL' : 'CONFIRMED',
          waitPosition: null,
          checkInOpensAt: window?.opensAt ?? null,
          checkInClosesAt: closesAt,
          updatedAt: now,
          promotedAt: now,
        } as BookingDoc
        await write(t, 'bookings', up)
        counter.held += 1
        promoted.push(up)
      }
      for (const q of quotas) {
        if (!q) continue
        q.entries = q.entries.filter((e) => e.id !== bookingId)
        q.bookingIds = q.entries.map((e) => e.id)
        await write(t, 'booking_quotas', q)
      }
      await write(t, 'booking_slots', counter)
      const ended: BookingDoc = {
        ...booking,
        _id: bookingId,
        status: outcome,
        waitPosition: null,
        cancelledBy: outcome === 'CANCELLED' ? extra.by : booking.cancelledBy,
        decidedBy: outcome === 'REJECTED' ? extra.by : booking.decidedBy,
        decisionNote: extra.note ?? booking.decisionNote,
        updatedAt: now,
      }
      await write(t, 'bookings', ended)
      return { booking: ended, promoted, changed: true }
    },
  )
}

/** One booking's own status change that touches no counter (approve, check in). */
export async function transition(bookingId: string, from: readonly BookingStatus[], patch: (b: BookingDoc, now: Date) => Partial<BookingDoc>, clock: () => Date): Promise<{ booking: BookingDoc; changed: boolean }> {
  return withTransaction(async (t) => {
    const now = clock()
    const booking = await read<BookingDoc>(t, 'bookings', bookingId)
    if (!booking) throw new AppError('NOT_FOUND', '没有找到该预约', { bookingId })
    if (!from.includes(booking.status)) return { booking: { ...booking, _id: bookingId }, changed: false }
    const next = { ...booking, ...patch(booking, now), _id: bookingId, updatedAt: now }
    await write(t, 'bookings', next)
    return { booking: next, changed: true }
  })
}
