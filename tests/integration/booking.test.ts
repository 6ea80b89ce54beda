/**
 * booking (issue #11) through the local cloud with the real SDK: capacity and quotas under racing
 * calls (R5.12), cancellation windows, waitlist promotion in order, approval, the release and purge
 * timers fired on demand, sensitive services (R4, PIPL Art. 28–29), proxy booking (R6.7) and
 * resource edits that strand bookings. Dates are computed from the real clock in Asia/Shanghai.
 */
import { startTestCloud, type TestCloud } from './helpers/cloud'
import { C, b, expectError, expectOk, grant, hm, u } from './support/linli'
import { addDays, shanghaiDate } from '../../domain/booking/time'
import type { ResourceRules } from '../../domain/booking/model'
import { BOOKING_IDS } from '../../seeds/booking'
import { checkInPayload, parseCheckIn, qrModules, runsOf } from '../../src/subpackages/booking/components/check-in-qr'
import { scan } from './support/qr'

jest.setTimeout(240_000)

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t?.close()
})

const day = (n: number) => addDays(shanghaiDate(new Date()), n)
type Booking = { id: string; status: string; waitPosition: number | null; bookedByLabel: string; canCancel: boolean; checkInCode: string | null; note: string | null }

const RULES: ResourceRules = {
  weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '08:00', close: '20:00' }]])),
  closures: [],
  exceptions: [],
  slotMinutes: 60,
  capacity: 10,
  exclusive: false,
  minNoticeMinutes: 60,
  horizonDays: 7,
  quotaPerDay: 1,
  quotaPerWeek: null,
  cancelBeforeMinutes: 120,
  requiresApproval: false,
  checkIn: { required: true, opensBeforeMinutes: 15, closesAfterMinutes: 15 },
  waitlistMax: 5,
}

let resourceSeq = 0
async function newResource(over: Partial<ResourceRules> & { sensitive?: boolean; operator?: 'COMMUNITY' | 'PROPERTY' } = {}): Promise<string> {
  const { sensitive = false, operator = 'COMMUNITY', ...rules } = over
  const r = expectOk(
    await t.call<{ resource: { id: string } }>(
      'booking',
      'manage',
      {
        communityId: C,
        resource: { name: `测试活动室${++resourceSeq}`, kind: 'FACILITY', category: 'ACTIVITY_ROOM', location: '测试', description: '', operator, eligibility: 'RESIDENTS', sensitive, active: true, ...RULES, ...rules },
      },
      'o_demo_rc_staff',
    ),
  )
  return r.resource!.id
}

/** A fresh approved household with one member (written straight into the store: the tests are about booking). */
function household(prefix: string, i: number, extra: Record<string, unknown> = {}): string {
  const openid = `o_${prefix}_${i}`
  const unitId = `${C}_${prefix}_unit_${i}`
  const now = new Date()
  t.store.put('users', { _id: openid, nickname: null, realName: `测${prefix}${i}`, phone: null, elderMode: null, currentCommunityId: C, createdAt: now, updatedAt: now, ...extra }, 'replace')
  t.store.put(
    'household_members',
    { _id: hm(openid, unitId), openid, communityId: C, buildingId: b(9), unitId, relation: 'OWNER', status: 'APPROVED', realName: `测${prefix}${i}`, guardianOpenid: null, reviewedBy: 'seed', reviewNote: null, createdAt: now, updatedAt: now },
    'replace',
  )
  return openid
}

const create = (openid: string, input: Record<string, unknown>) => t.call<{ booking: Booking }>('booking', 'create', input, openid)

function held(resourceId: string, date: string, start: string) {
  return t.store.find('bookings', { resourceId, date, start, status: { $in: ['CONFIRMED', 'PENDING_APPROVAL', 'CHECKED_IN'] } })
}

describe('resources and availability', () => {
  test('the seeded 活动室 has 10 seats, a quota of one per household per day, and its rules in words', async () => {
    const { resources } = expectOk(await t.call<{ resources: { id: string; name: string; capacity: number; quotaPerDay: number; rules: string[]; sensitive: boolean; requiresApproval: boolean }[] }>('booking', 'resources', { communityId: C }, 'o_demo_resident'))
    const room = resources.find((r) => r.id === BOOKING_IDS.activityRoom)!
    expect(room).toMatchObject({ name: '室内活动室', capacity: 10, quotaPerDay: 1 })
    expect(room.rules.join()).toContain('共10个名额')
    expect(resources.find((r) => r.id === BOOKING_IDS.mediation)).toMatchObject({ requiresApproval: true, sensitive: true })
    expect(resources.find((r) => r.id === BOOKING_IDS.health)).toMatchObject({ sensitive: true })
  })

  test('availability: slots with capacity, booked and available; a week at once', async () => {
    const a = expectOk(await t.call<{ slots: { start: string; capacity: number; booked: number; available: number }[]; days: unknown[] }>('booking', 'availability', { resourceId: BOOKING_IDS.activityRoom, date: day(1), days: 7 }, 'o_demo_resident'))
    expect(a.slots.map((s) => s.start)).toEqual(['09:00', '10:00', '11:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00'])
    expect(a.slots[0]).toMatchObject({ capacity: 10, booked: 0, available: 10 })
    expect(a.days).toHaveLength(7)
  })

  test('a newcomer outside the community sees nothing', async () => {
    await t.call('user', 'bootstrap', {}, 'o_booking_stranger')
    expectError(await t.call('booking', 'availability', { resourceId: BOOKING_IDS.activityRoom, date: day(1) }, 'o_booking_stranger'), 'FORBIDDEN')
  })
})

describe('bad input: a clear error and nothing written', () => {
  const snapshot = () => JSON.stringify(['bookings', 'booking_slots', 'booking_quotas'].map((c) => t.store.dump(c)))
  test.each([
    ['yesterday', () => ({ date: day(-1), start: '15:00' }), 'BOOKING_OUTSIDE_WINDOW'],
    ['beyond the horizon', () => ({ date: day(8), start: '15:00' }), 'BOOKING_OUTSIDE_WINDOW'],
    ['malformed', () => ({ date: '2026-2-30', start: '15:00' }), 'VALIDATION_FAILED'],
    ['another zone’s midnight', () => ({ date: `${day(1)}T16:00:00Z`, start: '15:00' }), 'VALIDATION_FAILED'],
    ['a time off the grid', () => ({ date: day(1), start: '15:30' }), 'BOOKING_CLOSED'],
    ['the lunch break', () => ({ date: day(1), start: '12:00' }), 'BOOKING_CLOSED'],
    ['a bad time', () => ({ date: day(1), start: '25:00' }), 'VALIDATION_FAILED'],
  ])('%s → %s', async (_name, input, code) => {
    const before = snapshot()
    const err = expectError(await create('o_demo_resident', { resourceId: BOOKING_IDS.activityRoom, ...input() }), code)
    if (code === 'VALIDATION_FAILED') expect(Object.keys((err.details as { fields: object }).fields).length).toBeGreaterThan(0)
    expect(snapshot()).toBe(before)
  })
})

describe('never double-books (R5.12)', () => {
  test('200 racing bookings from 200 households for a 10-seat slot → exactly 10 CONFIRMED, 5 WAITLISTED, the rest BOOKING_SLOT_FULL', async () => {
    const resourceId = await newResource()
    const households = Array.from({ length: 200 }, (_x, i) => household('race', i))
    const date = day(2)
    // Warm all 16 instances first, so the race measures booking and not cold starts on a busy machine.
    await Promise.all(Array.from({ length: 16 }, () => t.call('booking', 'resources', { communityId: C }, 'o_demo_resident')))
    const results = await Promise.all(households.map((o) => create(o, { resourceId, date, start: '15:00' })))
    const outcome = (r: (typeof results)[number]) => (r.ok ? r.data.booking.status : r.error?.code ?? JSON.stringify(r).slice(0, 200))
    const tally: Record<string, number> = {}
    for (const r of results) tally[outcome(r)] = (tally[outcome(r)] ?? 0) + 1
    expect(tally).toEqual({ CONFIRMED: 10, WAITLISTED: 5, BOOKING_SLOT_FULL: 185 })
    // The store agrees, independently of the answers.
    expect(held(resourceId, date, '15:00')).toHaveLength(10)
    const counter = t.store.find('booking_slots', { resourceId, date, start: '15:00' })[0]
    expect(counter).toMatchObject({ held: 10 })
    expect((counter.queue as string[]).length).toBe(5)
    const a = expectOk(await t.call<{ slots: { start: string; booked: number; available: number; state: string; label: string }[] }>('booking', 'availability', { resourceId, date }, 'o_demo_resident'))
    expect(a.slots.find((s) => s.start === '15:00')).toMatchObject({ booked: 10, available: 0, state: 'FULL', label: '已满' })
  })

  test('50 racing calls from one household with a quota of 1 per day → exactly 1 booking', async () => {
    const resourceId = await newResource({ capacity: 100 })
    const o = household('quota', 1)
    const date = day(3)
    const starts = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00']
    const results = await Promise.all(Array.from({ length: 50 }, (_x, i) => create(o, { resourceId, date, start: starts[i % starts.length] })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const codes = new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code)))
    for (const c of codes) expect(['BOOKING_QUOTA_EXCEEDED', 'CONFLICT']).toContain(c)
    expect(t.store.find('bookings', { resourceId, openid: o })).toHaveLength(1)
  })

  test('a family member of the same home shares its daily quota', async () => {
    const resourceId = await newResource()
    expectOk(await create('o_demo_owner', { resourceId, date: day(2), start: '10:00' }))
    expectError(await create('o_demo_family', { resourceId, date: day(2), start: '11:00' }), 'BOOKING_QUOTA_EXCEEDED')
  })

  test('parallel cancels and bookings on a full slot keep the count exact', async () => {
    const resourceId = await newResource({ waitlistMax: 0, cancelBeforeMinutes: 0 })
    const date = day(2)
    const first = Array.from({ length: 10 }, (_x, i) => household('pc', i))
    const booked = await Promise.all(first.map((o) => create(o, { resourceId, date, start: '16:00' })))
    const ids = booked.map((r) => expectOk(r).booking.id)
    const late = Array.from({ length: 10 }, (_x, i) => household('pclate', i))
    const mixed = await Promise.all([
      ...ids.slice(0, 4).map((id, i) => t.call('booking', 'cancel', { bookingId: id }, first[i])),
      ...late.map((o) => create(o, { resourceId, date, start: '16:00' })),
    ])
    expect(mixed.slice(0, 4).every((r) => r.ok)).toBe(true)
    const lateOk = mixed.slice(4).filter((r) => r.ok).length
    expect(lateOk).toBeLessThanOrEqual(4)
    const holding = held(resourceId, date, '16:00')
    expect(holding).toHaveLength(6 + lateOk)
    expect(t.store.find('booking_slots', { resourceId, date, start: '16:00' })[0]).toMatchObject({ held: 6 + lateOk })
  })
})

describe('cancel and the waitlist', () => {
  test('inside the cancellation window residents are refused, staff are not', async () => {
    // A 7-day cancellation window: any slot within the horizon is inside it.
    const resourceId = await newResource({ cancelBeforeMinutes: 7 * 24 * 60 })
    const r = expectOk(await create('o_demo_resident', { resourceId, date: day(1), start: '10:00' }))
    expect(r.booking.canCancel).toBe(false)
    expectError(await t.call('booking', 'cancel', { bookingId: r.booking.id }, 'o_demo_resident'), 'BOOKING_CANCEL_CLOSED')
    expectOk(await t.call('booking', 'cancel', { bookingId: r.booking.id, reason: '场地临时维修' }, 'o_demo_rc_staff'))
    expect(t.store.find('bookings', { _id: r.booking.id })[0]).toMatchObject({ status: 'CANCELLED', cancelledBy: 'o_demo_rc_staff' })
    // Someone else cannot even see it.
    const other = expectOk(await create('o_demo_owner', { resourceId, date: day(1), start: '11:00' }))
    expectError(await t.call('booking', 'cancel', { bookingId: other.booking.id }, 'o_demo_resident'), 'NOT_FOUND')
  })

  test('promotion in order, with a subscribe message to the promoted household that consented to notifications', async () => {
    const resourceId = await newResource({ exclusive: true, capacity: 1, cancelBeforeMinutes: 0 })
    const [a, b1, c, d] = ['a', 'b', 'c', 'd'].map((x, i) => household(`wl${x}`, i))
    await grant(t, b1, ['notifications'])
    // The platform only delivers to a user who accepted the template (one credit per accept, R5.6):
    // the local cloud answers 43101 otherwise, as WeChat does.
    t.cloud.openapi.grantSubscribeCredit(b1, 'tmpl_booking_status', 1)
    const date = day(2)
    const ra = expectOk(await create(a, { resourceId, date, start: '09:00' }))
    expect(ra.booking.status).toBe('CONFIRMED')
    const waiting: Booking[] = []
    for (const o of [b1, c, d]) waiting.push(expectOk(await create(o, { resourceId, date, start: '09:00' })).booking)
    expect(waiting.map((w) => [w.status, w.waitPosition])).toEqual([
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
      ['WAITLISTED', 3],
    ])
    const w = expectOk(await t.call<{ waiting: number; myPosition: number }>('booking', 'waitlist', { resourceId, date, start: '09:00' }, d))
    expect(w).toMatchObject({ waiting: 3, myPosition: 3 })
    const sent = t.cloud.openapi.outbox.length
    const cancel = expectOk(await t.call<{ promoted: string[] }>('booking', 'cancel', { bookingId: ra.booking.id }, a))
    expect(cancel.promoted).toEqual([waiting[0].id])
    expect(t.cloud.openapi.outbox.slice(sent)).toEqual([expect.objectContaining({ touser: b1, templateId: 'tmpl_booking_status' })])
    const mineB = expectOk(await t.call<{ bookings: Booking[] }>('booking', 'mine', {}, b1))
    expect(mineB.bookings.find((x) => x.id === waiting[0].id)).toMatchObject({ status: 'CONFIRMED', waitPosition: null })
    expect(expectOk(await t.call<{ bookings: Booking[] }>('booking', 'mine', {}, d)).bookings[0].waitPosition).toBe(2)
    // c has no notifications consent: promoted silently when b cancels.
    const again = expectOk(await t.call<{ promoted: string[] }>('booking', 'cancel', { bookingId: waiting[0].id }, b1))
    expect(again.promoted).toEqual([waiting[1].id])
    expect(t.cloud.openapi.outbox.slice(sent).map((m) => m.touser)).toEqual([b1])
  })
})

describe('check-in and the release timer', () => {
  test('staff check in by code inside the window; an unclaimed booking is released as a no-show and the waitlist promoted', async () => {
    const resourceId = await newResource({ exclusive: true, capacity: 1 })
    const [a, w1] = [household('ci', 1), household('ci', 2)]
    const date = day(1)
    const ra = expectOk(await create(a, { resourceId, date, start: '08:00' }))
    const rw = expectOk(await create(w1, { resourceId, date, start: '08:00' }))
    expect(rw.booking.status).toBe('WAITLISTED')
    const stored = t.store.find('bookings', { _id: ra.booking.id })[0]
    // Too early: the window opens 15 minutes before the start.
    expectError(await t.call('booking', 'checkIn', { communityId: C, code: stored.checkInCode }, 'o_demo_rc_staff'), 'BOOKING_OUTSIDE_WINDOW')
    // Time passes: the check-in window closed a minute ago (moved in the store; the timer reads the real clock).
    const past = new Date(Date.now() - 60_000)
    t.store.put('bookings', { ...stored, checkInOpensAt: new Date(past.getTime() - 30 * 60_000), checkInClosesAt: past }, 'replace')
    const fired = (await t.cloud.fireTimer('booking', 'release-no-shows')) as { ok: boolean; data: { released: number; promoted: number } }
    expect(fired.data).toMatchObject({ released: 1, promoted: 1 })
    expect(t.store.find('bookings', { _id: ra.booking.id })[0]).toMatchObject({ status: 'NO_SHOW' })
    const promoted = t.store.find('bookings', { _id: rw.booking.id })[0]
    expect(promoted).toMatchObject({ status: 'CONFIRMED' })
    expect(t.store.find('booking_standing', { householdKey: `u_${C}_ci_unit_1` })[0]).toMatchObject({ noShows: [expect.any(String)] })
    // Check in the promoted one inside its window.
    t.store.put('bookings', { ...promoted, checkInOpensAt: new Date(Date.now() - 60_000), checkInClosesAt: new Date(Date.now() + 10 * 60_000) }, 'replace')
    expectError(await t.call('booking', 'checkIn', { communityId: C, code: promoted.checkInCode }, 'o_demo_resident'), 'FORBIDDEN')
    const ci = expectOk(await t.call<{ booking: { status: string } }>('booking', 'checkIn', { communityId: C, code: promoted.checkInCode, bookingId: rw.booking.id }, 'o_demo_rc_staff'))
    expect(ci.booking.status).toBe('CHECKED_IN')
  })

  test('the QR on 我的预约, scanned from the screen, checks the booking in on the day sheet', async () => {
    const resourceId = await newResource()
    const p = household('qr', 1)
    const r = expectOk(await create(p, { resourceId, date: day(1), start: '09:00' }))
    const stored = t.store.find('bookings', { _id: r.booking.id })[0]
    t.store.put('bookings', { ...stored, checkInOpensAt: new Date(Date.now() - 60_000), checkInClosesAt: new Date(Date.now() + 10 * 60_000) }, 'replace')
    // What 我的预约 draws: the payload from the person's own booking view, encoded and drawn as runs.
    const mine = expectOk(await t.call<{ bookings: Booking[] }>('booking', 'mine', {}, p)).bookings.find((b) => b.id === r.booking.id)!
    const read = scan(qrModules(checkInPayload(mine.id, mine.checkInCode!)).map(runsOf))
    const parsed = parseCheckIn(read ?? '')
    expect(parsed).toEqual({ bookingId: r.booking.id, code: stored.checkInCode })
    // The day sheet sends what it parsed (booking id and code) to booking.checkIn.
    const ci = expectOk(await t.call<{ booking: { id: string; status: string } }>('booking', 'checkIn', { communityId: C, ...parsed }, 'o_demo_rc_staff'))
    expect(ci.booking).toMatchObject({ id: r.booking.id, status: 'CHECKED_IN' })
    // A QR with the right id and another code does not check anyone in.
    const other = expectOk(await create(household('qr', 2), { resourceId, date: day(1), start: '09:00' }))
    const o = t.store.find('bookings', { _id: other.booking.id })[0]
    t.store.put('bookings', { ...o, checkInOpensAt: new Date(Date.now() - 60_000), checkInClosesAt: new Date(Date.now() + 10 * 60_000) }, 'replace')
    const wrong = String((Number(o.checkInCode) + 1) % 1_000_000).padStart(6, '0')
    expectError(await t.call('booking', 'checkIn', { communityId: C, bookingId: other.booking.id, code: wrong }, 'o_demo_rc_staff'), 'NOT_FOUND')
    expect(t.store.find('bookings', { _id: other.booking.id })[0]).toMatchObject({ status: 'CONFIRMED' })
  })

  test('3 no-shows in 30 days pause the household for 7 days; a 长辈版 user is exempt', async () => {
    const now = new Date().toISOString()
    const st = (key: string) => ({ _id: `st_${C}_${key}`, communityId: C, householdKey: key, openids: [], noShows: [now, now, now], pausedUntil: new Date(Date.now() + 7 * 86400_000).toISOString() })
    const o = household('paused', 1)
    t.store.put('booking_standing', st(`u_${C}_paused_unit_1`), 'replace')
    expectError(await create(o, { resourceId: BOOKING_IDS.activityRoom, date: day(2), start: '19:00' }), 'BOOKING_PAUSED')
    const mine = expectOk(await t.call<{ standing: { pausedUntil: string | null; noShows30d: number } }>('booking', 'mine', {}, o))
    expect(mine.standing.noShows30d).toBe(3)
    expect(mine.standing.pausedUntil).not.toBeNull()
    // The appeal: the household explains, staff lift the pause, booking works again.
    expectError(await t.call('booking', 'appeal', { communityId: C, reason: '住院了没能来' }, 'o_demo_resident'), 'NOT_FOUND')
    expectOk(await t.call('booking', 'appeal', { communityId: C, reason: '住院了没能来' }, o))
    const { appeals } = expectOk(await t.call<{ appeals: { id: string; reason: string; noShows: number }[] }>('booking', 'appeals', { communityId: C }, 'o_demo_rc_staff'))
    expect(appeals).toEqual([expect.objectContaining({ id: `st_${C}_u_${C}_paused_unit_1`, reason: '住院了没能来', noShows: 3 })])
    expectOk(await t.call('booking', 'decideAppeal', { communityId: C, standingId: appeals[0].id, decision: 'LIFT', note: '情况属实' }, 'o_demo_rc_staff'))
    expectOk(await create(o, { resourceId: BOOKING_IDS.activityRoom, date: day(2), start: '19:00' }))
    expect(t.store.find('audit_log', { event: 'booking.appeal_decided', target: appeals[0].id })).toHaveLength(1)
  })

  test('the release timer pauses a household at the third no-show, but never a 长辈版 account', async () => {
    const resourceId = await newResource({ exclusive: true, capacity: 1, quotaPerDay: null })
    const young = household('ns', 1)
    const elder = household('ns', 2, { elderMode: true })
    const date = day(1)
    for (const [o, starts] of [[young, ['09:00', '10:00', '11:00']], [elder, ['12:00', '13:00', '14:00']]] as const) {
      for (const start of starts) {
        const r = expectOk(await create(o, { resourceId, date, start }))
        const stored = t.store.find('bookings', { _id: r.booking.id })[0]
        t.store.put('bookings', { ...stored, checkInOpensAt: new Date(Date.now() - 3_600_000), checkInClosesAt: new Date(Date.now() - 60_000) }, 'replace')
      }
    }
    await t.cloud.fireTimer('booking', 'release-no-shows')
    expectError(await create(young, { resourceId, date, start: '15:00' }), 'BOOKING_PAUSED')
    expectOk(await create(elder, { resourceId, date, start: '16:00' }))
  })
})

describe('approval', () => {
  test('an approval-required resource books PENDING_APPROVAL; staff approve or reject (reject promotes the waitlist)', async () => {
    const resourceId = await newResource({ exclusive: true, capacity: 1, requiresApproval: true })
    const [a, w1] = [household('ap', 1), household('ap', 2)]
    const date = day(3)
    const ra = expectOk(await create(a, { resourceId, date, start: '10:00' }))
    expect(ra.booking.status).toBe('PENDING_APPROVAL')
    const rw = expectOk(await create(w1, { resourceId, date, start: '10:00' }))
    expect(rw.booking.status).toBe('WAITLISTED')
    const work = expectOk(await t.call<{ pendingApprovals: number }>('booking', 'workload', { communityId: C }, 'o_demo_rc_staff'))
    expect(work.pendingApprovals).toBeGreaterThanOrEqual(1)
    expectError(await t.call('booking', 'approve', { communityId: C, bookingId: ra.booking.id, decision: 'APPROVE' }, 'o_demo_property_staff'), 'FORBIDDEN')
    const rej = expectOk(await t.call<{ promoted: string[]; booking: { status: string } }>('booking', 'approve', { communityId: C, bookingId: ra.booking.id, decision: 'REJECT', note: '时段已安排他用' }, 'o_demo_rc_staff'))
    expect(rej).toMatchObject({ booking: { status: 'REJECTED' }, promoted: [rw.booking.id] })
    // Promoted onto an approval-required resource: pending again, then approved.
    expect(t.store.find('bookings', { _id: rw.booking.id })[0]).toMatchObject({ status: 'PENDING_APPROVAL' })
    const ok = expectOk(await t.call<{ booking: { status: string } }>('booking', 'approve', { communityId: C, bookingId: rw.booking.id, decision: 'APPROVE' }, 'o_demo_rc_staff'))
    expect(ok.booking.status).toBe('CONFIRMED')
    expectError(await t.call('booking', 'approve', { communityId: C, bookingId: rw.booking.id, decision: 'APPROVE' }, 'o_demo_rc_staff'), 'CONFLICT')
  })
})

describe('sensitive services (R4, PIPL Art. 28–29)', () => {
  test('booking needs the separate consent; others see counts only; the day sheet shows no unit; the purge timer removes personal fields', async () => {
    const resourceId = await newResource({ exclusive: true, capacity: 1, sensitive: true })
    const o = household('sens', 1)
    const date = day(2)
    const before = JSON.stringify(t.store.dump('bookings'))
    const refused = expectError(await create(o, { resourceId, date, start: '09:00', note: '高血压复诊' }), 'CONSENT_REQUIRED')
    expect(refused.details).toMatchObject({ purpose: 'booking_sensitive' })
    expect(JSON.stringify(t.store.dump('bookings'))).toBe(before)
    await grant(t, o, ['booking_sensitive'])
    const r = expectOk(await create(o, { resourceId, date, start: '09:00', note: '高血压复诊' }))
    expect(r.booking.note).toBe('高血压复诊')
    // Another resident: availability says 已满/候补 with counts, nothing personal; no staff list.
    const other = await t.call('booking', 'availability', { resourceId, date }, 'o_demo_resident')
    const text = JSON.stringify(other)
    expect(text).not.toMatch(/测sens|高血压|sens_unit|o_sens/)
    expect(expectOk(other as never as Parameters<typeof expectOk>[0]) as { slots: { start: string; booked: number }[] }).toMatchObject({ slots: expect.arrayContaining([expect.objectContaining({ start: '09:00', booked: 1 })]) })
    expectError(await t.call('booking', 'list', { communityId: C, resourceId, date }, 'o_demo_resident'), 'FORBIDDEN')
    const sheet = expectOk(await t.call<{ rows: { unitLabel: string | null; nameMasked: string }[] }>('booking', 'list', { communityId: C, resourceId, date }, 'o_demo_rc_staff'))
    // Staff receive the person: a masked name, no unit (R4.9; sensitive services list no home).
    expect(sheet.rows).toEqual([expect.objectContaining({ unitLabel: null })])
    expect(sheet.rows[0].nameMasked).not.toBe('测sens1')
    expect(sheet.rows[0].nameMasked).toContain('*')
    // Nobody books a sensitive service for someone else.
    expectError(await create('o_demo_grid_worker', { resourceId, date, start: '10:00', forMemberId: hm('o_demo_elder', u(4, '102')), proxyNote: '电话确认过' }), 'FORBIDDEN')
    // Retention passes (moved in the store), the purge timer runs.
    const stored = t.store.find('bookings', { _id: r.booking.id })[0]
    t.store.put('bookings', { ...stored, purgeAt: new Date(Date.now() - 1000) }, 'replace')
    await t.cloud.fireTimer('booking', 'purge-bookings')
    const purged = t.store.find('bookings', { _id: r.booking.id })[0]
    expect(purged).toMatchObject({ note: null, openid: 'purged', bookedBy: 'purged', unitId: null })
    expect(JSON.stringify(t.store.dump('bookings'))).not.toContain('高血压')
  })

  test('a note is refused for an ordinary facility (minimum necessary)', async () => {
    expectError(await create('o_demo_resident', { resourceId: BOOKING_IDS.library, date: day(1), start: '09:00', note: '想看书' }), 'VALIDATION_FAILED')
  })
})

describe('on behalf of others (R6.7)', () => {
  const elderMember = hm('o_demo_elder', u(4, '102'))
  test('a grid worker books for a resident of their grid only with a phone note or the resident’s consent; shown, cancellable, audited', async () => {
    const resourceId = await newResource()
    const date = day(2)
    const refused = expectError(await create('o_demo_grid_worker', { resourceId, date, start: '10:00', forMemberId: elderMember }), 'FORBIDDEN')
    expect(refused.details).toMatchObject({ reason: 'PROXY_AGREEMENT_REQUIRED' })
    // The other grid's worker cannot, whatever the note.
    expectError(await create('o_demo_grid_worker_2', { resourceId, date, start: '10:00', forMemberId: elderMember, proxyNote: '已电话确认' }), 'FORBIDDEN')
    await grant(t, 'o_demo_elder', ['notifications'])
    t.cloud.openapi.grantSubscribeCredit('o_demo_elder', 'tmpl_booking_status', 1)
    const sent = t.cloud.openapi.outbox.length
    const r = expectOk(await create('o_demo_grid_worker', { resourceId, date, start: '10:00', forMemberId: elderMember, proxyNote: '12月1日电话，陈阿姨同意代约' }))
    expect(r.booking.bookedByLabel).toBe('网格员周*代约')
    // She is told (she consented to notifications), on the page where she can cancel it.
    expect(t.cloud.openapi.outbox.slice(sent)).toEqual([expect.objectContaining({ touser: 'o_demo_elder', page: 'subpackages/booking/pages/mine/index' })])
    const mine = expectOk(await t.call<{ bookings: (Booking & { forSelf: boolean })[] }>('booking', 'mine', {}, 'o_demo_elder'))
    expect(mine.bookings.find((x) => x.id === r.booking.id)).toMatchObject({ bookedByLabel: '网格员周*代约', forSelf: true, canCancel: true })
    expect(t.store.find('audit_log', { event: 'booking.proxy', target: r.booking.id })[0]).toMatchObject({ actorOpenid: 'o_demo_grid_worker', details: { subjectOpenid: 'o_demo_elder', basis: 'PHONE_NOTE' } })
    expectOk(await t.call('booking', 'cancel', { bookingId: r.booking.id }, 'o_demo_elder'))
  })

  test('a family member books for someone of the same home', async () => {
    const resourceId = await newResource()
    const r = expectOk(await create('o_demo_family', { resourceId, date: day(2), start: '11:00', forMemberId: hm('o_demo_owner', u(1, '101')) }))
    expect(r.booking.bookedByLabel).toBe('家人张*明代约')
    expect(t.store.find('bookings', { _id: r.booking.id })[0]).toMatchObject({ openid: 'o_demo_owner', bookedBy: 'o_demo_family', bookedByRole: 'FAMILY' })
  })
})

describe('whom one may book for (booking.proxyTargets, R6.7)', () => {
  type Target = { memberId: string; nameMasked: string; unitLabel: string; agreement: string }
  type Targets = { family: Target[]; buildings: { id: string; name: string }[]; residents: Target[]; hasMore: boolean }
  const targets = (openid: string, input: Record<string, unknown> = {}) => t.call<Targets>('booking', 'proxyTargets', { communityId: C, ...input }, openid)

  test('a family member gets the others of their home, masked, needing no agreement; no buildings', async () => {
    const r = expectOk(await targets('o_demo_family'))
    expect(r.family).toEqual([expect.objectContaining({ memberId: hm('o_demo_owner', u(1, '101')), nameMasked: '张*国', unitLabel: '1栋101', agreement: 'FAMILY' })])
    expect(r.buildings).toEqual([])
    expect(JSON.stringify(r)).not.toContain('张建国')
    expectError(await targets('o_demo_family', { buildingId: b(4) }), 'FORBIDDEN')
  })

  test('a tenant and the unit’s owner are not one family: neither is listed nor may book for the other', async () => {
    // 刘晓燕 rents 6栋302; its owner is on the register too.
    const landlord = t.store.find('household_members', { unitId: u(6, '302'), relation: 'OWNER', status: 'APPROVED' })[0]
    expect(landlord).toBeDefined()
    expect(expectOk(await targets('o_demo_resident')).family).toEqual([])
    expect(expectOk(await targets(landlord.openid as string)).family).toEqual([])
    const resourceId = await newResource()
    expectError(await create('o_demo_resident', { resourceId, date: day(2), start: '12:00', forMemberId: landlord._id }), 'FORBIDDEN')
    expectError(await create(landlord.openid as string, { resourceId, date: day(2), start: '13:00', forMemberId: hm('o_demo_resident', u(6, '302')) }), 'FORBIDDEN')
  })

  test('a grid worker gets their grid’s buildings and, per building, the residents with their agreement on record', async () => {
    const before = expectOk(await targets('o_demo_grid_worker'))
    expect(before.buildings.map((x) => x.id)).toEqual([b(1), b(2), b(3), b(4)])
    let rows = await targets('o_demo_grid_worker', { buildingId: b(4) })
    let elderRow = expectOk(rows).residents.find((x) => x.memberId === hm('o_demo_elder', u(4, '102')))
    expect(elderRow).toMatchObject({ nameMasked: '陈*兰', agreement: 'NONE' })
    // The resident records the agreement in 隐私设置; the list says so, and booking needs no note.
    await grant(t, 'o_demo_elder', ['booking_proxy'])
    rows = await targets('o_demo_grid_worker', { buildingId: b(4) })
    elderRow = expectOk(rows).residents.find((x) => x.memberId === hm('o_demo_elder', u(4, '102')))
    expect(elderRow).toMatchObject({ agreement: 'CONSENT' })
    const resourceId = await newResource()
    const booked = expectOk(await create('o_demo_grid_worker', { resourceId, date: day(3), start: '10:00', forMemberId: elderRow!.memberId }))
    expect(t.store.find('audit_log', { event: 'booking.proxy', target: booked.booking.id })[0]).toMatchObject({ details: { basis: 'CONSENT' } })
    // Another grid's building, or another grid's worker: refused (R7.2).
    expectError(await targets('o_demo_grid_worker', { buildingId: b(6) }), 'FORBIDDEN')
    expectError(await targets('o_demo_grid_worker_2', { buildingId: b(4) }), 'FORBIDDEN')
    // A resident is nobody's grid worker.
    expectError(await targets('o_demo_resident', { buildingId: b(4) }), 'FORBIDDEN')
  })
})

describe('resource edits that strand bookings', () => {
  test('fewer seats lists the affected bookings; confirming cancels them and notifies the people', async () => {
    const resourceId = await newResource({ capacity: 3 })
    const people = [household('edit', 1), household('edit', 2), household('edit', 3)]
    for (const p of people) await grant(t, p, ['notifications'])
    for (const p of people) t.cloud.openapi.grantSubscribeCredit(p, 'tmpl_booking_status', 1)
    const date = day(2)
    const ids: string[] = []
    for (const p of people) ids.push(expectOk(await create(p, { resourceId, date, start: '14:00' })).booking.id)
    const resource = { name: '测试活动室改', kind: 'FACILITY', category: 'ACTIVITY_ROOM', location: '测试', description: '', operator: 'COMMUNITY', eligibility: 'RESIDENTS', sensitive: false, active: true, ...RULES, capacity: 1 }
    const ask = expectOk(await t.call<{ saved: boolean; affected: { id: string; reason: string }[] }>('booking', 'manage', { communityId: C, resourceId, resource }, 'o_demo_rc_staff'))
    expect(ask.saved).toBe(false)
    expect(ask.affected.map((a) => [a.id, a.reason])).toEqual([
      [ids[1], 'SEATS'],
      [ids[2], 'SEATS'],
    ])
    expect(t.store.find('booking_resources', { _id: resourceId })[0]).toMatchObject({ capacity: 3 })
    const sent = t.cloud.openapi.outbox.length
    const done = expectOk(await t.call<{ saved: boolean }>('booking', 'manage', { communityId: C, resourceId, resource, confirm: true }, 'o_demo_rc_staff'))
    expect(done.saved).toBe(true)
    expect(held(resourceId, date, '14:00').map((d) => d._id)).toEqual([ids[0]])
    expect(t.cloud.openapi.outbox.slice(sent).map((m) => m.touser).sort()).toEqual([people[1], people[2]].sort())
  })

  test('property staff manage only the property’s facilities', async () => {
    const base = { name: '物业篮球场', kind: 'FACILITY', category: 'FITNESS', location: '北门', description: '', eligibility: 'COMMUNITY', sensitive: false, active: true, ...RULES }
    expectOk(await t.call('booking', 'manage', { communityId: C, resource: { ...base, operator: 'PROPERTY' } }, 'o_demo_property_staff'))
    expectError(await t.call('booking', 'manage', { communityId: C, resource: { ...base, operator: 'COMMUNITY' } }, 'o_demo_property_staff'), 'FORBIDDEN')
    expectError(await t.call('booking', 'list', { communityId: C, resourceId: BOOKING_IDS.activityRoom, date: day(1) }, 'o_demo_property_staff'), 'FORBIDDEN')
    expectOk(await t.call('booking', 'list', { communityId: C, resourceId: BOOKING_IDS.fitness, date: day(1) }, 'o_demo_property_staff'))
  })
})
