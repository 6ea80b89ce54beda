/**
 * Slot maths table tests (issue #11) with fixed clocks: across Shanghai midnight (a UTC date that
 * is still "yesterday"), weekends, holiday closures and exceptions, notice, horizon, quotas and
 * the cancellation and check-in windows. The suite runs under TZ=UTC in CI; nothing here may
 * depend on the machine's zone, so one test re-runs under a shifted process zone view.
 */
import type { ResourceRules } from '../../../domain/booking/model'
import {
  cancelProblem,
  checkInState,
  checkInWindow,
  dateProblem,
  daySlots,
  quotaProblem,
  rulesText,
  seatDecision,
  slotProblem,
  slotTimes,
} from '../../../domain/booking/slots'
import { addDays, isCalendarDate, shanghaiDate, shanghaiInstant, shanghaiTime, weekStart } from '../../../domain/booking/time'

/** The 活动室: 10 seats, 1 per household per day, weekdays 09–12 and 14–17, Saturday mornings. */
const ROOM: ResourceRules = {
  weeklyHours: {
    '1': [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }],
    '2': [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }],
    '3': [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }],
    '4': [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }],
    '5': [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }],
    '6': [{ open: '09:00', close: '11:30' }],
  },
  closures: [{ date: '2027-01-01', reason: '元旦' }],
  exceptions: [{ date: '2026-12-06', intervals: [{ open: '14:00', close: '16:00' }], reason: '调休' }],
  slotMinutes: 60,
  capacity: 10,
  exclusive: false,
  minNoticeMinutes: 60,
  horizonDays: 7,
  quotaPerDay: 1,
  quotaPerWeek: 3,
  cancelBeforeMinutes: 120,
  requiresApproval: false,
  checkIn: { required: true, opensBeforeMinutes: 15, closesAfterMinutes: 15 },
  waitlistMax: 5,
}
/** An evening service hall that runs to midnight. */
const LATE: ResourceRules = { ...ROOM, weeklyHours: { '1': [{ open: '22:00', close: '24:00' }], '2': [{ open: '00:00', close: '02:00' }] }, closures: [], exceptions: [], slotMinutes: 30 }

// 2026-12-01 is a Tuesday. 15:30Z = 23:30 Shanghai; 16:30Z = 00:30 on Wednesday 2 Dec in Shanghai (UTC still says 1 Dec).
const TUE_2330 = new Date('2026-12-01T15:30:00Z')
const WED_0030 = new Date('2026-12-01T16:30:00Z')
const WED_0830 = new Date('2026-12-02T00:30:00Z')

describe('Shanghai calendar', () => {
  test.each([
    [new Date('2026-12-01T15:59:59Z'), '2026-12-01'],
    [new Date('2026-12-01T16:00:00Z'), '2026-12-02'],
    [new Date('2026-12-31T16:00:00Z'), '2027-01-01'],
  ])('%s is %s in Shanghai', (now, date) => expect(shanghaiDate(now)).toBe(date))

  test('wall-clock time of an instant', () => expect(shanghaiTime('2026-12-04T10:45:00Z')).toBe('18:45'))

  test('instants are +08:00 wall clock, 24:00 is the next midnight', () => {
    expect(shanghaiInstant('2026-12-02', '09:00').toISOString()).toBe('2026-12-02T01:00:00.000Z')
    expect(shanghaiInstant('2026-12-02', '00:00').toISOString()).toBe('2026-12-01T16:00:00.000Z')
    expect(shanghaiInstant('2026-12-01', '24:00').toISOString()).toBe('2026-12-01T16:00:00.000Z')
  })

  test.each([
    ['2026-12-02', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-12-1', false],
    ['2026-12-01T16:00:00Z', false],
    ['20261201', false],
  ])('calendar date %s → %s', (d, ok) => expect(isCalendarDate(d)).toBe(ok))

  test('weeks start on Monday', () => {
    expect(weekStart('2026-12-06')).toBe('2026-11-30') // Sunday
    expect(weekStart('2026-11-30')).toBe('2026-11-30')
    expect(weekStart('2027-01-01')).toBe('2026-12-28')
  })
})

describe('opening hours, closures and exceptions', () => {
  test.each([
    ['2026-12-01', 'Tuesday: two intervals', ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00']],
    ['2026-12-05', 'Saturday 09–11:30: the half hour left over is not a slot', ['09:00', '10:00']],
    ['2026-12-06', 'Sunday, normally closed, open by exception', ['14:00', '15:00']],
    ['2026-12-13', 'Sunday without exception', []],
    ['2027-01-01', 'New Year (a Friday) closed', []],
  ])('%s (%s)', (date, _why, starts) => expect(slotTimes(ROOM, date).map((s) => s.start)).toEqual(starts))

  test('a closure wins over an exception on the same day', () => {
    const both = { ...ROOM, closures: [{ date: '2026-12-06', reason: '停电检修' }] }
    expect(daySlots(both, '2026-12-06', TUE_2330)).toMatchObject({ closedReason: '停电检修', slots: [] })
  })

  test('intervals run up to midnight and from midnight', () => {
    expect(slotTimes(LATE, '2026-11-30').map((s) => `${s.start}-${s.end}`)).toEqual(['22:00-22:30', '22:30-23:00', '23:00-23:30', '23:30-24:00'])
    expect(slotTimes(LATE, '2026-12-01').map((s) => s.start)).toEqual(['00:00', '00:30', '01:00', '01:30'])
  })
})

describe('date window: past, today, horizon — in Shanghai days', () => {
  test.each([
    // At 00:30 Shanghai on Wed 2 Dec the UTC date is still 1 Dec: 1 Dec is the past here.
    [WED_0030, '2026-12-01', 'PAST'],
    [WED_0030, '2026-12-02', null],
    [WED_0030, '2026-12-09', null],
    [WED_0030, '2026-12-10', 'BEYOND_HORIZON'],
    [TUE_2330, '2026-12-01', null],
    [TUE_2330, '2026-12-08', null],
    [TUE_2330, '2026-12-09', 'BEYOND_HORIZON'],
  ])('now %s, date %s → %s', (now, date, reason) => {
    const p = dateProblem(ROOM, date, now)
    if (reason === null) expect(p).toBeNull()
    else expect(p).toMatchObject({ code: 'BOOKING_OUTSIDE_WINDOW', details: { reason } })
  })

  test('malformed dates are validation errors', () => {
    expect(dateProblem(ROOM, '2026-02-30', WED_0030)?.code).toBe('VALIDATION_FAILED')
  })
})

describe('booking one slot', () => {
  test.each([
    [WED_0830, '2026-12-02', '09:00', 'BOOKING_OUTSIDE_WINDOW', 'NOTICE'], // 30 min ahead, notice is 60
    [WED_0830, '2026-12-02', '10:00', null, null],
    [WED_0830, '2026-12-02', '12:00', 'BOOKING_CLOSED', 'NO_SUCH_SLOT'], // lunch break
    [WED_0830, '2026-12-02', '09:30', 'BOOKING_CLOSED', 'NO_SUCH_SLOT'], // not on the grid
    [WED_0830, '2026-12-06', '09:00', 'BOOKING_CLOSED', 'NO_SUCH_SLOT'], // the exception opens 14–16 only
    [new Date('2026-12-10T00:00:00Z'), '2026-12-13', '09:00', 'BOOKING_CLOSED', 'CLOSED_DAY'], // Sunday
    [new Date('2026-12-28T00:00:00Z'), '2027-01-01', '09:00', 'BOOKING_CLOSED', 'CLOSED_DAY'], // 元旦
    [WED_0830, '2026-12-13', '09:00', 'BOOKING_OUTSIDE_WINDOW', 'BEYOND_HORIZON'],
    [new Date('2026-12-02T03:00:00Z'), '2026-12-02', '10:00', 'BOOKING_OUTSIDE_WINDOW', 'PAST'], // 11:00, slot began
  ])('now %s: %s %s → %s %s', (now, date, start, code, reason) => {
    const r = slotProblem(ROOM, date, start, now)
    if (code === null) expect(r).toEqual({ slot: { start, end: '11:00', startAt: new Date('2026-12-02T02:00:00Z') } })
    else expect(r).toMatchObject({ refusal: { code, details: { reason } } })
  })

  test('minimum notice across midnight: at 23:30 with 60 min notice, 00:00 is too soon and 00:30 just in time', () => {
    const mondayLate = new Date('2026-11-30T15:30:00Z') // Mon 23:30 Shanghai
    const day = daySlots(LATE, '2026-12-01', mondayLate)
    expect(day.slots.map((s) => [s.start, s.state])).toEqual([
      ['00:00', 'TOO_SOON'],
      ['00:30', 'OPEN'],
      ['01:00', 'OPEN'],
      ['01:30', 'OPEN'],
    ])
    expect(slotProblem(LATE, '2026-12-01', '00:00', mondayLate)).toMatchObject({ refusal: { details: { reason: 'NOTICE' } } })
    expect('slot' in slotProblem(LATE, '2026-12-01', '00:30', mondayLate)).toBe(true)
  })
})

describe('capacity, exclusive use and the waitlist', () => {
  test('counts turn into states with text (R6.5)', () => {
    const day = daySlots(ROOM, '2026-12-03', WED_0830, { '09:00': { held: 10, waiting: 2 }, '10:00': { held: 10, waiting: 5 }, '11:00': { held: 7, waiting: 0 } })
    expect(day.slots.slice(0, 3).map((s) => [s.start, s.booked, s.available, s.state, s.label])).toEqual([
      ['09:00', 10, 0, 'WAITLIST', '已满，可候补'],
      ['10:00', 10, 0, 'FULL', '已满'],
      ['11:00', 7, 3, 'OPEN', '可预约（剩3位）'],
    ])
  })

  test.each([
    [ROOM, 9, 0, 'SEAT'],
    [ROOM, 10, 4, 'WAITLIST'],
    [ROOM, 10, 5, 'FULL'],
    [{ ...ROOM, exclusive: true }, 0, 0, 'SEAT'],
    [{ ...ROOM, exclusive: true }, 1, 0, 'WAITLIST'],
    [{ ...ROOM, waitlistMax: 0 }, 10, 0, 'FULL'],
  ])('seat decision %#', (rules, held, waiting, want) => expect(seatDecision(rules, held, waiting)).toBe(want))
})

describe('household quotas', () => {
  test.each([
    [0, 0, null],
    [1, 1, 'DAY'],
    [0, 3, 'WEEK'],
    [0, 2, null],
  ])('today %i, this week %i → %s', (day, week, period) => {
    const p = quotaProblem(ROOM, day, week)
    if (period === null) expect(p).toBeNull()
    else expect(p).toMatchObject({ code: 'BOOKING_QUOTA_EXCEEDED', details: { period } })
  })

  test('no limits when the resource sets none', () => expect(quotaProblem({ quotaPerDay: null, quotaPerWeek: null }, 50, 500)).toBeNull())
})

describe('cancellation and check-in windows', () => {
  const start = shanghaiInstant('2026-12-03', '10:00')
  test.each([
    [new Date(start.getTime() - 121 * 60_000), false, null],
    [new Date(start.getTime() - 120 * 60_000), false, null],
    [new Date(start.getTime() - 119 * 60_000), false, 'BOOKING_CANCEL_CLOSED'],
    [new Date(start.getTime() - 10 * 60_000), true, null],
  ])('cancel at %s (staff %s) → %s', (now, staff, code) => expect(cancelProblem(ROOM, start, now, staff)?.code ?? null).toBe(code))

  test('check-in opens 15 min before and closes 15 min after the start', () => {
    const w = checkInWindow(ROOM, '2026-12-03', '10:00')!
    expect(w.opensAt.toISOString()).toBe('2026-12-03T01:45:00.000Z')
    expect(w.closesAt.toISOString()).toBe('2026-12-03T02:15:00.000Z')
    expect(checkInState(w, new Date('2026-12-03T01:44:59Z'))).toBe('TOO_EARLY')
    expect(checkInState(w, new Date('2026-12-03T02:15:00Z'))).toBe('OPEN')
    expect(checkInState(w, new Date('2026-12-03T02:15:01Z'))).toBe('CLOSED')
    expect(checkInWindow({ checkIn: { required: false, opensBeforeMinutes: 0, closesAfterMinutes: 0 } }, '2026-12-03', '10:00')).toBeNull()
  })
})

test('the rules are stated in words before the tap', () => {
  const text = rulesText({ ...ROOM, sensitive: false }).join('\n')
  expect(text).toContain('共10个名额')
  expect(text).toContain('每户最多每天1次、每周3次')
  expect(text).toContain('开始前2小时以前可自行取消')
  expect(rulesText({ ...ROOM, exclusive: true, requiresApproval: true, sensitive: true }).join('\n')).toMatch(/一户独享[\s\S]*需工作人员审核[\s\S]*敏感服务/)
})

test('results do not depend on the process time zone', () => {
  // Every function above takes instants and plain dates; re-running with a different zone view of
  // the same instants must give identical answers.
  const before = JSON.stringify(daySlots(ROOM, '2026-12-02', WED_0030))
  const saved = process.env.TZ
  process.env.TZ = 'America/Los_Angeles'
  try {
    expect(JSON.stringify(daySlots(ROOM, '2026-12-02', WED_0030))).toBe(before)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  } finally {
    process.env.TZ = saved
  }
})
