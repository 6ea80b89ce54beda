/**
 * booking (issue #11): community facilities and services that never double-book. Counting goes
 * through counter documents in one transaction (model.ts, R5.12); the slot maths is slots.ts,
 * re-run by the server inside that transaction. Refusals use the closed codes BOOKING_SLOT_FULL,
 * BOOKING_QUOTA_EXCEEDED, BOOKING_OUTSIDE_WINDOW, BOOKING_CLOSED, BOOKING_CANCEL_CLOSED,
 * BOOKING_PAUSED.
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { BOOKING_STATUSES, ELIGIBILITIES, OPERATORS, RESOURCE_CATEGORIES, RESOURCE_KINDS, type ResourceRules } from './model'
import { isCalendarDate, minutesOf, TIME_RE } from './time'

const date = z.string().refine(isCalendarDate, { message: '日期应为 YYYY-MM-DD 格式的有效日期（北京时间）' })
const time = z.string().regex(TIME_RE, '时间应为 HH:mm')
const slotStart = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:mm')
const resourceId = z.string().min(1).max(80)
const bookingId = z.string().min(1).max(200)

const interval = z
  .object({ open: time, close: time })
  .strict()
  .refine((i) => minutesOf(i.close) > minutesOf(i.open), { message: '结束时间应晚于开始时间', path: ['close'] })
const intervals = z.array(interval).max(6)
const weekday = z.enum(['1', '2', '3', '4', '5', '6', '7'])

export const resourceRulesSchema = z
  .object({
    weeklyHours: z.partialRecord(weekday, intervals),
    closures: z.array(z.object({ date, reason: z.string().max(40) }).strict()).max(100),
    exceptions: z.array(z.object({ date, intervals, reason: z.string().max(40) }).strict()).max(100),
    slotMinutes: z.number().int().min(10).max(480),
    capacity: z.number().int().min(1).max(500),
    exclusive: z.boolean(),
    minNoticeMinutes: z.number().int().min(0).max(14 * 24 * 60),
    horizonDays: z.number().int().min(0).max(90),
    quotaPerDay: z.number().int().min(1).max(50).nullable(),
    quotaPerWeek: z.number().int().min(1).max(100).nullable(),
    cancelBeforeMinutes: z.number().int().min(0).max(7 * 24 * 60),
    requiresApproval: z.boolean(),
    checkIn: z.object({ required: z.boolean(), opensBeforeMinutes: z.number().int().min(0).max(240), closesAfterMinutes: z.number().int().min(0).max(240) }).strict(),
    waitlistMax: z.number().int().min(0).max(50),
  })
  .strict() satisfies z.ZodType<ResourceRules>

const resourceFields = {
  name: z.string().trim().min(2).max(20),
  kind: z.enum(RESOURCE_KINDS),
  category: z.enum(RESOURCE_CATEGORIES),
  location: z.string().trim().max(40),
  description: z.string().trim().max(200),
  operator: z.enum(OPERATORS),
  eligibility: z.enum(ELIGIBILITIES),
  sensitive: z.boolean(),
  active: z.boolean(),
}

const resourceView = z.object({
  id: z.string(),
  communityId: z.string(),
  ...resourceFields,
  ...resourceRulesSchema.shape,
  capacity: z.number(),
  rules: z.array(z.string()),
  updatedAt: wireDate,
})

const slot = z.object({
  start: z.string(),
  end: z.string(),
  capacity: z.number(),
  booked: z.number(),
  available: z.number(),
  waiting: z.number(),
  state: z.enum(['OPEN', 'WAITLIST', 'FULL', 'PAST', 'TOO_SOON']),
  bookable: z.boolean(),
  label: z.string(),
})
const day = z.object({ date: z.string(), closedReason: z.string().nullable(), slots: z.array(slot) })

const status = z.enum(BOOKING_STATUSES)

/** What the person the booking is for (and the one who made it) sees. */
const booking = z.object({
  id: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  location: z.string(),
  communityId: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  status,
  statusLabel: z.string(),
  waitPosition: z.number().nullable(),
  checkInCode: z.string().nullable(),
  checkInOpensAt: wireDate.nullable(),
  checkInClosesAt: wireDate.nullable(),
  /** 本人 / 家人张*明代约 / 网格员周*代约 (R6.7: the booking shows who made it). */
  bookedByLabel: z.string(),
  forSelf: z.boolean(),
  canCancel: z.boolean(),
  sensitive: z.boolean(),
  note: z.string().nullable(),
  createdAt: wireDate,
})

/** A row of the staff day sheet: masked names (R4.9); sensitive services show no unit. */
const sheetRow = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  status,
  statusLabel: z.string(),
  nameMasked: z.string(),
  unitLabel: z.string().nullable(),
  bookedByLabel: z.string(),
  waitPosition: z.number().nullable(),
  note: z.string().nullable(),
})

const affected = z.object({ id: z.string(), date: z.string(), start: z.string(), nameMasked: z.string(), reason: z.enum(['HOURS', 'SEATS', 'CLOSED']) })

/** Someone the caller may book for; agreement FAMILY needs none, NONE needs the note of the phone call. */
const proxyTarget = z.object({
  memberId: z.string(),
  nameMasked: z.string(),
  unitLabel: z.string(),
  relationLabel: z.string(),
  agreement: z.enum(['FAMILY', 'CONSENT', 'NONE']),
})

export const bookingContract = defineFunction('booking', {
  resources: defineAction({
    summary: 'Bookable facilities and services of a community, with their rules in words. Staff with booking.manage also get inactive ones.',
    input: z.object({ communityId: ids.community, includeInactive: z.boolean().optional() }).strict(),
    output: z.object({ resources: z.array(resourceView) }),
    access: 'member',
  }),
  availability: defineAction({
    summary: 'Slots of a resource for one day (or up to 14 days from it): capacity, booked, available, waiting, state and a text label. Counts only — never who booked (sensitive services included).',
    input: z.object({ resourceId, date, days: z.number().int().min(1).max(14).optional() }).strict(),
    output: z.object({ resourceId: z.string(), today: z.string(), lastDate: z.string(), date: z.string(), closedReason: z.string().nullable(), slots: z.array(slot), days: z.array(day) }),
    access: 'member',
  }),
  create: defineAction({
    summary:
      'Book a slot in one transaction over the slot counter and the household day/week counters: CONFIRMED, PENDING_APPROVAL (approval required) or WAITLISTED, else BOOKING_SLOT_FULL / BOOKING_QUOTA_EXCEEDED / BOOKING_OUTSIDE_WINDOW / BOOKING_CLOSED / BOOKING_PAUSED. forMemberId books for someone else: a member of the same home, or a grid worker for a resident of their grid with the resident\'s booking_proxy consent or a phone note (R6.7). Sensitive services need the separate booking_sensitive consent.',
    input: z
      .object({
        resourceId,
        date,
        start: slotStart,
        /** Sensitive services only: what it is about, in a few words (minimum necessary). */
        note: z.string().trim().max(60).optional(),
        forMemberId: z.string().min(1).max(200).optional(),
        /** Grid worker without the resident's consent record: the note of the phone call (who, when, what was agreed). */
        proxyNote: z.string().trim().min(4).max(200).optional(),
      })
      .strict(),
    output: z.object({ booking }),
    access: 'member',
    purpose: 'booking',
    idempotent: true,
  }),
  cancel: defineAction({
    summary: 'Cancel a booking (the person it is for, whoever made it, or staff with booking.manage). Residents only before the cancellation window; staff at any time. Frees the seat and promotes the waitlist in order in the same transaction.',
    input: z.object({ bookingId, reason: z.string().trim().max(60).optional() }).strict(),
    output: z.object({ booking, promoted: z.array(z.string()) }),
    access: 'member',
    idempotent: true,
  }),
  mine: defineAction({
    summary: 'The caller\'s bookings (made by them or for them), upcoming first, with check-in codes.',
    input: z.object({ includePast: z.boolean().optional() }).strict(),
    output: z.object({ bookings: z.array(booking), standing: z.object({ pausedUntil: wireDate.nullable(), noShows30d: z.number(), exempt: z.boolean() }) }),
    access: 'member',
  }),
  waitlist: defineAction({
    summary: 'How many wait for a slot and the caller\'s place (1 = next). No identities.',
    input: z.object({ resourceId, date, start: slotStart }).strict(),
    output: z.object({ waiting: z.number(), myPosition: z.number().nullable(), myBookingId: z.string().nullable() }),
    access: 'member',
  }),
  checkIn: defineAction({
    summary: 'Staff check a person in by the 6-digit code (typed or scanned from the QR), inside the check-in window.',
    input: z.object({ communityId: ids.community, code: z.string().regex(/^\d{6}$/, '签到码为6位数字'), bookingId: bookingId.optional() }).strict(),
    output: z.object({ booking: sheetRow }),
    access: { capability: 'booking.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  approve: defineAction({
    summary: 'Approve or reject a PENDING_APPROVAL booking. Rejecting frees the seat and promotes the waitlist. The person is notified (subscribe message with the notifications consent).',
    input: z.object({ communityId: ids.community, bookingId, decision: z.enum(['APPROVE', 'REJECT']), note: z.string().trim().max(60).optional() }).strict(),
    output: z.object({ booking: sheetRow, promoted: z.array(z.string()) }),
    access: { capability: 'booking.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  manage: defineAction({
    summary:
      'Create or edit a resource. An edit that strands live bookings (shorter hours, fewer seats, a new closure) answers saved:false with the affected bookings; with confirm:true it saves, cancels those bookings and notifies the people. Property staff manage PROPERTY resources only.',
    input: z
      .object({
        communityId: ids.community,
        resourceId: resourceId.optional(),
        resource: z.object({ ...resourceFields, ...resourceRulesSchema.shape }).strict(),
        confirm: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ saved: z.boolean(), resource: resourceView.nullable(), affected: z.array(affected) }),
    access: { capability: 'booking.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Staff day sheet of one resource: every booking of the day with masked names, pending approvals and the waitlist in order.',
    input: z.object({ communityId: ids.community, resourceId, date }).strict(),
    output: z.object({ date: z.string(), rows: z.array(sheetRow), pending: z.number(), checkedIn: z.number() }),
    access: { capability: 'booking.manage', community: (i) => i.communityId },
  }),
  appeal: defineAction({
    summary: 'Appeal a no-show pause (issue #11 item 3): the reason goes to staff, who lift or keep it.',
    input: z.object({ communityId: ids.community, reason: z.string().trim().min(4).max(200) }).strict(),
    output: z.object({ standingId: z.string(), status: z.literal('PENDING') }),
    access: 'member',
    purpose: 'booking',
    idempotent: true,
  }),
  appeals: defineAction({
    summary: 'Pending no-show appeals of a community for staff: the home (unit label), no-shows in 30 days, pause end and the reason.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ appeals: z.array(z.object({ id: z.string(), unitLabel: z.string().nullable(), noShows: z.number(), pausedUntil: wireDate.nullable(), reason: z.string(), at: wireDate })) }),
    access: { capability: 'booking.manage', community: (i) => i.communityId },
  }),
  decideAppeal: defineAction({
    summary: 'Lift (pause and no-shows cleared) or keep a paused household\'s booking pause. Audited.',
    input: z.object({ communityId: ids.community, standingId: z.string().min(1).max(200), decision: z.enum(['LIFT', 'KEEP']), note: z.string().trim().max(60).optional() }).strict(),
    output: z.object({ standingId: z.string(), status: z.enum(['LIFTED', 'KEPT']) }),
    access: { capability: 'booking.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  proxyTargets: defineAction({
    summary:
      "Whom the caller may book for (R6.7): the other members of their own homes, and for a grid worker the residents of one building of their grids (R7.2), 50 a page, each with whether the resident's booking_proxy consent is on record. Names masked (R4.9). booking.create re-checks everything.",
    input: z.object({ communityId: ids.community, buildingId: ids.building.optional(), page: z.number().int().min(0).max(1000).default(0) }).strict(),
    output: z.object({
      family: z.array(proxyTarget),
      /** The grid worker's buildings (empty for everyone else). */
      buildings: z.array(z.object({ id: z.string(), name: z.string() })),
      /** Residents of the requested building (grid workers only). */
      residents: z.array(proxyTarget),
      hasMore: z.boolean(),
    }),
    access: 'member',
  }),
  workload: defineAction({
    summary: 'Counts for the staff work items on 首页: pending approvals and check-ins expected today.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ pendingApprovals: z.number(), checkInsToday: z.number() }),
    access: { capability: 'booking.manage', community: (i) => i.communityId },
  }),
})
