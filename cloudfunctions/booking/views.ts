/** What people read about bookings: the owner's view and the staff day sheet, names masked (R4.9). */
import { _ } from '../_core/cloud'
import { findAll } from '../_core/data'
import { unitLabels } from '../_core/lookup'
import type { UserDoc } from '../../domain/community/model'
import { STATUS_LABELS, slotCounterId, type BookingDoc, type ResourceDoc, type SlotCounterDoc } from '../../domain/booking/model'
import { cancelProblem, rulesText, seatsOf } from '../../domain/booking/slots'
import { maskName } from '../../domain/privacy/masking'

type Stored<T> = T & Record<string, unknown>

export async function namesOf(openids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(openids)].filter(Boolean)
  if (!unique.length) return new Map()
  const users = await findAll<Stored<UserDoc>>('users', { _id: _.in(unique) })
  return new Map(users.map((u) => [u._id, u.realName ?? u.nickname ?? '']))
}

/** Waitlist places, read from the slot counters (the queue is the order; positions are not stored per booking). */
export async function waitPositions(bookings: BookingDoc[]): Promise<Map<string, number>> {
  const waiting = bookings.filter((b) => b.status === 'WAITLISTED')
  const out = new Map<string, number>()
  if (!waiting.length) return out
  const ids = [...new Set(waiting.map((b) => slotCounterId(b.resourceId, b.date, b.start)))]
  const counters = await findAll<Stored<SlotCounterDoc>>('booking_slots', { _id: _.in(ids) })
  for (const c of counters) c.queue.forEach((id, i) => out.set(id, i + 1))
  return out
}

export function bookedByLabel(b: BookingDoc, names: Map<string, string>): string {
  if (b.bookedByRole === 'SELF') return '本人预约'
  const who = maskName(names.get(b.bookedBy) ?? '')
  return b.bookedByRole === 'FAMILY' ? `家人${who}代约` : `网格员${who}代约`
}

export function resourceView(r: ResourceDoc) {
  const { _id, ...rest } = r
  return { ...rest, id: _id, capacity: seatsOf(r), rules: rulesText(r) }
}

export function ownerView(b: BookingDoc, resource: ResourceDoc | undefined, ctx: { openid: string; now: Date }, names: Map<string, string>, positions: Map<string, number>, staff: boolean) {
  const live = b.status === 'CONFIRMED' || b.status === 'PENDING_APPROVAL' || b.status === 'WAITLISTED'
  const canCancel = live && !!resource && b.startAt > ctx.now && (b.status === 'WAITLISTED' || !cancelProblem(resource, new Date(b.startAt), ctx.now, staff))
  return {
    id: b._id,
    resourceId: b.resourceId,
    resourceName: resource?.name ?? '',
    location: resource?.location ?? '',
    communityId: b.communityId,
    date: b.date,
    start: b.start,
    end: b.end,
    status: b.status,
    statusLabel: STATUS_LABELS[b.status],
    waitPosition: positions.get(b._id) ?? null,
    // The code is for the person the booking is for and whoever made it; it is shown only while it can be used.
    checkInCode: b.status === 'CONFIRMED' && b.checkInOpensAt ? b.checkInCode : null,
    checkInOpensAt: b.checkInOpensAt,
    checkInClosesAt: b.checkInClosesAt,
    bookedByLabel: bookedByLabel(b, names),
    forSelf: b.openid === ctx.openid,
    canCancel,
    sensitive: b.sensitive,
    note: b.note,
    createdAt: b.createdAt,
  }
}

export async function sheetRows(bookings: BookingDoc[]) {
  const [names, labels, positions] = await Promise.all([
    namesOf(bookings.flatMap((b) => [b.openid, b.bookedBy])),
    unitLabels(bookings.filter((b) => !b.sensitive && b.unitId).map((b) => b.unitId!)),
    waitPositions(bookings),
  ])
  return bookings.map((b) => sheetRow(b, names, labels, positions))
}

export function sheetRow(b: BookingDoc, names: Map<string, string>, labels: Map<string, { label: string }>, positions: Map<string, number>) {
  return {
    id: b._id,
    start: b.start,
    end: b.end,
    status: b.status,
    statusLabel: STATUS_LABELS[b.status],
    nameMasked: b.purgedAt ? '（已删除）' : maskName(names.get(b.openid) ?? ''),
    // Sensitive services: no unit on the sheet either — the name is enough to receive the person.
    unitLabel: b.sensitive || !b.unitId ? null : labels.get(b.unitId)?.label ?? null,
    bookedByLabel: bookedByLabel(b, names),
    waitPosition: positions.get(b._id) ?? null,
    note: b.note,
  }
}
