/**
 * The booking model as stored (collections in database/collections.json). Plain types, no zod, so
 * the booking subpackage can import them as values (rule texts) without bundling zod.
 *
 * Counting never happens by count-then-insert (R5.12): each slot has a counter document
 * (booking_slots, `bs_…`) holding the seats taken and the waitlist in order, and each household
 * has a counter document per resource and day and per resource and week (booking_quotas, `bq_…`)
 * listing its live bookings. booking.create reads and writes those documents in one transaction,
 * so a conflict between parallel calls is detected at commit and the loser re-runs on fresh counts.
 */
export const RESOURCE_KINDS = ['FACILITY', 'SERVICE'] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]

/** The field study's facility types (baseline.md) plus the services the issue names. */
export const RESOURCE_CATEGORIES = [
  'SERVICE_HALL',
  'CLINIC',
  'LIBRARY',
  'ACTIVITY_ROOM',
  'PLAZA',
  'FITNESS',
  'MEDIATION',
  'HEALTH',
  'ELDER_CARE',
  'OTHER',
] as const
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number]

export const CATEGORY_LABELS: Record<ResourceCategory, string> = {
  SERVICE_HALL: '一站式服务大厅',
  CLINIC: '社区卫生室',
  LIBRARY: '图书室',
  ACTIVITY_ROOM: '室内活动室',
  PLAZA: '文化广场',
  FITNESS: '健身设施',
  MEDIATION: '居民议事厅/调解室',
  HEALTH: '健康服务',
  ELDER_CARE: '养老与康复',
  OTHER: '其他',
}

/** Who may book: approved residents of any relation, owners only, or anyone holding a role in the community. */
export const ELIGIBILITIES = ['RESIDENTS', 'OWNERS', 'COMMUNITY'] as const
export type Eligibility = (typeof ELIGIBILITIES)[number]
export const ELIGIBILITY_LABELS: Record<Eligibility, string> = { RESIDENTS: '本社区居民', OWNERS: '本社区业主', COMMUNITY: '本社区所有人（含工作人员）' }

/** Which organisation runs it: property staff manage only PROPERTY resources (capabilities.ts). */
export const OPERATORS = ['COMMUNITY', 'PROPERTY'] as const
export type Operator = (typeof OPERATORS)[number]

export interface OpeningInterval {
  open: string // 'HH:mm'
  close: string // 'HH:mm', may be '24:00'
}

export interface ResourceRules {
  /** ISO weekday '1' (Mon) … '7' (Sun) → opening intervals; a missing or empty day is closed. */
  weeklyHours: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', OpeningInterval[]>>
  /** Whole days closed (法定节假日, maintenance). Wins over everything else. */
  closures: { date: string; reason: string }[]
  /** Days whose hours differ from the weekly pattern (调休 working Saturday, shorter hours). */
  exceptions: { date: string; intervals: OpeningInterval[]; reason: string }[]
  slotMinutes: number
  /** Seats per slot; exclusive use means one household has the whole slot (capacity 1). */
  capacity: number
  exclusive: boolean
  /** A slot must start at least this long after the booking is made. */
  minNoticeMinutes: number
  /** Furthest bookable day, counted in Shanghai calendar days from today (0 = today only). */
  horizonDays: number
  /** Live bookings (confirmed, pending or waiting) per household; null = no limit. */
  quotaPerDay: number | null
  quotaPerWeek: number | null
  /** Residents may cancel until this long before the start; staff are exempt. */
  cancelBeforeMinutes: number
  requiresApproval: boolean
  /** Check-in opens `opensBefore` minutes before the start and closes `closesAfter` minutes after it;
   * an unclaimed booking is then released by the timer (and counts as a no-show). */
  checkIn: { required: boolean; opensBeforeMinutes: number; closesAfterMinutes: number }
  /** People waiting per slot (0 = no waitlist). */
  waitlistMax: number
}

export interface ResourceDoc extends ResourceRules {
  _id: string
  communityId: string
  name: string
  kind: ResourceKind
  category: ResourceCategory
  location: string
  description: string
  operator: Operator
  eligibility: Eligibility
  /** Health or mediation: separate consent, minimum data, never listed to others, purged (R4, PIPL Art. 28–29). */
  sensitive: boolean
  active: boolean
  createdAt: Date
  updatedAt: Date
  updatedBy: string
}

export const BOOKING_STATUSES = ['CONFIRMED', 'PENDING_APPROVAL', 'WAITLISTED', 'CANCELLED', 'REJECTED', 'CHECKED_IN', 'NO_SHOW'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]
/** Statuses that occupy a seat in the slot counter. */
export const HOLDING: readonly BookingStatus[] = ['CONFIRMED', 'PENDING_APPROVAL', 'CHECKED_IN']
/** Statuses that count against the household's quota (a waiting place is a claim too). */
export const LIVE: readonly BookingStatus[] = ['CONFIRMED', 'PENDING_APPROVAL', 'WAITLISTED', 'CHECKED_IN']

export const STATUS_LABELS: Record<BookingStatus, string> = {
  CONFIRMED: '已预约',
  PENDING_APPROVAL: '待审核',
  WAITLISTED: '候补中',
  CANCELLED: '已取消',
  REJECTED: '未通过',
  CHECKED_IN: '已签到',
  NO_SHOW: '未到场',
}

export interface BookingDoc {
  _id: string
  resourceId: string
  communityId: string
  date: string
  start: string
  end: string
  startAt: Date
  status: BookingStatus
  /** The household whose quota it uses: `u_<unitId>` or, for staff without a home, `p_<openid>`. */
  householdKey: string
  unitId: string | null
  /** The person the booking is for (sees and may cancel it). */
  openid: string
  /** Who made it (the person, a family member or a grid worker — R6.7, shown on the booking). */
  bookedBy: string
  bookedByRole: 'SELF' | 'FAMILY' | 'GRID_WORKER'
  proxyBasis: null | 'CONSENT' | 'PHONE_NOTE'
  proxyNote: string | null
  /** Six digits shown as number and QR; staff type or scan it. */
  checkInCode: string
  checkInOpensAt: Date | null
  checkInClosesAt: Date | null
  /** Place in the slot's waitlist (1 = next), only while WAITLISTED. */
  waitPosition: number | null
  sensitive: boolean
  /** Minimum personal detail for a sensitive service (what the consultation is about); purged. */
  note: string | null
  /** When the personal fields are purged (sensitive services: slot end + the purpose's retention). */
  purgeAt: Date | null
  purgedAt: Date | null
  decidedBy: string | null
  decisionNote: string | null
  cancelledBy: string | null
  createdAt: Date
  updatedAt: Date
}

export interface SlotCounterDoc {
  _id: string
  resourceId: string
  date: string
  start: string
  /** Bookings holding a seat (confirmed, pending approval, checked in). */
  held: number
  /** Waitlisted booking ids, first = next to be promoted. */
  queue: string[]
}

export interface QuotaCounterDoc {
  _id: string
  resourceId: string
  householdKey: string
  period: string // a date, or 'w' + the week's Monday
  bookingIds: string[]
}

export const slotCounterId = (resourceId: string, date: string, start: string) => `bs_${resourceId}_${date.replace(/-/g, '')}_${start.replace(':', '')}`
export const dayQuotaId = (resourceId: string, householdKey: string, date: string) => `bq_${resourceId}_${householdKey}_${date.replace(/-/g, '')}`
export const weekQuotaId = (resourceId: string, householdKey: string, monday: string) => `bq_${resourceId}_${householdKey}_w${monday.replace(/-/g, '')}`
