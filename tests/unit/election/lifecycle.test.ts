/**
 * Lifecycle rules of issue #12 (domain/election/lifecycle.ts): dates enforced (R1.8, R3.1),
 * extensions up to 3 months in all (R3.12), the one-year lock, the preparatory group (R3.2).
 */
import { addDays, addMonths, checkTransition, itemKeyOf, lockedUntil, prepGroupProblems, scheduleProblems, thresholdOf, votingOpen, type LifecycleState } from '@domain/election/lifecycle'

const T = new Date('2027-03-01T00:00:00Z')
const base = (over: Partial<LifecycleState> = {}): LifecycleState => ({
  status: 'ROSTER_PUBLICIZED',
  votingOpensAt: addDays(T, 15),
  votingClosesAt: addDays(T, 30),
  originalClosesAt: addDays(T, 30),
  docsPublicizedAt: null,
  prelimAt: null,
  ...over,
})
const q = (quorumMet: boolean, extra = {}) => ({ quorumMet, ...extra })

test('R1.1: items 6–8 SPECIAL, the others ORDINARY', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(thresholdOf)).toEqual(['ORDINARY', 'ORDINARY', 'ORDINARY', 'ORDINARY', 'ORDINARY', 'SPECIAL', 'SPECIAL', 'SPECIAL', 'ORDINARY'])
})

describe('publicity: at least 15 days before voting opens (R1.8)', () => {
  test('a schedule opening in exactly 15 days is fine; 1 ms earlier is not', () => {
    expect(scheduleProblems(addDays(T, 15), addDays(T, 20), T)).toBeNull()
    expect(scheduleProblems(new Date(addDays(T, 15).getTime() - 1), addDays(T, 20), T)).toHaveProperty('votingOpensAt')
  })
  test('window of 1–60 days', () => {
    expect(scheduleProblems(addDays(T, 15), addDays(T, 15.5), T)).toHaveProperty('votingClosesAt')
    expect(scheduleProblems(addDays(T, 15), addDays(T, 75), T)).toBeNull()
    expect(scheduleProblems(addDays(T, 15), addDays(T, 75.01), T)).toHaveProperty('votingClosesAt')
  })
  test('publishing the documents needs voting to open ≥ 15 days later', () => {
    expect(checkTransition(base(), 'DOCS_PUBLICIZED', T, q(false))).toMatchObject({ ok: true, patch: { status: 'DOCS_PUBLICIZED', docsPublicizedAt: T } })
    expect(checkTransition(base(), 'DOCS_PUBLICIZED', addDays(T, 1), q(false))).toMatchObject({ ok: false })
  })
  test('voting is refused before the publicity ends, even when the planned opening has passed', () => {
    const s = base({ status: 'DOCS_PUBLICIZED', docsPublicizedAt: T, votingOpensAt: addDays(T, 15) })
    expect(checkTransition(s, 'VOTING_OPEN', addDays(T, 14.99), q(false)).ok).toBe(false)
    expect(checkTransition(s, 'VOTING_OPEN', addDays(T, 15), q(false)).ok).toBe(true)
    const late = base({ status: 'DOCS_PUBLICIZED', docsPublicizedAt: addDays(T, 5), votingOpensAt: addDays(T, 15) })
    expect(checkTransition(late, 'VOTING_OPEN', addDays(T, 16), q(false)).ok).toBe(false)
  })
  test('an election needs candidates before its publicity', () => {
    expect(checkTransition(base(), 'DOCS_PUBLICIZED', T, q(false, { seats: 5, candidates: 0 })).ok).toBe(false)
    expect(checkTransition(base(), 'DOCS_PUBLICIZED', T, q(false, { seats: 5, candidates: 6 })).ok).toBe(true)
  })
})

describe('the voting window', () => {
  const open = base({ status: 'VOTING_OPEN', docsPublicizedAt: T })
  test('open from votingOpensAt (inclusive) to votingClosesAt (exclusive)', () => {
    expect(votingOpen(open, new Date(open.votingOpensAt.getTime() - 1))).toBe(false)
    expect(votingOpen(open, open.votingOpensAt)).toBe(true)
    expect(votingOpen(open, new Date(open.votingClosesAt.getTime() - 1))).toBe(true)
    expect(votingOpen(open, open.votingClosesAt)).toBe(false)
    expect(votingOpen({ ...open, status: 'PRELIM_RESULT' }, addDays(T, 20))).toBe(false)
  })
  test('no preliminary result before the close, nor without the quorum', () => {
    expect(checkTransition(open, 'PRELIM_RESULT', addDays(T, 29), q(true)).ok).toBe(false)
    expect(checkTransition(open, 'PRELIM_RESULT', addDays(T, 30), q(false)).ok).toBe(false)
    expect(checkTransition(open, 'PRELIM_RESULT', addDays(T, 30), q(true)).ok).toBe(true)
  })
  test('the result is final only after the 15-day objection window', () => {
    const prelim = { ...open, status: 'PRELIM_RESULT' as const, prelimAt: addDays(T, 30) }
    expect(checkTransition(prelim, 'RESULT_FINAL', addDays(T, 44.99), q(true)).ok).toBe(false)
    expect(checkTransition(prelim, 'RESULT_FINAL', addDays(T, 45), q(true)).ok).toBe(true)
  })
})

describe('extensions: quorum short, up to 3 months in all from the original close (R3.12)', () => {
  const open = base({ status: 'VOTING_OPEN', docsPublicizedAt: T, votingClosesAt: new Date('2027-01-31T00:00:00Z'), originalClosesAt: new Date('2027-01-31T00:00:00Z') })
  const at = new Date('2027-01-31T00:00:00Z')
  test('3 calendar months from 31 January is 30 April (month-end clamped)', () => {
    expect(addMonths(new Date('2027-01-31T00:00:00Z'), 3).toISOString()).toBe('2027-04-30T00:00:00.000Z')
    expect(addMonths(new Date('2027-11-30T00:00:00Z'), 3).toISOString()).toBe('2028-02-29T00:00:00.000Z')
  })
  test('exactly at the limit is allowed; a second beyond is not; several extensions share the limit', () => {
    const limit = new Date('2027-04-30T00:00:00Z')
    expect(checkTransition(open, 'EXTEND', at, q(false, { newClosesAt: limit }))).toMatchObject({ ok: true, patch: { votingClosesAt: limit } })
    expect(checkTransition(open, 'EXTEND', at, q(false, { newClosesAt: new Date(limit.getTime() + 1000) }))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
    const extended = { ...open, votingClosesAt: new Date('2027-03-15T00:00:00Z') }
    expect(checkTransition(extended, 'EXTEND', at, q(false, { newClosesAt: limit })).ok).toBe(true)
    expect(checkTransition(extended, 'EXTEND', at, q(false, { newClosesAt: new Date('2027-05-01T00:00:00Z') })).ok).toBe(false)
  })
  test('not when the quorum is met, not backwards', () => {
    expect(checkTransition(open, 'EXTEND', at, q(true, { newClosesAt: addDays(at, 10) })).ok).toBe(false)
    expect(checkTransition(open, 'EXTEND', at, q(false, { newClosesAt: addDays(at, -1) })).ok).toBe(false)
  })
})

describe('termination and the one-year lock', () => {
  const open = base({ status: 'VOTING_OPEN', docsPublicizedAt: T })
  test('only after the close with the quorum short; locks for a year', () => {
    expect(checkTransition(open, 'TERMINATED', addDays(T, 29), q(false)).ok).toBe(false)
    expect(checkTransition(open, 'TERMINATED', addDays(T, 30), q(true)).ok).toBe(false)
    const r = checkTransition(open, 'TERMINATED', addDays(T, 30), q(false))
    expect(r).toMatchObject({ ok: true, patch: { status: 'TERMINATED', lockUntil: addMonths(addDays(T, 30), 12) } })
  })
  test('the lock holds for the same item until the day, not for other items', () => {
    const key = itemKeyOf('c1', 4, '续聘物业')
    const lock = new Date('2028-03-31T00:00:00Z')
    const done = [{ itemKey: key, lockUntil: lock }]
    expect(lockedUntil(done, key, new Date('2028-03-30T23:59:59Z'))).toEqual(lock)
    expect(lockedUntil(done, key, lock)).toBeNull()
    expect(lockedUntil(done, itemKeyOf('c1', 5, '用维修资金'), new Date('2027-06-01T00:00:00Z'))).toBeNull()
    expect(lockedUntil(done, itemKeyOf('c2', 4, '续聘物业'), new Date('2027-06-01T00:00:00Z'))).toBeNull()
  })
  test('items 1–8 are locked by matter whatever the title; item 9 by its title', () => {
    expect(itemKeyOf('c1', 4, '续聘物业')).toBe(itemKeyOf('c1', 4, '再次续聘 物业公司'))
    expect(itemKeyOf('c1', 9, '增设充电桩')).not.toBe(itemKeyOf('c1', 9, '出租会所'))
    expect(itemKeyOf('c1', 9, '增设 充电桩')).toBe(itemKeyOf('c1', 9, '增设充电桩'))
  })
})

describe('transitions out of order are refused', () => {
  test.each([
    ['PREP_GROUP_FORMED', 'VOTING_OPEN'],
    ['PREP_GROUP_FORMED', 'DOCS_PUBLICIZED'],
    ['ROSTER_PUBLICIZED', 'PRELIM_RESULT'],
    ['RESULT_FINAL', 'EXTEND'],
    ['TERMINATED', 'VOTING_OPEN'],
    ['VOTING_OPEN', 'ROSTER_PUBLICIZED'],
  ] as const)('%s → %s', (from, to) => {
    expect(checkTransition(base({ status: from, docsPublicizedAt: T }), to, addDays(T, 40), q(false, { newClosesAt: addDays(T, 50) })).ok).toBe(false)
  })
})

test('R3.2 preparatory group: odd, owners ≥ half, leader from the sub-district or residents\' committee', () => {
  const m = (kind: 'OWNER' | 'SUBDISTRICT' | 'DEVELOPER' | 'RESIDENTS_COMMITTEE') => ({ name: 'x', kind })
  expect(prepGroupProblems([m('SUBDISTRICT'), m('OWNER'), m('OWNER')], 0)).toEqual([])
  expect(prepGroupProblems([m('SUBDISTRICT'), m('OWNER'), m('OWNER'), m('OWNER')], 0)).toEqual(['筹备组人数须为单数'])
  expect(prepGroupProblems([m('SUBDISTRICT'), m('DEVELOPER'), m('OWNER')], 0)).toEqual(['业主代表不得少于筹备组人数的一半'])
  expect(prepGroupProblems([m('SUBDISTRICT'), m('OWNER'), m('OWNER')], 1)).toEqual(['筹备组组长须由街道或居委会代表担任'])
})
