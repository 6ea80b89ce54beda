/**
 * The slot maths (issue #11): opening hours per weekday, closures and exceptions, slot length,
 * capacity or exclusive use, minimum notice, horizon, household quotas, cancellation and check-in
 * windows. Pure and clock-free — `now` is an argument — so the availability view and the booking
 * transaction run the very same function (the server re-runs it inside the transaction), and the
 * table tests pin the clock. All wall-clock times are Asia/Shanghai (time.ts).
 */
import type { ErrorCode } from '../shared/errors'
import type { OpeningInterval, ResourceRules } from './model'
import { addDays, daysBetween, hhmm, isCalendarDate, isoWeekday, minutesOf, shanghaiDate, shanghaiInstant } from './time'

export interface SlotCount {
  held: number
  waiting: number
}

export type SlotState = 'OPEN' | 'WAITLIST' | 'FULL' | 'PAST' | 'TOO_SOON'

export interface SlotView {
  start: string
  end: string
  capacity: number
  booked: number
  available: number
  waiting: number
  state: SlotState
  bookable: boolean
  /** Text, never colour alone (R6.5): 可预约（剩3位） / 已满，可候补 / 已满 / 已过 / 不足提前量. */
  label: string
}

export interface Refusal {
  code: ErrorCode
  message: string
  details: Record<string, unknown>
}

export const seatsOf = (rules: Pick<ResourceRules, 'capacity' | 'exclusive'>): number => (rules.exclusive ? 1 : rules.capacity)

/** The opening intervals of a date: closure > exception > weekly pattern. */
export function openingOn(rules: ResourceRules, date: string): { closedReason: string | null; intervals: OpeningInterval[] } {
  const closure = rules.closures.find((c) => c.date === date)
  if (closure) return { closedReason: closure.reason || '闭馆', intervals: [] }
  const exception = rules.exceptions.find((e) => e.date === date)
  const intervals = exception ? exception.intervals : rules.weeklyHours[String(isoWeekday(date)) as '1'] ?? []
  return { closedReason: intervals.length ? null : '当日不开放', intervals }
}

/** Slots of a date: each interval cut into slotMinutes; a remainder shorter than a slot is not offered. */
export function slotTimes(rules: ResourceRules, date: string): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = []
  for (const iv of [...openingOn(rules, date).intervals].sort((a, b) => minutesOf(a.open) - minutesOf(b.open))) {
    for (let m = minutesOf(iv.open); m + rules.slotMinutes <= minutesOf(iv.close); m += rules.slotMinutes) {
      out.push({ start: hhmm(m), end: hhmm(m + rules.slotMinutes) })
    }
  }
  return out
}

/** The date itself: a real calendar day, not before today and not beyond the horizon (Shanghai days). */
export function dateProblem(rules: Pick<ResourceRules, 'horizonDays'>, date: string, now: Date): Refusal | null {
  if (!isCalendarDate(date)) return { code: 'VALIDATION_FAILED', message: '日期格式应为 YYYY-MM-DD', details: { fields: { date: ['日期无效'] } } }
  const today = shanghaiDate(now)
  const ahead = daysBetween(today, date)
  if (ahead < 0) return { code: 'BOOKING_OUTSIDE_WINDOW', message: '不能预约已经过去的日期', details: { reason: 'PAST', date, today } }
  if (ahead > rules.horizonDays) {
    return { code: 'BOOKING_OUTSIDE_WINDOW', message: `最远只能预约${rules.horizonDays}天以内`, details: { reason: 'BEYOND_HORIZON', date, today, lastDate: addDays(today, rules.horizonDays) } }
  }
  return null
}

function slotState(rules: ResourceRules, date: string, start: string, now: Date, count: SlotCount): SlotState {
  const startAt = shanghaiInstant(date, start).getTime()
  if (startAt <= now.getTime()) return 'PAST'
  if (startAt < now.getTime() + rules.minNoticeMinutes * 60_000) return 'TOO_SOON'
  if (count.held < seatsOf(rules)) return 'OPEN'
  return count.waiting < rules.waitlistMax ? 'WAITLIST' : 'FULL'
}

function noticeText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`
}

function labelOf(state: SlotState, available: number, rules: ResourceRules): string {
  switch (state) {
    case 'OPEN':
      return rules.exclusive || seatsOf(rules) === 1 ? '可预约' : `可预约（剩${available}位）`
    case 'WAITLIST':
      return '已满，可候补'
    case 'FULL':
      return '已满'
    case 'PAST':
      return '已过'
    case 'TOO_SOON':
      return `需提前${noticeText(rules.minNoticeMinutes)}`
  }
}

/** The availability of one day, as booking.availability returns it. */
export function daySlots(
  rules: ResourceRules,
  date: string,
  now: Date,
  counts: Readonly<Record<string, SlotCount>> = {},
): { date: string; closedReason: string | null; slots: SlotView[] } {
  const { closedReason } = openingOn(rules, date)
  const capacity = seatsOf(rules)
  const slots = slotTimes(rules, date).map(({ start, end }) => {
    const count = counts[start] ?? { held: 0, waiting: 0 }
    const booked = Math.min(count.held, capacity)
    const state = slotState(rules, date, start, now, count)
    const available = capacity - booked
    return { start, end, capacity, booked, available, waiting: count.waiting, state, bookable: state === 'OPEN' || state === 'WAITLIST', label: labelOf(state, available, rules) }
  })
  return { date, closedReason, slots }
}

/**
 * Whether (date, start) may be booked now, before looking at seats: the date window, the day's
 * opening, the slot grid and the minimum notice. Returns the slot or the refusal.
 */
export function slotProblem(rules: ResourceRules, date: string, start: string, now: Date): { refusal: Refusal } | { slot: { start: string; end: string; startAt: Date } } {
  const d = dateProblem(rules, date, now)
  if (d) return { refusal: d }
  const { closedReason } = openingOn(rules, date)
  if (closedReason) return { refusal: { code: 'BOOKING_CLOSED', message: `当天不开放（${closedReason}）`, details: { reason: 'CLOSED_DAY', date, closedReason } } }
  const slot = slotTimes(rules, date).find((s) => s.start === start)
  if (!slot) return { refusal: { code: 'BOOKING_CLOSED', message: '该时段不开放预约', details: { reason: 'NO_SUCH_SLOT', date, start } } }
  const startAt = shanghaiInstant(date, start)
  if (startAt.getTime() <= now.getTime()) return { refusal: { code: 'BOOKING_OUTSIDE_WINDOW', message: '该时段已经开始或结束', details: { reason: 'PAST', date, start } } }
  if (startAt.getTime() < now.getTime() + rules.minNoticeMinutes * 60_000) {
    return { refusal: { code: 'BOOKING_OUTSIDE_WINDOW', message: `需至少提前${noticeText(rules.minNoticeMinutes)}预约`, details: { reason: 'NOTICE', date, start, minNoticeMinutes: rules.minNoticeMinutes } } }
  }
  return { slot: { ...slot, startAt } }
}

/** Household quota (live = confirmed, pending or waiting bookings already held for the period). */
export function quotaProblem(rules: Pick<ResourceRules, 'quotaPerDay' | 'quotaPerWeek'>, liveToday: number, liveThisWeek: number): Refusal | null {
  if (rules.quotaPerDay !== null && liveToday >= rules.quotaPerDay) {
    return { code: 'BOOKING_QUOTA_EXCEEDED', message: `每户每天最多预约${rules.quotaPerDay}次`, details: { period: 'DAY', quota: rules.quotaPerDay, used: liveToday } }
  }
  if (rules.quotaPerWeek !== null && liveThisWeek >= rules.quotaPerWeek) {
    return { code: 'BOOKING_QUOTA_EXCEEDED', message: `每户每周最多预约${rules.quotaPerWeek}次`, details: { period: 'WEEK', quota: rules.quotaPerWeek, used: liveThisWeek } }
  }
  return null
}

/** A seat, a place on the waitlist, or nothing. */
export function seatDecision(rules: ResourceRules, held: number, waiting: number): 'SEAT' | 'WAITLIST' | 'FULL' {
  if (held < seatsOf(rules)) return 'SEAT'
  return waiting < rules.waitlistMax ? 'WAITLIST' : 'FULL'
}

/** Residents cancel until cancelBeforeMinutes before the start; staff at any time before it ends. */
export function cancelProblem(rules: Pick<ResourceRules, 'cancelBeforeMinutes'>, startAt: Date, now: Date, staff: boolean): Refusal | null {
  if (staff) return null
  const deadline = startAt.getTime() - rules.cancelBeforeMinutes * 60_000
  if (now.getTime() <= deadline) return null
  return {
    code: 'BOOKING_CANCEL_CLOSED',
    message: `开始前${noticeText(rules.cancelBeforeMinutes)}内不能自行取消，请联系工作人员`,
    details: { deadline: new Date(deadline).toISOString(), cancelBeforeMinutes: rules.cancelBeforeMinutes },
  }
}

export function checkInWindow(rules: Pick<ResourceRules, 'checkIn'>, date: string, start: string): { opensAt: Date; closesAt: Date } | null {
  if (!rules.checkIn.required) return null
  const startAt = shanghaiInstant(date, start).getTime()
  return { opensAt: new Date(startAt - rules.checkIn.opensBeforeMinutes * 60_000), closesAt: new Date(startAt + rules.checkIn.closesAfterMinutes * 60_000) }
}

export function checkInState(window: { opensAt: Date; closesAt: Date }, now: Date): 'TOO_EARLY' | 'OPEN' | 'CLOSED' {
  if (now < window.opensAt) return 'TOO_EARLY'
  return now <= window.closesAt ? 'OPEN' : 'CLOSED'
}

/**
 * The rules stated before the tap (R6.6 and the "rules stated before the tap"): the same
 * text on the confirmation sheet and in the resource list.
 */
export function rulesText(rules: ResourceRules & { sensitive?: boolean }): string[] {
  const lines: string[] = []
  lines.push(rules.exclusive ? `每个时段${rules.slotMinutes}分钟，一户独享` : `每个时段${rules.slotMinutes}分钟，共${rules.capacity}个名额，每户占1个`)
  const quota = [rules.quotaPerDay !== null ? `每天${rules.quotaPerDay}次` : '', rules.quotaPerWeek !== null ? `每周${rules.quotaPerWeek}次` : ''].filter(Boolean).join('、')
  if (quota) lines.push(`每户最多${quota}（候补也算）`)
  if (rules.minNoticeMinutes > 0) lines.push(`需至少提前${noticeText(rules.minNoticeMinutes)}预约，最远可约${rules.horizonDays}天内`)
  else lines.push(`最远可约${rules.horizonDays}天内`)
  lines.push(rules.cancelBeforeMinutes > 0 ? `开始前${noticeText(rules.cancelBeforeMinutes)}以前可自行取消` : '开始前可随时取消')
  if (rules.requiresApproval) lines.push('需工作人员审核，通过后才算预约成功')
  if (rules.checkIn.required) lines.push(`请在开始前${rules.checkIn.opensBeforeMinutes}分钟至开始后${rules.checkIn.closesAfterMinutes}分钟内签到，逾时自动释放给候补`)
  if (rules.waitlistMax > 0) lines.push(`约满后可候补（最多${rules.waitlistMax}位），有人取消时按顺序自动递补`)
  if (rules.sensitive) lines.push('属于敏感服务：只记录必要信息，不向其他居民展示，到期自动删除')
  return lines
}
